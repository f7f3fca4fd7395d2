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
from rasm.preference import prefer_well_known
from rasm.text_link import TIE_MARGIN, Hit, Span, notable
from rasm.text_wordlists import PLACE_PREPOSITIONS

NEIGHBOUR_CHARS = 40  # "Tal, Aleppo" or "Kafr Nabl and Tal": a confident place this close
NEAR_KM = 60.0
# Town mentions that make a document's context: fewer say too little ("Damascus to Beirut").
MIN_CONTEXT_TOWNS = 2
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
    # How often each entity counted in `countries`: a name is no evidence for itself.
    entities: Counter[str] = field(default_factory=Counter)
    towns: int = 0  # confident mentions of places below a province
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
        # Context first; among entities it cannot tell apart, the linker's order (the town
        # before the governorate named after it, the better-known place: rasm.preference).
        rank = {id(h): -n for n, h in enumerate(span.hits)}
        # In a list ("Mosul, Tikrit, Falluja") the neighbours' country decides first.
        near = _neighbour_countries(item, strong_places)
        pool = [h for h in tied if h.entity.country in near or _country_called_so(h)] or tied
        best = max(pool, key=lambda h: (_fit(h, doc), rank[id(h)])) if len(pool) > 1 else pool[0]
        # A governorate's centroid may lie nearer the document's places than its capital: the
        # bare name still means the town ("the road to Homs").
        best = prefer_well_known([best, *(h for h in pool if h is not best)])[0]
        # A common word alone, away from other places, in news of elsewhere: "من المدينة
        # القديمة" (from the old city) in news of Syria is not Medina.
        word_here = span.common and not near and _elsewhere(best.entity, doc)
        if not word_here and (not span.weak or _supported(text, item, best, doc, near)):
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
        elif item.span.name_like:  # "al-Safir": a name, though not the village it sounds like
            out.append(Resolved(item.start, item.end, None, (), item.span.kind))
    return out


def _document(placed: Sequence[Placed]) -> _Document:
    countries: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    entities: Counter[str] = Counter()
    towns = 0
    for item in placed:
        span = item.span
        if not span.hits or span.weak:
            continue
        best = span.hits[0]
        # Only an unambiguous mention tells what the document is about.
        rival = span.hits[1] if len(span.hits) > 1 else None
        if (
            rival and rival.score >= best.score - TIE_MARGIN
            and rival.entity.country != best.entity.country and not _country_called_so(best)
        ):
            continue
        if best.entity.country:
            countries[best.entity.country] += 1
            entities[best.entity.id] += 1
            towns += best.entity.kind == "place" and best.entity.placetype not in ("country", "region")
        if best.entity.lat is not None and best.entity.lon is not None:
            points.append((best.entity.lat, best.entity.lon))
    return _Document(countries, points[:200], entities=entities, towns=towns)


def _country_called_so(hit: Hit) -> bool:
    """"Iraq" is the country, not a village Iragh near the document's places."""
    return hit.entity.placetype == "country" and hit.matched == hit.entity.canonical


def _fit(hit: Hit, doc: _Document) -> tuple[bool, bool, bool, bool, bool, bool]:
    entity = hit.entity
    called_so = hit.matched == entity.canonical  # the place called so, not one named after it
    return (
        _country_called_so(hit),
        bool(entity.country) and entity.country == doc.country,
        _near(entity, doc),
        "curated" in entity.source,
        called_so,
        notable(entity),
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


def _elsewhere(entity: Entity, doc: _Document) -> bool:
    """A town of a country the document does not name, while its other towns (a few at least)
    are elsewhere; a country named ("Iraq") makes its towns at home. Used for common words
    alone, outside a list of places."""
    if entity.kind != "place" or entity.placetype in ("country", "region"):
        return False
    own = doc.entities[entity.id]
    return doc.towns - own >= MIN_CONTEXT_TOWNS and doc.countries[entity.country] - own <= 0


def _neighbour_countries(item: Placed, strong: Sequence[Placed]) -> set[str]:
    """The countries ("" for none) of the confident mentions right next to `item`."""
    return {
        other.span.hits[0].entity.country
        for other in strong
        if other is not item and (
            0 <= item.start - other.end <= NEIGHBOUR_CHARS or 0 <= other.start - item.end <= NEIGHBOUR_CHARS
        )
    }


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
