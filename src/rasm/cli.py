"""`rasm` command line: a thin layer over the library. Each subcommand lives in
rasm.commands.<name> and registers itself with `register(subparsers)`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from rasm.errors import RasmError

COMMANDS = ("match", "text", "show", "search", "translit", "translate", "batch", "serve",
            "gazetteer", "completion")

EXAMPLES = """examples:
  rasm match Aleppo "Deir Ezzor"                 # a table on a terminal, JSON lines in a pipe
  rasm text "Fighters left Karm al-Qatirji"      # names in running text
  rasm show Q41183                                # one entity, by any of its ids
  rasm search "Deir e"                           # suggestions for the start of a name
  rasm batch --sample --out out/sample.jsonl     # a corpus, with its report
  rasm serve                                     # the service and pages on 127.0.0.1:8000

`rasm COMMAND --help` shows each command's options and examples."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command-line parser. Given the arguments, and when they name a command first, only
    that command's module is imported: `rasm match` does not pay for importing running text,
    batch, translation and the service (a third of a second and more of every call); the whole
    tree is built for help, completion and anything else."""
    wanted = argv[0] if argv and argv[0] in COMMANDS and argv[0] != "completion" else None
    parser = argparse.ArgumentParser(
        prog="rasm", description="Normalize spellings of Arabic-world names to canonical entities.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"rasm {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if wanted is not None and name != wanted:
            continue
        try:
            module = import_module(f"rasm.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"rasm.commands.{name}":
                raise
            continue
        module.register(sub)
    parser.set_defaults(root_parser=parser)  # `rasm completion` reads the whole tree
    return parser


def _version() -> str:
    from rasm import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(argv).parse_args(argv)
    try:
        return int(args.func(args))
    except RasmError as exc:
        print(f"rasm {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `rasm match | head` is not an error
        _silence_stdout()
        return 0
    except OSError as exc:
        # Reading errors are InputErrors naming their file; what is left is writing: a full
        # disk (`> /dev/full`), a closed or unwritable output.
        where = exc.filename if exc.filename is not None else "standard output"
        print(f"rasm {args.command}: error: cannot write {where}: {exc.strerror or exc}",
              file=sys.stderr)
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush of what could not be
    written does not print a second error (or a traceback) on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
