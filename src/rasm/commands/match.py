"""`rasm match`: one name per input line -> one JSON object per line, in order.

Contract (other tools call this): `rasm match [--gazetteer PATH]... [--no-builtin] [--kind K]
[--threshold X] [--style S] [--names]` reads stdin (or --input files) and writes
{"query", "id", "canonical", "kind", "score", "method", "alternatives", ...} per line;
`canonical` in name style S (news, bgn, alalc, ascii, arabic, source), and with --names a
`names` object holding every style.
A line that cannot be matched (invalid UTF-8, too long) still gets its line, with "error".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
from rasm.errors import InputError, RasmError
from rasm.matcher import MAX_QUERY_CHARS, match
from rasm.model import STYLES

# A name is at most MAX_QUERY_CHARS characters, so at most 4 bytes each in UTF-8: a longer line
# is an error without being read into memory whole.
MAX_LINE_BYTES = 4 * MAX_QUERY_CHARS
LIMIT_NOTE = f"the limit is {MAX_QUERY_CHARS} characters for a name"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("match", help="match names (one per line) to entities; JSON lines out")
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
    parser.add_argument("--names", action="store_true",
                        help="add `names`: the entity's name in every style")
    parser.set_defaults(func=run)


def _no_match(query: str, error: str) -> dict[str, object]:
    return {"query": query, "id": None, "canonical": None, "kind": None, "score": 0.0,
            "method": "none", "alternatives": [], "error": error}


def run(args: argparse.Namespace) -> int:
    check_optional_text(args.country, "--country")  # a bad option fails before any input
    gazetteer = gazetteer_from_args(args)
    out = sys.stdout
    for source, stream in open_inputs(args.input):
        for line in read_lines(source, stream, MAX_LINE_BYTES, LIMIT_NOTE):
            raw = line.raw
            try:
                if line.problem is not None:
                    raise InputError(line.problem)
                name = decode_line(raw, line.where)
                record = match(
                    name, gazetteer=gazetteer, kind=args.kind, country=args.country,
                    threshold=args.threshold, limit=args.limit,
                ).to_dict(style=args.style, names=args.names)
            except RasmError as exc:
                shown = raw[:200].decode("utf-8", errors="replace")
                record = _no_match(shown, str(exc))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    return 0
