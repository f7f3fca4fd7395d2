"""Places of the 27 countries from Who's On First (places_world.tsv.gz), one entity per place.

Used by build_tables.py. What it does, in order:
- one candidate entity per WOF row: English name, Arabic name, every other name as an alias and
  as a (language, name) pair, coordinates, population, place type, parents, source ids (`refs`);
- the Latin variants of places_sy.tsv and variants_levant.tsv join their WOF entity (same ids);
  the GeoNames rows of variants_levant join the WOF row with the same GeoNames id;
- known source errors: a Wikidata id on several rows far apart (two Yemeni hamlets carry Raqqa
  city's id and names) stays on the best row only (population, place type, names), and the other
  rows lose the foreign-language names they copied; rows of one Wikidata id close together
  (Jerusalem in IL and PS) become one entity;
- duplicates (same folded name, place type and country, under 5 km apart) become one entity;
- countries and governorates get the names readers use ("Idlib Governorate"; the bare name stays
  an alias), and every place says where it is (`located`: "Aleppo Governorate, Syria").
"""

from __future__ import annotations

import csv
import gzip
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(sys.maxsize)

# Language keys of WOF names (before `_x_`), by what rasm does with them.
ARABIC_LANGS = ("ara", "arz", "apc", "ajp", "acm", "ary", "arq")
ALIAS_LANGS = frozenset(
    (*ARABIC_LANGS, "eng", "und", "fas", "prs", "pus", "urd", "ckb", "kmr", "kur", "tur", "aze",
     "heb", "fra", "deu", "spa", "ita", "rus", "ukr")
)
# Languages whose names a copied Wikidata record brings along (see module docstring).
FOREIGN_LANGS = frozenset(ALIAS_LANGS - {"ara", "und", "eng"})
PLACETYPE_RANK = {"country": 6, "region": 5, "county": 4, "locality": 3, "localadmin": 2,
                  "neighbourhood": 1, "campus": 0}
DUPLICATE_KM = 5.0
SAME_THING_KM = 30.0
ADMIN_KM = 100.0  # a division and the town it is named after


@dataclass
class Place:
    id: str
    country: str
    placetype: str
    name: str
    parent: str
    region: str
    county: str
    lat: float | None
    lon: float | None
    population: int | None
    wikidata: str
    geonames: str
    names: list[tuple[str, str]]  # (language key such as "ara_x_preferred", name)
    extra: list[str] = field(default_factory=list)  # variants from the other source files
    refs: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # ids of duplicate rows absorbed


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_world(path: Path) -> Iterator[Place]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            names = []
            for item in row["names"].split("|"):
                key, sep, value = item.partition("=")
                if sep and value.strip():
                    names.append((key, value.strip()))
            population = row["population"].strip()
            yield Place(
                id=row["id"], country=row["country"], placetype=row["placetype"],
                name=row["name"].strip(), parent=row["parent_id"], region=row["region_id"],
                county=row["county_id"], lat=_float(row["lat"]), lon=_float(row["lon"]),
                population=int(population) if population.isdigit() else None,
                wikidata=row["wikidata"].strip(), geonames=row["geonames"].strip(), names=names,
            )


def km(a: Place, b: Place) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def weight(place: Place) -> tuple[int, int, int, str]:
    """Which of several rows is the real thing: place type, population, names."""
    return (PLACETYPE_RANK.get(place.placetype, 0), place.population or 0, len(place.names),
            place.id)


def lang_of(key: str) -> str:
    return key.split("_", 1)[0]


def absorb(keeper: Place, other: Place) -> None:
    keeper.names += [n for n in other.names if n not in keeper.names]
    keeper.extra += [other.name, *other.extra]
    keeper.merged += [other.id, *other.merged]
    keeper.population = keeper.population or other.population
    keeper.wikidata = keeper.wikidata or other.wikidata
    keeper.geonames = keeper.geonames or other.geonames


