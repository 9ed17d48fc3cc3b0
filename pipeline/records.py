"""Typed records passed between the stages.

read → :class:`Document` (pages of text, with OCR word boxes)
clean → :class:`CleanText` (one normalised string, page offsets)
segment → :class:`Segmentation` (session header span, one :class:`ActSpan` per act)
extract → :class:`ActRecord` (the fields of DOMAIN §3, each with its :class:`Evidence`)
validate → :class:`ActRecord` with :class:`Finding` s
write ← :class:`DocumentResult` (the acts of one file and its :class:`FileRow`)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PageSource = Literal["text", "text_layer", "ocr"]
DocumentKind = Literal["deliberation", "convention", "other"]
CollectivityKind = Literal["commune", "epci", "departement", "region", "syndicat", "other"]
Severity = Literal["error", "warning", "info"]
FileStatus = Literal["ok", "error", "skipped"]
MemberStatus = Literal["present", "absent", "excused", "substitute"]

#: The keys of DOMAIN §3, in order: acts.jsonl writes exactly these, plus
#: ``evidence``, ``findings`` and ``source``.
RECORD_KEYS: tuple[str, ...] = (
    "doc",
    "act_index",
    "document_kind",
    "collectivity_name",
    "collectivity_kind",
    "body",
    "deliberation_number",
    "object",
    "session_date",
    "convocation_date",
    "members_in_office",
    "members_present",
    "members_voting",
    "proxies_count",
    "proxies",
    "president",
    "secretary",
    "vote",
    "prefecture_act_id",
    "siren",
    "prefecture_sent_date",
    "prefecture_received_date",
    "convention_parties",
)


class Record(BaseModel):
    """Base of every record: strict about unknown keys."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- read


