"""Person names as lists and clauses write them.

"Prénom NOM", "NOM Prénom", "NOM P.", "J.P.", capitals, civilities (M., Mme, Mr,
MM., Monsieur, Madame) and roles (", Maire", ", 4ème Adjoint") that are not part
of the name. Generic NER misses capitalised names, so lists are read by their
layout: separators, civilities and the shape of each chunk.
"""

from __future__ import annotations

import functools
import re

from pipeline.extract import nlp
from pipeline.textutil import fold, strip_accents

CIVILITY = r"(?:Messieurs|Mesdames|Monsieur|Madame|Mademoiselle|Mlle|Melle|Mmes|Mme|MM\.?|Mr\.?|Mrs|M\.|Me\b|Dr\.?)"
_CIVILITY_PREFIX = re.compile(rf"^\s*(?:{CIVILITY}\s*)+", re.IGNORECASE)
_ORDINAL = (
    r"(?:\d{1,2}\s*(?:er|ère|ere|ére|re|ière|iere|e|ème|eme|éme|è|°)"
    r"|premier|première|premiere|deuxième|troisième|quatrième|cinquième|sixième)"
)


def accent_tolerant(pattern: str) -> str:
    """``pattern`` with each accented letter outside a character class also matching its bare letter, as OCR
    and some typists drop accents ('President du Conseil departemental')."""
    out, in_class = [], False
    for char in pattern:
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        bare = strip_accents(char)
        out.append(f"[{char}{bare}]" if not in_class and bare != char else char)
    return "".join(out)


ROLE_WORDS = accent_tolerant(
    r"(?:Maire(?:[\s-]+adjoint(?:e)?)?|adjoint(?:e)?(?:\s+au\s+maire)?|conseill(?:er|ère|ere)s?(?:\s+(?:municipal|municipale|"
    r"municipaux|communautaire|délégué|déléguée|départemental|départementale))*|président(?:e)?|vice[\s-]?président(?:e)?|"
    r"secrétaire(?:\s+de\s+séance)?|délégué(?:e)?|rapporteur|titulaire|suppléant(?:e)?|gérant(?:e)?|"
    r"président[- ]directeur\s+général|(?:directeur|directrice)(?:\s+(?:g[ée]n[ée]ral|r[ée]gional|territorial|"
    r"d[ée]partemental)e?)?|préfète|préfet|principale?|proviseure?)"
)
_ROLE_SUFFIX = re.compile(rf"(?:\s*[,(–—-]\s*|\s+)(?:{_ORDINAL}\s+)?{ROLE_WORDS}\b.*$", re.IGNORECASE | re.DOTALL)
_ROLE_ONLY = re.compile(rf"^\s*(?:{_ORDINAL}\s+)?{ROLE_WORDS}\s*[).,]*\s*$", re.IGNORECASE)
#: Template blanks: 'XXXXXX', '______', '……', '[nom de la commune]', '[Prénom NOM]'.
_PLACEHOLDER = re.compile(
    r"(?:X{3,}|_{3,}|\.{4,}|…{2,}|\*{3,}"
    r"|\[\s*(?:nom|pr[ée]nom|date|montant|adresse|commune|collectivit|qualit|fonction|\.{2,}|…)[^\]\n]{0,40}\])",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Ý][\wÀ-ÿ'’.-]*|d'|de|du|des|van|von|der|den|le|la|di|da|dos|el|ben|[A-ZÀ-Ý]\.)$")
