"""Names in running text: find the mentions of places, organisations and people, link each to
its entity, and rewrite the text to canonical spellings.

    >>> from rasm.text import normalize_text
    >>> normalize_text("Shelling hit Deir Ezzur.", gazetteer=g).text   # doctest: +SKIP
    'Shelling hit Deir ez-Zor.'

Offsets are Python string indices (Unicode code points) into the input: for every mention,
`text[m.start:m.end] == m.surface`. Everything that is not a mention is returned unchanged.

How: the text is scanned once for name-shaped chunks (`rasm.text_tokens`); each chunk's spans
are looked up by exact keys in the gazetteer's indexes (`rasm.text_link`, cached per chunk);
the document then decides short and ambiguous names (`rasm.text_context`). Unknown names that
look Arabic ("Zaid al-Saleh", "Tal X") are reported unlinked, with the key that groups their
spellings.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasm.errors import InputError
from rasm.gazetteer import Gazetteer
from rasm.matcher import DEFAULT_THRESHOLD, prepare
from rasm.model import KINDS
from rasm.text_context import Placed, Resolved, resolve
from rasm.text_link import Linker
from rasm.text_people import link_people
from rasm.text_tokens import chunks

STYLES = ("replace", "append", "identity")
MAX_DOCUMENT_CHARS = 50_000_000  # one document; a corpus goes through `rasm batch`


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another entity the mention could name about as well as the chosen one."""

    id: str
    canonical: str
    kind: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "canonical": self.canonical, "kind": self.kind,
                "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text. `id`/`canonical` are None for a name no table knows; `key` groups
    the spellings of one name either way."""

    start: int
    end: int
    surface: str
    id: str | None
    canonical: str | None
    kind: str | None
    score: float
    method: str  # exact, folded, phonetic, skeleton, tokens, arabic; "pattern" when unlinked
    key: str
    alternatives: tuple[Alternative, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "surface": self.surface, "id": self.id,
            "canonical": self.canonical, "kind": self.kind, "score": round(self.score, 4),
            "method": self.method, "key": self.key,
            "alternatives": [a.to_dict() for a in self.alternatives],
        }


@dataclass(frozen=True, slots=True)
class TextResult:
    text: str  # the rewritten text
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "mentions": [m.to_dict() for m in self.mentions]}


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


@lru_cache(maxsize=65536)
def _key(surface: str) -> str:
    return prepare(surface).key


def _check(text: object, kinds: Iterable[str] | None, threshold: float | None, style: str
           ) -> tuple[frozenset[str] | None, float]:
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            f"document is {len(text)} characters long; the limit is {MAX_DOCUMENT_CHARS} "
            "(split a corpus into documents)"
        )
    if style not in STYLES:
        raise InputError(f"unknown rewrite style {style!r}; known: {', '.join(STYLES)}")
    kind_set: frozenset[str] | None = None
    if kinds is not None:
        if isinstance(kinds, str):
            kinds = [kinds]
        kind_set = frozenset(kinds)
        unknown = sorted(kind_set - set(KINDS))
        if unknown:
            raise InputError(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
    cutoff = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    if not 0.0 <= cutoff <= 1.0:
        raise InputError(f"threshold must be between 0 and 1, got {threshold}")
    return kind_set, cutoff


def find_mentions(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    kinds: Iterable[str] | None = None,
    threshold: float | None = None,
    style: str = "replace",
) -> list[Mention]:
    """The mentions of `text`, in order, without overlaps (the longest name wins)."""
    kind_set, cutoff = _check(text, kinds, threshold, style)
    if not text:
        return []
    if gazetteer is None:
        from rasm.gazetteer import builtin_gazetteer

        gazetteer = builtin_gazetteer()
    linker = _linker(gazetteer, kind_set, cutoff)
    placed = [
        Placed(chunk.start + span.start, chunk.start + span.end, span)
        for chunk in chunks(text)
        for span in linker.analyse(chunk)
    ]
    # People by name parts, and later short mentions of people named in full (issue 13).
    return [_mention(text, r) for r in link_people(text, resolve(text, placed), cutoff)]


def _mention(text: str, r: Resolved) -> Mention:
    surface = text[r.start : r.end]
    alternatives = tuple(
        Alternative(h.entity.id, h.entity.canonical, h.entity.kind, h.score) for h in r.alternatives
    )
    if r.hit is None:
        return Mention(r.start, r.end, surface, None, None, r.kind, 0.0, "pattern", _key(surface))
    entity = r.hit.entity
    return Mention(r.start, r.end, surface, entity.id, entity.canonical, entity.kind, r.hit.score,
                   r.hit.method, _key(surface), alternatives)


def rewrite(text: str, mentions: Iterable[Mention], style: str = "replace") -> str:
    """`text` with each linked mention replaced by its canonical name ("replace"), followed by
    it in brackets ("append"), or left as it is ("identity")."""
    if style == "identity":
        return text
    parts: list[str] = []
    pos = 0
    for m in mentions:
        if m.canonical is None or m.surface == m.canonical:
            continue  # nothing to say: "Aleppo [Aleppo]" would only add noise
        parts.append(text[pos : m.start])
        parts.append(m.canonical if style == "replace" else f"{m.surface} [{m.canonical}]")
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts)


def normalize_text(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    kinds: Iterable[str] | None = None,
    threshold: float | None = None,
    style: str = "replace",
) -> TextResult:
    """Mentions of `text` and the text rewritten in `style` (replace, append, identity)."""
    mentions = find_mentions(text, gazetteer=gazetteer, kinds=kinds, threshold=threshold, style=style)
    return TextResult(rewrite(text, mentions, style), tuple(mentions))


def reset_caches() -> None:
    from rasm import text_tokens, text_wordlists

    with _lock:
        _linkers.clear()
    _key.cache_clear()
    text_tokens.reset_caches()
    text_wordlists.reset_caches()
