"""``make eval`` (pipeline.evaluate.make_eval) and the issue's targets (pipeline.evaluate.targets)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.evaluate import make_eval
from pipeline.evaluate.load import load_gold, load_predictions
from pipeline.evaluate.score import evaluate
from pipeline.evaluate.targets import HEADERLESS_SEED, TARGETS, Target, check

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "samples" / "gold"


def _perfect_seed_scores():
    return evaluate(load_gold([GOLD / "seeds.jsonl"]), load_predictions(GOLD / "seeds.jsonl"))


VERDICT_CASES = [
    pytest.param(Target("text", "accuracy", 0.98), 1.0, "PASS", id="accuracy-floor-met"),
    pytest.param(Target("text", "accuracy", 0.98), 0.97, "FAIL", id="accuracy-floor-missed"),
    pytest.param(Target("real", "proxies_f1", 0.9), 0.9, "PASS", id="f1-exactly-at-floor"),
    pytest.param(Target("text", "hallucinations", 0, HEADERLESS_SEED), 0.0, "PASS", id="no-hallucination"),
    pytest.param(Target("text", "hallucinations", 0, HEADERLESS_SEED), 2.0, "FAIL", id="hallucination"),
    pytest.param(Target("text", "accuracy", 0.98), None, "SKIP", id="not-measured"),
]


@pytest.mark.parametrize(("target", "value", "verdict"), VERDICT_CASES)
def test_make_eval_target_verdict(target, value, verdict):
    assert target.verdict(value) == verdict


def test_make_eval_targets_on_perfect_scores():
    checks = check({"text": _perfect_seed_scores()})
    text = [c for c in checks if c.target.rendering == "text"]
    assert {c.verdict for c in text} == {"PASS"}
    assert {c.verdict for c in checks if c.target.rendering != "text"} == {"SKIP"}
    assert len(checks) == len(TARGETS)


def test_make_eval_headerless_target_skips_when_the_document_has_no_act():
    gold = load_gold([GOLD / "seeds.jsonl"])
    predictions = {doc: acts for doc, acts in load_predictions(GOLD / "seeds.jsonl").items() if doc != HEADERLESS_SEED}
    target = Target("text", "hallucinations", 0, HEADERLESS_SEED)
    assert target.measure(evaluate(gold, predictions)) is None


def test_make_eval_input_files_match_gold_documents(tmp_path):
    for name in ("a.txt", "b.pdf", "README.md", "sub/c.md", "notes.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = make_eval.input_files(tmp_path, {"a", "b", "c", "notes", "missing"})
    assert {doc: path.relative_to(tmp_path).as_posix() for doc, path in found.items()} == {
        "a": "a.txt",
        "b": "b.pdf",
        "c": "sub/c.md",
    }


def test_make_eval_unknown_rendering_is_a_usage_error():
    assert make_eval.cli(["--only", "text,nonsense", "--skip-run"]) == 2


def test_make_eval_skip_run_scores_earlier_outputs(tmp_path, capsys):
    samples, out = tmp_path / "samples", tmp_path / "eval"
    shutil.copytree(ROOT / "samples" / "scanned-heavy", samples / "scanned-heavy")
    shutil.copytree(GOLD, samples / "gold")
    (out / "scanned-heavy").mkdir(parents=True)
    shutil.copy(GOLD / "seeds.jsonl", out / "scanned-heavy" / "acts.jsonl")
    status = make_eval.cli(["--only", "scanned-heavy", "--skip-run", "--samples", str(samples), "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 0
    assert "| scanned-heavy | 2 | 100.0 % | 1.000 | 1.000 | 0 | 2/2 | 0 | not run |" in printed
    assert "| scanned-heavy: overall accuracy ≥ 90 % | 1.0000 | PASS |" in printed
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "no input file (not scored) for gold documents 001_eb052266d7f866ea" in report
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert scores["renderings"]["scanned-heavy"]["summary"]["accuracy"] == 1.0
    assert scores["renderings"]["scanned-heavy"]["unscored_docs"] == [
        "001_eb052266d7f866ea",
        "002_9e5f5345d213e5e1",
        "004_e3ee9a021289d6a0",
    ]


def test_make_eval_strict_fails_on_a_failed_target(tmp_path):
    samples, out = tmp_path / "samples", tmp_path / "eval"
    shutil.copytree(ROOT / "samples" / "text", samples / "text")
    shutil.copytree(GOLD, samples / "gold")
    (out / "text").mkdir(parents=True)
    (out / "text" / "acts.jsonl").write_text("", encoding="utf-8")
    argv = ["--only", "text", "--skip-run", "--samples", str(samples), "--out", str(out)]
    assert make_eval.cli(argv) == 0
    assert make_eval.cli([*argv, "--strict"]) == 1


@pytest.mark.slow
def test_make_eval_runs_the_pipeline_on_the_text_seeds(tmp_path, capsys):
    out = tmp_path / "eval"
    assert make_eval.cli(["--only", "text", "--out", str(out)]) == 0
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    text = scores["renderings"]["text"]
    assert text["run"]["exit_status"] == 0
    assert text["run"]["files"] == 5
    assert text["acts"]["gold"] == 5
    assert (out / "text" / "acts.jsonl").is_file()
    assert "## Targets (issue 3)" in capsys.readouterr().out