_STOPWORDS = frozenset(
    [
        "et",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "au",
        "aux",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "qui",
        "que",
        "est",
        "sont",
        "a",
        "été",
        "être",
        "pas",
        "donné",
        "donne",
        "procuration",
        "pouvoir",
        "absent",
        "absente",
        "excusé",
        "excusée",
        "présent",
        "présente",
        "ayant",
    ]
)
_FUNCTION_WORDS = frozenset(
    ["et", "de", "du", "des", "la", "le", "les", "l", "d", "au", "aux", "pour", "par", "en", "sur", "ou", "n", "no"]
)
#: Words of attendance counts ('Votants : 20' under a 'Présents : 14' line): never a name on their own.
_COUNT_LABELS = frozenset(
    [
        "votants",
        "votant",
        "exprimes",
        "suffrages",
        "presents",
        "present",
        "absents",
        "absent",
        "excuses",
        "excuse",
        "representes",
        "procurations",
        "procuration",
        "pouvoirs",
        "pouvoir",
        "exercice",
        "membres",
        "conseillers",
        "abstentions",
        "pour",
        "contre",
    ]
)
SEPARATORS = re.compile(
    r"\s+[–—-]{1,2}\s*|\s*[–—]\s*|(?<=\w)-\s+|\s*[,;/+•·]\s*|\s+\bet\b\s+|\s+&\s+"
    r"|(?<=[a-zà-ÿ]{2})\.\s+|\.\s+(?=(?:MM?\.|Mmes?|Mr|Monsieur|Madame|Mlle)\b)"
    r"|(?<=[A-Za-zÀ-ÿ])\s+(?=(?:Mme|Mr|Monsieur|Madame|Mlle)\s+[A-ZÀ-Ý])"
)


#: A name wrapped at a line end: 'M. Yannick\n  BOISSONNOT' (a first name, then a surname in capitals),
#: 'Madame\nMaialen DUHALDE' (a civility, then the name).
_WRAPPED_NAME = re.compile(
    r"(?:(?<=[a-zà-ÿ])(?=[ \t]*\n[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý'’-]+\b)|(?<=\bMadame)|(?<=\bMonsieur)|(?<=\bMme)|(?<=\bM\.))"
    r"[ \t]*\n[ \t]*(?=[A-ZÀ-Ý])"
)


def unwrap_names(text: str) -> str:
    """``text`` with the line breaks inside wrapped names turned into spaces (same length, same offsets)."""
    return _WRAPPED_NAME.sub(lambda match: " " * len(match.group()), text)


def strip_civility(text: str) -> str:
    """'Mme LAMBERT Marie' → 'LAMBERT Marie'."""
    return _CIVILITY_PREFIX.sub("", text).strip()


def strip_role(text: str) -> str:
    """'FERAHTIA A., 4éme Adjoint qui' → 'FERAHTIA A.'; 'André DESMEDT, Maire' → 'André DESMEDT'."""
    return _ROLE_SUFFIX.sub("", text).strip()


def is_role_only(text: str) -> bool:
    """True for a chunk that is only a role ('Maire', '1ère Adjointe')."""
    return bool(_ROLE_ONLY.match(text))


def is_placeholder(text: str) -> bool:
    """True for template placeholders ('XXXXXX', '......')."""
    return bool(_PLACEHOLDER.search(text))


_SPACES = re.compile(r"\s+")
_LEAD_WORDS = re.compile(r"^(?:(?:procuration|pouvoir|mandat)s?\s+de\s+|qui\s+|et\s+|de\s+|à\s+|a\s+)", re.I)
_TRAILING_QUI = re.compile(r"\s+qui\s*$")
_NOT_A_WORD = re.compile(r"[\d\W_]+")
_FINAL_INITIAL = re.compile(r"\b[A-ZÀ-Ý]$")


@functools.lru_cache(maxsize=16384)
def clean_name(raw: str) -> str | None:
    """A name as written, without civility, role, list punctuation; None if it is not a name."""
    text = _SPACES.sub(" ", raw).strip()
    text = _LEAD_WORDS.sub("", text)
    text = strip_civility(text)
    text = _TRAILING_QUI.sub("", text)
    text = strip_role(text)
    text = strip_civility(text)
    text = " ".join(_letters_for_digits(token) for token in text.split() if not _NOT_A_WORD.fullmatch(token))
    text = _SPLIT_CAPITAL.sub(r"\1\2", text)
    text = _SPLIT_TAIL.sub(_joined_tail, text)
    text = text.strip(" \t,;:.()[]«»\"'‘’“”„-–—+*•/$#")
    if text.endswith(" ") or not text:
        return None
    if _FINAL_INITIAL.search(text):
        text += "."
    if not looks_like_name(text):
        return None
    return text


