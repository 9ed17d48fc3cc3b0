"""Date checks: CONVOCATION_DELAY (jours francs), DATE_ORDER, TRANSMISSION."""

from __future__ import annotations

import datetime as dt

from pipeline.records import ActRecord, Finding
from pipeline.validate.common import finding, fr_date, jours_francs
from pipeline.validate.rules import ConvocationRule, DelayRule, LegalRules

_FIELDS = ("convocation_date", "session_date")
_EXECUTORY = "art. L2131-1 et L2131-2 CGCT"


def _delay_text(days: int, sent: dt.date, session: dt.date) -> str:
    mark = "s" if days > 1 else ""
    dates = f"la convocation du {fr_date(sent)} et la séance du {fr_date(session)}"
    return f"{days} jour{mark} franc{mark} entre {dates}"


def _short_delay(delay: DelayRule, days: int, text: str) -> list[Finding]:
    """Second convocation or urgency: one shorter delay, an error below it."""
    if days >= delay.jours_francs:
        return []
    message = f"Délai de convocation insuffisant : {text} ({delay.jours_francs} au moins, {delay.article})"
    return [finding("CONVOCATION_DELAY", "error", message, *_FIELDS)]


def _urgency_note(rule: ConvocationRule | None, urgency: DelayRule, days: int, text: str) -> list[Finding]:
    """Info when urgency is what makes a short delay lawful."""
    if rule is None or days >= rule.jours_francs:
        return []
    message = (
        f"Délai abrégé pour urgence : {text} ; le conseil doit se prononcer sur l'urgence en début de séance "
        f"({urgency.article})"
    )
    return [finding("CONVOCATION_DELAY", "info", message, *_FIELDS)]


def _ordinary_delay(rule: ConvocationRule | None, days: int, text: str) -> list[Finding]:
    """An error below the rule's floor, a warning between the floor and the full delay."""
    if rule is None or days >= rule.jours_francs:
        return []
    floor = rule.floor if rule.floor is not None else rule.jours_francs
    if days < floor:
        message = f"Délai de convocation insuffisant : {text} ({floor} jours francs au moins pour {rule.label}"
        return [finding("CONVOCATION_DELAY", "error", f"{message}, {rule.article})", *_FIELDS)]
    message = f"Délai de convocation de {text} : {rule.floor_note} ({rule.jours_francs} jours francs requis sinon"
    return [finding("CONVOCATION_DELAY", "warning", f"{message}, {rule.article})", *_FIELDS)]


def check_convocation_delay(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """Jours francs, convocation to session: 3 under 3 500 inhabitants, 5 from 3 500 and EPCI, 1 urgent."""
    sent, session = act.convocation_date, act.session_date
    if sent is None or session is None or sent >= session:
        return []
    days = jours_francs(sent, session)
    text = _delay_text(days, sent, session)
    delays = rules.convocation
    if act.context.second_convocation:
        return _short_delay(delays.second_convocation, days, text)
    rule = delays.rule_for(act.collectivity_kind, act.context.population)
    if act.context.urgency:
        return _short_delay(delays.urgency, days, text) or _urgency_note(rule, delays.urgency, days, text)
    return _ordinary_delay(rule, days, text)


def _order(
    before: tuple[str, dt.date | None],
    after: tuple[str, dt.date | None],
    fields: tuple[str, ...],
    *,
    strict: bool = False,
) -> list[Finding]:
    """An error when the event ``after`` precedes ``before`` (or falls on its day, when ``strict``)."""
    (first, start), (second, end) = before, after
    if start is None or end is None or end > start or (end == start and not strict):
        return []
    if end == start:
        message = f"{second.capitalize()} a lieu le jour même de {first} ({fr_date(end)})"
    else:
        message = f"{second.capitalize()} ({fr_date(end)}) précède {first} ({fr_date(start)})"
    return [finding("DATE_ORDER", "error", f"{message} (art. L2131-1 CGCT)", *fields)]


def check_date_order(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """Convocation < session ≤ sent ≤ received; publication ≥ session."""
    session = ("la séance", act.session_date)
    sent = ("l'envoi en préfecture", act.prefecture_sent_date)
    received = ("la réception en préfecture", act.prefecture_received_date)
    return [
        *_order(("la convocation", act.convocation_date), session, _FIELDS, strict=True),
        *_order(session, sent, ("session_date", "prefecture_sent_date")),
        *_order(sent, received, ("prefecture_sent_date", "prefecture_received_date")),
        *(_order(session, received, ("session_date", "prefecture_received_date")) if sent[1] is None else []),
        *_order(session, ("la publication", act.context.publication_date), ("session_date",)),
    ]


def check_transmission(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """A deliberation without transmission data (or with only a test stamp) is not shown to be executory."""
    if act.document_kind != "deliberation" or act.context.template:
        return []
    fields = ("prefecture_act_id", "prefecture_sent_date", "prefecture_received_date")
    if act.context.test_stamp:
        return [
            finding(
                "TRANSMISSION",
                "warning",
                "Tampon « Envoi simulé » : un essai de la plateforme, pas une "
                f"transmission en préfecture ; le caractère exécutoire n'est pas établi ({_EXECUTORY})",
                *fields,
            )
        ]
    if act.prefecture_act_id or act.prefecture_sent_date or act.prefecture_received_date:
        return []
    return [
        finding(
            "TRANSMISSION",
            "warning",
            "Aucune trace de transmission en préfecture (ni identifiant ACTES, "
            f"ni date d'envoi ou de réception) : le caractère exécutoire n'est pas établi ({_EXECUTORY})",
            *fields,
        )
    ]
