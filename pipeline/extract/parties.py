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

import functools
import re
from dataclasses import dataclass
from typing import Any

from pipeline.config import load_rules
from pipeline.extract.found import Found
from pipeline.extract.names import ROLE_WORDS, clean_name, is_placeholder
from pipeline.extract.nlp import organisations_in
from pipeline.records import Party
from pipeline.textutil import fold, fold_span, match_key

_ARTICLE = re.compile(r"^(?:(?:la|le|les)\s+|l['’]\s*)(?=\S)", re.IGNORECASE)
_COMMUNE_PREFIX = re.compile(r"^(?:la\s+|le\s+)?(?:commune|ville|mairie)\s+(?:de\s+|d['’]\s*)", re.IGNORECASE)
_TRAILING_PARTICLE = re.compile(r"(?:\s+(?:de|du|des|d'|la|le|les|sur|en|et))+\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SelfParty:
    """The collectivity itself, as a party: its name and its signatory if known."""

    name: str | None
    president: str | None
    president_role: str | None


@functools.cache
def _rules() -> dict[str, Any]:
    data = load_rules("parties")
    compiled: dict[str, Any] = {key: re.compile(data[key], re.MULTILINE) for key in (
        "between_start", "between_and", "between_end", "represented_by", "between_line", "authorisation",
        "signatory", "convention_word", "with_partner", "partner_stop", "communes_list", "not_a_partner")}  # fmt: skip
    compiled["organisations"] = [re.compile(item["pattern"]) for item in data["organisations"]]
    return compiled


def convention_parties(
    text: str, spans: list[tuple[int, int]], title: str | None, own: SelfParty
) -> Found[list[Party]] | None:
    """The parties of the act whose text is ``spans`` (the item and its annexes)."""
    for start, end in spans:
        block = _between_blocks(text, start, end)
        if block:
            return block
    for start, end in spans:
        authorised = _authorised(text, start, end, own)
        if authorised:
            completed = _with_organisation(_with_title_partner(authorised, title, own), text, (start, end), own)
            return completed if len(completed.value) > 1 else None
    for start, end in spans:
        represented = _represented_parties(text, start, end)
        if represented:
            return represented
    if title and _rules()["convention_word"].search(fold(title)):
        return _named_organisation(text, spans[0], title, own)
    return None


def _between_blocks(text: str, start: int, end: int) -> Found[list[Party]] | None:
    folded = fold_span(text, start, end)
    opening = _rules()["between_start"].search(folded)
    if opening is None:
        return None
    closing = _rules()["between_end"].search(folded, opening.end())
    block_end = closing.start() if closing else min(len(folded), opening.end() + 1500)
    separator = _rules()["between_and"].search(folded, opening.end(), block_end)
    one_part = re.compile(r"d'une\s+part[^\n\f]*").search(folded, opening.end(), block_end)
    if separator is not None:
        first_end, second_start = separator.start(), separator.end()
    elif one_part is not None:
        first_end, second_start = one_part.end(), one_part.end()
    else:
        return None
    first = _party(text, start + opening.end(), start + first_end)
    second = _party(text, start + second_start, start + block_end)
    if first is None and second is None:
        return None
    parties = [party for party in (first, second) if party is not None]
    return Found(parties, start + opening.start(), start + block_end, "convention-between")


def _with_title_partner(found: Found[list[Party]], title: str | None, own: SelfParty) -> Found[list[Party]]:
    """'approuve la convention … et autorise le maire à la signer' names no partner; a title
    'CONVENTION DE DÉNEIGEMENT AVEC LE GAEC DU PUY GRIOU' does."""
    if not title or any(party.name != own.name for party in found.value):
        return found
    match = _rules()["with_partner"].search(fold(title))
    if match is None:
        return found
    raw = title[match.start("partner") : match.end("partner")]
    stop = _rules()["partner_stop"].search(fold(raw))
    name = party_name(raw[: stop.start()] if stop else raw)
    if name is None:
        return found
    return Found([Party(name=name), *found.value], found.start, found.end, found.method + "+title")


def _with_organisation(
    found: Found[list[Party]], text: str, span: tuple[int, int], own: SelfParty
) -> Found[list[Party]]:
    """'Autorise le Maire à signer la convention' with no partner named: the body the item names
    ('le centre de gestion du Gard', 'l'association X'), if it names one."""
    if any(party.name != own.name for party in found.value):
        return found
    candidates = [m for pattern in _rules()["organisations"] for m in pattern.finditer(text, *span)]
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
    for match in _rules()["represented_by"].finditer(folded):
        paragraph = folded.rfind("\n\n", 0, match.start())
        name_line = text[start + paragraph + 2 if paragraph >= 0 else start :].split("\n", 1)[0]
        if match.start() - (paragraph + 2) > 400:
            continue
        representative, role = _representative(text[start + match.end() : start + match.end() + 200])
        party = Party(name=party_name(name_line), representative=representative, role=role)
        if party.name:
            parties.append(party)
            first = first if first is not None else start + match.start()
            last = start + match.end()
    if len(parties) < 2 or first is None or last is None:
        return None
    return Found(parties, first, last, "convention-represented")


def _party(text: str, start: int, end: int) -> Party | None:
    """'La Communauté d'Agglomération de La Porte du Hainaut / représentée par Aymeric ROBIN, Président'."""
    chunk = re.sub(r"^(?:\s*[^\n\f]{0,3}[\n\f])+", "", text[start:end])
    represented = _rules()["represented_by"].search(fold(chunk))
    name_part = chunk[: represented.start()] if represented else chunk.split("\n\n")[0]
    name = party_name(re.split(r",|\n\s*\n|ci-apr", name_part, flags=re.IGNORECASE)[0])
    representative = role = None
    if represented:
        representative, role = _representative(chunk[represented.end() :])
    if name is None and representative is None and role is None:
        return None
    return Party(name=name, representative=representative, role=role)


def _representative(rest: str) -> tuple[str | None, str | None]:
    """'Aymeric ROBIN, Président, dûment…' or 'son Président, Monsieur Rémi CHAMBOST, …' → name, role."""
    role_first = re.match(
        rf"\s*(?:son|sa|leur)\s+((?:\d+\S{{0,4}}\s+)?{ROLE_WORDS})\s*(?:en\s+exercice\s*)?,?\s*", rest, re.I
    )
    if role_first:
        role: str | None = role_first.group(1).strip()
        raw_name = re.split(r"[,\n(]", rest[role_first.end() :], maxsplit=1)[0]
        complement = re.match(r"([^,\n(]{1,60}),\s*([^,\n(]+)", rest[role_first.end() :])
        if complement and clean_name(raw_name) is None and clean_name(complement.group(2)):
            # 'son directeur régional Auvergne-Rhône-Alpes, M. François-Xavier BRACHET'
            role, raw_name = f"{role} {complement.group(1).strip()}", complement.group(2)
    else:
        raw_name = re.split(r"[,\n(]", rest, maxsplit=1)[0]
        role_match = re.match(rf"[^,\n]*,\s*((?:\d+\S{{0,4}}\s+)?{ROLE_WORDS})", rest, re.IGNORECASE)
        role = role_match.group(1).strip() if role_match else None
    representative = None if is_placeholder(raw_name) else clean_name(raw_name)
    if role and role.isupper():
        role = role[0] + role[1:].lower()
    return representative, (role[0].upper() + role[1:] if role else None)


def party_name(raw: str) -> str | None:
    """A party's name as written, without article or 'Commune de'; None for placeholders."""
    name = re.sub(r"\s+", " ", raw).strip(" ,;:|*#-–—")
    if not name or is_placeholder(name):
        return None
    commune = _COMMUNE_PREFIX.match(name)
    if commune:
        name = name[commune.end() :]
    name = _ARTICLE.sub("", name).strip()
    name = re.sub(r"\s*\([A-Z0-9 .&-]{2,12}\)\s*$", "", name)
    name = _TRAILING_PARTICLE.sub("", name).strip(" ,.")
    if not name or is_placeholder(name) or _rules()["not_a_partner"].match(fold(name)):
        return None
    return name


def _authorised(text: str, start: int, end: int, own: SelfParty) -> Found[list[Party]] | None:
    """A decision on a convention ('d'approuver la convention … avec X', 'autorise le Maire à signer…').

    Clauses after the operative words ('après en avoir délibéré', 'décide') come first: a preamble
    may cite another convention."""
    folded = fold_span(text, start, end)
    partners: list[Party] = []
    signatory: str | None = None
    first: tuple[int, int] | None = None
    operative = _OPERATIVE.search(folded)
    matches = list(_rules()["authorisation"].finditer(folded))
    if operative is not None:
        matches.sort(key=lambda match: match.start() < operative.start())
    for match in matches:
        sentence = (_sentence_start(folded, match.start()), _sentence_end(folded, match.end()))
        if re.match(r"\s*(?:vu|considerant|attendu)\b", folded[sentence[0] : sentence[0] + 20]):
            continue
        found_partners = _partners_after(text, folded, start, match.start(), sentence[1], (start, end))
        found_signatory = _rules()["signatory"].search(folded, *sentence)
        if not found_partners and found_signatory is None:
            continue
        first = first or (match.start(), sentence[1])
        partners = partners or found_partners
        signatory = signatory or (found_signatory.group("signatory") if found_signatory else None)
    if first is None:
        return None
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
    match = _rules()["with_partner"].search(folded, start, end)
    if match is None:
        return []
    represented = _rules()["represented_by"].search(folded, match.start("partner"), match.end("partner"))
    if represented:  # 'avec SNCF Gares & Connexions, représentée par son directeur régional, M. X'
        name = party_name(text[offset + match.start("partner") : offset + represented.start()])
        if name:
            after = offset + represented.end()
            representative, role = _representative(text[after : after + 200])
            return [Party(name=name, representative=representative, role=role)]
    raw = re.sub(r"\s+", " ", text[offset + match.start("partner") : offset + match.end("partner")])
    stop = _rules()["partner_stop"].search(fold(raw))
    raw = raw[: stop.start()] if stop else raw
    communes = _rules()["communes_list"].match(fold(raw).strip())
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
    candidates = [m for pattern in _rules()["organisations"] for m in pattern.finditer(text, span[0], span[1])]
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
    for word in _rules()["convention_word"].finditer(folded):
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
