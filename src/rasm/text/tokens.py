"""Name-shaped stretches of running text ("chunks") and their word tokens, with exact offsets.

Offsets are Python string indices, i.e. Unicode code points: `text[start:end]` is always the
token's surface, whatever accents, ayn marks (’ ʿ) or Arabic letters it holds.

A Latin chunk is a run of capitalized words joined by spaces or hyphens, with the lowercase
words names carry inside them (al-, ez-, bin, of the ...): "Jabhat Fateh Al-Sham", "Deir
ez-Zor", "Army of Conquest". Only chunks are tokenized, so the cost of ordinary lowercase prose
is one regular-expression scan. A chunk never crosses a line break or punctuation. An Arabic
chunk is a run of Arabic-script words separated by spaces. Cyrillic names chunk as Latin ones
do, with the Russian spellings of the article ("Дейр-эз-Зор", "Джебхат ан-Нусра").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasm.text.wordlists import ARTICLES, CONNECTORS, CYRILLIC_ARTICLES

# Ayn/hamza marks and apostrophes that may open or sit inside a word (Sha’ar, ʿAyn, Qal'at).
MARKS = "’'ʿʾ`‘ʼ"
_ARABIC_LETTERS = (
    "\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\u0640\u0670"
    "\u200c"  # ZWNJ: inside Persian compounds and before suffixes ("حزب‌الله"), not a break
)
HYPHEN, SPACE = "-", " "


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    joined: str  # how it joins the previous token of its chunk: "-", " ", or "" for the first
    capital: bool  # starts with a capital letter (after an ayn mark, if any)


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int
    end: int
    text: str
    arabic: bool


@cache
def _uppercase_class() -> str:
    """Every uppercase or titlecase letter of the Basic Multilingual Plane, as a class body."""
    chars = [chr(c) for c in range(0x10000) if chr(c).isupper() or chr(c).istitle()]
    return "".join(re.escape(c) for c in chars)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    upper = _uppercase_class()
    # A word: letters/digits, with ayn marks inside but not a possessive "’s" at the end.
    body = rf"[^\W_]*(?:[{MARKS}](?!s\b)[^\W_]+)*"
    cap = rf"[{MARKS}]?[{upper}]{body}"
    low = rf"[^\W\d_]{body}"
    articles = _alternation(ARTICLES)
    connectors = _alternation(ARTICLES | CONNECTORS)
    cyrillic = _alternation(CYRILLIC_ARTICLES)
    # Lowercase units allowed inside a Latin chunk: an article hyphen-joined to any word
    # ("al-din"), or a connector word followed by a space or a hyphen. The Cyrillic articles
    # sit behind a look-ahead for a Cyrillic letter, so Latin text never tries them.
    inner = (
        rf"(?:(?:{articles})-{low}|(?:{connectors})(?=[ \t\u00a0-])"
        rf"|(?=[\u0400-\u04ff])(?:{cyrillic})(?:-{low}|(?=[ \t\u00a0-])))"
    )
    sep = r"(?:[ \t\u00a0]+|-)"
    # Speed: a chunk starts with a connector's first letter, an ayn mark, a capital or a
    # Cyrillic letter; the look-ahead turns every other word away after one test ("said").
    firsts = "".join(sorted({w[0] for w in ARTICLES | CONNECTORS}))
    start = rf"(?=[{firsts}{MARKS}{upper}\u0400-\u04ff])"
    latin = rf"(?<![^\W_]){start}(?:{inner}{sep})*{cap}(?:{sep}(?:{inner}{sep})*{cap})*"
    arabic_word = f"[{_ARABIC_LETTERS}]+"
    arabic = rf"{arabic_word}(?:[ \t\u00a0]+{arabic_word})*"
    chunk = re.compile(rf"(?P<lat>{latin})|(?P<ara>{arabic})")
    token = re.compile(rf"[{MARKS}]?[^\W_]{body}|{arabic_word}")
    return chunk, token


def _alternation(words: frozenset[str]) -> str:
    """The words as one regular-expression alternation, factored by their first letters
    ("a(?:l|d|sh?...)"), so a word is turned away after a test or two rather than one per word.
    Every use is followed by a hyphen or a space, so no two words match at one place and the
    order in which they are tried does not matter."""
    by_first: dict[str, list[str]] = {}
    ends_here = False
    for word in sorted(words):
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    branches = [re.escape(first) + _alternation(frozenset(rest)) for first, rest in by_first.items()]
    if not branches:
        return ""
    body = "|".join(branches)
    if ends_here:
        return f"(?:{body})?"
    return branches[0] if len(branches) == 1 else f"(?:{body})"


def chunk_pattern() -> re.Pattern[str]:
    """The pattern `chunks` scans with: group "lat" a Latin (or Cyrillic) chunk, "ara" an
    Arabic-script one. For callers that want the matches without Chunk objects."""
    return _patterns()[0]


def chunks(text: str) -> list[Chunk]:
    """Every name-shaped stretch of `text`, in order."""
    chunk_re, _ = _patterns()
    return [
        Chunk(m.start(), m.end(), m.group(), m.lastgroup == "ara") for m in chunk_re.finditer(text)
    ]


def tokens(chunk_text: str) -> tuple[Token, ...]:
    """The word tokens of one chunk, offsets relative to the chunk."""
    _, token_re = _patterns()
    out: list[Token] = []
    prev_end = -1
    for m in token_re.finditer(chunk_text):
        word = m.group()
        if prev_end < 0:
            joined = ""
        else:
            joined = HYPHEN if chunk_text[prev_end : m.start()] == "-" else SPACE
        first = word.lstrip(MARKS)[:1]
        out.append(Token(m.start(), m.end(), word, joined, first.isupper() or first.istitle()))
        prev_end = m.end()
    return tuple(out)


def is_article(word: str) -> bool:
    return word.lower() in ARTICLES


def reset_caches() -> None:
    _patterns.cache_clear()
    _uppercase_class.cache_clear()
