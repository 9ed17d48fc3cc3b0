"""A convention party as written: its name, its representative and the representative's role.

'La Communauté d'Agglomération de La Porte du Hainaut, représentée par Aymeric ROBIN, Président'
gives the name without article or 'Commune de', the person and the role; placeholders ("XXXXXX")
are never names. Shared by the readers of :mod:`pipeline.extract.parties` and
:mod:`pipeline.extract.between`; patterns in models/parties.yaml.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from pipeline.config import load_rules
from pipeline.extract.names import CIVILITY, ROLE_WORDS, clean_name, is_placeholder, unwrap_names
from pipeline.records import Party
from pipeline.textutil import fold

_ARTICLE = re.compile(r"^(?:(?:la|le|les)\s+|l['’]\s*)(?=\S)", re.IGNORECASE)
_COMMUNE_PREFIX = re.compile(
    r"^(?:la\s+|le\s+)?(?:commune|ville|mairie)\s+(?:de\s+|d['’]\s*|(?P<plural>des\s+)|(?P<masculine>du\s+))",
    re.IGNORECASE,
)
#: A party's number in a list: '1° La commune …', '2) Le collège …', 'a) …', '- …'.
_LIST_MARKER = re.compile(r"^(?:\d{1,2}\s*(?:°|\)|\.|/)|[a-h]\)|[•·▪–—-])\s*")
_TRAILING_PARTICLE = re.compile(r"(?:\s+(?:de|du|des|d'|la|le|les|sur|en|et))+\s*$", re.IGNORECASE)
#: Words that end a party's name in a sentence: 'le SIVOS du Val pour les années scolaires 2025-2028'.
_NAME_TAIL = re.compile(
    r"\s+(?:pour\s+(?:les|la|le|l.|une?|des|\d)|relative?s?\s|portant\s|a\s+compter|dans\s+le\s+cadre|afin\s"
    r"|en\s+vue\s|doit\s|doivent\s|est\s|sont\s)"
)
#: 'l'association « Les Jardins du Mézenc »': the quoted words are the name.
_QUOTED_NAME = re.compile(r"^[\w\s'’-]{0,40}?[«“\"]\s*(?P<name>[^»”\"]{2,80}?)\s*[»”\"]$")


#: Words between a representative's name and the role: 'M. X, son gérant', 'M. X, agissant en qualité de Président'.
_ROLE_LEAD = r"(?:(?:son|sa|leur)\s+|(?:agissant\s+)?en\s+(?:sa\s+)?qualit[ée]\s+de\s+)?"
#: Capitalised words that go on naming a role: 'directeur territorial Drôme-Ardèche', 'directrice Commerce …'.
_ROLE_PLACE = r"(?-i:(?:[ \t]+[A-ZÀ-Ý][\wÀ-ÿ'’-]+)+)?"


#: A collectivity naming itself by its kind alone (folded): 'entre le Département et le SDIS', 'la Ville'.
SELF_KIND = re.compile(
    r"(?:departement|commune|ville|communaute(?:\s+de\s+communes|\s+d.agglomeration)?|syndicat(?:\s+mixte)?|metropole"
    r"|region|sivo[ms]|sivu|petr)"
)


#: What a role's complement looks like: 'de la Mayenne', "de l'Aude", 'du Gard'.
#: The council a role presides: 'Président du Conseil départemental', 'Présidente du comité syndical'.
_OF_COUNCIL = (
    r"(?:\s+(?:du|de\s+la)\s+(?:conseil|comit[ée]|commission)\s+"
    r"(?:d[ée]partemental|r[ée]gional|communautaire|municipal|syndical|d['’]administration|permanente)e?)?"
)
_ROLE_COMPLEMENT = re.compile(
    r"\s*(?!d['’]\s*(?:une|autre)\s+part)(?:de|du|des|d['’])\s*[^\s,]{2,}[^,\n(]{0,40}$", re.IGNORECASE
)


@functools.cache
def rules() -> dict[str, Any]:
    """The compiled patterns of models/parties.yaml (they match folded text, organisations apart)."""
    data = load_rules("parties")
    compiled: dict[str, Any] = {key: re.compile(data[key], re.MULTILINE) for key in (
        "between_start", "between_and", "between_end", "represented_by", "authorisation", "signatory",
        "signs_it", "designated_signatory",
        "convention_word", "with_partner", "partner_stop", "communes_list", "not_a_partner")}  # fmt: skip
    compiled["organisations"] = [re.compile(item["pattern"]) for item in data["organisations"]]
    return compiled


def party_in(text: str, start: int, end: int) -> Party | None:
    """'La Communauté d'Agglomération de La Porte du Hainaut / représentée par Aymeric ROBIN, Président'."""
    chunk = re.sub(r"^(?:\s*[^\n\f]{0,3}[\n\f])+", "", text[start:end])
    represented = rules()["represented_by"].search(fold(chunk))
    name_part = chunk[: represented.start()] if represented else chunk.split("\n\n")[0]
    name_part = re.split(r",|\n\s*\n|ci-apr", name_part, flags=re.IGNORECASE)[0]
    name_end = _NAME_TAIL.search(fold(name_part))
    name = party_name(name_part[: name_end.start()] if name_end else name_part)
    representative = role = None
    if represented:
        representative, role = representative_after(chunk[represented.end() :])
    if name is None and representative is None and role is None:
        return None
    return Party(name=name, representative=representative, role=role)


