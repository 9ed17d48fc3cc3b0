"""Walking the inputs: every file met is a candidate or a row; nothing crashes, nothing loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.batch.discover import discover, is_candidate, is_ignored
from pipeline.errors import UsageError


def _tree(root: Path) -> Path:
    (root / "b").mkdir(parents=True)
    (root / "a.pdf").write_bytes(b"%PDF-1.7")
    (root / "b" / "c.TXT").write_text("texte")
    (root / "b" / "d.md").write_text("texte")
    return root


def _by_name(found, root: Path) -> dict[str, object]:
    return {os.path.relpath(item.path, root): item.row for item in found}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.pdf", True),
        ("A.PDF", True),
        ("scan.tiff", True),
        ("scan.TIF", True),
        ("photo.jpeg", True),
        ("notes.md", True),
        ("letter.docx", False),
        ("README", False),
        ("archive.pdf.zip", False),
    ],
    ids=["pdf", "upper-case", "tiff", "tif-upper", "jpeg", "markdown", "docx", "no-extension", "zip"],
)
def test_batch_discover_candidate_extensions(name, expected):
    assert is_candidate(name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [(".hidden.pdf", True), (".git", True), ("Thumbs.db", True), ("~$lock.docx", True), ("a.pdf", False)],
    ids=["hidden-file", "hidden-folder", "thumbs", "office-lock", "plain"],
)
def test_batch_discover_ignored_names(name, expected):
    assert is_ignored(name) is expected


def test_batch_discover_walks_sorted_and_recursive(tmp_path):
    root = _tree(tmp_path / "in")
    found = discover([root])
    assert [os.path.relpath(item.path, root) for item in found] == ["a.pdf", "b/c.TXT", "b/d.md"]
    assert all(item.row is None for item in found)
    assert all(os.path.isabs(item.path) for item in found)


def test_batch_discover_same_file_given_twice_is_listed_once(tmp_path):
    root = _tree(tmp_path / "in")
    found = discover([root, root / "a.pdf", root / "b"])
    assert len(found) == 3


def test_batch_discover_unsupported_file_gets_a_skipped_row(tmp_path):
    (tmp_path / "letter.docx").write_bytes(b"PK")
    (tmp_path / "README").write_text("x")
    rows = _by_name(discover([tmp_path]), tmp_path)
    assert rows["letter.docx"].status == "skipped"
    assert ".docx" in rows["letter.docx"].error
    assert "convert" in rows["letter.docx"].error
    assert "(no extension)" in rows["README"].error


def test_batch_discover_hidden_and_litter_are_ignored_when_walking(tmp_path):
    (tmp_path / ".hidden.pdf").write_bytes(b"%PDF")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "Thumbs.db").write_bytes(b"x")
    assert discover([tmp_path]) == []


def test_batch_discover_excluded_names_are_left_out_when_walking(tmp_path):
    root = _tree(tmp_path / "in")
    (root / "README.md").write_text("# notes")
    (root / "b" / "README.md").write_text("# notes")
    found = discover([root], exclude_names=["README*", "a.*"])
    assert [os.path.relpath(item.path, root) for item in found] == ["b/c.TXT", "b/d.md"]
    named = discover([root / "README.md"], exclude_names=["README*"])
    assert [os.path.relpath(item.path, root) for item in named] == ["README.md"]


def test_batch_discover_hidden_file_named_on_the_command_line_is_read(tmp_path):
    hidden = tmp_path / ".hidden.pdf"
    hidden.write_bytes(b"%PDF")
    found = discover([hidden])
    assert [item.path for item in found] == [str(hidden)]
    assert found[0].row is None


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (lambda p: p.symlink_to("missing/target.pdf"), "unreadable", "broken symbolic link"),
        (lambda p: p.symlink_to(p.name), "unreadable", "symbolic link loop"),
        (lambda p: os.mkfifo(p), "unreadable", "named pipe"),
    ],
    ids=["broken-link", "link-loop", "fifo"],
)
def test_batch_discover_special_files_get_error_rows(tmp_path, make, code, words):
    make(tmp_path / "x.pdf")
    rows = _by_name(discover([tmp_path]), tmp_path)
    assert rows["x.pdf"].status == "error"
    assert rows["x.pdf"].error_code == code
    assert words in rows["x.pdf"].error


def test_batch_discover_link_to_a_parent_folder_does_not_loop(tmp_path):
    root = _tree(tmp_path / "in")
    (root / "b" / "up").symlink_to("..", target_is_directory=True)
    (root / "again").symlink_to(root / "b", target_is_directory=True)
    found = discover([root])
    assert [os.path.relpath(item.path, root) for item in found] == ["a.pdf", "b/c.TXT", "b/d.md"]


def test_batch_discover_folder_named_like_a_document(tmp_path):
    (tmp_path / "full.pdf").mkdir()
    (tmp_path / "full.pdf" / "inside.txt").write_text("texte")
    (tmp_path / "empty.pdf").mkdir()
    rows = _by_name(discover([tmp_path]), tmp_path)
    assert rows["full.pdf/inside.txt"] is None
    assert rows["empty.pdf"].status == "skipped"
    assert "folder" in rows["empty.pdf"].error


def test_batch_discover_name_not_utf8_gets_a_printable_error_row(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(b"texte")
    (row,) = [item.row for item in discover([tmp_path])]
    assert row.status == "error"
    assert row.path.endswith("caf\\xe9.txt")
    assert "rename" in row.error
    row.model_dump_json()


def test_batch_discover_missing_input_among_others_gets_a_row(tmp_path):
    root = _tree(tmp_path / "in")
    found = discover([root, tmp_path / "nope.pdf"])
    rows = _by_name(found, tmp_path)
    assert rows["nope.pdf"].status == "error"
    assert "does not exist" in rows["nope.pdf"].error


def test_batch_discover_no_existing_input_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        discover([tmp_path / "nope", tmp_path / "nada.pdf"])


def test_batch_discover_output_folder_is_not_read(tmp_path):
    root = _tree(tmp_path)
    out = root / "output"
    out.mkdir()
    (out / "bench.md").write_text("x")
    found = discover([root], exclude=[out])
    assert all(not item.path.startswith(str(out)) for item in found)
    assert len(found) == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_batch_discover_unreadable_folder_gets_a_row(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        rows = _by_name(discover([tmp_path]), tmp_path)
    finally:
        locked.chmod(0o755)
    assert rows["locked"].status == "error"
