"""A batch run from inputs to outputs: read documents in order, cut them into chunks, run the
chunks on a backend (this process, a pool of local processes, or Dask), commit each finished
chunk to the journal, and at the end merge the chunks in input order into the output and errors
files (atomically) and the corpus report. The same command after a crash or Ctrl-C resumes
from the journal; the output holds every document exactly once, in input order, whatever the
backend and the order chunks finished in."""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import multiprocessing
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rasm.batch.journal import Journal
from rasm.batch.options import BatchOptions, default_workers
from rasm.batch.process import (
    Chunk,
    ChunkResult,
    Processor,
    init_worker,
    process_document,
    run_chunk,
)
from rasm.batch.progress import Progress
from rasm.batch.readers import (
    InputFile,
    check_columns,
    count_documents,
    expand_inputs,
    read_documents,
)
from rasm.batch.writers import write_lines, write_parquet
from rasm.errors import InputError, OutputError, RasmError


class WorkerLostError(RasmError):
    """A worker process died (killed, or out of memory) while it held a chunk."""


@dataclass(frozen=True, slots=True)
class BatchSummary:
    out: Path
    errors_path: Path
    report_paths: tuple[Path, ...]
    docs: int  # documents in the corpus
    ok: int  # records in the output
    failed: int  # lines in the errors file
    size: int  # input bytes processed by this run
    seconds: float
    resumed_docs: int  # documents an earlier run had finished
    backend: str

    def line(self) -> str:
        rate = (self.docs - self.resumed_docs) / self.seconds if self.seconds else 0.0
        resumed = f" ({self.resumed_docs:,} from an earlier run)" if self.resumed_docs else ""
        return (f"{self.docs:,} documents{resumed}: {self.ok:,} written to {self.out}, "
                f"{self.failed:,} failed (see {self.errors_path}); {self.size / 1e6:.1f} MB in "
                f"{self.seconds:.1f} s ({rate:,.0f} docs/s, "
                f"{self.size / 1e6 / max(self.seconds, 1e-9):.2f} MB/s) on {self.backend}")


class Backend(Protocol):
    """Where chunks run. `slots` bounds the chunks in flight (memory stays flat)."""

    name: str
    slots: int

    def submit(self, chunk: Chunk) -> Any: ...
    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]: ...
    def close(self) -> None: ...


class SerialBackend:
    """Chunks run in this process, one at a time: one worker, no start-up, no copying."""

    def __init__(self, options: BatchOptions, processor: Processor) -> None:
        self.name = "1 process"
        self.slots = 1
        self.options, self.processor = options, processor

    def submit(self, chunk: Chunk) -> concurrent.futures.Future[ChunkResult]:
        future: concurrent.futures.Future[ChunkResult] = concurrent.futures.Future()
        future.set_result(run_chunk(chunk, self.options, self.processor))
        return future

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        return set(pending), set()

    def close(self) -> None:
        pass


class PoolBackend:
    """A pool of local worker processes (spawned: no state shared by accident), each loading
    the gazetteer once at start-up."""

    def __init__(self, workers: int, options: BatchOptions, processor: Processor) -> None:
        self.name = f"{workers} local processes"
        self.slots = 2 * workers  # one running and one waiting per worker
        self.options, self.processor = options, processor
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker, initargs=(options,),
        )

    def submit(self, chunk: Chunk) -> concurrent.futures.Future[ChunkResult]:
        return self.pool.submit(run_chunk, chunk, self.options, self.processor)

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        done, rest = concurrent.futures.wait(
            pending, return_when=concurrent.futures.FIRST_COMPLETED)
        return set(done), set(rest)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def chunked(docs: Iterable[Any], options: BatchOptions) -> Iterator[Chunk]:
    """Consecutive documents in chunks of at most chunk_docs documents and about chunk_bytes."""
    number, batch, size = 0, [], 0
    for doc in docs:
        batch.append(doc)
        size += doc.size
        if len(batch) >= options.chunk_docs or size >= options.chunk_bytes:
            yield Chunk(number, tuple(batch))
            number, batch, size = number + 1, [], 0
    if batch:
        yield Chunk(number, tuple(batch))


