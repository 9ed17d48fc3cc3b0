"""Clean stage: pages as read → one normalised text.

Per page: Unicode NFC, ligatures, markdown syntax of converters, OCR fix-ups
(data in models/fixups.yaml), end-of-line hyphenation. Across pages: page
furniture repeated on many pages (prefecture stamps, margins, running headers)
is kept once, on the first page that carries it.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.columns import split_columns
from pipeline.config import load_rules
from pipeline.grids import tabulate_grids
from pipeline.margin_notes import lift_margin_notes
from pipeline.records import CleanText, Document
from pipeline.textutil import LETTER_DIGITS, fold, match_key

log = logging.getLogger(__name__)

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_TAGS = re.compile(r"</?(?:u|b|i|em|strong|span|sup|sub|mark|small)\b[^>]*>", re.IGNORECASE)
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)", re.MULTILINE)
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*(?:\n|$)", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([_*#\[\]()>|`-])")
_WORD_REST = re.compile(r"\w*")
_HYPHEN_BREAK = re.compile(r"(\w+)-(?:[ \t]*\n[ \t]*|[ \t]+(?=[a-zà-ÿ]{2,}\b))(\w)(?=(\w*-\w)?)")


@dataclass(frozen=True)
class Fixup:
    id: str
    pattern: re.Pattern[str]
    replace: str | Callable[[re.Match[str]], str]

    def apply(self, text: str) -> tuple[str, int]:
        return self.pattern.subn(self.replace, text)


#: The replacement of a fix-up that reads OCR's look-alike letters of a number as digits ('ll' → '11').
AS_DIGITS = "<digits>"


def _as_digits(match: re.Match[str]) -> str:
    """The match with its group ``n`` (else all of it) read as digits."""
    if "n" not in match.re.groupindex:
        return match.group().translate(LETTER_DIGITS)
    start, end = match.span("n")
    whole = match.group()
    return whole[: start - match.start()] + match["n"].translate(LETTER_DIGITS) + whole[end - match.start() :]


def split_words_fixup(words: list[str]) -> Fixup:
    """A fix-up joining two halves of one of ``words`` that OCR split with a space ('Con seil' → 'Conseil').

    The pattern finds a word starting as one of ``words`` does (its first two letters, any case or
    accent) followed by one space and the next word; the pair is joined when it spells one of ``words``."""
    known = frozenset(fold(word) for word in words)
    starts = sorted({"".join(_LETTER_CLASS.get(char, char) for char in fold(word)[:2]) for word in words})
    pattern = re.compile(rf"(?<![\wÀ-ÿ'’])((?i:{'|'.join(starts)})[^\W\d_]*) (?=([^\W\d_]{{2,}})(?![\wÀ-ÿ]))")

    def joined(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        return first if fold(first + second) in known else first + " "

    return Fixup("split_words", pattern, joined)


_LETTER_CLASS = {"e": "[eéèêë]", "a": "[aàâ]", "i": "[iîï]", "o": "[oô]", "u": "[uùûü]", "c": "[cç]"}


def fixups() -> list[Fixup]:
    """The OCR fix-ups of models/fixups.yaml, in their order."""
    return _rules()[0]


@functools.cache
def _rules() -> tuple[list[Fixup], dict[str, str], frozenset[str], re.Pattern[str]]:
    data = load_rules("fixups")
    fixups = [
        Fixup(item["id"], re.compile(item["pattern"]), _as_digits if item["replace"] == AS_DIGITS else item["replace"])
        for item in data["fixups"]
    ]
    fixups.append(split_words_fixup(data["split_words"]))
    keep = frozenset(word.lower() for word in data["hyphen_keep_heads"])
    return fixups, dict(data["ligatures"]), keep, re.compile(data["furniture_keep"], re.IGNORECASE)


@functools.cache
def _hyphen_join_words() -> frozenset[str]:
    return frozenset(fold(word) for word in load_rules("fixups")["hyphen_join_words"])


@functools.cache
def _relineation() -> tuple[int, re.Pattern[str]]:
    data = load_rules("fixups")
    return int(data["relineate_min_line"]), re.compile(r"(?<=\S)[ \t]+(?=" + data["relineate_before"] + ")")


def restore_lines(text: str, spell: Callable[[str], str] = lambda line: line) -> str:
    """Put line breaks back before labels when OCR lost them (a whole record on one line). The long
    lines are first given to ``spell`` (the OCR fix-ups): a label must be spelled right to be found
    ('0BJET')."""
    min_line, before = _relineation()
    lines = text.split("\n")
    if max((len(line) for line in lines), default=0) < min_line:
        return text
    restored = (before.sub("\n", spell(line)) if len(line) >= min_line else line for line in lines)
    return "\n".join(_objet_then_prose(part) for line in restored for part in line.split("\n"))


def _objet_then_prose(line: str) -> str:
    """On a restored line, the subject's title ends where a sentence starts ('Objet : Surtaxe syndicale … au
    1er juillet 2026 Pour financer le programme …'): a capitalised word and two lower-case words, after a
    word that is no article or preposition."""
    label = _OBJET_LABEL.match(line)
    if label is None:
        return line
    for start in _SENTENCE_AFTER_TITLE.finditer(line, label.end() + 20):
        previous = line[: start.start()].rsplit(" ", 1)[-1].lower()
        if previous not in _TITLE_LINKS:
            return f"{line[: start.start()]}\n{line[start.end() :]}"
    return line


_OBJET_LABEL = re.compile(r"(?:Objet|OBJET)\s*:\s*")
_SENTENCE_AFTER_TITLE = re.compile(r"(?<=[\wÀ-ÿ)»]) (?=[A-ZÀ-Ý][a-zà-ÿ'’]+ [a-zà-ÿ'’]+ [a-zà-ÿ'’]+)")
_TITLE_LINKS = frozenset(
    {"le", "la", "les", "de", "du", "des", "au", "aux", "et", "en", "sur", "pour", "par", "un", "une", "à"}
)


def clean(document: Document) -> CleanText:
    """Normalise every page and join them with form feeds."""
    fired: list[str] = []
    pages = [clean_page(page.text, fired) for page in document.pages]
    furniture = furniture_keys(pages)
    pages = drop_repeated_furniture(pages, furniture)
    starts: list[int] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1
    if fired:
        log.debug("%s: fix-ups %s", document.doc, sorted(set(fired)))
    return CleanText(
        doc=document.doc,
        text="\f".join(pages),
        page_starts=starts,
        fixes=sorted(set(fired)),
        furniture=sorted(furniture),
    )


def clean_page(text: str, fired: list[str] | None = None) -> str:
    """Normalise one page of text (pure; ``fired`` collects the ids of the fix-ups applied)."""
    fixups, ligatures, keep_heads, _ = _rules()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in ligatures.items():
        text = text.replace(ligature, letters)
    text = strip_markdown(text)
    text = tabulate_grids(text)
    text = split_columns(text)
    text = lift_margin_notes(text)
    text = restore_lines(text, lambda line: _fixed(line, fixups, fired))
    text = _fixed(text, fixups, fired)
    text = join_hyphenated(text, keep_heads)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _fixed(text: str, fixups: list[Fixup], fired: list[str] | None) -> str:
    """``text`` with every OCR fix-up applied (they are idempotent: applying them twice changes nothing)."""
    for fixup in fixups:
        fixed, count = fixup.apply(text)
        if count and fired is not None and fixed != text:
            fired.append(fixup.id)
        text = fixed
    return text


def strip_markdown(text: str) -> str:
    """Remove the markdown and HTML syntax that converters leave (headings, emphasis, tables, tags)."""
    if "<t" in text:
        text = _html_tables(text)
    text = _MD_BREAK.sub("\n", text)
    text = _MD_TAGS.sub("", text)
    text = _MD_TABLE_RULE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_BULLET.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return "\n".join(_table_row(line) for line in text.split("\n"))


_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TABLE_TAG = re.compile(r"</?(?:table|thead|tbody|tfoot|caption)\b[^>]*>\n?|<!--.*?-->", re.IGNORECASE | re.DOTALL)


def _html_tables(text: str) -> str:
    """HTML tables of converters ('<tr><td>24</td><td>17</td></tr>') as rows of tab-separated cells."""
    text = _HTML_ROW.sub(lambda row: "\t".join(" ".join(cell.split()) for cell in _HTML_CELL.findall(row[1])), text)
    return _HTML_TABLE_TAG.sub("", text)


def _table_row(line: str) -> str:
    """'| a | b |' → 'a<TAB>b' (markdown tables); other lines unchanged."""
    stripped = line.strip()
    if stripped.count("|") >= 2 and stripped.startswith("|") and stripped.endswith("|"):
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        return "\t".join(cells)
    return line


def join_hyphenated(text: str, keep_heads: frozenset[str]) -> str:
    """Join words split at a line end; keep the hyphen of compounds and of capitalised second parts,
    and of place names whose next part is hyphenated too ('Montils-\nsur-Seugne')."""

    def repl(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        place = head[0].isupper() and match.group(3) is not None
        rest = _WORD_REST.match(match.string, match.end())
        if fold(head + tail + (rest.group() if rest else "")) in _hyphen_join_words():
            return f"{head}{tail}"
        if tail.isupper() or head.lower() in keep_heads or head.isdigit() or place:
            return f"{head}-{tail}"
        return f"{head}{tail}"

    return _HYPHEN_BREAK.sub(repl, text)


#: A line counts as page furniture when found on this many pages at least (and on half of them):
#: a title in the agenda and again as a heading is on two pages, and is not furniture.
_MIN_FURNITURE_PAGES = 3


def furniture_keys(pages: list[str]) -> set[str]:
    """Match keys of the lines found on at least half the pages (two at least), votes excepted."""
    if len(pages) < 2:
        return set()
    _, _, _, keep = _rules()
    keys_per_page = [{match_key(line) for line in page.split("\n") if not keep.search(line)} for page in pages]
    counts = Counter(key for keys in keys_per_page for key in keys if len(key) >= 4)
    threshold = max(_MIN_FURNITURE_PAGES, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= threshold}


def drop_repeated_furniture(pages: list[str], furniture: set[str]) -> list[str]:
    """Keep lines repeated on many pages (stamps, margins) only where they first appear."""
    _, _, _, keep = _rules()
    seen: set[str] = set()
    result = []
    for page in pages:
        kept = []
        for line in page.split("\n"):
            key = match_key(line)
            if key in furniture and not keep.search(line):
                if key in seen:
                    continue
                seen.add(key)
            kept.append(line)
        result.append("\n".join(kept))
    return result
