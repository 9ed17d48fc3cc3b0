"""Numbers as records write them: digits, words ("vingt-sept", "deux mil"), "/" for zero, OCR slips."""

from __future__ import annotations

import re

from text_to_num import text2num

from pipeline.textutil import fold

#: French number words, folded (no accents); a run of these is a number in words.
NUMBER_WORDS = frozenset(
    [
        "zero",
        "un",
        "une",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
        "treize",
        "quatorze",
        "quinze",
        "seize",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
        "cent",
        "cents",
        "mille",
        "mil",
        "et",
        "premier",
        "premiere",
    ]
)
_WORD_RUN = re.compile(r"[a-z]+(?:[\s-]+[a-z]+)*")
#: Characters Tesseract substitutes for digits inside a number.
_DIGIT_SLIPS = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "l": "1",
        "I": "1",
        "i": "1",
        "|": "1",
        "{": "1",
        "}": "1",
        "S": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
    }
)


def words_to_int(text: str) -> int | None:
    """'vingt-sept' → 27, 'deux mil vingt CINQ' → 2025, 'premier' → 1; None if not a number."""
    words = fold(text).replace("-", " ").split()
    if not words or any(word not in NUMBER_WORDS for word in words):
        return None
    if words in (["premier"], ["premiere"], ["1er"]):
        return 1
    phrase = " ".join("mille" if word == "mil" else word for word in words)
    try:
        return int(text2num(phrase, "fr"))
    except ValueError:
        return None


def to_int(token: str, *, slash_is_zero: bool = False) -> int | None:
    """A count as written: '21', '1er', 'onze', '/' (zero in vote tables), 'l1' (OCR) → int."""
    token = token.strip().strip(".,;:()")
    if not token:
        return None
    if token in {"/", "-", "—", "–", "néant", "neant", "Néant", "NEANT", "NÉANT"}:
        return 0 if slash_is_zero or token.lower().startswith(("n", "N")) else None
    if re.fullmatch(r"\d{1,4}", token):
        return int(token)
    if re.fullmatch(r"1\s*(er|ère|ere)", token):
        return 1
    repaired = token.translate(_DIGIT_SLIPS)
    if re.fullmatch(r"\d{1,3}", repaired) and (any(c.isdigit() for c in token) or re.fullmatch(r"[il|{}]{2}", token)):
        return int(repaired)
    return words_to_int(token)


def number_words_before(text: str, end: int, max_words: int = 5) -> tuple[int, int] | None:
    """The number written in words or digits that ends at ``end`` in ``text``: (value, start)."""
    window = text[max(0, end - 60) : end]
    match = re.search(r"(\d{1,4})\s*$", window)
    if match:
        return int(match.group(1)), end - len(window) + match.start(1)
    tokens = list(re.finditer(r"[A-Za-zÀ-ÿ]+", window))
    best: tuple[int, int] | None = None
    for count in range(1, min(max_words, len(tokens)) + 1):
        first = tokens[-count]
        if window[tokens[-1].end() :].strip():
            break
        value = words_to_int(window[first.start() : tokens[-1].end()])
        if value is not None:
            best = (value, end - len(window) + first.start())
    return best
