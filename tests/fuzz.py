"""How many examples the property tests draw: their usual count × ``DELIB_FUZZ_SCALE`` (default 1).

A longer fuzzing run: ``DELIB_FUZZ_SCALE=100 .venv/bin/pytest -q -p no:cacheprovider
tests/test_extract_property.py tests/test_read_text.py tests/test_read_sniff.py tests/test_identifiers.py
tests/test_legal_rules.py``.
"""

from __future__ import annotations

import os


def examples(count: int) -> int:
    """``count`` scaled by the environment variable DELIB_FUZZ_SCALE."""
    return max(1, round(count * float(os.environ.get("DELIB_FUZZ_SCALE", "1"))))
