"""Clean stage. PROVISIONAL."""

from __future__ import annotations

from pipeline.records import CleanText, Document


def clean(document: Document) -> CleanText:
    starts, parts, offset = [], [], 0
    for page in document.pages:
        starts.append(offset)
        parts.append(page.text)
        offset += len(page.text) + 1
    return CleanText(doc=document.doc, text="\f".join(parts), page_starts=starts)
