"""Counts an item of a procès-verbal states for itself, which replace the session's for that act.

A member arrived or left: '(Présents : 36 – Votants : 42)' under the item's heading, a count box above
its result ('- en exercice : 23   - présents : 17   - procurations : 4   - votants : 21'), the
number of voters in the result line ('Votants : 87 – Pour : 71 – Contre : 14'), or counts stated
after an earlier act's decision, which hold for the items that follow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.counts import CountMatch, find_counts
from pipeline.extract.found import Found
from pipeline.extract.proxies import ProxyClause, find_proxies
from pipeline.extract.session import President, item_president
from pipeline.records import ActSpan
from pipeline.segment.rules import vote_positions
from pipeline.textutil import fold, fold_span, lines_of

_ITEM_COUNT_REACH = 400
_ITEM_COUNT_FIELDS = {
    "members_in_office": "members_in_office",
    "members_present": "members_present",
    "members_voting": "members_voting",
    "proxies_count": "proxies_count",
}


def item_counts(raw: str, span: ActSpan) -> dict[str, Found[Any]]:
    """Counts an item states for itself under its heading ('(Présents : 36 – Votants : 42)'): a member
    arrived or left, so they replace the session's for this act."""
    start = span.title_span.end if span.title_span else span.start
    votes = vote_positions(fold_span(raw, start, span.end))
    end = min(span.end, start + _ITEM_COUNT_REACH, start + votes[0][0] if votes else span.end)
    found = find_counts(raw, start, end)
    if not found and votes:  # a box above the result; one below it is for the items that follow
        found = _count_box(raw, start, start + votes[-1][0])
    counts = {
        field: Found(found[key].value, found[key].start, found[key].end, "item-count")
        for key, field in _ITEM_COUNT_FIELDS.items()
        if key in found
    }
    if "members_voting" not in counts:  # 'Votants : 87 – Pour : 71 – Contre : 14' in the act's result
        for line in _VOTE_RESULT_LINE.finditer(fold_span(raw, start, span.end)):
            voting = find_counts(raw, start + line.start(), start + line.end()).get("members_voting")
            if voting:
                counts["members_voting"] = Found(voting.value, voting.start, voting.end, "item-vote-count")
                break
    return counts


@dataclass(frozen=True)
class StatedAfter:
    """What acts state after their decision for the items that follow ('M. X, parti au point 4, a donné
    pouvoir à M. Y. Présents : 15 – Procurations : 4 – Votants : 19'): counts and proxies."""

    counts: dict[str, Found[Any]] = field(default_factory=dict)
    proxies: tuple[ProxyClause, ...] = ()
    president: Found[President] | None = None  # a new mayor or president who took the chair in an act

    def then(self, later: StatedAfter) -> StatedAfter:
        """These statements updated by a later act's: its counts replace, its proxies add."""
        proxies = tuple(with_new_givers(self.proxies, later.proxies))
        return StatedAfter({**self.counts, **later.counts}, proxies, later.president or self.president)


def with_new_givers(proxies: Sequence[ProxyClause], later: Sequence[ProxyClause]) -> list[ProxyClause]:
    """``proxies`` and the ``later`` ones whose giver has not already given a proxy."""
    givers = {clause.giver for clause in proxies}
    return [*proxies, *(clause for clause in later if clause.giver not in givers)]


def stated_after_decision(raw: str, span: ActSpan) -> StatedAfter:
    """Counts and proxies stated after the act's decision ('Départ de M. X après le vote du point 5.
    Présents : 35 – Pouvoirs : 9 – Votants : 44'): the attendance of the items that follow, not this act's."""
    start = span.title_span.end if span.title_span else span.start
    votes = vote_positions(fold_span(raw, start, span.end))
    if not votes:
        return StatedAfter()
    tail = start + votes[-1][1]
    found = _count_box(raw, tail, span.end)
    counts = {
        field: Found(found[key].value, found[key].start, found[key].end, "count-after-previous-act")
        for key, field in _ITEM_COUNT_FIELDS.items()
        if key in found
    }
    chair = item_president(raw, span.start, span.end)
    holds_on = chair is not None and fold(chair.value.role or "") in _HEADS  # not a deputy chairing one item
    return StatedAfter(counts, tuple(find_proxies(raw, tail, span.end, [])), chair if holds_on else None)


#: The roles of a chair who presides the rest of the session ('Sous la présidence de M. X, maire').
_HEADS = {"maire", "president", "presidente"}


def _count_box(raw: str, start: int, end: int) -> dict[str, CountMatch]:
    """The counts of the first line of an item that gives two of in office, present and voting, past its
    report ('- en exercice : 23   - présents : 17   - procurations : 4   - votants : 21'), or none."""
    for line in lines_of(raw, start, end):
        if sum(word in fold_span(raw, line.start, line.end) for word in _BOX_WORDS) < 2:
            continue
        found = find_counts(raw, line.start, line.end)
        if len(_BOX_FIELDS & found.keys()) >= 2:
            return found
    return {}


_BOX_FIELDS = {"members_in_office", "members_present", "members_voting"}
_BOX_WORDS = ("exercice", "present", "votant")


#: A vote result that gives its number of voters with its counts.
_VOTE_RESULT_LINE = re.compile(r"[^\n]*votants?\s*:\s*\d+[^\n]*pour\s*:\s*\d+[^\n]*")
