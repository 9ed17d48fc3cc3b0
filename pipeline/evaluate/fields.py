"""The scored fields of DOMAIN §3, how each is compared, and how values are read from a record.

A record (gold or predicted) is flattened to ``{field: value}`` with the vote sub-fields as
``vote.unanimous``, ``vote.for``… Gold ``alternatives`` name vote sub-fields without the
prefix (``"for"``); both spellings are accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pipeline.evaluate import normalize as nz

Kind = Literal["text", "name", "organisation", "number", "object", "date", "count", "bool", "identifier", "list"]

VOTE_FIELDS: tuple[str, ...] = ("unanimous", "for", "against", "abstention", "outcome")
LIST_FIELDS: tuple[str, ...] = ("proxies", "convention_parties")


@dataclass(frozen=True)
class FieldSpec:
    """One scored field: its flat name and how its values are compared."""

    name: str
    kind: Kind

    @property
    def alternative_keys(self) -> tuple[str, ...]:
        """Keys under which gold ``alternatives`` may list other accepted values."""
        if self.name.startswith("vote."):
            return (self.name.removeprefix("vote."), self.name)
        return (self.name,)


#: Every field of DOMAIN §3 but ``doc`` and ``act_index``, in record order.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("document_kind", "text"),
    FieldSpec("collectivity_name", "organisation"),
    FieldSpec("collectivity_kind", "text"),
    FieldSpec("body", "text"),
    FieldSpec("deliberation_number", "number"),
    FieldSpec("object", "object"),
    FieldSpec("session_date", "date"),
    FieldSpec("convocation_date", "date"),
    FieldSpec("members_in_office", "count"),
    FieldSpec("members_present", "count"),
    FieldSpec("members_voting", "count"),
    FieldSpec("proxies_count", "count"),
    FieldSpec("proxies", "list"),
    FieldSpec("president", "name"),
    FieldSpec("secretary", "name"),
    FieldSpec("vote.unanimous", "bool"),
    FieldSpec("vote.for", "count"),
    FieldSpec("vote.against", "count"),
    FieldSpec("vote.abstention", "count"),
    FieldSpec("vote.outcome", "text"),
    FieldSpec("prefecture_act_id", "identifier"),
    FieldSpec("siren", "identifier"),
    FieldSpec("prefecture_sent_date", "date"),
    FieldSpec("prefecture_received_date", "date"),
    FieldSpec("convention_parties", "list"),
)
FIELD_NAMES: tuple[str, ...] = tuple(spec.name for spec in FIELDS)

_CANONICAL: dict[Kind, Callable[[Any], Any]] = {
    "text": nz.to_text,
    "number": nz.to_number,
    "date": nz.to_iso_date,
    "count": nz.to_count,
    "bool": nz.to_bool,
    "identifier": nz.to_identifier,
}


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """The scored values of a record; missing keys are null (lists: empty).

    A malformed list (not a list, or items that are not objects) keeps one empty object per
    bad item, so that it still counts as a false positive.
    """
    vote = record.get("vote")
    vote = vote if isinstance(vote, dict) else {}
    values: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.name.startswith("vote."):
            values[spec.name] = vote.get(spec.name.removeprefix("vote."))
        elif spec.kind == "list":
            values[spec.name] = _list_value(record.get(spec.name))
        else:
            values[spec.name] = record.get(spec.name)
    return values


def _list_value(value: Any) -> list[dict[str, Any]]:
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    return [item if isinstance(item, dict) else {} for item in items]


def is_null(value: Any) -> bool:
    """Null for scoring: ``None``, an empty list or blank text."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def same_scalar(spec: FieldSpec, gold: Any, pred: Any, *, object_threshold: float) -> bool:
    """Whether a predicted scalar value equals a gold one under the field's comparison."""
    if is_null(gold) or is_null(pred):
        return is_null(gold) and is_null(pred)
    if spec.kind == "name":
        return nz.same_name(str(gold), str(pred))
    if spec.kind == "organisation":
        return nz.same_organisation(str(gold), str(pred))
    if spec.kind == "object":
        return nz.same_object(str(gold), str(pred), object_threshold)
    canonical = _CANONICAL[spec.kind]
    gold_value, pred_value = canonical(gold), canonical(pred)
    if isinstance(gold_value, bool) != isinstance(pred_value, bool):
        return False
    return bool(gold_value == pred_value)
