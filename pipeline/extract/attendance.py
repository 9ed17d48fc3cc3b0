"""Attendance lists: where each list starts and ends, and the members it names.

A list opens with a label ("Présents :", "Absents excusés :", "Pouvoirs :") and
runs to the next label; labels and their kinds are data in models/attendance.yaml.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from pipeline.config import load_rules
from pipeline.extract.found import Found
from pipeline.extract.names import clean_name, split_names
from pipeline.records import Member, MemberStatus
from pipeline.textutil import fold, fold_span

_MAX_SECTION = 3000


@dataclass(frozen=True)
class Section:
    """One attendance list: its kind, the label span and the body span (absolute offsets)."""

    kind: str
    label_start: int
    label_end: int
    start: int
    end: int
    all_but: bool = False  # 'Présents : tous sauf X et Y': the list names the absent


@functools.cache
def _section_patterns() -> list[tuple[str, re.Pattern[str]]]:
    rules = load_rules("attendance")["sections"]
    return [(rule["kind"], re.compile(r"(?<![\w'])(" + rule["pattern"] + r")\s*:?")) for rule in rules]


@functools.cache
def substitute_pattern() -> re.Pattern[str]:
    rules = load_rules("attendance")["substitute_connectors"]
    return re.compile("|".join(rule["pattern"] for rule in rules))


def find_sections(text: str, start: int, end: int) -> list[Section]:
    """Every attendance list in ``text[start:end]``, in order, each ending where the next label starts."""
    folded = fold_span(text, start, end)
    labels: list[tuple[int, int, str]] = []
    for kind, pattern in _section_patterns():
        for match in pattern.finditer(folded):
            label_start = match.start(1)
            if not _at_line_or_sentence_start(folded, label_start):
                continue
            if any(a <= label_start < b for a, b, _ in labels):
                continue
            labels.append((label_start, match.end(), kind))
    labels.sort()
    sections = []
    for index, (label_start, body_start, kind) in enumerate(labels):
        next_start = labels[index + 1][0] if index + 1 < len(labels) else len(folded)
        paragraph_end = _paragraph_break_after(folded, text[start:end], body_start, kind)
        body_end = min(next_start, body_start + _MAX_SECTION, paragraph_end)
        all_but = _ALL_BUT.match(folded, body_start) if kind == "present" else None
        if all_but:
            kind, body_start = "absent", all_but.end()
        section = Section(kind, start + label_start, start + body_start, start + body_start, start + body_end)
        sections.append(dataclasses.replace(section, all_but=bool(all_but)))
    return sections


#: 'Présents : tous sauf …', 'tous les conseillers à l'exception de …': the names that follow are the absent.
_ALL_BUT = re.compile(
    r"\s*tou(?:s|tes)(?:\s+les\s+(?:membres|conseillers|elus|delegues))?(?:\s+presents?)?\s*,?\s*"
    r"(?:sauf|excepte|hormis|a\s+l.exception\s+de)\s+"
)


def _at_line_or_sentence_start(folded: str, position: int) -> bool:
    before = folded[max(0, position - 3) : position]
    return position == 0 or bool(re.search(r"(?:^|[\n\f.;:)\]]|[\n\f]\s*)\s*$", before)) or "\n" in before


def _paragraph_break_after(folded: str, original: str, body_start: int, kind: str) -> int:
    """A list ends at a blank line followed by prose (not another chunk of names). ``original`` is the
    text ``folded`` was folded from (same positions): names are told from prose by their capitals."""
    position = body_start
    while True:
        gap = re.compile(r"\n[ \t]*\n").search(folded, position)
        if gap is None:
            return len(folded)
        following = slice(gap.end(), gap.end() + 80)
        if gap.start() - body_start > 2 and not _continues_list(folded[following], original[following], kind):
            return gap.start()
        position = gap.end()


def _continues_list(following: str, original: str, kind: str) -> bool:
    """After a blank line, 'Mesdames, Anne-Marie Dupuis, …' or a list cut by OCR ('Bellengier, Jean-Marc
    Cuvillier, …') continues the list; a label ('Absents :') or prose ("L'an deux mille vingt-cinq, le
    2 avril…": most of its words in lower case) does not."""
    if kind not in ("present", "absent", "excused", "proxies", "substitutes"):
        return False
    if re.match(r"\s*(?:mesdames|messieurs|mmes|mm\.)\b", following):
        return True
    text = re.sub(r"^[\s\W\d]{0,4}", "", following)
    chunk = re.match(r"([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3})\s*[,–+-]", text)
    words = re.findall(r"[^\W\d_][\w'’-]*", original.split("\n")[0])
    capitalised = sum(word[:1].isupper() for word in words)
    return bool(chunk) and ":" not in text.split("\n")[0][:40] and capitalised * 2 >= len(words)


def members_of(text: str, section: Section) -> list[Member]:
    """The members a list names, with the status its label gives."""
    status: dict[str, MemberStatus] = {
        "present": "present",
        "absent": "absent",
        "excused": "excused",
        "proxies": "absent",
    }
    if section.kind == "substitutes":
        return substitutes_of(text, section)
    if section.kind not in status:
        return []
    raw = text[section.start : section.end]
    body = strip_clauses(raw)
    body = re.sub(r"^\s*\(?\s*\d{1,3}\s*\)?\s*(?=\n|$|[A-ZÀ-Ý])", "", body)
    represented = represented_in(raw) if section.kind == "present" else set()
    return [
        Member(name=name, status="absent" if fold(name) in represented else status[section.kind])
        for name in split_names(body)
    ]


#: A clause after a name saying that member gave a proxy ('Adeline (procuration à Mario)'), not held one.
_GIVES_PROXY = re.compile(
    r"(?:procuration|pouvoir|mandat)s?\s+(?:donnee?s?\s+)?(?:a|au)\s|donnee?\s+(?:a|au)\s|represente?e?\s+par\s"
    r"|donne\s+(?:sa\s+|son\s+)?(?:procuration|pouvoir|mandat)"
)


def represented_in(raw: str) -> set[str]:
    """Folded names of a presents list that carry a proxy-giving clause: they were not there.
    'Présents : …, David & Adeline (procuration à Mario)' lists Adeline, represented by Mario."""
    names = set()
    for clause in _CLAUSE_TAIL.finditer(raw):
        if _GIVES_PROXY.search(fold(clause.group())):
            before = split_names(strip_clauses(raw[: clause.start()]))
            if before:
                names.add(fold(before[-1]))
    return names


def substitutes_of(text: str, section: Section) -> list[Member]:
    """'X suppléé par Y' pairs → the substitute Y (status substitute) replacing X."""
    body = text[section.start : section.end]
    return parse_substitutes(body)


def parse_substitutes(body: str) -> list[Member]:
    """Substitutes named in ``body``: 'Lionel Cayet suppléé par Philippe Verret, …'."""
    members = []
    folded = fold(body)
    connectors = list(substitute_pattern().finditer(folded))
    for index, connector in enumerate(connectors):
        left_start = connectors[index - 1].end() if index else 0
        right_end = connectors[index + 1].start() if index + 1 < len(connectors) else len(body)
        replaced = split_names(body[left_start : connector.start()])
        substitute = split_names(body[connector.end() : right_end])
        if replaced and substitute:
            members.append(Member(name=substitute[0], status="substitute", replaces=replaced[-1]))
    return members


_CLAUSE_TAIL = re.compile(
    r"\s*(?:\([^)]*\)|,?\s*(?:qui\s+)?(?:a\s+|ayant\s+)?donn[ée]e?\s+(?:sa\s+|son\s+)?(?:procuration|pouvoir|mandat)"
    r"[^,;/+–—\n]*|\s(?:représentée?|suppléée?|remplacée?)\s+par\s[^,;/+–—\n]*)",
    re.IGNORECASE,
)


def strip_clauses(body: str) -> str:
    """'Marielle (pouvoir donné à Agnès) / Marc qui donne pouvoir à Mario' → 'Marielle / Marc'."""
    return _CLAUSE_TAIL.sub("", body)


def member_name(raw: str) -> str | None:
    """One name as a list writes it, cleaned."""
    return clean_name(raw)


@functools.cache
def _roll_call() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    data = load_rules("attendance")
    patterns = (re.compile(data["roll_call_present"]["pattern"]), re.compile(data["roll_call_substitute"]["pattern"]))
    return *patterns, int(data["roll_call_min"])


def roll_call_present(text: str, start: int, end: int) -> Found[int] | None:
    """Members present by a roll call ('M. X : présent ; Mme Y : absente excusée, remplacée par son suppléant
    M. Z ; …'): those marked present and the substitutes sitting for the absent; None without a roll call."""
    present, substitute, minimum = _roll_call()
    folded = fold_span(text, start, end)
    marks = [match.start() for match in present.finditer(folded)]
    if len(marks) < minimum:
        return None
    seats = [match.start() for match in substitute.finditer(folded)]
    first, last = min(marks + seats), max(marks + seats)
    return Found(len(marks) + len(seats), start + first, start + last, "counted-roll-call")
