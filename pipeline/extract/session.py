"""Session-level fields: session and convocation dates, president, secretary, collectivity, body.

Labels are data in models/session.yaml. Dates are read wherever a label
announces one and the readings vote (weights per label), so an OCR slip in one
place ("Séance du {7 novembre") is outvoted by the others.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pipeline.config import load_rules
from pipeline.extract.dates import date_under_label, first_date_after, yearless_date_before
from pipeline.extract.found import Found
from pipeline.extract.names import ROLE_WORDS, clean_name, is_placeholder, unwrap_names
from pipeline.textutil import fold, fold_span

_NAME_END = re.compile(
    r"[,;(\n]|\s[–—-]\s|(?<![A-Z])\.(?=\s|$)|\s(?:s'est|s’est|a\s+ouvert|et\s+en\s+pr|est\s|qui\s)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class President:
    name: str
    role: str | None


@functools.cache
def _rules() -> dict[str, Any]:
    data = load_rules("session")
    compiled: dict[str, Any] = {}
    keys = ("session_date", "convocation_date", "display_date", "president", "president_before", "secretary_before",
            "secretary_after")  # fmt: skip
    for key in keys:
        compiled[key] = [(re.compile(item["pattern"]), item) for item in data[key]]
    compiled["collectivities"] = [
        (item["kind"], re.compile(r"(?<![a-z])" + item["pattern"])) for item in data["collectivities"]
    ]
    compiled["bodies"] = [
        (item["body"], item["kind"], re.compile(r"(?<![a-z])" + item["pattern"])) for item in data["bodies"]
    ]
    compiled["body_headings"] = [
        (item["body"], item["kind"], re.compile(r"(?:^|\n)[ \t#*|>]*(?:la\s+|le\s+)?(?P<body>" + item["pattern"] + ")"))
        for item in data["bodies"]
        if item.get("heading_wins")
    ]
    compiled["name_stop"] = re.compile(data["name_stop"])
    compiled["body_reference"] = re.compile(data["body_reference"]["pattern"])
    return compiled


def session_date(text: str, start: int, end: int, *, reference_year: int | None = None) -> Found[dt.date] | None:
    """The session date: every labelled reading votes with its label's weight."""
    return _voted_date(text, start, end, "session_date", reference_year)


def convocation_date(
    text: str, start: int, end: int, *, reference_year: int | None = None, session: dt.date | None = None
) -> Found[dt.date] | None:
    """The convocation's date; 'convoqué le huit novembre' with no year takes the session's year."""
    found = _voted_date(text, start, end, "convocation_date", reference_year)
    if found is not None or session is None:
        return found
    folded = fold_span(text, start, end)
    for pattern, item in _rules()["convocation_date"]:
        for match in pattern.finditer(folded):
            date = yearless_date_before(text, start + match.end(), session, within=int(item.get("within", 40)))
            if date is not None:
                return Found(date.value, start + match.start(), date.end, "convocation_date-yearless")
    return None


def display_date(text: str, start: int, end: int, *, reference_year: int | None = None) -> Found[dt.date] | None:
    return _voted_date(text, start, end, "display_date", reference_year)


def _voted_date(text: str, start: int, end: int, key: str, reference_year: int | None) -> Found[dt.date] | None:
    folded = fold_span(text, start, end)
    scores: dict[dt.date, float] = defaultdict(float)
    first: dict[dt.date, Found[dt.date]] = {}
    for pattern, item in _rules()[key]:
        for match in pattern.finditer(folded):
            label_start, label_end = start + match.start(), start + match.end()
            date = date_under_label(text, label_start, label_end, reference_year=reference_year)
            date = date or first_date_after(
                text, label_end, within=int(item.get("within", 40)), reference_year=reference_year
            )
            if date is None:
                continue
            scores[date.value] += float(item.get("weight", 1))
            found = Found(date.value, label_start, date.end, key, date.repaired_from)
            if date.value not in first or label_start < first[date.value].start:
                first[date.value] = found
    if not scores:
        return None
    best = max(scores, key=lambda value: (scores[value], -first[value].start))
    return first[best]


def president(text: str, start: int, end: int) -> Found[President] | None:
    """'sous la présidence de Monsieur André DESMEDT, Maire' → André DESMEDT (Maire)."""
    folded = fold_span(text, start, end)
    for pattern, _ in _rules()["president"]:
        for match in pattern.finditer(folded):
            name_start = start + match.end()
            found = _name_and_role(text, name_start, min(end, name_start + 160))
            if found:
                name, role, name_end = found
                return Found(President(name, role), start + match.start(), name_end, "president")
    return None


