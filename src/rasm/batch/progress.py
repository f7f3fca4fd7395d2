"""Progress of a run: a redrawn bar on a terminal (documents, MB, rate, ETA), plain log lines
every few seconds otherwise, and a summary line at the end."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_BAR = 24


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Counts finished documents; `total` may arrive later (counted in the background)."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True,
                 log_every: float = 10.0, label: str = "rasm batch") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.log_every = log_every
        self.label = label
        self.total: int | None = None
        self.docs = self.errors = self.size = 0
        self.skipped = 0  # documents done by an earlier run (resume)
        self.size_skipped = 0
        self.started = time.monotonic()
        self._last_draw = 0.0 if self.tty else self.started  # logs: first line after log_every

    def skip(self, docs: int, size: int) -> None:
        """Documents an earlier run finished: they count toward the total, not the rate."""
        self.skipped += docs
        self.size_skipped += size

    def advance(self, docs: int, size: int, errors: int) -> None:
        self.docs += docs
        self.size += size
        self.errors += errors
        now = time.monotonic()
        every = 0.1 if self.tty else self.log_every
        if self.enabled and now - self._last_draw >= every:
            self._last_draw = now
            self._draw(now)

    def _rates(self, now: float) -> tuple[float, float, float]:
        elapsed = max(now - self.started, 1e-9)
        return elapsed, self.docs / elapsed, self.size / 1e6 / elapsed

    def line(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        _, rate, mb_rate = self._rates(now)
        done = self.docs + self.skipped
        counted = f"{done:,}" + (f"/{self.total:,}" if self.total is not None else "")
        text = (f"{counted} docs  {self.size / 1e6:.1f} MB  {rate:,.0f} docs/s  "
                f"{mb_rate:.2f} MB/s  {self.errors:,} errors")
        if self.total is not None and rate > 0:
            text += f"  ETA {_duration(max(self.total - done, 0) / rate)}"
        return text

    def _draw(self, now: float) -> None:
        if self.tty:
            bar = ""
            if self.total:
                filled = min(_BAR, _BAR * (self.docs + self.skipped) // self.total)
                bar = "[" + "#" * filled + "." * (_BAR - filled) + "] "
            self.stream.write(f"\r\x1b[K{bar}{self.line(now)}")
        else:
            self.stream.write(f"{self.label}: {self.line(now)}\n")
        self.stream.flush()

    def finish(self, summary: str) -> None:
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r\x1b[K")
        self.stream.write(f"{self.label}: {summary}\n")
        self.stream.flush()

    def note(self, message: str) -> None:
        if self.enabled:
            if self.tty:
                self.stream.write("\r\x1b[K")
            self.stream.write(f"{self.label}: {message}\n")
            self.stream.flush()
