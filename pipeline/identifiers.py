"""Identifiers of French collectivities (DOMAIN §4): SIREN, ACTES IDs, departments.

Small pure functions shared by the extractors and the legal checks. The tables they use are data:
``models/departements.yaml`` (the 101 departments) and the ``actes_id`` section of ``models/legal.yaml``
(nature codes, OCR confusions).

Example:
    >>> parse_actes_id("ID : 059-215902842-20250327-31032025 64-DE").value
    '059-215902842-20250327-31032025_64-DE'
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pipeline.config import load_rules

logger = logging.getLogger(__name__)

_DASHES = "-‐‑‒–—"
_SEP = rf"[ \t]*[{_DASHES}][ \t]*"
_NUMBER_CHARS = rf"0-9A-Za-z_ \t{_DASHES}"
_ARTICLES = ("de la ", "de l ", "du ", "des ", "de ", "d ", "la ", "le ", "les ", "l ")
_CONTEXT = r"(?:departement|prefecture|sous prefecture|prefet|prefete|conseil departemental)"


@dataclass(frozen=True)
class ActesId:
    """An ACTES identifier ``DDD-SIREN-YYYYMMDD-NUMBER-NN`` and the text it was read from."""

    department: str
    siren: str
    date: dt.date
    number: str
    nature: str
    raw: str

    @property
    def value(self) -> str:
        """The identifier written canonically."""
        return f"{self.department}-{self.siren}-{self.date:%Y%m%d}-{self.number}-{self.nature}"


@dataclass(frozen=True)
class Repair:
    """An ACTES ID repaired from an OCR reading, with what was read and what changed."""

    actes_id: ActesId
    repaired_from: str
    changes: tuple[str, ...]

    @property
    def value(self) -> str:
        """The repaired identifier."""
        return self.actes_id.value


@dataclass(frozen=True)
class _Tables:
    names: dict[str, str]
    by_folded_name: dict[str, str]
    other_codes: frozenset[str]
    natures: dict[str, str]
    number_max_length: int
    groups: tuple[str, ...]
    letters: dict[str, str]


@functools.cache
def _tables() -> _Tables:
    departments: Any = load_rules("departements")
    actes: Any = load_rules("legal")["actes_id"]
    names = {entry["code"]: entry["name"] for entry in departments["departements"]}
    return _Tables(
        names=names,
        by_folded_name={_strip_article(fold(name)): code for code, name in names.items()},
        other_codes=frozenset(entry["code"] for entry in departments.get("other_codes") or []),
        natures=dict(actes["natures"]),
        number_max_length=int(actes["number_max_length"]),
        groups=tuple(actes["ocr_confusions"]),
        letters=dict(actes["letters_as_digits"]),
    )


# --------------------------------------------------------------------------- SIREN and departments


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` (ASCII digits only) passes the Luhn check.

    Example: ``luhn_valid("215902842")`` is True, ``luhn_valid("215002925")`` is False.
    """
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siren_valid(siren: str | None) -> bool:
    """True for a 9-digit SIREN whose Luhn check digit is right."""
    return siren is not None and len(siren) == 9 and luhn_valid(siren)


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, every run of non-alphanumerics a single space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _strip_article(folded: str) -> str:
    for article in _ARTICLES:
        if folded.startswith(article):
            return folded[len(article) :]
    return folded


def known_department(code: str | None) -> bool:
    """True for an ACTES department code of the table (``059``, ``02A``, ``974``) or another valid code."""
    tables = _tables()
    return code is not None and (code in tables.names or code in tables.other_codes)


def department_name(code: str) -> str | None:
    """The department's name for an ACTES code (``059`` → ``Nord``)."""
    return _tables().names.get(code)


def normalize_department_code(code: str | None) -> str | None:
    """An ACTES 3-character code from ``59``, ``059``, ``2a`` or ``02A``; None when it is no department."""
    if code is None:
        return None
    cleaned = code.strip().upper()
    candidate = cleaned if len(cleaned) == 3 else cleaned.rjust(3, "0")
    return candidate if known_department(candidate) else None


