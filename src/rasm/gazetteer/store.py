"""A gazetteer part compiled to one memory-mapped file: entities, name columns and key tables.

Hundreds of thousands of entities and over a million spellings cannot be unpickled into Python
objects at every start: that takes seconds and gigabytes. Here nothing is read at open but a
small JSON header; every column is a slice of one read-only `mmap`, and a row becomes a Python
object only when a query touches it. The operating system shares the pages between processes
(service workers, batch workers) and drops them under memory pressure.

Layout: `MAGIC`, the header length (8 bytes, little endian), the JSON header, then 8-byte
aligned sections. A string column is `<name>.offsets` (uint32, or uint64 past 4 GiB; n+1) and
`<name>.blob` (UTF-8); an integer column is one array; a key table maps the 64-bit BLAKE2b hash
of a key (sorted, `<name>.hashes`) to a run of `<name>.postings` (`<name>.starts`, n+1).
The string columns of one row set (a name's spelling, folded form, keys...) are stored as one
record per row, fields joined by US (0x1F), so a name read by a query is decoded once, not once
per column (header "groups": column -> [record column, field]). Entities are marshalled rows,
each deflated against a shared dictionary (`entities.zdict`): a third of the size.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import mmap
import os
import tempfile
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple
from pathlib import Path
from typing import Any, overload

from rasm.model import Entity

MAGIC = b"RASMSTO1"
_ALIGN = 8


def key_hash(key: str) -> int:
    """The 64-bit hash a key table is sorted by (stable across processes, unlike hash())."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def _row_number(i: object, rows: int) -> int:
    """Row `i` of a column of `rows` rows (negative from the end), checked."""
    if not isinstance(i, int):
        raise TypeError(f"a stored column is indexed by row number, not {type(i).__name__}")
    row = i + rows if i < 0 else i
    if not 0 <= row < rows:
        raise IndexError(i)
    return row


class StringColumn(dict[int, str]):
    """Strings stored back to back, read by row number: `column[i]`. Item i is decoded when
    first asked for, then kept (up to `CACHED` items: a long-running service touches a working
    set, not the whole table). A dict underneath, so that a row already read costs one C-level
    dict look-up, not a Python call (the matcher reads several columns of hundreds of names per
    query); `len` is the number of rows; slices are not supported."""

    CACHED = 300_000

    def __init__(self, offsets: memoryview, blob: memoryview) -> None:
        super().__init__()
        self._offsets = offsets
        self._blob = blob
        self._rows = len(offsets) - 1

    def __len__(self) -> int:
        return self._rows

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return (self[i] for i in range(self._rows))

    def __missing__(self, i: int) -> str:
        row = _row_number(i, self._rows)
        value = self._decode(row)
        if dict.__len__(self) >= self.CACHED:
            self.clear()
        self[i] = value
        return value

    def _decode(self, row: int) -> str:
        offsets = self._offsets
        return str(self._blob[offsets[row] : offsets[row + 1]], "utf-8", "surrogatepass")


class _Records:
    """Rows of several string columns stored as one record each (fields joined by US): the
    first column asked for a row decodes the record once and fills every column's entry."""

    SEPARATOR = "\x1f"

    def __init__(self, offsets: memoryview, blob: memoryview) -> None:
        self._offsets = offsets
        self._blob = blob
        self.rows = len(offsets) - 1
        self.columns: dict[int, FieldColumn] = {}

    def column(self, field_no: int) -> FieldColumn:
        if field_no not in self.columns:
            self.columns[field_no] = FieldColumn(self, field_no)
        return self.columns[field_no]

    def load(self, row: int) -> list[str]:
        offsets = self._offsets
        text = str(self._blob[offsets[row] : offsets[row + 1]], "utf-8", "surrogatepass")
        fields = text.split(self.SEPARATOR)
        for field_no, column in self.columns.items():
            if dict.__len__(column) >= column.CACHED:
                column.clear()
            dict.__setitem__(column, row, fields[field_no])
        return fields


