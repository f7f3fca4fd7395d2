"""Children and homonyms: lookups the gazetteer does not keep, built once per gazetteer part on
first use (under a lock) and dropped with it."""

from __future__ import annotations

import bisect
import threading
import weakref

from rasm.gazetteer import Gazetteer, GazetteerPart
from rasm.model import Entity
from rasm.names.suggest import prefix_table, search_key

_CHILDREN: weakref.WeakKeyDictionary[GazetteerPart, dict[str, list[int]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def _children_of_part(part: GazetteerPart) -> dict[str, list[int]]:
    table = _CHILDREN.get(part)
    if table is None:
        with _LOCK:
            table = _CHILDREN.get(part)
            if table is None:
                table = {}
                for entity_no, entity in enumerate(part.entities):
                    if entity.parents:  # nearest parent only: the direct children
                        table.setdefault(entity.parents[0], []).append(entity_no)
                _CHILDREN[part] = table
    return table


def children(gazetteer: Gazetteer, entity_id: str) -> list[Entity]:
    """Entities whose nearest parent is `entity_id`, most populous first."""
    found = [part.entities[n] for part in gazetteer.parts
             for n in _children_of_part(part).get(entity_id, ())]
    return sorted(found, key=lambda e: (-(e.population or 0), e.canonical))


def parents(gazetteer: Gazetteer, entity: Entity) -> list[Entity]:
    """The entity's parents that the gazetteer holds, nearest first."""
    return [p for p in (gazetteer.get(i) for i in entity.parents) if p is not None]


def homonyms(gazetteer: Gazetteer, entity: Entity) -> list[Entity]:
    """Other entities of the same kind with a name that folds to the entity's canonical name
    (the other Judaydahs): an exact look-up in the sorted names `rasm.names.suggest` keeps."""
    key = search_key(entity.canonical)
    if not key:
        return []
    seen: dict[str, Entity] = {}
    for part in gazetteer.parts:
        table = prefix_table(part)
        i = bisect.bisect_left(table.keys, key)
        while i < len(table.keys) and table.keys[i] == key:
            other = part.entities[table.entity_nos[i]]
            if other.id != entity.id and other.kind == entity.kind:
                seen.setdefault(other.id, other)
            i += 1
    return sorted(seen.values(), key=lambda e: (e.country, -(e.population or 0), e.id))


def reset_caches() -> None:
    with _LOCK:
        _CHILDREN.clear()
