"""The two parties a convention names with ENTRE … ET: as a block of lines, or inside a sentence.

Block form (the convention itself)::

    ENTRE
    La Communauté d'Agglomération de La Porte du Hainaut, représentée par Aymeric ROBIN, Président,
    ET
    La commune de Haveluy, représentée par …, d'autre part

Sentence form (a deliberation that describes the convention): "la convention entre le Département de
la Meuse, représenté par son Président, M. Bertrand HUMBLOT, et la Fédération …, représentée par sa
Présidente, Mme Lucie HANNEQUIN, prévoyant …", or "entre la commune de X et la Communauté de communes Y,
représentée par son Président, M. Z". The sentence form is taken only when a representative
is named ("représenté(e) par"): a bare "entre la commune et X" says too little to split on.
"""

from __future__ import annotations

import re

from pipeline.extract.found import Found
from pipeline.extract.party_text import commune_names, party_in, representative_after, rules, self_kind_in
from pipeline.records import Party
from pipeline.textutil import NOT_AFTER_CIVILITY, fold, fold_span

_ENTRE = re.compile(r"(?<![a-z])entre\s+(?=(?:la|le|les|l.)\s*[a-z])")
#: ', et la Fédération …' / ', ET l'association …': the second party after the first one's representative.
_AND = re.compile(r",?\s+et\s+(?=(?:la|le|les|l.|un|une)\s*[a-z])")
#: The end of the sentence: '.' or ';' before a capital, except after a civility ('M. Bertrand').
_SENTENCE_END = re.compile(NOT_AFTER_CIVILITY + r"[.;](?=\s|$)|\n\s*\n")
#: Characters of a sentence read at most after 'entre'.
_MAX_SENTENCE = 600
#: Characters before 'entre' searched for the convention it is about.
_CONVENTION_REACH = 120


def between_blocks(text: str, start: int, end: int) -> Found[list[Party]] | None:
    """A convention's heading: 'ENTRE' on its own line, a party, 'ET', a party, up to 'd'autre part'."""
    folded = fold_span(text, start, end)
    opening = rules()["between_start"].search(folded)
    if opening is None:
        return None
    closing = rules()["between_end"].search(folded, opening.end())
    block_end = closing.start() if closing else min(len(folded), opening.end() + 1500)
    several = _several_parties(text, start, folded, opening.end(), block_end)
    if several:
        return Found(several, start + opening.start(), start + block_end, "convention-between")
    separator = rules()["between_and"].search(folded, opening.end(), block_end)
    one_part = re.compile(r"d'une\s+part[^\n\f]*").search(folded, opening.end(), block_end)
    if separator is not None:
        first_end, second_start = separator.start(), separator.end()
    elif one_part is not None:
        first_end, second_start = one_part.end(), one_part.end()
    else:
        return None
    first = party_in(text, start + opening.end(), start + first_end)
    second = party_in(text, start + second_start, start + block_end)
    if first is None and second is None:
        return None
    parties = [party for party in (first, second) if party is not None]
    return Found(parties, start + opening.start(), start + block_end, "convention-between")


#: Where one party of an ENTRE block ends and the next begins: a numbered party ('2) La Communauté …'),
#: an 'ET' line, the end of the line that names a party for the rest of the text ('ci-après dénommé
#: « le Département »,') or closes one side ('d'une part,'), a ';' ending a line of a list.
_PARTY_BREAK = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:\d{1,2}|[a-e])\s*[)°.][ \t]+"
    r"|(?:^|(?<=\n))[ \t#*|]*et\s*:?[ \t]*(?=\n|$)"
    r"|ci-apres\s+(?:denomme|designe|appele|nomme)e?s?[^\n]*(?=\n|$)"
    r"|d.une\s+part[^\n]*(?=\n|$)"
    r"|;[ \t]*(?=\n)"  # a list of parties, one a line: '- la commune de X, représentée par … ;'
)


