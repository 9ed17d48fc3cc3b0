"""``delib eval`` (pipeline.evaluate.command) and its markdown report."""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path

import pytest

from pipeline.errors import InputError, UsageError
from pipeline.evaluate import command

GOLD = Path(__file__).resolve().parents[1] / "samples" / "gold"


def _seeds() -> list[dict]:
    return [json.loads(line) for line in (GOLD / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]


def _write_acts(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "acts.jsonl"
    lines = []
    for record in records:
        clean = {k: v for k, v in record.items() if k not in ("notes", "alternatives")}
        lines.append(json.dumps({**clean, "evidence": {}, "findings": [], "source": {}}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.configure(parser)
    return parser.parse_args(list(argv))


def _damaged(tmp_path: Path) -> Path:
    records = copy.deepcopy(_seeds())
    records[0]["session_date"] = "2025-03-28"
    del records[2]
    return _write_acts(tmp_path / "run", records)


def test_command_prints_markdown_and_writes_json(tmp_path, capsys):
    _damaged(tmp_path)
    out = tmp_path / "scores.json"
    status = command.main(
        _args("--gold", str(GOLD / "seeds.jsonl"), "--pred", str(tmp_path / "run"), "--json", str(out))
    )
    printed = capsys.readouterr().out
    assert status == 0
    assert "**Overall field accuracy 79.2 %** (99/125)" in printed
    assert "| session_date | 60.0 % | 3/5 | 0 | 0 | 1 | 1 |" in printed
    assert "### Misses" not in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["overall"] == {"correct": 99, "total": 125, "accuracy": 0.792}
    assert data["summary"]["acts_matched"] == 4
    assert data["fields"]["session_date"]["wrong"] == 1


def test_command_misses_lists_fields_and_whole_acts(tmp_path, capsys):
    _damaged(tmp_path)
    command.main(_args("--gold", str(GOLD / "seeds.jsonl"), "--pred", str(tmp_path / "run" / "acts.jsonl"), "--misses"))
    printed = capsys.readouterr().out
    assert "| 000_45d3c7dc53e9d8c7 | 0 | 0 | session_date | wrong | 2025-03-27 | 2025-03-28 |" in printed
    whole = [line for line in printed.splitlines() if "(whole act)" in line]
    assert len(whole) == 1
    assert whole[0].startswith("| 002_9e5f5345d213e5e1 | 0 | — | (whole act) | act missed | CONVENTION RELATIVE")


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        pytest.param("0.9", 1, id="below-threshold-fails"),
        pytest.param("0.75", 0, id="above-threshold-passes"),
    ],
)
def test_command_fail_under(tmp_path, threshold, expected):
    _damaged(tmp_path)
    args = _args("--gold", str(GOLD / "seeds.jsonl"), "--pred", str(tmp_path / "run"), "--fail-under", threshold)
    assert command.main(args) == expected


def test_command_several_gold_files(tmp_path, capsys):
    _write_acts(tmp_path / "run", _seeds())
    args = _args(
        "--gold",
        str(GOLD / "seeds.jsonl"),
        "--gold",
        str(GOLD / "real.jsonl"),
        "--pred",
        str(tmp_path / "run"),
    )
    command.main(args)
    printed = capsys.readouterr().out
    assert "acts: 33 gold, 5 predicted, 5 matched, 28 missed, 0 extra" in printed


def test_command_missing_gold_is_a_usage_error(tmp_path):
    _write_acts(tmp_path / "run", _seeds())
    with pytest.raises(UsageError):
        command.main(_args("--gold", str(tmp_path / "nope.jsonl"), "--pred", str(tmp_path / "run")))


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("{not json", id="invalid-json"),
        pytest.param("[1, 2]", id="not-an-object"),
        pytest.param('{"act_index": 0}', id="no-doc"),
    ],
)
def test_command_bad_prediction_file_is_an_input_error(tmp_path, line):
    path = tmp_path / "acts.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"acts\.jsonl:1"):
        command.main(_args("--gold", str(GOLD / "seeds.jsonl"), "--pred", str(path)))


def test_command_main_has_an_example():
    assert "Example:" in (command.main.__doc__ or "")
    assert "delib eval --gold" in (command.main.__doc__ or "")
