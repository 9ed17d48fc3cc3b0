"""Settings (models/config.yaml) and the loader of rule files kept as data in models/."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import ConfigError

MODELS_DIR = Path(os.environ.get("DELIB_MODELS_DIR", Path(__file__).resolve().parent.parent / "models"))


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OcrSettings(Section):
    language: str = "fra"
    dpi: int = 300
    psm: int = 3
    thresholding_method: int = 2
    page_timeout: float = 120.0
    min_text_chars: int = 40
    despeckle: bool = True
    margin_counts: bool = True
    coverage_check: bool = True
    reread_unsure: bool = True
    cache: str | None = None
    cache_readonly: bool = False


class ReadSettings(Section):
    text_layer: Literal["pdfium", "pdfplumber"] = "pdfium"


class NlpSettings(Section):
    spacy_model: str = "fr_core_news_sm"


class Limits(Section):
    max_file_bytes: int = 2_000_000_000
    max_pages: int = 2000
    max_page_megapixels: float = 80.0
    max_page_points: float = 20000.0
    max_image_megapixels: float = 200.0
    max_text_bytes: int = 50_000_000
    file_timeout: float = 1800.0


class Settings(Section):
    read: ReadSettings = ReadSettings()
    ocr: OcrSettings = OcrSettings()
    nlp: NlpSettings = NlpSettings()
    limits: Limits = Limits()


def _env_overrides(data: dict[str, Any]) -> dict[str, Any]:
    """Apply DELIB_<SECTION>_<KEY> environment variables over ``data``."""
    merged = {section: dict(values or {}) for section, values in data.items()}
    for name, value in os.environ.items():
        if not name.startswith("DELIB_") or name.count("_") < 2:
            continue
        _, section, key = name.lower().split("_", 2)
        if section in Settings.model_fields:
            merged.setdefault(section, {})[key] = value
    return merged


def load_settings(path: Path | None = None) -> Settings:
    """Read settings from ``path`` (default models/config.yaml) and the environment."""
    source = path or MODELS_DIR / "config.yaml"
    data = load_yaml(source) if source.exists() else {}
    try:
        return Settings.model_validate(_env_overrides(data))
    except ValidationError as error:
        raise ConfigError(f"invalid settings in {source}: {error}") from error


def load_yaml(path: Path) -> Any:
    """Parse one YAML file, turning any failure into a :class:`ConfigError`."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read rule file {path}: {error}") from error


@functools.cache
def load_rules(name: str) -> Any:
    """Load ``models/<name>.yaml`` once per process."""
    return load_yaml(MODELS_DIR / f"{name}.yaml")
