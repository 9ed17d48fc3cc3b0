"""A value found in the text, with where it was found: what every extractor returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pipeline.records import CleanText, Evidence
from pipeline.textutil import collapse_spaces

T = TypeVar("T")
_MAX_EVIDENCE = 400


@dataclass(frozen=True)
class Found(Generic[T]):
    """``value`` read at ``text[start:end]`` by ``method``; ``repaired_from`` when OCR was repaired."""

    value: T
    start: int
    end: int
    method: str
    repaired_from: str | None = None

    def evidence(self, text: CleanText) -> Evidence:
        """The evidence record: page, span and the text itself."""
        snippet = collapse_spaces(text.text[self.start : self.end])
        if len(snippet) > _MAX_EVIDENCE:
            snippet = snippet[:_MAX_EVIDENCE] + "…"
        return Evidence(
            page=text.page_of(self.start),
            start=self.start,
            end=self.end,
            text=snippet or str(self.value),
            method=self.method,
            repaired_from=self.repaired_from,
        )
