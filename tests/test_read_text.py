"""The text reader: seeds, encodings, binary content."""

from __future__ import annotations

import codecs

import pytest
from fuzz import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from read_helpers import SAMPLES

from pipeline.config import Settings
from pipeline.errors import DelibError, UnsupportedFileError
from pipeline.read import read_document
from pipeline.read.text import decode_text

SEEDS = sorted(path.name for path in (SAMPLES / "text").glob("*.txt"))


@pytest.mark.parametrize("name", SEEDS)
def test_text_reads_seed_as_one_page(name):
    path = SAMPLES / "text" / name
    document = read_document(path, Settings())
    assert document.media_type == "text/plain"
    assert document.doc == path.stem
    assert [page.source for page in document.pages] == ["text"]
    assert document.pages[0].text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert document.pages[0].notes == []


@pytest.mark.parametrize("name", sorted(path.name for path in (SAMPLES / "seeds").glob("*.txt")))
def test_text_reads_raw_seed(name):
    path = SAMPLES / "seeds" / name
    document = read_document(path, Settings())
    assert document.pages[0].text == path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


TEXT = "Séance du 15 décembre 2023 — Présents : 9, Votants : 11 €\n"


@pytest.mark.parametrize(
    ("encoded", "encoding_note"),
    [
        (TEXT.encode("utf-8"), None),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), None),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.replace("—", "-").replace("€", "EUR").encode("latin-1"), "decoded as"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "latin1", "utf16-bom"],
)
def test_text_decodes_encodings(tmp_path, encoded, encoding_note):
    path = tmp_path / "record.txt"
    path.write_bytes(encoded)
    page = read_document(path, Settings()).pages[0]
    assert "Séance du 15 décembre 2023" in page.text
    assert "Présents" in page.text
    if encoding_note is None:
        assert page.notes == []
    else:
        assert any(encoding_note in note for note in page.notes)


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02binary\x00" * 50, bytes(range(256)) * 8, b"ELF\x7f\x01\x02\x03\x04\x05\x06\x07\x08" * 40],
    ids=["nul-bytes", "all-bytes", "controls"],
)
def test_text_refuses_binary(tmp_path, data):
    path = tmp_path / "binary.txt"
    path.write_bytes(data)
    with pytest.raises(UnsupportedFileError, match="binary"):
        read_document(path, Settings())


def test_text_normalises_newlines(tmp_path):
    path = tmp_path / "dos.txt"
    path.write_bytes(b"ligne 1\r\nligne 2\rligne 3\n")
    assert read_document(path, Settings()).pages[0].text == "ligne 1\nligne 2\nligne 3\n"


@settings(max_examples=examples(400), deadline=None)
@given(st.binary(max_size=4000))
def test_text_decode_arbitrary_bytes_only_typed_errors(data):
    try:
        text, _ = decode_text(data)
    except DelibError:
        return
    assert isinstance(text, str)
    assert "\r" not in text


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=2000))
def test_text_decode_round_trips_utf8(text):
    try:
        decoded, note = decode_text(text.encode("utf-8", "surrogatepass"))
    except DelibError:
        return
    assert note is None
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")
