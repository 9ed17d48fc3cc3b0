"""Everything a session header states, read once and shared by the acts of that session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from pipeline.config import load_rules
from pipeline.extract import session as fields
from pipeline.extract.attendance import Section, find_sections, members_of, parse_substitutes, roll_call_present
from pipeline.extract.counts import CountMatch, find_counts
from pipeline.extract.found import Found
from pipeline.extract.proxies import ProxyClause, find_proxies, snap_to_lists
from pipeline.records import Member
from pipeline.textutil import fold, fold_span


@dataclass
class SessionFacts:
    """The session-level values of one header, each with where it was read."""

    session_date: Found[dt.date] | None = None
    convocation_date: Found[dt.date] | None = None
    display_date: Found[dt.date] | None = None
    president: Found[fields.President] | None = None
    secretary: Found[str] | None = None
    collectivity: Found[tuple[str, str]] | None = None
    body: Found[tuple[str, str]] | None = None
    counts: dict[str, CountMatch] = field(default_factory=dict)
    proxies: list[ProxyClause] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    roll_call: Found[int] | None = None
    urgency: bool = False
    second_convocation: bool = False
    departures: bool = False


@functools.cache
def _context_patterns() -> dict[str, re.Pattern[str]]:
    data = load_rules("vote")
    return {key: re.compile(data[key]) for key in ("urgency", "second_convocation", "departures")}


def read_session(
    text: str,
    start: int,
    end: int,
    *,
    whole: tuple[int, int] | None = None,
    preamble: tuple[int, int] | None = None,
) -> SessionFacts:
    """Read a session header ``text[start:end]``. For a file holding a single act, labelled dates and
    names may also be found in ``whole`` (a "Nota" at the end), and the attendance anywhere in
    ``preamble`` (the text before the decision: lists may follow the "Objet")."""
    wide = whole or (start, end)
    facts = SessionFacts()
    facts.session_date = fields.session_date(text, start, end) or (whole and fields.session_date(text, *whole))
    year = facts.session_date.value.year if facts.session_date else None
    session = facts.session_date.value if facts.session_date else None
    facts.convocation_date = fields.convocation_date(text, start, end, reference_year=year, session=session) or (
        whole and fields.convocation_date(text, *whole, reference_year=year, session=session)
    )
    facts.display_date = fields.display_date(text, *wide, reference_year=year)
    facts.president = (
        fields.president(text, start, end)
        or (whole and fields.president(text, *whole))
        or fields.president_named_before(text, *(preamble or (start, end)))
    )
    facts.secretary = fields.secretary(text, start, end) or (whole and fields.secretary(text, *whole))
    facts.body = fields.body(text, start, end)
    letterhead_end = _letterhead_end(text, start, end)
    facts.collectivity = fields.collectivity(
        text, start, letterhead_end, body_kind=facts.body.value[1] if facts.body else None
    )
    _read_attendance(facts, text, *(preamble or (start, end)))
    if whole and not facts.counts.keys() >= _BOX_FIELDS:
        # an extract may give its counts at its foot, under the decision ('afférents au Conseil : 11 – …')
        for field, match in find_counts(text, *whole).items():
            facts.counts.setdefault(field, match)
    folded = fold_span(text, *wide)
    patterns = _context_patterns()
    facts.urgency = bool(patterns["urgency"].search(fold_span(text, start, end)))
    facts.second_convocation = bool(patterns["second_convocation"].search(folded))
    facts.departures = bool(patterns["departures"].search(folded))
    return facts


_BOX_FIELDS = {"members_in_office", "members_present", "members_voting"}
# an attendance list ends it; a count in a margin's box ('Présents : 9') does not
_LETTERHEAD_END = re.compile(
    r"(?:^|\n)\s*(?:ordre\s+du\s+jour"
    r"|(?:(?:etaient\s+)?presents?|absents?|excuses?)\s*:(?![ \t]*\d{1,3}[ \t]*(?:\n|$)))"
)
_LETTERHEAD_MAX = 2500


def _letterhead_end(text: str, start: int, end: int) -> int:
    """Where the collectivity may still be named: before the agenda and the attendance lists."""
    limit = min(end, start + _LETTERHEAD_MAX)
    found = _LETTERHEAD_END.search(fold_span(text, start, limit))
    return start + found.start() if found else limit


def _read_attendance(facts: SessionFacts, text: str, start: int, end: int) -> None:
    facts.sections = find_sections(text, start, end)
    facts.counts = find_counts(text, start, end)
    clauses = find_proxies(text, start, end, facts.sections)
    facts.members = _members(text, facts.sections, clauses, start, end)
    facts.proxies = snap_to_lists(clauses, facts.members)
    facts.roll_call = roll_call_present(text, start, end)


def _members(text: str, sections: list[Section], clauses: list[ProxyClause], start: int, end: int) -> list[Member]:
    members: list[Member] = []
    seen: set[tuple[str, str]] = set()
    for section in sections:
        for member in _proxy_givers(section, clauses) or members_of(text, section):
            key = (fold(member.name), member.status)
            if key not in seen:
                seen.add(key)
                members.append(member)
    if not any(member.status == "substitute" for member in members):
        for member in parse_substitutes(text[start:end]):
            members.append(member)
    return members


def _proxy_givers(section: Section, clauses: list[ProxyClause]) -> list[Member]:
    """The members a proxies list names as absent: the givers of its clauses, not their holders
    ('Mme DEBRABANT à Mr DELARRE' lists DEBRABANT as absent, DELARRE is listed with the present)."""
    if section.kind != "proxies":
        return []
    return [
        Member(name=clause.giver, status="absent") for clause in clauses if section.start <= clause.start < section.end
    ]


_INHERITED = ("session_date", "convocation_date", "display_date", "president", "secretary", "collectivity", "body")


def continued_from(facts: SessionFacts, earlier: SessionFacts) -> SessionFacts:
    """An extract's own header further in a file of one session ('Délibération n° … / - en exercice : 46 …'
    under the recueil's header): what it does not state is the earlier header's. A header of another
    session (another date, or its own date, president or lists) is left as it is."""
    same_date = facts.session_date and earlier.session_date and facts.session_date.value == earlier.session_date.value
    named = bool(facts.members or facts.proxies)
    bare = facts.session_date is None and facts.president is None and not named
    if not (same_date or bare):
        return facts
    merged = dataclasses.replace(facts, counts={**earlier.counts, **facts.counts})
    for name in _INHERITED:
        if getattr(merged, name) is None:
            setattr(merged, name, getattr(earlier, name))
    if not named:
        merged.sections, merged.proxies, merged.members = earlier.sections, earlier.proxies, earlier.members
    return merged


def has_attendance(facts: SessionFacts) -> bool:
    """Whether the header states its attendance at all (lists or counts)."""
    kinds = {"present", "absent", "excused", "proxies", "substitutes"}
    return any(section.kind in kinds for section in facts.sections) or bool(facts.counts)


def present_count(facts: SessionFacts) -> Found[int] | None:
    """The stated number of members present, else the names of the 'Présents' list counted."""
    stated = facts.counts.get("members_present")
    if stated:
        return Found(stated.value, stated.start, stated.end, "count")
    in_office = facts.counts.get("members_in_office")
    excepted = [s for s in facts.sections if s.all_but]
    if excepted and in_office:  # 'Présents : tous sauf X (pouvoir à Y) et Z' in a council of 11
        absent = [m for m in facts.members if m.status != "present"]
        return Found(in_office.value - len(absent), excepted[0].label_start, excepted[0].end, "all-but-absent")
    lists = [s for s in facts.sections if s.kind == "present"]
    present = [m for m in facts.members if m.status == "present"]
    if lists and present:
        return Found(len(present), lists[0].label_start, lists[-1].end, "counted-present-list")
    return facts.roll_call


def proxies_count(facts: SessionFacts) -> Found[int] | None:
    """The stated number of proxies, else the proxies listed (0 when the attendance says none)."""
    stated = facts.counts.get("proxies_count")
    if stated:
        return Found(stated.value, stated.start, stated.end, "count")
    if facts.proxies:
        return Found(len(facts.proxies), facts.proxies[0].start, facts.proxies[-1].end, "counted-proxies")
    if has_attendance(facts):
        anchor = facts.sections[0] if facts.sections else None
        start = anchor.label_start if anchor else 0
        return Found(0, start, anchor.end if anchor else 0, "no-proxy-listed")
    return None


def count(facts: SessionFacts, name: str) -> Found[int] | None:
    stated = facts.counts.get(name)
    return Found(stated.value, stated.start, stated.end, "count") if stated else None
