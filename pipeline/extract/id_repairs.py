"""ACTES identifiers as OCR damages them, read back when one reading explains the damage.

- A digit too many in the department, a space in the SIREN, a slip in the nature code
  ("6059-21 5902842-20250327-31032025 64-DI").
- Letters for digits (O for 0, l or I for 1) and spaces inside the groups ("O40-2540O1878-2024121 2-2024_32-DE",
  "O15-2ll5O417O-…"), or every
  character spaced out by a stamp's wide lettering ("0 2 1 - 2 1 2 1 0 4 0 5 3 - …").
- A department cut at the page's edge ("0-211003868-…"): the SIREN's department, when it ends so.
- A year made impossible inside the act's number ("PV17112028" in an ID dated 2023-12-15).

A reading is kept only when the SIREN then passes Luhn and agrees with the department.
"""

from __future__ import annotations

import re

from pipeline.extract.dates import repair_year
from pipeline.identifiers import ActesId, department_of_siren, parse_actes_id, siren_matches_department, siren_valid
from pipeline.textutil import LETTER_DIGITS


def id_checks(actes_id: ActesId) -> bool:
    """Does the identifier's SIREN pass Luhn and agree with its department?"""
    return siren_valid(actes_id.siren) and siren_matches_department(actes_id.siren, actes_id.department)


def damaged_id(region: str) -> tuple[ActesId, tuple[int, int]] | None:
    """The first damaged reading of ``region`` that stands for a valid identifier, with its span."""
    for match in _LOOSE_ID.finditer(region):
        rebuilt = _rebuilt(match)
        if rebuilt is not None:
            return rebuilt, (match.start(), match.end())
    for nature in _NATURE_END.finditer(region):  # cheap anchor: a damaged ID still ends in '-DE', '- D E'
        window = max(0, nature.start() - _ID_REACH)
        for match in _SPACED_ID.finditer(region, window, nature.end()):
            parsed = _despaced(match.group())
            if parsed is not None:
                return parsed, (match.start(), match.end())
    return None


#: The end of an identifier (its nature code), and how far before it the identifier may start.
_NATURE_END = re.compile(r"- ?[A-Z] ?[A-Z](?![0-9A-Za-z])")
_ID_REACH = 110


#: An identifier with spaces inside its groups or letters for digits ('O40-2540O1878-2024121 2-…-DE',
#: '0 2 1 - 2 1 2 1 0 4 0 5 3 - 2 0 2 5 0 3 0 4 - D E L 2 0 2 5 _ 0 1 1 - D E').
_SPACED_ID = re.compile(
    r"(?<![0-9A-Za-z])[0-9OolI](?: ?[0-9OolI]){2} ?- ?[0-9OolI](?: ?[0-9OolI]){8} ?- ?[0-9OolI](?: ?[0-9OolI]){7}"
    r" ?- ?(?:[0-9A-Za-z_] ?){1,24}- ?[A-Z] ?[A-Z](?![0-9A-Za-z])"
)
#: An O or an l among the digits of the act's number ('DEL2025_O11', 'DEL2O25_l8').
_LETTER_IN_NUMBER = re.compile(r"(?<=[\d_])[OolI](?=\d)|(?<=\d)[OolI](?=[\d_])")


def _despaced(reading: str) -> ActesId | None:
    groups = reading.replace(" ", "").split("-")
    digits = [group.translate(LETTER_DIGITS) for group in groups[:3]]
    number = [
        _LETTER_IN_NUMBER.sub(lambda letter: letter.group().translate(LETTER_DIGITS), group) for group in groups[3:-1]
    ]
    parsed = parse_actes_id("-".join([*digits, *number, groups[-1]]))
    return parsed if parsed is not None and id_checks(parsed) else None


#: A date written ddmmyyyy inside the act's number ('PV17112023': the procès-verbal of 17/11/2023).
_NUMBER_DATE = re.compile(r"(?<!\d)([0-3]\d)([01]\d)((?:19|20)\d\d)(?!\d)")


def number_date_repaired(actes_id: ActesId) -> str | None:
    """The identifier with the year of the date its number holds repaired, when OCR made it impossible.

    An act is transmitted after it is adopted: 'PV17112028' in an ID dated 2023-12-15 is a misread
    '2023'. The year is repaired when it lies more than a year after the ID's date and one confused
    digit gives the only year within a year of it; None otherwise.
    """
    match = _NUMBER_DATE.search(actes_id.number)
    if match is None or int(match.group(3)) <= actes_id.date.year + 1:
        return None
    year = repair_year(match.group(3), actes_id.date.year)
    if year is None or abs(year - actes_id.date.year) > 1:
        return None
    number = f"{actes_id.number[: match.start(3)]}{year}{actes_id.number[match.end(3) :]}"
    return actes_id.value.replace(f"-{actes_id.number}-", f"-{number}-")


#: An ACTES ID as heavy OCR damages it: a digit too many in the department, a space in the SIREN,
#: a slip in the nature ("6059-21 5902842-20250327-31032025 64-DI", "0659-21 5902842-…-64-DE").
_LOOSE_ID = re.compile(
    r"(?<![0-9A-Za-z])(?P<dep>\d{1,4}|0?2[AB])\s*[-_.:]\s*(?P<siren>\d(?:\s?\d){8})\s*[-_.]\s*(?P<date>\d{8})"
    r"\s*[-_.]\s*(?P<number>[0-9A-Za-z][0-9A-Za-z_ -]{0,20}?)\s*[-_.]\s*(?P<nature>[A-Z0-9]{2})(?![0-9A-Za-z])"
)
#: Letters OCR confuses in the two-letter nature code.
_NATURE_SLIPS = {
    "I": "E",
    "F": "E",
    "L": "E",
    "3": "E",
    "4": "A",
    "R": "A",
    "G": "C",
    "O": "C",
    "0": "C",
    "8": "B",
    "V": "U",
}


def _checked(department: str, siren: str, match: re.Match[str], nature: str) -> ActesId | None:
    parsed = parse_actes_id(f"{department}-{siren}-{match['date']}-{match['number']}-{nature}")
    return parsed if parsed and id_checks(parsed) else None


def _rebuilt(match: re.Match[str]) -> ActesId | None:
    """The ID a damaged reading stands for, when its SIREN passes its checks once cleaned."""
    siren = match["siren"].replace(" ", "")
    nature = "".join(_NATURE_SLIPS.get(char, char) if index else char for index, char in enumerate(match["nature"]))
    dep = match["dep"]
    if len(dep) < 3:  # a stamp cut at the page's edge: "0-211003868-…" is the end of the SIREN's department "010"
        department = department_of_siren(siren)
        return _checked(department, siren, match, nature) if department and department.endswith(dep) else None
    # a digit too many anywhere in the department: "6059" or "0659" for "059"
    for department in dict.fromkeys([dep] if len(dep) <= 3 else [dep[:i] + dep[i + 1 :] for i in range(len(dep))]):
        parsed = parse_actes_id(f"{department}-{siren}-{match['date']}-{match['number']}-{nature}")
        if parsed and id_checks(parsed):
            return parsed
    return None
