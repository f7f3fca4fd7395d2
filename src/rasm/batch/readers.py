"""Documents out of a corpus: folders of .txt/.md files, JSONL, CSV/TSV and Parquet, each
possibly gzip-compressed (recognized by its first bytes, whatever its name).

A document that cannot be read (undecodable bytes, empty, too long, no text field, bad JSON)
still comes out, with `text=None` and the `problem`, so the runner can file it in the errors
file and go on. Problems with the whole input (a missing file, a CSV without the text column)
raise InputError before any work starts. Order is deterministic: inputs in the order given,
folder contents sorted by path, records in file order.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rasm.batch.options import BatchOptions
from rasm.checks import SURROGATE_RE, display_path, loads_json
from rasm.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
KINDS_BY_SUFFIX = {
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}
_GZIP_MAGIC = b"\x1f\x8b"
_SURROGATE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of undecodable bytes
_ANY_SURROGATE = SURROGATE_RE


class UnreadableFile(InputError):
    """An input file that cannot be opened (no permission, gone since the run started)."""


@dataclass(frozen=True, slots=True)
class Document:
    """One document of the corpus, or the reason it could not be read."""

    seq: int  # place in input order over all inputs, from 0
    id: str
    source: str  # file, or file:line (JSONL/CSV) or file:row (Parquet)
    text: str | None
    problem: str | None = None
    size: int = 0  # bytes it took in the input


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    kind: str  # text | jsonl | csv | parquet
    id: str  # id of a text document: its path under the folder given, or the file as given

    @property
    def name(self) -> str:
        """The path as output may carry it (see `display_path`)."""
        return display_path(str(self.path))


def input_kind(path: Path) -> str | None:
    name = path.name.lower()
    name = name.removesuffix(".gz")
    return KINDS_BY_SUFFIX.get(Path(name).suffix)


def expand_inputs(paths: Sequence[str | Path]) -> list[InputFile]:
    """The files to read, in order: folders give their .txt/.md files (sorted, recursive)."""
    if not paths:
        raise InputError("no input given: name folders or JSONL/CSV/Parquet files")
    files: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and input_kind(p) == "text")
            if not found:
                raise InputError(f"{path}: no {'/'.join(TEXT_SUFFIXES)} files (or .gz of them)")
            files.extend(InputFile(p, "text", display_path(p.relative_to(path).as_posix()))
                         for p in found)
        elif path.is_file():
            kind = input_kind(path)
            if kind is None:
                known = ", ".join(sorted(KINDS_BY_SUFFIX))
                raise InputError(f"{path}: unknown input type; known: {known} (and .gz of them)")
            files.append(InputFile(path, kind, display_path(str(path))))
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when it is gzip (by content, not by name)."""
    try:
        stream: IO[bytes] = path.open("rb")
        magic = stream.read(2)
        stream.seek(0)
    except OSError as exc:
        raise UnreadableFile(f"cannot read {display_path(str(path))}: {exc.strerror}") from exc
    if magic == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def read_documents(files: Sequence[InputFile], options: BatchOptions) -> Iterator[Document]:
    """Every document of every input file, numbered in order."""
    seq = 0
    readers = {"text": _text_file, "jsonl": _jsonl, "csv": _csv, "parquet": _parquet}
    for file in files:
        for doc_id, source, text, problem, size in _guarded(readers[file.kind], file, options):
            if text is not None and problem is None:
                problem = _text_problem(text, options)
                text = None if problem else text
            yield Document(seq, doc_id, source, text, problem, size)
            seq += 1


def _guarded(reader: Callable[[InputFile, BatchOptions], Iterator[_Raw]], file: InputFile,
             options: BatchOptions) -> Iterator[_Raw]:
    """The reader's documents; a file that cannot be opened or read any further (no permission,
    gone since the run started) becomes one failed document, and the run goes on."""
    try:
        yield from reader(file, options)
    except (UnreadableFile, OSError) as exc:
        reason = str(exc) if isinstance(exc, UnreadableFile) else \
            f"cannot read {file.name}: {exc.strerror or exc}"
        yield file.id, file.name, None, reason, 0


_Raw = tuple[str, str, str | None, str | None, int]  # id, source, text, problem, size


