"""Evaluation harness: score a run's ``acts.jsonl`` against hand-checked gold files.

load (gold + predictions) → align (acts within each document) → score (fields, proxies,
parties, hallucinations) → report (markdown and JSON). ``delib eval`` lives in
:mod:`pipeline.evaluate.command`; ``make eval`` in :mod:`pipeline.evaluate.make_eval`.
"""

from __future__ import annotations

from pipeline.evaluate.score import Scores, evaluate

__all__ = ["Scores", "evaluate"]
