"""`rasm match`: names (arguments, or one per input line) -> one JSON object per name, in order.

Contract (other tools call this): `rasm match [NAME]... [--gazetteer PATH]... [--no-builtin]
[--kind K] [--threshold X] [--style S] [--names]` matches the NAMEs given (`-` reads stdin
there), else the lines of stdin (or --input files), and writes
{"query", "id", "canonical", "kind", "score", "method", "alternatives", ...} per line;
`canonical` in name style S (news, bgn, alalc, ascii, arabic, source), and with --names a
`names` object holding every style.
A line that cannot be matched (invalid UTF-8, too long) still gets its line, with "error".
JSON lines whenever stdout is not a terminal, or with --json; a table for a person at one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasm.checks import check_optional_text
from rasm.commands.common import (
    add_gazetteer_options,
    add_kind_option,
    decode_line,
    gazetteer_from_args,
    open_inputs,
    positive_int,
    read_lines,
)
from rasm.commands.terminal import (
    BOLD,
    DIM,
    GREEN,
    YELLOW,
    Painter,
    add_output_options,
    stdin_hint,
    table,
    wants_color,
    wants_json,
)
from rasm.errors import InputError, RasmError
from rasm.gazetteer import Gazetteer
from rasm.model import STYLES
from rasm.names.matcher import MAX_QUERY_CHARS, match

# A name is at most MAX_QUERY_CHARS characters, so at most 4 bytes each in UTF-8: a longer line
# is an error without being read into memory whole.
MAX_LINE_BYTES = 4 * MAX_QUERY_CHARS
LIMIT_NOTE = f"the limit is {MAX_QUERY_CHARS} characters for a name"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "match", help="match names to entities (a table on a terminal, JSON lines otherwise)",
        description="Match each name to the entity it most likely refers to. Names come from "
                    "the arguments, else one per line from stdin or --input files.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="names to match; `-` reads names from stdin, one per line")
    add_gazetteer_options(parser)
    add_kind_option(parser)
    parser.add_argument("--country", default=None, help="match only entities of this country code")
    parser.add_argument("--limit", type=positive_int, default=5,
                        help="best + alternatives at most (default 5)")
    parser.add_argument("--input", nargs="+", type=Path, default=None, metavar="FILE",
                        help="read names from these files instead of stdin")
    parser.add_argument("--style", choices=STYLES, default=None,
                        help="name style of `canonical`: news (default), bgn, alalc, ascii, "
                             "arabic, source")
    parser.add_argument("--names", dest="names_all", action="store_true",
                        help="add `names`: the entity's name in every style")
    add_output_options(parser)
    parser.set_defaults(func=run)


EXAMPLES = """examples:
  rasm match Aleppo "Deir Ezzor" دير الزور
  rasm match --kind org "Nusra Front"
  rasm match "Tal Abyad" --country IQ --json
  printf 'Deir Ezzur\nNusra Front\n' | rasm match          # JSON lines, one per name
  rasm match --input names.txt --style bgn > matched.jsonl
  rasm match --gazetteer my_names.tsv --no-builtin < names.txt
"""


def _no_match(query: str, error: str) -> dict[str, object]:
    return {"query": query, "id": None, "canonical": None, "kind": None, "score": 0.0,
            "method": "none", "alternatives": [], "error": error}


def run(args: argparse.Namespace) -> int:
    check_optional_text(args.country, "--country")  # a bad option fails before any input
    if args.names and args.input:
        raise InputError("give names as arguments or --input FILE..., not both")
    gazetteer = gazetteer_from_args(args)
    records = (_record(query, raw, problem, args, gazetteer)
               for query, raw, problem in _queries(args))
    if wants_json(args):
        out = sys.stdout
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if _interactive(args):
                out.flush()
        out.flush()
        return 0
    paint = Painter(wants_color(args))
    if _interactive(args):  # one answer per name typed, as it is typed
        for record in records:
            sys.stdout.write(table(HEADERS, [_row(record, paint)], paint, header=False))
            sys.stdout.flush()
        return 0
    sys.stdout.write(table(HEADERS, [_row(r, paint) for r in records], paint))
    sys.stdout.flush()
    return 0


def _interactive(args: argparse.Namespace) -> bool:
    """Names are typed at the terminal as the command runs."""
    reads_stdin = (not args.names and not args.input) or "-" in args.names
    return reads_stdin and sys.stdin.isatty()


def _queries(args: argparse.Namespace) -> Iterator[tuple[str, bytes, str | None]]:
    """(name, raw bytes, problem) in order: the arguments, with `-` standing for stdin."""
    if args.names:
        for name in args.names:
            if name == "-":
                yield from _lines(None, args)
            else:
                yield name, name.encode("utf-8", "surrogateescape"), None
        return
    yield from _lines(args.input, args)


def _lines(paths: list[Path] | None, args: argparse.Namespace
           ) -> Iterator[tuple[str, bytes, str | None]]:
    if not paths:
        stdin_hint("match", "names (one per line)", 'rasm match Aleppo "Deir Ezzor"')
    for source, stream in open_inputs(paths):
        for line in read_lines(source, stream, MAX_LINE_BYTES, LIMIT_NOTE):
            yield line.where, line.raw, line.problem


def _record(where: str, raw: bytes, problem: str | None, args: argparse.Namespace,
            gazetteer: Gazetteer) -> dict[str, Any]:
    try:
        if problem is not None:
            raise InputError(problem)
        name = decode_line(raw, where)
        return match(
            name, gazetteer=gazetteer, kind=args.kind, country=args.country,
            threshold=args.threshold, limit=args.limit,
        ).to_dict(style=args.style, names=args.names_all)
    except RasmError as exc:
        shown = raw[:200].decode("utf-8", errors="replace")
        return _no_match(shown, str(exc))


HEADERS = ("NAME", "CANONICAL", "KIND", "COUNTRY", "ID", "SCORE", "METHOD")


def _row(record: dict[str, Any], paint: Painter) -> list[tuple[str, tuple[str, ...]]]:
    query = str(record["query"])
    if record.get("error"):
        return [(query, ()), (f"error: {record['error']}", (YELLOW,)), *[("", ())] * 5]
    if record["id"] is None:
        return [(query, ()), ("not known", (DIM,)), *[("", ())] * 5]
    others = len(record.get("alternatives") or [])
    method = str(record["method"]) + (f" (+{others} other{'s' * (others > 1)})" if others else "")
    colour = GREEN
    if record.get("ambiguous"):
        # Another entity fits about as well: say so rather than look certain.
        method += ", ambiguous"
        colour = YELLOW
    return [(query, ()), (str(record["canonical"]), (BOLD, colour)), (str(record["kind"]), ()),
            (str(record.get("country") or ""), ()), (str(record["id"]), (DIM,)),
            (f"{record['score']:.2f}", ()), (method, ())]
