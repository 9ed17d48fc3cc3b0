"""Segment stage: the clean text → one span per act.

Items start at headings (see :mod:`pipeline.segment.headings`); an item that
carries a vote or a decision is an act, unless its title is procedure
("Nomination du secrétaire", "Questions diverses") or it only changes the
agenda. A convention after an act is its annex; a convention alone is one act
of kind "convention". When a strong "Vote :" line closes a block that has no
readable heading (a title under a stamp), the block is still an act and takes
the next agenda entry as its title.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass

from pipeline.identifiers import find_actes_ids
from pipeline.records import ActSpan, CleanText, DocumentKind, Segmentation, Span
from pipeline.segment.agenda import Agenda, find_agenda
from pipeline.segment.headings import Heading, block_title, find_headings
from pipeline.segment.rules import is_non_act_title, is_procedural, rules, vote_positions
from pipeline.segment.titles import in_capitals
from pipeline.textutil import fold, folded_text, lines_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Item:
    heading: Heading
    start: int
    end: int
    votes: tuple[tuple[int, int], ...]


def segment(text: CleanText) -> Segmentation:
    """Find the acts of a document."""
    raw, folded = text.text, folded_text(text.text)
    agenda = find_agenda(raw, folded)
    headings = find_headings(raw, folded, agenda, frozenset(text.furniture))
    votes = vote_positions(folded)
    headings = _drop_inner_points(headings, votes)
    headings = _add_unheaded_blocks(raw, folded, headings, votes, agenda)
    items = _items(raw, folded, headings, votes)
    acts = _acts(raw, folded, items, agenda)
    if acts:
        header_end = acts[0].start
        return Segmentation(kind="deliberation", acts=acts, header=Span(start=0, end=header_end))
    kind = _kind_without_acts(folded, items, votes)
    whole = Span(start=0, end=len(raw))
    if kind == "other":
        log.info("%s: no deliberation or convention found", text.doc)
        if len(set(rules().administrative_words.findall(folded))) < 2:
            return Segmentation(kind="other", acts=[], header=whole)
        other = ActSpan(index=0, kind="other", start=0, end=len(raw), lead_start=0, session=whole)
        return Segmentation(kind="other", acts=[other], header=whole)
    title_heading = next((item.heading for item in items if item.heading.kind == "convention"), None)
    if title_heading is None:
        title_heading = next((item.heading for item in items), None)
    start = title_heading.start if title_heading and kind == "convention" else 0
    act = ActSpan(
        index=0,
        kind=kind,
        start=start,
        end=len(raw),
        lead_start=0,
        session=Span(start=0, end=start),
        title=title_heading.title if title_heading else None,
        title_span=Span(start=title_heading.start, end=title_heading.end) if title_heading else None,
        title_source=title_heading.kind if title_heading else None,
        annexes=[whole] if kind == "convention" else [],
    )
    return Segmentation(kind=kind, acts=[act], header=Span(start=0, end=start))


#: Headings that name an item for sure; numbered lines under them may be points of its decision.
_NAMING_KINDS = frozenset({"agenda", "objet", "objet_line"})


def _drop_inner_points(headings: list[Heading], votes: list[tuple[int, int]]) -> list[Heading]:
    """Numbered points inside one item are not items: under an agenda entry or an 'Objet :', two or
    more numbered lines ('1- Maintien des 2 périodes', '2 - Maintien du prix…') with no vote before
    the last of them belong to that item (points voted one by one each have their vote)."""
    kept: list[Heading] = []
    index = 0
    while index < len(headings):
        heading = headings[index]
        kept.append(heading)
        index += 1
        if heading.kind not in _NAMING_KINDS:
            continue
        following = index
        while following < len(headings) and headings[following].kind == "numbered":
            following += 1
        points = headings[index:following]
        if len(points) >= 2 and not any(heading.start <= vote[0] < points[-1].start for vote in votes):
            index = following
    return kept


def _items(raw: str, folded: str, headings: list[Heading], votes: list[tuple[int, int]]) -> list[_Item]:
    items = []
    for index, heading in enumerate(headings):
        end = (
            _before_next_lead(raw, folded, heading, headings[index + 1].start, votes)
            if index + 1 < len(headings)
            else len(raw)
        )
        inside = tuple(vote for vote in votes if heading.start <= vote[0] < end)
        if not inside and heading.kind == "table_row":  # a row of a vote table is its own decision
            inside = ((heading.start, heading.end),)
        items.append(_Item(heading, heading.start, end, inside))
    return items


def _before_next_lead(raw: str, folded: str, heading: Heading, end: int, votes: list[tuple[int, int]]) -> int:
    """Where an item ends when the next act's lead (its extract header, its number line, its count box)
    stands above the next heading: the votes there are the next act's, not this item's."""
    own = [vote for vote in votes if heading.start <= vote[0] < end]
    if not own:
        return end
    lead = rules().next_act_lead.search(folded, own[0][1], end)
    if lead is None:
        return end
    line_start = lead.start() + (1 if folded[lead.start()] == "\n" else 0)
    return _header_lines_before(raw, line_start, own[0][1])


def _acts(raw: str, folded: str, items: list[_Item], agenda: Agenda | None) -> list[ActSpan]:
    acts: list[ActSpan] = []
    first_act = next((item for item in items if _is_act(folded, item)), None)
    session = Span(start=0, end=first_act.start if first_act else len(raw))
    previous_end = 0
    last_vote_end = 0
    for item in items:
        heading = item.heading
        if heading.kind == "administrative":  # an arrêté, a decision of the president: of kind `other`
            acts.append(_act_span(item, len(acts), "other", lead_start=item.start, session=session))
            continue
        if not item.votes:
            if heading.kind == "convention" and acts:
                acts[-1].annexes.append(Span(start=item.start, end=item.end))
            elif (annex_end := _annex_continued_to(raw, acts, folded, item)) is not None:
                # the annexed convention's own numbered parties and articles ('1° La commune …') go on
                acts[-1].annexes[-1] = Span(start=acts[-1].annexes[-1].start, end=annex_end)
            continue
        if not _is_act(folded, item):
            continue
        marker = rules().session_marker.search(folded, last_vote_end, item.start) if acts else None
        if acts and marker is None and _own_session_under_title(raw, folded, item, last_vote_end):
            header_start = _header_lines_before(raw, item.start, last_vote_end)
            session = Span(start=header_start, end=item.start)
            acts[-1] = acts[-1].model_copy(update={"end": min(acts[-1].end, header_start)})
            previous_end = header_start
        elif marker:
            # the previous act ends where this extract's lead starts (its letterhead, count box, number)
            header_start = min(_header_lines_before(raw, marker.start(), last_vote_end), acts[-1].end)
            session = Span(start=header_start, end=item.start)
            acts[-1] = acts[-1].model_copy(update={"end": min(acts[-1].end, header_start)})
            previous_end = header_start
        lead_start = last_vote_end if acts else previous_end
        acts.append(_act_span(item, len(acts), "deliberation", lead_start=lead_start, session=session))
        previous_end = item.end
        last_vote_end = item.votes[-1][1]
    return acts


def _act_span(item: _Item, index: int, kind: DocumentKind, *, lead_start: int, session: Span) -> ActSpan:
    """The span of the act an item holds, titled by its heading."""
    heading = item.heading
    return ActSpan(
        index=index,
        kind=kind,
        start=item.start,
        end=item.end,
        lead_start=lead_start,
        session=session,
        title=heading.title or None,
        title_span=Span(start=heading.start, end=heading.end),
        title_source=heading.kind,
        agenda_title=heading.agenda_title,
        number=heading.number,
    )


def _annex_continued_to(raw: str, acts: list[ActSpan], folded: str, item: _Item) -> int | None:
    """Where an item without a vote right after an annexed convention ends as part of it (the convention's
    own numbered parties and articles): at its end, or where the next extract's header starts in it."""
    if not acts or not acts[-1].annexes or acts[-1].annexes[-1].end != item.start:
        return None
    marker = rules().session_marker.search(folded, item.start, item.end)
    if marker is None:
        return item.end
    header_start = _header_lines_before(raw, marker.start(), item.start)
    return header_start if header_start > item.start else None


