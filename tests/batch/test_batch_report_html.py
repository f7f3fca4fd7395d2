"""The HTML corpus report: totals, charts drawn as inline SVG, dates, clusters, failures, and
nothing loaded from anywhere."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path
from typing import Any

from test_batch_writers_report import RECORDS

from rasm.batch.report import build_report, document_date, gazetteer_tsv, write_report
from rasm.batch.report_html import html_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from external_refs import external, references

FAILURES = [{"seq": 3, "id": "broken", "source": "broken.txt", "stage": "read",
             "reason": "not UTF-8 text"}]


def dated(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    days = ["2024-03-05", "2024-04-01", "2024-04-20"]
    return [{**r, "id": f"{day}-{r['id']}"} for day, r in zip(days, records, strict=True)]


def test_dates_come_from_the_record_or_its_id_or_source() -> None:
    assert document_date({"id": "x", "date": "2023-11-02T10:00:00Z"}) == "2023-11-02"
    assert document_date({"id": "reuters_20240305_aleppo"}) == "2024-03-05"
    assert document_date({"id": "a", "source": "news/2019-12-31/a.txt"}) == "2019-12-31"
    assert document_date({"id": "order-12345678", "source": "x.txt"}) is None


def test_html_report_has_totals_charts_clusters_and_failures(tmp_path: Path) -> None:
    report = build_report(dated(RECORDS), FAILURES)
    assert report["failed_documents"] == 1
    assert [d["date"] for d in report["per_document"]] == ["2024-03-05", "2024-04-01",
                                                          "2024-04-20"]
    *_, html_path = write_report(report, tmp_path / "r.report.json")
    html = html_path.read_text(encoding="utf-8")
    totals = unescape(re.sub(r"<[^>]+>", " ", html.split('id="totals">', 1)[1]
                             .split("</div>\n</div>", 1)[0]))
    assert re.search(r"3\s+documents read", totals) and re.search(r"1\s+documents failed", totals)
    assert re.search(r"3\s+linked mentions", totals)
    for chart in ("entities-chart", "documents-chart", "time-chart"):
        svg = html.split(f'id="{chart}">', 1)[1].split("</svg>", 1)[0]
        assert svg.lstrip().startswith("<svg") and ("<rect" in svg or "<path" in svg)
    assert "Deir ez-Zor" in html.split('id="entities-chart">', 1)[1].split("</svg>", 1)[0]
    assert "2024-03" in html.split('id="time-chart">', 1)[1].split("</svg>", 1)[0]
    entities = html.split('id="entities">', 1)[1].split("</table>", 1)[0]
    assert "<bdi>Deir Ezzor</bdi> (2) · <bdi>Dayr az Zawr</bdi> (1)" in entities
    tsv = unescape(html.split('<pre class="tsv" id="tsv">', 1)[1].split("</pre>", 1)[0])
    assert "new:meida-ani\tMeida'ani\tperson\tميداني\tMidaani" in tsv
    failed = html.split('id="failed">', 1)[1].split("</table>", 1)[0]
    assert "broken.txt" in failed and "not UTF-8 text" in failed
    assert "Failed documents (1)" in html_path.with_name("r.report.md").read_text("utf-8")


def test_html_report_without_dates_or_clusters_or_failures() -> None:
    report = build_report(RECORDS[2:])  # one document, no mentions
    html = html_report(report, "r.clusters.tsv", gazetteer_tsv(report))
    assert 'id="time-chart"' not in html and 'id="entities-chart"' not in html
    assert "None: no two unlinked spellings share a key." in html
    assert '<p class="muted" id="failed">None.</p>' in html


def test_html_report_loads_nothing_and_has_no_external_reference() -> None:
    report = build_report(dated(RECORDS), FAILURES)
    html = html_report(report, "r.clusters.tsv", gazetteer_tsv(report))
    loaded, links = references(html)
    assert [u for u in loaded if external(u)] == []
    assert links == []
    assert "<script src" not in html and "@font-face" not in html
    # pygal's tooltip script and comments (with its home page) are stripped
    assert "pygal.org" not in html and "kozea" not in html.lower()
