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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasm.model import Entity
from rasm.text_link import TIE_MARGIN, Hit, Span, notable
from rasm.text_wordlists import PLACE_PREPOSITIONS

NEIGHBOUR_CHARS = 40  # "Tal, Aleppo" or "Kafr Nabl and Tal": a confident place this close
NEAR_KM = 60.0
_PREVIOUS_WORD_RE = re.compile(r"([^\W\d_]+)[\s,]*$")


# Placed and Resolved are made for every mention of every document: plain slotted classes,
# since a frozen dataclass costs several times as much to create.
@dataclass(slots=True)
class Placed:
    """A span of the chunk analysis placed in the document."""

    start: int
    end: int
    span: Span


@dataclass(slots=True)
class Resolved:
    start: int
    end: int
    hit: Hit | None
    alternatives: tuple[Hit, ...]
    kind: str | None
    lemma: str | None = None


# No two points further apart in latitude than this are within NEAR_KM (the distance is at
# least the north-south one); the margin covers rounding.
_NEAR_LAT = math.degrees(NEAR_KM / 6371.0) * 1.001


@dataclass
class _Document:
    countries: Counter[str]
    points: list[tuple[float, float]]
    country: str | None = None  # the country most confident mentions are in
    near_memo: dict[str, bool] = field(default_factory=dict)
    # The points once each, by latitude: an entity is compared only with those in its band.
    by_lat: list[tuple[float, float]] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.country = self.countries.most_common(1)[0][0] if self.countries else None
        self.by_lat = sorted(set(self.points))
        self.lats = [lat for lat, _ in self.by_lat]


def resolve(text: str, placed: Sequence[Placed]) -> list[Resolved]:
    """The mentions to report, each with its chosen entity (None when unlinked)."""
    doc = _document(placed)
    strong = _Neighbours([p for p in placed if p.span.hits and not p.span.weak])
    chosen: list[tuple[Placed, Hit, tuple[Hit, ...]] | None] = []
    supported: set[str] = set()  # entities named with support somewhere in the document
    for item in placed:
        span = item.span
        if not span.hits:
            chosen.append(None)
            continue
        tied = span.tied
        if len(tied) > 1:
            best = tied[_choose(tied, span.fits, doc)]
            alternatives = tuple(h for h in tied if h is not best)[:4]
        else:
            best = tied[0]
            alternatives = ()
        if not span.weak or _supported(text, item, best, doc, strong):
            supported.add(best.entity.id)
        chosen.append((item, best, alternatives))
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
        evidence = item.span.evidence  # see Span: unlinked, weak and ambiguous spans tell nothing
        if evidence is None:
            continue
        country, point = evidence
        if country:
            countries[country] += 1
        if point is not None:
            points.append(point)
    return _Document(countries, points[:200])


def _choose(tied: tuple[Hit, ...], fits: tuple[tuple[bool, bool, bool, float], ...],
            doc: _Document) -> int:
    """Which of the tied hits fits the document best (the first of equals): in the document's
    country, then near its places, then what the hit says for itself (Span.fits,
    rasm.text_link.hit_fit). Nearness is computed only among the hits left by the country."""
    country = doc.country
    in_country = [bool(h.entity.country) and h.entity.country == country for h in tied]
    top = max(in_country)
    pool = [k for k, inside in enumerate(in_country) if inside == top]
    if len(pool) == 1:
        return pool[0]
    return max(pool, key=lambda k: (_near(tied[k].entity, doc), *fits[k]))


def _near(entity: Entity, doc: _Document) -> bool:
    lat0, lon0 = entity.lat, entity.lon
    if lat0 is None or lon0 is None:
        return False
    near = doc.near_memo.get(entity.id)
    if near is None:
        lo = bisect_left(doc.lats, lat0 - _NEAR_LAT)
        hi = bisect_right(doc.lats, lat0 + _NEAR_LAT, lo)
        near = False
        radians, cos, hypot = math.radians, math.cos, math.hypot
        for lat, lon in doc.by_lat[lo:hi]:
            # Equirectangular distance in km: exact enough at the scale of a province.
            x = radians(lon - lon0) * cos(radians((lat0 + lat) / 2))
            if 6371.0 * hypot(x, radians(lat - lat0)) <= NEAR_KM:
                near = True
                break
        doc.near_memo[entity.id] = near
    return near




class _Neighbours:
    """The confident mentions of a document, by start and by end, to find those within
    NEIGHBOUR_CHARS of a mention by binary search rather than a scan of all of them."""

    def __init__(self, strong: list[Placed]) -> None:
        self.by_end = sorted(strong, key=lambda p: p.end)
        self.ends = [p.end for p in self.by_end]
        self.by_start = sorted(strong, key=lambda p: p.start)
        self.starts = [p.start for p in self.by_start]

    def near(self, item: Placed) -> bool:
        """A confident mention (other than `item`) ends at most NEIGHBOUR_CHARS before it
        starts, or starts at most NEIGHBOUR_CHARS after it ends."""
        lo = bisect_left(self.ends, item.start - NEIGHBOUR_CHARS)
        hi = bisect_right(self.ends, item.start)
        if any(other is not item for other in self.by_end[lo:hi]):
            return True
        lo = bisect_left(self.starts, item.end)
        hi = bisect_right(self.starts, item.end + NEIGHBOUR_CHARS)
        return any(other is not item for other in self.by_start[lo:hi])


def _supported(
    text: str, item: Placed, best: Hit, doc: _Document, strong: _Neighbours
) -> bool:
    previous = _PREVIOUS_WORD_RE.search(text, max(0, item.start - 40), item.start)
    if previous and previous.group(1).lower() in PLACE_PREPOSITIONS and best.entity.kind == "place":
        return True
    if strong.near(item):
        return True
    # Otherwise only a well-known entity of a country the document is about, and only when
    # few entities share the name ("Kerry" is a dozen villages, and John Kerry).
    country = best.entity.country
    crowded = sum(1 for h in item.span.hits if h.score >= best.score - TIE_MARGIN) >= 3
    return not crowded and notable(best.entity) and bool(country) and doc.countries.get(country, 0) > 0
