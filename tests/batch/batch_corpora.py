"""Corpus builders shared by the batch tests (imported by module name: pytest puts this folder
on sys.path, and spawned workers inherit it)."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

from rasm.batch.sample import sample_corpus_dir

DATA = Path(__file__).parents[1] / "data"
USER_GAZETTEER = DATA / "user_gazetteer.tsv"


def sample_articles() -> list[tuple[str, str]]:
    """(id, text) of each sample article, in file order."""
    return [(p.name, p.read_text(encoding="utf-8"))
            for p in sorted(sample_corpus_dir().glob("*.txt"))]


def write_jsonl(path: Path, records: list[dict[str, object]], *, gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def write_csv(path: Path, rows: list[dict[str, str]], *, delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path: Path, rows: list[dict[str, object]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def corpus_jsonl(path: Path, copies: int) -> Path:
    """The sample articles repeated `copies` times, each copy its own id, as JSONL."""
    articles = sample_articles()
    records = [{"id": f"{name}#{n}", "text": text} for n in range(copies) for name, text in articles]
    return write_jsonl(path, records)


def failing_processor(doc: Any, options: Any) -> dict[str, Any]:
    """The real per-document work, except that documents naming Palmyra fail as a model would."""
    from rasm.batch.process import process_document

    if doc.text and "Palmyra" in doc.text:
        raise RuntimeError("model ran out of memory")
    return process_document(doc, options)


DIE_MARKER = "RASM_TEST_DIE_MARKER"


def dying_processor(doc: Any, options: Any) -> dict[str, Any]:
    """The real work, except that the worker process dies (as the kernel's OOM killer would do
    it) on documents naming Palmyra while the file named by $RASM_TEST_DIE_MARKER exists."""
    import os

    from rasm.batch.process import process_document

    marker = os.environ.get(DIE_MARKER)
    if doc.text and "Palmyra" in doc.text and marker and Path(marker).exists():
        os._exit(137)
    return process_document(doc, options)


def identity_processor(doc: Any, options: Any) -> dict[str, Any]:
    """The real work, and which process did it with which gazetteer object."""
    import os

    from rasm.batch.process import process_document, worker_gazetteer

    record = process_document(doc, options)
    record["worker"] = [os.getpid(), id(worker_gazetteer(options))]
    return record
