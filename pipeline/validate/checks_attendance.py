"""Attendance checks: QUORUM, QUORUM_COVID, COUNT_VOTANTS, COUNT_MEMBERS, SECRETARY."""

from __future__ import annotations

from fractions import Fraction

from pipeline.records import ActRecord, Finding, Severity
from pipeline.validate.common import (
    finding,
    fr_date,
    lists_extracted,
    moved_note,
    president_unlisted,
    proxies_known,
    session_mentioned,
    statuses_of,
    substitutes,
)
from pipeline.validate.names import name_key
from pipeline.validate.rules import LegalRules

_COUNTS = ("members_present", "members_in_office")


def _present(act: ActRecord) -> int | None:
    """Members present for the quorum: the stated number plus EPCI substitutes."""
    return None if act.members_present is None else act.members_present + substitutes(act)


def _reaches(present: int, in_office: int, fraction: Fraction, *, strict: bool) -> bool:
    return present > in_office * fraction if strict else present >= in_office * fraction


def _with_substitutes(act: ActRecord) -> str:
    count = substitutes(act)
    return f" (dont {count} suppléant{'s' if count > 1 else ''})" if count else ""


def check_quorum(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """Present (substitutes included, proxies not) must exceed half the members in office."""
    present, in_office = _present(act), act.members_in_office
    if act.context.second_convocation or rules.covid_window(act.session_date) or not in_office:
        return []
    quorum = rules.quorum
    if present is None or _reaches(present, in_office, quorum.fraction, strict=quorum.strict):
        return []
    article = quorum.article(act.collectivity_kind)
    message = (
        f"Quorum non atteint : {present} présents{_with_substitutes(act)} pour {in_office} membres "
        f"en exercice (plus de la moitié requise, {article})"
    )
    lowest = min((window.quorum_fraction for window in rules.covid_windows), default=quorum.fraction)
    if act.session_date is None and _reaches(present, in_office, lowest, strict=False):
        return [
            finding(
                "QUORUM",
                "warning",
                message + " ; date de séance inconnue : le quorum dérogatoire "
                "d'un tiers (état d'urgence sanitaire) pourrait s'appliquer",
                *_COUNTS,
            )
        ]
    for extra, doubt in _quorum_doubts(act, present):
        if _reaches(present + extra, in_office, quorum.fraction, strict=quorum.strict):
            return [finding("QUORUM", "warning", f"{message} ; {doubt}", *_COUNTS)]
    return [finding("QUORUM", "error", message, *_COUNTS)]


def _quorum_doubts(act: ActRecord, present: int) -> list[tuple[int, str]]:
    """Members the stated count may leave out, and why: an unlisted president, uncounted EPCI substitutes."""
    doubts = []
    if president_unlisted(act):
        doubts.append((1, "le président, absent des listes, manque peut-être au décompte"))
    proxies = proxies_known(act)
    no_substitutes = act.context.substitutes_count is None and not substitutes(act)
    if act.collectivity_kind in ("epci", "syndicat") and no_substitutes and act.members_voting and proxies is not None:
        seated = act.members_voting - proxies - present
        if seated > 0:
            doubts.append((seated, f"les votants laissent supposer {seated} suppléants présents non décomptés"))
    return doubts


def check_quorum_covid(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """Inside a COVID window: one third of the members in office present."""
    window = rules.covid_window(act.session_date)
    present, in_office = _present(act), act.members_in_office
    if window is None or act.session_date is None or act.context.second_convocation:
        return []
    if present is None or not in_office:
        return []
    sources = ", ".join(window.sources)
    day = fr_date(act.session_date)
    if _reaches(present, in_office, window.quorum_fraction, strict=False):
        if _reaches(present, in_office, rules.quorum.fraction, strict=rules.quorum.strict):
            return []
        return [
            finding(
                "QUORUM_COVID",
                "info",
                f"Quorum dérogatoire d'un tiers atteint le {day} : {present} "
                f"présents pour {in_office} membres en exercice ({sources})",
                *_COUNTS,
            )
        ]
    message = (
        f"Quorum dérogatoire non atteint le {day} : {present} présents{_with_substitutes(act)} pour "
        f"{in_office} membres en exercice (un tiers requis, {sources})"
    )
    represented = present + (proxies_known(act) or 0)
    if _reaches(represented, in_office, window.quorum_fraction, strict=False):
        return [
            finding(
                "QUORUM_COVID",
                "warning",
                message + f" ; atteint si l'on compte les {represented} "
                "présents ou représentés, comme certains textes de la période",
                *_COUNTS,
            )
        ]
    return [finding("QUORUM_COVID", "error", message, *_COUNTS)]


def check_count_votants(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """Voting = present + proxies (+ EPCI substitutes); a warning when the text explains a difference."""
    voting, present, proxies = act.members_voting, act.members_present, proxies_known(act)
    if voting is None or present is None or proxies is None:
        return []
    expected = present + proxies
    if voting in (expected, expected + substitutes(act)):
        return []
    message = f"Votants ({voting}) ≠ présents ({present}) + pouvoirs ({proxies}) = {expected}"
    if substitutes(act):
        message += f" (ou {expected + substitutes(act)} avec les suppléants)"
    context = act.context
    fields = ("members_voting", "members_present", "proxies_count")
    if context.departures_mentioned or context.non_voting_mentioned:
        reason = "des arrivées ou départs" if context.departures_mentioned else "des élus ne prenant pas part au vote"
        return [finding("COUNT_VOTANTS", "warning", f"{message} ; le document mentionne {reason}", *fields)]
    doubt = _votants_doubt(act, voting - expected)
    if doubt:
        return [finding("COUNT_VOTANTS", "warning", f"{message} ; {doubt}", *fields)]
    return [finding("COUNT_VOTANTS", "error", message, *fields)]


def _votants_doubt(act: ActRecord, surplus: int) -> str | None:
    """Why more voters than present + proxies may still be right, if the record leaves room for it."""
    if surplus == 1 and president_unlisted(act):
        return "le président manque peut-être au décompte des présents"
    no_substitutes = act.context.substitutes_count is None and not substitutes(act)
    if surplus > 0 and act.collectivity_kind in ("epci", "syndicat") and no_substitutes:
        return "des suppléants, non décomptés dans le document lu, siègent peut-être"
    return None


def _stated_counts(act: ActRecord) -> list[Finding]:
    in_office, present, voting = act.members_in_office, act.members_present, act.members_voting
    if in_office is None:
        return []
    found = []
    for label, field, value in (
        ("Présents", "members_present", present),
        ("Votants", "members_voting", voting),
    ):
        if value is not None and value > in_office:
            found.append(
                finding(
                    "COUNT_MEMBERS",
                    "error",
                    f"{label} ({value}) plus nombreux que les membres en exercice ({in_office})",
                    field,
                    "members_in_office",
                )
            )
    proxies = proxies_known(act)
    if found or present is None or proxies is None or present + proxies <= in_office:
        return found
    severity: Severity = "warning" if act.context.departures_mentioned else "error"
    return [
        finding(
            "COUNT_MEMBERS",
            severity,
            f"Présents ({present}) + pouvoirs ({proxies}) = {present + proxies} "
            f"dépassent les membres en exercice ({in_office}) : un pouvoir vient d'un membre absent",
            "members_present",
            "proxies_count",
            "members_in_office",
        )
    ]


def _listed_counts(act: ActRecord) -> list[Finding]:
    found = []
    if act.proxies and act.proxies_count is not None and len(act.proxies) != act.proxies_count:
        found.append(
            finding(
                "COUNT_MEMBERS",
                "warning",
                f"{len(act.proxies)} pouvoirs listés pour {act.proxies_count} annoncés",
                "proxies",
                "proxies_count",
            )
        )
    if not lists_extracted(act):
        return found
    members = act.context.members
    listed = sum(member.status == "present" for member in members)
    sitting = sum(member.status == "substitute" for member in members)
    extra = 1 if president_unlisted(act) else 0
    stated = act.members_present
    if stated is not None and stated not in {
        listed,
        listed + sitting,
        listed + extra,
        listed + sitting + extra,
    }:
        found.append(
            finding(
                "COUNT_MEMBERS",
                "warning",
                f"{listed} présents listés pour {stated} annoncés{moved_note(act)}",
                "members_present",
            )
        )
    names = {name_key(member.name).words for member in members if member.status != "substitute"}
    in_office = act.members_in_office
    if in_office is not None and len(names) > in_office:
        found.append(
            finding(
                "COUNT_MEMBERS",
                "warning",
                f"{len(names)} élus nommés dans les listes pour {in_office} membres en exercice",
                "members_in_office",
            )
        )
    return found


def check_count_members(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """Present and voting ≤ in office (error); listed names agree with the stated counts (warning)."""
    return [*_stated_counts(act), *_listed_counts(act)]


def check_secretary(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """A session secretary is named and is not listed as absent (warnings)."""
    if act.document_kind != "deliberation" or act.context.template or not session_mentioned(act):
        return []
    if act.collectivity_kind in ("departement", "region"):
        return []
    if act.secretary is None:
        return [
            finding(
                "SECRETARY",
                "warning",
                "Aucun secrétaire de séance n'est nommé (art. L2121-15 CGCT)",
                "secretary",
            )
        ]
    statuses = statuses_of(act.secretary, act)
    if statuses and not statuses & {"present", "substitute"}:
        return [
            finding(
                "SECRETARY",
                "warning",
                f"Le secrétaire de séance {act.secretary} figure parmi les absents (art. L2121-15 CGCT)",
                "secretary",
            )
        ]
    return []
