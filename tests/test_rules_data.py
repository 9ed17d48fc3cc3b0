"""Every pattern kept as data in models/ compiles and matches its own example."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.clean import fixups as clean_fixups
from pipeline.textutil import fold

MODELS = Path(__file__).resolve().parent.parent / "models"
#: Rule files whose patterns match the folded text (lower case, no accents, plain quotes and dashes).
FOLDED_FILES = ["attendance", "segment", "session", "stamp", "vote", "act", "parties"]
#: Entries matched against the original text (case matters there).
ORIGINAL_SECTIONS = {("parties", "organisations")}


def _entries(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    if isinstance(node, dict):
        if "pattern" in node and "example" in node:
            yield path, node
        for key, value in node.items():
            yield from _entries(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _entries(value, (*path, str(index)))


def _cases() -> list[Any]:
    cases = []
    for name in FOLDED_FILES:
        data = yaml.safe_load((MODELS / f"{name}.yaml").read_text(encoding="utf-8"))
        for path, entry in _entries(data):
            original = (name, path[0]) in ORIGINAL_SECTIONS
            cases.append(pytest.param(entry, original, id=f"{name}:{'.'.join(path)}"))
    return cases


@pytest.mark.parametrize(("entry", "original"), _cases())
def test_rules_pattern_matches_its_example(entry: dict[str, Any], original: bool) -> None:
    pattern = re.compile(entry["pattern"], re.MULTILINE)
    example = entry["example"] if original else fold(entry["example"])
    assert pattern.search(example), f"{entry['pattern']!r} does not match {example!r}"


def _fixups() -> list[Any]:
    data = yaml.safe_load((MODELS / "fixups.yaml").read_text(encoding="utf-8"))
    return [pytest.param(item, id=item["id"]) for item in data["fixups"]]


@pytest.mark.parametrize("fixup", _fixups())
def test_rules_fixup_turns_its_example_into_its_output(fixup: dict[str, Any]) -> None:
    compiled = next(item for item in clean_fixups() if item.id == fixup["id"])
    assert compiled.apply(fixup["example"]["input"])[0] == fixup["example"]["output"]


@pytest.mark.parametrize(
    ("name", "key", "example_key"),
    [
        pytest.param("stamp", "act_id", "act_id_example", id="stamp-act-id"),
        pytest.param("parties", "authorisation", "example_authorisation", id="parties-authorisation"),
        pytest.param("parties", "signs_it", "example_signs_it", id="parties-signs-it"),
        pytest.param(
            "parties", "designated_signatory", "example_designated_signatory", id="parties-designated-signatory"
        ),
        pytest.param("parties", "between_start", "example_between_start", id="parties-between-start"),
        pytest.param("act", "number_in_stamp", "number_in_stamp_example", id="act-number-in-stamp"),
        pytest.param("segment", "next_act_lead", "next_act_lead_example", id="segment-next-act-lead"),
        pytest.param("vote", "amendment", "example_amendment", id="vote-amendment"),
        pytest.param("vote", "not_the_act", "example_not_the_act", id="vote-not-the-act"),
        pytest.param("segment", "kind_line", "kind_line_example", id="segment-kind-line"),
        pytest.param("segment", "convention_note", "convention_note_example", id="segment-convention-note"),
        pytest.param("segment", "letterhead_label", "letterhead_label_example", id="segment-letterhead-label"),
        pytest.param("segment", "rapporteur_line", "rapporteur_line_example", id="segment-rapporteur-line"),
    ],
)
def test_rules_single_pattern_matches_its_example(name: str, key: str, example_key: str) -> None:
    data = yaml.safe_load((MODELS / f"{name}.yaml").read_text(encoding="utf-8"))
    assert re.search(data[key], fold(data[example_key]))


def test_rules_decision_verb_matches_its_example_as_written() -> None:
    """The decision verb is matched on the original text: its capitals are what tell it from a title."""
    data = yaml.safe_load((MODELS / "segment.yaml").read_text(encoding="utf-8"))
    assert re.match(data["decision_verb"], data["decision_verb_example"])
    assert not re.match(data["decision_verb"], "Fixation des tarifs de la restauration scolaire")


def test_rules_every_rule_file_loads() -> None:
    for path in sorted(MODELS.glob("*.yaml")):
        assert yaml.safe_load(path.read_text(encoding="utf-8")) is not None, path.name
