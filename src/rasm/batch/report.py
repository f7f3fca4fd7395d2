"""The corpus report: what no single call can give.

- per entity: the spellings the corpus uses, with counts, and example documents;
- per document: its entities;
- per document: its date when the record or its id/source carries one, and failed documents;
- clusters of unlinked names whose keys agree ("Meida'ani" / "Midaani"), each also a row of a
  user gazetteer (id, name, kind, arabic, aliases) so that, once reviewed, the file passes back
  to `--gazetteer` and the next run links them.

Written as JSON (the whole report), Markdown and a self-contained HTML page with charts
(`rasm.batch.report_html`) for people, and TSV (the gazetteer rows)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasm.batch.writers import atomic_path

EXAMPLES = 3  # example documents per entity or cluster
DOCUMENTS_SHOWN = 100  # documents listed in the Markdown page (the JSON has all)
GAZETTEER_COLUMNS = ("id", "name", "kind", "arabic", "aliases")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
FAILED_SHOWN = 1000  # failed documents kept in the report (the errors file has all)
# A date written in a document's id or file name: 2024-03-05, 2024_03_05 or 20240305.
_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass
class _Names:
    """Spellings of one entity or one unlinked key."""

    spellings: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    documents: list[str] = field(default_factory=list)  # the first EXAMPLES documents
    document_count: int = 0
    canonical: str = ""
    _last: str | None = None

    def add(self, surface: str, kind: str | None, doc_id: str) -> None:
        self.spellings[surface] += 1
        if kind:
            self.kinds[kind] += 1
        if doc_id != self._last:  # a document's mentions arrive together
            self._last = doc_id
            self.document_count += 1
            if len(self.documents) < EXAMPLES:
                self.documents.append(doc_id)

    def spelling_list(self) -> list[dict[str, Any]]:
        return [{"surface": s, "count": c} for s, c in _ranked(self.spellings)]


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def document_date(record: dict[str, Any]) -> str | None:
    """The record's `date` (ISO, first 10 characters), else a date in its id or source."""
    given = record.get("date")
    if isinstance(given, str) and re.fullmatch(r"\d{4}-\d\d-\d\d.*", given):
        return given[:10]
    for text in (record.get("id"), record.get("source")):
        found = _DATE.search(str(text or ""))
        if found:
            return "-".join(found.groups())
    return None