def departments_of_siren(siren: str | None) -> frozenset[str]:
    """Departments a commune's (``21…``) or a department's (``22…``) SIREN points to.

    ``215902842`` → {``059``}; overseas ``219740115`` → {``974``}; Corsica ``212000046`` → {``02A``, ``02B``}
    (both were department 20). Other SIRENs (EPCI ``200…``, ``24…``, communes nouvelles ``200…``): empty.
    """
    if siren is None or not re.fullmatch(r"\d{9}", siren) or siren[:2] not in ("21", "22"):
        return frozenset()
    digits = siren[2:4]
    if digits == "20":
        return frozenset({"02A", "02B"})
    code = siren[2:5] if digits == "97" else "0" + digits
    return frozenset({code}) if code in _tables().names else frozenset()


def department_of_siren(siren: str | None) -> str | None:
    """The ACTES department of a commune's SIREN (``215902842`` → ``059``); None unless exactly one."""
    codes = departments_of_siren(siren)
    return next(iter(codes)) if len(codes) == 1 else None


@functools.cache
def _context_pattern() -> re.Pattern[str]:
    names = sorted(_tables().by_folded_name, key=len, reverse=True)
    alternation = "|".join(re.escape(name) for name in names)
    return re.compile(rf"\b{_CONTEXT} (?:(?:de la|de l|du|des|de|d) )?({alternation})\b")


def department_from_name(text: str) -> str | None:
    """The ACTES code of the department named in ``text``, or None when none or several are named.

    ``text`` is a name ("Pas-de-Calais", "du GARD") or a phrase naming the department
    ("DEPARTEMENT DU NORD", "préfecture de la Somme"); accents and case are ignored.
    """
    tables = _tables()
    folded = fold(text)
    exact = tables.by_folded_name.get(_strip_article(folded))
    if exact is not None:
        return exact
    codes = {tables.by_folded_name[match] for match in _context_pattern().findall(folded)}
    return codes.pop() if len(codes) == 1 else None


# --------------------------------------------------------------------------- ACTES IDs


@functools.cache
def _id_pattern(*, loose: bool) -> re.Pattern[str]:
    natures = "|".join(_tables().natures)
    department = r"[0-9A-Za-z|]{3}" if loose else r"0\d\d|02[AB]|97[1-6]"
    siren = r"[0-9A-Za-z|]{9}" if loose else r"\d{3} ?\d{3} ?\d{3}"
    return re.compile(
        rf"(?<![0-9A-Za-z])(?P<department>{department}){_SEP}(?P<siren>{siren}){_SEP}"
        rf"(?P<date>\d{{8}}){_SEP}(?P<number>[0-9A-Za-z_][{_NUMBER_CHARS}]{{0,22}}[0-9A-Za-z_]|[0-9A-Za-z_])"
        rf"{_SEP}(?P<nature>{natures})(?![0-9A-Za-z])"
    )


def _normalize_number(number: str) -> str:
    """Dashes unified, spaces around separators dropped, any other space read as the "_" OCR lost."""
    unified = re.sub(rf"[{_DASHES}]", "-", number)
    tight = re.sub(r"\s*([-_])\s*", r"\1", unified)
    return re.sub(r"\s+", "_", tight)


