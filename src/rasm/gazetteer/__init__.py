"""`Gazetteer`: the entities rasm can name, with their index.

A gazetteer is one or more parts (the built-in tables, a user's TSV, ...), each indexed on its
own, so that adding a small user table to the built-in one does not re-index the large one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from rasm.errors import ArgumentError, RasmError
from rasm.gazetteer.parts import GazetteerPart as GazetteerPart
from rasm.gazetteer.tables import BUILTIN_TABLES as BUILTIN_TABLES
from rasm.model import Entity
from rasm.names.arabic import normalize_arabic


class Gazetteer:
    """Entities to match against. Build with `from_entities`, `load_gazetteer` or
    `builtin_gazetteer`; join several with `combine`."""

    def __init__(self, parts: Sequence[GazetteerPart]) -> None:
        self.parts = tuple(parts)
        for i, part in enumerate(self.parts):
            if not isinstance(part.entities, tuple):
                continue  # a compiled part was checked when it was built
            others = self.parts[:i] + self.parts[i + 1 :]
            seen: set[str] = set()
            for entity in part.entities:
                if entity.id in seen or any(_owns(other, entity.id) for other in others):
                    raise RasmError(f"entity id {entity.id!r} appears twice (in {part.name})")
                seen.add(entity.id)

    @classmethod
    def from_entities(cls, entities: Iterable[Entity], name: str = "entities") -> Gazetteer:
        if isinstance(entities, (str, bytes)) or not isinstance(entities, Iterable):
            raise ArgumentError("entities", f"must be an iterable of Entity, not {type(entities).__name__}")
        rows = tuple(entities)
        for entity in rows:
            if not isinstance(entity, Entity):
                raise ArgumentError("entities", f"holds a {type(entity).__name__}, not an Entity")
        return cls([GazetteerPart(rows, name)])

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
        return sum(len(part.entities) for part in self.parts)

    def __contains__(self, entity_id: object) -> bool:
        return isinstance(entity_id, str) and self.get(entity_id) is not None

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, else the entity that merged this source id (`wof:…`,
        `wikidata:Q…`, `geonames:…`, `ofac:…`; a bare `Q…` is read as a Wikidata id)."""
        if entity_id[:1] == "Q" and entity_id[1:].isdigit():
            entity_id = f"wikidata:{entity_id}"
        fallback = None
        for part in self.parts:
            for number in part.entity_numbers(entity_id):
                entity = part.entities[number]
                if entity.id == entity_id:
                    return entity
                fallback = fallback or entity
        return fallback

    def kinds(self) -> list[str]:
        return sorted({k for part in self.parts for k in part.facets()["kinds"]})

    def countries(self) -> list[str]:
        return sorted({c for part in self.parts for c in part.facets()["countries"]})

    def by_arabic(self, text: str) -> list[Entity]:
        """Entities whose Arabic form equals `text` up to orthographic variation."""
        from rasm.checks import check_text

        key = normalize_arabic(check_text(text, "text"))
        return [part.entities[n] for part in self.parts for n in part.arabic_numbers(key)]


def _owns(part: GazetteerPart, entity_id: str) -> bool:
    return any(part.entities[n].id == entity_id for n in part.entity_numbers(entity_id))


def load_gazetteer(path: str | Path) -> Gazetteer:
    """A user gazetteer from a TSV file (header `id, name`, optional `kind, arabic, aliases`...),
    compiled once and cached by its content (rasm.gazetteer.compiled.load_user_part)."""
    from rasm.checks import display_path
    from rasm.gazetteer.compiled import load_user_part

    if not isinstance(path, (str, Path)):
        raise ArgumentError("path", f"must be a str or Path, not {type(path).__name__}")
    path = Path(display_path(str(path))) if isinstance(path, str) else path
    return Gazetteer([load_user_part(path)])


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
    from rasm.gazetteer.compiled import load_builtin_parts

    return Gazetteer(load_builtin_parts())


def reset_caches() -> None:
    with _builtin_lock:
        _build_builtin.cache_clear()


def check_gazetteer(value: object, argument: str = "gazetteer") -> Gazetteer | None:
    """`value` when it is a Gazetteer or None; else an ArgumentError (a path gets a hint)."""
    if value is None or isinstance(value, Gazetteer):
        return value
    hint = " (load a TSV with rasm.load_gazetteer(path))" if isinstance(value, str) else ""
    raise ArgumentError(argument, f"must be a Gazetteer or None, not {type(value).__name__}"
                                  + hint)
