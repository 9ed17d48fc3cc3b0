"""Matching people's names as records write them.

Civility, case, accents and punctuation are ignored, "NOM Prénom" equals "Prénom NOM", and a
surname alone or with initials ("BONNET", "MURCIA B.") matches the full name, as a weaker match.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pipeline.identifiers import fold
from pipeline.records import Member

Strength = Literal["full", "partial"]

_CIVILITIES = frozenset(
    [
        "m",
        "mme",
        "mmes",
        "mr",
        "mrs",
        "mm",
        "mlle",
        "melle",
        "monsieur",
        "madame",
        "mademoiselle",
        "messieurs",
        "mesdames",
        "dr",
        "docteur",
    ]
)
_ROLES = frozenset(
    ["maire", "adjoint", "adjointe", "president", "presidente", "conseiller", "conseillere", "municipal"]
)


@dataclass(frozen=True)
class NameKey:
    """A name as comparable words and initials."""

    words: frozenset[str]
    initials: frozenset[str]


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey:
    """Words of two letters or more, and initials, of ``name`` without civility or role."""
    tokens = fold(name).split()
    while tokens and tokens[0] in _CIVILITIES:
        tokens = tokens[1:]
    kept = [token for token in tokens if token not in _ROLES and not any(c.isdigit() for c in token)]
    return NameKey(
        words=frozenset(token for token in kept if len(token) > 1),
        initials=frozenset(token for token in kept if len(token) == 1),
    )


def _initials_fit(initials: frozenset[str], other: NameKey) -> bool:
    if not initials:
        return True
    letters = {word[0] for word in other.words} | other.initials
    return initials <= letters


def match(first: str | NameKey, second: str | NameKey) -> Strength | None:
    """``full`` for the same words, ``partial`` when one name's words are part of the other's."""
    one = first if isinstance(first, NameKey) else name_key(first)
    two = second if isinstance(second, NameKey) else name_key(second)
    if not one.words or not two.words:
        return None
    if one.words == two.words:
        strength: Strength = "full"
    elif one.words < two.words or two.words < one.words:
        strength = "partial"
    else:
        return None
    if not (_initials_fit(one.initials, two) and _initials_fit(two.initials, one)):
        return None
    return strength


def best_matches(name: str, candidates: Iterable[str]) -> list[str]:
    """The candidates ``name`` matches fully, else those it matches partially."""
    key = name_key(name)
    found: dict[Strength, list[str]] = {"full": [], "partial": []}
    for candidate in candidates:
        strength = match(key, candidate)
        if strength is not None:
            found[strength].append(candidate)
    return found["full"] or found["partial"]


def _person(name: str) -> frozenset[str]:
    return name_key(name).words


def _one_person(names: Iterable[str]) -> frozenset[str] | None:
    """The words of the fullest name when all ``names`` can be one person, else None."""
    distinct = {_person(name) for name in names}
    if not distinct or any(not (one <= two or two <= one) for one in distinct for two in distinct):
        return None
    return max(distinct, key=len)


def resolve(name: str, people: list[str]) -> frozenset[str] | None:
    """The person among ``people`` that ``name`` designates (as words), or None if none or several."""
    return _one_person(best_matches(name, people))


def find_person(name: str, members: list[Member], *, president: str | None) -> set[str]:
    """Statuses of the single person ``name`` designates among ``members`` (+ the president, present).

    Empty when no one or several different people match.
    """
    people = [(member.name, member.status) for member in members]
    if president is not None:
        people.append((president, "present"))
    matched = set(best_matches(name, (person for person, _ in people)))
    if _one_person(matched) is None:
        return set()
    return {status for person, status in people if person in matched}


def is_listed(name: str, members: list[Member]) -> bool:
    """True when ``name`` matches someone in ``members``."""
    return bool(best_matches(name, (member.name for member in members)))
