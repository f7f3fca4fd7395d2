"""The work of one document and of one chunk of documents, as workers (local processes or Dask
workers) run it. Each worker process loads its gazetteer once, on first use, and keeps it."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rasm.batch.errors import exception_reason, failure
from rasm.batch.options import BatchOptions
from rasm.batch.readers import Document

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer

LANGID_CHARS = 2000  # characters of a document its language is identified from
Processor = Callable[[Document, BatchOptions], dict[str, Any]]

_gazetteers: dict[tuple[tuple[str, ...], bool], Gazetteer] = {}
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of consecutive documents: the unit of work and of the resume journal."""

    number: int
    docs: tuple[Document, ...]

    @property
    def size(self) -> int:
        return sum(doc.size for doc in self.docs)


@dataclass(frozen=True, slots=True)
class ChunkResult:
    number: int
    records: tuple[str, ...]  # one JSON line per processed document, in input order
    errors: tuple[str, ...]  # one JSON line per failed document, in input order
    docs: int
    size: int


def worker_gazetteer(options: BatchOptions) -> Gazetteer:
    """The gazetteer these options name, loaded once per process."""
    key = (options.gazetteers, options.builtin)
    with _lock:
        gazetteer = _gazetteers.get(key)
        if gazetteer is None:
            from rasm.gazetteer import Gazetteer, builtin_gazetteer, load_gazetteer

            parts = [builtin_gazetteer()] if options.builtin else []
            parts.extend(load_gazetteer(path) for path in options.gazetteers)
            gazetteer = parts[0] if len(parts) == 1 else Gazetteer.combine(*parts)
            _gazetteers[key] = gazetteer
        return gazetteer


def reset_caches() -> None:
    """Forget the gazetteers loaded for batch runs (see rasm.reset_caches)."""
    with _lock:
        _gazetteers.clear()


def init_worker(options: BatchOptions) -> None:
    """Start-up of a local worker process: Ctrl-C is the parent's to handle (it stops the pool;
    the journal has every finished chunk), the worker ends with its parent, and the gazetteer
    loads before the first document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    worker_gazetteer(options)


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9, a crash) would wait for work forever: it
    leaves instead. The journal keeps what was done; the next run resumes."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def process_document(doc: Document, options: BatchOptions) -> dict[str, Any]:
    """The output record of one readable document: id, source, detected language, translated
    text (when translation ran and changed the language), rewritten text, mentions."""
    from rasm.text import normalize_text

    if doc.text is None:
        raise ValueError(f"document {doc.id} has no text")
    gazetteer = worker_gazetteer(options)
    text, translated = doc.text, None
    if options.translate:
        from rasm.translate import translate_document

        translation = translate_document(text, gazetteer=gazetteer)
        lang = translation.source_lang
        if not translation.passthrough:
            text = translated = translation.text
    else:
        from rasm.translate.langid import identify

        # The opening of an article tells its language as well as the whole does, at a
        # fraction of the cost on long documents.
        lang = identify(text[:LANGID_CHARS]).lang
    result = normalize_text(text, gazetteer=gazetteer, threshold=options.threshold)
    return {"id": doc.id, "source": doc.source, "lang": lang, "translated": translated,
            "text": result.text, "mentions": result.to_dict()["mentions"]}


def run_chunk(chunk: Chunk, options: BatchOptions,
              processor: Processor = process_document) -> ChunkResult:
    records: list[str] = []
    errors: list[dict[str, Any]] = []
    for doc in chunk.docs:
        if doc.problem is not None:
            errors.append(failure(doc, "read", doc.problem))
            continue
        try:
            records.append(json.dumps(processor(doc, options), ensure_ascii=False))
        # One document must not stop a corpus run, whatever fails in the core or the model:
        # the class and message go to the errors file and the next document goes on.
        except Exception as exc:  # noqa: BLE001
            errors.append(failure(doc, "process", exception_reason(exc)))
    return ChunkResult(
        chunk.number, tuple(records),
        tuple(json.dumps(e, ensure_ascii=False) for e in errors), len(chunk.docs), chunk.size,
    )
