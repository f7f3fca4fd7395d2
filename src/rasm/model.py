"""The value types rasm returns: entities from the tables and matches of a query against them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("place", "org", "person")
# Name styles an entity can be written in (docs/house_style.md): `news` is the default output.
STYLES = ("news", "bgn", "alalc", "ascii", "arabic", "source")


@dataclass(frozen=True, slots=True)
class Entity:
    """One thing a name can refer to, as a table row describes it."""

    id: str
    canonical: str
    kind: str
    arabic: str = ""
    aliases: tuple[str, ...] = ()
    country: str = ""
    placetype: str = ""
    lat: float | None = None
    lon: float | None = None
    ref: str = ""  # public reference, e.g. a Wikidata id
    source: str = ""  # where the row came from (table file or source dataset)
    population: int | None = None
    # Source ids this entity merged (wof:N, wikidata:Q…, geonames:N, ofac:N, …): any finds it.
    refs: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()  # ids of the places containing it, nearest first
    located: str = ""  # its parents as a reader names them: "Aleppo Governorate, Syria"
    styles: tuple[tuple[str, str], ...] = ()  # (style, name) for the styles in STYLES
    langs: tuple[tuple[str, str], ...] = ()  # (ISO 639-3 language, name) from the sources

    def name_in(self, style: str = "news") -> str:
        """The entity's name in a style of STYLES; the canonical name where it has none."""
        for key, value in self.styles:
            if key == style:
                return value
        if style == "arabic":
            return self.arabic
        return self.canonical

    def where(self) -> str:
        """The name with its parents, for telling homonyms apart: "Atarib, Aleppo Governorate, Syria"."""
        return f"{self.canonical}, {self.located}" if self.located else self.canonical

    def names(self) -> tuple[str, ...]:
        """Every Latin or native-script spelling the table gives, canonical first."""
        out = [self.canonical, *self.aliases]
        if self.arabic:
            out.append(self.arabic)
        return tuple(dict.fromkeys(n for n in out if n))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical": self.canonical,
            "kind": self.kind,
            "arabic": self.arabic or None,
            "aliases": list(self.aliases),
            "country": self.country or None,
            "placetype": self.placetype or None,
            "lat": self.lat,
            "lon": self.lon,
            "ref": self.ref or None,
            "source": self.source or None,
            "population": self.population,
            "refs": list(self.refs),
            "parents": list(self.parents),
            "located": self.located or None,
            "names": dict(self.styles),
            "langs": [list(pair) for pair in self.langs],
        }


# News names cities far more often than the governorates or districts named after them.
# A country's name means the country ("Iraq" is not the Yemeni hamlet Iraq).
PLACETYPE_RANK = {"country": 7, "locality": 6, "region": 5, "county": 4, "neighbourhood": 3}


