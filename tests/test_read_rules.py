"""Rule files of the read stage: every pattern compiles and matches its own real example."""

from __future__ import annotations

import re

import pytest

from pipeline.config import load_rules
from pipeline.read import layout, margin
from pipeline.read.lines import Line
from pipeline.records import Word

STAMPS = load_rules("read_stamps")["stamps"]
LABELS = load_rules("read_count_labels")["labels"]


@pytest.mark.parametrize("entry", STAMPS, ids=lambda entry: entry["id"])
def test_rules_stamp_pattern_matches_example(entry):
    assert re.compile(entry["pattern"], re.IGNORECASE).search(entry["example"])
    assert layout.meaningful_chars(entry["example"]) == 0


@pytest.mark.parametrize("entry", LABELS, ids=lambda entry: entry["id"])
def test_rules_count_label_matches_example(entry):
    assert re.compile(entry["pattern"], re.IGNORECASE).search(entry["example"])
    assert margin.wants_value(_line(entry["example"]))


def _line(text: str) -> Line:
    words = tuple(
        Word(text=token, left=60 * index, top=0, width=50, height=30, conf=90.0, line=0)
        for index, token in enumerate(text.split())
    )
    return Line(words=words, paragraph=(1, 1))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("en exercice :", True),
        ("en exercice : il", True),
        ("Date de la convocation :", True),
        ("en exercice : 11", False),
        ("dont 3 procurations", True),
        ("Le conseil approuve la délibération", False),
        ("Présents : Denis JUVIN", False),
    ],
    ids=["colon", "misread-number", "date-label", "has-number", "count-after-number", "body", "names"],
)
def test_rules_margin_candidates(text, wanted):
    assert margin.wants_value(_line(text)) is wanted
