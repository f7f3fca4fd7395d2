"""Where the library's CPU work runs.

Matching is pure Python, so threads give no parallelism (the GIL), only contention: forty
threadpool threads matching at once take longer each than one after the other. Small jobs
(a few names, a short text; well under a millisecond each) therefore run on the event loop,
which is cheaper than a thread hop; large ones run on a small pool (RASM_CPU_THREADS, default
2) so the event loop keeps answering probes and small requests meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

T = TypeVar("T")

INLINE_ITEMS = 8  # names or queries per request run on the event loop
INLINE_CHARS = 2000  # characters of text run on the event loop


class Compute:
    def __init__(self, threads: int) -> None:
        self.threads = threads
        self._limiter: CapacityLimiter | None = None

    async def run(self, fn: Callable[[], T], *, small: bool) -> T:
        if small:
            return fn()
        if self._limiter is None:  # created in the running loop, on first need
            self._limiter = CapacityLimiter(self.threads)
        return await anyio.to_thread.run_sync(fn, limiter=self._limiter)
