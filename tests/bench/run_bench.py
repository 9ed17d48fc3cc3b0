"""``make bench``: throughput of ``delib run`` against raw Tesseract, on this machine, in one run.

A benchmark, not a test. It measures:

- scanned pages: the scanned samples repeated (as distinct files) to at least
  60 pages (an archive run spreads its start-up over far more). The pages are
  rendered once to PGM (pypdfium2, 300 dpi, gray); the ``tesseract`` command runs
  on them with the pipeline's settings (TSV output, as pytesseract runs it), one
  process, then two in parallel, and once more with plain-text output; then
  ``delib run --workers 1`` and ``--workers 2`` on the PDFs (fresh output folders);
  OCRmyPDF (``-l fra --jobs 2 --sidecar``) if installed;
- born-digital pages/s (samples/digital and the Couthenans records whose every page has a
  text layer, repeated);
- text-only acts/s (samples/text and samples/seeds under many contents);
- peak RSS of each worker.

Rates are given end to end (the whole command, start-up and output writing
included) and in steady state (pages over the summed per-file times, divided
by the number of workers). Results: a table on stdout, ``output/bench/bench.json``
and ``output/bench/bench.md``.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
OUT = ROOT / "output" / "bench"
WORK = OUT / "work"
MIN_SCANNED_PAGES = 60
DIGITAL_COPIES = 10
TEXT_FILES = 2000
PR_SET_CHILD_SUBREAPER = 36
TARGETS = {"workers_1_vs_raw_1": 0.9, "workers_2_vs_raw_1": 1.7, "digital_pages_s": 50, "text_acts_s": 100}


def main() -> None:
    """Run every measurement and write the report (``--quick``: a small smoke run of the script)."""
    if "--quick" in sys.argv:
        global MIN_SCANNED_PAGES, DIGITAL_COPIES, TEXT_FILES
        MIN_SCANNED_PAGES, DIGITAL_COPIES, TEXT_FILES = 3, 1, 20
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    env = _environment()
    results: dict[str, Any] = {"machine": _machine(), "date": dt.datetime.now().isoformat(timespec="seconds")}

    scanned = _copies(sorted((SAMPLES / "scanned").glob("*.pdf")), WORK / "scanned", min_pages=MIN_SCANNED_PAGES)
    pages = _render(scanned, WORK / "pgm")
    results["scanned_pages"] = len(pages)
    _say(f"scanned: {len(scanned)} PDFs, {len(pages)} pages")
    results["raw_1"] = _raw_tesseract(pages, processes=1, env=env)
    results["raw_2"] = _raw_tesseract(pages, processes=2, env=env)
    results["raw_1_text"] = _raw_tesseract(pages, processes=1, env=env, output=())
    results["delib_1"] = _delib(WORK / "scanned", "scanned-w1", workers=1, env=env)
    results["delib_2"] = _delib(WORK / "scanned", "scanned-w2", workers=2, env=env)
    results["ocrmypdf"] = _ocrmypdf(scanned, env=env)

    digital_sources = [
        path
        for path in sorted((SAMPLES / "digital").glob("*.pdf")) + sorted((SAMPLES / "real").glob("couthenans*.pdf"))
        if _born_digital(path)
    ]
    _copies(digital_sources, WORK / "digital", copies=DIGITAL_COPIES)
    results["digital"] = _delib(WORK / "digital", "digital", workers=2, env=env)
    _text_copies(WORK / "text", TEXT_FILES)
    results["text"] = _delib(WORK / "text", "text", workers=2, env=env)

    results["ratios"] = _ratios(results)
    (OUT / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
    table = _table(results)
    (OUT / "bench.md").write_text(table)
    sys.stdout.write(table)


# --------------------------------------------------------------------------- inputs


def _copies(
    sources: list[Path], folder: Path, *, copies: int | None = None, min_pages: int | None = None
) -> list[Path]:
    """Distinct copies of ``sources`` (a different /Title each), ``copies`` times or up to ``min_pages``."""
    folder.mkdir(parents=True)
    made: list[Path] = []
    total = 0
    round_ = 0
    while (copies is not None and round_ < copies) or (min_pages is not None and total < min_pages):
        for source in sources:
            if min_pages is not None and copies is None and total >= min_pages:
                break
            target = folder / f"{source.stem}-copy{round_}.pdf"
            with pikepdf.open(source) as pdf:
                pdf.docinfo["/Title"] = f"bench copy {round_}"
                pdf.save(target)
                total += len(pdf.pages)
            made.append(target)
        round_ += 1
    return made


def _born_digital(path: Path) -> bool:
    """Every page of the PDF carries a text layer (a scanned page inside would be an OCR benchmark)."""
    document = pdfium.PdfDocument(path)
    try:
        return all(document[index].get_textpage().count_chars() > 20 for index in range(len(document)))
    finally:
        document.close()


def _text_copies(folder: Path, count: int) -> None:
    sources = sorted((SAMPLES / "text").glob("*.txt")) + sorted((SAMPLES / "seeds").glob("*.txt"))
    folder.mkdir(parents=True)
    for index in range(count):
        source = sources[index % len(sources)]
        (folder / f"{source.stem}-{index:04d}.txt").write_bytes(source.read_bytes() + f"\nCopie {index}\n".encode())


def _render(pdfs: list[Path], folder: Path) -> list[Path]:
    """Every page once to an 8-bit gray PGM at 300 dpi."""
    folder.mkdir(parents=True)
    pages = []
    for pdf_path in pdfs:
        document = pdfium.PdfDocument(pdf_path)
        for index in range(len(document)):
            image = document[index].render(scale=300 / 72, grayscale=True).to_pil()
            target = folder / f"{pdf_path.stem}-p{index + 1:03d}.pgm"
            image.save(target)
            pages.append(target)
        document.close()
    return pages


# --------------------------------------------------------------------------- measurements


class _CpuClock:
    """CPU seconds (user + system) of every process started meanwhile, orphans included.

    The benchmark is a sub-reaper: workers left by a finished ``delib`` (children of
    its forkserver) come back to it and are reaped, so their CPU time is counted.
    A machine shared with other work slows wall time, much less CPU time.
    """

    def __enter__(self) -> _CpuClock:
        _reap()
        self.start = _children_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        _reap()
        self.seconds = _children_cpu() - self.start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reap() -> None:
    while True:
        try:
            os.wait()
        except ChildProcessError:
            return


def _raw_tesseract(
    pages: list[Path], *, processes: int, env: dict[str, str], output: tuple[str, ...] = ("--dpi", "300", "tsv")
) -> dict[str, Any]:
    """The tesseract command on every page, ``processes`` at a time.

    By default with the pipeline's own settings: the command pytesseract's
    ``image_to_data`` runs (TSV output: word boxes and confidences, and the
    resolution given); ``output=()`` is the bare plain-text command, for comparison.
    """
    out = WORK / f"raw-{processes}{'-text' if not output else ''}"
    out.mkdir()

    def one(page: Path) -> None:
        command = ["tesseract", str(page), str(out / page.stem), "-l", "fra", "--psm", "3"]
        subprocess.run([*command, "-c", "thresholding_method=2", *output], env=env, capture_output=True, check=True)

    started = time.monotonic()
    with _CpuClock() as cpu, concurrent.futures.ThreadPoolExecutor(processes) as pool:
        list(pool.map(one, pages))
    seconds = time.monotonic() - started
    result = {
        "pages": len(pages),
        "seconds": round(seconds, 2),
        "pages_s": round(len(pages) / seconds, 3),
        "cpu_s_per_page": round(cpu.seconds / len(pages), 3),
    }
    _say(f"raw tesseract x{processes}: {result}")
    return result


def _delib(inputs: Path, name: str, *, workers: int, env: dict[str, str]) -> dict[str, Any]:
    """``delib run`` on ``inputs`` into a fresh folder; end-to-end and steady-state rates."""
    out = WORK / f"out-{name}"
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        str(inputs),
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]
    started = time.monotonic()
    with _CpuClock() as cpu:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        _say(f"delib {name}: exit {done.returncode}\n{done.stderr[-2000:]}")
    files = [json.loads(line) for line in (out / "files.jsonl").read_text().splitlines()]
    run = json.loads((out / ".delib" / "last_run.json").read_text())
    pages = sum(row["pages"] for row in files)
    acts = sum(row["acts"] for row in files)
    busy = sum(row["seconds"] for row in files) / workers
    result = {
        "workers": workers,
        "exit": done.returncode,
        "files": len(files),
        "errors": sum(row["status"] == "error" for row in files),
        "pages": pages,
        "ocr_pages": sum(row["ocr_pages"] for row in files),
        "acts": acts,
        "seconds": round(seconds, 2),
        "pages_s": round(pages / seconds, 3),
        "acts_s": round(acts / seconds, 2),
        "steady_pages_s": round(pages / busy, 3) if busy else None,
        "steady_acts_s": round(acts / busy, 2) if busy else None,
        "cpu_s_per_page": round(cpu.seconds / pages, 3) if pages else None,
        "peak_rss_mb_per_worker": run.get("peak_rss_mb", {}),
    }
    _say(f"delib {name}: {result}")
    return result


def _ocrmypdf(pdfs: list[Path], *, env: dict[str, str]) -> dict[str, Any] | None:
    """OCRmyPDF on the same PDFs, when it is installed."""
    program = shutil.which("ocrmypdf")
    if program is None:
        _say("ocrmypdf: not installed, skipped")
        return None
    out = WORK / "ocrmypdf"
    out.mkdir()
    pages = 0
    started = time.monotonic()
    for pdf_path in pdfs:
        with pikepdf.open(pdf_path) as pdf:
            pages += len(pdf.pages)
        command = [program, "-l", "fra", "--jobs", "2", "--sidecar", str(out / f"{pdf_path.stem}.txt")]
        subprocess.run([*command, str(pdf_path), str(out / pdf_path.name)], env=env, capture_output=True, check=True)
    seconds = time.monotonic() - started
    return {"pages": pages, "seconds": round(seconds, 2), "pages_s": round(pages / seconds, 3)}


def _ratios(results: dict[str, Any]) -> dict[str, float]:
    raw_1 = results["raw_1"]["pages_s"]
    ratios = {
        "workers_1_vs_raw_1": results["delib_1"]["pages_s"] / raw_1,
        "workers_2_vs_raw_1": results["delib_2"]["pages_s"] / raw_1,
        "raw_2_vs_raw_1": results["raw_2"]["pages_s"] / raw_1,
        "raw_1_text_vs_raw_1": results["raw_1_text"]["pages_s"] / raw_1,
        "steady_workers_1_vs_raw_1": (results["delib_1"]["steady_pages_s"] or 0) / raw_1,
        "steady_workers_2_vs_raw_1": (results["delib_2"]["steady_pages_s"] or 0) / raw_1,
        "cpu_per_page_delib_1_vs_raw": results["delib_1"]["cpu_s_per_page"] / results["raw_1"]["cpu_s_per_page"],
    }
    if results["ocrmypdf"]:
        ratios["ocrmypdf_vs_raw_1"] = results["ocrmypdf"]["pages_s"] / raw_1
    return {key: round(value, 3) for key, value in ratios.items()}


# --------------------------------------------------------------------------- report


def _table(results: dict[str, Any]) -> str:
    ratios = results["ratios"]
    peak = max(
        (
            mb
            for key in ("delib_1", "delib_2", "digital", "text")
            for mb in results[key]["peak_rss_mb_per_worker"].values()
        ),
        default=0.0,
    )
    lines = [
        f"# delib benchmark — {results['date']}",
        "",
        f"Machine: {results['machine']['summary']}",
        "",
        f"Scanned: {results['scanned_pages']} pages (samples/scanned repeated as distinct files). The reference "
        "is the `tesseract` command with the pipeline's settings (`-l fra --psm 3 -c thresholding_method=2 "
        "--dpi 300 tsv`, what pytesseract's `image_to_data` runs); the plain-text output row shows what the "
        "word boxes cost Tesseract itself.",
        "",
        "| what | pages/s end to end | pages/s steady | CPU s/page | vs raw tesseract ×1 (end to end) | target |",
        "|---|---|---|---|---|---|",
        f"| raw `tesseract` ×1 (TSV, as the pipeline runs it) | {results['raw_1']['pages_s']:.3f} | "
        f"| {results['raw_1']['cpu_s_per_page']} | 1.00 | |",
        f"| raw `tesseract` ×1, plain text output | {results['raw_1_text']['pages_s']:.3f} | "
        f"| {results['raw_1_text']['cpu_s_per_page']} | {ratios['raw_1_text_vs_raw_1']:.2f} | |",
        f"| raw `tesseract` ×2 | {results['raw_2']['pages_s']:.3f} | | {results['raw_2']['cpu_s_per_page']} "
        f"| {ratios['raw_2_vs_raw_1']:.2f} | |",
        _delib_row("`delib run --workers 1`", results["delib_1"], ratios["workers_1_vs_raw_1"], "≥ 0.9"),
        _delib_row("`delib run --workers 2`", results["delib_2"], ratios["workers_2_vs_raw_1"], "≥ 1.7"),
    ]
    if results["ocrmypdf"]:
        ocr = results["ocrmypdf"]
        lines.append(f"| OCRmyPDF `--jobs 2` | {ocr['pages_s']:.3f} | | {ratios['ocrmypdf_vs_raw_1']:.2f} | |")
    else:
        lines.append("| OCRmyPDF | not installed | | | |")
    digital, text = results["digital"], results["text"]
    lines += [
        "",
        "| what | end to end | steady | target |",
        "|---|---|---|---|",
        f"| born-digital, 2 workers ({digital['pages']} pages) | {digital['pages_s']:.1f} pages/s "
        f"| {digital['steady_pages_s']} pages/s | ≥ 50 pages/s |",
        f"| text only, 2 workers ({text['acts']} acts) | {text['acts_s']:.1f} acts/s "
        f"| {text['steady_acts_s']} acts/s | ≥ 100 acts/s |",
        f"| peak RSS of a worker | {peak:.0f} MB | | < 1536 MB |",
        "",
        "Steady: pages (acts) over the summed per-file times divided by the workers, i.e. without the "
        "start-up (language model load) and the writing of the outputs. CPU s/page: user + system time of "
        "every process of the measurement (Tesseract included) per page; on a machine shared with other "
        "work it varies much less than wall time "
        f"(delib ×1 / raw: {ratios['cpu_per_page_delib_1_vs_raw']:.2f}).",
        "",
    ]
    return "\n".join(lines)


def _delib_row(label: str, result: dict[str, Any], ratio: float, target: str) -> str:
    return (
        f"| {label} | {result['pages_s']:.3f} | {result['steady_pages_s']} | {result['cpu_s_per_page']} "
        f"| {ratio:.2f} | {target} |"
    )


def _machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    tesseract = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False).stdout
    info = {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory_gb": f"{int(memory.group(1)) / 1024 / 1024:.1f}" if memory else "?",
        "system": platform.platform(),
        "python": platform.python_version(),
        "tesseract": tesseract.splitlines()[0] if tesseract else "?",
        "load_average": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }
    info["summary"] = (
        f"{info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, {info['system']}, "
        f"Python {info['python']}, "
        f"{info['tesseract']}; load average at start {info['load_average']}"
    )
    return info


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DELIB_")}
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


if __name__ == "__main__":
    main()
