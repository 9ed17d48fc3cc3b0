"""Convention parties: who signs with whom, with representatives and roles.

1. A convention's "ENTRE … représentée par X, Président … ET …" blocks.
2. Otherwise an authorisation to sign ("autorise Monsieur le Maire à signer la
   convention … avec <partner>"): the partner, and the collectivity itself with
   the session's president as representative when he is the signatory.
3. Otherwise, for an item about a convention, the organisation it names
   ("l'association CHAVAMIEUX", "le centre de gestion du Gard", "GRDF").
Placeholders ("XXXXXX") are never names. Patterns: models/parties.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.between import between_blocks, between_clause
from pipeline.extract.found import Found
from pipeline.extract.nlp import organisations_in
from pipeline.extract.party_text import SELF_KIND, party_name, representative_after, rules
from pipeline.records import Party
from pipeline.textutil import fold, fold_span, match_key


@dataclass(frozen=True)
class SelfParty:
    """The collectivity itself, as a party: its name and its signatory if known."""

    name: str | None
    president: str | None
    president_role: str | None


def convention_parties(
    text: str, spans: list[tuple[int, int]], title: str | None, own: SelfParty
) -> Found[list[Party]] | None:
    """The parties of the act whose text is ``spans`` (the item and its annexes)."""
    for start, end in spans:
        block = between_blocks(text, start, end) or between_clause(text, start, end)
        if block:
            return _with_own_signatory(block, text, spans, own)
    for start, end in spans:
        named = between_clause(text, start, end, named_convention=True)
        if named:  # 'la convention … entre le Département et le SDIS': names as the act writes them in full
            full = [_named_in_full(party, text, (start, end), own) for party in named.value]
            return _with_own_signatory(Found(full, named.start, named.end, named.method), text, spans, own)
    for start, end in spans:
        authorised = _authorised(text, start, end, own)
        if authorised:
            completed = _with_organisation(_with_title_partner(authorised, title, own), text, (start, end), own)
            return _with_representatives(completed, text, spans) if len(completed.value) > 1 else None
    for start, end in spans:
        represented = _represented_parties(text, start, end)
        if represented:
            return represented
    if title and rules()["convention_word"].search(fold(title)):
        return _named_organisation(text, spans[0], title, own)
    return None


def _named_in_full(party: Party, text: str, span: tuple[int, int], own: SelfParty) -> Party:
    """'le SDIS' → 'SDIS de la Drôme' when the act writes it so; 'le Département' → the collectivity."""
    name = party.name or ""
    if SELF_KIND.fullmatch(fold(name)) and own.name:
        return party.model_copy(update={"name": own.name})
    return party.model_copy(update={"name": _longest_mention(text, span, name)})


def _is_own(name: str | None, own: SelfParty) -> bool:
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


def _with_own_signatory(
    found: Found[list[Party]], text: str, spans: list[tuple[int, int]], own: SelfParty
) -> Found[list[Party]]:
    """The collectivity named without its representative in ENTRE … ET, whose president the act
    authorises to sign ('AUTORISE M. le Maire à signer ladite convention')."""
    unrepresented = [party for party in found.value if party.representative is None and _is_own(party.name, own)]
    if not unrepresented:
        return found
    signs = next((m for start, end in spans if (m := rules()["signs_it"].search(fold_span(text, start, end)))), None)
    if signs is None:
        return found
    signed = [
        _self_party(own, party.name, signs.group("signatory")) if party in unrepresented else party
        for party in found.value
    ]
    return Found(signed, found.start, found.end, found.method + "+signatory")


def _with_title_partner(found: Found[list[Party]], title: str | None, own: SelfParty) -> Found[list[Party]]:
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


def _with_representatives(found: Found[list[Party]], text: str, spans: list[tuple[int, int]]) -> Found[list[Party]]:
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
    """Where the representative starts after '<name>, représenté(e) par' in the act, or None."""
    pattern = re.compile(re.escape(fold(name)) + r"\s*,?\s*" + rules()["represented_by"].pattern)
    for start, end in spans:
        match = pattern.search(fold_span(text, start, end))
        if match:
            return start + match.end()
    return None


def _with_organisation(
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


def _represented_parties(text: str, start: int, end: int) -> Found[list[Party]] | None:
    """A contract without ENTRE/ET: each paragraph naming a body 'représenté(e) par X, Gérant' is a party,
    named by the paragraph's first line ('Commune de …', 'SARL …')."""
    folded = fold_span(text, start, end)
    parties = []
    first = last = None
    for match in rules()["represented_by"].finditer(folded):
        paragraph = folded.rfind("\n\n", 0, match.start())
        name_line = text[start + paragraph + 2 if paragraph >= 0 else start :].split("\n", 1)[0]
        if match.start() - (paragraph + 2) > 400:
            continue
        representative, role = representative_after(text[start + match.end() : start + match.end() + 200])
        party = Party(name=party_name(name_line), representative=representative, role=role)
        if party.name:
            parties.append(party)
            first = first if first is not None else start + match.start()
            last = start + match.end()
    if len(parties) < 2 or first is None or last is None:
        return None
    return Found(parties, first, last, "convention-represented")


