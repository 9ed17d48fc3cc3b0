"""Normalisation and comparison of single values, following the gold README's rules.

Every comparison is *gold vs predicted* and tolerant only of what does not change the
meaning: Unicode form, case, typographic apostrophes, quotes and dashes, spacing; for
names also accents, civilities, initials and word order. See README "Evaluation".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any

#: Minimum :func:`object_similarity` for two objects (titles) to count as the same.
OBJECT_THRESHOLD = 0.9

_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("’‘‛ʼʹ´`′", "'"),
        **dict.fromkeys("«»“”„‟″", '"'),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        "º": "°",
    }
)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_CIVILITIES = frozenset(
    {"m", "mm", "mme", "mmes", "mr", "mrs", "mlle", "mlles", "monsieur", "madame", "mademoiselle"}
    | {"messieurs", "mesdames"}
)
_INITIAL = re.compile(r"^(?:[a-z]\.)+[a-z]?$|^[a-z]$")
_ARTICLES = frozenset({"le", "la", "l", "les", "son", "sa"})
_NUMBER_PREFIX = re.compile(r"^(?:n\s*°|no\b\.?|num(?:ero)?\b\.?)\s*")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FRENCH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def fold_typography(text: str) -> str:
    """NFKC, one apostrophe, one quote and one dash character, no space around them, single spaces.

    Example: ``"Zones d’accélération – « Bilan »"`` → ``'Zones d\\'accélération-"Bilan"'``.
    """
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    text = re.sub(r"\s*([-'\"])\s*", r"\1", text)
    text = re.sub(r"\s+([:;!?,.)])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def normalize_text(text: str) -> str:
    """:func:`fold_typography` then case folding: the form text fields are compared in."""
    return fold_typography(text).casefold()


def strip_accents(text: str) -> str:
    """Remove diacritics and spell out the œ/æ ligatures (``"Œuvre Fléville"`` → ``"OEuvre Fleville"``)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Typography, case and accents folded: the loosest text form, used for names and objects."""
    return strip_accents(normalize_text(text))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def name_tokens(name: str | None) -> frozenset[str]:
    """The words of a person's name without civility nor initials, folded.

    ``"Mme VAN EECKHOUT Sophie"`` → {van, eeckhout, sophie}; ``"RYCKELYNCK J.P."`` → {ryckelynck}.
    """
    if not name:
        return frozenset()
    tokens: set[str] = set()
    for part in re.split(r"[\s\-']+", fold(name)):
        part = part.strip(",;:()[]")
        if not part or _INITIAL.match(part):
            continue
        word = re.sub(r"\W", "", part)
        if word and word not in _CIVILITIES:
            tokens.add(word)
    return frozenset(tokens)


def same_name(gold: str | None, pred: str | None) -> bool:
    """Person names: equal token sets, or one a subset of the other (a surname alone matches)."""
    gold_tokens, pred_tokens = name_tokens(gold), name_tokens(pred)
    if not gold_tokens or not pred_tokens:
        return gold_tokens == pred_tokens
    return gold_tokens <= pred_tokens or pred_tokens <= gold_tokens


def same_organisation(gold: str | None, pred: str | None) -> bool:
    """Organisation or place names: one contains the other on word boundaries, folded.

    ``"Porte du Hainaut"`` matches ``"Communauté d'Agglomération de La Porte du Hainaut"``.
    """
    gold_words, pred_words = " ".join(_words(gold or "")), " ".join(_words(pred or ""))
    if not gold_words or not pred_words:
        return gold_words == pred_words
    return f" {gold_words} " in f" {pred_words} " or f" {pred_words} " in f" {gold_words} "


def same_role(gold: str | None, pred: str | None) -> bool:
    """Roles (``"Maire"``, ``"Président"``): equal once folded and without a leading article."""

    def key(role: str | None) -> list[str]:
        words = _words(role or "")
        while words and words[0] in _ARTICLES:
            words = words[1:]
        return words

    return key(gold) == key(pred)


def object_similarity(gold: str | None, pred: str | None) -> float:
    """Similarity (0–1, :class:`difflib.SequenceMatcher` ratio) of two folded titles; 0 if one is missing."""
    if not gold or not pred:
        return 1.0 if not gold and not pred else 0.0
    return SequenceMatcher(None, fold(gold), fold(pred), autojunk=False).ratio()


def same_object(gold: str | None, pred: str | None, threshold: float = OBJECT_THRESHOLD) -> bool:
    """Objects match when their :func:`object_similarity` reaches ``threshold`` (default 0.9) and
    they hold the same numbers in the same order ("M14 - Budget 2021" is not "M49 - Budget 2021")."""
    if object_similarity(gold, pred) < threshold:
        return False
    return re.findall(r"\d+", fold(gold or "")) == re.findall(r"\d+", fold(pred or ""))


def to_iso_date(value: Any) -> Any:
    """A date as ``yyyy-mm-dd`` (also read from ``dd/mm/yyyy`` or a datetime); other values unchanged."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return value
    text = value.strip()
    if iso := _ISO_DATE.match(text):
        parts = iso.groups()
    elif french := _FRENCH_DATE.match(text):
        day, month, year = french.groups()
        parts = (year, month, day)
    else:
        return text
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return text


def to_count(value: Any) -> Any:
    """A count as an int (also from ``"12"`` or ``12.0``); booleans and other values unchanged."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
        return int(value.strip())
    return value


def to_bool(value: Any) -> Any:
    """``True``/``False`` (also from ``"true"``/``"false"``); other values unchanged."""
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return value


def to_identifier(value: Any) -> Any:
    """An ACTES ID or SIREN: typography folded, no whitespace, upper case."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\s+", "", fold_typography(value)).upper() or None


def to_number(value: Any) -> Any:
    """A deliberation number: folded, a leading ``N°`` removed, no whitespace (``"N° 10"`` → ``"10"``)."""
    if not isinstance(value, str):
        return value
    text = _NUMBER_PREFIX.sub("", strip_accents(normalize_text(value)))
    return re.sub(r"\s+", "", text) or None


def to_text(value: Any) -> Any:
    """Free text and enumerations: :func:`normalize_text`; empty text is null."""
    if not isinstance(value, str):
        return value
    return normalize_text(value) or None
