"""Proxy checks (art. L2121-20 CGCT): PROXY_MAX, PROXY_HOLDER_PRESENT, PROXY_GIVER_ABSENT."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.records import ActRecord, Finding, Proxy, Severity
from pipeline.validate.common import finding, lists_extracted, moved_note, statuses_of
from pipeline.validate.names import NameKey, match, name_key, resolve
from pipeline.validate.rules import LegalRules

_ARTICLE = "art. L2121-20 CGCT"
_PRESENT = {"present", "substitute"}


@dataclass
class _Holder:
    """The proxies held by one person, and whether all names matched fully."""

    name: str
    key: NameKey
    givers: list[str] = field(default_factory=list)
    certain: bool = True


def _unique(proxies: list[Proxy]) -> list[Proxy]:
    """The proxies with repeats (the same giver and holder read twice) removed."""
    seen: list[tuple[NameKey, NameKey]] = []
    kept = []
    for proxy in proxies:
        pair = (name_key(proxy.giver), name_key(proxy.holder))
        if not any(match(pair[0], old[0]) == "full" and match(pair[1], old[1]) == "full" for old in seen):
            seen.append(pair)
            kept.append(proxy)
    return kept


def _people(act: ActRecord) -> list[str]:
    """Everyone the attendance lists and the president's mention name."""
    return [member.name for member in act.context.members] + ([act.president] if act.president else [])


def _holders(proxies: list[Proxy], people: list[str]) -> list[_Holder]:
    """Proxies grouped by holder; a surname-only grouping is certain when the lists name one such person."""
    holders: list[_Holder] = []
    for proxy in _unique(proxies):
        key = name_key(proxy.holder)
        matches = [(holder, match(key, holder.key)) for holder in holders]
        found = [(holder, strength) for holder, strength in matches if strength is not None]
        if not found:
            holders.append(_Holder(name=proxy.holder, key=key, givers=[proxy.giver]))
            continue
        holder, strength = found[0]
        holder.givers.append(proxy.giver)
        person = resolve(proxy.holder, people)
        same = strength == "full" or (person is not None and person == resolve(holder.name, people))
        holder.certain = holder.certain and same and len(found) == 1
    return holders


def check_proxy_max(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """A member holds at most one proxy (two inside the COVID windows)."""
    limit = rules.max_proxies(act.session_date)
    window = rules.covid_window(act.session_date)
    rule = (
        f"{limit} au plus pendant l'état d'urgence sanitaire, {window.sources[0]}"
        if window
        else (f"un seul permis, {_ARTICLE}")
    )
    found = []
    for holder in _holders(act.proxies, _people(act)):
        if len(holder.givers) <= limit:
            continue
        severity: Severity = "error" if holder.certain else "warning"
        doubt = "" if holder.certain else " (noms rapprochés sur le seul nom de famille : à vérifier)"
        found.append(
            finding(
                "PROXY_MAX",
                severity,
                f"{holder.name} détient {len(holder.givers)} pouvoirs (de {', '.join(holder.givers)}) : {rule}{doubt}",
                "proxies",
            )
        )
    return found


def check_proxy_holder_present(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """The holder of a proxy is present (from the attendance lists; silent without them)."""
    if not lists_extracted(act):
        return []
    found = []
    for proxy in _unique(act.proxies):
        statuses = statuses_of(proxy.holder, act)
        if not statuses:
            found.append(
                finding(
                    "PROXY_HOLDER_PRESENT",
                    "info",
                    f"Le porteur du pouvoir de {proxy.giver}, "
                    f"{proxy.holder}, n'a pas été retrouvé dans les listes : non vérifiable",
                    "proxies",
                )
            )
        elif not statuses & _PRESENT:
            severity: Severity = "warning" if act.context.departures_mentioned else "error"
            found.append(
                finding(
                    "PROXY_HOLDER_PRESENT",
                    severity,
                    f"{proxy.holder}, porteur du pouvoir de {proxy.giver}, figure parmi les absents ({_ARTICLE})"
                    + moved_note(act),
                    "proxies",
                )
            )
    return found


def check_proxy_giver_absent(act: ActRecord, rules: LegalRules) -> list[Finding]:
    """The giver of a proxy is absent and is not its holder."""
    found = []
    for proxy in _unique(act.proxies):
        if match(proxy.giver, proxy.holder) == "full":
            found.append(
                finding(
                    "PROXY_GIVER_ABSENT",
                    "error",
                    f"{proxy.giver} se donne pouvoir à lui-même ({_ARTICLE})",
                    "proxies",
                )
            )
            continue
        if not lists_extracted(act):
            continue
        statuses = statuses_of(proxy.giver, act)
        if statuses and statuses <= _PRESENT:
            severity: Severity = "warning" if act.context.departures_mentioned else "error"
            found.append(
                finding(
                    "PROXY_GIVER_ABSENT",
                    severity,
                    f"{proxy.giver} donne pouvoir à {proxy.holder} mais figure parmi les présents ({_ARTICLE})"
                    + moved_note(act),
                    "proxies",
                )
            )
    return found
