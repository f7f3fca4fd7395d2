"""The built-in tables in compiled form: one memory-mapped store per table (rasm.gazetteer.store).

Building the index of a million spellings takes minutes; opening it compiled takes
milliseconds, because nothing is read until a query touches it. Each store carries a stamp,
the hash of the table files and of the code that computes keys, and is used only when the stamp
matches: a stale compiled form is never read. Wheels ship the stores (setup.py compiles at build
time); a checkout compiles them on first use into the user cache directory (RASM_CACHE_DIR, else
~/.cache/rasm). User gazetteers are compiled the same way, keyed by the hash of their file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from pathlib import Path

from rasm.gazetteer.index import NameIndex
from rasm.gazetteer.parts import GazetteerPart, arabic_table, facet_table, id_table
from rasm.gazetteer.store import Store, write_store
from rasm.gazetteer.tables import BUILTIN_TABLES

log = logging.getLogger(__name__)

FORMAT = 3
# Code whose change changes the keys, hence the index.
_KEY_CODE = (
    "names/fold.py", "names/arabic.py", "gazetteer/index.py", "model.py", "gazetteer/tables.py",
    "gazetteer/compiled.py", "gazetteer/store.py", "names/scripts.py", "gazetteer/parts.py",
)


def table_paths(tables: Path) -> list[Path]:
    return [tables / name for name in BUILTIN_TABLES]


def code_stamp() -> hashlib._Hash:
    digest = hashlib.sha256(f"rasm-compiled-{FORMAT}".encode())
    package = Path(__file__).parents[1]  # src/rasm: _KEY_CODE names files from there
    for path in (package / name for name in _KEY_CODE):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest


def stamp(tables: Path) -> str:
    digest = code_stamp()
    for path in table_paths(tables):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_stamp(path: Path) -> str:
    """The stamp of one user table: its bytes and the key code."""
    digest = code_stamp()
    digest.update(path.read_bytes())
    return digest.hexdigest()


def compile_part(entities: list, name: str, stamp_value: str, target: Path) -> None:  # type: ignore[type-arg]
    """Index `entities` and write them as a store at `target`."""
    index = NameIndex.build(entities)
    strings, ints = index.columns()
    facets = facet_table(entities)
    write_store(
        target,
        header={"stamp": stamp_value, "name": name, "facets": facets},
        entities=entities,
        strings=strings,
        ints=ints,
        keys={**index.key_tables(), "ids": id_table(entities), "arabic": arabic_table(entities)},
    )


def open_part(path: Path, stamp_value: str) -> GazetteerPart | None:
    """The part in a store, or None when it is missing, unreadable or stale."""
    try:
        store = Store(path)
    except (OSError, ValueError, KeyError):
        return None
    if store.header.get("stamp") != stamp_value:
        return None
    return GazetteerPart(
        store.entities(),
        store.header["name"],
        NameIndex.from_store(store),
        ids=store.keys("ids"),
        arabic=store.keys("arabic"),
        facets=store.header["facets"],
    )


def _cache_dir() -> Path:
    return Path(os.environ.get("RASM_CACHE_DIR") or Path.home() / ".cache" / "rasm")


def _store_name(table: Path) -> str:
    return table.name.split(".")[0] + ".store"


def builtin_cache_dir(stamp_value: str) -> Path:
    """Where the built-in tables of this stamp are compiled for a checkout."""
    return _cache_dir() / f"builtin-{stamp_value[:16]}"


def compiled_stores(tables: Path, directory: Path, stamp_value: str) -> list[Path] | None:
    """The stores of every built-in table in `directory`, when all are there with this stamp."""
    stores = [directory / _store_name(p) for p in table_paths(tables)]
    if all(open_part(store, stamp_value) is not None for store in stores):
        return stores
    return None


def compile_builtin(tables: Path, target_dir: Path, stamp_value: str | None = None) -> None:
    """Compile every built-in table into `target_dir`."""
    from rasm.gazetteer.tables import read_entities

    stamp_value = stamp_value or stamp(tables)
    for path in table_paths(tables):
        started = time.monotonic()
        entities = read_entities(path)
        compile_part(entities, f"builtin:{path.name}", stamp_value, target_dir / _store_name(path))
        log.info("compiled %s (%d entities) in %.1f s", path.name, len(entities), time.monotonic() - started)


def load_builtin_parts() -> list[GazetteerPart]:
    from rasm.gazetteer.tables import tables_dir

    tables = tables_dir()
    stamp_value = stamp(tables)
    shipped = tables / "compiled"
    cached = builtin_cache_dir(stamp_value)
    for directory in (shipped, cached):
        parts = [open_part(directory / _store_name(p), stamp_value) for p in table_paths(tables)]
        if all(part is not None for part in parts):
            return [p for p in parts if p is not None]
    # Minutes of work, once per table version: say so rather than hang silently.
    print(f"rasm: compiling the built-in tables into {cached} (once per table version)...",
          file=sys.stderr, flush=True)
    try:
        compile_builtin(tables, cached, stamp_value)
    except OSError as exc:  # a read-only home: build in memory (slow, but it works)
        log.warning("could not cache the compiled tables at %s: %s", cached, exc)
        from rasm.gazetteer.tables import read_entities

        return [GazetteerPart(read_entities(p), f"builtin:{p.name}") for p in table_paths(tables)]
    parts = [open_part(cached / _store_name(p), stamp_value) for p in table_paths(tables)]
    return [p for p in parts if p is not None]


def load_user_part(path: Path) -> GazetteerPart:
    """A user gazetteer, compiled once into the cache (keyed by its content) and opened from
    there on later calls; in memory when the cache cannot be written."""
    from rasm.gazetteer.tables import read_entities

    try:
        stamp_value = file_stamp(path)
    except OSError:
        stamp_value = ""
    if stamp_value:
        target = _cache_dir() / "user" / f"{stamp_value[:24]}.store"
        part = open_part(target, stamp_value)
        if part is not None:
            part.name = str(path)
            return part
    entities = read_entities(path)
    if stamp_value:
        try:
            compile_part(entities, str(path), stamp_value, target)
            part = open_part(target, stamp_value)
            if part is not None:
                return part
        except OSError as exc:
            log.warning("could not cache the compiled gazetteer at %s: %s", target, exc)
    return GazetteerPart(entities, str(path))