class FieldColumn(StringColumn):
    """One field of a record column (see `_Records`), with the interface of a StringColumn."""

    def __init__(self, records: _Records, field_no: int) -> None:
        dict.__init__(self)
        self._records = records
        self._field = field_no
        self._rows = records.rows

    def __missing__(self, i: int) -> str:
        row = _row_number(i, self._rows)
        return self._records.load(row)[self._field]


class KeyTable(Mapping[str, Sequence[int]]):
    """key -> posting numbers, looked up by binary search over sorted key hashes."""

    def __init__(self, hashes: memoryview, starts: memoryview, postings: memoryview) -> None:
        self._hashes = hashes
        self._starts = starts
        self._postings = postings

    def lookup(self, key: str) -> Sequence[int]:
        h = key_hash(key)
        i = bisect_left(self._hashes, h)
        if i < len(self._hashes) and self._hashes[i] == h:
            return self._postings[self._starts[i] : self._starts[i + 1]]
        return ()

    def get(self, key: str, default: Any = None) -> Any:  # the dict API the matcher uses
        found = self.lookup(key)
        return found if len(found) else default

    def __getitem__(self, key: str) -> Sequence[int]:
        found = self.lookup(key)
        if not len(found):
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(len(self.lookup(key)))

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a stored key table keeps hashes, not keys: it cannot be iterated")


class EntityColumn(Sequence[Entity]):
    """Entities marshalled one per row (deflated against `zdict` when one is given), decoded
    on first use and kept."""

    def __init__(self, offsets: memoryview, blob: memoryview, zdict: bytes | None = None) -> None:
        self._offsets = offsets
        self._blob = blob
        self._zdict = zdict
        self._cache: dict[int, Entity] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> Entity: ...
    @overload
    def __getitem__(self, i: slice) -> list[Entity]: ...
    def __getitem__(self, i: int | slice) -> Entity | list[Entity]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        entity = self._cache.get(i)
        if entity is None:
            if not 0 <= i < len(self):
                raise IndexError(i)
            data: bytes | memoryview = self._blob[self._offsets[i] : self._offsets[i + 1]]
            if self._zdict is not None:
                inflater = zlib.decompressobj(-15, zdict=self._zdict)
                data = inflater.decompress(data) + inflater.flush()
            entity = self._cache[i] = Entity(*marshal.loads(data))
        return entity

    def __iter__(self) -> Iterator[Entity]:
        for i in range(len(self)):
            yield self[i]


# --- writing ------------------------------------------------------------------------------------


class _Writer:
    def __init__(self) -> None:
        self.sections: dict[str, list[Any]] = {}
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, name: str, fmt: str, data: bytes) -> None:
        pad = (-self.size) % _ALIGN
        if pad:
            self.chunks.append(b"\0" * pad)
            self.size += pad
        self.sections[name] = [self.size, len(data), fmt]
        self.chunks.append(data)
        self.size += len(data)

    def strings(self, name: str, values: Iterable[str | bytes]) -> None:
        blob = bytearray()
        offsets = [0]
        for value in values:
            blob += value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
            offsets.append(len(blob))
        self.ints(f"{name}.offsets", _offset_format(len(blob)), offsets)
        self.add(f"{name}.blob", "B", bytes(blob))

    def ints(self, name: str, fmt: str, values: Iterable[int]) -> None:
        from array import array

        self.add(name, fmt, array(fmt, values).tobytes())

    def records(self, name: str, columns: Mapping[str, Sequence[str]]) -> dict[str, list[Any]]:
        """Columns of equal length as one record column; returns their "groups" entries.
        Columns holding the separator are written on their own instead."""
        joined = {k: v for k, v in columns.items() if not any(_Records.SEPARATOR in x for x in v)}
        for column, values in columns.items():
            if column not in joined:
                self.strings(column, values)
        if not joined:
            return {}
        rows = zip(*joined.values(), strict=True)
        self.strings(name, (_Records.SEPARATOR.join(row) for row in rows))
        return {column: [name, k] for k, column in enumerate(joined)}

    def entities(self, entities: Sequence[Entity]) -> None:
        """Marshalled rows, each deflated against a dictionary of sample rows: rows are short
        and alike (the same keys, countries, place types), so a shared dictionary is what
        makes them compress (about 2.5x) while each stays readable on its own."""
        rows = [marshal.dumps(astuple(e)) for e in entities]
        step = max(1, len(rows) // 1000)
        zdict = b"".join(rows[::step])[-32768:]
        self.add("entities.zdict", "B", zdict)

        def deflated(row: bytes) -> bytes:
            deflater = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict)
            return deflater.compress(row) + deflater.flush()

        self.strings("entities", (deflated(row) for row in rows))


    def keys(self, name: str, table: Mapping[str, Iterable[int]]) -> None:
        merged: dict[int, list[int]] = {}
        for key, postings in table.items():
            merged.setdefault(key_hash(key), []).extend(postings)
        hashes = sorted(merged)
        starts = [0]
        flat: list[int] = []
        for h in hashes:
            flat.extend(merged[h])
            starts.append(len(flat))
        self.ints(f"{name}.hashes", "Q", hashes)
        self.ints(f"{name}.starts", _offset_format(len(flat)), starts)
        self.ints(f"{name}.postings", "I", flat)