_DIGIT_LOOKALIKES = str.maketrans({"8": "B", "0": "O", "1": "I", "5": "S", "6": "G", "2": "Z"})
#: OCR splits a capital from the rest of its word: "K wiatkowski" → "Kwiatkowski".
_SPLIT_CAPITAL = re.compile(r"\b([A-ZÀ-Ý]) ([a-zà-ÿ]{3,})\b")
#: OCR splits the end of a word from it: "Vander beken" → "Vanderbeken" (when "beken" is no French word).
_SPLIT_TAIL = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]+) ([a-zà-ÿ]{3,})$")
_DIGIT = re.compile(r"\d")
_TWO_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
_ORDINAL_TOKEN = re.compile(r"\d+[a-zéèê°]{1,4}$")


def _joined_tail(match: re.Match[str]) -> str:
    """A lower-case last word that the French vocabulary does not know is the rest of the word before it."""
    word, tail = match.groups()
    return word + tail if not nlp.known_word(tail) else match.group()


def _letters_for_digits(token: str) -> str:
    """'8ricout' → 'Bricout': a digit inside a word of letters is an OCR slip for a look-alike letter."""
    if _DIGIT.search(token) and _TWO_LETTERS.search(token) and not _ORDINAL_TOKEN.match(token):
        return token.translate(_DIGIT_LOOKALIKES)
    return token


def looks_like_name(text: str) -> bool:
    """Shape check: 1–6 tokens, each a capitalised word, a particle or an initial; no placeholder."""
    if is_placeholder(text) or len(text) > 60:
        return False
    tokens = text.replace("’", "'").split()
    if not 1 <= len(tokens) <= 6:
        return False
    if any(fold(token) in _STOPWORDS and token[:1].islower() for token in tokens):
        return False
    letters = [token for token in tokens if any(char.isalpha() for char in token)]
    if not letters or all(fold(token).strip(".") in _FUNCTION_WORDS for token in letters):
        return False
    if all(fold(token).strip(".") in _COUNT_LABELS for token in letters):
        return False
    return all(_NAME_TOKEN.match(token) for token in tokens)


def split_names(text: str) -> list[str]:
    """Split a list of names ('A – B - C, D + E') into names, merging compound surnames
    split by a spaced dash ('Philippe ROUVIER - COROUGE') and dropping roles."""
    chunks: list[str] = []
    for line_chunk in SEPARATORS.split(text):
        chunk = line_chunk.strip()
        if "\n" in chunk and len(chunk.split()) >= 4:
            chunks.extend(part.strip() for part in chunk.split("\n"))
        else:
            chunks.append(_SPACES.sub(" ", chunk))
    names: list[str] = []
    multi_token = sum(len(chunk.split()) >= 2 for chunk in chunks if chunk)
    for chunk in chunks:
        if not chunk or is_role_only(chunk):
            continue
        name = clean_name(chunk)
        if name is None:
            continue
        if names and _continues_surname(name, names[-1], multi_token, len(chunks)):
            names[-1] = f"{names[-1]} - {name}"
            continue
        names.append(name)
    return names


def _continues_surname(name: str, previous: str, multi_token: int, total: int) -> bool:
    """'COROUGE' after 'Philippe ROUVIER' in a list of full names is the end of a compound surname."""
    return (
        len(name.split()) == 1
        and name.isupper()
        and len(name) > 2
        and len(previous.split()) >= 2
        and multi_token * 2 >= total
        and not previous.endswith(".")
    )


def name_key(name: str) -> frozenset[str]:
    """Tokens of a name for comparison: no civility, accents, case, initials or order."""
    text = strip_accents(strip_civility(name)).lower()
    tokens = re.findall(r"[a-z]+", text.replace("-", " "))
    return frozenset(token for token in tokens if len(token) > 1)


def same_person(a: str, b: str) -> bool:
    """'BONNET' = 'BONNET Nadine' = 'Nadine Bonnet'; 'MAYEUX M.' = 'Mariette MAYEUX'."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    return key_a <= key_b or key_b <= key_a
