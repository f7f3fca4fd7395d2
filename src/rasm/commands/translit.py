"""`rasm translit`: Arabic-script text (one line at a time, from stdin) to Latin script.

    rasm translit [--scheme S] [--no-gazetteer] < names.txt
    rasm translit --list

Each input line gives one output line; text that is not Arabic passes through. The schemes are
the rule files of tables/translit/ (`--list`). Invalid UTF-8 in the input is an error (exit 2)
naming the line and byte.
"""

from __future__ import annotations

import argparse
import sys

from rasm.commands.common import decode_line, read_lines
from rasm.commands.terminal import stdin_hint
from rasm.errors import InputError
from rasm.names.translit import MAX_TEXT_CHARS, load_scheme, schemes, transliterate

EXAMPLES = """examples:
  echo "دير الزور" | rasm translit
  rasm translit --scheme bgn < names_ar.txt
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "translit", help="transliterate Arabic-script text (stdin) to Latin script",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    known = schemes()  # from the rule files, never a list of our own
    parser.add_argument(
        "--scheme", default="news", choices=known, metavar="S",
        help=f"transliteration scheme: {', '.join(known)} (default news)",
    )
    parser.add_argument(
        "--list", action="store_true", help="print the schemes, one per line, and exit"
    )
    parser.add_argument(
        "--no-gazetteer", action="store_true",
        help="ignore the built-in names (news writes known names in their canonical form)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    if args.list:
        out.writelines(f"{name}\n" for name in schemes())
        return 0
    load_scheme(args.scheme)  # a broken rule file fails before any input is read
    gazetteer = not args.no_gazetteer
    note = f"the limit is {MAX_TEXT_CHARS:,} characters for a line to transliterate"
    stdin_hint("translit", "Arabic-script text (one line at a time)", 'echo "دير الزور" | rasm translit')
    for line in read_lines("<stdin>", sys.stdin.buffer, 4 * MAX_TEXT_CHARS, note):
        if line.problem is not None:
            raise InputError(line.problem)
        text = decode_line(line.raw, line.where)
        try:
            written = transliterate(text, args.scheme, gazetteer=gazetteer)
        except InputError as exc:  # name the line, as for invalid UTF-8
            raise InputError(f"{line.where}: {exc}") from exc
        out.write(written + ("\n" if line.ending else ""))
    out.flush()
    return 0
