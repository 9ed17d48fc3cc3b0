"""Unsure words read again alone: which readings count as corrections, batching, and the heavy scan it mends."""

from __future__ import annotations

import numpy as np
import pytest
from read_helpers import SAMPLES, replay_settings

from pipeline.read import read_document, reread, stack
from pipeline.read.lines import Line, OcrPage, UnsureWord
from pipeline.records import Word

HEAVY = SAMPLES / "scanned-heavy" / "003_2448abb873a8ba2d.pdf"


@pytest.mark.parametrize(
    ("old", "new", "corrects"),
    [
        ("Traispel", "Traisnel", True),
        ("DESMED1", "DESMEDT", True),
        ("Jean:Ciaude", "Jean-Claude", True),
        ("Verre,", "Verret,", True),
        ("Cas", "cas", False),
        ("Sécurises", "sécurisés", False),
        ("PERNAK", "-PERNAK", False),
        ("Jonard.", "Jonard,", False),
        ("l'acces", "FAECES", False),
        ("instruction", "Pinstruction", False),
        ("PV15122023-DE", "PV15122028-DE", False),
        ("Traispel", "", False),
    ],
    ids=[
        "letter-in-name",
        "digit-for-letter",
        "punctuation-inside",
        "letter-added",
        "case-only",
        "accents-only",
        "edge-punctuation",
        "punctuation-only",
        "another-word",
        "capital-prepended",
        "digits-changed",
        "nothing-read",
    ],
)
def test_reread_is_correction(old, new, corrects):
    assert reread.is_correction(old, new) is corrects


def _unsure(height: int) -> UnsureWord:
    word = Word(text="Traispel", left=0, top=0, width=10, height=height, conf=50.0, line=0)
    return UnsureWord(line=0, position=0, word=word, image=np.full((height, 10), 255, dtype=np.uint8))


def test_reread_batches_stay_under_tesseract_height_limit():
    """Tesseract refuses an image above 32 767 pixels: a 9-page record's unsure words once made one."""
    places = [(0, _unsure(5_000)) for _ in range(5)] + [(1, _unsure(20_000))]
    batches = reread._batches(places)
    assert [len(batch) for batch in batches] == [2, 2, 1, 1]
    heights = [stack.stacked_height([unsure.image for _, unsure in batch]) for batch in batches]
    assert all(len(batch) == 1 or height <= reread.BATCH_HEIGHT for batch, height in zip(batches, heights, strict=True))
    assert [place for batch in batches for place in batch] == places


def test_reread_picks_least_confident_letter_words():
    words = tuple(
        Word(text=text, left=10 * index, top=10, width=8, height=8, conf=conf, line=0)
        for index, (text, conf) in enumerate([("Traispel", 65.0), ("le", 10.0), ("Conseil", 95.0), ("Dupont", 40.0)])
    )
    page = OcrPage(lines=[Line(words=words, paragraph=(1, 1))], width=100, height=40)
    unsure = reread.unsure_words(page, np.full((40, 100), 255, dtype=np.uint8))
    assert [item.word.text for item in unsure] == ["Dupont", "Traispel"]
    assert [item.position for item in unsure] == [3, 0]


def test_reread_mends_a_name_of_the_heavy_scan():
    """'Alain Traisnel ayant donné procuration' is read 'Traispel' (65 %) in its line; alone, 'Traisnel'."""
    first = read_document(HEAVY, replay_settings()).pages[0]
    without = read_document(HEAVY, replay_settings(reread_unsure=False)).pages[0]
    assert "Traisnel" in first.text and "Traispel" not in first.text
    assert "Traispel" in without.text
    assert any("read again alone" in note for note in first.notes)
    assert len(first.words) == len(without.words)
    assert [(w.left, w.top) for w in first.words] == [(w.left, w.top) for w in without.words]
