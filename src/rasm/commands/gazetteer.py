"""`rasm gazetteer compile FILE...`: compile user gazetteers ahead of time.

`rasm match --gazetteer FILE`, the service and the batch workers all load a user table through
rasm.load_gazetteer, which opens its compiled form from the cache when one matches the table's
bytes and the key code, and compiles it there on first use otherwise. This command does that
first use now (in a Docker build, say), into the cache directory (RASM_CACHE_DIR, else
~/.cache/rasm) or into `--out DIR`, a directory to point RASM_CACHE_DIR at later. `--builtin`
compiles the built-in tables there too.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rasm.errors import InputError

EXAMPLES = """examples:
  rasm gazetteer compile my_places.tsv
  rasm gazetteer compile --builtin --out /srv/rasm-cache my_places.tsv
  RASM_CACHE_DIR=/srv/rasm-cache rasm match --gazetteer my_places.tsv "Deir Ezzor"
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "gazetteer", help="work with gazetteer tables (compile ahead of time)",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    compile_parser = actions.add_parser(
        "compile", help="compile user gazetteer TSVs into the cache (RASM_CACHE_DIR or --out)",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    compile_parser.add_argument("tables", nargs="*", type=Path, metavar="FILE",
                                help="user gazetteer TSV files")
    compile_parser.add_argument(
        "--out", type=Path, default=None, metavar="DIR",
        help="cache directory to compile into (default: RASM_CACHE_DIR, else ~/.cache/rasm); "
             "set RASM_CACHE_DIR=DIR where the tables are used",
    )
    compile_parser.add_argument("--builtin", action="store_true",
                                help="compile the built-in tables too")
    compile_parser.set_defaults(func=run)


@contextmanager
def _cache_dir(out: Path | None) -> Iterator[None]:
    """Point the cache at `out` for the duration: load_user_part and load_builtin_parts read
    RASM_CACHE_DIR, so the layout of the cache stays defined in one place (rasm.gazetteer.compiled)."""
    if out is None:
        yield
        return
    before = os.environ.get("RASM_CACHE_DIR")
    os.environ["RASM_CACHE_DIR"] = str(out)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("RASM_CACHE_DIR", None)
        else:
            os.environ["RASM_CACHE_DIR"] = before


def compile_table(path: Path) -> tuple[Path, bool]:
    """Compile one user table into the cache: (the store's path, whether it was already
    there). An unreadable or invalid table is an InputError/TableError naming it; a cache that
    cannot be written is an InputError (load_user_part would fall back to memory silently)."""
    from rasm.gazetteer.compiled import _cache_dir as cache_dir
    from rasm.gazetteer.compiled import compile_part, file_stamp, open_part
    from rasm.gazetteer.tables import read_entities

    try:
        stamp_value = file_stamp(path)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    target = cache_dir() / "user" / f"{stamp_value[:24]}.store"
    if open_part(target, stamp_value) is not None:
        return target, True
    entities = read_entities(path)
    try:
        compile_part(entities, str(path), stamp_value, target)
    except OSError as exc:
        raise InputError(f"cannot write the compiled gazetteer {target}: {exc.strerror or exc}") from exc
    if open_part(target, stamp_value) is None:
        raise InputError(f"the compiled gazetteer {target} could not be read back")
    return target, False


def run(args: argparse.Namespace) -> int:
    if not args.tables and not args.builtin:
        raise InputError("give at least one gazetteer FILE to compile, or --builtin")
    with _cache_dir(args.out):
        if args.builtin:
            from rasm.gazetteer.compiled import load_builtin_parts

            started = time.monotonic()
            parts = load_builtin_parts()
            entities = sum(len(part.entities) for part in parts)
            print(f"built-in tables: {entities} entities ready ({time.monotonic() - started:.1f} s)",
                  file=sys.stderr)
        for path in args.tables:
            started = time.monotonic()
            target, cached = compile_table(path)
            state = "already compiled" if cached else "compiled"
            print(f"{path}: {state} -> {target} ({time.monotonic() - started:.1f} s)")
    return 0
