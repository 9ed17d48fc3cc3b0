"""The registry of French collectivities (models/registry/): SIREN → name, kind, department, population.

Example:
    >>> lookup("213001100").name
    'Flaux'
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import MODELS_DIR

REGISTRY_PATH = MODELS_DIR / "registry" / "collectivities.tsv.gz"


@dataclass(frozen=True)
class Collectivity:
    siren: str
    kind: str
    name: str
    department: str
    population: int | None


@functools.cache
def _registry() -> tuple[dict[str, int], dict[str, list[str]]]:
    """The column indexes and the rows by SIREN, read once per process (a row becomes a
    :class:`Collectivity` when it is looked up: building 36 000 of them took a worker 0.1 s)."""
    if not REGISTRY_PATH.exists():
        return {}, {}
    with gzip.open(REGISTRY_PATH, "rt", encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t")
        columns = {name: index for index, name in enumerate(next(rows, []))}
        key = columns.get("siren", 0)
        return columns, {row[key]: row for row in rows if row}


@functools.lru_cache(maxsize=4096)
def lookup(siren: str | None) -> Collectivity | None:
    """The collectivity with this SIREN, if the registry knows it."""
    columns, rows = _registry()
    row = rows.get(siren or "")
    if row is None:
        return None
    siren_, kind, name, department, population = (row[columns[field]] for field in _FIELDS)
    return Collectivity(siren_, kind, name, department, int(population) if population else None)


_FIELDS = ("siren", "kind", "name", "department", "population")


def build(data_dir: Path, target: Path = REGISTRY_PATH) -> int:
    """Rebuild the registry file from @etalab/decoupage-administratif's data folder; returns the row count."""
    communes = json.loads((data_dir / "communes.json").read_text(encoding="utf-8"))
    epcis = json.loads((data_dir / "epci.json").read_text(encoding="utf-8"))
    rows = [
        (item["siren"], "commune", item["nom"], item["departement"], item.get("population") or "")
        for item in communes
        if item.get("type") == "commune-actuelle" and item.get("siren")
    ]
    rows += [(item["code"], "epci", item["nom"], "", item.get("populationMunicipale") or "") for item in epcis]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["siren", "kind", "name", "department", "population"])
    writer.writerows(sorted(rows))
    target.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Example: python -m pipeline.extract.registry --build node_modules/@etalab/decoupage-administratif/data"""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", type=Path, required=True, help="the package's data/ folder")
    args = parser.parse_args(argv)
    count = build(args.build)
    sys.stdout.write(f"{count} collectivities written to {REGISTRY_PATH}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