def fingerprint(files: Sequence[InputFile], options: BatchOptions,
                processor: Processor) -> dict[str, Any]:
    """What must not change between a run and its resumption."""
    inputs = []
    for file in files:
        stat = file.path.stat()
        inputs.append([str(file.path.resolve()), stat.st_size, stat.st_mtime_ns])
    settings = options.to_dict()
    settings.pop("format")  # only the final merge depends on it
    return {"inputs": inputs, "options": settings,
            "processor": f"{processor.__module__}.{processor.__qualname__}"}


def sibling(out: Path, suffix: str) -> Path:
    """OUT with its extension replaced: out/news.jsonl -> out/news.errors.jsonl."""
    return out.with_name(out.stem + suffix) if out.suffix else out.with_name(out.name + suffix)


def run_batch(
    inputs: Sequence[str | Path],
    out: str | Path,
    options: BatchOptions | None = None,
    *,
    workers: int | None = None,
    dask: str | None = None,
    errors_path: str | Path | None = None,
    report_path: str | Path | None = None,
    report: bool = True,
    restart: bool = False,
    progress: Progress | None = None,
    processor: Processor = process_document,
) -> BatchSummary:
    """Run a corpus. `dask`: None (local), "local" (a LocalCluster on 127.0.0.1) or a scheduler
    address. `report_path`: the report's JSON path (default OUT.report.json, with .md and
    .clusters.tsv beside it). Raises InputError for bad inputs or options before any work."""
    options = options or BatchOptions()
    out = Path(out)
    errors_file = Path(errors_path) if errors_path else sibling(out, ".errors.jsonl")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    if out.is_dir():
        raise InputError(f"--out {out} is a folder; give a file path")
    files = expand_inputs(inputs)
    check_columns(files, options)
    _check_gazetteers(options)
    progress = progress or Progress(enabled=False)
    journal = Journal(out.with_name(out.name + ".work"), fingerprint(files, options, processor))
    with _writing(journal.work_dir):
        journal.open(restart=restart)
    if journal.done:
        progress.note(f"resuming: {len(journal.done)} chunks done in {journal.work_dir}")
    threading.Thread(target=_count, args=(files, options, progress), daemon=True).start()

    started = time.monotonic()
    try:
        backend = _backend(options, processor, workers, dask, _input_bytes(files))
    except BaseException:
        if not journal.done:  # nothing was run: leave no work folder behind
            journal.remove()
        raise
    try:
        total_chunks, size = _drive(chunked(read_documents(files, options), options), backend,
                                    journal, progress)
    except KeyboardInterrupt:
        progress.note(f"interrupted; {len(journal.done)} chunks are saved in "
                      f"{journal.work_dir}; run the same command to resume")
        raise
    except BrokenProcessPool as exc:
        raise WorkerLostError(f"a worker process died ({exc}); {len(journal.done)} chunks are "
                              f"saved in {journal.work_dir}; run the same command to resume") \
            from None
    finally:
        backend.close()

    with _writing(out):
        ok, failed = _merge(journal, total_chunks, out, errors_file, options)
    report_paths: tuple[Path, ...] = ()
    if report:
        from rasm.batch.report import build_report, write_report

        report_file = Path(report_path) if report_path else sibling(out, ".report.json")
        with _writing(report_file):
            corpus = build_report(_records(journal, total_chunks),
                                  _records(journal, total_chunks, "errors"))
            report_paths = write_report(corpus, report_file)
    journal.remove()
    docs = sum(entry["docs"] for entry in journal.done.values())
    summary = BatchSummary(out, errors_file, report_paths, docs, ok, failed, size,
                           time.monotonic() - started, progress.skipped, backend.name)
    progress.finish(summary.line())
    return summary


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """OSErrors of writing (no such folder, not a folder, read-only, disk full) as one
    OutputError naming the file and the cause."""
    try:
        yield
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else str(path)
        raise OutputError(where, exc.strerror or str(exc)) from None


