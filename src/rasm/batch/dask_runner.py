"""Chunks on a Dask cluster: `--dask local` starts a LocalCluster on 127.0.0.1 (one
single-threaded worker process per core: the core is pure Python, so threads would share one
GIL), `--dask ADDRESS` connects to a running scheduler. The client reads the corpus and
commits results exactly as the local runner does, so the output is the same file."""

from __future__ import annotations

from typing import Any

from rasm.batch.options import BatchOptions, default_workers
from rasm.batch.process import Chunk, Processor, run_chunk
from rasm.errors import InputError, MissingExtraError


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtraError("rasm batch --dask", "batch", str(exc)) from exc
    return distributed


class DaskBackend:
    def __init__(self, address: str, options: BatchOptions, processor: Processor,
                 workers: int | None = None) -> None:
        distributed = _distributed()
        self.options, self.processor = options, processor
        self.cluster: Any = None
        if address == "local":
            import dask

            count = workers or default_workers()
            # Dask's sampling profiler stops the one task thread 100 times a second; on pure
            # Python work that costs several percent and tells us nothing we need.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = distributed.LocalCluster(
                    host="127.0.0.1", n_workers=count, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=40,
                )
            self.client = distributed.Client(self.cluster)
            self.name = f"Dask LocalCluster ({count} workers)"
        else:
            try:
                self.client = distributed.Client(address, timeout="30s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(f"--dask {address}: cannot reach the scheduler: {exc}") from exc
            self.name = f"Dask cluster at {address}"
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = 2 * threads  # one running and one waiting per worker thread
        self._wait = distributed.wait

    def submit(self, chunk: Chunk) -> Any:
        # pure=False: a chunk is run once per submission, never answered from another's result
        return self.client.submit(run_chunk, chunk, self.options, self.processor, pure=False)

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        done, rest = self._wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done), set(rest)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
