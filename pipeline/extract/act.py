"""Act-level fields read around the item heading: deliberation number and object."""

from __future__ import annotations

import functools
import re
from typing import Any

from pipeline.config import load_rules
from pipeline.extract.found import Found
from pipeline.extract.names import is_placeholder
from pipeline.records import ActSpan
from pipeline.segment.headings import is_empty_title
from pipeline.textutil import fold, fold_span, match_key

_NUMBER_REACH = 400


@functools.cache
def _rules() -> dict[str, Any]:
    data = load_rules("act")
    return {
        "numbers": [(re.compile(item["pattern"]), bool(item.get("in_title"))) for item in data["numbers"]],
        "report_numbers": [(re.compile(item["pattern"]), False) for item in data["report_numbers"]],
        "closing_numbers": [(re.compile(item["pattern"]), False) for item in data["closing_numbers"]],
        "number_reject": re.compile(data["number_reject"]),
        "number_in_stamp": re.compile(data["number_in_stamp"]),
        "object_strip": re.compile(data["object_strip"], re.IGNORECASE),
        "title_debris": re.compile(data["title_debris"]),
    }


def deliberation_number(text: str, act: ActSpan) -> Found[str] | None:
    """'Délibération N° 2025-02-10', '(délib. 2025/02/11)', 'DELIBERATION N° 10 - …' near the title; else
    the number the act gives after its decision ('La délibération n° D2025-031 est adoptée.')."""
    if act.number and act.title_span:
        return Found(act.number, act.title_span.start, act.title_span.end, "table-number")
    title_end = act.title_span.end if act.title_span else act.start
    start, end = act.lead_start, min(act.end, title_end + _NUMBER_REACH)
    folded = fold_span(text, start, end)
    near = _nearest(text, folded, start, act, "numbers") or _nearest(text, folded, start, act, "report_numbers")
    if near or act.title_span is None:
        return near
    return _nearest(text, fold_span(text, title_end, act.end), title_end, act, "closing_numbers")


def _nearest(text: str, folded: str, start: int, act: ActSpan, patterns: str) -> Found[str] | None:
    """The number of ``patterns`` nearest the act's title in ``folded`` (``text[start:]`` folded)."""
    best: Found[str] | None = None
    title = (act.title_span.start, act.title_span.end) if act.title_span else (act.start, act.start)
    for pattern, in_title in _rules()[patterns]:
        for match in pattern.finditer(folded):
            if in_title and not title[0] <= start + match.start("number") < title[1]:
                continue  # '3 – DEL-2025-0412 – …' numbers the act whose title it is, not an agenda line
            if _rules()["number_in_stamp"].match(folded, match.end("number")):
                continue
            number = text[start + match.start("number") : start + match.end("number")].strip(" .-/")
            if not re.search(r"\d", number) or _rules()["number_reject"].match(fold(number)) or is_placeholder(number):
                continue
            found = Found(number, start + match.start(), start + match.end("number"), "deliberation-number")
            if best is None or _closeness(found, act) < _closeness(best, act):
                best = found
    return best


def _closeness(found: Found[str], act: ActSpan) -> int:
    """Distance to the act's title: the number nearest the title is the act's own."""
    anchor = act.title_span.start if act.title_span else act.start
    return abs(found.start - anchor)


def act_object(text: str, act: ActSpan) -> Found[str] | None:
    """The item's title as written; the agenda's wording when the body's is cut (a stamp over it)."""
    title = (act.title or "").strip()
    title = without_title_tails(without_stamp_debris(title))
    if is_empty_title(title):
        title = ""
    agenda = without_stamp_debris((act.agenda_title or "").strip(" :"))
    span = act.title_span
    start, end = (span.start, span.end) if span else (act.start, act.start)
    if agenda and (not title or not _fuller(title, agenda)):
        return Found(agenda, start, end, "agenda-title")
    if not title or (is_placeholder(title) and len(match_key(title)) < 12):
        return None
    return Found(title, start, end, f"title-{act.title_source or 'heading'}")


_SEGMENTS = re.compile(r"\s*\t\s*-?\s*|\s+[-–—]\s+|\s*[-–—]\s*(?=_)")


def without_stamp_debris(title: str) -> str:
    """``title`` without the leading segments a stamp printed over its line left ('Reçu le - __M14-
    Affectation de résultat' → 'M14- Affectation de résultat'); the title itself when all of it would go."""
    rest = title
    while True:
        cut = _SEGMENTS.search(rest)
        if cut is None or not _rules()["title_debris"].search(fold(rest[: cut.start()])):
            break
        rest = rest[cut.end() :]
    rest = rest.lstrip("_[]|-–— ")
    return rest if len(match_key(rest)) >= 3 else title


def without_title_tails(title: str) -> str:
    """The title without the tails of ``object_strip`` (a number reference, a colon, a stray period)."""
    while True:
        stripped = _rules()["object_strip"].sub("", title).strip(" :-–—")
        if stripped == title:
            return title
        title = stripped


def _fuller(title: str, agenda: str) -> bool:
    """The body's heading says more than the agenda ('… du Conseil Municipal du 17 novembre 2023'):
    keep it; otherwise the agenda's wording is the same title, typed once and often cleaner than OCR.
    A body heading lengthened by stamp debris while losing the agenda's words is not fuller."""
    if len(match_key(title)) <= 1.15 * len(match_key(agenda)):
        return False
    agenda_words = [word for word in match_key(agenda).split() if len(word) >= 3]
    title_words = set(match_key(title).split())
    return sum(word in title_words for word in agenda_words) >= 0.9 * len(agenda_words)
