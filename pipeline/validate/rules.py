"""The thresholds of the legal checks, read from ``models/legal.yaml`` and validated once."""

from __future__ import annotations

import datetime as dt
import functools
from fractions import Fraction
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from pipeline.config import load_rules
from pipeline.errors import ConfigError


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _fraction(value: Any) -> Fraction:
    """Read "1/3" as a fraction; a ConfigError-friendly ValueError otherwise."""
    fraction = Fraction(str(value))
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction {value} is not in (0, 1]")
    return fraction


class QuorumRule(Rule):
    fraction: Fraction
    strict: bool
    articles: dict[str, str]
    example: str
    case: dict[str, Any]

    _check_fraction = field_validator("fraction", mode="before")(_fraction)

    def article(self, kind: str | None) -> str:
        """The article setting the quorum of this kind of collectivity."""
        return self.articles.get(kind or "other", self.articles["other"])


class CovidWindow(Rule):
    id: str
    start: dt.date
    end: dt.date
    quorum_fraction: Fraction
    max_proxies_per_holder: int
    sources: list[str]
    example: str
    case: dict[str, Any]

    _check_fraction = field_validator("quorum_fraction", mode="before")(_fraction)

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the window, both ends included."""
        return self.start <= day <= self.end


class ProxyRule(Rule):
    max_per_holder: int
    article: str
    example: str


class DelayRule(Rule):
    jours_francs: int
    article: str
    example: str
    case: dict[str, Any]


class ConvocationRule(Rule):
    id: str
    kinds: list[str]
    population_min: int | None = None
    population_max: int | None = None
    population_unknown: bool = False
    jours_francs: int
    floor: int | None = None
    label: str
    floor_note: str | None = None
    article: str
    example: str
    case: dict[str, Any]

    def applies(self, kind: str, population: int | None) -> bool:
        """True for a collectivity of this kind ("unknown" when not stated) and population."""
        if kind not in self.kinds:
            return False
        if population is None:
            return self.population_unknown or (self.population_min is None and self.population_max is None)
        if self.population_unknown:
            return False
        low = self.population_min if self.population_min is not None else 0
        return low <= population and (self.population_max is None or population <= self.population_max)


class ConvocationRules(Rule):
    urgency: DelayRule
    second_convocation: DelayRule
    rules: list[ConvocationRule]

    def rule_for(self, kind: str | None, population: int | None) -> ConvocationRule | None:
        """The first delay rule for this collectivity, or None (départements, régions: not checked)."""
        return next((rule for rule in self.rules if rule.applies(kind or "unknown", population)), None)


class LegalRules(Rule):
    """Everything the checks read from ``models/legal.yaml``."""

    quorum: QuorumRule
    covid_windows: list[CovidWindow]
    proxies: ProxyRule
    convocation: ConvocationRules
    actes_id: dict[str, Any]

    def covid_window(self, day: dt.date | None) -> CovidWindow | None:
        """The COVID window holding ``day``, if any."""
        if day is None:
            return None
        return next((window for window in self.covid_windows if window.covers(day)), None)

    def max_proxies(self, day: dt.date | None) -> int:
        """How many proxies one member may hold on ``day``."""
        window = self.covid_window(day)
        return window.max_proxies_per_holder if window else self.proxies.max_per_holder


@functools.cache
def legal_rules() -> LegalRules:
    """Load and validate ``models/legal.yaml`` once per process."""
    data = load_rules("legal")
    try:
        return LegalRules.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"invalid rule file models/legal.yaml: {error}") from error