def _check_gazetteers(options: BatchOptions) -> None:
    """Load the user tables once here, so a bad row fails the command before workers start."""
    from rasm.gazetteer import load_gazetteer

    for path in options.gazetteers:
        load_gazetteer(path)


def _count(files: Sequence[InputFile], options: BatchOptions, progress: Progress) -> None:
    try:
        progress.total = count_documents(files, options)
    except (RasmError, OSError):
        pass  # the reader reports it; the bar just goes without an ETA


def _input_bytes(files: Sequence[InputFile]) -> int:
    total = 0
    for file in files:
        try:
            total += file.path.stat().st_size
        except OSError:
            return -1  # unknown: the reader reports it
    return total


def _backend(options: BatchOptions, processor: Processor, workers: int | None,
             dask: str | None, input_bytes: int = -1) -> Backend:
    if dask is not None:
        from rasm.batch.dask_runner import DaskBackend

        return DaskBackend(dask, options, processor, workers)
    count = workers or default_workers()
    # Input smaller than a quarter of one chunk (the sample corpus, a few articles): starting
    # worker processes, each loading the tables, costs more than the work (the demo went from
    # 3 s to 1 s); unless workers were asked for, it runs here.
    small = 0 <= input_bytes <= options.chunk_bytes // 4
    if count == 1 or (workers is None and small):
        return SerialBackend(options, processor)
    return PoolBackend(count, options, processor)


def _drive(chunks: Iterator[Chunk], backend: Backend, journal: Journal,
           progress: Progress) -> tuple[int, int]:
    """Run every chunk not yet in the journal; returns (chunks in the corpus, bytes run)."""
    pending: set[Any] = set()
    total, size = 0, 0

    def finish(done: set[Any]) -> None:
        nonlocal size
        failed: BaseException | None = None
        for future in done:
            try:
                result: ChunkResult = future.result()
            except BaseException as exc:  # noqa: BLE001 - the others are committed first
                failed = failed or exc
                continue
            with _writing(journal.work_dir):
                journal.commit(result)
            size += result.size
            progress.advance(result.docs, result.size, len(result.errors))
        if failed is not None:
            raise failed

    for chunk in chunks:
        total += 1
        if chunk.number in journal.done:
            progress.skip(len(chunk.docs), chunk.size)
            continue
        pending.add(backend.submit(chunk))
        while len(pending) >= backend.slots:
            done, pending = backend.wait(pending)
            finish(done)
    while pending:
        done, pending = backend.wait(pending)
        finish(done)
    return total, size


def _merge(journal: Journal, total: int, out: Path, errors_file: Path,
           options: BatchOptions) -> tuple[int, int]:
    missing = [n for n in range(total) if n not in journal.done]
    if missing:  # cannot happen unless the work folder was edited by hand
        raise RasmError(f"{journal.work_dir}: chunks {missing[:5]} are missing; pass --restart")
    errors = write_lines(errors_file, (line for n in range(total)
                                       for line in journal.lines(n, "errors")))
    if options.format == "parquet":
        ok = write_parquet(out, (journal.lines(n, "records") for n in range(total)))
    else:
        ok = write_lines(out, _records_lines(journal, total))
    return ok, errors


def _records_lines(journal: Journal, total: int, kind: str = "records") -> Iterator[str]:
    for number in range(total):
        yield from journal.lines(number, kind)


def _records(journal: Journal, total: int, kind: str = "records") -> Iterator[dict[str, Any]]:
    for line in _records_lines(journal, total, kind):
        yield json.loads(line)
