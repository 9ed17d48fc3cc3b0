"""Extract stage: the segmented text → one :class:`ActRecord` per act, every value with its evidence.

Session-level values (dates, attendance, proxies, president, secretary, stamp)
are read once per session header and copied onto the acts of that session;
an act's own span may override the president (a vote presided by someone
else). Act-level values (number, object, vote, convention parties) are read in
the act's span. What the text does not state stays null.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from pipeline.extract import session_facts as facts_module
from pipeline.extract.act import act_object, deliberation_number
from pipeline.extract.act_stamp import StampContext, act_stamp, stamps_per_act
from pipeline.extract.context import act_context, document_findings
from pipeline.extract.found import Found
from pipeline.extract.item_counts import StatedAfter, item_counts, stated_after_decision, with_new_givers
from pipeline.extract.parties import SelfParty, convention_parties
from pipeline.extract.plausible import MEMBER_COUNTS, implausible_counts
from pipeline.extract.registry import lookup
from pipeline.extract.session import body as body_in
from pipeline.extract.session import commune_mentions, item_president
from pipeline.extract.session_facts import SessionFacts, continued_from, read_session
from pipeline.extract.signature import signed_by
from pipeline.extract.snap import closest_member
from pipeline.extract.stamp import Stamp, read_stamp, siren_in_letterhead
from pipeline.extract.stamp_rows import number_key
from pipeline.extract.vote import read_vote, with_box_counts
from pipeline.extract.vote_table import count_table_vote, table_vote, with_table_counts
from pipeline.identifiers import department_from_name
from pipeline.records import ActRecord, ActSpan, CleanText, Evidence, Proxy, Segmentation, Vote
from pipeline.segment.rules import vote_positions
from pipeline.textutil import folded_text, match_key

log = logging.getLogger(__name__)


def extract_acts(text: CleanText, segmentation: Segmentation) -> list[ActRecord]:
    """One record per act of the segmentation."""
    raw = text.text
    acts = segmentation.acts
    single = len(acts) == 1
    whole = (0, len(raw))
    sessions: dict[tuple[int, int], SessionFacts] = {}
    acts_of_session = Counter((span.session.start, span.session.end) for span in segmentation.acts)
    session_ends = _session_ends(list(acts_of_session), len(raw))
    earlier: SessionFacts | None = None
    document_stamp: Stamp | None = None
    numbers = {span.index: deliberation_number(raw, span) if span.kind != "other" else None for span in acts}
    per_act = not single and stamps_per_act(raw, [found.value if found else None for found in numbers.values()])
    act_numbers = frozenset(filter(None, (number_key(found.value) for found in numbers.values() if found)))
    carried: dict[tuple[int, int], StatedAfter] = {}  # stated after an act's decision, for the next ones
    records = []
    for span in segmentation.acts:
        key = (span.session.start, span.session.end)
        own_header = single or acts_of_session[key] == 1
        extract = (0, len(raw)) if single else (key[0], span.end) if own_header else None
        if key not in sessions:
            signed = extract or (key[0], session_ends[key])
            sessions[key] = _session_facts(raw, span, extract=extract, earlier=earlier, signed=signed)
            earlier = sessions[key] if span.kind != "convention" else earlier
        facts = sessions[key]
        year = facts.session_date.value.year if facts.session_date else None
        hint = department_from_name(raw[key[0] : key[1]][:3000])
        if document_stamp is None:
            document_stamp = read_stamp(raw, *whole, department_hint=hint, reference_year=year)
        number = numbers[span.index]
        own_text = (span.start, span.end) if single else extract or (span.start, span.end)
        stamp = act_stamp(
            raw,
            span,
            own_text,
            number.value if number else None,
            document_stamp,
            StampContext(hint, year, single, own_header, per_act, act_numbers),
        )
        before = carried.get(key, StatedAfter())
        records.append(_record(text, span, facts, stamp, number, before, single=single, own_header=own_header))
        if not single and span.kind == "deliberation":
            carried[key] = before.then(stated_after_decision(raw, span))
    return records


def _session_ends(keys: list[tuple[int, int]], length: int) -> dict[tuple[int, int], int]:
    """Where each session's text ends: at the next session's header, the last one at the end of the text."""
    starts = sorted({start for start, _ in keys})
    if not starts:
        return {}
    following = {start: next_start for start, next_start in zip(starts, [*starts[1:], length], strict=True)}
    return {key: following[key[0]] for key in keys}


def _session_facts(
    raw: str,
    span: ActSpan,
    *,
    extract: tuple[int, int] | None,
    earlier: SessionFacts | None,
    signed: tuple[int, int],
) -> SessionFacts:
    """The facts of the act's session header; a later extract's bare header continues the earlier one.
    A session whose text never says who presided has the president who signs it (``signed``: its text).

    An act alone in its session has its ``extract`` (the file of one act, or one extract of a file of
    extracts); it may state its attendance under its title ('OBJET : … / Le Conseil, réuni … / Mandats :
    …'), so its text before the decision is read too, and its labelled dates and names anywhere in it."""
    if span.kind == "convention":
        return SessionFacts()
    key = (span.session.start, span.session.end)
    preamble = _preamble(raw, span, extract) if extract else None
    facts = read_session(raw, *key, whole=extract, preamble=preamble)
    facts = continued_from(facts, earlier) if earlier is not None else facts
    if facts.president is None:
        facts.president = signed_by(raw, *signed)
    return facts


def _record(
    text: CleanText,
    span: ActSpan,
    facts: SessionFacts,
    stamp: Stamp,
    number: Found[str] | None,
    before: StatedAfter,
    *,
    single: bool,
    own_header: bool,
) -> ActRecord:
    """The record of one act; ``own_header``: its session header is its alone (its count box is its vote's);
    ``before``: counts and proxies stated after an earlier act's decision (a member left), which update the
    session's."""
    if span.kind == "other":
        return ActRecord(doc=text.doc, act_index=span.index, document_kind="other")
    raw = text.text
    values: dict[str, Found[Any] | None] = {}
    registered = lookup(stamp.siren.value) if stamp.siren else None
    body = facts.body or (body_in(raw, span.start, span.end) if span.kind == "deliberation" else None)
    collectivity = (
        _collectivity(facts, stamp, registered) or _commune_named_in(raw, body) if span.kind == "deliberation" else None
    )
    values["collectivity_name"] = _first(collectivity, 0)
    values["collectivity_kind"] = _collectivity_kind(collectivity, body, registered)
    values["body"] = _first(body, 0)
    values["deliberation_number"] = number
    values["object"] = act_object(raw, span)
    values["session_date"] = facts.session_date
    values["convocation_date"] = facts.convocation_date
    values["members_in_office"] = facts_module.count(facts, "members_in_office")
    values["members_present"] = facts_module.present_count(facts)
    values["members_voting"] = facts_module.count(facts, "members_voting")
    values["proxies_count"] = facts_module.proxies_count(facts)
    if not single:
        values.update(before.counts)
        values.update(item_counts(raw, span))
    population = _population_of_named(registered, values["collectivity_name"])
    implausible = implausible_counts(
        {name: found.value if found else None for name, found in values.items() if name in MEMBER_COUNTS}, population
    )
    for finding in implausible:
        values[finding.fields[0]] = None
    own_president = item_president(raw, span.start, span.end) if not single else None
    president = own_president or before.president or facts.president
    values["president"] = _snapped(president.value.name, president, facts) if president else None
    values["secretary"] = _snapped(facts.secretary.value, facts.secretary, facts) if facts.secretary else None
    values["prefecture_act_id"] = stamp.act_id
    values["siren"] = stamp.siren or (siren_in_letterhead(raw, span.session.start) if not stamp.act_id else None)
    values["prefecture_sent_date"] = stamp.sent
    values["prefecture_received_date"] = stamp.received
    table = table_vote(raw, span.start) if span.title_source == "table_row" else None
    vote = table or with_table_counts(read_vote(raw, span.start, span.end), count_table_vote(raw, span.start, span.end))
    if own_header and span.kind != "convention":
        vote = with_box_counts(vote, raw, span.session.start, span.session.end)
    own = SelfParty(
        name=values["collectivity_name"].value if values["collectivity_name"] else None,
        president=values["president"].value if values["president"] else None,
        president_role=(president.value.role or _default_role(body)) if president else None,
    )
    proxies = with_new_givers(facts.proxies, before.proxies)
    spans = [(span.start, span.end), *((annex.start, annex.end) for annex in span.annexes)]
    parties = convention_parties(raw, spans, span.title, own)
    record = ActRecord(
        doc=text.doc,
        act_index=span.index,
        document_kind=span.kind,
        proxies=[Proxy(giver=clause.giver, holder=clause.holder) for clause in proxies],
        vote=vote.vote if vote else Vote(),
        convention_parties=parties.value if parties else [],
        **{name: found.value if found else None for name, found in values.items()},
    )
    evidence: dict[str, Evidence] = {name: found.evidence(text) for name, found in values.items() if found}
    for index, clause in enumerate(proxies):
        evidence[f"proxies[{index}]"] = Found(None, clause.start, clause.end, "proxy-clause").evidence(text)
    if vote:
        evidence["vote"] = Found(None, vote.start, vote.end, "vote").evidence(text)
    if parties:
        evidence["convention_parties"] = parties.evidence(text)
    context = act_context(raw, span, facts, stamp, registered)
    record = record.model_copy(update={"evidence": evidence, "context": context})
    return record.model_copy(update={"findings": [*implausible, *document_findings(record, span)]})


def _population_of_named(registered: Any, name: Found[Any] | None) -> int | None:
    """The registry's population, when the stamp's SIREN is the commune the document names."""
    if registered is None or registered.kind != "commune" or name is None:
        return None
    return registered.population if match_key(registered.name) == match_key(str(name.value)) else None


def _snapped(name: str, found: Found[Any], facts: SessionFacts) -> Found[str]:
    """A president or secretary read in a sentence, spelled as in the present list if OCR slipped."""
    listed = closest_member(name, facts.members, frozenset({"present"}))
    if listed is None:
        return Found(name, found.start, found.end, found.method, found.repaired_from)
    return Found(listed, found.start, found.end, f"{found.method}+present-list", name)


def _preamble(raw: str, span: ActSpan, extract: tuple[int, int]) -> tuple[int, int]:
    """A lone act's text from the start of its ``extract`` to its decision, where its attendance lists may be."""
    first = next((vote for vote, _ in vote_positions(folded_text(raw)) if span.start <= vote < span.end), None)
    return (extract[0], first if first is not None else extract[1])


def _default_role(body: Found[tuple[str, str]] | None) -> str | None:
    """Who presides a body when the record does not say: the mayor, or the president."""
    if body is None:
        return None
    return {"commune": "Maire", None: None}.get(body.value[1], "Président")


def _first(found: Found[tuple[str, str]] | None, index: int) -> Found[str] | None:
    if found is None:
        return None
    return Found(found.value[index], found.start, found.end, found.method, found.repaired_from)


def _collectivity(facts: SessionFacts, stamp: Stamp, registered: Any) -> Found[tuple[str, str]] | None:
    """The header's collectivity; else the one the stamp's SIREN designates in the registry."""
    if facts.collectivity:
        return facts.collectivity
    if registered is not None and stamp.siren is not None:
        return Found((registered.name, registered.kind), stamp.siren.start, stamp.siren.end, "registry-siren")
    return None


def _commune_named_in(text: str, body: Found[tuple[str, str]] | None) -> Found[tuple[str, str]] | None:
    """A municipal council's record that never names its commune in the header but does in the text
    ('la reprise du temple par la commune de Couthenans'): the commune it names, if it names one most."""
    if body is None or body.value[1] != "commune":
        return None
    mentions = commune_mentions(text)
    if not mentions:
        return None
    counts = Counter(name for name, _, _ in mentions)
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[0][1] <= ranked[1][1]:
        return None
    best = ranked[0][0]
    start, end = next((s, e) for name, s, e in mentions if name == best)
    return Found((best, "commune"), start, end, "commune-mentioned")


def _collectivity_kind(
    collectivity: Found[tuple[str, str]] | None, body: Found[tuple[str, str]] | None, registered: Any
) -> Found[str] | None:
    if body and body.value[1] == "other":  # a public body's board (a CCAS): a 'mairie de X' is where it meets
        return _first(body, 1)
    if collectivity:
        return _first(collectivity, 1)
    if body and body.value[1]:
        return _first(body, 1)
    return None