def _authorised(text: str, start: int, end: int, own: SelfParty) -> Found[list[Party]] | None:
    """A decision on a convention ('d'approuver la convention … avec X', 'autorise le Maire à signer…').

    Clauses after the operative words ('après en avoir délibéré', 'décide') come first: a preamble
    may cite another convention."""
    folded = fold_span(text, start, end)
    partners: list[Party] = []
    signatory: str | None = None
    first: tuple[int, int] | None = None
    operative = _OPERATIVE.search(folded)
    matches = list(rules()["authorisation"].finditer(folded))
    if operative is not None:
        matches.sort(key=lambda match: match.start() < operative.start())
    for match in matches:
        sentence = (_sentence_start(folded, match.start()), _sentence_end(folded, match.end()))
        if re.match(r"\s*(?:vu|considerant|attendu)\b", folded[sentence[0] : sentence[0] + 20]):
            continue
        found_partners = _partners_after(text, folded, start, match.start(), sentence[1], (start, end))
        found_signatory = rules()["signatory"].search(folded, *sentence)
        if not found_partners and found_signatory is None:
            continue
        first = first or (match.start(), sentence[1])
        partners = partners or found_partners
        signatory = signatory or (found_signatory.group("signatory") if found_signatory else None)
    if first is None:
        return None
    if signatory is None:  # 'APPROUVE la convention … ; AUTORISE le Président à la signer'
        signs_it = rules()["signs_it"].search(folded)
        signatory = signs_it.group("signatory") if signs_it else None
    name = own.name or _self_from_group(text, start, end, partners)
    parties = [*partners, _self_party(own, name, signatory)]
    return Found(parties, start + first[0], start + first[1], "convention-decision")


_OPERATIVE = re.compile(r"apres\s+en\s+avoir\s+delibere|(?<![a-z])decide(?![a-z])")


def _sentence_start(folded: str, position: int) -> int:
    starts = [m.end() for m in re.finditer(r"[.;:]\s|\n\s*\n", folded[:position])]
    return starts[-1] if starts else 0


def _sentence_end(folded: str, position: int) -> int:
    stop = re.compile(r"[.;]\s|\n\s*\n").search(folded, position)
    return stop.start() if stop else len(folded)


def _partners_after(text: str, folded: str, offset: int, start: int, end: int, act: tuple[int, int]) -> list[Party]:
    match = rules()["with_partner"].search(folded, start, end)
    if match is None:
        return []
    represented = rules()["represented_by"].search(folded, match.start("partner"), match.end("partner"))
    if represented:  # 'avec SNCF Gares & Connexions, représentée par son directeur régional, M. X'
        name = party_name(text[offset + match.start("partner") : offset + represented.start()])
        if name:
            after = offset + represented.end()
            representative, role = representative_after(text[after : after + 200])
            return [Party(name=name, representative=representative, role=role)]
    raw = re.sub(r"\s+", " ", text[offset + match.start("partner") : offset + match.end("partner")])
    stop = rules()["partner_stop"].search(fold(raw))
    raw = raw[: stop.start()] if stop else raw
    communes = rules()["communes_list"].match(fold(raw).strip())
    if communes:
        listed = raw.strip()[communes.start("list") :]
        return [Party(name=name) for name in _commune_names(listed)]
    name = party_name(raw)
    return [Party(name=_longest_mention(text, act, name))] if name else []


