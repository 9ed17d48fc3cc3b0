"""Validate stage: schema check, then the legal checks of DOMAIN §5."""

from __future__ import annotations

from pipeline.records import ActRecord
from pipeline.validate.legal import run_checks


def validate(act: ActRecord) -> ActRecord:
    """Re-validate the record against its schema and attach the legal findings."""
    checked = ActRecord.model_validate(act.model_dump(by_alias=True))
    return checked.model_copy(update={"findings": [*checked.findings, *run_checks(checked)]})
