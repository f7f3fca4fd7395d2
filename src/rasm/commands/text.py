"""`rasm text`: names in running text -> one JSON object per document.

Contract (other tools call this): `rasm text [FILE|TEXT|-]... [--gazetteer PATH]... [--no-builtin]
[--threshold X] [--kind K]... [--rewrite replace|append|identity] [--style news|bgn|alalc|ascii|
arabic|source] [--jsonl] [--translate]`. `--style replace|append|identity` (the old spelling of
--rewrite) still works, with a warning on stderr.
Each FILE is one document, and so is an argument that is no file but text (it has a space, or
no path shape: `rasm text "Fighters left Karm al-Qatirji"`); `-` and no argument read stdin as
one document, or with --jsonl one document per line as {"id": ..., "text": ...}. Each document gives {"text": <rewritten>, "mentions": [...]}
(plus "id" with --jsonl, "source" for a file, and "translated" with --translate: the English
text the offsets refer to). A document that cannot be read still gets its line, with "error".
JSON lines whenever stdout is not a terminal, or with --json; on a terminal the rewritten text
and a table of its mentions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from rasm.checks import first_surrogate, loads_json
from rasm.commands.common import (
    add_gazetteer_options,
    add_kind_option,
    decode_line,
    gazetteer_from_args,
    open_inputs,
    read_lines,
)
from rasm.commands.terminal import (
    BOLD,
    DIM,
    GREEN,
    YELLOW,
    Painter,
    add_output_options,
    printable,
    stdin_hint,
    table,
    wants_color,
    wants_json,
)
from rasm.errors import InputError, RasmError
from rasm.gazetteer import Gazetteer
from rasm.model import STYLES
from rasm.text import MAX_DOCUMENT_CHARS, REWRITES, normalize_text

MAX_DOCUMENT_BYTES = 4 * MAX_DOCUMENT_CHARS  # UTF-8 takes at most 4 bytes a character
# A JSON line spells a character in at most 6 bytes (\u0627), plus the id and the syntax.
MAX_JSONL_BYTES = 6 * MAX_DOCUMENT_CHARS + 65536
JSONL_NOTE = f"the limit is {MAX_DOCUMENT_CHARS:,} characters for a document"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "text", help="find and canonicalize the names in text or documents",
        description="Find the names in running text, link them to entities and rewrite them. "
                    "Each argument is a file to read, or the text itself; `-` or none reads "
                    "stdin.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", metavar="FILE|TEXT",
                        help="documents: a file (one document), `-` for stdin, or the text "
                             "itself; default: stdin")
    add_gazetteer_options(parser)
    add_kind_option(parser, many=True)
    parser.add_argument("--rewrite", choices=REWRITES, default=None,
                        help="replace names (default), append [canonical], or identity")
    parser.add_argument("--style", choices=(*STYLES, *REWRITES), default=None,
                        help="name style of canonical names: news (default), bgn, alalc, ascii, "
                             "arabic, source (replace/append/identity: deprecated, use --rewrite)")
    parser.add_argument("--jsonl", action="store_true",
                        help='read documents as JSON lines {"id": ..., "text": ...}')
    parser.add_argument("--translate", action="store_true",
                        help="translate each document to English first (needs rasm[translate])")
    add_output_options(parser)
    parser.set_defaults(func=run)


EXAMPLES = """examples:
  rasm text "Fighters left Karm al-Qatirji for Deir Ezzor"
  rasm text article.txt other.txt              # each file is one document
  rasm text --rewrite append --kind place < article.txt
  rasm text --style bgn --json "Shelling hit Dayr az Zawr."
  rasm text --jsonl < docs.jsonl               # one {"id": ..., "text": ...} per line
