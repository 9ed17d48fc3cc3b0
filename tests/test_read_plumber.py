"""pdfplumber as the text-layer reader (read.text_layer: pdfplumber) gives what pypdfium2 gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import ReadSettings, load_settings
from pipeline.read.plumber import fragments
from pipeline.run import process_file

ROOT = Path(__file__).resolve().parent.parent
DIGITAL = sorted((ROOT / "samples" / "digital").glob("*.pdf"))


def test_read_plumber_fragments_split_lines_and_wide_gaps() -> None:
    words = [
        {"text": "Conseillers", "x0": 50.0, "x1": 110.0, "top": 100.0, "bottom": 110.0},
        {"text": "en", "x0": 113.0, "x1": 123.0, "top": 100.0, "bottom": 110.0},
        {"text": "Présents", "x0": 300.0, "x1": 345.0, "top": 100.0, "bottom": 110.0},
        {"text": "27", "x0": 50.0, "x1": 60.0, "top": 120.0, "bottom": 130.0},
    ]
    found = fragments(words, page_height=800.0)
    assert [fragment.text for fragment in found] == ["Conseillers en", "Présents", "27"]
    assert (found[0].bottom, found[0].top) == (690.0, 700.0)


@pytest.mark.parametrize("path", DIGITAL, ids=[path.stem for path in DIGITAL])
def test_read_plumber_gives_the_acts_of_pdfium(path: Path) -> None:
    default = load_settings()
    plumber = default.model_copy(update={"read": ReadSettings(text_layer="pdfplumber")})
    fields = [act.fields_json() for act in process_file(path, default).acts]
    assert [act.fields_json() for act in process_file(path, plumber).acts] == fields