def _offset_format(size: int) -> str:
    return "I" if size < 1 << 32 else "Q"


def write_store(
    path: Path,
    *,
    header: dict[str, Any],
    entities: Sequence[Entity],
    strings: Mapping[str, Sequence[str]],
    ints: Mapping[str, tuple[str, Sequence[int]]],
    keys: Mapping[str, Mapping[str, Iterable[int]]],
) -> None:
    """Write a store atomically (a temporary file renamed over `path`)."""
    writer = _Writer()
    writer.entities(entities)
    groups = writer.records("records", strings) if strings else {}
    for name, (fmt, numbers) in ints.items():
        writer.ints(name, fmt, numbers)
    for name, table in keys.items():
        writer.keys(name, table)
    head = json.dumps({**header, "sections": writer.sections, "groups": groups},
                      ensure_ascii=False).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC)
            out.write(len(head).to_bytes(8, "little"))
            out.write(head)
            base = len(MAGIC) + 8 + len(head)
            out.write(b"\0" * ((-base) % _ALIGN))
            for chunk in writer.chunks:
                out.write(chunk)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- reading -------------------------------------------------------------------------------------


class Store:
    """An open store: the header and typed views of its sections."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                raise ValueError(f"{path} is not a rasm store")
            length = int.from_bytes(handle.read(8), "little")
            self.header: dict[str, Any] = json.loads(handle.read(length))
            self._mmap = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        start = len(MAGIC) + 8 + length
        self._base = start + (-start) % _ALIGN
        self._view = memoryview(self._mmap)
        self.sections: dict[str, list[Any]] = self.header["sections"]
        self._groups: dict[str, list[Any]] = self.header.get("groups", {})
        self._records: dict[str, _Records] = {}

    def array(self, name: str) -> memoryview:
        offset, size, fmt = self.sections[name]
        raw = self._view[self._base + offset : self._base + offset + size]
        return raw if fmt == "B" else raw.cast(fmt)

    def strings(self, name: str) -> StringColumn:
        if name not in self._groups:
            return StringColumn(self.array(f"{name}.offsets"), self.array(f"{name}.blob"))
        group, field_no = self._groups[name]
        records = self._records.get(group)
        if records is None:
            records = self._records[group] = _Records(
                self.array(f"{group}.offsets"), self.array(f"{group}.blob"))
        return records.column(field_no)

    def entities(self) -> EntityColumn:
        zdict = bytes(self.array("entities.zdict")) if "entities.zdict" in self.sections else None
        return EntityColumn(self.array("entities.offsets"), self.array("entities.blob"), zdict)

    def keys(self, name: str) -> KeyTable:
        return KeyTable(
            self.array(f"{name}.hashes"), self.array(f"{name}.starts"), self.array(f"{name}.postings")
        )
