"""Names in running text: find the mentions of places, organisations and people, link each to
its entity, and rewrite the text to canonical spellings.

    >>> from rasm.text import normalize_text
    >>> normalize_text("Shelling hit Deir Ezzur.", gazetteer=g).text   # doctest: +SKIP
    'Shelling hit Deir ez-Zor.'

Offsets are Python string indices (Unicode code points) into the input: for every mention,
`text[m.start:m.end] == m.surface`. Everything that is not a mention is returned unchanged.

The pipeline, one module per stage:
  1. `rasm.text.tokens`: the text scanned once for name-shaped chunks and their tokens;
  2. `rasm.text.spans`: each chunk read with the rules of its language (`rasm.text.lang`),
     its spans placed in the document;
  3. `rasm.text.lookup`: each span looked up by exact keys in the gazetteer's indexes (cached
     per chunk; word lists in `rasm.text.wordlists`);
  4. `rasm.text.context`: the document decides short and ambiguous names; `rasm.text.people`
     links people by name parts and their later short mentions;
  5. `rasm.text.rewriting`: `Mention`s in the chosen name style, and the text rewritten.
Unknown names that look Arabic ("Zaid al-Saleh", "Tal X") are reported unlinked, with the key
that groups their spellings. This module runs the stages and checks the arguments.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from typing import Any

from rasm.checks import check_kind, check_text, check_threshold
from rasm.errors import ArgumentError, InputError
from rasm.gazetteer import Gazetteer, check_gazetteer
from rasm.names.matcher import DEFAULT_THRESHOLD
from rasm.text.context import resolve
from rasm.text.lookup import Linker
from rasm.text.people import link_people
from rasm.text.rewriting import (
    REWRITES,
    STYLES,
    Alternative,
    Mention,
    TextResult,
    _key,
    mention,
    name_style_and_rewrite,
    rewrite,
)
from rasm.text.spans import placed

__all__ = [
    "MAX_DOCUMENT_CHARS",
    "REWRITES",
    "STYLES",
    "Alternative",
    "Mention",
    "TextResult",
    "find_mentions",
    "name_style_and_rewrite",
    "normalize_text",
    "reset_caches",
    "rewrite",
]


MAX_DOCUMENT_CHARS = 50_000_000  # one document; a corpus goes through `rasm batch`


_linkers: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[Any, ...], Linker]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def _linker(gazetteer: Gazetteer, kinds: frozenset[str] | None, threshold: float) -> Linker:
    with _lock:
        per_gazetteer = _linkers.setdefault(gazetteer, {})
        key = (kinds, threshold)
        linker = per_gazetteer.get(key)
        if linker is None:
            linker = per_gazetteer[key] = Linker(gazetteer, kinds, threshold)
        return linker


def _check(text: object, gazetteer: object, kinds: Iterable[str] | None,
           threshold: float | None) -> tuple[frozenset[str] | None, float]:
    if isinstance(text, str) and len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            f"document is {len(text)} characters long; the limit is {MAX_DOCUMENT_CHARS} "
            "(split a corpus into documents)"
        )
    check_text(text, "text")
    check_gazetteer(gazetteer)
    kind_set: frozenset[str] | None = None
    if kinds is not None:
        if isinstance(kinds, str):
            kinds = [kinds]
        if not isinstance(kinds, Iterable):
            raise ArgumentError("kinds", f"must be a list of kinds, not {type(kinds).__name__}")
        kind_set = frozenset(check_kind(k, "kinds") or "" for k in kinds)
    cutoff = check_threshold(threshold)
    return kind_set, DEFAULT_THRESHOLD if cutoff is None else cutoff


def find_mentions(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    kinds: Iterable[str] | None = None,
    threshold: float | None = None,
    style: str | None = None,
) -> list[Mention]:
    """The mentions of `text`, in order, without overlaps (the longest name wins); `canonical`
    in name style `style` (default news)."""
    style, _ = name_style_and_rewrite(style, None)
    kind_set, cutoff = _check(text, gazetteer, kinds, threshold)
    if not text:
        return []
    if gazetteer is None:
        from rasm.gazetteer import builtin_gazetteer

        gazetteer = builtin_gazetteer()
    linker = _linker(gazetteer, kind_set, cutoff)
    # People by name parts, and later short mentions of people named in full (issue 13).
    resolved = link_people(text, resolve(text, placed(text, linker)), cutoff)
    alternatives = linker.alternatives
    if len(alternatives) > _ALTERNATIVES_CACHED:
        alternatives.clear()
    return [mention(text, r, style, alternatives) for r in resolved]


_ALTERNATIVES_CACHED = 100_000


_rewrite = rewrite  # normalize_text's `rewrite=` keyword shadows the function


def normalize_text(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    kinds: Iterable[str] | None = None,
    threshold: float | None = None,
    rewrite: str | None = None,
    style: str | None = None,
) -> TextResult:
    """Mentions of `text` and the text rewritten: `rewrite` replace (default), append or
    identity; names in name style `style` (news by default; bgn, alalc, ascii, arabic, source)."""
    style, mode = name_style_and_rewrite(style, rewrite)
    mentions = find_mentions(text, gazetteer=gazetteer, kinds=kinds, threshold=threshold, style=style)
    return TextResult(_rewrite(text, mentions, mode), tuple(mentions))


def reset_caches() -> None:
    from rasm.text import tokens as text_tokens
    from rasm.text import wordlists as text_wordlists
    from rasm.text.lang import russian

    with _lock:
        _linkers.clear()
    _key.cache_clear()
    russian.reset_caches()
    text_tokens.reset_caches()
    text_wordlists.reset_caches()
