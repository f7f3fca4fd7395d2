"""Outputs are written atomically; Parquet keeps the records; the report counts spellings and
turns unlinked names whose keys agree into gazetteer rows the core can load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasm.batch.report import build_report, gazetteer_tsv, write_report
from rasm.batch.writers import atomic_path, read_output, write_lines, write_parquet
from rasm.gazetteer import load_gazetteer


def mention(surface: str, entity: str | None, key: str, kind: str | None = "place",
            canonical: str | None = None) -> dict[str, Any]:
    return {"start": 0, "end": len(surface), "surface": surface, "id": entity,
            "canonical": canonical or (surface if entity else None), "kind": kind,
            "score": 1.0 if entity else 0.0, "method": "exact" if entity else "none",
            "key": key, "alternatives": [{"id": "x", "score": 0.5}] if entity else [],
            "lemma": None}


RECORDS = [
    {"id": "a", "source": "a.txt", "lang": "en", "translated": None, "text": "...",
     "mentions": [mention("Deir Ezzor", "p:deir", "drzr", canonical="Deir ez-Zor"),
                  mention("Meida'ani", None, "mdn", kind=None),
                  mention("Dayr az Zawr", "p:deir", "drzr", canonical="Deir ez-Zor")]},
    {"id": "b", "source": "b.txt", "lang": "ar", "translated": "Deir ez-Zor ...", "text": "...",
     "mentions": [mention("Deir Ezzor", "p:deir", "drzr", canonical="Deir ez-Zor"),
                  mention("Midaani", None, "mdn", kind="person"),
                  mention("ميداني", None, "mdn", kind=None),
                  mention("Qashqoush", None, "kSkS", kind=None)]},
    {"id": "c", "source": "c.txt", "lang": "en", "translated": None, "text": "", "mentions": []},
]


def test_atomic_path_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    write_lines(target, ["old"])
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash mid-write")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary left behind


def test_parquet_round_trip(tmp_path: Path) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    assert write_parquet(tmp_path / "o.parquet", [lines[:2], [], lines[2:]]) == 3
    assert read_output(tmp_path / "o.parquet") == RECORDS


def test_report_counts_spellings_per_entity_and_documents() -> None:
    report = build_report(RECORDS)
    assert report["documents"] == 3
    (deir,) = report["entities"]
    assert deir["id"] == "p:deir" and deir["canonical"] == "Deir ez-Zor"
    assert deir["mentions"] == 3 and deir["documents"] == 2 and deir["examples"] == ["a", "b"]
    assert deir["spellings"] == [{"surface": "Deir Ezzor", "count": 2},
                                 {"surface": "Dayr az Zawr", "count": 1}]
    per_doc = {d["id"]: d for d in report["per_document"]}
    assert per_doc["a"]["entities"] == ["p:deir"] and per_doc["a"]["unlinked"] == ["Meida'ani"]
    assert per_doc["c"]["entities"] == [] and per_doc["b"]["lang"] == "ar"


def test_unlinked_names_with_one_key_become_one_gazetteer_row(tmp_path: Path) -> None:
    report = build_report(RECORDS)
    (cluster,) = report["clusters"]  # "Qashqoush" has one spelling: nothing to merge
    assert cluster["key"] == "mdn" and cluster["examples"] == ["a", "b"]
    assert cluster["gazetteer_row"] == {"id": "new:meida-ani", "name": "Meida'ani",
                                        "kind": "person", "arabic": "ميداني",
                                        "aliases": "Midaani"}
    json_path, md_path, tsv_path, html_path = write_report(report, tmp_path / "r.report.json")
    assert tsv_path.name == "r.clusters.tsv" and md_path.name == "r.report.md"
    assert html_path.name == "r.report.html"
    assert tsv_path.read_text(encoding="utf-8") == gazetteer_tsv(report)
    (entity,) = load_gazetteer(tsv_path).entities  # the core's own loader accepts the rows
    assert (entity.id, entity.canonical, entity.kind, entity.arabic, entity.aliases) == (
        "new:meida-ani", "Meida'ani", "person", "ميداني", ("Midaani",))
    page = md_path.read_text(encoding="utf-8")
    assert "| Deir ez-Zor `p:deir` | place | 3 | Deir Ezzor (2), Dayr az Zawr (1) | a, b |" in page
    assert "Meida'ani (1), Midaani (1), ميداني (1)" in page
    assert json.loads(json_path.read_text(encoding="utf-8")) == report