def _date_of(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _build(match: re.Match[str]) -> ActesId | None:
    date = _date_of(match["date"])
    number = _normalize_number(match["number"])
    if date is None or len(number) > _tables().number_max_length:
        return None
    return ActesId(
        department=match["department"],
        siren=match["siren"].replace(" ", ""),
        date=date,
        number=number,
        nature=match["nature"],
        raw=match[0],
    )


def find_actes_ids(text: str) -> list[ActesId]:
    """Every well-formed ACTES ID in ``text``, in order of appearance."""
    found = (_build(match) for match in _id_pattern(loose=False).finditer(text))
    return [actes_id for actes_id in found if actes_id is not None]


def parse_actes_id(text: str) -> ActesId | None:
    """The first ACTES ID in ``text``, parsed from both ends (the NUMBER may hold ``-`` or ``_``).

    Tolerates spaces around the dashes and a space where OCR lost an ``_`` in the NUMBER;
    the department must be a 3-character code (``059``, ``02A``, ``974``) and the date a real date.
    """
    found = find_actes_ids(text)
    return found[0] if found else None


def nature_label(code: str) -> str | None:
    """The meaning of an ACTES nature code (``DE`` → ``délibération``)."""
    return _tables().natures.get(code)


def siren_matches_department(siren: str, department: str) -> bool:
    """Whether a SIREN agrees with an ACTES department code.

    A commune's (``21…``) or department's (``22…``) SIREN must carry that department's digits;
    other SIRENs (EPCI, communes nouvelles ``200…``) say nothing about the department and agree.
    """
    if siren[:2] not in ("21", "22"):
        return True
    return department in departments_of_siren(siren)


# --------------------------------------------------------------------------- OCR repair


def _confusable(read: str, true: str) -> bool:
    return any(read in group and true in group for group in _tables().groups)


def _digit_of(char: str) -> str:
    return char if char.isascii() and char.isdigit() else _tables().letters.get(char, "?")


def _distance(read: str, candidate: str) -> tuple[int, int] | None:
    """(confusions, letters read as digits) turning ``read`` into ``candidate``; None if impossible."""
    confusions = letters = 0
    for got, true in zip(read, candidate, strict=True):
        if got == true:
            continue
        digit = _digit_of(got)
        letters += digit != got
        if digit == true:
            continue
        if digit != "?" and not _confusable(digit, true) and _tables().letters.get(true) != digit:
            return None
        confusions += 1
    return (confusions, letters) if confusions <= 1 else None


def _siren_options(read: str) -> dict[str, tuple[int, int]]:
    base = "".join(_digit_of(char) for char in read)
    positions = [index for index, char in enumerate(base) if char == "?"]
    if len(positions) > 1:
        return {}
    spots = positions or range(len(base))
    candidates = {base} if not positions else set()
    for index in spots:
        candidates.update(base[:index] + digit + base[index + 1 :] for digit in "0123456789")
    options = {}
    for candidate in candidates:
        cost = _distance(read, candidate)
        if cost is not None and luhn_valid(candidate):
            options[candidate] = cost
    return options


def _department_options(read: str) -> dict[str, tuple[int, int]]:
    tables = _tables()
    options = {}
    for code in [*tables.names, *tables.other_codes]:
        cost = _distance(read, code)
        if cost is not None:
            options[code] = cost
    return options


def repair_actes_id(raw: str, *, department_hint: str | None = None) -> Repair | None:
    """Repair OCR confusions in the department and SIREN of the ACTES ID in ``raw``.

    At most one character of the department and one of the SIREN change, by confusions OCR
    makes (0↔9↔6↔8↔3↔5, 1↔7, O→0, S→5, B→8 …), so that the SIREN passes Luhn and its department
    digits agree with the DDD and with ``department_hint`` (a department named in the document,
    ``059`` or ``59``). Returns None when nothing needs repair, or when the repair is not unique.

    Example: ``repair_actes_id("069-215002925-20250402-DELIB20250210-DE", department_hint="059").value``
    is ``059-215902925-20250402-DELIB20250210-DE``.
    """
    match = _id_pattern(loose=True).search(raw)
    hint = normalize_department_code(department_hint)
    if match is None or (department_hint is not None and hint is None):
        return None
    read_department, read_siren = match["department"], match["siren"]
    scored = []
    sirens = _siren_options(read_siren)
    for department, department_cost in _department_options(read_department).items():
        for siren, siren_cost in sirens.items():
            if siren_matches_department(siren, department) and hint in (None, department):
                cost = (department_cost[0] + siren_cost[0], department_cost[1] + siren_cost[1])
                scored.append((cost, department, siren))
    if not scored:
        return None
    best = min(cost for cost, _, _ in scored)
    winners = [(department, siren) for cost, department, siren in scored if cost == best]
    if len(winners) != 1 or best == (0, 0):
        return None
    department, siren = winners[0]
    rebuilt = f"{department}-{siren}-{match['date']}-{_normalize_number(match['number'])}-{match['nature']}"
    repaired = parse_actes_id(rebuilt)
    if repaired is None:
        return None
    changes = tuple(
        f"{label} {got} → {true}"
        for label, got, true in (("département", read_department, department), ("SIREN", read_siren, siren))
        if got != true
    )
    logger.debug("ACTES ID %r repaired to %s (%s)", match[0], repaired.value, ", ".join(changes))
    return Repair(actes_id=repaired, repaired_from=match[0].strip(), changes=changes)
