"""OCR repair of a name against the attendance lists: 'DI SMEDT André' read in a sentence is the
'DESMEDT André' of the present list when that member, and only that one, is within two letters.

The list may hold the slip instead ('DELARRE Daniet' listed, 'DELARRE Daniel' in the proxy clause):
a name is not replaced by a listed spelling with fewer words the French vocabulary knows."""

from __future__ import annotations

import functools
import re

from pipeline.extract import nlp
from pipeline.records import Member
from pipeline.textutil import edit_distance, fold

_MIN_LETTERS = 6


def closest_member(name: str, members: list[Member], statuses: frozenset[str]) -> str | None:
    """The listed name ``name`` is an OCR slip of, or None (exact match, none close, or several)."""
    key = _letters(name)
    candidates = [member.name for member in members if member.status in statuses]
    if len(key) < _MIN_LETTERS or any(_same(name, candidate) for candidate in candidates):
        return None
    limit = min(2, len(key) // 5)
    near = {candidate for candidate in candidates if any(_within(key, form, limit) for form in _forms(candidate))}
    if len(near) != 1:
        return None
    listed = near.pop()
    return listed if _known_words(listed) >= _known_words(name) else None


def _within(key: str, form: str, limit: int) -> bool:
    """Whether two letter strings are at most ``limit`` edits apart."""
    return abs(len(form) - len(key)) <= limit and edit_distance(key, form, limit) <= limit


def _known_words(name: str) -> int:
    """How many words of the name (three letters or more) the French vocabulary knows."""
    return sum(nlp.known_word(word) for word in _WORDS.findall(name) if len(word) >= 3)


def _same(a: str, b: str) -> bool:
    return _letters(a) in _forms(b)


@functools.lru_cache(maxsize=16384)
def _letters(name: str) -> str:
    return _NOT_LETTER.sub("", fold(name))


_NOT_LETTER = re.compile(r"[^a-z]")
_WORDS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=16384)
def _forms(name: str) -> frozenset[str]:
    """The letters of a name in its order and with its first token moved last ('NOM Prénom' ↔ 'Prénom NOM')."""
    tokens = name.split()
    rotated = [*tokens[1:], *tokens[:1]]
    back = [*tokens[-1:], *tokens[:-1]]
    return frozenset(_letters(" ".join(order)) for order in (tokens, rotated, back))