def _text_problem(text: str, options: BatchOptions) -> str | None:
    if not text.strip():
        return "empty document"
    if len(text) > options.max_chars:
        return f"document has {len(text)} characters, more than the limit {options.max_chars}"
    bad = _ANY_SURROGATE.search(text)
    if bad is not None:
        return (f"text: unpaired surrogate U+{ord(bad.group()):04X} at character {bad.start()} "
                "(rasm accepts only text that can be written as UTF-8)")
    return None


def _decode(raw: bytes) -> tuple[str | None, str | None]:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as exc:
        return None, f"invalid UTF-8 at byte {exc.start}"


def _text_file(file: InputFile, options: BatchOptions) -> Iterator[_Raw]:
    with open_binary(file.path) as stream:
        try:
            raw = stream.read()
        except (OSError, EOFError) as exc:  # a truncated .gz is one bad document, not a crash
            yield file.id, file.name, None, f"cannot read: {exc}", 0
            return
    text, problem = _decode(raw)
    yield file.id, file.name, text, problem, len(raw)


def _record_id(value: object, fallback: str) -> str:
    if isinstance(value, str) and value.strip() and not _ANY_SURROGATE.search(value):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fallback


def _jsonl(file: InputFile, options: BatchOptions) -> Iterator[_Raw]:
    with open_binary(file.path) as stream:
        line_no = 0
        try:
            for line_no, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                where = f"{file.name}:{line_no}"
                yield _json_record(line, where, options)
        except (OSError, EOFError) as exc:
            where = f"{file.name}:{line_no + 1}"
            yield where, where, None, f"cannot read the rest of the file: {exc}", 0


def _json_record(line: bytes, where: str, options: BatchOptions) -> _Raw:
    text, problem = _decode(line)
    if text is None:  # the id may still be readable, and names the record better than a line
        return _lenient_id(line, where, options), where, None, problem, len(line)
    try:
        record = loads_json(text)
    except json.JSONDecodeError as exc:
        return where, where, None, f"not valid JSON: {exc.msg} at column {exc.colno}", len(line)
    except InputError as exc:  # nested too deeply, a number too long to read
        return where, where, None, f"not usable JSON: {exc}", len(line)
    if not isinstance(record, dict):
        reason = f"a JSON line must be an object, got {type(record).__name__}"
        return where, where, None, reason, len(line)
    raw_id = record.get(options.id_field)
    doc_id = _record_id(raw_id, where)
    if isinstance(raw_id, str) and _ANY_SURROGATE.search(raw_id):
        bad = _ANY_SURROGATE.search(raw_id)
        assert bad is not None
        reason = (f"field {options.id_field!r}: unpaired surrogate U+{ord(bad.group()):04X} at "
                  f"character {bad.start()} (rasm accepts only text that can be written as UTF-8)")
        return doc_id, where, None, reason, len(line)
    return (doc_id, where, *_field_text(record, options.text_field), len(line))


def _lenient_id(line: bytes, where: str, options: BatchOptions) -> str:
    try:
        record = loads_json(line.decode("utf-8", errors="replace"))
    except (ValueError, InputError):
        return where
    return _record_id(record.get(options.id_field), where) if isinstance(record, dict) else where


def _field_text(record: dict[str, Any], field: str) -> tuple[str | None, str | None]:
    if field not in record:
        return None, f"no {field!r} field"
    value = record[field]
    if value is None:
        return None, f"field {field!r} is null"
    if not isinstance(value, str):
        return None, f"field {field!r} is {type(value).__name__}, not a string"
    return value, None


def _csv(file: InputFile, options: BatchOptions) -> Iterator[_Raw]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # news articles outgrow the 128 KiB default
    with open_binary(file.path) as binary:
        # surrogateescape keeps undecodable bytes so one bad row does not stop the file
        stream = io.TextIOWrapper(binary, encoding="utf-8", errors="surrogateescape", newline="")
        reader = csv.DictReader(stream, delimiter=_delimiter(file))
        header = [h.removeprefix("\ufeff") for h in (reader.fieldnames or [])]
        _require_column(file, header, options)
        reader.fieldnames = header
        start = reader.line_num + 1
        while True:
            where = f"{file.name}:{start}"
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield where, where, None, f"malformed CSV: {exc}", 0
                start = reader.line_num + 1
                continue
            start = reader.line_num + 1
            yield _csv_row(row, where, options)


