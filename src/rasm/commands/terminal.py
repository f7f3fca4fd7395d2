"""What a person at a terminal sees: JSON lines or a table, colour or not, and the hint when a
command would wait on a terminal's stdin.

JSON lines are the contract for programs, so they are the output whenever stdout is not a
terminal (a pipe, a file) or `--json` is given; a table is for eyes only. Colour follows
`--color auto|always|never`; `auto` means a terminal, no NO_COLOR (https://no-color.org) and a
TERM other than `dumb`.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")

# SGR codes: kept few so that a table stays readable on any background.
BOLD, DIM, RED, GREEN, YELLOW, CYAN = "1", "2", "31", "32", "33", "36"


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="JSON lines even on a terminal (the default when stdout is a "
                             "pipe or a file)")
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="colour the table: auto (a terminal without NO_COLOR), always, "
                             "never")


def wants_json(args: argparse.Namespace, stream: TextIO | None = None) -> bool:
    """JSON lines unless a person reads stdout at a terminal."""
    if getattr(args, "json", False):
        return True
    return not _isatty(stream if stream is not None else sys.stdout)


def wants_color(args: argparse.Namespace, stream: TextIO | None = None) -> bool:
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return bool(choice == "always")
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _isatty(stream if stream is not None else sys.stdout)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def stdin_hint(command: str, what: str, example: str) -> None:
    """Say on stderr what a command waits for when stdin is a terminal and nothing was given:
    without it `rasm match` typed alone seems to hang."""
    if _isatty(sys.stdin):
        print(f"rasm {command}: reading {what} from the terminal; end with Ctrl-D "
              f"(or give them as arguments: {example}; see rasm {command} --help)",
              file=sys.stderr, flush=True)


class Painter:
    """Wraps text in SGR colour codes, or leaves it alone."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *codes: str) -> str:
        if not self.enabled or not codes or not text:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def display_width(text: str) -> int:
    """Columns a string takes on a terminal: marks take none, wide East Asian letters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def printable(text: str) -> str:
    """A cell's text without control characters (a name from a hostile file must not move
    the cursor or recolour the terminal)."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[tuple[str, tuple[str, ...]]]],
          paint: Painter, *, header: bool = True) -> str:
    """Rows of (text, colour codes) cells, aligned in columns; the last column is not padded."""
    cells = [[(printable(text), codes) for text, codes in row] for row in rows]
    widths = [display_width(h) if header else 0 for h in headers]
    for row in cells:
        for i, (text, _) in enumerate(row):
            widths[i] = max(widths[i], display_width(text))
    lines = []
    if header:
        lines.append(_line([(h, (BOLD,)) for h in headers], widths, paint))
    lines.extend(_line(row, widths, paint) for row in cells)
    return "".join(line + "\n" for line in lines)


def _line(row: Sequence[tuple[str, tuple[str, ...]]], widths: Sequence[int],
          paint: Painter) -> str:
    parts = []
    for i, (text, codes) in enumerate(row):
        pad = "" if i == len(row) - 1 else " " * (widths[i] - display_width(text))
        parts.append(paint(text, *codes) + pad)
    return "  ".join(parts).rstrip()
