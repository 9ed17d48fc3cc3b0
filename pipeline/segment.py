"""Segment stage. PROVISIONAL."""

from __future__ import annotations

from pipeline.records import ActSpan, CleanText, Segmentation, Span


def segment(text: CleanText) -> Segmentation:
    return Segmentation(header=Span(start=0, end=0), acts=[ActSpan(index=0, kind="deliberation", start=0, end=len(text.text))])
