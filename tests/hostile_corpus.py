"""Corpora and helpers for the batch tests: the hostile-input corpus of issue 7, a corpus of
good text records, and a way to run ``delib`` as a real process and measure it.

Nothing here is committed data: every file is generated in a temporary folder.

:func:`build` writes every case under ``root`` and returns what each case
expects: the statuses its files.jsonl row may have, and the error codes
allowed when it is an error. Good records are mixed in, so that the test can
check that the batch goes on and still yields acts.

Run it alone to look at the corpus: ``python -m tests.hostile_corpus /tmp/hostile``.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from pipeline.records import RECORD_KEYS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOOD_TEXT = sorted((SAMPLES / "text").glob("*.txt"))
GOOD_PDF = sorted((SAMPLES / "digital").glob("*.pdf"))
#: The DOMAIN §3 fields a text that is not a deliberation must leave empty.
RECORD_FIELDS = tuple(key for key in RECORD_KEYS if key not in ("doc", "act_index", "document_kind"))

ENGLISH = """Minutes of the Parks Committee

The committee met on Tuesday to discuss the new playground on Elm Street.
Members agreed that the contractor should submit three quotes before the
end of the month. The chair thanked volunteers for cleaning the river bank.
Next meeting: first Tuesday of next month, at the library.
"""


@dataclass(frozen=True)
class Case:
    """What a hostile file must give: its row status, and the error codes allowed."""

    statuses: frozenset[str]
    codes: frozenset[str] = field(default_factory=frozenset)
    acts: bool = False
    note: str = ""


def _case(*statuses: str, codes: tuple[str, ...] = (), acts: bool = False, note: str = "") -> Case:
    return Case(frozenset(statuses), frozenset(codes), acts, note)


Maker = Callable[[Path], None]


def _file(name: str, data: Callable[[], bytes], *, mode: int | None = None) -> Maker:
    def make(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data())
        if mode is not None:
            path.chmod(mode)

    return make


def _special(make_at: Callable[[Path], None], name: str) -> Maker:
    def make(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        make_at(root / name)

    return make


def _raw_name(raw: bytes, data: bytes) -> Maker:
    def make(root: Path) -> None:
        with open(os.fsencode(root) + b"/" + raw, "wb") as handle:
            handle.write(data)

    return make


def _locked_case() -> Case:
    """chmod 000: unreadable for a user; root reads it anyway (the pipe covers root)."""
    if os.geteuid() == 0:
        return _case("ok", acts=True, note="root can read a chmod 000 file")
    return _case("error", codes=("unreadable",))


def _random(size: int, seed: int, prefix: bytes = b"") -> Callable[[], bytes]:
    return lambda: prefix + random.Random(seed).randbytes(size)


def _truncated() -> bytes:
    whole = GOOD_PDF[1].read_bytes()
    return whole[: len(whole) // 2]


def _copy(index: int, suffix: str = "") -> Callable[[], bytes]:
    return lambda: GOOD_TEXT[index].read_bytes() + suffix.encode()


def _latin1() -> bytes:
    return GOOD_TEXT[3].read_text(encoding="utf-8").encode("latin-1", errors="replace")


HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"
NOT_A_DELIBERATION = "not a deliberation: no act, or only null fields"
ODD_NAMES = ("with space.txt", "accentué é.txt", 'quote\'s "q".txt', "new\nline.txt")
TWIN = "\nCopie en double\n"

#: name (as delib reports it, relative to the corpus root) → how to make it → what it must give.
CORPUS: list[tuple[str, Maker, Case]] = [
    # good records, so that the batch has acts to give
    *[(f"good/record {i}.txt", _file(f"good/record {i}.txt", _copy(i)), _case("ok", acts=True)) for i in range(3)],
    ("good/digital.pdf", _file("good/digital.pdf", GOOD_PDF[0].read_bytes), _case("ok", acts=True)),
    # broken containers
    ("empty.pdf", _file("empty.pdf", lambda: b""), _case("error", codes=("empty",))),
    ("random.pdf", _file("random.pdf", _random(50_000, 1)), _case("error", codes=("corrupt", "unsupported"))),
    ("truncated.pdf", _file("truncated.pdf", _truncated), _case("error", "ok", codes=("corrupt",))),
    (
        "error-page.pdf",
        _file("error-page.pdf", lambda: HTML_PAGE),
        _case("error", codes=("unsupported", "corrupt")),
    ),
    (
        "zero-pages.pdf",
        _file("zero-pages.pdf", lambda: zero_page_pdf()),
        _case("error", codes=("empty", "corrupt")),
    ),
    ("huge-page.pdf", _file("huge-page.pdf", lambda: huge_page_pdf()), _case("error", codes=("too_large",))),
    (
        "encrypted-user.pdf",
        _file("encrypted-user.pdf", lambda: encrypted_pdf(GOOD_PDF[2], user="secret")),
        _case("error", codes=("encrypted",)),
    ),
    (
        "encrypted-owner-only.pdf",
        _file("encrypted-owner-only.pdf", lambda: encrypted_pdf(GOOD_PDF[3], user="")),
        _case("ok", acts=True),
    ),
    # images
    ("bomb.png", _file("bomb.png", lambda: png_bomb(40_000, 40_000)), _case("error", codes=("too_large",))),
    (
        "many-pages.tif",
        _file("many-pages.tif", lambda: multipage_tiff(40)),
        _case("error", codes=("too_large",)),
    ),
    (
        "not-really.jpg",
        _file("not-really.jpg", _random(3000, 2, prefix=b"\xff\xd8\xff\xe0")),
        _case("error", codes=("corrupt", "unsupported")),
    ),
    # text in the wrong clothes
    ("latin-1.txt", _file("latin-1.txt", _latin1), _case("ok", acts=True)),
    (
        "binary.txt",
        _file("binary.txt", lambda: bytes(range(256)) * 40),
        _case("error", codes=("unsupported", "corrupt")),
    ),
    ("english.txt", _file("english.txt", ENGLISH.encode), _case("ok", note=NOT_A_DELIBERATION)),
    # odd names (distinct contents, so that none is a duplicate)
    *[
        (f"names/{name}", _file(f"names/{name}", _copy(4, f"\nCopie {i}\n")), _case("ok", acts=True))
        for i, name in enumerate(ODD_NAMES)
    ],
    (
        "names/latin1-\\xe9t\\xe9.txt",
        _raw_name(b"names/latin1-\xe9t\xe9.txt", b"texte"),
        _case("error", codes=("input",)),
    ),
    # duplicates: one is read, the others point at it
    *[
        (name, _file(name, _copy(0, TWIN)), _case("ok", "skipped", acts=True))
        for name in ("dup/a.txt", "dup/b.txt", "dup/c copy.txt")
    ],
    # not regular files, links, folders
    ("pipe.pdf", _special(os.mkfifo, "pipe.pdf"), _case("error", codes=("unreadable",))),
    ("locked.pdf", _file("locked.pdf", GOOD_PDF[4].read_bytes, mode=0), _locked_case()),
    ("loop.pdf", _special(lambda p: p.symlink_to(p.name), "loop.pdf"), _case("error", codes=("unreadable",))),
    (
        "broken.pdf",
        _special(lambda p: p.symlink_to("nowhere/missing.pdf"), "broken.pdf"),
        _case("error", codes=("unreadable",)),
    ),
    (
        "folder.pdf/inside.txt",
        _file("folder.pdf/inside.txt", _copy(1, "\nCopie dossier\n")),
        _case("ok", acts=True),
    ),
    (
        "empty-folder.pdf",
        _special(lambda p: p.mkdir(), "empty-folder.pdf"),
        _case("skipped", codes=("unsupported",)),
    ),
    (
        "notes.docx",
        _file("notes.docx", _random(100, 3, prefix=b"PK\x03\x04")),
        _case("skipped", codes=("unsupported",)),
    ),
]
CASES: dict[str, Case] = {name: case for name, _, case in CORPUS}
#: Made too, but never listed: ignored names, and a link to a parent folder (walked once).
UNLISTED: list[Maker] = [
    _file(".hidden.pdf", lambda: b"never read"),
    _file("Thumbs.db", lambda: b"never read"),
    _special(lambda p: p.symlink_to("..", target_is_directory=True), "names/up"),
]


def build(root: Path) -> dict[str, Case]:
    """Write the corpus under ``root``; return relative path → expectation (:data:`CASES`).

    A name that is not UTF-8 is given in the printable form ``delib`` reports (``\\xNN``).
    """
    root.mkdir(parents=True, exist_ok=True)
    for _, make, _ in CORPUS:
        make(root)
    for make in UNLISTED:
        make(root)
    return CASES


def zero_page_pdf() -> bytes:
    """A valid PDF whose page tree is empty."""
    document = pdfium.PdfDocument.new()
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def huge_page_pdf(side: float = 500_000.0) -> bytes:
    """One blank page of ``side`` points square (≈ 176 m): refused before rendering."""
    document = pdfium.PdfDocument.new()
    document.new_page(side, side)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def encrypted_pdf(source: Path, *, user: str) -> bytes:
    """``source`` encrypted with AES-256; an empty ``user`` password opens without asking."""
    buffer = io.BytesIO()
    with pikepdf.open(source) as pdf:
        pdf.save(buffer, encryption=pikepdf.Encryption(user=user, owner="owner-secret", R=6))
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A 1-bit PNG of ``width`` × ``height`` white pixels: a few hundred KB, billions of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def multipage_tiff(pages: int) -> bytes:
    """A TIFF of ``pages`` small blank pages."""
    frames = [Image.new("L", (200, 100), 255) for _ in range(pages)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


# --------------------------------------------------------------------------- good records


def text_corpus(root: Path, count: int) -> list[Path]:
    """``count`` text records with distinct contents, from the seed texts and markdown, in subfolders."""
    sources = sorted((SAMPLES / "text").glob("*.txt")) + sorted((SAMPLES / "seeds").glob("*.txt"))
    paths = []
    for index in range(count):
        source = sources[index % len(sources)]
        path = root / f"lot-{index % 4}" / f"{source.stem}-{index:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.read_bytes() + f"\nExemplaire {index}\n".encode())
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- running delib


def delib_command(*args: str | Path) -> list[str]:
    """The command line of ``delib`` with this interpreter."""
    return [sys.executable, "-m", "pipeline.cli", *map(str, args)]


def delib_env(**extra: str) -> dict[str, str]:
    """The environment of a test run: one thread per process, no terminal."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DELIB_FAULT")}
    env.update({"OMP_THREAD_LIMIT": "1", "PYTHONUNBUFFERED": "1"}, **extra)
    return env