def build_report(records: Iterable[dict[str, Any]],
                 failures: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """The report of a corpus from its output records (in input order) and the lines of its
    errors file (documents that could not be read or processed)."""
    entities: dict[str, _Names] = defaultdict(_Names)
    unlinked: dict[str, _Names] = defaultdict(_Names)
    documents: list[dict[str, Any]] = []
    for record in records:
        doc_id = str(record["id"])
        linked: dict[str, None] = {}
        loose: dict[str, None] = {}
        counts = Counter[str]()
        for mention in record.get("mentions") or []:
            surface = mention["surface"]
            if mention.get("id"):
                names = entities[mention["id"]]
                names.canonical = mention.get("canonical") or names.canonical
                names.add(surface, mention.get("kind"), doc_id)
                linked[mention["id"]] = None
                counts["linked"] += 1
            elif mention.get("key"):
                counts["unlinked"] += 1
                unlinked[mention["key"]].add(surface, mention.get("kind"), doc_id)
                loose[surface] = None
        documents.append({"id": doc_id, "source": record.get("source"),
                          "lang": record.get("lang"), "date": document_date(record),
                          "mentions": counts["linked"], "unlinked_mentions": counts["unlinked"],
                          "entities": list(linked), "unlinked": list(loose)})
    failed = list(failures)
    return {
        "documents": len(documents),
        "failed_documents": len(failed),
        "failed": failed[:FAILED_SHOWN],
        "entities": _entity_rows(entities),
        "clusters": _cluster_rows(unlinked),
        "unlinked_names": sum(len(n.spellings) for n in unlinked.values()),
        "per_document": documents,
    }


def _entity_rows(entities: dict[str, _Names]) -> list[dict[str, Any]]:
    rows = [{"id": entity_id, "canonical": names.canonical,
             "kind": _ranked(names.kinds)[0][0] if names.kinds else None,
             "mentions": sum(names.spellings.values()), "documents": names.document_count,
             "spellings": names.spelling_list(), "examples": names.documents[:EXAMPLES]}
            for entity_id, names in entities.items()]
    return sorted(rows, key=lambda r: (-r["mentions"], r["id"]))


def _slug(text: str) -> str:
    from unidecode import unidecode

    return re.sub(r"[^0-9a-z]+", "-", unidecode(text).lower()).strip("-") or "name"


def _cluster_rows(unlinked: dict[str, _Names]) -> list[dict[str, Any]]:
    rows = []
    used: set[str] = set()
    for key, names in sorted(unlinked.items()):
        if len(names.spellings) < 2:
            continue  # one spelling: nothing to merge
        ranked = [s for s, _ in _ranked(names.spellings)]
        arabic = next((s for s in ranked if _ARABIC.search(s)), "")
        latin = [s for s in ranked if s != arabic]
        name = latin[0] if latin else arabic
        entity_id = f"new:{_slug(name)}"
        if entity_id in used:
            entity_id = f"{entity_id}-{_slug(key)}"
        used.add(entity_id)
        kind = _ranked(names.kinds)[0][0] if names.kinds else ""
        row = {"id": entity_id, "name": name, "kind": kind, "arabic": arabic,
               "aliases": "|".join(s for s in latin if s != name)}
        rows.append({"key": key, "mentions": sum(names.spellings.values()),
                     "spellings": names.spelling_list(),
                     "examples": names.documents[:EXAMPLES], "gazetteer_row": row})
    return sorted(rows, key=lambda r: (-r["mentions"], r["key"]))


def gazetteer_tsv(report: dict[str, Any]) -> str:
    """The clusters as a user gazetteer table (the core's TSV format)."""
    lines = [("# rasm batch: unlinked names whose keys agree. Review (an empty kind reads as "
              "place), then pass this file with --gazetteer."), "\t".join(GAZETTEER_COLUMNS)]
    for cluster in report["clusters"]:
        row = cluster["gazetteer_row"]
        lines.append("\t".join(_cell(row[c]) for c in GAZETTEER_COLUMNS))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value)


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _spellings(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{_md(s['surface'])} ({s['count']})" for s in items)


def markdown(report: dict[str, Any], tsv_name: str) -> str:
    out = ["# rasm corpus report", "",
           (f"{report['documents']:,} documents, {len(report['entities']):,} entities linked, "
            f"{report['unlinked_names']:,} unlinked spellings in "
            f"{len(report['clusters']):,} clusters of two or more."), "",
           "## Entities and the spellings the corpus uses", "",
           "| entity | kind | mentions | spellings (count) | example documents |",
           "|---|---|---:|---|---|"]
    for row in report["entities"]:
        out.append(f"| {_md(row['canonical'])} `{_md(row['id'])}` | {row['kind'] or ''} | "
                   f"{row['mentions']} | {_spellings(row['spellings'])} | "
                   f"{_md(', '.join(row['examples']))} |")
    out += ["", "## Unlinked names whose keys agree", "",
            ("Each cluster is likely one name spelled several ways. The rows below are in "
             f"`{tsv_name}`; review them and pass that file with `--gazetteer`."), "",
            "| key | spellings (count) | example documents |", "|---|---|---|"]
    for cluster in report["clusters"]:
        out.append(f"| `{_md(cluster['key'])}` | {_spellings(cluster['spellings'])} | "
                   f"{_md(', '.join(cluster['examples']))} |")
    out += ["", "```tsv", gazetteer_tsv(report).rstrip("\n"), "```", "",
            "## Documents and their entities", ""]
    shown = report["per_document"][:DOCUMENTS_SHOWN]
    for doc in shown:
        names = ", ".join(f"`{e}`" for e in doc["entities"]) or "none"
        loose = f"; unlinked: {_md(', '.join(doc['unlinked']))}" if doc["unlinked"] else ""
        out.append(f"- **{_md(doc['id'])}** ({doc['lang']}): {names}{loose}")
    if len(report["per_document"]) > len(shown):
        out.append(f"- ... {len(report['per_document']) - len(shown):,} more in the JSON report")
    if report.get("failed"):
        out += ["", f"## Failed documents ({report['failed_documents']:,})", ""]
        out += [f"- **{_md(f.get('id'))}** ({_md(f.get('source'))}, {f.get('stage')}): "
                f"{_md(f.get('reason'))}" for f in report["failed"][:DOCUMENTS_SHOWN]]
    return "\n".join(out) + "\n"


def write_report(report: dict[str, Any], json_path: Path) -> tuple[Path, Path, Path, Path]:
    """Write REPORT.json, REPORT.md, REPORT.clusters.tsv and REPORT.html (atomically); returns
    the paths in that order."""
    from rasm.batch.report_html import html_report

    stem = json_path.with_suffix("") if json_path.suffix == ".json" else json_path
    md_path = stem.with_name(stem.name + ".md")
    html_path = stem.with_name(stem.name + ".html")
    tsv_path = stem.with_name(stem.name.removesuffix(".report") + ".clusters.tsv")
    with atomic_path(json_path) as tmp:
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tsv = gazetteer_tsv(report)
    with atomic_path(tsv_path) as tmp:
        tmp.write_text(tsv, encoding="utf-8")
    with atomic_path(md_path) as tmp:
        tmp.write_text(markdown(report, tsv_path.name), encoding="utf-8")
    with atomic_path(html_path) as tmp:
        tmp.write_text(html_report(report, tsv_path.name, tsv), encoding="utf-8")
    return json_path, md_path, tsv_path, html_path
