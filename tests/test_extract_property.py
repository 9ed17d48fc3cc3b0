"""Property tests: arbitrary text never breaks a stage, and values keep the schema's types."""

from __future__ import annotations

import datetime as dt

from fuzz import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_page
from pipeline.extract.counts import find_counts
from pipeline.extract.dates import find_dates
from pipeline.extract.names import clean_name, split_names
from pipeline.extract.vote import read_vote
from pipeline.records import ActRecord, Document, Page
from pipeline.run import process_document

#: Text built from the words the rules look for, so that the rules actually fire.
WORDS = [
    "Présents",
    ":",
    "Votants",
    "en exercice",
    "pouvoir",
    "donne",
    "à",
    "procuration",
    "Mme",
    "M.",
    "DUPONT",
    "Jean",
    "le",
    "L'an",
    "deux",
    "mille",
    "vingt",
    "mars",
    "2024",
    "12/03/2024",
    "Objet",
    "Vote",
    "unanimité",
    "pour",
    "contre",
    "abstentions",
    "1/",
    "\n",
    "\n\n",
    "ID",
    "059-215902842-20250327-1_2-DE",
    "ENTRE",
    "ET",
    "représentée",
    "par",
    "Maire",
    "XXXXXX",
    "Séance",
    "du",
    "(",
    ")",
    "–",
    "-",
    ",",
    ".",
    "Reçu",
    "préfecture",
]
documents = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=80).map(" ".join)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_property_whole_document_gives_valid_records(text: str) -> None:
    document = Document(
        path="x.txt",
        doc="x",
        sha256="0",
        media_type="text/plain",
        pages=[Page(number=1, source="text", text=text)],
    )
    result = process_document(document)
    for act in result.acts:
        ActRecord.model_validate(act.model_dump(by_alias=True))
        assert act.session_date is None or isinstance(act.session_date, dt.date)
        assert all(isinstance(proxy.giver, str) and proxy.giver for proxy in act.proxies)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=400))
def test_property_extractors_never_raise(text: str) -> None:
    clean_page(text)
    for date in find_dates(text):
        assert isinstance(date.value, dt.date)
    for match in find_counts(text, 0, len(text)).values():
        assert isinstance(match.value, int) and match.value >= 0
    reading = read_vote(text, 0, len(text))
    assert reading is None or reading.vote.outcome in (None, "adopted", "rejected")
    assert all(isinstance(name, str) for name in split_names(text))
    name = clean_name(text)
    assert name is None or isinstance(name, str)
