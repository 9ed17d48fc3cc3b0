"""Golden tests: every sample gives the acts recorded in samples/expected/ (one test id per sample).

Regenerate with ``make golden`` after a deliberate change, and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import expected_path, sample_files, snapshot


def _params() -> list[object]:
    params = []
    for folder, path, needs_ocr in sample_files():
        marks = [pytest.mark.slow] if needs_ocr else []
        params.append(pytest.param(folder, path, id=f"{folder}/{path.stem}", marks=marks))
    return params


@pytest.mark.parametrize(("folder", "path"), _params())
def test_golden_sample_gives_expected_acts(folder: str, path: Path) -> None:
    expected = json.loads(expected_path(folder, path).read_text(encoding="utf-8"))
    assert snapshot(path) == expected
