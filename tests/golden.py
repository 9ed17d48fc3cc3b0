"""Golden outputs: the acts the pipeline gives for each sample, kept in samples/expected/.

``python tests/golden.py`` (``make golden``) rewrites them; review the diff before committing.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"
#: Sample folders with golden outputs, and whether reading them needs OCR (replayed from the cache).
FOLDERS = {"text": False, "seeds": False, "written": False, "holdout": False, "holdout2": False, "holdout3": False,
           "holdout4": False, "holdout5": False, "holdout6": False, "holdout7": False, "holdout8": False,
           "holdout9": False, "holdout10": False, "holdout11": False, "holdout12": False, "holdout13": False,
           "holdout14": False, "holdout15": False, "digital": False, "real": True, "scanned": True,
           "scanned-heavy": True}  # fmt: skip
SUFFIXES = {".txt", ".md", ".pdf"}


def sample_files() -> list[tuple[str, Path, bool]]:
    """(folder, path, needs OCR) of every sample with a golden output."""
    files = []
    for folder, ocr in FOLDERS.items():
        for path in sorted((SAMPLES / folder).iterdir()):
            if path.suffix.lower() in SUFFIXES and path.name != "README.md":
                needs_ocr = ocr and not (folder == "real" and path.name.startswith("couthenans"))
                files.append((folder, path, needs_ocr))
    return files


def expected_path(folder: str, path: Path) -> Path:
    return EXPECTED / folder / f"{path.stem}.json"


def snapshot(path: Path) -> list[dict[str, Any]]:
    """What the golden files keep of each act: the DOMAIN §3 fields and the findings' codes."""
    from pipeline.config import load_settings
    from pipeline.run import process_file

    result = process_file(path, load_settings())
    acts = []
    for act in result.acts:
        data = act.fields_json()
        data["findings"] = sorted(f"{finding.severity}:{finding.code}" for finding in act.findings)
        acts.append(data)
    return acts


def main() -> int:
    os.environ.setdefault("DELIB_OCR_CACHE", str(ROOT / "tests" / "fixtures" / "ocr_cache"))
    for folder, path, _ in sample_files():
        target = expected_path(folder, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(snapshot(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
