"""Legal checks (DOMAIN §5). PROVISIONAL stub: the checks are being written."""

from __future__ import annotations

from pipeline.records import ActRecord, Finding


def run_checks(act: ActRecord) -> list[Finding]:
    return []
