"""Stage 2 of running text: the spans of every chunk (stage 1, `rasm.text.tokens`), placed in
the document. Each chunk is read with the rules of its language (`rasm.text.lang`) and its
name-shaped spans are looked up (stage 3, `rasm.text.lookup`); what comes out goes to the
document context (stage 4, `rasm.text.context`).
"""

from __future__ import annotations

import re

from rasm.text.context import Placed
from rasm.text.lang import MAYBE_TURKISH, MORPH_LANGS, DocumentLanguages, chunk_script, turkish
from rasm.text.lookup import Linker, Span
from rasm.text.tokens import MARKS, Chunk, chunk_pattern


def _turkish_suffix(text: str) -> bool:
    split = turkish.split
    return any((cut := split(word)) is not None and cut.harmonic for word in text.split())


def placed(text: str, linker: Linker) -> list[Placed]:
    """The spans of every chunk, placed in the document, each chunk read with the rules of its
    language. A chunk of plain ASCII letters without an apostrophe (English prose, nearly
    always) needs none and takes the plain path at the cost of three string tests."""
    languages: DocumentLanguages | None = None  # identifies nothing until asked
    plain_cache = linker.plain_chunks
    rule_free = linker.rule_free
    out: list[Placed] = []
    for m in chunk_pattern().finditer(text):
        piece = m.group()
        if piece.isascii() and "'" not in piece and "`" not in piece:
            # Most chunks: seen before ("The", "Aleppo"), read from the cache untouched.
            spans = plain_cache.get(piece)
            if spans is None:
                spans = linker.analyse(Chunk(m.start(), m.end(), piece, m.lastgroup == "ara"))
        else:
            spans = rule_free.get(piece)
            if spans is None:
                chunk = Chunk(m.start(), m.end(), piece, m.lastgroup == "ara")
                if not chunk.arabic and _latin_without_rules(piece):
                    spans = rule_free[piece] = linker.analyse(chunk)
                else:
                    if languages is None:
                        languages = DocumentLanguages(text)
                    spans = _spans(text, chunk, _language(chunk, languages), linker)
        if spans:
            at = m.start()
            out.extend([Placed(at + span.start, at + span.end, span) for span in spans])
    return out


def _spans(text: str, chunk: Chunk, lang: str, linker: Linker) -> tuple[Span, ...]:
    if not lang:
        return linker.analyse(chunk)
    spans = linker.analyse(chunk, lang)
    if lang in _CAPITALIZING and spans and spans[0].start == 0 and spans[0].weak and (
        _sentence_initial(text, chunk.start)
    ):
        return spans[1:]  # "Heyet" (delegation) opening a sentence is no village Hayyat
    return spans


# Languages that capitalize only names and sentence starts, and have no list of common words
# here: a weak name (short, or not well known) at a sentence start is taken for a common word.
_CAPITALIZING = frozenset({"ru", "uk", "tr", MAYBE_TURKISH})
_OPENERS = " \t\u00a0«\"„“”'‘(—–-"


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 20) : pos].rstrip(_OPENERS)
    return not before or before[-1] in ".!?…:;\n" or (pos <= 20 and not before.strip())


_APOSTROPHE_RE = re.compile(f"[{MARKS}]")


def _language(chunk: Chunk, languages: DocumentLanguages) -> str:
    """The language whose rules apply to `chunk`, or "" (none: English and the like). Only
    Cyrillic and Arabic-script chunks, and Latin ones with a word that may carry a Turkish
    suffix ("Şam'da", not "Sha'ar"), ask the identifier."""
    text = chunk.text
    script = "arabic" if chunk.arabic else chunk_script(text)
    if script == "latin" and _latin_without_rules(text):
        return ""
    lang, sure = languages.at(chunk.start, script)
    if script == "latin" and not sure:
        return MAYBE_TURKISH
    return lang if lang in MORPH_LANGS else ""


def _latin_without_rules(text: str) -> bool:
    """A Latin-script chunk that no language's rules apply to, in any document: accented
    ("Ḩamāh"), or with an apostrophe but no Turkish suffix ("Sha'ar")."""
    return chunk_script(text) == "latin" and (
        _APOSTROPHE_RE.search(text) is None or not _turkish_suffix(text)
    )
