"""Decisions that need the whole document: whether a short or common name is a name here, and
which of several equally good entities a name means.

A weak mention (a short name like "Tal" or "Homs", or one that many places share) counts when
a place preposition precedes it ("in", "near", "village of"), when a confident place mention
stands next to it, or when it is a well-known entity of a country the document is about. Ties
between entities are settled by the document's confident places: the country most of them are
in, then closeness to them (coordinates), then hand-curated entries.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasm.model import Entity
from rasm.text_link import TIE_MARGIN, Hit, Span, notable
from rasm.text_wordlists import PLACE_PREPOSITIONS

NEIGHBOUR_CHARS = 40  # "Tal, Aleppo" or "Kafr Nabl and Tal": a confident place this close
NEAR_KM = 60.0
_PREVIOUS_WORD_RE = re.compile(r"([^\W\d_]+)[\s,]*$")


@dataclass(frozen=True, slots=True)
class Placed:
    """A span of the chunk analysis placed in the document."""

    start: int
    end: int
    span: Span


@dataclass(frozen=True, slots=True)
class Resolved:
    start: int
    end: int
    hit: Hit | None
    alternatives: tuple[Hit, ...]
    kind: str | None
    lemma: str | None = None


@dataclass
class _Document:
    countries: Counter[str]
    points: list[tuple[float, float]]
    country: str | None = None  # the country most confident mentions are in
    near_memo: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.country = self.countries.most_common(1)[0][0] if self.countries else None


def resolve(text: str, placed: Sequence[Placed]) -> list[Resolved]:
    """The mentions to report, each with its chosen entity (None when unlinked)."""
    doc = _document(placed)
    strong_places = [p for p in placed if p.span.hits and not p.span.weak]
    chosen: list[tuple[Placed, Hit, tuple[Hit, ...]] | None] = []
    supported: set[str] = set()  # entities named with support somewhere in the document
    for item in placed:
        span = item.span
        if not span.hits:
            chosen.append(None)
            continue
        tied = [h for h in span.hits if h.score >= span.hits[0].score - TIE_MARGIN]
        best = max(tied, key=lambda h: _fit(h, doc)) if len(tied) > 1 else tied[0]
        if not span.weak or _supported(text, item, best, doc, strong_places):
            supported.add(best.entity.id)
        chosen.append((item, best, tuple(h for h in tied if h is not best)[:4]))
    out: list[Resolved] = []
    for item, choice in zip(placed, chosen):
        if choice is None:
            out.append(Resolved(item.start, item.end, None, (), item.span.kind))
        elif choice[1].entity.id in supported:  # one sense per document: "hold Raqqa" counts
            _, best, alternatives = choice  # when "towards Raqqa" did
            out.append(Resolved(item.start, item.end, best, alternatives, best.entity.kind,
                                item.span.lemma))
    return out


def _document(placed: Sequence[Placed]) -> _Document:
    countries: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    for item in placed:
        span = item.span
        if not span.hits or span.weak:
            continue
        best = span.hits[0]
        # Only an unambiguous mention tells what the document is about.
        rival = span.hits[1] if len(span.hits) > 1 else None
        if rival and rival.score >= best.score - TIE_MARGIN and rival.entity.country != best.entity.country:
            continue
        if best.entity.country:
            countries[best.entity.country] += 1
        if best.entity.lat is not None and best.entity.lon is not None:
            points.append((best.entity.lat, best.entity.lon))
    return _Document(countries, points[:200])


def _fit(hit: Hit, doc: _Document) -> tuple[bool, bool, bool, bool, bool, float]:
    entity = hit.entity
    return (
        bool(entity.country) and entity.country == doc.country,
        _near(entity, doc),
        "curated" in entity.source,
        hit.matched == entity.canonical,  # the place called so, not a district named after it
        notable(entity),
        hit.score,
    )


def _near(entity: Entity, doc: _Document) -> bool:
    lat0, lon0 = entity.lat, entity.lon
    if lat0 is None or lon0 is None:
        return False
    near = doc.near_memo.get(entity.id)
    if near is None:
        near = doc.near_memo[entity.id] = any(
            _km(lat0, lon0, lat, lon) <= NEAR_KM for lat, lon in doc.points
        )
    return near


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Equirectangular distance: exact enough at the scale of a province.
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _supported(
    text: str, item: Placed, best: Hit, doc: _Document, strong: Sequence[Placed]
) -> bool:
    previous = _PREVIOUS_WORD_RE.search(text, max(0, item.start - 40), item.start)
    if previous and previous.group(1).lower() in PLACE_PREPOSITIONS and best.entity.kind == "place":
        return True
    for other in strong:
        if other is not item and (
            0 <= item.start - other.end <= NEIGHBOUR_CHARS or 0 <= other.start - item.end <= NEIGHBOUR_CHARS
        ):
            return True
    # Otherwise only a well-known entity of a country the document is about, and only when
    # few entities share the name ("Kerry" is a dozen villages, and John Kerry).
    country = best.entity.country
    crowded = sum(1 for h in item.span.hits if h.score >= best.score - TIE_MARGIN) >= 3
    return not crowded and notable(best.entity) and bool(country) and doc.countries.get(country, 0) > 0
