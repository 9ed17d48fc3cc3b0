"""The segmentation patterns of models/segment.yaml, compiled once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.config import load_rules


@dataclass(frozen=True)
class SegmentRules:
    vote_markers: tuple[re.Pattern[str], ...]
    headings: tuple[tuple[str, re.Pattern[str]], ...]
    non_act_titles: tuple[re.Pattern[str], ...]
    procedural_text: tuple[re.Pattern[str], ...]
    procedure_sections: re.Pattern[str]
    agenda_label: re.Pattern[str]
    agenda_bullet: re.Pattern[str]
    convention_title: re.Pattern[str]
    convention_body: re.Pattern[str]
    session_marker: re.Pattern[str]
    next_act_lead: re.Pattern[str]
    deliberation_words: re.Pattern[str]
    administrative_words: re.Pattern[str]
    letterhead_title: re.Pattern[str]
    numbered_tab: re.Pattern[str]
    kind_line: re.Pattern[str]
    rapporteur_line: re.Pattern[str]
    convention_note: re.Pattern[str]
    decision_verb: re.Pattern[str]
    letterhead_label: re.Pattern[str]


@functools.cache
def rules() -> SegmentRules:
    data = load_rules("segment")
    multiline = re.MULTILINE
    return SegmentRules(
        vote_markers=tuple(re.compile(item["pattern"], multiline) for item in data["vote_markers"]),
        headings=tuple((item["kind"], re.compile(item["pattern"])) for item in data["headings"]),
        non_act_titles=tuple(re.compile(item["pattern"]) for item in data["non_act_titles"]),
        procedural_text=tuple(re.compile(item["pattern"]) for item in data["procedural_text"]),
        procedure_sections=re.compile(data["procedure_sections"]),
        agenda_label=re.compile(data["agenda_label"]),
        agenda_bullet=re.compile(data["agenda_bullet"]),
        convention_title=re.compile(data["convention_title"]),
        convention_body=re.compile(data["convention_body"], multiline),
        session_marker=re.compile(data["session_marker"]),
        next_act_lead=re.compile(data["next_act_lead"]),
        deliberation_words=re.compile(data["deliberation_words"]),
        administrative_words=re.compile(data["administrative_words"]),
        letterhead_title=re.compile(data["letterhead_title"]),
        numbered_tab=re.compile(data["numbered_tab"]),
        kind_line=re.compile(data["kind_line"]),
        rapporteur_line=re.compile(data["rapporteur_line"]),
        convention_note=re.compile(data["convention_note"]),
        decision_verb=re.compile(data["decision_verb"]),
        letterhead_label=re.compile(data["letterhead_label"]),
    )


def vote_positions(folded: str) -> list[tuple[int, int]]:
    """Spans of every vote or decision marker, sorted, overlaps merged."""
    return list(_vote_positions(folded))


@functools.lru_cache(maxsize=4)
def _vote_positions(folded: str) -> tuple[tuple[int, int], ...]:
    """:func:`vote_positions`, remembered: a lone act's text is searched by the segmenter and by the
    extractors, and the markers are many patterns run over the whole text."""
    spans = sorted(
        (match.start(), match.end()) for pattern in rules().vote_markers for match in pattern.finditer(folded)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def is_non_act_title(title: str) -> bool:
    """'Nomination du secrétaire', 'Questions diverses'… (folded title)."""
    return any(pattern.search(title) for pattern in rules().non_act_titles)


def is_procedural(folded_text: str) -> bool:
    """An agenda change or a withdrawn item."""
    return any(pattern.search(folded_text) for pattern in rules().procedural_text)