def _several_parties(text: str, start: int, folded: str, block_start: int, block_end: int) -> list[Party] | None:
    """Three parties or more in an ENTRE block ('1) … ; 2) … ; 3) …', two paragraphs before 'ET'), else None:
    two are read by the ENTRE/ET split of :func:`between_blocks`."""
    cuts = [block_start]
    for match in _PARTY_BREAK.finditer(folded, block_start, block_end):
        cuts.extend((match.start(), match.end()))
    cuts.append(block_end)
    parties = []
    for chunk_start, chunk_end in zip(cuts[::2], cuts[1::2], strict=True):
        # '3) L'association …, représentée par sa présidente, Mme X.' and a blank line end the list
        last = _LIST_END.search(folded, chunk_start, chunk_end)
        if re.search(r"[a-z]{3}", folded[chunk_start : last.start() if last else chunk_end]):
            party = party_in(text, start + chunk_start, start + (last.start() if last else chunk_end))
            if party is None or not party.name:
                return None
            parties.append(party)
        if last:
            break
    return parties if len(parties) >= 3 else None


_LIST_END = re.compile(r"\.[ \t]*\n[ \t]*\n")


def between_clause(text: str, start: int, end: int, *, named_convention: bool = False) -> Found[list[Party]] | None:
    """'… entre <A>, représenté(e) par …, et <B>, représenté(e) par …' inside a sentence.

    With ``named_convention``, a sentence without representatives is taken too when 'entre' closely
    follows a convention word ('APPROUVE la convention de fonds de concours entre A et B')."""
    folded = fold_span(text, start, end)
    if "entre" not in folded:
        return None
    found = [
        clause
        for opening in _ENTRE.finditer(folded)
        if not _in_recital(folded, opening.start())  # 'Vu la convention entre la Caisse des Dépôts et …'
        and (clause := _clause_at(text, start, folded, opening, named_convention)) is not None
    ]
    if named_convention:  # 'la convention signée en 2024 entre …' tells its story; 'APPROUVE … entre …' decides
        found = [clause for clause in found if _decided(folded, clause.start - start)] or found
    return found[0] if found else None


def _clause_at(
    text: str, start: int, folded: str, opening: re.Match[str], named_convention: bool
) -> Found[list[Party]] | None:
    """The parties of the sentence that 'entre' (``opening``) opens, or None."""
    stop = _SENTENCE_END.search(folded, opening.end(), min(len(folded), opening.end() + _MAX_SENTENCE))
    sentence_end = stop.start() if stop else min(len(folded), opening.end() + _MAX_SENTENCE)
    represented = rules()["represented_by"].search(folded, opening.end(), sentence_end)
    if represented is None and not (named_convention and _after_convention_word(folded, opening.start())):
        return None
    listed = _listed_parties(text, start, opening.end(), sentence_end)
    if listed:
        return Found(listed, start + opening.start(), start + sentence_end, "convention-between-sentence")
    separator = _AND.search(folded, opening.end(), sentence_end)
    if separator is not None and represented is not None and represented.start() < separator.start():
        separator = _AND.search(folded, represented.end(), sentence_end)  # after the first one's representative
    if separator is None:
        return None
    bounds = ((start + opening.end(), start + separator.start()), (start + separator.end(), start + sentence_end))
    first, second = (_party_or_self(text, *bound, named_convention) for bound in bounds)
    if first is None or second is None or not first.name or not second.name:
        return None
    return Found([first, second], start + opening.start(), start + sentence_end, "convention-between-sentence")


_DECISION = re.compile(r"(?<![a-z])(?:approuv|autoris|valid|adopt|decid|accept|ratifi|renouvel)")


def _decided(folded: str, position: int) -> bool:
    """Does the clause before ``position`` decide ('APPROUVE l'avenant à la convention entre …')?"""
    window = re.split(r"[.;:]\s|\n\s*\n", folded[max(0, position - _CONVENTION_REACH) : position])[-1]
    return _DECISION.search(window) is not None


