"""Convention parties: who signs with whom, with representatives and roles.

1. A convention's "ENTRE … représentée par X, Président … ET …", as a block of lines or
   inside a sentence (:mod:`pipeline.extract.between`).
2. Otherwise "la convention … entre A et B" without representatives (proper names only).
3. Otherwise an authorisation to sign ("autorise Monsieur le Maire à signer la
   convention … avec <partner>"): the partner, and the collectivity itself with
   the session's president as representative when he is the signatory.
4. Otherwise paragraphs naming each party "représenté(e) par X, Gérant".
5. Otherwise, for an item about a convention, the organisation it names
   ("l'association CHAVAMIEUX", "le centre de gestion du Gard", "GRDF").
What a reader leaves out is completed from the rest of the act (:mod:`pipeline.extract.party_completion`).
Placeholders ("XXXXXX") are never names. Patterns: models/parties.yaml.
"""

from __future__ import annotations

import re

from pipeline.extract.between import between_blocks, between_clause
from pipeline.extract.found import Found
from pipeline.extract.nlp import organisations_in
from pipeline.extract.party_completion import (
    SelfParty,
    longest_mention,
    named_in_full,
    self_party,
    with_designated_signatory,
    with_organisation,
    with_own_signatory,
    with_representatives,
    with_title_partner,
)
from pipeline.extract.party_text import commune_names, party_name, representative_after, rules
from pipeline.records import Party
from pipeline.textutil import fold, fold_span, match_key


def convention_parties(
    text: str, spans: list[tuple[int, int]], title: str | None, own: SelfParty
) -> Found[list[Party]] | None:
    """The parties of the act whose text is ``spans`` (the item and its annexes)."""
    for start, end in spans:
        block = between_blocks(text, start, end) or between_clause(text, start, end)
        if block:
            return with_designated_signatory(with_own_signatory(block, text, spans, own), text, spans, own)
    for start, end in spans:
        named = between_clause(text, start, end, named_convention=True)
        if named:  # 'la convention … entre le Département et le SDIS': names as the act writes them in full
            full = [named_in_full(party, text, (start, end), own) for party in named.value]
            return with_own_signatory(Found(full, named.start, named.end, named.method), text, spans, own)
    for start, end in spans:
        authorised = _authorised(text, start, end, own)
        if authorised:
            completed = with_organisation(with_title_partner(authorised, title, own), text, (start, end), own)
            if len(completed.value) < 2:
                return None
            return with_designated_signatory(with_representatives(completed, text, spans), text, spans, own)
    for start, end in spans:
        represented = _represented_parties(text, start, end)
        if represented:
            return represented
    if title and rules()["convention_word"].search(fold(title)):
        return _named_organisation(text, spans[0], title, own)
    return None


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
        name = re.split(r",|\s+repr[ée]sent[ée]e?s?\s+par\b", name_line, maxsplit=1, flags=re.IGNORECASE)[0]
        party = Party(name=party_name(name), representative=representative, role=role)
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
    parties = [*partners, self_party(own, name, signatory)]
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
        return [Party(name=name) for name in commune_names(listed)]
    name = party_name(raw)
    return [Party(name=longest_mention(text, act, name))] if name else []


def _self_from_group(text: str, start: int, end: int, partners: list[Party]) -> str | None:
    """'les 4 communes de Ludres, Fléville-devant-Nancy, Heillecourt et Houdemont' with a convention
    'avec les communes de Fléville-devant-Nancy, Heillecourt et Houdemont': the author is Ludres."""
    names = {match_key(p.name) for p in partners if p.name}
    if len(names) < 2:
        return None
    for match in re.finditer(r"communes\s+(?:de\s+|d['’])(?P<list>[^.;:\n]{5,300})", text[start:end], re.IGNORECASE):
        listed = commune_names(match.group("list"))
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
