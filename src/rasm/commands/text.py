"""`rasm text`: names in running text -> one JSON object per document.

Contract (other tools call this): `rasm text [FILE]... [--gazetteer PATH]... [--no-builtin]
[--threshold X] [--kind K]... [--rewrite replace|append|identity] [--style news|bgn|alalc|ascii|
arabic|source] [--jsonl] [--translate]`. `--style replace|append|identity` (the old spelling of
--rewrite) still works, with a warning on stderr.
Each FILE is one document; with none, stdin is one document, or with --jsonl one document per
line as {"id": ..., "text": ...}. Each document gives {"text": <rewritten>, "mentions": [...]}
(plus "id" with --jsonl, "source" for a file, and "translated" with --translate: the English
text the offsets refer to). A document that cannot be read still gets its line, with "error".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rasm.checks import first_surrogate, loads_json
from rasm.commands.common import (
    add_gazetteer_options,
    add_kind_option,
    decode_line,
    gazetteer_from_args,
    open_inputs,
    read_lines,
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
        "text", help="find and canonicalize the names in documents; one JSON object per document"
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="documents to read (each file is one document); default: stdin")
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
    parser.set_defaults(func=run)


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
    out = sys.stdout
    status = 0
    for source, stream in open_inputs(args.files or None):
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
                    status = 1
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        try:
            try:
                raw = stream.read(MAX_DOCUMENT_BYTES + 1)  # bounded: a document, not a corpus
            except OSError as exc:
                raise InputError(f"cannot read {source}: {exc.strerror or exc}") from exc
            if len(raw) > MAX_DOCUMENT_BYTES:
                raise InputError(f"{source}: document is larger than {MAX_DOCUMENT_BYTES} bytes")
            text = decode_line(raw, source)
            record = _document(text, args, gazetteer)
            if args.files:
                record = {"source": source, **record}
        except RasmError as exc:
            record = {"source": source, "text": None, "mentions": [], "error": str(exc)}
            status = 1
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    return status
