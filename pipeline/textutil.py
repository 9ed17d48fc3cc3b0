"""Small text helpers shared by the stages: folding for matching, lines with offsets, similarity.

Matching is done on a *folded* copy of the text that has exactly the same length
as the original (each character maps to one character: lower case, no accent,
straight apostrophe, plain dash), so a match span in the folded text is the
span of the original text.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

_SPECIAL = {
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "´": "'",
    "`": "'",
    "′": "'",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\t": " ",
    "\f": "\n",
    "œ": "œ",
    "Œ": "œ",
    "ß": "ß",
}


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    decomposed = unicodedata.normalize("NFD", lowered)
    base = decomposed[0]
    return base if base.isascii() or unicodedata.combining(base) == 0 else lowered


class _FoldTable(dict[int, str]):
    """str.translate table filled on first use of each character (translate runs in C)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


#: Lookbehinds for a period that is not a civility's ('M. Bertrand', 'Mme X', 'MM. X et Y'), in folded text.
NOT_AFTER_CIVILITY = r"(?<![\s(]m)(?<![\s(]mm)(?<!mme)(?<!mlle)"


def fold(text: str) -> str:
    """Lower-case, accent-free, typography-folded copy of ``text`` with the same length."""
    return text.translate(_FOLD_TABLE)


@functools.lru_cache(maxsize=4)
def folded_text(text: str) -> str:
    """:func:`fold` of a whole document text, kept for the last few texts: the stages fold slices of
    the same text hundreds of times, and folding maps each character to one, so
    ``folded_text(text)[start:end] == fold(text[start:end])``."""
    return fold(text)


def fold_span(text: str, start: int | None = None, end: int | None = None) -> str:
    """``fold(text[start:end])``, sliced from :func:`folded_text` (use it on a document text, not on pieces)."""
    return folded_text(text)[start:end]


def strip_accents(text: str) -> str:
    """``text`` without diacritics (length may change for decomposed input)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """A key for comparing short strings: folded, alphanumerics only, single spaces."""
    return " ".join(_KEY_WORD.findall(fold(text)))


_KEY_WORD = re.compile(r"[0-9a-zœß]+")


def similarity(a: str, b: str) -> float:
    """Similarity ratio (0–1) of two strings after :func:`match_key`."""
    key_a, key_b = match_key(a), match_key(b)
    if not key_a or not key_b:
        return 0.0
    return difflib.SequenceMatcher(None, key_a, key_b, autojunk=False).ratio()


def prefix_similarity(fragment: str, full: str) -> float:
    """How well ``fragment`` matches the start of ``full`` (a title cut by a stamp or a line end)."""
    key_fragment, key_full = match_key(fragment), match_key(full)
    if not key_fragment or not key_full:
        return 0.0
    head = key_full[: len(key_fragment)]
    return difflib.SequenceMatcher(None, key_fragment, head, autojunk=False).ratio()


def similarity_bound(a: str, b: str) -> float:
    """An upper bound of :func:`similarity`, much cheaper: the characters two keys share, in any order
    (what difflib's ``quick_ratio`` counts). A pair whose bound is under a threshold is under it too."""
    key_a, key_b = match_key(a), match_key(b)
    if not key_a or not key_b:
        return 0.0
    return _ratio_bound(key_a, key_b)


def prefix_similarity_bound(fragment: str, full: str) -> float:
    """An upper bound of :func:`prefix_similarity` (see :func:`similarity_bound`)."""
    key_fragment, key_full = match_key(fragment), match_key(full)
    if not key_fragment or not key_full:
        return 0.0
    return _ratio_bound(key_fragment, key_full[: len(key_fragment)])


def _ratio_bound(a: str, b: str) -> float:
    """``SequenceMatcher(None, a, b).ratio()`` or more: matched characters are shared characters."""
    common = (_characters(a) & _characters(b)).total()
    return 2.0 * common / (len(a) + len(b))


@functools.lru_cache(maxsize=8192)
def _characters(key: str) -> Counter[str]:
    return Counter(key)


@dataclass(frozen=True)
class Line:
    """One line of a text with its offsets."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Split ``text[start:end]`` into lines keeping absolute offsets (form feeds split too)."""
    stop = len(text) if end is None else end
    result = []
    position = start
    for separator in _LINE_BREAK.finditer(text, start, stop):
        result.append(Line(position, separator.start(), text[position : separator.start()]))
        position = separator.end()
    result.append(Line(position, stop, text[position:stop]))
    return result


_LINE_BREAK = re.compile(r"[\n\f]")


def table_header(text: str, row_start: int) -> list[str] | None:
    """The folded cells of the first row of the tab-separated table holding the row that starts at
    ``row_start`` (a table's rows are consecutive non-blank lines with tabs); None for that first row."""
    first = row_start
    while first > 0:
        previous = text.rfind("\n", 0, first - 1) + 1
        line = text[previous : first - 1]
        if "\t" not in line or not line.strip():
            break
        first = previous
    if first == row_start:
        return None
    end = text.find("\n", first)
    return [fold(cell).strip() for cell in text[first : end if end >= 0 else len(text)].split("\t")]


def header_column(cells: list[str], pattern: str) -> int | None:
    """The first (folded) header cell that starts with ``pattern``, or None."""
    return next((index for index, cell in enumerate(cells) if re.match(pattern, cell)), None)


def iter_paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of paragraphs (runs of non-blank lines) of ``text[start:end]``."""
    current: tuple[int, int] | None = None
    for line in lines_of(text, start, end):
        if line.blank:
            if current:
                yield current
            current = None
        elif current is None:
            current = (line.start, line.end)
        else:
            current = (current[0], line.end)
    if current:
        yield current


def collapse_spaces(text: str) -> str:
    """Single spaces, no line breaks, stripped."""
    return re.sub(r"\s+", " ", text).strip()


#: OCR's look-alike letters of digits, read back as digits ('lO' → '10', 'O40' → '040').
LETTER_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of two short strings, or ``limit + 1`` as soon as it must exceed ``limit``."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
