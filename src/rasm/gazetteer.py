"""`Gazetteer`: the entities rasm can name, with their index.

A gazetteer is one or more parts (the built-in tables, a user's TSV, ...), each indexed on its
own, so that adding a small user table to the built-in one does not re-index the large one.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from rasm.arabic import normalize_arabic
from rasm.errors import RasmError
from rasm.index import NameIndex
from rasm.model import Entity


class GazetteerPart:
    """One table's entities and their (lazily built) index."""

    def __init__(self, entities: Sequence[Entity], name: str, index: NameIndex | None = None) -> None:
        self.entities = tuple(entities)
        self.name = name
        self._index = index
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


class Gazetteer:
    """Entities to match against. Build with `from_entities`, `load_gazetteer` or
    `builtin_gazetteer`; join several with `combine`."""

    def __init__(self, parts: Sequence[GazetteerPart]) -> None:
        self.parts = tuple(parts)
        self._by_id: dict[str, Entity] = {}
        for part in self.parts:
            for entity in part.entities:
                if entity.id in self._by_id:
                    raise RasmError(f"entity id {entity.id!r} appears twice (in {part.name})")
                self._by_id[entity.id] = entity
        self._arabic: dict[str, list[Entity]] | None = None

    @classmethod
    def from_entities(cls, entities: Iterable[Entity], name: str = "entities") -> Gazetteer:
        return cls([GazetteerPart(tuple(entities), name)])

    @classmethod
    def combine(cls, *gazetteers: Gazetteer) -> Gazetteer:
        return cls([part for g in gazetteers for part in g.parts])

    @property
    def entities(self) -> tuple[Entity, ...]:
        return tuple(e for part in self.parts for e in part.entities)

    def __iter__(self) -> Iterator[Entity]:
        for part in self.parts:
            yield from part.entities

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def kinds(self) -> list[str]:
        return sorted({e.kind for e in self})

    def countries(self) -> list[str]:
        return sorted({e.country for e in self if e.country})

    def by_arabic(self, text: str) -> list[Entity]:
        """Entities whose Arabic form equals `text` up to orthographic variation."""
        if self._arabic is None:
            table: dict[str, list[Entity]] = {}
            for entity in self:
                if entity.arabic:
                    table.setdefault(normalize_arabic(entity.arabic), []).append(entity)
            self._arabic = table
        return list(self._arabic.get(normalize_arabic(text), ()))


def load_gazetteer(path: str | Path) -> Gazetteer:
    """A user gazetteer from a TSV file (header `id, name`, optional `kind, arabic, aliases`...)."""
    from rasm.tables import read_entities

    return Gazetteer([GazetteerPart(read_entities(Path(path)), str(path))])


BUILTIN_TABLES = ("places.tsv", "orgs_persons.tsv", "actors.tsv")


_builtin_lock = threading.Lock()


def builtin_gazetteer() -> Gazetteer:
    """The tables shipped with rasm: Syrian, Iraqi, Lebanese and Jordanian places, organisations
    and people from sanctions and event data, and the curated actors of the Syrian war."""
    # functools.cache does not stop two threads from both building on a first call (eight
    # threads made eight copies): the lock makes the first build the only one.
    with _builtin_lock:
        return _build_builtin()


@cache
def _build_builtin() -> Gazetteer:
    from rasm.compiled import load_builtin_parts

    return Gazetteer(load_builtin_parts())


def reset_caches() -> None:
    with _builtin_lock:
        _build_builtin.cache_clear()
