"""The corpus report as one self-contained HTML page: totals, entities by mentions with their
spellings, mentions over the documents (and over time when documents have dates), unlinked
clusters as gazetteer rows to copy, failed documents.

Charts are SVG drawn here by pygal and inlined; the page loads nothing (no script, font or
stylesheet from anywhere), so it can be mailed or opened offline."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rasm.errors import MissingExtraError

ENTITIES_CHARTED = 20
DOCUMENT_BARS = 60  # documents drawn one bar each; more are grouped into as many bars
ENTITIES_LISTED = 300
COLOURS = ("#1f5fa8", "#5d9bd8", "#a9cbee", "#d9dee7")
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _pygal() -> Any:
    try:
        import pygal
        from pygal.style import Style
    except ImportError as exc:
        raise MissingExtraError("the HTML corpus report", "batch", str(exc)) from exc
    style = Style(
        background="white", plot_background="white", foreground="#1d2430",
        foreground_strong="#1d2430", foreground_subtle="#8a93a3", colors=COLOURS,
        font_family="system-ui, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif",
        label_font_size=12, major_label_font_size=12, legend_font_size=12, title_font_size=14,
        value_font_size=11,
    )
    return pygal, style


def _count_axis(largest: int) -> list[int]:
    """Whole-number ticks for an axis of counts (pygal would label 0.2, 0.4, ... otherwise)."""
    step = max(1, -(-largest // 8))
    return list(range(0, largest + step, step))


def _svg(chart: Any) -> str:
    """The chart's SVG, without pygal's tooltip script and comments: a static picture."""
    svg = chart.render(is_unicode=True)
    return _COMMENT.sub("", _SCRIPT.sub("", svg))


def entities_chart(entities: list[dict[str, Any]]) -> str | None:
    """Mentions of the most-mentioned entities, each bar split by spelling: the most used
    spelling, the second, the third, all others."""
    rows = entities[:ENTITIES_CHARTED]
    if not rows:
        return None
    pygal, style = _pygal()
    chart = pygal.HorizontalStackedBar(
        js=[], disable_xml_declaration=True, style=style, width=820,
        height=90 + 26 * len(rows), legend_at_bottom=True, legend_at_bottom_columns=4,
        print_values=False, show_y_guides=False, truncate_label=40, margin=8,
    )
    rows = list(reversed(rows))  # pygal draws the first label at the bottom
    names = Counter(r["canonical"] for r in rows)
    chart.x_labels = [r["canonical"] if r["canonical"] and names[r["canonical"]] == 1
                      else f"{r['canonical']} ({r['id']})" for r in rows]
    chart.y_labels = _count_axis(max(r["mentions"] for r in rows))
    for rank, label in enumerate(("most used spelling", "second", "third")):
        chart.add(label, [_spelling_count(r, rank) for r in rows])
    chart.add("other spellings", [sum(s["count"] for s in r["spellings"][3:]) or None
                                  for r in rows])
    return _svg(chart)


def _spelling_count(row: dict[str, Any], rank: int) -> int | None:
    spellings = row["spellings"]
    return spellings[rank]["count"] if rank < len(spellings) else None


def documents_chart(documents: list[dict[str, Any]]) -> str | None:
    """Linked and unlinked mentions per document, in corpus order (grouped when many)."""
    if not documents:
        return None
    pygal, style = _pygal()
    size = max(1, -(-len(documents) // DOCUMENT_BARS))
    groups = [documents[i:i + size] for i in range(0, len(documents), size)]
    chart = pygal.StackedBar(
        js=[], disable_xml_declaration=True, style=style, width=820, height=300,
        legend_at_bottom=True, show_x_labels=len(groups) <= 30, x_label_rotation=40,
        truncate_label=14, margin=8,
        y_title="mentions" if size == 1 else f"mentions per {size} documents",
    )
    chart.x_labels = [g[0]["id"] if size == 1 else f"{g[0]['id']}…" for g in groups]
    linked = [sum(d.get("mentions", 0) for d in g) for g in groups]
    loose = [sum(d.get("unlinked_mentions", 0) for d in g) for g in groups]
    chart.y_labels = _count_axis(max(a + b for a, b in zip(linked, loose, strict=True)))
    chart.add("linked", linked)
    chart.add("not in the tables", loose)
    return _svg(chart)


def time_chart(documents: list[dict[str, Any]]) -> str | None:
    """Mentions by month (by day when the corpus spans under two months) of dated documents."""
    dated = [d for d in documents if d.get("date")]
    if len(dated) < 2:
        return None
    months = {d["date"][:7] for d in dated}
    width = 10 if len(months) < 2 else 7
    linked: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    for d in dated:
        linked[d["date"][:width]] += d.get("mentions", 0)
        loose[d["date"][:width]] += d.get("unlinked_mentions", 0)
    periods = sorted(set(linked) | set(loose))
    pygal, style = _pygal()
    chart = pygal.StackedBar(
        js=[], disable_xml_declaration=True, style=style, width=820, height=280,
        legend_at_bottom=True, x_label_rotation=40, margin=8,
        y_title="mentions per " + ("day" if width == 10 else "month"),
    )
    chart.x_labels = periods
    chart.y_labels = _count_axis(max(linked[p] + loose[p] for p in periods))
    chart.add("linked", [linked[p] for p in periods])
    chart.add("not in the tables", [loose[p] for p in periods])
    return _svg(chart)


def html_report(report: dict[str, Any], tsv_name: str, tsv: str) -> str:
    """The report as one HTML page; `tsv` is the clusters table (report.gazetteer_tsv), shown
    when there are clusters and saved next to it as `tsv_name`."""
    from rasm.web.render import render

    documents = report["per_document"]
    return render(
        "report.html",
        report=report,
        entities=report["entities"][:ENTITIES_LISTED],
        mentions=sum(e["mentions"] for e in report["entities"]),
        entities_chart=entities_chart(report["entities"]),
        documents_chart=documents_chart(documents),
        time_chart=time_chart(documents),
        dated=sum(1 for d in documents if d.get("date")),
        tsv=tsv if report["clusters"] else "",
        tsv_name=tsv_name,
    )
