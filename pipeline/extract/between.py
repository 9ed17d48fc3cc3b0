"""The two parties a convention names with ENTRE … ET: as a block of lines, or inside a sentence.

Block form (the convention itself)::

    ENTRE
    La Communauté d'Agglomération de La Porte du Hainaut, représentée par Aymeric ROBIN, Président,
    ET
    La commune de Haveluy, représentée par …, d'autre part

Sentence form (a deliberation that describes the convention): "la convention entre le Département de
la Meuse, représenté par son Président, M. Bertrand HUMBLOT, et la Fédération …, représentée par sa
Présidente, Mme Lucie HANNEQUIN, prévoyant …". The sentence form is taken only when a representative
is named ("représenté(e) par"): a bare "entre la commune et X" says too little to split on.
"""

from __future__ import annotations

import re

from pipeline.extract.found import Found
from pipeline.extract.party_text import party_in, rules
from pipeline.records import Party
from pipeline.textutil import fold_span

_ENTRE = re.compile(r"(?<![a-z])entre\s+(?=(?:la|le|les|l.)\s*[a-z])")
#: ', et la Fédération …' / ', ET l'association …': the second party after the first one's representative.
_AND = re.compile(r",?\s+et\s+(?=(?:la|le|les|l.|un|une)\s*[a-z])")
#: The end of the sentence: '.' or ';' before a capital, except after a civility ('M. Bertrand').
_SENTENCE_END = re.compile(r"(?<![\s(]m)(?<!mme)(?<![\s(]mm)(?<!mlle)[.;](?=\s|$)|\n\s*\n")
#: Characters of a sentence read at most after 'entre'.
_MAX_SENTENCE = 600


def between_blocks(text: str, start: int, end: int) -> Found[list[Party]] | None:
    """A convention's heading: 'ENTRE' on its own line, a party, 'ET', a party, up to 'd'autre part'."""
    folded = fold_span(text, start, end)
    opening = rules()["between_start"].search(folded)
    if opening is None:
        return None
    closing = rules()["between_end"].search(folded, opening.end())
    block_end = closing.start() if closing else min(len(folded), opening.end() + 1500)
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


def between_clause(text: str, start: int, end: int) -> Found[list[Party]] | None:
    """'… entre <A>, représenté(e) par …, et <B>, représenté(e) par …' inside a sentence."""
    folded = fold_span(text, start, end)
    for opening in _ENTRE.finditer(folded):
        stop = _SENTENCE_END.search(folded, opening.end(), min(len(folded), opening.end() + _MAX_SENTENCE))
        sentence_end = stop.start() if stop else min(len(folded), opening.end() + _MAX_SENTENCE)
        represented = rules()["represented_by"].search(folded, opening.end(), sentence_end)
        if represented is None:
            continue
        separator = _AND.search(folded, represented.end(), sentence_end)
        if separator is None:
            continue
        first = party_in(text, start + opening.end(), start + separator.start())
        second = party_in(text, start + separator.end(), start + sentence_end)
        if first is None or second is None or not first.name or not second.name:
            continue
        return Found([first, second], start + opening.start(), start + sentence_end, "convention-between-sentence")
    return None
