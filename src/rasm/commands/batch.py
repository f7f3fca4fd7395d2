"""`rasm batch`: normalize every document of a corpus, resumably, on all cores or on Dask.

    rasm batch INPUT... --out OUT [--format jsonl|parquet] [--text-field F] [--id-field F]
        [--workers N] [--dask local|ADDRESS] [--errors PATH] [--report PATH] [--translate]
        [--gazetteer PATH]... [--no-builtin] [--threshold X] [--restart]
    rasm batch --sample --out out/sample.jsonl     # the embedded sample corpus

Writes OUT (one record per document), OUT's errors file (one line per failed document), the
corpus report (JSON, Markdown, and gazetteer rows for unlinked names), and prints their paths.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasm.batch.options import DEFAULT_MAX_CHARS, FORMATS, BatchOptions
from rasm.batch.progress import Progress
from rasm.batch.runner import BatchSummary, run_batch
from rasm.batch.sample import sample_corpus_dir
from rasm.commands.common import add_gazetteer_options
from rasm.errors import InputError

EXAMPLES = """examples:
  rasm batch --sample --out out/sample.jsonl       # the embedded sample corpus, with its report
  rasm batch articles/ news.jsonl.gz --out out/news.jsonl
  rasm batch news.csv --text-field body --id-field url --out out/news.parquet --workers 2
  rasm batch corpus/ --out out/corpus.jsonl --dask local
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "batch", help="normalize a corpus (folders, JSONL, CSV, Parquet) into JSONL or Parquet",
        description="Normalize every document of a corpus. Re-running the same command after a "
                    "crash or Ctrl-C resumes where it stopped.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="folders of .txt/.md files, .jsonl, .csv/.tsv or .parquet files "
                             "(any of them .gz)")
    parser.add_argument("--sample", action="store_true",
                        help="run on the embedded sample corpus (Syria news articles)")
    parser.add_argument("--out", required=True, type=Path, metavar="OUT",
                        help="output file (.jsonl or .parquet)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: from OUT's extension, else jsonl)")
    parser.add_argument("--text-field", default="text", metavar="F",
                        help="field/column holding the text (default: text)")
    parser.add_argument("--id-field", default="id", metavar="F",
                        help="field/column holding the document id (default: id; "
                             "without it, file:line)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes (default: all cores)")
    parser.add_argument("--dask", default=None, metavar="local|ADDRESS",
                        help="run on Dask: 'local' starts a LocalCluster on 127.0.0.1; else the "
                             "address of a running scheduler (tcp://host:8786)")
    parser.add_argument("--errors", type=Path, default=None, metavar="PATH",
                        help="errors file (default: OUT's name with .errors.jsonl)")
    parser.add_argument("--report", type=Path, default=None, metavar="PATH",
                        help="report JSON path (default: OUT's name with .report.json; "
                             ".md and .clusters.tsv beside it)")
    parser.add_argument("--no-report", action="store_true", help="skip the corpus report")
    parser.add_argument("--translate", action="store_true",
                        help="translate documents into English first (needs rasm[translate] "
                             "and local models)")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                        help=f"longer documents go to the errors file (default {DEFAULT_MAX_CHARS:,})")
    parser.add_argument("--chunk-docs", type=int, default=256, metavar="N",
                        help="documents per unit of work and journal entry (default 256)")
    parser.add_argument("--restart", action="store_true",
                        help="discard an unfinished earlier run of OUT instead of resuming it")
    parser.add_argument("--quiet", action="store_true", help="no progress or summary lines")
    add_gazetteer_options(parser)
    parser.set_defaults(func=run)


def options_from_args(args: argparse.Namespace) -> BatchOptions:
    fmt = args.format or ("parquet" if args.out.suffix == ".parquet" else "jsonl")
    return BatchOptions(
        text_field=args.text_field, id_field=args.id_field,
        gazetteers=tuple(str(p) for p in args.gazetteer), builtin=not args.no_builtin,
        threshold=args.threshold, translate=args.translate, max_chars=args.max_chars,
        format=fmt, chunk_docs=args.chunk_docs,
    )


def run(args: argparse.Namespace) -> int:
    if args.sample and args.inputs:
        raise InputError("--sample runs the embedded corpus; give either --sample or INPUTs")
    inputs = [sample_corpus_dir()] if args.sample else args.inputs
    if not inputs:
        raise InputError("no input given: name folders or JSONL/CSV/Parquet files (or --sample)")
    summary = run_batch(
        inputs, args.out, options_from_args(args), workers=args.workers, dask=args.dask,
        errors_path=args.errors, report_path=args.report, report=not args.no_report,
        restart=args.restart, progress=Progress(enabled=not args.quiet),
    )
    print_summary(summary)
    return 0


def print_summary(summary: BatchSummary) -> None:
    out = sys.stdout
    out.write(f"output: {summary.out} ({summary.ok:,} documents)\n")
    out.write(f"errors: {summary.errors_path} ({summary.failed:,} documents)\n")
    if summary.report_paths:
        json_path, md_path, tsv_path, html_path = summary.report_paths
        out.write(f"report: {md_path} (HTML {html_path}; JSON {json_path}; "
                  f"gazetteer rows {tsv_path})\n")
        out.write(_highlights(json_path))
    out.flush()


def _highlights(json_path: Path, shown: int = 5) -> str:
    """The top of the report: most-mentioned entities with their spellings, and clusters."""
    import json

    report = json.loads(json_path.read_text(encoding="utf-8"))
    lines = []
    for row in report["entities"][:shown]:
        spellings = ", ".join(f"{s['surface']} ({s['count']})" for s in row["spellings"])
        lines.append(f"  {row['canonical']} [{row['id']}]: {spellings}")
    for cluster in report["clusters"][:shown]:
        spellings = " / ".join(s["surface"] for s in cluster["spellings"])
        lines.append(f"  unlinked, same key {cluster['key']!r}: {spellings} -> "
                     f"{cluster['gazetteer_row']['id']}")
    return "".join(line + "\n" for line in lines)
