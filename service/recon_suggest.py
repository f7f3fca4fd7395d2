"""Suggest services: entities as the user types (any spelling, any script, by prefix and by
rasm's fuzzy matcher: `rasm.names.suggest`), rasm's types, and the properties of queries and data
extension. An id from any source rasm holds, typed whole, names its entity first (the spec
asks that an identifier as prefix return its entity).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from service.recon_extend import properties, property_json
from service.recon_query import PROPERTIES
from service.recon_values import KIND_NAMES, entity_by_any_id, type_of

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer
    from rasm.model import Entity


def suggest_entities(prefix: str, gazetteer: Gazetteer, kind: str | None, limit: int,
                     offset: int) -> list[Entity]:
    """Entities for the prefix, best first; `offset` skips the first ones (paging)."""
    from rasm.errors import RasmError
    from rasm.names.suggest import suggest

    wanted = limit + offset
    out: list[Entity] = []
    direct = entity_by_any_id(gazetteer, prefix)
    if direct is not None and (kind is None or direct.kind == kind):
        out.append(direct)
    try:
        found = [c.entity for c in suggest(prefix, gazetteer=gazetteer, kind=kind, limit=wanted)]
    except RasmError:  # a prefix the library refuses (too long): nothing to suggest
        found = []
    out += [e for e in found if e.id not in {d.id for d in out}]
    return out[offset:wanted]


def entity_json(entity: Entity) -> dict[str, Any]:
    from service.reconcile import describe

    return {"id": entity.id, "name": entity.canonical, "description": describe(entity),
            "notable": [type_of(entity.kind)]}


def suggest_types(prefix: str, kinds: Sequence[str]) -> list[dict[str, str]]:
    key = prefix.strip().casefold()
    return [{**type_of(k), "description": f"rasm entities of kind {k}"}
            for k in kinds
            if not key or k.startswith(key) or KIND_NAMES.get(k, k).casefold().startswith(key)]


def suggest_properties(prefix: str) -> list[dict[str, str]]:
    """Query properties first (they change scores), then the data extension ones."""
    key = prefix.strip().casefold()
    out: dict[str, dict[str, str]] = {}
    for pid, description in PROPERTIES.items():
        out[pid] = {"id": pid, "name": description.split(":")[0], "description": description}
    for prop in properties().values():
        out.setdefault(prop.id, property_json(prop))
    return [p for p in out.values()
            if not key or p["id"].casefold().startswith(key)
            or any(w.startswith(key) for w in p["name"].casefold().split())
            or p["name"].casefold().startswith(key)]