#: The next party of a list: ', la Communauté de communes …', ', et les communes de …' (a capital or a kind).
_NEXT_PARTY = re.compile(
    r"(?:,\s+(?:et\s+)?|\s+et\s+)(?=(?:la|le|les|l['’])\s*(?:[A-ZÀ-Ý]|communes?\b|soci[ée]t[ée]\b|association\b))"
    r"|,\s+et\s+(?=[A-ZÀ-Ý]{2,}\b)"  # ', et EDF, représentée par …'
)


#: Where the names of a list of communes end: a comma before a lower-case word (', chacune représentée
#: par son Maire', ', représentées par leurs maires') or the representative itself.
_LIST_TAIL = re.compile(r",\s*(?=[a-zà-ÿ])|\s+repr[ée]sent[ée]")


def _listed_parties(text: str, start: int, sentence_start: int, sentence_end: int) -> list[Party] | None:
    """Three parties or more in one sentence: 'entre l'État, représenté par le Préfet de la Mayenne, la
    Communauté de communes X, représentée par son Président, et les communes de A et de B, représentées
    par leurs maires' (a list of communes gives one party each); None for fewer than three."""
    sentence = text[start + sentence_start : start + sentence_end]
    cuts = [0, *(match.start() for match in _NEXT_PARTY.finditer(sentence))]
    if len(cuts) < 2:
        return None
    parties: list[Party] = []
    for cut, following in zip(cuts, [*cuts[1:], len(sentence)], strict=True):
        chunk_start = start + sentence_start + cut
        chunk = text[chunk_start : start + sentence_start + following]
        lead = _NEXT_PARTY.match(chunk)
        offset = lead.end() if lead else 0
        names = _LIST_TAIL.split(chunk[offset:], maxsplit=1)[0].strip()  # 'A, B et C, chacune représentée …'
        communes = rules()["communes_list"].match(fold(names))
        if communes:
            role = _role_of_each(chunk[offset + len(names) :])
            parties.extend(Party(name=name, role=role) for name in commune_names(names[communes.start("list") :]))
            continue
        party = party_in(text, chunk_start + offset, chunk_start + len(chunk))
        if party is None or not party.name:
            return None
        parties.append(party)
    return parties if len(parties) >= 3 else None


def _role_of_each(tail: str) -> str | None:
    """The role a list of communes signs by ('chacune représentée par son Maire'), without a name."""
    represented = rules()["represented_by"].search(fold(tail))
    if represented is None:
        return None
    representative, role = representative_after(tail[represented.end() :])
    return role if representative is None else None


def _after_convention_word(folded: str, position: int) -> bool:
    """Does a convention word stand shortly before ``position``, in the same clause?"""
    window = re.split(r"[.;:]\s|\n\s*\n", folded[max(0, position - _CONVENTION_REACH) : position])[-1]
    return rules()["convention_word"].search(window) is not None


_CLAUSE_START = re.compile(r"[.;]\s|\n\s*\n")
_RECITAL = re.compile(r"[\s*>-]*(?:vu|considerant|attendu|rappelant)\b")


def _in_recital(folded: str, position: int) -> bool:
    """Is ``position`` in a recital ('Vu …', 'Considérant …'), which cites other acts?"""
    starts = [match.end() for match in _CLAUSE_START.finditer(folded, max(0, position - 400), position)]
    clause_start = starts[-1] if starts else max(0, position - 400)
    return _RECITAL.match(folded, clause_start) is not None


def _party_or_self(text: str, start: int, end: int, self_kind: bool) -> Party | None:
    """The party written in ``text[start:end]``; with ``self_kind`` (no representative named), a bare
    'la Ville' too, and only names that start with a capital."""
    party = party_in(text, start, end)
    if not self_kind:
        return party
    if party is None or not party.name:
        return self_kind_in(text, start, end) or party
    # without a representative, only a proper name is a party: not 'les collectivités territoriales'
    return party if party.name[:1].isupper() else None
