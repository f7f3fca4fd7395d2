"""`rasm translate`: one document on stdin -> its translation on stdout.

Contract (other tools call this): `rasm translate [--model ID_OR_PATH] [--from LANG|auto]
[--to en]` reads the whole of stdin (or --input FILE) as one document and writes its
translation, paragraph layout kept. Names the core recognizes are protected (their canonical
English forms appear in the translation); `--glossary FILE` adds do-not-translate terms.
`--json` writes the Translation as one JSON object instead of the text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rasm.checks import check_text
from rasm.commands.common import add_gazetteer_options, gazetteer_from_args
from rasm.commands.terminal import stdin_hint
from rasm.errors import InputError, TableError
from rasm.gazetteer import Gazetteer
from rasm.text import MAX_DOCUMENT_CHARS
from rasm.translate.pipeline import BACKENDS

MAX_DOCUMENT_BYTES = 4 * MAX_DOCUMENT_CHARS  # UTF-8 takes at most 4 bytes a character


EXAMPLES = """examples:
  rasm translate < article_ar.txt                  # needs rasm[translate] and a local model
  rasm translate --from ru --backend ct2 --input article_ru.txt
  rasm translate --json --glossary terms.txt < article_fa.txt
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "translate", help="translate one document (stdin) into English, names kept; text out",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, metavar="ID_OR_PATH",
                        help="model hub id or local folder (default: the registry's for the pair)")
    parser.add_argument("--from", dest="source", default="auto", metavar="LANG",
                        help="source language code, or auto (default) to identify it")
    parser.add_argument("--to", dest="target", default="en", metavar="LANG",
                        help="target language code (default en)")
    parser.add_argument("--backend", default=None, choices=BACKENDS,
                        help="transformers MarianMT (default) or CTranslate2 "
                             "(default from RASM_TRANSLATE_BACKEND)")
    parser.add_argument("--compute-type", default=None, metavar="TYPE",
                        help="CTranslate2 precision: default (the stored float32; float16 on "
                             "CUDA), auto (int8 on CPU, the fastest; float16 on CUDA), int8, "
                             "int8_float32, float16...; default from RASM_CT2_COMPUTE_TYPE")
    parser.add_argument("--device", default="auto", help="auto (default), cpu, cuda, cuda:N")
    parser.add_argument("--beam", type=int, default=4, metavar="N", help="beam size (default 4)")
    parser.add_argument("--glossary", type=Path, default=None, metavar="FILE",
                        help="do-not-translate terms, one per line (TERM or TERM<TAB>RENDERING)")
    parser.add_argument("--no-protect", action="store_true",
                        help="do not protect the names the core recognizes")
    add_gazetteer_options(parser)
    parser.add_argument("--input", type=Path, default=None, metavar="FILE",
                        help="read the document from FILE instead of stdin")
    parser.add_argument("--json", action="store_true",
                        help="write the Translation as JSON (text, languages, model, names)")
    parser.set_defaults(func=run)


def read_glossary(path: Path) -> dict[str, str]:
    """TERM or TERM<TAB>RENDERING per line; blank lines and # comments skipped."""
    try:
        data = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise TableError(str(path), None, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise TableError(str(path), None, f"invalid UTF-8 at byte {exc.start}") from exc
    terms: dict[str, str] = {}
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        term, _, rendering = line.partition("\t")
        if not term.strip():
            raise TableError(str(path), number, "empty term before the tab")
        terms[term.strip()] = rendering.strip() or term.strip()
    return terms


def _read_document(path: Path | None) -> str:
    where = str(path) if path else "<stdin>"
    try:
        if path:
            with path.open("rb") as stream:
                raw = stream.read(MAX_DOCUMENT_BYTES + 1)
        else:
            stdin_hint("translate", "one document", "rasm translate --input article.txt")
            raw = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {where}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_DOCUMENT_BYTES:  # read no further: a document, not a corpus
        raise InputError(f"{where}: document is larger than {MAX_DOCUMENT_BYTES:,} bytes; the "
                         f"limit is {MAX_DOCUMENT_CHARS:,} characters")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: invalid UTF-8 at byte {exc.start}") from exc


def _gazetteer(args: argparse.Namespace) -> Gazetteer | None:
    """None (the built-in tables, loaded only if a name is looked up) unless options say else."""
    if args.gazetteer or args.no_builtin:
        return gazetteer_from_args(args)
    return None


def run(args: argparse.Namespace) -> int:
    from rasm.translate import translate_document
    from rasm.translate.protect import core_finder

    if args.beam < 1:
        raise InputError(f"--beam must be at least 1, got {args.beam}")
    if args.compute_type is not None:
        from rasm.translate.pipeline import ENV_CT2_COMPUTE_TYPE

        check_text(args.compute_type, "--compute-type", max_chars=32)
        os.environ[ENV_CT2_COMPUTE_TYPE] = args.compute_type  # this process's translators
    text = _read_document(args.input)
    glossary = read_glossary(args.glossary) if args.glossary else None
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1, got {args.threshold}")
    finder = None if args.no_protect else core_finder(_gazetteer(args), args.threshold)
    result = translate_document(
        text, source=args.source, target=args.target, model=args.model, backend=args.backend,
        device=args.device, beam_size=args.beam, protect_names=not args.no_protect,
        finder=finder, glossary=glossary,
    )
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(result.text)
        if result.text and not result.text.endswith("\n"):
            sys.stdout.write("\n")
    for note in result.notes:
        print(f"rasm translate: note: {note}", file=sys.stderr)
    sys.stdout.flush()
    return 0
