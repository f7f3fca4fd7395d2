"""`rasm` command line: a thin layer over the library. Each subcommand lives in
rasm.commands.<name> and registers itself with `register(subparsers)`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from rasm.errors import RasmError

COMMANDS = ("match", "text", "translit", "translate", "batch", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasm", description="Normalize spellings of Arabic-world names to canonical entities."
    )
    parser.add_argument("--version", action="version", version=f"rasm {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = import_module(f"rasm.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"rasm.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def _version() -> str:
    from rasm import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except RasmError as exc:
        print(f"rasm {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `rasm match | head` is not an error
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
