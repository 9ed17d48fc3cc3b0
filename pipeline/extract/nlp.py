"""spaCy's French model, loaded once per process with only what the extractors use (NER).

Generic NER misses names in capitals in lists, so the extractors read lists by
their layout; the model serves where prose names an organisation or a person
without a civility or a list around it.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import threading
from pathlib import Path
from typing import Any

from pipeline.config import load_settings
from pipeline.errors import ConfigError

log = logging.getLogger(__name__)
_EXCLUDED = ["morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
_MAX_CHARS = 20_000
_LOCK = threading.Lock()


def get_nlp() -> Any:
    """The spaCy pipeline named in models/config.yaml (nlp.spacy_model), NER only, loaded once."""
    with _LOCK:
        return _load()


@functools.cache
def _load() -> Any:
    import spacy

    name = load_settings().nlp.spacy_model
    try:
        nlp = spacy.load(name, exclude=_EXCLUDED)
    except OSError as error:
        raise ConfigError(
            f"spaCy model {name!r} is not installed",
            remedy=f"pip install {name.replace('_', '-')} (make setup)",
        ) from error
    log.info("loaded spaCy model %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def known_word(word: str) -> bool:
    """Is ``word`` in the French model's vocabulary (as written, capitalised or in lower case)? A
    spelling the model has seen ('Daniel') is a better reading than an OCR slip of it ('Daniet')."""
    strings = _vocabulary()
    return any(form in strings for form in (word, word.capitalize(), word.lower()))


@functools.cache
def _vocabulary() -> frozenset[str] | Any:
    """The model's strings, read from its package (``vocab/strings.json``: a tenth of a second)
    without loading the model itself; the loaded model's store when the file is not there."""
    name = load_settings().nlp.spacy_model
    spec = importlib.util.find_spec(name)
    folder = Path(spec.origin).parent if spec and spec.origin else None
    for path in sorted(folder.glob("*/vocab/strings.json")) if folder else []:
        with path.open(encoding="utf-8") as file:
            return frozenset(json.load(file))
    return get_nlp().vocab.strings


def entities(text: str, start: int, end: int, labels: frozenset[str]) -> list[tuple[str, int, int]]:
    """Entities of the given labels in ``text[start:end]``: (text, absolute start, absolute end)."""
    chunk = text[start : min(end, start + _MAX_CHARS)]
    if not chunk.strip():
        return []
    document = get_nlp()(chunk)
    return [(ent.text, start + ent.start_char, start + ent.end_char) for ent in document.ents if ent.label_ in labels]


def organisations_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Organisations (ORG) named in the span, in order."""
    return entities(text, start, end, frozenset({"ORG"}))


def persons_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """People (PER) named in the span, in order."""
    return entities(text, start, end, frozenset({"PER"}))