def self_kind_in(text: str, start: int, end: int) -> Party | None:
    """'la Ville' / 'le Département' as a party: the kind word as written (the caller knows the collectivity)."""
    raw = re.split(r"[,;(\n]", text[start:end], maxsplit=1)[0]
    words = _ARTICLE.sub("", re.sub(r"\s+", " ", raw).strip(" ,;:"))
    return Party(name=words) if SELF_KIND.fullmatch(fold(words)) else None


def representative_after(rest: str) -> tuple[str | None, str | None]:
    """'Aymeric ROBIN, Président, dûment…' or 'son Président, Monsieur Rémi CHAMBOST, …' → name, role."""
    rest = unwrap_names(rest)
    role_first = re.match(
        rf"\s*(?:son|sa|leur|le|la|l['’])\s*((?:\d+\S{{0,4}}\s+)?{ROLE_WORDS}{_OF_COUNCIL})\s*(?:en\s+exercice\s*)?,?\s*",
        rest,
        re.I,
    )
    if role_first:
        role: str | None = role_first.group(1).strip()
        raw_name = re.split(r"[,\n(]", rest[role_first.end() :], maxsplit=1)[0]
        complement = re.match(r"([^,\n(]{1,60}),\s*([^,\n(]+)", rest[role_first.end() :])
        if complement and _name_after_comma(raw_name, complement.group(2)):
            # 'son directeur régional Auvergne-Rhône-Alpes, M. François-Xavier BRACHET'
            role, raw_name = f"{role} {complement.group(1).strip()}", complement.group(2)
        elif _ROLE_COMPLEMENT.match(raw_name):  # 'le Préfet de la Mayenne', no name given
            role, raw_name = f"{role} {raw_name.strip()}", ""
    else:
        raw_name = re.split(r"[,\n(]", rest, maxsplit=1)[0]
        role_match = re.match(
            rf"[^,\n]*,\s*{_ROLE_LEAD}((?:\d+\S{{0,4}}\s+)?{ROLE_WORDS}{_OF_COUNCIL}{_ROLE_PLACE})", rest, re.IGNORECASE
        )
        role = role_match.group(1).strip() if role_match else None
    representative = None if is_placeholder(raw_name) else clean_name(raw_name)
    role = re.sub(r"\s+", " ", role) if role else None
    if role and role.isupper():
        role = role[0] + role[1:].lower()
    return representative, (role[0].upper() + role[1:] if role else None)


_WITH_CIVILITY = re.compile(rf"^\s*{CIVILITY}\s", re.IGNORECASE)


def _name_after_comma(before: str, after: str) -> bool:
    """Is the name after the comma ('son directeur régional Auvergne-Rhône-Alpes, M. X')? Yes when the words
    before it are no name, or when only the words after it carry a civility."""
    if not clean_name(after):
        return False
    return clean_name(before) is None or (not _WITH_CIVILITY.match(before) and bool(_WITH_CIVILITY.match(after)))


def party_name(raw: str) -> str | None:
    """A party's name as written, without article or 'Commune de'; None for placeholders."""
    name = _LIST_MARKER.sub("", re.sub(r"\s+", " ", raw).strip(" ,;:|*#-–—"))
    if not name or is_placeholder(name):
        return None
    commune = _COMMUNE_PREFIX.match(name)
    if commune:  # 'la commune des Ventes-de-Sarthon' is Les Ventes-de-Sarthon, 'la commune du Vigan' Le Vigan
        article = "Les " if commune.group("plural") else "Le " if commune.group("masculine") else ""
        name = article + name[commune.end() :]
        return _cleaned_name(name, keep_article=bool(article))
    return _cleaned_name(name, keep_article=False)


def _cleaned_name(name: str, *, keep_article: bool) -> str | None:
    """A party's name without its article (a commune's own 'Les' is kept), quotes, bracket or particle."""
    name = name if keep_article else _ARTICLE.sub("", name).strip()
    quoted = _QUOTED_NAME.match(name)
    if quoted:
        name = quoted.group("name")
    name = re.sub(r"\s*\([^()]{2,40}\)\s*$", "", name)  # '(SDIS)', '(autorité de gestion)'
    name = re.sub(r"\s*\([^()]{2,40}$", "", name)  # a bracket the sentence cut open
    name = _TRAILING_PARTICLE.sub("", name).strip(" ,.")
    if not name or is_placeholder(name) or rules()["not_a_partner"].match(fold(name)):
        return None
    return name


_PLACE_NAME = re.compile(
    r"[A-ZÀ-Ý][\wÀ-ÿ'’-]*(?:\s+(?:(?:de|du|des|la|le|les|sur|sous|en|lès|aux|d['’])\s*)?[A-ZÀ-Ý][\wÀ-ÿ'’-]*)*"
)


def commune_names(listed: str) -> list[str]:
    """'Fléville-devant-Nancy, Heillecourt et Houdemont (ci-jointe…)' → the three names; 'A et de B' → two."""
    names = []
    for chunk in re.split(r"\s*,\s*|\s+et\s+", listed):
        chunk = re.sub(r"^(?:de\s+|d['’]\s*)", "", chunk.strip())  # 'A et de B'
        match = _PLACE_NAME.match(chunk)
        name = party_name(match.group(0)) if match else None
        if name:
            names.append(name)
        if not match or match.end() < len(chunk):
            break
    return names
