"""Data extension (add columns from reconciled entities) and the HTML preview card.

Every field rasm holds is a property a user can add in OpenRefine: the name in each house style
(rasm.model.STYLES), Arabic, country, parents (as entities of this service) and where the
entity is, coordinates, population, place type, kind, other spellings, and the ids of the
sources it was merged from (Wikidata, GeoNames, Who's On First, OFAC).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from service.recon_values import KIND_NAMES, type_of

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer
    from rasm.model import Entity

Cell = dict[str, Any]  # {"str": ...}, {"int": ...}, {"float": ...} or {"id", "name"}
MAX_IDS = 1000
MAX_PROPERTIES = 64


@dataclass(frozen=True, slots=True)
class ExtProperty:
    id: str
    name: str
    description: str
    kinds: tuple[str, ...]  # the kinds it is proposed for
    values: Callable[[Entity, Gazetteer], list[Cell]]
    entity_valued: bool = False


def _strs(*texts: str) -> list[Cell]:
    return [{"str": t} for t in dict.fromkeys(texts) if t]


def _ref_values(prefix: str) -> Callable[[Entity, Gazetteer], list[Cell]]:
    def values(entity: Entity, gazetteer: Gazetteer) -> list[Cell]:
        found = [r.split(":", 1)[1] for r in entity.refs if r.startswith(prefix + ":")]
        if prefix == "wikidata" and entity.ref.startswith("Q"):
            found.append(entity.ref)
        return _strs(*found)
    return values


def _style(style: str) -> Callable[[Entity, Gazetteer], list[Cell]]:
    return lambda e, g: _strs(e.name_in(style))


def _parents(entity: Entity, gazetteer: Gazetteer) -> list[Cell]:
    out: list[Cell] = []
    for parent_id in entity.parents:
        parent = gazetteer.get(parent_id)
        out.append({"id": parent_id, "name": parent.canonical if parent else parent_id})
    return out


def _number(value: float | None, kind: str) -> list[Cell]:
    return [] if value is None else [{kind: value}]


ALL = ("place", "org", "person")
_STYLE_LABELS = {"news": "news style", "bgn": "BGN/PCGN", "alalc": "ALA-LC",
                 "ascii": "plain ASCII", "arabic": "Arabic script", "source": "as the source wrote it"}


def _build() -> dict[str, ExtProperty]:
    from rasm.model import STYLES

    props = [
        ExtProperty("canonical", "Canonical name", "rasm's canonical name", ALL,
                    lambda e, g: _strs(e.canonical)),
        *(ExtProperty(f"name_{s}", f"Name ({_STYLE_LABELS.get(s, s)})",
                      f"The name written in rasm's {s} style", ALL, _style(s)) for s in STYLES),
        ExtProperty("arabic", "Arabic name", "The name in Arabic script", ALL,
                    lambda e, g: _strs(e.arabic)),
        ExtProperty("kind", "Kind", "place, org or person", ALL,
                    lambda e, g: _strs(KIND_NAMES.get(e.kind, e.kind))),
        ExtProperty("country", "Country", "ISO 3166 code of the country", ALL,
                    lambda e, g: _strs(e.country)),
        ExtProperty("parents", "Parent places", "The places containing it, nearest first",
                    ("place",), _parents, entity_valued=True),
        ExtProperty("located", "Located in", "Its parents as a reader names them", ("place",),
                    lambda e, g: _strs(e.located)),
        ExtProperty("lat", "Latitude", "WGS 84 degrees", ("place",),
                    lambda e, g: _number(e.lat, "float")),
        ExtProperty("lon", "Longitude", "WGS 84 degrees", ("place",),
                    lambda e, g: _number(e.lon, "float")),
        ExtProperty("population", "Population", "As the source gives it", ("place",),
                    lambda e, g: _number(e.population, "int")),
        ExtProperty("placetype", "Place type", "locality, county, region, country, ...",
                    ("place",), lambda e, g: _strs(e.placetype)),
        ExtProperty("aliases", "Other spellings", "Every other spelling rasm knows", ALL,
                    lambda e, g: _strs(*e.aliases)),
        ExtProperty("wikidata", "Wikidata id", "Q-id of the Wikidata item", ALL,
                    _ref_values("wikidata")),
        ExtProperty("geonames", "GeoNames id", "GeoNames feature id", ("place",),
                    _ref_values("geonames")),
        ExtProperty("wof", "Who's On First id", "Who's On First place id", ("place",),
                    _ref_values("wof")),
        ExtProperty("ofac", "OFAC id", "OFAC sanctions list entry", ("org", "person"),
                    _ref_values("ofac")),
    ]
    return {p.id: p for p in props}


_PROPERTIES: dict[str, ExtProperty] | None = None


def properties() -> dict[str, ExtProperty]:
    global _PROPERTIES
    if _PROPERTIES is None:
        _PROPERTIES = _build()
    return _PROPERTIES


def property_json(p: ExtProperty) -> dict[str, str]:
    return {"id": p.id, "name": p.name, "description": p.description}


def propose(type_id: str | None, kind: str | None, limit: int | None) -> dict[str, Any]:
    """The properties worth adding for a type (all of them when the type is unknown)."""
    chosen = [property_json(p) for p in properties().values() if kind is None or kind in p.kinds]
    out: dict[str, Any] = {"properties": chosen[:limit] if limit else chosen}
    out["type"] = type_id or ""
    if limit:
        out["limit"] = limit
    return out


@dataclass(frozen=True, slots=True)
class ExtendRequest:
    ids: tuple[str, ...]
    pids: tuple[str, ...]


def parse_extend(data: Any) -> ExtendRequest:
    """`{"ids": [...], "properties": [{"id": ...}]}`; ids that are not strings are skipped."""
    from service.errors import FieldError, LimitExceeded

    if not isinstance(data, dict):
        raise FieldError("extend", "must be a JSON object with ids and properties")
    ids, props = data.get("ids"), data.get("properties")
    if not isinstance(ids, list):
        raise FieldError("extend.ids", "must be a list of entity ids")
    if not isinstance(props, list):
        raise FieldError("extend.properties", "must be a list of {id} objects")
    if len(ids) > MAX_IDS:
        raise LimitExceeded("max_batch", MAX_IDS, f"{len(ids)} ids; at most {MAX_IDS}")
    if len(props) > MAX_PROPERTIES:
        raise LimitExceeded("max_batch", MAX_PROPERTIES,
                            f"{len(props)} properties; at most {MAX_PROPERTIES}")
    from service.recon_query import safe_text

    pids = [p.get("id") if isinstance(p, dict) else p for p in props]
    return ExtendRequest(tuple(dict.fromkeys(safe_text(i) for i in ids if isinstance(i, str))),
                         tuple(dict.fromkeys(safe_text(p) for p in pids if isinstance(p, str))))


def _meta(pids: Sequence[str]) -> list[dict[str, Any]]:
    known = properties()
    meta = []
    for pid in pids:
        prop = known.get(pid)
        item: dict[str, Any] = {"id": pid, "name": prop.name if prop else f"{pid} (unknown)"}
        if prop is not None and prop.entity_valued:
            item["type"] = type_of("place")
        meta.append(item)
    return meta


def _cells(entity: Entity | None, pid: str, gazetteer: Gazetteer) -> list[Cell]:
    prop = properties().get(pid)
    if entity is None or prop is None:
        return []
    return prop.values(entity, gazetteer)


def extend_02(req: ExtendRequest, gazetteer: Gazetteer) -> dict[str, Any]:
    """`{"meta": [...], "rows": {id: {pid: [cells]}}}` (0.2)."""
    rows = {entity_id: {pid: _cells(gazetteer.get(entity_id), pid, gazetteer)
                        for pid in req.pids} for entity_id in req.ids}
    return {"meta": _meta(req.pids), "rows": rows}


def extend_10(req: ExtendRequest, gazetteer: Gazetteer) -> dict[str, Any]:
    """`{"meta": [...], "rows": [{"id", "properties": [{"id", "values"}]}]}` (1.0 draft)."""
    rows = [{"id": entity_id, "properties": [
        {"id": pid, "values": _cells(gazetteer.get(entity_id), pid, gazetteer)}
        for pid in req.pids]} for entity_id in req.ids]
    return {"meta": _meta(req.pids), "rows": rows}


def preview_html(entity: Entity, gazetteer: Gazetteer, base: str) -> str:
    """The card OpenRefine shows beside a candidate; every value escaped."""
    e = html.escape
    parents = [gazetteer.get(p) for p in entity.parents]
    parent_names = ", ".join(p.canonical for p in parents if p is not None)
    rows: list[tuple[str, str, str]] = [
        ("Kind", KIND_NAMES.get(entity.kind, entity.kind), ""),
        ("Arabic", entity.arabic, ' dir="rtl" lang="ar"'),
        ("Located", entity.located or parent_names, ""),
        ("Country", entity.country, ""),
        ("Place type", entity.placetype, ""),
        ("Population", f"{entity.population:,}" if entity.population else "", ""),
        ("Also written", ", ".join(entity.aliases[:10]), ""),
        ("Ids", " · ".join(entity.refs[:6]) or entity.ref, ""),
    ]
    if entity.lat is not None and entity.lon is not None:
        rows.append(("Coordinates", f"{entity.lat:.4f}, {entity.lon:.4f}", ""))
    body = "".join(f"<tr><th>{e(k)}</th><td{attrs}>{e(v)}</td></tr>"
                   for k, v, attrs in rows if v)
    page = e(f"{base}/e/{entity.id}")
    data = e(f"{base}/v1/entities/{entity.id}")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
        f"{e(entity.canonical)}</title><style>body{{font-family:sans-serif;font-size:0.85rem;"
        "margin:0.4em}th{text-align:left;padding-right:0.6em;vertical-align:top}"
        "</style></head><body>"
        f'<b>{e(entity.canonical)}</b> <small>{e(entity.id)}</small>'
        f"<table>{body}</table>"
        f'<small><a href="{page}" target="_blank">page</a> · '
        f'<a href="{data}" target="_blank">JSON</a></small></body></html>'
    )


def flyout_html(entity: Entity) -> str:
    """The short card of OpenRefine's suggest list (0.2 flyout)."""
    from service.reconcile import describe

    e = html.escape
    return f"<p><b>{e(entity.canonical)}</b><br><small>{e(describe(entity))}</small></p>"
