"""Legal checks of an act (DOMAIN §5): one table of small pure checks, walked by :func:`run_checks`.

Each check reads an :class:`ActRecord` and the thresholds of ``models/legal.yaml`` and returns coded
findings; a check that lacks the data it needs stays silent (or says "non vérifiable" as info).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.records import ActRecord, Finding, Severity
from pipeline.validate.checks_actes import check_actes_id_date, check_actes_id_format, check_actes_id_siren
from pipeline.validate.checks_attendance import (
    check_count_members,
    check_count_votants,
    check_quorum,
    check_quorum_covid,
    check_secretary,
)
from pipeline.validate.checks_dates import check_convocation_delay, check_date_order, check_transmission
from pipeline.validate.checks_proxies import (
    check_proxy_giver_absent,
    check_proxy_holder_present,
    check_proxy_max,
)
from pipeline.validate.checks_vote import check_vote_sum, check_vote_unanimity
from pipeline.validate.rules import LegalRules, legal_rules

logger = logging.getLogger(__name__)

CheckFunction = Callable[[ActRecord, LegalRules], list[Finding]]


@dataclass(frozen=True)
class Check:
    """One legal check: its code, function, highest severity it reports, the rule and its source."""

    code: str
    function: CheckFunction
    severity: Severity
    rule: str
    article: str


CHECKS: tuple[Check, ...] = (
    Check(
        "QUORUM",
        check_quorum,
        "error",
        "présents (suppléants compris, pouvoirs non) > moitié des membres en exercice ; "
        "pas de quorum à la seconde convocation",
        "L2121-17 ; L5211-1 (EPCI) ; L3121-14 (département)",
    ),
    Check(
        "QUORUM_COVID",
        check_quorum_covid,
        "error",
        "du 24/03/2020 au 30/08/2020, du 15/11/2020 au 30/09/2021, du 10/11/2021 au 31/07/2022 : "
        "présents ≥ un tiers des membres en exercice",
        "lois 2020-290, 2020-760, 2020-1379, 2021-160, 2021-689, 2021-1465",
    ),
    Check(
        "PROXY_MAX",
        check_proxy_max,
        "error",
        "un pouvoir au plus par élu (deux pendant les périodes COVID)",
        "L2121-20",
    ),
    Check(
        "PROXY_HOLDER_PRESENT",
        check_proxy_holder_present,
        "error",
        "le porteur d'un pouvoir est présent (listes de présence)",
        "L2121-20",
    ),
    Check(
        "PROXY_GIVER_ABSENT",
        check_proxy_giver_absent,
        "error",
        "celui qui donne pouvoir est absent, et n'est pas le porteur",
        "L2121-20",
    ),
    Check(
        "COUNT_VOTANTS",
        check_count_votants,
        "error",
        "votants = présents + pouvoirs (+ suppléants) ; avertissement si départs ou non-participation",
        "arithmétique",
    ),
    Check(
        "COUNT_MEMBERS",
        check_count_members,
        "error",
        "présents et votants ≤ en exercice ; listes nominatives cohérentes avec les nombres annoncés",
        "arithmétique",
    ),
    Check(
        "VOTE_SUM",
        check_vote_sum,
        "error",
        "pour + contre + abstentions ≤ votants ; adoptée ssi pour > contre (partage : voix du président, "
        "sauf scrutin secret)",
        "L2121-20",
    ),
    Check(
        "VOTE_UNANIMITY",
        check_vote_unanimity,
        "error",
        "unanimité ⇒ aucune voix contre (abstentions permises)",
        "pratique",
    ),
    Check(
        "CONVOCATION_DELAY",
        check_convocation_delay,
        "error",
        "jours francs entre convocation et séance : 3 (< 3 500 hab.), 5 (≥ 3 500 hab., EPCI), 1 (urgence)",
        "L2121-11, L2121-12, L5211-1",
    ),
    Check("SECRETARY", check_secretary, "warning", "un secrétaire de séance est nommé et présent", "L2121-15"),
    Check(
        "DATE_ORDER",
        check_date_order,
        "error",
        "convocation < séance ≤ envoi ≤ réception ; publication ≥ séance",
        "L2131-1",
    ),
    Check(
        "TRANSMISSION",
        check_transmission,
        "warning",
        "une délibération sans transmission en préfecture (ou avec un « Envoi simulé ») n'est pas établie exécutoire",
        "L2131-1, L2131-2",
    ),
    Check(
        "ACTES_ID_FORMAT",
        check_actes_id_format,
        "warning",
        "l'identifiant ACTES se lit DDD-SIREN-AAAAMMJJ-NUMERO-NN (département existant, nature DE, AR, AI, CC, BF, AU)",
        "S2LOW",
    ),
    Check(
        "ACTES_ID_DATE",
        check_actes_id_date,
        "warning",
        "la date de l'identifiant est celle de la séance (un procès-verbal porte celle de son adoption)",
        "S2LOW",
    ),
    Check(
        "ACTES_ID_SIREN",
        check_actes_id_siren,
        "error",
        "le SIREN passe la clé de Luhn et désigne le département DDD ; une réparation OCR est signalée",
        "S2LOW",
    ),
)


def run_checks(act: ActRecord) -> list[Finding]:
    """All the findings of the table's checks on ``act``, in table order. Never raises on a valid record."""
    rules = legal_rules()
    findings = [found for check in CHECKS for found in check.function(act, rules)]
    logger.debug("%s act %d: %d legal findings", act.doc, act.act_index, len(findings))
    return findings