def run_delib(*args: str | Path, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``delib`` to its end and return what it printed."""
    return subprocess.run(
        delib_command(*args),
        env=delib_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass(frozen=True)
class Measured:
    """A finished ``delib`` run with its wall time and the peak RSS of its largest process."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float


_MEASURE = r"""
import ctypes, json, os, resource, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphans (workers) come back to us
started = time.monotonic()
done = subprocess.run(sys.argv[2:], capture_output=True, text=True)
seconds = time.monotonic() - started
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as handle:
    json.dump({"code": done.returncode, "out": done.stdout, "err": done.stderr,
               "seconds": seconds, "max_rss_kb": usage.ru_maxrss}, handle)
"""


def run_measured(*args: str | Path, report: Path, timeout: float = 600, **env: str) -> Measured:
    """Run ``delib`` under a sub-reaper, so that the peak RSS covers every process it started."""
    command = [sys.executable, "-c", _MEASURE, str(report), *delib_command(*args)]
    subprocess.run(command, env=delib_env(**env), timeout=timeout, check=True)
    data = json.loads(report.read_text())
    return Measured(data["code"], data["out"], data["err"], data["seconds"], data["max_rss_kb"] / 1024)


def read_jsonl(path: Path) -> list[dict[str, object]]:
    """The objects of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "output/hostile")
    if target.exists():
        shutil.rmtree(target)
    for name, case in sorted(build(target).items()):
        print(f"{name!r}: {sorted(case.statuses)} {sorted(case.codes)} {case.note}")


if __name__ == "__main__":
    main()
