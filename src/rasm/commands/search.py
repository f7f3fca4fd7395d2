"""`rasm search PREFIX`: suggestions as you type (`rasm.names.suggest`), any spelling or script.

One line per entity, best first: JSON lines (`Candidate.to_dict()`) when piped or with --json,
a table on a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys

from rasm.commands.common import (
    add_gazetteer_options,
    add_kind_option,
    gazetteer_from_args,
    positive_int,
)
from rasm.commands.terminal import (
    BOLD,
    DIM,
    GREEN,
    Painter,
    add_output_options,
    table,
    wants_color,
    wants_json,
)
from rasm.errors import InputError

EXAMPLES = """examples:
  rasm search "Deir e"
  rasm search دير --limit 5
  rasm search Nus --kind org --json
"""

HEADERS = ("CANONICAL", "KIND", "COUNTRY", "ID", "MATCHED", "LOCATED")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "search", help="suggest entities for the start of a name, as a search box does",
        description="Suggest entities whose names start like PREFIX (any spelling or script), "
                    "plus close spellings, best first.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prefix", nargs="+", metavar="PREFIX",
                        help="the start of a name (several words are one prefix)")
    add_gazetteer_options(parser)
    add_kind_option(parser)
    parser.add_argument("--limit", type=positive_int, default=10,
                        help="suggestions at most (default 10)")
    add_output_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasm.names.suggest import suggest

    prefix = " ".join(args.prefix)
    if not prefix.strip():
        raise InputError("PREFIX is empty: give the start of a name")
    gazetteer = gazetteer_from_args(args)
    found = suggest(prefix, gazetteer=gazetteer, kind=args.kind, limit=args.limit)
    if wants_json(args):
        for candidate in found:
            sys.stdout.write(json.dumps(candidate.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return 0
    paint = Painter(wants_color(args))
    if not found:
        sys.stderr.write(f"rasm search: nothing starts like {prefix!r}\n")
        return 0
    rows = [[(c.entity.canonical, (BOLD, GREEN)), (c.entity.kind, ()), (c.entity.country, ()),
             (c.entity.id, (DIM,)), (c.matched, ()), (c.entity.located, (DIM,))] for c in found]
    sys.stdout.write(table(HEADERS, rows, paint))
    sys.stdout.flush()
    return 0
