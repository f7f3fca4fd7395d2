"""Runs `rasm batch` (the real CLI, one process) and holds it still at one stage so that a test
can kill it there with SIGKILL: the test's fault injection, not part of rasm.

    python kill_harness.py STAGE MARKER -- BATCH-ARGS...

STAGE: start (the work folder is created, no chunk done), chunk (in the middle of a chunk,
some chunks committed), merge (OUT's temporary file half written). When the process reaches
the stage it creates MARKER and waits (at most 120 s) to be killed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

PAUSE_LIMIT_S = 120.0
CHUNK_DOC = 10  # the document (counted from 1) at which `chunk` holds still
MERGE_LINES = 5  # lines of OUT written before `merge` holds still


def hold(marker: Path) -> None:
    marker.write_text("here\n", encoding="utf-8")
    time.sleep(PAUSE_LIMIT_S)  # bounded: the test kills long before
    raise SystemExit("kill_harness: never killed")


def install(stage: str, marker: Path, out: Path) -> None:
    from rasm import text
    from rasm.batch import journal, runner

    if stage == "start":
        original_open = journal.Journal.open

        def open_then_hold(self: Any, *, restart: bool = False) -> None:
            original_open(self, restart=restart)
            hold(marker)

        journal.Journal.open = open_then_hold  # type: ignore[method-assign]
    elif stage == "chunk":
        original_normalize = text.normalize_text
        calls = 0

        def normalize_then_hold(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == CHUNK_DOC:
                hold(marker)
            return original_normalize(*args, **kwargs)

        text.normalize_text = normalize_then_hold  # type: ignore[assignment]
    elif stage == "merge":
        original_write: Callable[[Path, Iterable[str]], int] = runner.write_lines

        def slow_lines(lines: Iterable[str]) -> Iterator[str]:
            for number, line in enumerate(lines, start=1):
                if number == MERGE_LINES + 1:
                    hold(marker)
                yield line

        def write_then_hold(final: Path, lines: Iterable[str]) -> int:
            if Path(final) == out:
                lines = slow_lines(lines)
            return original_write(final, lines)

        runner.write_lines = write_then_hold
    else:
        raise SystemExit(f"kill_harness: unknown stage {stage!r}")


def main(argv: list[str]) -> int:
    stage, marker, separator, *batch_args = argv
    assert separator == "--"
    out = Path(batch_args[batch_args.index("--out") + 1])
    install(stage, Path(marker), out)
    from rasm.cli import main as rasm_main

    return rasm_main(["batch", *batch_args])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
