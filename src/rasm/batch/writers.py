"""Output files, each written atomically (a temporary file beside it, then a rename), so a
reader never sees half a file and a crash leaves the previous file or none.

JSONL: one record per line, as the workers made it. Parquet: one row per record with typed
columns; mentions keep their core fields typed and their alternatives as a JSON string (their
shape varies)."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from rasm.batch.arrow import import_pyarrow

_MENTION_FIELDS = (("start", "int64"), ("end", "int64"), ("surface", "string"),
                   ("id", "string"), ("canonical", "string"), ("kind", "string"),
                   ("score", "float64"), ("method", "string"), ("key", "string"),
                   ("lemma", "string"))  # lemma: the form looked up (rasm.text.Mention)


@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """A temporary path beside `final` that replaces it when the block succeeds."""
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(final)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # created like any file (mode 0666 less the umask), not 0600 as mkstemp would
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    try:
        yield tmp
        with tmp.open("rb") as stream:
            os.fsync(stream.fileno())
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def remove_stale_temps(final: Path) -> None:
    """Remove the temporary files of `final` left by writers that were killed (kill -9 during
    the final merge): those whose process is gone. A live writer's file is left alone."""
    prefix = f".{final.name}."
    for tmp in final.parent.glob(f"{glob_escape(prefix)}*.tmp"):
        pid = tmp.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def write_lines(final: Path, lines: Iterable[str]) -> int:
    """Write JSON lines atomically; returns how many."""
    count = 0
    with atomic_path(final) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line)
            out.write("\n")
            count += 1
    return count


def _parquet_schema() -> Any:
    pa, _ = import_pyarrow("writing Parquet")
    mention = pa.struct([(name, getattr(pa, kind)()) for name, kind in _MENTION_FIELDS]
                        + [("alternatives", pa.string())])
    return pa.schema([("id", pa.string()), ("source", pa.string()), ("lang", pa.string()),
                      ("translated", pa.string()), ("text", pa.string()),
                      ("mentions", pa.list_(mention))])


def _parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    mentions = []
    for mention in record.get("mentions") or []:
        row = {name: mention.get(name) for name, _ in _MENTION_FIELDS}
        row["alternatives"] = json.dumps(mention.get("alternatives") or [], ensure_ascii=False)
        mentions.append(row)
    return {"id": record["id"], "source": record["source"], "lang": record.get("lang"),
            "translated": record.get("translated"), "text": record.get("text"),
            "mentions": mentions}


def write_parquet(final: Path, batches: Iterable[Iterable[str]]) -> int:
    """Write JSON-line records as Parquet atomically, one row group per batch; returns rows."""
    pa, pq = import_pyarrow("writing Parquet")
    schema = _parquet_schema()
    count = 0
    with atomic_path(final) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        for lines in batches:
            rows = [_parquet_row(json.loads(line)) for line in lines]
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
    return count


def read_output(path: Path) -> list[dict[str, Any]]:
    """The records of an output file (JSONL or Parquet), in order: for tests and reports."""
    if path.suffix == ".parquet":
        _, pq = import_pyarrow("reading Parquet")
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        for row in rows:
            for mention in row["mentions"]:
                mention["alternatives"] = json.loads(mention["alternatives"])
        return rows
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]
