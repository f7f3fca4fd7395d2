"""Options and input handling shared by subcommands (`match`, `text`, `batch` take the same
gazetteer options, and other tools rely on their names)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rasm.checks import display_path
from rasm.errors import InputError
from rasm.gazetteer import Gazetteer, builtin_gazetteer, load_gazetteer
from rasm.model import KINDS


def add_gazetteer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer", action="append", default=[], metavar="PATH", type=Path,
        help="a user gazetteer TSV (id, name[, kind, arabic, aliases]); repeatable",
    )
    parser.add_argument(
        "--no-builtin", action="store_true", help="match only against the --gazetteer tables"
    )
    parser.add_argument(
        "--threshold", type=float, default=None, metavar="X",
        help="minimum score 0..1 for a match (default: the library's)",
    )


def add_kind_option(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    if many:
        parser.add_argument(
            "--kind", action="append", choices=KINDS, default=None, metavar="K",
            help=f"link only entities of this kind ({', '.join(KINDS)}); repeatable",
        )
    else:
        parser.add_argument("--kind", choices=KINDS, default=None, metavar="K",
                            help=f"match only entities of this kind ({', '.join(KINDS)})")


def gazetteer_from_args(args: argparse.Namespace) -> Gazetteer:
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1, got {args.threshold}")
    users = [load_gazetteer(path) for path in args.gazetteer]
    if args.no_builtin:
        if not users:
            raise InputError("--no-builtin needs at least one --gazetteer PATH")
        return Gazetteer.combine(*users)
    return Gazetteer.combine(builtin_gazetteer(), *users)


def open_inputs(paths: list[Path] | None) -> Iterator[tuple[str, BinaryIO]]:
    """(name, binary stream) for each input file, or stdin when none is given."""
    if not paths:
        yield "<stdin>", sys.stdin.buffer
        return
    for path in paths:
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}") from exc
        with stream:
            yield display_path(str(path)), stream


def positive_int(value: str) -> int:
    """argparse type: a bad --limit is a usage error before any input is read."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {number}")
    return number


@dataclass(frozen=True, slots=True)
class Line:
    """One input line: its bytes without the line ending, or the problem (too long)."""

    where: str  # source:line
    raw: bytes
    ending: bytes
    problem: str | None = None


def read_lines(source: str, stream: BinaryIO, max_bytes: int, what: str) -> Iterator[Line]:
    """The lines of `stream`, each held in memory only up to `max_bytes`: a longer line is
    reported (`problem`) and skipped without being read whole. A read error is an InputError
    naming the source."""
    line_no = 0
    while True:
        line_no += 1
        where = f"{source}:{line_no}"
        try:
            chunk = stream.readline(max_bytes + 1)
            if not chunk:
                return
            if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
                while chunk and not chunk.endswith(b"\n"):  # skip the rest of the line
                    chunk = stream.readline(1 << 20)
                yield Line(where, b"", b"\n" if chunk else b"",
                           f"{where}: line longer than {max_bytes:,} bytes; {what}")
                continue
        except OSError as exc:
            raise InputError(f"cannot read {source}: {exc.strerror or exc}") from exc
        body = chunk.rstrip(b"\r\n")
        yield Line(where, body, chunk[len(body):])


def decode_line(raw: bytes, where: str) -> str:
    """A line of input as text; invalid UTF-8 is an error naming the place and the byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: invalid UTF-8 at byte {exc.start}") from exc
