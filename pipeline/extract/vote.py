"""The vote of an act: unanimity, counts for / against / abstention, outcome.

"à l'unanimité", "à l'unanimité (20 voix « POUR »)", "ONT VOTE POUR : 14 ONT
VOTE CONTRE : /" ("/" is zero), "par 18 voix pour, 2 contre et 3 abstentions",
"3 abstentions 8 votes pour", "adopté à la majorité". Patterns: models/vote.yaml.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

from pipeline.config import load_rules
from pipeline.extract.numbers import to_int
from pipeline.records import Vote
from pipeline.segment.rules import vote_positions
from pipeline.textutil import NOT_AFTER_CIVILITY, fold_span, folded_text

_STATEMENT_REACH = 260


@dataclass(frozen=True)
class VoteReading:
    vote: Vote
    start: int
    end: int


@functools.cache
def _rules() -> dict[str, Any]:
    data = load_rules("vote")
    counts = {
        field: [re.compile(item["pattern"], re.MULTILINE) for item in items] for field, items in data["counts"].items()
    }
    words = {
        key: re.compile(data[key])
        for key in ("unanimous", "majority", "adopted", "rejected", "amendment", "not_the_act")
    }
    box = {field: re.compile(pattern) for field, pattern in data["box"].items()}
    return {"counts": counts, "box": box, "unanimous_total": re.compile(data["unanimous_total"]), **words}


def read_vote(text: str, start: int, end: int) -> VoteReading | None:
    """The vote stated in ``text[start:end]``: the statements around each vote marker, merged.

    Unanimity is taken from a statement that gives counts when one does ("déjà voté à l'unanimité" in a
    recital does not make "12 votes pour / 2 abstentions" unanimous)."""
    folded = folded_text(text)
    chunks: list[tuple[int, int, str]] = []
    for a, b in vote_positions(folded[start:end]):
        marker = start + a + len(folded[start + a : start + b]) - len(folded[start + a : start + b].lstrip())
        line_start = _line_start(folded, marker, start)
        stop = min(end, start + b + _STATEMENT_REACH)
        statement = _rules()["not_the_act"].sub(" ", _statement(folded, line_start, stop, marker - line_start))
        if not _rules()["amendment"].search(statement):  # 'Vote sur l'amendement : …' is not the act's vote
            chunks.append((line_start, stop, statement))
    if not chunks:
        return None
    counts: dict[str, int] = {}
    for _, _, chunk in chunks:
        for field, value in _chunk_counts(chunk).items():
            counts.setdefault(field, value)
    unanimous = any(_unanimity_with_abstentions(chunk) for _, _, chunk in chunks) or (
        any(_rules()["unanimous"].search(chunk) for _, _, chunk in chunks)
        and not any(_contradicts_unanimity(chunk) for _, _, chunk in chunks)
    )
    majority = any(_rules()["majority"].search(chunk) for _, _, chunk in chunks)
    adopted = any(_rules()["adopted"].search(chunk) for _, _, chunk in chunks)
    rejected = any(_rules()["rejected"].search(chunk) for _, _, chunk in chunks)
    vote = decide(unanimous, majority, adopted, rejected, counts)
    return VoteReading(vote, chunks[0][0], chunks[-1][1])


def _contradicts_unanimity(chunk: str) -> bool:
    """Counts with votes against or abstentions, in a statement that does not itself say unanimity
    ('déjà voté à l'unanimité.' … 'Vote de la motion : 12 votes pour / 2 abstentions')."""
    counts = _chunk_counts(chunk)
    dissent = counts.get("against", 0) > 0 or counts.get("abstention", 0) > 0
    return dissent and not _rules()["unanimous"].search(chunk)


def _unanimity_with_abstentions(chunk: str) -> bool:
    """One sentence says unanimity and gives abstentions, no vote against, with it: 'à l'unanimité des
    suffrages exprimés (21 voix pour, 2 abstentions)' is unanimous (abstentions are not expressed)."""
    for sentence in _SENTENCE_END.split(chunk):
        counts = _chunk_counts(sentence)
        if counts.get("abstention", 0) > 0 and not counts.get("against") and _rules()["unanimous"].search(sentence):
            return True
    return False


_SENTENCE_END = re.compile(r"\.(?=\s)")


def _chunk_counts(chunk: str) -> dict[str, int]:
    counts = _counts(chunk)
    totals = list(_rules()["unanimous_total"].finditer(chunk))
    if totals and "for" not in counts and _rules()["unanimous"].search(chunk):
        counts["for"] = int(totals[0].group("n"))
        for before, after in itertools.pairwise(totals):  # 'des présents (14 voix) et représentés (3 voix)'
            if not _AND_REPRESENTED.fullmatch(chunk[before.end() : after.start()]):
                break
            counts["for"] += int(after.group("n"))
    return counts


_AND_REPRESENTED = re.compile(r"\s*et\s+(?:des\s+)?(?:membres\s+)?representee?s?\s*")


def _line_start(folded: str, position: int, floor: int) -> int:
    """Where the line holding ``position`` starts ('4 pour 6 contre': the marker is on '6 contre')."""
    return max(floor, folded.rfind("\n", 0, position) + 1)


#: A blank line, or a period that ends a sentence (not the one of a civility: '(M. SERRES et …)').
_STATEMENT_END = re.compile(r"\n\s*\n|" + NOT_AFTER_CIVILITY + r"\.\s+(?=[a-z]{3,}\s)")


def _statement(folded: str, start: int, end: int, marker: int = 0) -> str:
    """From the marker's line to the end of its sentence or line group (a vote statement is short)."""
    chunk = folded[start:end]
    reach = marker + 12
    stop = _STATEMENT_END.search(chunk[reach:])
    return chunk[: reach + stop.start()] if stop else chunk


def _counts(chunk: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for field, patterns in _rules()["counts"].items():
        for pattern in patterns:
            match = pattern.search(chunk)
            if match:
                named = "names" in pattern.groupindex
                value = _named_count(match) if named else to_int(match.group("n"), slash_is_zero=True)
                if value is not None and value < 1000:
                    found[field] = value
                    break
    return found


def _named_count(match: re.Match[str]) -> int:
    """The number of members a clause names ('(M. X et Mme Y s'abstiennent)' → 2)."""
    return len([name for name in _NAME_SEPARATOR.split(match.group("names").strip()) if name])


_NAME_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+et\s+")


def vote_words(folded: str) -> tuple[bool, bool, bool, bool]:
    """Whether a folded statement says unanimity, majority, adoption, rejection ('Adoptée à l'unanimité')."""
    rules = _rules()
    said = [bool(rules[key].search(folded)) for key in ("unanimous", "majority", "adopted", "rejected")]
    return said[0], said[1], said[2], said[3]


def decide(unanimous: bool, majority: bool, adopted: bool, rejected: bool, counts: dict[str, int]) -> Vote:
    """The vote from what the statements say and the counts they give."""
    for_, against, abstention = counts.get("for"), counts.get("against"), counts.get("abstention")
    if unanimous:
        is_unanimous: bool | None = True
    elif (against or 0) > 0 or (abstention or 0) > 0 or majority:
        is_unanimous = False
    else:
        is_unanimous = None
    if for_ is not None and against is not None and for_ != against:
        outcome: str | None = "adopted" if for_ > against else "rejected"
    elif rejected and not adopted:
        outcome = "rejected"
    elif adopted or unanimous or (for_ is not None and (against or 0) < for_):
        outcome = "adopted"
    else:
        outcome = None
    return Vote.model_validate(
        {
            "unanimous": is_unanimous,
            "for": for_,
            "against": against,
            "abstention": abstention,
            "outcome": outcome,
        }
    )


def with_box_counts(reading: VoteReading | None, text: str, start: int, end: int) -> VoteReading | None:
    """Fill the counts a vote statement leaves out from a header count box ('- pour : 68 - contre : 0')."""
    if reading is None or start >= end:
        return reading
    vote = reading.vote
    if vote.for_ is not None or vote.against is not None or vote.abstention is not None:
        return reading
    folded = fold_span(text, start, end)
    found = {}
    for field, pattern in _rules()["box"].items():
        match = pattern.search(folded)
        if match:
            found[field] = to_int(match.group("n"), slash_is_zero=True)
    if "for" not in found:
        return reading
    counts = {key: value for key, value in found.items() if value is not None}
    merged = decide(bool(vote.unanimous), False, vote.outcome == "adopted", vote.outcome == "rejected", counts)
    return VoteReading(merged, reading.start, reading.end)