"""

# An argument with one of these endings and no space is meant as a file, even a missing one
# (an error then, not a document holding the words "article.txt").
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".json", ".jsonl", ".html", ".htm", ".csv", ".tsv",
                     ".gz", ".xml")


def _translate(text: str) -> str:
    try:
        from rasm.translate import translate_document
    except ImportError as exc:
        raise InputError(f"--translate is not available in this installation: {exc}") from exc
    return translate_document(text, target="en").text


def _document(text: str, args: argparse.Namespace, gazetteer: Gazetteer) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if args.translate:
        text = _translate(text)
        record["translated"] = text
    result = normalize_text(text, gazetteer=gazetteer, kinds=args.kind,
                            threshold=args.threshold, rewrite=args.rewrite, style=args.style)
    record.update(result.to_dict())
    return record


def _jsonl_document(raw: bytes, where: str) -> tuple[Any, str]:
    line = decode_line(raw, where)
    try:
        obj = loads_json(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON: {exc.msg}") from exc
    except InputError as exc:  # nested too deeply, a number too long to read
        raise InputError(f"{where}: not usable JSON: {exc}") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise InputError(f'{where}: expected an object {{"id": ..., "text": "..."}}')
    bad = first_surrogate(obj.get("id"), "id")
    if bad is not None:  # the id is echoed in the output, which must be UTF-8
        raise InputError(f"{where}: {bad}")
    return obj.get("id"), obj["text"]


def run(args: argparse.Namespace) -> int:
    if args.style in REWRITES:  # the old spelling of --rewrite
        print(f"rasm text: --style {args.style} is deprecated; use --rewrite {args.style} "
              f"(--style is now the name style: {', '.join(STYLES)})", file=sys.stderr)
        args.rewrite = args.rewrite or args.style
        args.style = None
    gazetteer = gazetteer_from_args(args)
    show = _Shower(args)
    status = 0
    for source, stream, inline in _documents(args.files):
        if inline is not None:  # the text itself, given as an argument
            status |= show(_safe_document(inline, "<argument>", args, gazetteer, None))
            continue
        assert stream is not None
        if args.jsonl:
            for line in read_lines(source, stream, MAX_JSONL_BYTES, JSONL_NOTE):
                if not line.raw.strip() and line.problem is None:
                    continue
                doc_id: Any = None
                try:
                    if line.problem is not None:
                        raise InputError(line.problem)
                    doc_id, text = _jsonl_document(line.raw, line.where)
                    record = {"id": doc_id, **_document(text, args, gazetteer)}
                except RasmError as exc:
                    message = str(exc)
                    if not message.startswith(line.where):
                        message = f"{line.where}: {message}"
                    record = {"id": doc_id, "text": None, "mentions": [], "error": message}
                status |= show(record)
            continue
        try:
            text = _read_document(source, stream)
        except RasmError as exc:
            status |= show({"source": source, "text": None, "mentions": [], "error": str(exc)})
            continue
        named = source if source != "<stdin>" else None
        status |= show(_safe_document(text, source, args, gazetteer, named))
    sys.stdout.flush()
    return status


def _documents(arguments: list[str]) -> Iterator[tuple[str, BinaryIO | None, str | None]]:
    """(source, stream, None) for a file or stdin, ("<argument>", None, text) for text given
    as an argument; in the order given."""
    if not arguments:
        stdin_hint("text", "one document", 'rasm text "Fighters left Karm al-Qatirji"')
        yield from ((source, stream, None) for source, stream in open_inputs(None))
        return
    for argument in arguments:
        if argument == "-":
            yield from ((source, stream, None) for source, stream in open_inputs(None))
        elif _is_file_argument(argument):
            yield from ((s, stream, None) for s, stream in open_inputs([Path(argument)]))
        else:
            yield "<argument>", None, argument


def _is_file_argument(argument: str) -> bool:
    if os.path.isfile(argument):
        return True
    if any(c.isspace() for c in argument):
        return False
    return os.sep in argument or argument.lower().endswith(DOCUMENT_SUFFIXES)


def _read_document(source: str, stream: BinaryIO) -> str:
    try:
        raw = stream.read(MAX_DOCUMENT_BYTES + 1)  # bounded: a document, not a corpus
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise InputError(f"{source}: document is larger than {MAX_DOCUMENT_BYTES} bytes")
    return decode_line(raw, source)


def _safe_document(text: str, source: str, args: argparse.Namespace, gazetteer: Gazetteer,
                   named: str | None) -> dict[str, Any]:
    """The document's record, with "source" for a file; a failure is a record with "error"."""
    try:
        record = _document(text, args, gazetteer)
    except RasmError as exc:
        return {"source": source, "text": None, "mentions": [], "error": str(exc)}
    return {"source": named, **record} if named is not None else record


class _Shower:
    """Writes each document's record as a JSON line, or for a person as text and a table;
    returns 1 for a record with an error."""

    HEADERS = ("NAME", "CANONICAL", "KIND", "ID", "SCORE", "METHOD", "AT")

    def __init__(self, args: argparse.Namespace) -> None:
        self.json = wants_json(args)
        self.paint = Painter(wants_color(args))
        self.count = 0

    def __call__(self, record: dict[str, Any]) -> int:
        out = sys.stdout
        if self.json:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            return 1 if "error" in record else 0
        paint, self.count = self.paint, self.count + 1
        title = record.get("source") or (f"id {record['id']}" if "id" in record else "")
        if self.count > 1:
            out.write("\n")
        if title:
            out.write(paint(f"== {printable(str(title))}", BOLD) + "\n")
        if "error" in record:
            out.write(paint(f"error: {record['error']}", YELLOW) + "\n")
            return 1
        out.write(printable(str(record["text"])) + "\n")
        mentions = record["mentions"]
        if not mentions:
            out.write(paint("no names found", DIM) + "\n")
            return 0
        out.write("\n" + table(self.HEADERS, [self._row(m) for m in mentions], paint))
        return 0

    @staticmethod
    def _row(mention: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
        at = f"{mention['start']}-{mention['end']}"
        if mention["id"] is None:
            return [(mention["surface"], ()), ("not known", (DIM,)), ("", ()), ("", ()),
                    ("", ()), (mention["method"], ()), (at, (DIM,))]
        return [(mention["surface"], ()), (str(mention["canonical"]), (BOLD, GREEN)),
                (str(mention["kind"]), ()), (str(mention["id"]), (DIM,)),
                (f"{mention['score']:.2f}", ()), (str(mention["method"]), ()), (at, (DIM,))]