_PLACE_NAME = re.compile(
    r"[A-ZÀ-Ý][\wÀ-ÿ'’-]*(?:\s+(?:(?:de|du|des|la|le|les|sur|sous|en|lès|aux|d['’])\s*)?[A-ZÀ-Ý][\wÀ-ÿ'’-]*)*"
)


def _commune_names(listed: str) -> list[str]:
    """'Fléville-devant-Nancy, Heillecourt et Houdemont (ci-jointe…)' → the three names."""
    names = []
    for chunk in re.split(r"\s*,\s*|\s+et\s+", listed):
        match = _PLACE_NAME.match(chunk.strip())
        name = party_name(match.group(0)) if match else None
        if name:
            names.append(name)
        if not match or match.end() < len(chunk.strip()):
            break
    return names


def _longest_mention(text: str, act: tuple[int, int], name: str) -> str:
    """'le centre de gestion' → 'centre de gestion du Gard' when the act also writes it so."""
    pattern = re.compile(
        re.escape(name) + r"(?:\s+(?:du|de\s+la|de\s+l['’]|des|de)\s+[A-ZÀ-Ý][\wÀ-ÿ-]+)", re.IGNORECASE
    )
    longer = pattern.search(text, act[0], act[1])
    return longer.group(0) if longer else name


def _self_party(own: SelfParty, name: str | None, signatory: str | None) -> Party:
    """The collectivity; its president represents it when he is the one authorised to sign."""
    role = own.president_role or ""
    same = bool(signatory and own.president and fold(role)[:5] == fold(signatory)[:5])
    return Party(name=name, representative=own.president if same else None, role=_role_label(role) if same else None)


def _role_label(role: str) -> str:
    return role[:1].upper() + role[1:]


def _self_from_group(text: str, start: int, end: int, partners: list[Party]) -> str | None:
    """'les 4 communes de Ludres, Fléville-devant-Nancy, Heillecourt et Houdemont' with a convention
    'avec les communes de Fléville-devant-Nancy, Heillecourt et Houdemont': the author is Ludres."""
    names = {match_key(p.name) for p in partners if p.name}
    if len(names) < 2:
        return None
    for match in re.finditer(r"communes\s+(?:de\s+|d['’])(?P<list>[^.;:\n]{5,300})", text[start:end], re.IGNORECASE):
        listed = _commune_names(match.group("list"))
        keys = [match_key(name) for name in listed]
        others = [name for name, key in zip(listed, keys, strict=True) if key not in names]
        if names <= set(keys) and len(others) == 1:
            return others[0]
    return None


def _named_organisation(text: str, span: tuple[int, int], title: str, own: SelfParty) -> Found[list[Party]] | None:
    """An item about a convention names its partner: 'contrat GRDF', "l'association CHAVAMIEUX"."""
    acronyms = [word for word in re.findall(r"\b[A-Z]{3,}\b", title) if not re.fullmatch(r"[IVXLC]+", word)]
    if len(acronyms) == 1:
        name = acronyms[0]
        position = text.find(name, span[0], span[1])
        position = position if position >= 0 else span[0]
        return Found([Party(name=name), Party(name=own.name)], position, position + len(name), "convention-title")
    candidates = [m for pattern in rules()["organisations"] for m in pattern.finditer(text, span[0], span[1])]
    if candidates:
        first = min(candidates, key=lambda m: m.start())
        name = party_name(first.group(0))
        if name:
            return Found(
                [Party(name=name), Party(name=own.name)],
                first.start(),
                first.end(),
                "convention-organisation",
            )
    folded = fold_span(text, *span)
    for word in rules()["convention_word"].finditer(folded):
        sentence = (
            span[0] + _sentence_start(folded, word.start()),
            span[0] + _sentence_end(folded, word.end()),
        )
        for name, start, end in organisations_in(text, *sentence):
            if _plausible_organisation(name, own):
                return Found([Party(name=name), Party(name=own.name)], start, end, "convention-ner")
    return None


def _plausible_organisation(name: str, own: SelfParty) -> bool:
    key = match_key(name)
    if len(key) < 3 or re.search(r"\b(?:deliberation|conseil|maire|commune|article|convention|contrat)\b", key):
        return False
    return own.name is None or match_key(own.name) not in key
