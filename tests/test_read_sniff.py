"""The sniffer and the file checks: the real type from the bytes, typed errors for the rest."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from fuzz import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from read_helpers import SAMPLES

from pipeline.config import Settings
from pipeline.errors import (
    DelibError,
    EmptyFileError,
    ResourceLimitError,
    UnreadableFileError,
    UnsupportedFileError,
)
from pipeline.read import read_document, sha256_of, sniff
from pipeline.read.files import check_file

SEED = "000_45d3c7dc53e9d8c7"


@pytest.mark.parametrize(
    ("name", "head", "media"),
    [
        ("a.pdf", b"%PDF-1.7\n...", sniff.PDF),
        ("junk-before-header.pdf", b"\r\n\x00junk%PDF-1.4\n", sniff.PDF),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00", sniff.PNG),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", sniff.JPEG),
        ("frames.tif", b"II*\x00\x08\x00", sniff.TIFF),
        ("frames-be.tiff", b"MM\x00*\x00\x08", sniff.TIFF),
        ("pdf-named-txt.txt", b"%PDF-1.4\n", sniff.PDF),
        ("png-named-pdf.pdf", b"\x89PNG\r\n\x1a\n", sniff.PNG),
        ("notes.txt", "Délibération".encode(), sniff.TEXT),
        ("record.md", b"# Titre", sniff.MARKDOWN),
        ("html-in-txt.txt", b"<html>", sniff.TEXT),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_sniff_sniff_real_type(name, head, media):
    assert sniff.sniff(Path(name), head) == media


@pytest.mark.parametrize(
    ("name", "head", "error", "words"),
    [
        ("empty.pdf", b"", EmptyFileError, "empty"),
        ("page.pdf", b"<!DOCTYPE html><html><body>404</body></html>", UnsupportedFileError, "HTML"),
        ("page2.pdf", b"\n  <html lang='fr'>", UnsupportedFileError, "HTML"),
        ("random.pdf", bytes(range(7, 200)), UnsupportedFileError, "not a PDF"),
        ("archive.pdf", b"PK\x03\x04rest", UnsupportedFileError, "ZIP"),
        ("sheet.xlsx", b"PK\x03\x04rest", UnsupportedFileError, "ZIP"),
        ("noext", b"hello", UnsupportedFileError, "unknown file type"),
        ("image.gif", b"GIF89a", UnsupportedFileError, "GIF"),
    ],
    ids=[
        "empty",
        "html-as-pdf",
        "html-indented",
        "random-bytes",
        "zip-as-pdf",
        "office",
        "no-extension",
        "gif",
    ],
)
def test_sniff_refuses(name, head, error, words):
    with pytest.raises(error, match=words):
        sniff.sniff(Path(name), head)


def test_read_document_directory_named_pdf(tmp_path):
    folder = tmp_path / "x.pdf"
    folder.mkdir()
    with pytest.raises(UnsupportedFileError, match="directory"):
        read_document(folder, Settings())


@pytest.mark.parametrize("kind", ["missing", "broken-link", "link-loop"])
def test_read_document_unreadable_paths(tmp_path, kind):
    path = tmp_path / "gone.pdf"
    if kind == "broken-link":
        path.symlink_to(tmp_path / "nowhere.pdf")
    elif kind == "link-loop":
        path.symlink_to(tmp_path / "other.pdf")
        (tmp_path / "other.pdf").symlink_to(path)
    with pytest.raises(UnreadableFileError, match="cannot be read"):
        read_document(path, Settings())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_read_document_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("texte")
    path.chmod(0)
    with pytest.raises(UnreadableFileError, match="permission"):
        read_document(path, Settings())


def test_read_document_file_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(ResourceLimitError, match="above the limit"):
        check_file(path, max_bytes=1000)


def test_read_document_sha256_matches_hashlib():
    path = SAMPLES / "text" / f"{SEED}.txt"
    document = read_document(path, Settings())
    assert document.sha256 == sha256_of(path)
    assert len(document.sha256) == 64


@settings(max_examples=examples(300), deadline=None)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".pdf", ".txt", ".md", ".png", ".jpg", ".tif", ""]))
def test_sniff_arbitrary_bytes_only_typed_errors(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(DelibError):
        read_document(path, Settings())
