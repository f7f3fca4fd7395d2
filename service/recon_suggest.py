"""Suggest services: entities as the user types (any spelling, any script, by prefix and by
rasm's fuzzy matcher), rasm's types, and the properties of queries and data extension.

Entity suggestion goes through `rasm.suggest.suggest(prefix, *, gazetteer, kind, limit)` when
the library has it; until then `_fallback_suggest` here does the same job: an id from any
source first, then spellings that start with the prefix (after case, accents and Arabic
orthography are folded, as the index folds them), then the matcher's candidates for the
prefix as a whole name (typos, other transliterations).
"""

from __future__ import annotations

import bisect
import importlib
import threading
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from service.recon_extend import properties, property_json
from service.recon_query import PROPERTIES
from service.recon_values import KIND_NAMES, entity_by_any_id, type_of

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer, GazetteerPart
    from rasm.model import Entity

MAX_SCAN = 5000  # prefix hits looked at per part before ranking (short prefixes hit many)
SuggestFn = Callable[..., list[Any]]


def _library_suggest() -> SuggestFn | None:
    try:
        module = importlib.import_module("rasm.suggest")
    except ModuleNotFoundError:
        return None
    return cast(SuggestFn, getattr(module, "suggest", None))


class _PrefixTable:
    """One gazetteer part's spellings, folded and sorted, for bisecting on a prefix."""

    def __init__(self, part: GazetteerPart) -> None:
        # The index has folded every spelling already (case, accents, punctuation; Arabic
        # orthography; Cyrillic read as Latin): sort those, do not fold again.
        index = part.index
        pairs = sorted(set(zip(index.folded, index.entity_of, strict=True)))
        self.keys = [k for k, _ in pairs]
        self.entity_nos = [n for _, n in pairs]

    def hits(self, key: str) -> list[tuple[bool, int]]:
        """(whole spelling equals the prefix, entity number) for spellings starting with it."""
        start = bisect.bisect_left(self.keys, key)
        out = []
        for i in range(start, min(len(self.keys), start + MAX_SCAN)):
            if not self.keys[i].startswith(key):
                break
            out.append((self.keys[i] == key, self.entity_nos[i]))
        return out


_tables: weakref.WeakKeyDictionary[GazetteerPart, _PrefixTable] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _table(part: GazetteerPart) -> _PrefixTable:
    with _lock:
        table = _tables.get(part)
        if table is None:
            table = _tables[part] = _PrefixTable(part)
        return table


def _fold_prefix(prefix: str) -> str:
    """The prefix folded as the index folds whole spellings."""
    from rasm.errors import RasmError
    from rasm.index import name_keys
    from rasm.matcher import clean_query

    try:
        return name_keys(clean_query(prefix)).folded
    except RasmError:
        return ""


def _rank(entity: Entity, whole: bool) -> tuple[bool, bool, int, tuple[bool, bool, int]]:
    from rasm.matcher import entity_preference

    return (whole, entity.placetype == "locality", entity.population or 0,
            entity_preference(entity))


def _fallback_suggest(prefix: str, *, gazetteer: Gazetteer, kind: str | None = None,
                      limit: int = 10) -> list[Entity]:
    from rasm.errors import RasmError
    from rasm.matcher import match

    found: dict[str, tuple[tuple[Any, ...], Entity]] = {}
    key = _fold_prefix(prefix)
    if key:
        for part in gazetteer.parts:
            for whole, entity_no in _table(part).hits(key):
                entity = part.entities[entity_no]
                if kind and entity.kind != kind:
                    continue
                rank = (1, *_rank(entity, whole))
                if entity.id not in found or rank > found[entity.id][0]:
                    found[entity.id] = (rank, entity)
    ordered = [e for _, e in sorted(found.values(), key=lambda item: item[0], reverse=True)]
    if len(ordered) < limit:
        try:
            m = match(prefix, gazetteer=gazetteer, kind=kind, threshold=0.7, limit=limit)
        except RasmError:
            m = None
        if m is not None and m.best is not None:
            seen = {e.id for e in ordered}
            ordered += [c.entity for c in (m.best, *m.alternatives) if c.entity.id not in seen]
    return ordered[:limit]


def suggest_entities(prefix: str, gazetteer: Gazetteer, kind: str | None, limit: int,
                     offset: int) -> list[Entity]:
    """Entities for the prefix, best first: an id from any source names its entity first."""
    wanted = limit + offset
    out: list[Entity] = []
    direct = entity_by_any_id(gazetteer, prefix)
    if direct is not None and (kind is None or direct.kind == kind):
        out.append(direct)
    library = _library_suggest()
    if library is not None:
        cands = library(prefix, gazetteer=gazetteer, kind=kind, limit=wanted)
        found: list[Entity] = [c.entity for c in cands]  # rasm.model.Candidate
    else:
        found = _fallback_suggest(prefix, gazetteer=gazetteer, kind=kind, limit=wanted)
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
