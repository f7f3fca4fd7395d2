"""The built-in tables in compiled form: entities and index marshalled to one file.

Building the index of ~150k spellings takes seconds; loading it compiled takes a fraction of a
second. The compiled file carries a stamp, the hash of the table files and of the code that
computes keys, and is used only when the stamp matches: a stale compiled form is never read.
Wheels ship it (setup.py compiles at build time); a checkout compiles it on first use into the
user cache directory (RASM_CACHE_DIR, else ~/.cache/rasm).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import tempfile
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from rasm.gazetteer import BUILTIN_TABLES, GazetteerPart
from rasm.index import NameIndex
from rasm.model import Entity

log = logging.getLogger(__name__)

FORMAT = 2
# Code whose change changes the keys, hence the index.
_KEY_CODE = ("fold.py", "arabic.py", "index.py", "model.py", "tables.py", "compiled.py")
_INDEX_FIELDS = [f.name for f in fields(NameIndex)]


def table_paths(tables: Path) -> list[Path]:
    return [tables / name for name in BUILTIN_TABLES]


def stamp(tables: Path) -> str:
    digest = hashlib.sha256(f"rasm-compiled-{FORMAT}".encode())
    package = Path(__file__).parent
    for path in [*table_paths(tables), *(package / name for name in _KEY_CODE)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_parts(tables: Path) -> list[GazetteerPart]:
    from rasm.tables import read_entities

    parts = []
    for path in table_paths(tables):
        entities = read_entities(path)
        parts.append(GazetteerPart(entities, f"builtin:{path.relative_to(tables)}", NameIndex.build(entities)))
    return parts


def dump(parts: list[GazetteerPart], stamp_value: str, target: Path) -> None:
    payload = {
        "stamp": stamp_value,
        "parts": [
            {
                "name": part.name,
                "entities": [astuple(e) for e in part.entities],
                "index": {name: getattr(part.index, name) for name in _INDEX_FIELDS},
            }
            for part in parts
        ],
    }
    data = marshal.dumps(payload)  # uncompressed: decompressing costs more than reading
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, target)


def load(path: Path, stamp_value: str) -> list[GazetteerPart] | None:
    """The parts from a compiled file, or None when it is missing, unreadable or stale."""
    # A million small objects arrive at once, none of them cyclic: the cycle collector would
    # only walk them again and again (it doubles the load time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            payload: dict[str, Any] = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if payload.get("stamp") != stamp_value:
            return None
        parts = []
        for part in payload["parts"]:
            entities = [Entity(*row) for row in part["entities"]]
            parts.append(GazetteerPart(entities, part["name"], NameIndex(**part["index"])))
        gc.freeze()  # and no walks over them later either (see GazetteerPart.index)
        return parts
    finally:
        if gc_was_enabled:
            gc.enable()


def _cache_dir() -> Path:
    return Path(os.environ.get("RASM_CACHE_DIR") or Path.home() / ".cache" / "rasm")


def load_builtin_parts() -> list[GazetteerPart]:
    from rasm.tables import tables_dir

    tables = tables_dir()
    stamp_value = stamp(tables)
    shipped = tables / "compiled" / "builtin.bin"
    cached = _cache_dir() / f"builtin-{stamp_value[:16]}.bin"
    for candidate in (shipped, cached):
        parts = load(candidate, stamp_value)
        if parts is not None:
            return parts
    log.info("compiling the built-in tables into %s (once per table version)", cached)
    parts = build_parts(tables)
    try:
        dump(parts, stamp_value, cached)
    except OSError as exc:  # a read-only home still gets a working (slower) start
        log.warning("could not cache the compiled tables at %s: %s", cached, exc)
    return parts