def _csv_row(row: dict[str, Any], where: str, options: BatchOptions) -> _Raw:
    text = row.get(options.text_field)
    raw_id = row.get(options.id_field)
    doc_id = _record_id(raw_id if isinstance(raw_id, str) and not _SURROGATE.search(raw_id)
                        else None, where)
    if not isinstance(text, str):
        return doc_id, where, None, f"row has no {options.text_field!r} value", 0
    size = len(text.encode("utf-8", errors="surrogateescape"))
    bad = _SURROGATE.search(text)
    if bad:
        reason = f"invalid UTF-8 in {options.text_field!r} at character {bad.start()}"
        return doc_id, where, None, reason, size
    return doc_id, where, text, None, size


def _parquet_schema(file: InputFile, options: BatchOptions, parquet: Any = None) -> Any:
    """The file's Arrow schema, checked: the text column exists and holds strings."""
    from rasm.batch.arrow import import_pyarrow

    pa, pq = import_pyarrow("reading Parquet")
    if parquet is None:
        with open_binary(file.path) as stream:
            source = stream if isinstance(stream, io.BufferedReader) \
                else io.BytesIO(stream.read())
            schema = pq.ParquetFile(source).schema_arrow
    else:
        schema = parquet.schema_arrow
    _require_column(file, list(schema.names), options)
    text_type = schema.field(options.text_field).type
    if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type)):
        raise InputError(f"{file.path}: column {options.text_field!r} is {text_type}, "
                         "not a string column")
    return schema


def _parquet(file: InputFile, options: BatchOptions) -> Iterator[_Raw]:
    from rasm.batch.arrow import import_pyarrow

    _, pq = import_pyarrow("reading Parquet")
    with open_binary(file.path) as stream:
        source = stream if isinstance(stream, io.BufferedReader) else io.BytesIO(stream.read())
        parquet = pq.ParquetFile(source)
        schema = _parquet_schema(file, options, parquet)
        columns = [options.text_field]
        if options.id_field in schema.names and options.id_field != options.text_field:
            columns.append(options.id_field)
        row = 0
        for batch in parquet.iter_batches(columns=columns, batch_size=1024):
            for record in batch.to_pylist():
                row += 1
                where = f"{file.name}:{row}"
                doc_id = _record_id(record.get(options.id_field), where)
                text, problem = _field_text(record, options.text_field)
                size = len(text.encode("utf-8")) if text is not None else 0
                yield doc_id, where, text, problem, size


def check_columns(files: Sequence[InputFile], options: BatchOptions) -> None:
    """Fail before any work when a CSV or Parquet input lacks the text column (JSONL records
    are checked one by one: each may differ)."""
    for file in files:
        if file.kind == "csv":
            with open_binary(file.path) as binary:
                stream = io.TextIOWrapper(binary, encoding="utf-8", errors="surrogateescape",
                                          newline="")
                header = next(csv.reader(stream, delimiter=_delimiter(file)), [])
            _require_column(file, [h.removeprefix("\ufeff") for h in header], options)
        elif file.kind == "parquet":
            _parquet_schema(file, options)


def _require_column(file: InputFile, columns: list[str], options: BatchOptions) -> None:
    if options.text_field not in columns:
        raise InputError(f"{file.path}: no column {options.text_field!r} (--text-field); "
                         f"columns: {', '.join(columns) or 'none'}")


def _delimiter(file: InputFile) -> str:
    return "\t" if file.path.name.lower().removesuffix(".gz").endswith(".tsv") else ","


def count_documents(files: Sequence[InputFile], options: BatchOptions) -> int:
    """How many documents `read_documents` will give, read cheaply (for the progress ETA)."""
    total = 0
    for file in files:
        if file.kind == "text":
            total += 1
        elif file.kind == "jsonl":
            with open_binary(file.path) as stream:
                total += sum(1 for line in stream if line.strip())
        elif file.kind == "csv":
            total += sum(1 for _ in _csv(file, options))
        else:
            from rasm.batch.arrow import import_pyarrow

            _, pq = import_pyarrow("reading Parquet")
            with open_binary(file.path) as stream:
                source = stream if isinstance(stream, io.BufferedReader) \
                    else io.BytesIO(stream.read())
                total += pq.ParquetFile(source).metadata.num_rows
    return total
