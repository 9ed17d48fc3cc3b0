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
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOOD_TEXT = sorted((SAMPLES / "text").glob("*.txt"))
GOOD_PDF = sorted((SAMPLES / "digital").glob("*.pdf"))

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


def build(root: Path, *, many_pages: int = 40) -> dict[str, Case]:
    """Write the corpus under ``root``; return relative path → expectation.

    Paths are relative to ``root``; a name that is not UTF-8 is given as the
    printable form ``delib`` reports (``\\xNN``).
    """
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    cases: dict[str, Case] = {}

    def put(name: str, data: bytes, case: Case) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases[name] = case
        return path

    # good records, so that the batch has acts to give
    for index, source in enumerate(GOOD_TEXT[:3]):
        put(f"good/record {index}.txt", source.read_bytes(), _case("ok", acts=True))
    put("good/digital.pdf", GOOD_PDF[0].read_bytes(), _case("ok", acts=True))

    # broken containers
    put("empty.pdf", b"", _case("error", codes=("empty",)))
    put("random.pdf", rng.randbytes(50_000), _case("error", codes=("corrupt", "unsupported")))
    whole = GOOD_PDF[1].read_bytes()
    put("truncated.pdf", whole[: len(whole) // 2], _case("error", "ok", codes=("corrupt",)))
    html = b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"
    put("error-page.pdf", html, _case("error", codes=("unsupported", "corrupt")))
    put("zero-pages.pdf", zero_page_pdf(), _case("error", "ok", codes=("empty", "corrupt")))
    put("huge-page.pdf", huge_page_pdf(), _case("error", codes=("too_large",)))
    put("encrypted-user.pdf", encrypted_pdf(GOOD_PDF[2], user="secret"), _case("error", codes=("encrypted",)))
    put("encrypted-owner-only.pdf", encrypted_pdf(GOOD_PDF[3], user=""), _case("ok", acts=True))

    # images
    put("bomb.png", png_bomb(40_000, 40_000), _case("error", codes=("too_large",)))
    put("many-pages.tif", multipage_tiff(many_pages), _case("error", codes=("too_large",)))
    put(
        "not-really.jpg",
        b"\xff\xd8\xff\xe0" + rng.randbytes(3000),
        _case("error", codes=("corrupt", "unsupported")),
    )

    # text in the wrong clothes
    latin1 = GOOD_TEXT[3].read_text(encoding="utf-8").encode("latin-1", errors="replace")
    put("latin-1.txt", latin1, _case("ok", acts=True))
    put("binary.txt", bytes(range(256)) * 40, _case("error", codes=("unsupported", "corrupt")))
    put("english.txt", ENGLISH.encode(), _case("ok", note="not a deliberation: no act, or only null fields"))

    # odd names (distinct contents, so that none is a duplicate)
    for index, name in enumerate(["with space.txt", "accentué é.txt", 'quote\'s "q".txt', "new\nline.txt"]):
        text = GOOD_TEXT[4].read_text(encoding="utf-8") + f"\nCopie {index}\n"
        put(f"names/{name}", text.encode(), _case("ok", acts=True))
    bad_name = os.fsdecode(b"names/latin1-\xe9t\xe9.txt")
    (root / bad_name).write_bytes(b"du texte")
    cases["names/latin1-\\xe9t\\xe9.txt"] = _case("error", codes=("input",))

    # duplicates: one is read, the others point at it
    twin = GOOD_TEXT[0].read_bytes() + b"\nCopie en double\n"
    for name in ("dup/a.txt", "dup/b.txt", "dup/c copy.txt"):
        put(name, twin, _case("ok", "skipped", acts=True))

    # not regular files, links, folders
    os.mkfifo(root / "pipe.pdf")
    cases["pipe.pdf"] = _case("error", codes=("unreadable",))
    locked = put("locked.pdf", GOOD_PDF[4].read_bytes(), _locked_case())
    locked.chmod(0)
    (root / "loop.pdf").symlink_to("loop.pdf")
    cases["loop.pdf"] = _case("error", codes=("unreadable",))
    (root / "broken.pdf").symlink_to("nowhere/missing.pdf")
    cases["broken.pdf"] = _case("error", codes=("unreadable",))
    (root / "names" / "up").symlink_to("..", target_is_directory=True)
    (root / "folder.pdf").mkdir()
    put("folder.pdf/inside.txt", GOOD_TEXT[1].read_bytes() + b"\nCopie dossier\n", _case("ok", acts=True))
    (root / "empty-folder.pdf").mkdir()
    cases["empty-folder.pdf"] = _case("skipped", codes=("unsupported",))
    put("notes.docx", b"PK\x03\x04" + rng.randbytes(100), _case("skipped", codes=("unsupported",)))
    (root / ".hidden.pdf").write_bytes(b"never read")
    (root / "Thumbs.db").write_bytes(b"never read")
    return cases


def _locked_case() -> Case:
    """chmod 000: unreadable for a user; root reads it anyway (the pipe covers root)."""
    if os.geteuid() == 0:
        return _case("ok", acts=True, note="root can read a chmod 000 file")
    return _case("error", codes=("unreadable",))


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
