"""Text layers laid out as read: paragraphs from the line pitch, margin columns first, table rows kept."""

from __future__ import annotations

import re

import pytest
from read_helpers import SAMPLES, text_pdf

from pipeline.config import Settings
from pipeline.read import read_document

DIGITAL = sorted((SAMPLES / "digital").glob("*.pdf"))
BODY = (
    "Le conseil municipal, après en avoir délibéré, approuve le budget primitif de l'exercice",
    "et autorise Monsieur le Maire à signer toutes les pièces relatives à cette délibération",
    "ainsi que les avenants éventuels, dans la limite des crédits inscrits au budget communal.",
)
MARGIN = ("Nombre de membres", "en exercice : 11", "qui ont pris part à la", "délibération : 10", "dont 2 procurations")


def _paragraph_starts(text: str) -> list[str]:
    return [" ".join(part.split())[:25] for part in re.split(r"\n\s*\n", text) if part.strip()]


@pytest.mark.parametrize("path", DIGITAL, ids=lambda path: path.stem[:3])
def test_layout_paragraphs_match_the_text_seed(path):
    """Blank lines fall where the seed's own text has them (each page also starts a paragraph)."""
    document = read_document(path, Settings())
    found = _paragraph_starts("\n\n".join(page.text for page in document.pages))
    expected = _paragraph_starts((SAMPLES / "text" / f"{path.stem}.txt").read_text(encoding="utf-8"))
    precision = sum(start in expected for start in found) / len(found)
    recall = sum(start in found for start in expected) / len(expected)
    assert precision >= 0.85 and recall >= 0.85


def _margin_page(tmp_path):
    lines = [(40, 700 - 12 * index - (30 if index > 1 else 0), text) for index, text in enumerate(MARGIN)]
    lines += [(40, 420, "Date de la convocation :"), (40, 408, "8 mars 2024"), (40, 300, "Objet : budget")]
    y = 760.0
    for paragraph in range(8):
        for text in BODY:
            lines.append((190, y, text[: 70 - paragraph]))
            y -= 14
        y -= 10
    return text_pdf(tmp_path / "margin.pdf", lines, size=9)


def test_layout_margin_column_read_before_the_body(tmp_path):
    text = read_document(_margin_page(tmp_path), Settings()).pages[0].text
    lines = text.split("\n")
    assert lines[: len(MARGIN) + 1] == [MARGIN[0], MARGIN[1], "", *MARGIN[2:]]
    assert "\t" not in text
    assert text.index("Objet : budget") < text.index("Le conseil municipal")
    assert text.count("\n\nLe conseil municipal") == 8  # a blank line before each body paragraph


def test_layout_long_table_is_not_split_into_columns(tmp_path):
    names = [f"Mme CONSEILLERE Numéro{index:02d} Prénom" for index in range(40)]
    lines = [(60, 780 - 16 * index, name) for index, name in enumerate(names)]
    lines += [(330, 780 - 16 * index, "présente" if index % 3 else "pouvoir à M. DUPONT") for index in range(40)]
    text = read_document(text_pdf(tmp_path / "table.pdf", lines), Settings()).pages[0].text
    assert "Mme CONSEILLERE Numéro00 Prénom\tpouvoir à M. DUPONT" in text
    assert "Mme CONSEILLERE Numéro01 Prénom\tprésente" in text