def fix_wikidata(places: list[Place], fixes: list[str]) -> list[Place]:
    """One Wikidata id, one entity: rows close together merge; far ones lose the id and the
    foreign names they copied."""
    by_qid: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if place.wikidata:
            by_qid[place.wikidata].append(place)
    gone: set[str] = set()
    for qid, group in by_qid.items():
        if len(group) < 2:
            continue
        group.sort(key=weight, reverse=True)
        # A city's item often sits on the governorate and district named after it too (Baghdad,
        # Erbil, Doha): the item is the city's, the divisions stay entities of their own.
        towns = [g for g in group if g.placetype == "locality" and km(g, group[0]) <= ADMIN_KM]
        keeper = max(towns, key=weight) if towns else group[0]
        for other in (g for g in group if g is not keeper):
            if km(keeper, other) <= SAME_THING_KM and keeper.placetype == other.placetype:
                absorb(keeper, other)
                gone.add(other.id)
                fixes.append(f"{other.id} merged into {keeper.id}: same Wikidata {qid}")
            elif km(keeper, other) <= ADMIN_KM:
                other.wikidata = ""
                fixes.append(f"{other.id} ({other.placetype}): Wikidata {qid} is the "
                             f"{keeper.placetype} {keeper.id}'s")
            else:
                other.wikidata = ""
                other.names = [n for n in other.names if lang_of(n[0]) not in FOREIGN_LANGS]
                fixes.append(
                    f"{other.id}: Wikidata {qid} belongs to {keeper.id} ({keeper.name}); "
                    "id and copied foreign names dropped"
                )
    return [p for p in places if p.id not in gone]


def fold_name(text: str) -> str:
    import unicodedata

    base = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]+", "", "".join(c for c in base if not unicodedata.combining(c)).lower())


def merge_duplicates(places: list[Place], merges: list[str]) -> list[Place]:
    """Same folded name, place type and country under DUPLICATE_KM apart: one place."""
    groups: dict[tuple[str, str, str], list[Place]] = defaultdict(list)
    for place in places:
        groups[(place.country, place.placetype, fold_name(place.name))].append(place)
    gone: set[str] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=weight, reverse=True)
        for i, keeper in enumerate(group):
            if keeper.id in gone:
                continue
            for other in group[i + 1 :]:
                if other.id in gone or km(keeper, other) > DUPLICATE_KM:
                    continue
                if keeper.wikidata and other.wikidata and keeper.wikidata != other.wikidata:
                    continue  # two things, each with its own item
                absorb(keeper, other)
                gone.add(other.id)
                merges.append(f"{other.id} merged into {keeper.id}: {keeper.name!r} under 5 km")
    return [p for p in places if p.id not in gone]


def add_source_variants(places: dict[str, Place], data: Path, fixes: list[str]) -> list[dict[str, str]]:
    """Variants of places_sy and variants_levant onto their WOF places; the GeoNames rows of
    variants_levant onto the WOF place with that GeoNames id. Returns the rows left over."""
    for row in _tsv(data / "places_sy.tsv"):
        place = places.get(row["id"])
        if place is not None:
            place.extra += [v for v in row["variants"].split("|") if v.strip()]
            if row["canonical"].strip() and row["canonical"].strip() != place.name:
                place.extra.append(row["canonical"].strip())
    by_geonames = {p.geonames: p for p in places.values() if p.geonames}
    left: list[dict[str, str]] = []
    for row in _tsv(data / "variants_levant.tsv"):
        entity_id = row["entity_id"]
        place = places.get(entity_id)
        if place is None and entity_id.startswith("gn:"):
            place = by_geonames.get(entity_id[3:])
        if place is None:
            left.append(row)
            continue
        place.extra.append(row["variant"])
        if row["canonical"].strip() != place.name:
            place.extra.append(row["canonical"].strip())
        if not any(lang_of(k) == "ara" for k, _ in place.names) and row["arabic"].strip():
            place.names.append(("ara_x_variant", row["arabic"].strip()))
    return left


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def arabic_of(place: Place) -> str:
    for lang in ARABIC_LANGS:
        for key, value in place.names:
            if key == f"{lang}_x_preferred":
                return value
    for key, value in place.names:
        if lang_of(key) in ARABIC_LANGS:
            return value
    return ""


def chain(place: Place, by_id: dict[str, Place]) -> list[Place]:
    """The place's parents, nearest first, up to its country (cycles and gaps tolerated)."""
    out: list[Place] = []
    seen = {place.id}
    current = place
    while current.parent and current.parent not in seen:
        parent = by_id.get(current.parent)
        if parent is None:
            break
        out.append(parent)
        seen.add(parent.id)
        current = parent
    return out


def located(parents: list[Place], display: Callable[[Place], str]) -> str:
    """"Aleppo, Aleppo Governorate, Syria": the nearest town (for a neighbourhood), the region
    and the country; districts are left out, as readers rarely name them."""
    shown = []
    for i, parent in enumerate(parents):
        if parent.placetype in ("region", "country") or (i == 0 and parent.placetype == "locality"):
            shown.append(display(parent))
    return ", ".join(dict.fromkeys(shown))
