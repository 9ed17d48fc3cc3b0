"""What the legal checks need besides the fields (lists, flags, population), and the
extraction's own findings (a template left unfilled, a record without its header)."""

from __future__ import annotations

import functools
import re
from typing import Any

from pipeline.config import load_rules
from pipeline.extract.names import is_placeholder
from pipeline.extract.session_facts import SessionFacts
from pipeline.extract.stamp import Stamp
from pipeline.records import ActContext, ActRecord, ActSpan, Finding
from pipeline.textutil import fold_span

_PLACEHOLDER = re.compile(r"X{4,}|_{5,}|\.{6,}|…{3,}")


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_rules("vote")
    return {key: re.compile(data[key]) for key in ("non_voting", "secret_ballot", "departures")}


def _non_voting(raw: str, span: ActSpan, folded: str) -> bool:
    """A member who does not vote on this act, said in it or in its session header ("M. le Maire s'est
    retiré au moment du vote", "n'a pas pris part au vote"): voters may be fewer than present + proxies."""
    pattern = _patterns()["non_voting"]
    header = fold_span(raw, span.session.start, span.session.end)
    return bool(pattern.search(folded) or pattern.search(header))


def _moved_before_end(raw: str, span: ActSpan) -> bool:
    """An arrival or departure mentioned in the session before this act or in it ("arrive à 19h10 et
    prend part au vote à partir du point 4"): the session's counts may not hold for this act."""
    return bool(_patterns()["departures"].search(fold_span(raw, min(span.session.start, span.start), span.end)))


def act_context(raw: str, span: ActSpan, facts: SessionFacts, stamp: Stamp, registered: Any) -> ActContext:
    """The context of one act: session facts plus what its own text says."""
    folded = fold_span(raw, span.start, span.end)
    substitutes = facts.counts.get("substitutes_count")
    listed_substitutes = [m for m in facts.members if m.status == "substitute"]
    texts = [raw[span.start : span.end], *(raw[a.start : a.end] for a in span.annexes)]
    return ActContext(
        members=facts.members,
        substitutes_count=substitutes.value if substitutes else (len(listed_substitutes) or None),
        publication_date=stamp.published.value if stamp.published else None,
        display_date=facts.display_date.value if facts.display_date else None,
        population=registered.population if registered is not None else None,
        urgency=facts.urgency,
        second_convocation=facts.second_convocation,
        departures_mentioned=facts.departures or _moved_before_end(raw, span),
        non_voting_mentioned=_non_voting(raw, span, folded),
        secret_ballot=bool(_patterns()["secret_ballot"].search(folded)),
        test_stamp=stamp.test_stamp,
        template=any(_PLACEHOLDER.search(chunk) for chunk in texts) and span.kind == "convention",
    )


def document_findings(record: ActRecord, span: ActSpan) -> list[Finding]:
    """Findings of the extraction itself (the legal checks add theirs in the validate stage)."""
    findings = []
    if record.context.template:
        findings.append(
            Finding(
                code="TEMPLATE_UNFILLED",
                severity="info",
                message="Modèle de convention non rempli : les parties et numéros sont des champs à compléter "
                "(XXXXXX) ; aucune valeur n'en est tirée.",
                fields=["convention_parties"],
            )
        )
    if record.document_kind == "deliberation" and record.session_date is None:
        findings.append(
            Finding(
                code="INCOMPLETE_RECORD",
                severity="info",
                message="Date de séance absente du document (extrait sans en-tête ?) : la séance, les présences "
                "et la transmission ne peuvent pas être vérifiées.",
                fields=["session_date"],
            )
        )
    if record.object and is_placeholder(record.object):
        findings.append(
            Finding(code="TEMPLATE_UNFILLED", severity="info", message="Objet non rempli.", fields=["object"])
        )
    return findings
