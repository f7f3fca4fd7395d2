"""Progress: a redrawn bar on a terminal, plain lines in logs, a summary either way."""

from __future__ import annotations

import io

from rasm.batch.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_log_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream, log_every=0.0)
    progress.total = 10
    progress.skip(2, 2_000_000)
    progress.advance(4, 3_000_000, 1)
    progress.finish("done")
    first, last = stream.getvalue().splitlines()
    assert first.startswith("rasm batch: 6/10 docs  3.0 MB  ") and "1 errors  ETA " in first
    assert last == "rasm batch: done"
    assert "\r" not in stream.getvalue()


def test_bar_on_a_terminal_is_redrawn_in_place() -> None:
    stream = Terminal()
    progress = Progress(stream)
    progress.total = 8
    progress.advance(4, 1000, 0)
    text = stream.getvalue()
    assert text.startswith("\r\x1b[K[############............] 4/8 docs")
    progress.finish("done")
    assert stream.getvalue().endswith("\r\x1b[Krasm batch: done\n")


def test_disabled_progress_writes_nothing() -> None:
    stream = Terminal()
    progress = Progress(stream, enabled=False)
    progress.advance(4, 1000, 0)
    progress.note("resuming")
    progress.finish("done")
    assert stream.getvalue() == ""
