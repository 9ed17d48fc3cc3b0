"""Which prefecture stamp is an act's own.

An act's stamp is read in its own text (the act, or its extract); in a file of several acts it may also
be its row in a list of transmitted acts, or the stamp printed in its extract's letterhead above the
header. The document's stamp fills what is still missing, unless the document prints the stamps of
several acts: an act without its own (the minutes' approval) then has none. An identifier that encodes the act's own
number is never replaced by another one read more often elsewhere ('…2022_021-DE' is not a misread
'…2022_022-DE').
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.stamp import Stamp, read_stamp
from pipeline.extract.stamp_rows import encodes_number, number_key, row_stamp
from pipeline.identifiers import find_actes_ids
from pipeline.records import ActSpan


@dataclass(frozen=True)
class StampContext:
    """What the act's stamp is read with: the department named in its header, its session's year, and
    whether the file holds this act alone (``single``) or its extract holds it alone (``own_header``)."""

    department_hint: str | None
    year: int | None
    single: bool
    own_header: bool
    per_act: bool = False  # the document prints several acts' identifiers: each act has its own stamp
    act_numbers: frozenset[str] = frozenset()  # the keys of every act's number in the document


def act_stamp(
    text: str, span: ActSpan, own_text: tuple[int, int], number: str | None, document: Stamp, context: StampContext
) -> Stamp:
    """The act's stamp: read in ``own_text``, else its transmission row or its letterhead's, then completed
    by the ``document``'s stamp."""
    stamp = read_stamp(text, *own_text, department_hint=context.department_hint, reference_year=context.year)
    if _another_acts(stamp, number, context):  # the next act's stamp printed above its heading, in this act's text
        stamp = Stamp()
    if not context.single:
        stamp = _with_row_stamp(stamp, text, number, context.year)
        if context.own_header:
            stamp = _with_letterhead_stamp(stamp, text, span, number, context.year)
    if context.per_act and stamp.act_id is None:
        return stamp  # the minutes' approval in a PV whose acts carry their own stamps has none
    key = number_key(number)
    return stamp.completed_by(document, own_id=key is not None and encodes_number(stamp.act_id, key))


def _another_acts(stamp: Stamp, number: str | None, context: StampContext) -> bool:
    """Does the stamp read in the act's text carry another act's number ('…-2026_09-DE' in act 2026-08)?"""
    key = number_key(number)
    if key is None or stamp.act_id is None or encodes_number(stamp.act_id, key):
        return False
    return any(encodes_number(stamp.act_id, other) for other in context.act_numbers - {key})


def stamps_per_act(text: str, numbers: list[str | None]) -> bool:
    """Does the document print the identifiers of several of its acts (each encoding one of the acts'
    ``numbers``), one stamp each? (A procès-verbal with one identifier for the session does not.)"""
    keys = {key for number in numbers if (key := number_key(number))}
    return len({number_key(actes_id.number) for actes_id in find_actes_ids(text)} & keys) >= 2


def _with_letterhead_stamp(stamp: Stamp, text: str, span: ActSpan, number: str | None, year: int | None) -> Stamp:
    """An extract's stamp printed in its letterhead, above the line where its header was found
    ('REPUBLIQUE FRANCAISE … Envoyé en préfecture le …' / '… ID : 976-…-2025CC20-DE' / 'EXTRAIT DU
    REGISTRE'): taken when its ACTES ID encodes the act's number (the previous act's stamp does not)."""
    key = number_key(number)
    if key is None or span.session.start <= span.lead_start:
        return stamp
    above = read_stamp(text, span.lead_start, span.session.start, department_hint=None, reference_year=year)
    if not encodes_number(above.act_id, key):
        return stamp
    return stamp.completed_by(above) if stamp.act_id else above.completed_by(stamp)


def _with_row_stamp(stamp: Stamp, text: str, number: str | None, year: int | None) -> Stamp:
    """An act's own row in a list of transmitted acts, when its span has no identifier of its number."""
    key = number_key(number)
    if key is None or encodes_number(stamp.act_id, key):
        return stamp
    row = row_stamp(text, number, reference_year=year)
    return row.completed_by(stamp) if row else stamp
