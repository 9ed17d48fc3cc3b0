"""Completing the parties a reader found: the collectivity's own signatory, a partner's representative
given elsewhere in the act, a partner named only in the title or as an organisation, a name written in
full further on ('le SDIS' → 'SDIS de la Drôme'). Used by :mod:`pipeline.extract.parties`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.found import Found
from pipeline.extract.names import clean_name
from pipeline.extract.party_text import SELF_KIND, party_name, representative_after, rules
from pipeline.records import Party
from pipeline.textutil import fold, fold_span


@dataclass(frozen=True)
class SelfParty:
    """The collectivity itself, as a party: its name and its signatory if known."""

    name: str | None
    president: str | None
    president_role: str | None


def named_in_full(party: Party, text: str, span: tuple[int, int], own: SelfParty) -> Party:
    """'le SDIS' → 'SDIS de la Drôme' when the act writes it so; 'le Département' → the collectivity."""
    name = party.name or ""
    if SELF_KIND.fullmatch(fold(name)) and own.name:
        return party.model_copy(update={"name": own.name})
    return party.model_copy(update={"name": longest_mention(text, span, name)})


def is_own(name: str | None, own: SelfParty) -> bool:
    """Is ``name`` the collectivity itself: its name, or its kind then its name ('Communauté de communes X')?"""
    if not name or not own.name:
        return False
    folded, own_name = fold(name).strip(), fold(own.name).strip()
    if folded == own_name:
        return True
    prefix = folded[: -len(own_name)] if folded.endswith(own_name) else None
    if prefix is None:
        return False
    prefix = re.sub(r"\s+(?:de\s+la|de\s+l.|du|des|de|d.)\s*$", "", prefix.strip())
    return SELF_KIND.fullmatch(prefix) is not None


def with_own_signatory(
    found: Found[list[Party]], text: str, spans: list[tuple[int, int]], own: SelfParty
) -> Found[list[Party]]:
    """The collectivity named without its representative in ENTRE … ET, whose president the act
    authorises to sign ('AUTORISE M. le Maire à signer ladite convention')."""
    unrepresented = [party for party in found.value if party.representative is None and is_own(party.name, own)]
    if not unrepresented:
        return found
    signs = next((m for start, end in spans if (m := rules()["signs_it"].search(fold_span(text, start, end)))), None)
    if signs is None:
        return found
    signed = [
        _signed_for(own, party, signs.group("signatory")) if party in unrepresented else party for party in found.value
    ]
    return Found(signed, found.start, found.end, found.method + "+signatory")


def with_designated_signatory(
    found: Found[list[Party]], text: str, spans: list[tuple[int, int]], own: SelfParty
) -> Found[list[Party]]:
    """The collectivity still without its representative, whose signatory the act designates by name
    ('DÉSIGNE Mme Marie-Josée ALFONSI, première adjointe, pour signer le bail au nom de la commune')."""
    unrepresented = [party for party in found.value if party.representative is None and is_own(party.name, own)]
    if not unrepresented:
        return found
    for start, end in spans:
        match = rules()["designated_signatory"].search(fold_span(text, start, end))
        representative = clean_name(text[start + match.start("who") : start + match.end("who")]) if match else None
        if match and representative:
            role = re.sub(r"\s+", " ", text[start + match.start("role") : start + match.end("role")]).strip()
            signed = [
                party.model_copy(update={"representative": representative, "role": role})
                if party in unrepresented
                else party
                for party in found.value
            ]
            return Found(signed, found.start, found.end, found.method + "+designated")
    return found


def with_title_partner(found: Found[list[Party]], title: str | None, own: SelfParty) -> Found[list[Party]]:
    """'approuve la convention … et autorise le maire à la signer' names no partner; a title
    'CONVENTION DE DÉNEIGEMENT AVEC LE GAEC DU PUY GRIOU' does."""
    if not title or any(party.name != own.name for party in found.value):
        return found
    match = rules()["with_partner"].search(fold(title))
    if match is None:
        return found
    raw = title[match.start("partner") : match.end("partner")]
    stop = rules()["partner_stop"].search(fold(raw))
    name = party_name(raw[: stop.start()] if stop else raw)
    if name is None:
        return found
    return Found([Party(name=name), *found.value], found.start, found.end, found.method + "+title")


def with_representatives(found: Found[list[Party]], text: str, spans: list[tuple[int, int]]) -> Found[list[Party]]:
    """A partner named without its representative, who is given elsewhere in the act:
    'Le GAEC des Trois Sapins, représenté par M. Thibaut JEUNET-MOREL, son gérant, propose …'."""
    parties = []
    for party in found.value:
        if party.name and party.representative is None:
            represented = _represented_mention(text, spans, party.name)
            if represented is not None:
                representative, role = representative_after(text[represented : represented + 200])
                party = party.model_copy(update={"representative": representative, "role": role or party.role})
        parties.append(party)
    return Found(parties, found.start, found.end, found.method)


def _represented_mention(text: str, spans: list[tuple[int, int]], name: str) -> int | None:
    """Where the representative starts after '<name>, représenté(e) par' in the act, or None; an apposition
    may stand between them ('ENEDIS, société anonyme à directoire …, représentée par M. X')."""
    pattern = re.compile(
        re.escape(fold(name)) + r"\s*,?\s*(?:[^.;()\n]{1,100}?,\s*)?" + rules()["represented_by"].pattern
    )
    for start, end in spans:
        match = pattern.search(fold_span(text, start, end))
        if match:
            return start + match.end()
    return None


def with_organisation(
    found: Found[list[Party]], text: str, span: tuple[int, int], own: SelfParty
) -> Found[list[Party]]:
    """'Autorise le Maire à signer la convention' with no partner named: the body the item names
    ('le centre de gestion du Gard', 'l'association X'), if it names one."""
    if any(party.name != own.name for party in found.value):
        return found
    candidates = [m for pattern in rules()["organisations"] for m in pattern.finditer(text, *span)]
    if not candidates:
        return found
    first = min(candidates, key=lambda match: match.start())
    name = party_name(first.group(0))
    if name is None:
        return found
    return Found([Party(name=name), *found.value], found.start, found.end, found.method + "+organisation")


def longest_mention(text: str, act: tuple[int, int], name: str) -> str:
    """'le centre de gestion' → 'centre de gestion du Gard', 'la communauté de communes' → 'communauté de
    communes Volp-Arize' when the act also writes it so."""
    pattern = re.compile(
        "(?i:" + re.escape(name) + r")(?:(?i:\s+(?:du|de\s+la|de\s+l['’]|des|de)\s+[A-ZÀ-Ý][\wÀ-ÿ-]+)"
        r"|[ \t]+(?!(?:Monsieur|Madame|Mme|M\.|Le|La|Les)\b)[A-ZÀ-Ý][\wÀ-ÿ-]+)"
    )
    longer = pattern.search(text, act[0], act[1])
    return longer.group(0) if longer else name


def self_party(own: SelfParty, name: str | None, signatory: str | None) -> Party:
    """The collectivity; its president represents it when he is the one authorised to sign."""
    role = own.president_role or ""
    same = bool(signatory and own.president and fold(role)[:5] == fold(signatory)[:5])
    return Party(name=name, representative=own.president if same else None, role=role_label(role) if same else None)


def _signed_for(own: SelfParty, party: Party, signatory: str) -> Party:
    """The collectivity's party with its president as representative; a fuller role the convention gives
    ('représenté par la Présidente du Conseil départemental') is kept."""
    signed = self_party(own, party.name, signatory)
    if signed.representative and party.role and fold(party.role).startswith(fold(signed.role or "")):
        return signed.model_copy(update={"role": party.role})
    return signed


def role_label(role: str) -> str:
    return role[:1].upper() + role[1:]