def _own_session_under_title(raw: str, folded: str, item: _Item, last_vote_end: int) -> bool:
    """An extract that gives its session under its title: its letterhead or stamp after the previous
    act's decision, then 'Objet : …' and only then 'Séance du 30 juin 2025' before its own decision."""
    if not rules().session_marker.search(folded, item.start, item.votes[0][0]):
        return False
    return bool(find_actes_ids(raw[last_vote_end : item.start]) or _LETTERHEAD.search(raw, last_vote_end, item.start))


_LETTERHEAD = re.compile(r"(?m)^[ \t]*(?:COMMUNE|MAIRIE|VILLE|R[ÉE]PUBLIQUE FRAN[ÇC]AISE)\b")
#: A separator line this far above the next extract's marker or closer opens it (its letterhead, its stamp);
#: one farther up closes the previous act's decision, above its stamp and its annexed convention.
_SEPARATED_HEADER = 800
_SEPARATOR_LINE = re.compile(r"(?m)^[ \t]*[=_*~-]{10,}[ \t]*\n")


def _header_lines_before(raw: str, position: int, floor: int) -> int:
    """A new extract's header starts with its title lines in capitals ('COMMUNE DE …') above the marker."""
    while position < len(raw) and raw[position] in " \t\n":  # a marker matched from the line break before it
        position += 1
    separators = list(_SEPARATOR_LINE.finditer(raw, floor, position))
    if separators and position - separators[-1].end() <= _SEPARATED_HEADER:
        return separators[-1].end()  # '=====' or '_____' between two extracts: the next one starts under it
    start = raw.rfind("\n", floor, position) + 1 if position > floor else position
    for line in reversed(lines_of(raw, floor, max(floor, start - 1))):
        if line.blank or rules().letterhead_label.match(fold(line.text)):
            continue  # a count box or a location line is the header's only under a title in capitals
        if not in_capitals(line.text, 0.6):
            break
        if find_actes_ids(line.text):  # the previous act's stamp, on the line the next header starts
            break
        start = line.start
    return max(start, floor)


