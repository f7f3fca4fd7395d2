"""Stage 5 of running text: the mentions the document context settled (`rasm.text.context`,
`rasm.text.people`) as `Mention`s with their names in the chosen name style, and the text
rewritten with them (replace, append or identity).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasm.checks import excerpt
from rasm.errors import ArgumentError
from rasm.model import STYLES as NAME_STYLES
from rasm.model import Entity
from rasm.names.matcher import prepare
from rasm.text.context import Resolved
from rasm.text.lookup import Hit

REWRITES = ("replace", "append", "identity")  # how the text is rewritten: the `rewrite=` mode
STYLES = REWRITES  # the old name of REWRITES; `style=` is now the name style (docs/house_style.md)


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
    # The form looked up when the language's grammar changed the surface: "Дамаск" for
    # "Дамаске", "Halep" for "Halep'i", "الرقة" for "للرقة"; None when the surface itself matched.
    lemma: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "surface": self.surface, "id": self.id,
            "canonical": self.canonical, "kind": self.kind, "score": round(self.score, 4),
            "method": self.method, "key": self.key,
            "alternatives": [a.to_dict() for a in self.alternatives], "lemma": self.lemma,
        }


@dataclass(frozen=True, slots=True)
class TextResult:
    text: str  # the rewritten text
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "mentions": [m.to_dict() for m in self.mentions]}


@lru_cache(maxsize=65536)
def _key(surface: str) -> str:
    return prepare(surface).key


def name_style_and_rewrite(style: str | None, rewrite: str | None) -> tuple[str, str]:
    """(name style, rewrite mode) from the keywords; `style="append"` (the old spelling of the
    rewrite mode) still works, with a DeprecationWarning."""
    if style in REWRITES:
        warnings.warn(f"style={style!r} names the rewrite mode; use rewrite={style!r} (style= is "
                      "now the name style: " + ", ".join(NAME_STYLES) + ")",
                      DeprecationWarning, stacklevel=3)
        if rewrite is None:
            rewrite = style
        style = None
    if style is not None and style not in NAME_STYLES:
        known = ", ".join(NAME_STYLES)
        raise ArgumentError("style", f"unknown name style {excerpt(style)}; known: {known} "
                                     "(rewrite modes go in rewrite=)")
    rewrite = "replace" if rewrite is None else rewrite
    if rewrite not in REWRITES:
        raise ArgumentError("rewrite", f"unknown rewrite mode {excerpt(rewrite)}; known: "
                                       f"{', '.join(REWRITES)}")
    return style or "news", rewrite


def _name(entity: Entity, style: str) -> str:
    return entity.canonical if style == "news" else entity.name_in(style) or entity.canonical


def mention(text: str, r: Resolved, style: str = "news",
             cache: dict[tuple[int, str], tuple[Hit, Alternative]] | None = None) -> Mention:
    surface = text[r.start : r.end]
    alternatives = tuple(_alternative(h, style, cache) for h in r.alternatives)
    if r.hit is None:
        return Mention(r.start, r.end, surface, None, None, r.kind, 0.0, "pattern", _key(surface))
    entity = r.hit.entity
    return Mention(r.start, r.end, surface, entity.id, _name(entity, style), entity.kind, r.hit.score,
                   r.hit.method, _key(r.lemma or surface), alternatives, r.lemma)


def _alternative(hit: Hit, style: str,
                 cache: dict[tuple[int, str], tuple[Hit, Alternative]] | None) -> Alternative:
    """The Alternative a hit makes, kept per hit object (the linker's hits are cached and
    recur in every document that names them); the entry holds the hit, so its id stays its."""
    key = (id(hit), style)
    found = cache.get(key) if cache is not None else None
    if found is not None:
        return found[1]
    entity = hit.entity
    alternative = Alternative(entity.id, _name(entity, style), entity.kind, hit.score)
    if cache is not None:
        cache[key] = (hit, alternative)
    return alternative


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
