"""ACTES identifier checks (DOMAIN §4, S2LOW): ACTES_ID_FORMAT, ACTES_ID_DATE, ACTES_ID_SIREN."""

from __future__ import annotations

import re

from pipeline.identifiers import (
    ActesId,
    department_name,
    department_of_siren,
    known_department,
    nature_label,
    parse_actes_id,
    siren_matches_department,
    siren_valid,
)
from pipeline.records import ActRecord, Finding
from pipeline.validate.common import finding, fr_date
from pipeline.validate.rules import LegalRules

_ID = ("prefecture_act_id",)
_SHAPE = "DDD-SIREN-AAAAMMJJ-NUMERO-NN"


def _parsed(act: ActRecord) -> ActesId | None:
    return parse_actes_id(act.prefecture_act_id) if act.prefecture_act_id else None


def _format_problem(value: str) -> str:
    """Why ``value`` is no ACTES ID, as precisely as can be told."""
    tail = re.search(r"-\s*([A-Za-z]{2})\s*$", value)
    if tail and nature_label(tail[1].upper()) is None:
        return f"code nature « {tail[1]} » inconnu (DE, AR, AI, CC, BF, AU)"
    return f"format attendu {_SHAPE}, numéro de 15 caractères au plus, date réelle"


def check_actes_id_format(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """The ID parses, its department exists and its nature code is one of ACTES."""
    if not act.prefecture_act_id:
        return []
    parsed = _parsed(act)
    if parsed is None:
        problem = _format_problem(act.prefecture_act_id)
        return [
            finding(
                "ACTES_ID_FORMAT",
                "warning",
                f"Identifiant ACTES « {act.prefecture_act_id} » illisible : {problem}",
                *_ID,
            )
        ]
    if not known_department(parsed.department):
        return [
            finding(
                "ACTES_ID_FORMAT",
                "warning",
                f"Identifiant ACTES « {parsed.value} » : le département « {parsed.department} » n'existe pas",
                *_ID,
            )
        ]
    return []


def check_actes_id_date(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """The ID's date is the session date (a warning: a procès-verbal carries the date of its approval)."""
    parsed = _parsed(act)
    if parsed is None:
        return []
    found = []
    if act.session_date is not None and parsed.date != act.session_date:
        found.append(
            finding(
                "ACTES_ID_DATE",
                "warning",
                f"La date de l'identifiant ACTES ({fr_date(parsed.date)}) "
                f"n'est pas celle de la séance ({fr_date(act.session_date)}) : normal pour un "
                "procès-verbal, qui porte la date de la séance qui l'a adopté ; sinon, vérifier la "
                "date de décision",
                "prefecture_act_id",
                "session_date",
            )
        )
    sent = act.prefecture_sent_date
    if sent is not None and parsed.date > sent:
        found.append(
            finding(
                "ACTES_ID_DATE",
                "warning",
                f"La date de l'identifiant ACTES ({fr_date(parsed.date)}) suit l'envoi en préfecture ({fr_date(sent)})",
                "prefecture_act_id",
                "prefecture_sent_date",
            )
        )
    return found


def _repairs(act: ActRecord) -> list[Finding]:
    found = []
    for field, label in (("prefecture_act_id", "Identifiant ACTES"), ("siren", "SIREN")):
        evidence = act.evidence.get(field)
        if evidence is None or evidence.repaired_from is None:
            continue
        value = getattr(act, field)
        reason = repair_reason(evidence.repaired_from, str(value))
        found.append(
            finding(
                "ACTES_ID_SIREN",
                "info",
                f"{label} réparé : lu « {evidence.repaired_from} », corrigé en « {value} » ({reason})",
                field,
            )
        )
    return found


def repair_reason(read: str, value: str) -> str:
    """Why an identifier read ``read`` was corrected to ``value``, in the words of the finding."""
    despaced = re.sub(r"\s+", "", read)
    if despaced.upper().replace("O", "0") == value.upper().replace("O", "0"):
        return "lecture OCR : espaces ou lettres O à la place de zéros"
    if value.split("-")[:2] != despaced.split("-")[:2]:
        return "clé de Luhn du SIREN et département"
    return "date impossible dans le numéro de l'acte"


def _department_text(code: str) -> str:
    name = department_name(code)
    return f"{code} ({name})" if name else code


def _siren_findings(act: ActRecord, parsed: ActesId | None) -> list[Finding]:
    if parsed is not None and not siren_valid(parsed.siren):
        return [
            finding(
                "ACTES_ID_SIREN",
                "error",
                f"Le SIREN {parsed.siren} de l'identifiant ACTES ne passe pas "
                "la clé de Luhn : erreur de lecture ou de saisie",
                *_ID,
            )
        ]
    if parsed is not None and not siren_matches_department(parsed.siren, parsed.department):
        code = department_of_siren(parsed.siren) or "02A/02B"
        return [
            finding(
                "ACTES_ID_SIREN",
                "error",
                f"Le SIREN {parsed.siren} désigne le département "
                f"{_department_text(code)}, l'identifiant ACTES porte {_department_text(parsed.department)}",
                *_ID,
            )
        ]
    if act.siren is not None and not siren_valid(act.siren):
        return [finding("ACTES_ID_SIREN", "error", f"Le SIREN {act.siren} ne passe pas la clé de Luhn", "siren")]
    if act.siren is not None and parsed is not None and act.siren != parsed.siren:
        return [
            finding(
                "ACTES_ID_SIREN",
                "warning",
                f"Le SIREN {act.siren} diffère de celui de l'identifiant ACTES ({parsed.siren})",
                "siren",
                "prefecture_act_id",
            )
        ]
    return []


def check_actes_id_siren(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """The ID's SIREN passes Luhn and names the ID's department; repairs are reported (info)."""
    return [*_siren_findings(act, _parsed(act)), *_repairs(act)]