def _is_act(folded: str, item: _Item) -> bool:
    """A voted item that is not procedure (secretary, agenda change, questions)."""
    heading = item.heading
    if not item.votes or heading.kind == "procedure":
        return False
    title_key = fold(heading.agenda_title or heading.title).strip(" >-:")
    if is_non_act_title(fold(heading.title).strip(" >-:")) or is_non_act_title(title_key):
        return False
    return not is_procedural(folded[item.start : item.votes[0][0]])


def _add_unheaded_blocks(
    raw: str, folded: str, headings: list[Heading], votes: list[tuple[int, int]], agenda: Agenda | None
) -> list[Heading]:
    """A strong 'Vote :' line closing a block without any heading since the previous strong vote
    makes that block an act: its heading is its first line, titled from the agenda when possible."""
    strong = [vote for vote in votes if re.match(r"\s*[\n>*_-]*\s*votes?\s*[:;]", folded[vote[0] : vote[1]])]
    if len(strong) < 2:
        return headings
    added = list(headings)
    for previous, current in itertools.pairwise(strong):
        if any(previous[1] <= heading.start < current[0] for heading in added):
            continue
        if not any(heading.start < previous[0] for heading in added):
            continue
        after_vote = raw.find("\n", previous[1], current[0])
        block = lines_of(raw, after_vote + 1, current[0]) if after_vote >= 0 else []
        first = next((index for index, line in enumerate(block) if line.text.strip()), None)
        if first is None or block[first].start >= current[0]:
            continue
        agenda_title = _next_agenda_title(added, agenda, block[first].start)
        own = block_title(block, first)
        title, end = own if own else (agenda_title or "", block[first].end)
        added.append(Heading(block[first].start, min(end, current[0]), title, "unheaded", agenda_title))
    return sorted(added, key=lambda heading: heading.start)


def _next_agenda_title(headings: list[Heading], agenda: Agenda | None, position: int) -> str | None:
    """The agenda entry after the last agenda-matched heading before ``position``, if that entry
    is an act's title not matched by another heading."""
    if agenda is None:
        return None
    titles = [entry.title for entry in agenda.entries]
    last = [h.agenda_title for h in headings if h.start < position and h.agenda_title in titles]
    following = titles.index(last[-1]) + 1 if last else 0
    if following >= len(titles):
        return None
    title = titles[following]
    taken = {h.agenda_title for h in headings if h.kind != "unheaded"}
    return None if title in taken or is_non_act_title(fold(title)) else title


def _kind_without_acts(folded: str, items: list[_Item], votes: list[tuple[int, int]]) -> DocumentKind:
    """A document without any voted item: a convention, a lone extract, or other text."""
    if any(item.heading.kind == "convention" for item in items[:3]) and rules().convention_body.search(folded):
        return "convention"
    if votes and len(set(rules().deliberation_words.findall(folded))) >= 1:
        return "deliberation"
    return "other"
