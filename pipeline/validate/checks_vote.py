"""Vote checks: VOTE_SUM (art. L2121-20 CGCT) and VOTE_UNANIMITY."""

from __future__ import annotations

from pipeline.records import ActRecord, Finding, Severity
from pipeline.validate.common import finding, proxies_known, substitutes
from pipeline.validate.rules import LegalRules

_ARTICLE = "art. L2121-20 CGCT"
_VOTE = ("vote",)


def _ceiling(act: ActRecord) -> tuple[int, str] | None:
    """Most votes that can be cast: the voters stated, else present + substitutes + proxies."""
    if act.members_voting is not None:
        return act.members_voting, "votants"
    proxies = proxies_known(act)
    if act.members_present is None or proxies is None:
        return None
    if act.context.departures_mentioned or act.context.non_voting_mentioned:
        return None
    return act.members_present + substitutes(act) + proxies, "présents et représentés"


def _sum_findings(act: ActRecord) -> list[Finding]:
    vote = act.vote
    cast = [value for value in (vote.for_, vote.against, vote.abstention) if value is not None]
    ceiling = _ceiling(act)
    if not cast or ceiling is None or sum(cast) <= ceiling[0]:
        return []
    limit, label = ceiling
    moved = act.context.departures_mentioned or act.context.non_voting_mentioned
    severity: Severity = "error" if label == "votants" and not moved else "warning"
    message = (
        f"Pour ({vote.for_ if vote.for_ is not None else '?'}) + contre ({vote.against or 0}) + abstentions "
        f"({vote.abstention or 0}) = {sum(cast)} dépassent les {limit} {label}"
        + (" (des arrivées, départs ou non-participations sont mentionnés)" if moved else "")
    )
    return [finding("VOTE_SUM", severity, message, "vote", "members_voting")]


def _bounds(known: int | None, others: int, voting: int | None) -> tuple[int, int | None]:
    """Lowest and highest possible value of a vote count, given the other counts and the voters."""
    if known is not None:
        return known, known
    return 0, None if voting is None else max(voting - others, 0)


def _shown(count: int | None) -> str:
    return "?" if count is None else str(count)


def _outcome_findings(act: ActRecord) -> list[Finding]:
    vote, voting = act.vote, act.members_voting
    if vote.outcome is None or (vote.for_ is None and vote.against is None):
        return []
    abstention = vote.abstention or 0
    for_low, for_high = _bounds(vote.for_, (vote.against or 0) + abstention, voting)
    against_low, against_high = _bounds(vote.against, (vote.for_ or 0) + abstention, voting)
    counts = f"{_shown(vote.for_)} pour, {_shown(vote.against)} contre"
    if vote.outcome == "adopted" and for_high is not None and for_high < against_low:
        return [
            finding(
                "VOTE_SUM",
                "error",
                f"Délibération dite adoptée avec {counts} : la majorité des suffrages "
                f"exprimés est requise ({_ARTICLE})",
                *_VOTE,
            )
        ]
    if vote.outcome == "rejected" and against_high is not None and for_low > against_high:
        return [finding("VOTE_SUM", "error", f"Délibération dite rejetée avec {counts} ({_ARTICLE})", *_VOTE)]
    if vote.for_ is not None and vote.for_ == vote.against:
        if act.context.secret_ballot and vote.outcome == "adopted":
            return [
                finding(
                    "VOTE_SUM",
                    "error",
                    f"Partage des voix ({counts}) au scrutin secret : la proposition "
                    f"est rejetée, la voix du président n'est pas prépondérante ({_ARTICLE})",
                    *_VOTE,
                )
            ]
        if not act.context.secret_ballot:
            return [
                finding(
                    "VOTE_SUM",
                    "info",
                    f"Partage des voix ({counts}) : la voix du président est prépondérante ({_ARTICLE})",
                    *_VOTE,
                )
            ]
    return []


def check_vote_sum(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """For + against + abstention ≤ voting; adopted iff for > against (a tie: the president decides)."""
    return [*_sum_findings(act), *_outcome_findings(act)]


def check_vote_unanimity(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """A unanimous vote has no vote against (abstentions allowed); a unanimous rejection no vote for."""
    vote = act.vote
    if vote.unanimous is not True:
        return []
    against, for_ = vote.against or 0, vote.for_ or 0
    if vote.outcome == "rejected" and for_ > 0:
        return [finding("VOTE_UNANIMITY", "error", f"Rejet « à l'unanimité » mais {for_} voix pour", *_VOTE)]
    if vote.outcome != "rejected" and against > 0 and (vote.outcome == "adopted" or for_ > 0):
        return [
            finding(
                "VOTE_UNANIMITY",
                "error",
                f"Vote « à l'unanimité » mais {against} voix contre "
                "(les abstentions seules sont compatibles avec l'unanimité)",
                *_VOTE,
            )
        ]
    return []
