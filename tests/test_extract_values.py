"""Dates, numbers and names as the records write them (one test id per wording)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.dates import find_dates, repair_year, yearless_date_before
from pipeline.extract.names import clean_name, split_names
from pipeline.extract.numbers import to_int, words_to_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Envoyé en préfecture le 31/03/2025", "2025-03-31", id="numeric"),
        pytest.param("Date de séance : 2 AVRIL 2025", "2025-04-02", id="capitals"),
        pytest.param("le 1er avril 2025", "2025-04-01", id="premier-digits"),
        pytest.param("L'an deux mil vingt CINQ, le VINGT SEPT MARS à 19 heures", "2025-03-27", id="words-deux-mil"),
        pytest.param("L’an deux mille vingt-trois le dix sept novembre", "2023-11-17", id="words-deux-mille"),
        pytest.param("L'an deux mille vingt-deux, le premier juin", "2022-06-01", id="words-premier"),
        pytest.param("L'an deux mille vingt et un le trente et un mars", "2021-03-31", id="words-trente-et-un"),
        pytest.param("le quinze décembre deux mille vingt-trois", "2023-12-15", id="year-in-words-after"),
        pytest.param("L'an 2023 et le 28 septembre à 18h00", "2023-09-28", id="an-digits"),
        pytest.param("Séance du {7 novembre 2023", "2023-11-17", id="ocr-brace-for-1"),
        pytest.param("Compte rendu du 31 maïs 2024", "2024-03-31", id="ocr-month-slip"),
        pytest.param("Vendredi 29 janvier 2021, 18:30.", "2021-01-29", id="weekday"),
        pytest.param("L'an deux mille vingt-trois, le vingt-deux du mois de novembre", "2023-11-22", id="du-mois-de"),
        pytest.param("Conseil municipal du 19 mars 26 – 20h00", "2026-03-19", id="year-on-two-digits"),
    ],
)
def test_dates_reads_wording(text: str, expected: str) -> None:
    dates = find_dates(text, reference_year=int(expected[:4]))
    assert [date.value.isoformat() for date in dates][:1] == [expected]


def test_dates_repairs_impossible_year_and_says_so() -> None:
    (date,) = find_dates("Reçu le | 27 MAI 2071", reference_year=2021)
    assert date.value == dt.date(2021, 5, 27)
    assert date.repaired_from == "2071"


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        pytest.param("2071", 2021, 2021, id="7-for-2"),
        pytest.param("2921", 2021, 2021, id="9-for-0"),
        pytest.param("7777", None, None, id="hopeless"),
    ],
)
def test_dates_repair_year(text: str, reference: int | None, expected: int | None) -> None:
    assert repair_year(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "session", "expected"),
    [
        pytest.param("huit novembre, s'est réuni", dt.date(2024, 11, 14), dt.date(2024, 11, 8), id="words"),
        pytest.param("le 5 mars", dt.date(2024, 3, 12), dt.date(2024, 3, 5), id="digits"),
        pytest.param("le 28 décembre", dt.date(2025, 1, 5), dt.date(2024, 12, 28), id="previous-year"),
        pytest.param("en mairie, le 5 mars", dt.date(2024, 3, 12), None, id="too-far-from-the-label"),
    ],
)
def test_dates_yearless_date_before_the_session(text: str, session: dt.date, expected: dt.date | None) -> None:
    found = yearless_date_before(text, 0, session, within=12)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Vu la loi n° 2023-175", id="law-number"),
        pytest.param("25% de 15 700 € = 3 925 €", id="amounts"),
        pytest.param("le 5 mars 12 conseillers étaient présents", id="a-count-after-a-month-is-no-year"),
        pytest.param("", id="empty"),
    ],
)
def test_dates_finds_nothing_where_there_is_no_date(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        pytest.param("21", 21, id="digits"),
        pytest.param("onze", 11, id="word"),
        pytest.param("vingt-sept", 27, id="compound"),
        pytest.param("quatre-vingt-deux", 82, id="eighty-two"),
        pytest.param("il", 11, id="ocr-il"),
        pytest.param("{0", 10, id="ocr-brace"),
        pytest.param("1er", 1, id="premier"),
        pytest.param("Denis", None, id="not-a-number"),
    ],
)
def test_numbers_to_int(token: str, expected: int | None) -> None:
    assert to_int(token) == expected


def test_numbers_years_in_words() -> None:
    assert words_to_int("deux mil vingt CINQ") == 2025


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Mme LAMBERT Marie", "LAMBERT Marie", id="civility"),
        pytest.param("MM. FERAHTIA A., 4éme Adjoint qui", "FERAHTIA A.", id="role-and-qui"),
        pytest.param("Monsieur André DESMEDT, Maire", "André DESMEDT", id="role-after-comma"),
        pytest.param("Denis JUVIN - Maire", "Denis JUVIN", id="role-after-dash"),
        pytest.param("XXXXXX", None, id="placeholder"),
        pytest.param("le Maire pour signer", None, id="prose"),
        pytest.param("Damien 8ricout", "Damien Bricout", id="digit-slip"),
        pytest.param("Fabienne K wiatkowski", "Fabienne Kwiatkowski", id="split-capital"),
        pytest.param("Philippe Vander beken", "Philippe Vanderbeken", id="split-tail"),
        pytest.param("Philippe Martin absent", None, id="french-word-after-name-is-not-a-tail"),
    ],
)
def test_names_clean(raw: str, expected: str | None) -> None:
    assert clean_name(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "M. DESMEDT André, Maire – Monsieur AUBURSIN Gaston - Mr HUON Jean-Pascal",
            ["DESMEDT André", "AUBURSIN Gaston", "HUON Jean-Pascal"],
            id="dashes-civilities",
        ),
        pytest.param(
            "MM. RYCKELYNCK J.P., Maire + PERTOLDI C., 1ére Adjointe + MURCIA B,",
            ["RYCKELYNCK J.P.", "PERTOLDI C.", "MURCIA B."],
            id="plus-initials",
        ),
        pytest.param(
            "Jean-Pierre PLUS - Philippe ROUVIER - COROUGE - Philippe VINÇON",
            ["Jean-Pierre PLUS", "Philippe ROUVIER - COROUGE", "Philippe VINÇON"],
            id="compound-surname",
        ),
        pytest.param("Jean-Pierre, Yves, Anne-Marie.", ["Jean-Pierre", "Yves", "Anne-Marie"], id="first-names"),
        pytest.param("Mme LAMBERT Marie Mr BLANPAIN Johann", ["LAMBERT Marie", "BLANPAIN Johann"], id="lost-separator"),
    ],
)
def test_names_split_lists(text: str, expected: list[str]) -> None:
    assert split_names(text) == expected