def item_president(text: str, start: int, end: int) -> Found[President] | None:
    """A president for one item: 'sous la présidence de …' or 'Martine préside pour ce point'."""
    return president(text, start, end) or president_named_before(text, start, end)


def president_named_before(text: str, start: int, end: int) -> Found[President] | None:
    """A name before its presidency: 'Martine préside pour ce point', 'M. X, Président, qui a présidé la séance'."""
    folded = fold_span(text, start, end)
    for pattern, _ in _rules()["president_before"]:
        for match in pattern.finditer(folded):
            name = _name_before(text, start + match.start())
            if name:
                return Found(President(name[0], None), name[1], start + match.end(), "item-president")
    return None


def _name_and_role(text: str, start: int, end: int) -> tuple[str, str | None, int] | None:
    segment = unwrap_names(text[start:end])
    generic = re.match(
        r"\s*(?:M\.|Monsieur|Madame|Mme)?\s*l[ea]\s+(Maire|Pr[ée]sidente?)\s*,\s*", segment, re.IGNORECASE
    )
    role: str | None = generic.group(1) if generic else None
    offset = generic.end() if generic else 0
    stop = _NAME_END.search(segment, offset)
    raw = segment[offset : stop.start() if stop else len(segment)]
    name = clean_name(raw)
    if name is None or is_placeholder(raw):
        return None
    tail = segment[stop.start() if stop else len(segment) :]
    role_match = re.match(rf"\s*[,–—-]?\s*((?:\d+\s*\S{{0,4}}\s+)?{ROLE_WORDS})", tail, re.IGNORECASE)
    if role is None and role_match:
        role = role_match.group(1)
    return name, _canonical_role(role), start + offset + len(raw.rstrip())


def _canonical_role(role: str | None) -> str | None:
    if not role:
        return None
    role = re.sub(r"\s+", " ", role.strip())
    return role[0].upper() + role[1:].lower() if role.isupper() else role[0].upper() + role[1:]


def secretary(text: str, start: int, end: int) -> Found[str] | None:
    """'Secrétaire de séance : X', 'X a été désigné pour remplir les fonctions de secrétaire'."""
    folded = fold_span(text, start, end)
    candidates: list[Found[str]] = []
    for pattern, _ in _rules()["secretary_after"]:
        for match in pattern.finditer(folded):
            name_start = start + match.end()
            found = _name_and_role(text, name_start, min(end, name_start + 120))
            if found:
                candidates.append(Found(found[0], start + match.start(), found[2], "secretary"))
    for pattern, _ in _rules()["secretary_before"]:
        for match in pattern.finditer(folded):
            name = _name_before(text, start + match.start())
            if name:
                candidates.append(Found(name[0], name[1], start + match.end(), "secretary"))
    return min(candidates, key=lambda found: found.start) if candidates else None


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """The name that ends at ``end``: back to the start of the clause ('candidature de', a line start)."""
    window_start = max(0, end - 120)
    window = text[window_start:end]
    cut = max(
        window.rfind("\n"),
        window.rfind(". "),
        window.rfind(";"),
        *(m.end() - 1 for m in re.finditer(r"(?:candidature\s+de|propose|désigne|nomme)\s", window, re.IGNORECASE)),
    )
    raw = window[cut + 1 :]
    name = clean_name(raw)
    return (name, window_start + cut + 1) if name else None


def collectivity(text: str, start: int, end: int, *, body_kind: str | None = None) -> Found[tuple[str, str]] | None:
    """The collectivity the header names: ('Haveluy', 'commune'), ("Campagnes de l'Artois", 'epci').

    A "Département du Nord" line on a commune's record is its location, not its author: a
    designation counts first when its kind agrees with the body that deliberates.
    """
    folded = fold_span(text, start, end)
    found: list[Found[tuple[str, str]]] = []
    for kind, pattern in _rules()["collectivities"]:
        for match in pattern.finditer(folded):
            name = _collectivity_name(text, start + match.start("name"), start + match.end("name"))
            if name:
                found.append(Found((name, kind), start + match.start(), start + match.end("name"), "collectivity"))
    if not found:
        return None
    agreeing = [item for item in found if body_kind is not None and item.value[1] == body_kind]
    located = [
        item for item in found if item.value[1] not in ("departement", "region") or body_kind in (item.value[1], None)
    ]
    pool = agreeing or located
    return min(pool, key=lambda item: item.start) if pool else None


