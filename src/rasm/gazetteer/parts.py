"""One part of a gazetteer (a table's entities, its index, look-ups by id and Arabic form) and
the key tables stored with a compiled part. Below both `rasm.gazetteer` (which joins parts) and
`rasm.gazetteer.compiled` (which writes and opens them), so neither imports the other's caller.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Mapping, Sequence

from rasm.gazetteer.index import NameIndex
from rasm.model import Entity
from rasm.names.arabic import normalize_arabic


class GazetteerPart:
    """One table's entities, their (lazily built) index, and look-ups by id and Arabic form.

    A part built from entities in memory computes its look-ups on first use; a part opened from
    a compiled store (rasm.gazetteer.compiled) reads them from the store's key tables instead."""

    def __init__(
        self,
        entities: Sequence[Entity],
        name: str,
        index: NameIndex | None = None,
        *,
        ids: Mapping[str, Sequence[int]] | None = None,
        arabic: Mapping[str, Sequence[int]] | None = None,
        facets: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.entities: Sequence[Entity] = entities if ids is not None else tuple(entities)
        self.name = name
        self._index = index
        self._ids = ids
        self._arabic = arabic
        self._facets = facets
        self._lock = threading.Lock()

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = NameIndex.build(self.entities)
                    # The index is a million long-lived objects without cycles: keep the cycle
                    # collector from walking them on every full collection (ms-long pauses
                    # in the middle of queries).
                    gc.freeze()
        return self._index

    def entity_numbers(self, entity_id: str) -> Sequence[int]:
        """Entities whose id, or one of whose source ids (`refs`), is `entity_id`."""
        if self._ids is None:
            with self._lock:
                if self._ids is None:
                    self._ids = id_table(self.entities)
        return self._ids.get(entity_id, ())

    def arabic_numbers(self, normalized: str) -> Sequence[int]:
        if self._arabic is None:
            with self._lock:
                if self._arabic is None:
                    self._arabic = arabic_table(self.entities)
        return self._arabic.get(normalized, ())

    def facets(self) -> Mapping[str, Sequence[str]]:
        """The kinds and countries present (for listings), without walking a stored part."""
        if self._facets is None:
            self._facets = facet_table(self.entities)
        return self._facets


def id_table(entities: Sequence[Entity]) -> dict[str, list[int]]:
    """id and source ids -> entity numbers; an entity's own id comes first."""
    table: dict[str, list[int]] = {}
    for number, entity in enumerate(entities):
        table.setdefault(entity.id, []).append(number)
    for number, entity in enumerate(entities):
        for ref in entity.refs:
            if ref != entity.id and number not in table.setdefault(ref, []):
                table[ref].append(number)
    return table


def arabic_table(entities: Sequence[Entity]) -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for number, entity in enumerate(entities):
        if entity.arabic:
            table.setdefault(normalize_arabic(entity.arabic), []).append(number)
    return table


def facet_table(entities: Iterable[Entity]) -> dict[str, list[str]]:
    kinds, countries = set(), set()
    for entity in entities:
        kinds.add(entity.kind)
        if entity.country:
            countries.add(entity.country)
    return {"kinds": sorted(kinds), "countries": sorted(countries)}
