"""Extract stage. PROVISIONAL."""

from __future__ import annotations

from pipeline.records import ActRecord, CleanText, Segmentation


def extract_acts(text: CleanText, segmentation: Segmentation) -> list[ActRecord]:
    return [ActRecord(doc=text.doc, act_index=span.index, document_kind=span.kind) for span in segmentation.acts]
