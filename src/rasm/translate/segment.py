"""Cutting documents into what a translation model can take, and batching the pieces.

- Paragraphs: lines, with their exact separators kept, so the translation has the same layout.
- Sentences: script-aware end punctuation (. ! ? … and Arabic ؟ ۔ plus closing quotes), not
  after a known abbreviation or an initial.
- Pieces: a sentence over the model's token limit is cut at clause punctuation (, ، ; ؛ :),
  then between words, never truncated.
- Batches: pieces sorted by length and grouped under a budget of padded tokens, so one long
  sentence does not make a whole batch of short ones pay for its padding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rasm.errors import InputError

# A paragraph ends at a line break; blank lines and indentation belong to the separator.
_PARAGRAPH_SEP_RE = re.compile(r"[ \t]*(?:\r\n|\r|\n)\s*")
# Sentence end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_SENTENCE_END_RE = re.compile(r"([.!?…؟۔]+[\"'»”’)\]]*)(\s+)")
# Words before a full stop that do not end a sentence (lower-cased, without the stop).
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "st", "mt", "jr",
    "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "approx", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "m", "mme", "mlle", "av", "cf",  # French
    "г", "гг", "т", "тт", "др", "пр", "им", "ул", "см", "стр",  # Russian
    "doç", "yrd",  # Turkish
})
_CLAUSE_RE = re.compile(r"(?<=[,،;؛:])\s+")
_SPACE_RE = re.compile(r"\s+")


def split_paragraphs(text: str) -> list[tuple[str, str]]:
    """(paragraph, separator after it) pairs; joining them all gives `text` back exactly.
    The first pair may have an empty paragraph when the text starts with whitespace."""
    out: list[tuple[str, str]] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        out.append(("", text[:lead]))
    pos = lead
    for match in _PARAGRAPH_SEP_RE.finditer(text, lead):
        out.append((text[pos:match.start()], match.group()))
        pos = match.end()
    if pos < len(text):
        body = text[pos:]
        stripped = body.rstrip()
        out.append((stripped, body[len(stripped):]))
    return out


def _ends_sentence(text: str, punct_start: int, punct: str) -> bool:
    if not punct.startswith("."):
        return True
    word = re.search(r"(\w+)$", text[:punct_start])
    if word is None:
        return True
    token = word.group(1)
    if token.lower() in _ABBREVIATIONS:
        return False
    # An initial ("J. Smith") or a letter-dot abbreviation ("U.S.") does not end a sentence.
    return not (len(token) == 1 and token.isalpha() and token.isupper())


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, whitespace between them excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(paragraph):
        if not _ends_sentence(paragraph, match.start(), match.group(1)):
            continue
        end = match.end(1)
        if paragraph[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]


def split_to_limit(text: str, count: Callable[[Sequence[str]], list[int]], limit: int) -> list[str]:
    """`text` as one or more pieces of at most `limit` tokens each (by `count`), cut at clause
    punctuation where possible, else between words, else (a "word" longer than the limit)
    between characters. Joining the pieces with spaces gives the text back, spacing aside."""
    if count([text])[0] <= limit:
        return [text]
    for splitter in (_clause_parts, _word_parts, _char_parts):
        parts = splitter(text)
        if len(parts) > 1:
            return [piece for chunk in _merge(parts, count, limit)
                    for piece in split_to_limit(chunk, count, limit)]
    return [text]  # a single character: nothing smaller exists


def _clause_parts(text: str) -> list[str]:
    return [p for p in _CLAUSE_RE.split(text) if p]


def _word_parts(text: str) -> list[str]:
    return [p for p in _SPACE_RE.split(text) if p]


def _char_parts(text: str) -> list[str]:
    half = len(text) // 2
    return [text[:half], text[half:]] if half else [text]


def _merge(parts: list[str], count: Callable[[Sequence[str]], list[int]], limit: int) -> list[str]:
    """Greedily join consecutive parts while the joined piece stays within `limit`."""
    sizes = count(parts)
    chunks: list[str] = []
    current: list[str] = []
    current_size = 0
    for part, size in zip(parts, sizes):
        # Each part's count includes one end-of-sentence token that joining removes.
        if current and current_size + size - 1 > limit:
            chunks.append(" ".join(current))
            current, current_size = [], 0
        current.append(part)
        current_size = current_size + size - (1 if current_size else 0)
    if current:
        chunks.append(" ".join(current))
    if len(chunks) == 1 and len(parts) > 1:
        # The estimate said everything fits but the whole did not: cut in the middle.
        middle = len(parts) // 2
        chunks = [" ".join(parts[:middle]), " ".join(parts[middle:])]
    return chunks


def token_budget_batches(lengths: Sequence[int], *, max_tokens: int,
                         max_sentences: int) -> list[list[int]]:
    """Indices of `lengths` grouped into batches, longest first, where each batch's padded size
    (count x longest) stays within `max_tokens` and its count within `max_sentences`. A single
    item over the budget gets a batch of its own."""
    if max_tokens < 1 or max_sentences < 1:
        raise InputError(f"batch limits must be positive, got max_tokens={max_tokens}, "
                         f"max_sentences={max_sentences}")
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        longest = lengths[current[0]] if current else lengths[i]
        if current and ((len(current) + 1) * longest > max_tokens
                        or len(current) >= max_sentences):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches
