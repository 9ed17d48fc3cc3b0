"""Helpers shared by the legal checks: building findings, French dates, counts the checks derive."""

from __future__ import annotations

import datetime as dt

from pipeline.records import ActRecord, Finding, Severity
from pipeline.validate.names import find_person, is_listed


def finding(code: str, severity: Severity, message: str, *fields: str) -> Finding:
    """A finding on the record fields ``fields``."""
    return Finding(code=code, severity=severity, message=message, fields=list(fields))


def fr_date(day: dt.date) -> str:
    """``2025-03-27`` → ``27/03/2025``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def jours_francs(sent: dt.date, session: dt.date) -> int:
    """Whole days between ``sent`` and ``session``, neither counted (20/03 → 27/03: 6 jours francs)."""
    return (session - sent).days - 1


def substitutes(act: ActRecord) -> int:
    """EPCI substitutes sitting for absent members: the stated number, else those listed."""
    if act.context.substitutes_count is not None:
        return act.context.substitutes_count
    return sum(member.status == "substitute" for member in act.context.members)


def proxies_known(act: ActRecord) -> int | None:
    """The stated number of proxies, else the number listed; None when the record says nothing."""
    if act.proxies_count is not None:
        return act.proxies_count
    return len(act.proxies) if act.proxies else None


def lists_extracted(act: ActRecord) -> bool:
    """True when attendance lists were extracted (someone is listed as present or substitute)."""
    return any(member.status in ("present", "substitute") for member in act.context.members)


def president_unlisted(act: ActRecord) -> bool:
    """True when the president is named but missing from extracted attendance lists."""
    if act.president is None or not lists_extracted(act):
        return False
    return not is_listed(act.president, act.context.members)


def statuses_of(name: str, act: ActRecord) -> set[str]:
    """Statuses of the one person ``name`` designates in the lists (the president counts as present).

    Empty when the name is not found or designates several people.
    """
    return find_person(name, act.context.members, president=act.president)


def session_mentioned(act: ActRecord) -> bool:
    """True when the record carries the session header (a date or attendance counts)."""
    return act.session_date is not None or act.members_present is not None


def moved_note(act: ActRecord) -> str:
    """The reason a list may disagree with a count or a proxy, when the record gives it."""
    return " ; le document mentionne des arrivées ou départs" if act.context.departures_mentioned else ""