def _collectivity_name(text: str, start: int, end: int) -> str | None:
    raw = text[start:end]
    stop = _rules()["name_stop"].search(fold(raw))
    raw = raw[: stop.start()] if stop else raw
    raw = _capitalised_words(re.sub(r"\s+", " ", raw)).strip(" -–—:'’")
    if not raw or is_placeholder(raw) or not raw[:1].isupper() or len(raw.split()) > 8:
        return None
    if re.search(r"\d", raw):
        return None
    return _display_case(raw)


_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "et", "sur", "sous", "en", "lès", "lez", "aux", "à"})


def _capitalised_words(name: str) -> str:
    """A name runs on while its words are capitalised or particles: 'Brémoncourt-sur-Marne souhaite
    également' → 'Brémoncourt-sur-Marne' (the prose after a 'commune de X' is not part of it)."""
    words = name.split(" ")
    capitals = len(words[0]) > 2 and words[0].isupper()  # 'MAZEIRAT-LA-FEUILLADE Courrier': a stamp word
    for index, word in enumerate(words):
        bare = re.sub(r"^[dl]['’]", "", word)
        if word.lower() in _PARTICLES:
            continue
        if bare[:1].islower() or (capitals and index and not bare.isupper()):
            kept = words[:index]
            while kept and kept[-1].lower() in _PARTICLES:
                kept.pop()
            return " ".join(kept)
    return name


def _display_case(name: str) -> str:
    """'HAVELUY' → 'Haveluy'; mixed-case names are kept as written."""
    if not name.isupper():
        return name
    small = {"de", "du", "des", "la", "le", "les", "et", "sur", "sous", "en", "d", "l"}
    words = re.split(r"([\s'’-])", name.lower())
    result = []
    for index, word in enumerate(words):
        if word in _ACRONYMS:
            result.append(word.upper())  # 'SIVU SCOLAIRE DU LEMBOULAS' → 'SIVU Scolaire du Lemboulas'
        else:
            result.append(word if (word in small and index > 0) else word[:1].upper() + word[1:])
    return "".join(result)


#: Acronyms that name a body and stay in capitals in a name.
_ACRONYMS = frozenset(
    {"sivu", "sivom", "sivos", "smictom", "sictom", "smirtom", "siaep", "siea", "sidec", "syded", "sydom", "petr"}
    | {"ccas", "cias", "sdis"}
)


def body(text: str, start: int, end: int) -> Found[tuple[str, str]] | None:
    """The deliberating body ('conseil municipal', 'commune') first named in the span; a body of a
    council ('COMMISSION PERMANENTE', 'Bureau communautaire') heading a line wins over its council
    named before it in the letterhead."""
    folded = fold_span(text, start, end)
    best: Found[tuple[str, str]] | None = None
    for name, kind, pattern in _rules()["bodies"]:
        match = next((m for m in pattern.finditer(folded) if not _names_another_act(folded, m.start())), None)
        if match and (best is None or start + match.start() < best.start):
            best = Found((name, kind), start + match.start(), start + match.end(), "body")
    for name, kind, heading in _rules()["body_headings"]:
        match = heading.search(folded)
        if match:
            return Found((name, kind), start + match.start("body"), start + match.end("body"), "body-heading")
    return best


def _names_another_act(folded: str, position: int) -> bool:
    """A body named as the author of another act ('par délibération du Comité syndical du 3 avril')."""
    return bool(_rules()["body_reference"].search(folded, max(0, position - 60), position))


_COMMUNE_MENTION = re.compile(
    r"(?<![A-Za-zÀ-ÿ])(?:[Ll]a\s+[Cc]ommune|COMMUNE)\s+(?:de\s+|d['’]\s*)(?P<name>[A-ZÀ-Ý][\wÀ-ÿ'’-]*(?:\s+(?:(?:de|du|des|la|le|les|sur|sous|en|lès|aux)\s+)?[A-ZÀ-Ý][\wÀ-ÿ'’-]*)*)"
)


def commune_mentions(text: str) -> list[tuple[str, int, int]]:
    """Every 'commune de X' with a capitalised name: (name, start, end)."""
    found = []
    for match in _COMMUNE_MENTION.finditer(text):
        name = _collectivity_name(text, match.start("name"), match.end("name"))
        if name:
            found.append((name, match.start(), match.end()))
    return found