def entity_preference(entity: Entity) -> tuple[bool, bool, int, int]:
    """Between entities a name fits equally well: a hand-curated one, one with a public
    reference, then the city before the district and governorate named after it, then the
    larger place (of 20 Judaydahs, the one a reader most likely means)."""
    return (
        "curated" in entity.source,
        bool(entity.ref),
        PLACETYPE_RANK.get(entity.placetype, 0),
        entity.population or 0,
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity a query could refer to, with the score and the evidence for it."""

    entity: Entity
    score: float  # 0..1
    method: str  # how it matched: exact, folded, phonetic, skeleton, fuzzy, arabic, ...
    matched: str  # the table spelling that matched
    # People and organisations: which name parts matched which (rasm.names.party_score).
    explain: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self, style: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.entity.id,
            "canonical": _styled(self.entity, style),
            "kind": self.entity.kind,
            "country": self.entity.country or None,
            "located": self.entity.located or None,
            "score": round(self.score, 4),
            "method": self.method,
            "matched": self.matched,
            "refs": list(self.entity.refs),
        }
        if self.explain:
            out["explain"] = self.explain
        return out


def admin_levels_of_one_place(a: Entity, b: Entity) -> bool:
    """A city and the district or governorate named after it (Deir ez-Zor the city, district
    and governorate): different placetypes, close together."""
    if a.kind != "place" or b.kind != "place" or a.placetype == b.placetype:
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return abs(a.lat - b.lat) < 0.5 and abs(a.lon - b.lon) < 0.5


def name_count(entity: Entity) -> int:
    return len(entity.aliases) + len(entity.langs)


def much_better_known(a: Entity, b: Entity) -> bool:
    """Places of one level only: a governorate always outnumbers its capital, yet a bare name
    means the city (entity_preference ranks the levels)."""
    if a.kind != "place" or b.kind != "place" or "curated" in b.source:
        return False
    if a.placetype != b.placetype:
        return False
    pa, pb = a.population or 0, b.population or 0
    if (bool(a.ref) and not b.ref and pa >= max(pb, 1)) or pa >= 10 * max(pb, 1000):
        return True
    # Without population or Wikidata, a place the world names in many languages and
    # spellings is better known than one with a name or two.
    return not pb and not b.ref and name_count(a) >= max(6, 3 * name_count(b))


@dataclass(frozen=True, slots=True)
class Match:
    """The answer to one query: the best candidate, or none, plus the close alternatives."""

    query: str
    best: Candidate | None
    alternatives: tuple[Candidate, ...] = ()
    key: str = ""  # the query's normalized key (groups spellings of unknown names)
    explain: dict[str, Any] = field(default_factory=dict)

    @property
    def entity(self) -> Entity | None:
        return self.best.entity if self.best else None

    @property
    def ambiguous(self) -> bool:
        """True when another entity scores (almost) as well as the best: another place, not
        the same town's district or governorate that carries its name, nor a hamlet beside a
        far better-known town of the same name."""
        best = self.best
        if best is None:
            return False
        return any(
            alt.score >= best.score - 0.02
            and not admin_levels_of_one_place(best.entity, alt.entity)
            and not much_better_known(best.entity, alt.entity)  # Raqqa, not a Yemeni hamlet
            for alt in self.alternatives
        )

    def to_dict(self, style: str | None = None, names: bool = False) -> dict[str, Any]:
        """The JSON shape of `rasm match` (the CLI contract). style: the name style of
        `canonical` (STYLES; default the canonical name); names: add `names`, the best entity's
        name in every style."""
        best = self.best
        out: dict[str, Any] = {
            "query": self.query,
            "id": best.entity.id if best else None,
            "canonical": _styled(best.entity, style) if best else None,
            "kind": best.entity.kind if best else None,
            "arabic": (best.entity.arabic or None) if best else None,
            "country": (best.entity.country or None) if best else None,
            "score": round(best.score, 4) if best else 0.0,
            "method": best.method if best else "none",
            "matched": best.matched if best else None,
            "located": (best.entity.located or None) if best else None,
            "lat": best.entity.lat if best else None,
            "lon": best.entity.lon if best else None,
            "population": best.entity.population if best else None,
            "refs": list(best.entity.refs) if best else [],
            "ambiguous": self.ambiguous,
            "key": self.key,
            "alternatives": [c.to_dict(style) for c in self.alternatives],
        }
        if names:
            out["names"] = {s: best.entity.name_in(s) or None for s in STYLES} if best else None
        if self.explain:
            out["explain"] = self.explain
        return out


def _styled(entity: Entity, style: str | None) -> str:
    """The entity's name in `style`; its canonical name when no style is asked for or the entity
    has no name in it."""
    if style is None:
        return entity.canonical
    if style not in STYLES:
        from rasm.errors import InputError

        raise InputError(f"unknown name style {style!r}; known: {', '.join(STYLES)}")
    return entity.name_in(style) or entity.canonical  # no name in that style (no Arabic)
