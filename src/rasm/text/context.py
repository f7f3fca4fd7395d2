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
from rasm.names.preference import named_by_common_word, prefer_well_known
from rasm.text.lookup import TIE_MARGIN, Hit, Span, notable
from rasm.text.wordlists import PLACE_PREPOSITIONS

NEIGHBOUR_CHARS = 40  # "Tal, Aleppo" or "Kafr Nabl and Tal": a confident place this close
NEAR_KM = 60.0
# Town mentions that make a document's context: fewer say too little ("Damascus to Beirut").
MIN_CONTEXT_TOWNS = 2
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
    # How often each entity counted in `countries`: a name is no evidence for itself.
    entities: Counter[str] = field(default_factory=Counter)
    towns: int = 0  # confident mentions of places below a province
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
        near = strong.countries(item)
        if len(tied) > 1:
            best = tied[_choose(tied, span.fits, doc, near)]
            alternatives = tuple(h for h in tied if h is not best)[:4]
        else:
            best = tied[0]
            alternatives = ()
        # A common word alone names only a well-known entity, and not one away from other
        # places in news of elsewhere: "من المدينة القديمة" (from the old city) in news of
        # Syria is neither Medina nor the village al-Madinah.
        word_here = span.common and (
            not named_by_common_word(best.entity) or (not near and _elsewhere(best.entity, doc))
        )
        if not word_here and (not span.weak or _supported(text, item, best, doc, near)):
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
        elif item.span.name_like:  # "al-Safir": a name, though not the village it sounds like
            out.append(Resolved(item.start, item.end, None, (), item.span.kind))
    return out


def _document(placed: Sequence[Placed]) -> _Document:
    countries: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    entities: Counter[str] = Counter()
    towns = 0
    for item in placed:
        evidence = item.span.evidence  # see Span: unlinked, weak and ambiguous spans tell nothing
        if evidence is None:
            continue
        country, point, entity_id, town = evidence
        if country:
            countries[country] += 1
            entities[entity_id] += 1
            towns += town
        if point is not None:
            points.append(point)
    return _Document(countries, points[:200], entities, towns)


def _choose(tied: tuple[Hit, ...], fits: tuple[tuple[bool, bool, bool, bool], ...],
            doc: _Document, near: set[str]) -> int:
    """Which of the tied hits fits the document best: a country called so ("Iraq"), then in a
    list the neighbours' country ("Mosul, Tikrit"), then the document's country, then near its
    places, then what the hit says for itself (Span.fits, rasm.text.lookup.hit_fit), then the
    linker's order (rasm.names.preference: the town before the governorate named after it).
    Nearness is computed only among the hits left by the countries."""
    countries = [h.entity.country for h in tied]
    pool = list(range(len(tied)))
    for keep in (
        [fit[0] for fit in fits],
        [country in near for country in countries],
        [bool(country) and country == doc.country for country in countries],
    ):
        narrowed = [k for k in pool if keep[k]]
        if narrowed:
            pool = narrowed
        if len(pool) == 1:
            return pool[0]
    best = max(pool, key=lambda k: (_near(tied[k].entity, doc), *fits[k], -k))
    # A governorate's centroid may lie nearer the document's places than its capital: the
    # bare name still means the town ("the road to Homs").
    first = prefer_well_known([tied[best], *(tied[k] for k in pool if k != best)])[0]
    return tied.index(first)


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

    def countries(self, item: Placed) -> set[str]:
        """The countries ("" for none) of the confident mentions (other than `item`) that end
        at most NEIGHBOUR_CHARS before it starts or start at most NEIGHBOUR_CHARS after it
        ends."""
        lo = bisect_left(self.ends, item.start - NEIGHBOUR_CHARS)
        hi = bisect_right(self.ends, item.start)
        before = self.by_end[lo:hi]
        lo = bisect_left(self.starts, item.end)
        hi = bisect_right(self.starts, item.end + NEIGHBOUR_CHARS)
        return {
            other.span.hits[0].entity.country
            for other in (*before, *self.by_start[lo:hi]) if other is not item
        }


def _elsewhere(entity: Entity, doc: _Document) -> bool:
    """A town of a country the document does not name, while its other towns (a few at least)
    are elsewhere; a country named ("Iraq") makes its towns at home. Used for common words
    alone, outside a list of places."""
    if entity.kind != "place" or entity.placetype in ("country", "region"):
        return False
    own = doc.entities[entity.id]
    return doc.towns - own >= MIN_CONTEXT_TOWNS and doc.countries[entity.country] - own <= 0


def _supported(text: str, item: Placed, best: Hit, doc: _Document, near: set[str]) -> bool:
    """Whether the document supports a weak mention; `near`: its neighbours' countries."""
    # Among 320k places of 27 countries, a capitalized word after "in" sounds like some
    # village somewhere ("in Dili" ~ Dilli, Turkey): a sound-alike of a little-known place
    # needs the document to be about its country as well.
    country = best.entity.country
    about_its_country = bool(country) and doc.countries.get(country, 0) > 0
    spelled = best.method in ("exact", "folded", "arabic") or notable(best.entity)
    previous = _PREVIOUS_WORD_RE.search(text, max(0, item.start - 40), item.start)
    if previous and previous.group(1).lower() in PLACE_PREPOSITIONS and best.entity.kind == "place":
        return spelled or about_its_country
    if near:
        # "Tal, Aleppo": a neighbour in the same country ("May God bless Syria" is not the
        # Iraqi village Muy).
        return not country or "" in near or country in near
    # Otherwise only a well-known entity of a country the document is about, and only when
    # few entities share the name ("Kerry" is a dozen villages, and John Kerry).
    crowded = sum(1 for h in item.span.hits if h.score >= best.score - TIE_MARGIN) >= 3
    return not crowded and notable(best.entity) and about_its_country
