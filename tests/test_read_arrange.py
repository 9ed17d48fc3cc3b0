"""OCR pages in reading order: the real Flaux scans (margin column beside the body) and the seeds."""

from __future__ import annotations

import pytest
from read_helpers import SAMPLES, replayed

from pipeline.read import arrange
from pipeline.read.lines import Line, OcrPage
from pipeline.records import Word

FLAUX_CR = SAMPLES / "real" / "flaux_compte_rendu_2021-03-31.pdf"
FLAUX_PVS = [SAMPLES / "real" / "flaux_pv_17_novembre_tampon.pdf", SAMPLES / "real" / "flaux_pv_2024-12-15_tampon.pdf"]
SEEDS = sorted((SAMPLES / "scanned").glob("*.pdf")) + sorted((SAMPLES / "scanned-heavy").glob("*.pdf"))


def _lines(path, number):
    return replayed(path).pages[number - 1].text.split("\n")


def _has_columns(page) -> bool:
    return any(note.startswith(arrange.NOTE) for note in page.notes)


@pytest.mark.parametrize("path", [FLAUX_CR, *FLAUX_PVS], ids=lambda path: path.stem)
def test_arrange_flaux_pages_read_margin_column_first(path):
    for page in replayed(path).pages:
        if len(page.words) < 50:  # a blank page (a signature, a stamp)
            continue
        assert _has_columns(page), f"p{page.number}"
        lines = page.text.split("\n")
        margin = next(index for index, line in enumerate(lines) if line.startswith("Nombre de membres"))
        assert lines[margin] == "Nombre de membres", f"p{page.number}"  # alone, not merged with the body
        assert margin < 12  # after the header of the margin column (and stray marks), before any body text


def test_arrange_splits_margin_line_merged_with_body():
    """Tesseract read "Nombre de membres 2021 et 2022." as one line; the gutter splits it."""
    lines = _lines(FLAUX_CR, 2)
    assert "Nombre de membres" in lines and "2021 et 2022." in lines
    assert lines.index("Nombre de membres") < lines.index("Taxe foncière bâti 39.11 %")


def test_arrange_vote_stays_after_its_item():
    text = replayed(FLAUX_CR).pages[1].text
    assert text.index("2021 et 2022.") < text.index("Vore : à l'unanimité") < text.index("Budget Primitif 2021")


def test_arrange_margin_counts_read_in_the_margin():
    lines = _lines(FLAUX_PVS[1], 1)
    start = lines.index("Nombre de membres") + 1
    assert lines[start : start + 4] == [
        "en exercice : 11",
        "qui ont pris part à la",
        "délibération : 9",
        "dont 3 procurations",
    ]


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: f"{path.parent.name}-{path.stem[:3]}")
def test_arrange_single_column_seed_not_split(path):
    document = replayed(path)
    assert not any(_has_columns(page) for page in document.pages)
    assert all("\n\n" in page.text for page in document.pages if len(page.words) > 100)


@pytest.mark.parametrize("path", [FLAUX_CR, SEEDS[0]], ids=["flaux", "seed"])
def test_arrange_word_lines_match_text_lines(path):
    """The review page finds each word on the text line that ``Word.line`` names."""
    for page in replayed(path).pages:
        by_line: dict[int, list[str]] = {}
        for word in page.words:
            by_line.setdefault(word.line, []).append(word.text)
        text_lines = [line.replace("\t", " ") for line in page.text.split("\n") if line]
        assert [" ".join(words) for _, words in sorted(by_line.items())] == text_lines


def _word(text: str, left: int, top: int, width: int = 120) -> Word:
    return Word(text=text, left=left, top=top, width=width, height=40, conf=90.0, line=0)


def test_arrange_table_cells_on_one_line_with_tabs():
    lines = [
        Line(words=(_word("Recettes", 1400, 1000),), paragraph=(1, 1)),
        Line(words=(_word("Section", 800, 1040),), paragraph=(2, 1)),
        Line(words=(_word("301", 1900, 1002, 60), _word("394.00", 1970, 1002)), paragraph=(3, 1)),
    ]
    page = arrange.arrange(OcrPage(lines=lines, width=2480, height=3500))
    assert page.text == "Recettes\t301 394.00\nSection"


def test_arrange_is_stable():
    page = OcrPage(
        lines=[Line(words=word_line, paragraph=(1, 1)) for word_line in _flaux_like_lines()], width=2480, height=3500
    )
    once = arrange.arrange(page)
    assert arrange.arrange(once).text == once.text


def _flaux_like_lines() -> list[tuple[Word, ...]]:
    lines = []
    for row in range(40):
        top = 200 + 60 * row
        words = [_word(f"corps{row}x{index}", 760 + 150 * index, top) for index in range(9 - row % 3)]
        if row in (5, 6, 7, 20, 21):
            words.insert(0, _word("marge", 200, top + 25, 300))
        lines.append(tuple(words))
    return lines