class Word(Record):
    """One OCR word with its box in page-image pixels and Tesseract's confidence (0–100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: int = Field(description="Index of the OCR line the word belongs to, within the page")


class Page(Record):
    """One page of a document as read, before any cleanup.

    ``text`` is the text chosen for the page (text layer, OCR or file contents).
    When OCR was used on a page that also had a text layer (a prefecture stamp
    on a scan), ``layer_text`` keeps that layer so that neither text is lost.
    """

    number: int = Field(ge=1, description="1-based page number")
    source: PageSource
    text: str
    layer_text: str | None = None
    words: list[Word] = Field(default_factory=list)
    image_width: int | None = Field(default=None, description="OCR image width in pixels")
    image_height: int | None = None
    dpi: int | None = None
    mean_confidence: float | None = None
    notes: list[str] = Field(default_factory=list, description="What the reader had to do")


class Document(Record):
    """A whole input file, read."""

    path: str
    doc: str = Field(description="File name without extension: the join key of the gold files")
    sha256: str
    media_type: str
    pages: list[Page]


# --------------------------------------------------------------------------- clean


class CleanText(Record):
    """The document as one normalised string.

    Pages are joined with a form feed; ``page_starts[i]`` is the offset where
    page ``i + 1`` starts, so any span maps back to its page.
    """

    doc: str
    text: str
    page_starts: list[int]
    fixes: list[str] = Field(default_factory=list, description="Ids of the fix-up rules that fired")
    furniture: list[str] = Field(
        default_factory=list, description="Match keys of lines repeated on many pages (stamps, margins)"
    )

    def page_of(self, offset: int) -> int:
        """Return the 1-based page holding ``offset``."""
        page = 1
        for index, start in enumerate(self.page_starts):
            if offset >= start:
                page = index + 1
        return page


# --------------------------------------------------------------------------- segment


class Span(Record):
    start: int
    end: int


class ActSpan(Record):
    """Where one act lies in the clean text.

    ``start``–``end`` is the item (heading to next heading); ``lead_start`` is
    where the text that may still belong to it starts (the end of the previous
    act: a deliberation number above the title); ``session`` is the session
    header that applies; ``annexes`` are conventions annexed to the act.
    """

    index: int
    kind: DocumentKind
    start: int
    end: int
    lead_start: int
    session: Span
    title: str | None = None
    title_span: Span | None = None
    title_source: str | None = Field(default=None, description="How the title was found (objet, numbered, agenda…)")
    agenda_title: str | None = Field(default=None, description="The matching agenda entry, when there is an agenda")
    number: str | None = Field(default=None, description="A number the heading itself carries (a table of acts)")
    annexes: list[Span] = Field(default_factory=list)


class Segmentation(Record):
    """The acts of a document and where its text is."""

    kind: DocumentKind
    acts: list[ActSpan]
    header: Span


# --------------------------------------------------------------------------- extract


class Evidence(Record):
    """Where a value comes from: page, character span in the clean text, the text itself."""

    page: int | None = None
    start: int | None = None
    end: int | None = None
    text: str
    method: str | None = Field(default=None, description="Rule or model that produced the value")
    repaired_from: str | None = Field(default=None, description="The value as read, when it was repaired")


class Proxy(Record):
    giver: str
    holder: str


class Party(Record):
    name: str | None
    representative: str | None = None
    role: str | None = None


class Vote(Record):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    unanimous: bool | None = None
    for_: int | None = Field(default=None, alias="for")
    against: int | None = None
    abstention: int | None = None
    outcome: Literal["adopted", "rejected"] | None = None


class Member(Record):
    name: str
    status: MemberStatus
    replaces: str | None = Field(default=None, description="For a substitute: the member replaced")


class ActContext(Record):
    """Facts the legal checks need that are not fields of DOMAIN §3."""

    members: list[Member] = Field(default_factory=list)
    substitutes_count: int | None = None
    publication_date: dt.date | None = None
    display_date: dt.date | None = None
    population: int | None = None
    urgency: bool = False
    second_convocation: bool = False
    departures_mentioned: bool = False
    non_voting_mentioned: bool = False
    secret_ballot: bool = False
    test_stamp: bool = False
    template: bool = False


class Finding(Record):
    code: str
    severity: Severity
    message: str
    fields: list[str] = Field(default_factory=list)


class ActRecord(Record):
    """One act: the fields of DOMAIN §3, their evidence, the checks' findings."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    doc: str
    act_index: int = Field(ge=0)
    document_kind: DocumentKind = "deliberation"
    collectivity_name: str | None = None
    collectivity_kind: CollectivityKind | None = None
    body: str | None = None
    deliberation_number: str | None = None
    object: str | None = None
    session_date: dt.date | None = None
    convocation_date: dt.date | None = None
    members_in_office: int | None = Field(default=None, ge=0)
    members_present: int | None = Field(default=None, ge=0)
    members_voting: int | None = Field(default=None, ge=0)
    proxies_count: int | None = Field(default=None, ge=0)
    proxies: list[Proxy] = Field(default_factory=list)
    president: str | None = None
    secretary: str | None = None
    vote: Vote = Field(default_factory=Vote)
    prefecture_act_id: str | None = None
    siren: str | None = Field(default=None, pattern=r"^\d{9}$")
    prefecture_sent_date: dt.date | None = None
    prefecture_received_date: dt.date | None = None
    convention_parties: list[Party] = Field(default_factory=list)
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    context: ActContext = Field(default_factory=ActContext)

    def fields_json(self) -> dict[str, Any]:
        """The DOMAIN §3 keys, JSON-ready (ISO dates, ``vote.for``)."""
        data = self.model_dump(mode="json", by_alias=True)
        return {key: data[key] for key in RECORD_KEYS}


# --------------------------------------------------------------------------- write


class FileRow(Record):
    """One row of files.jsonl: what happened to one input file."""

    path: str
    sha256: str | None = None
    status: FileStatus
    error: str | None = Field(default=None, description="What is wrong and what to do, for status error/skipped")
    error_code: str | None = None
    media_type: str | None = None
    pages: int = 0
    ocr_pages: int = 0
    acts: int = 0
    seconds: float = 0.0
    duplicate_of: str | None = None
    cached: bool = Field(default=False, description="Result reused from an earlier run")


class PageSummary(Record):
    """What the review page needs of a page: its source and OCR words."""

    number: int
    source: PageSource
    image_width: int | None = None
    image_height: int | None = None
    dpi: int | None = None
    mean_confidence: float | None = None
    words: list[Word] = Field(default_factory=list)
    text: str = ""


class DocumentResult(Record):
    """Everything one input file produced; the unit a worker returns and the state store keeps."""

    file: FileRow
    acts: list[ActRecord] = Field(default_factory=list)
    pages: list[PageSummary] = Field(default_factory=list)
