"""What the entity page shows: every name by style and language, ids in other sources as links,
parents, children, homonyms and a small map."""

from __future__ import annotations

from dataclasses import dataclass

from rasm.gazetteer import Gazetteer
from rasm.model import STYLES, Entity
from rasm.web.mapsvg import map_svg
from rasm.web.relations import children, homonyms, parents

CHILDREN_SHOWN = 60
HOMONYMS_SHOWN = 30
_KIND_WORDS = {"place": ("place", "places"), "org": ("organisation", "organisations"),
               "person": ("person", "people")}
STYLE_LABELS = {
    "news": "news (house style)", "bgn": "BGN/PCGN", "alalc": "ALA-LC", "ascii": "plain ASCII",
    "arabic": "Arabic script", "source": "as the source writes it",
}
# Where a source id can be looked up by a person. Links out are plain <a> a reader may follow;
# the pages load nothing from these hosts.
SOURCE_URLS = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}"),
    "geonames": ("GeoNames", "https://www.geonames.org/{}"),
    "wof": ("Who's On First", "https://spelunker.whosonfirst.org/id/{}"),
    "ofac": ("OFAC", "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"),
}


@dataclass(frozen=True, slots=True)
class SourceId:
    ref: str  # "wikidata:Q41183"
    source: str  # "Wikidata"
    url: str | None


@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: Entity
    styles: list[tuple[str, str]]  # (label, name)
    langs: list[tuple[str, str]]
    aliases: list[str]
    source_ids: list[SourceId]
    parents: list[Entity]
    children: list[Entity]
    children_total: int
    homonyms: list[Entity]
    homonyms_total: int
    map_svg: str | None

    @property
    def homonyms_title(self) -> str:
        """"12 other places are called Judaydah"."""
        n, kind, name = self.homonyms_total, self.entity.kind, self.entity.canonical
        one, many = _KIND_WORDS.get(kind, (kind, kind + "s"))
        if n == 0:
            return f"No other {one} is called {name}"
        if n == 1:
            return f"1 other {one} is called {name}"
        return f"{n:,} other {many} are called {name}"


def source_ids(entity: Entity) -> list[SourceId]:
    refs = list(entity.refs)
    if entity.ref and not any(r.endswith(":" + entity.ref) for r in refs):
        refs.insert(0, f"wikidata:{entity.ref}" if entity.ref.startswith("Q") else entity.ref)
    out = []
    for ref in dict.fromkeys(refs):
        prefix, _, local = ref.partition(":")
        known = SOURCE_URLS.get(prefix)
        if known and local:
            out.append(SourceId(ref, known[0], known[1].format(local)))
        else:
            out.append(SourceId(ref, prefix or ref, None))
    return out


def _styles(entity: Entity) -> list[tuple[str, str]]:
    out = []
    for style in STYLES:
        name = entity.name_in(style)
        if name and (style in dict(entity.styles) or style in ("news", "arabic")):
            out.append((STYLE_LABELS.get(style, style), name))
    return out


def entity_page(gazetteer: Gazetteer, entity: Entity) -> EntityPage:
    kids = children(gazetteer, entity.id)
    same = homonyms(gazetteer, entity)
    drawn = None
    if entity.lat is not None and entity.lon is not None:
        drawn = map_svg(entity.lat, entity.lon, entity.canonical, entity.country)
    return EntityPage(
        entity=entity,
        styles=_styles(entity),
        langs=sorted(entity.langs),
        aliases=[a for a in entity.aliases if a != entity.canonical],
        source_ids=source_ids(entity),
        parents=parents(gazetteer, entity),
        children=kids[:CHILDREN_SHOWN],
        children_total=len(kids),
        homonyms=same[:HOMONYMS_SHOWN],
        homonyms_total=len(same),
        map_svg=drawn,
    )
