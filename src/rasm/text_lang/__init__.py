"""Which language a stretch of running text is in, so that its own rules apply before look-up.

`rasm.text` asks only for the chunks that need an answer: a Cyrillic chunk (Russian or
Ukrainian declension), an Arabic-script chunk (Arabic proclitics or Persian ZWNJ and joined
articles) and a Latin chunk with an apostrophe inside a word (a Turkish suffix, or an ayn in an
English romanization). Plain English prose never asks, so it costs nothing. The answer is the
language of the chunk's paragraph (text between line breaks) by the translation layer's offline
identifier (`rasm.translate.langid`, letters and function words; no model); a short paragraph
with no evidence of its own takes the document's language of the same script.

Modules: `russian` (pymorphy3 normal forms, Russian and Ukrainian), `turkish` (apostrophe
suffixes, vowel harmony), `arabic_script` (Arabic proclitic stacks, Persian ZWNJ and joined
article). pymorphy3 comes with the `langs` extra and is loaded on first use.
"""

from __future__ import annotations

import bisect

from rasm.translate.langid import identify

MORPH_LANGS = frozenset({"ru", "uk", "tr", "fa", "ar"})
_SAMPLE_CHARS = 20_000  # enough of a document to tell its language
_SURE = 0.6


def chunk_script(text: str) -> str:
    """"cyrillic", "arabic" or "latin" for a chunk, by its first letter."""
    ch = text[0]
    if "\u0400" <= ch <= "\u052f":
        return "cyrillic"
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff":
        return "arabic"
    return "latin"


class DocumentLanguages:
    """The language of each paragraph of one document, computed on first need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None
        self._by_paragraph: dict[int, str] = {}
        self._document: dict[str, str] = {}

    def _paragraph(self, pos: int) -> tuple[int, int]:
        if self._breaks is None:
            self._breaks = [i for i, ch in enumerate(self.text) if ch == "\n"]
        k = bisect.bisect_left(self._breaks, pos)
        start = self._breaks[k - 1] + 1 if k > 0 else 0
        end = self._breaks[k] if k < len(self._breaks) else len(self.text)
        return start, end

    def at(self, pos: int, script: str) -> str:
        """The ISO 639-1 language of the paragraph holding `pos` (its chunk in `script`)."""
        start, end = self._paragraph(pos)
        lang = self._by_paragraph.get(start)
        if lang is None:
            guess = identify(self.text[start:end])
            lang = guess.lang
            if guess.confidence < _SURE and guess.script == script:
                lang = self._document_language(script, lang)
            self._by_paragraph[start] = lang
        return lang

    def _document_language(self, script: str, fallback: str) -> str:
        lang = self._document.get(script)
        if lang is None:
            guess = identify(self.text[:_SAMPLE_CHARS])
            lang = guess.lang if guess.script == script and guess.confidence >= _SURE else fallback
            self._document[script] = lang
        return lang
