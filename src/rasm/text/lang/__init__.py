"""Which language a stretch of running text is in, so that its own rules apply before look-up.

`rasm.text` asks only for the chunks that need an answer: a Cyrillic chunk (Russian or
Ukrainian declension), an Arabic-script chunk (Arabic proclitics or Persian ZWNJ and joined
articles) and a Latin chunk with a word that may carry a Turkish suffix after an apostrophe.
Plain English prose never asks, so it costs nothing. The answer is the language of the chunk's
paragraph (text between blank lines; a long one in blocks of 2,000 characters), read from its
first 300 characters by the translation layer's offline
identifier (`rasm.translate.langid`, letters and function words; no model); a short paragraph
with no evidence of its own takes the document's language of the same script, and a Latin one
that stays unplaced is read as `MAYBE_TURKISH` (suffixes split only where harmony allows).

Modules: `russian` (pymorphy3 normal forms, Russian and Ukrainian), `turkish` (apostrophe
suffixes, vowel harmony), `arabic_script` (Arabic proclitic stacks, Persian ZWNJ and joined
article). pymorphy3 comes with the `langs` extra and is loaded on first use.
"""

from __future__ import annotations

import bisect
import re

from rasm.translate.langid import identify

MORPH_LANGS = frozenset({"ru", "uk", "tr", "fa", "ar"})
# A Latin paragraph the identifier cannot place (a short headline without Turkish letters or
# words): Turkish suffixes are taken off only where they obey vowel harmony.
MAYBE_TURKISH = "tr?"
_SAMPLE_CHARS = 1_000  # enough of a document to tell its language
# The identifier reads every letter (a few microseconds each): it reads the first
# _PARAGRAPH_SAMPLE characters of each block of at most _BLOCK_CHARS.
_PARAGRAPH_SAMPLE = 300
_BLOCK_CHARS = 2_000
_SURE = 0.6
_PARAGRAPH_RE = re.compile(r"\n[ \t\u00a0]*\n\s*")


def chunk_script(text: str) -> str:
    """"cyrillic", "arabic" or "latin" for a chunk: the script of most of its letters (a Latin
    word with one Cyrillic homoglyph, "Сomment", is Latin)."""
    ch = text[0]
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff":
        return "arabic"
    cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u052f")
    return "cyrillic" if 2 * cyrillic > sum(1 for c in text if c.isalpha()) else "latin"


class DocumentLanguages:
    """The language of each paragraph of one document, computed on first need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._by_paragraph: dict[int, tuple[str, bool]] = {}
        self._document: dict[str, tuple[str, bool] | None] = {}

    def _paragraph(self, pos: int) -> tuple[int, int]:
        """The block of text holding `pos`: a paragraph (blank lines part them), or a stretch
        of at most _BLOCK_CHARS of a longer one."""
        if self._starts is None:
            starts = [0]
            for m in _PARAGRAPH_RE.finditer(self.text):
                starts.append(m.end())
            blocks: list[int] = []
            for a, b in zip(starts, [*starts[1:], len(self.text)]):
                blocks.extend(range(a, max(a + 1, b), _BLOCK_CHARS))
            self._starts = blocks
        k = bisect.bisect_right(self._starts, pos) - 1
        start = self._starts[k]
        end = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.text)
        return start, end

    def at(self, pos: int, script: str) -> tuple[str, bool]:
        """The ISO 639-1 language of the paragraph holding `pos` (its chunk in `script`), and
        whether the identifier was sure of it (itself or through the document)."""
        start, end = self._paragraph(pos)
        found = self._by_paragraph.get(start)
        if found is None:
            # Lowercased: the identifier weighs lowercase letters (ş, ğ, ı), and a Turkish
            # sentence may hold only capital ones ("Şam'a").
            guess = identify(self.text[start : min(end, start + _PARAGRAPH_SAMPLE)].lower())
            found = (guess.lang, guess.confidence >= _SURE)
            if not found[1] and guess.script == script:
                found = self._document_language(script) or found
            self._by_paragraph[start] = found
        return found

    def _document_language(self, script: str) -> tuple[str, bool] | None:
        if script not in self._document:
            guess = identify(self.text[:_SAMPLE_CHARS].lower())
            sure = guess.script == script and guess.confidence >= _SURE
            self._document[script] = (guess.lang, True) if sure else None
        return self._document[script]
