"""The W3C Reconciliation Service API (0.1/0.2, as OpenRefine speaks it) over rasm's matcher.

OpenRefine fetches the manifest (GET /reconcile), then POSTs batches as a form field
`queries={"q0": {"query": "Deir Ezzor", "type": "place", "limit": 3,
"properties": [{"pid": "country", "v": "SY"}]}, ...}` and gets back
`{"q0": {"result": [{"id", "name", "score", "match", "type", "description"}]}}`.

Types are rasm's entity kinds; the one property is `country`. Scores are the matcher's, times
100 (OpenRefine's scale); `match` is true for a best candidate no other candidate ties with.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rasm.checks import excerpt
from service.errors import FieldError, LimitExceeded

KIND_NAMES = {"place": "Place", "org": "Organisation", "person": "Person"}
PROPERTIES = {"country": "Country code of the entity (e.g. SY, IQ)"}
DEFAULT_LIMIT = 5
_QUERY_KEYS = {"query", "type", "limit", "properties", "type_strict"}
_TIE = 0.02  # the matcher's own margin for "ambiguous" (rasm.model.Match.ambiguous)


@dataclass(frozen=True, slots=True)
class ReconQuery:
    key: str
    query: str
    types: tuple[str, ...]
    countries: tuple[str, ...]
    limit: int


def type_of(kind: str) -> dict[str, str]:
    return {"id": kind, "name": KIND_NAMES.get(kind, kind)}


def manifest(name: str, public_url: str, kinds: Sequence[str]) -> dict[str, Any]:
    return {
        "versions": ["0.1", "0.2"],
        "name": name,
        "identifierSpace": f"{public_url}/v1/entities/",
        "schemaSpace": f"{public_url}/v1/kinds",
        "documentation": f"{public_url}/docs",
        "defaultTypes": [type_of(k) for k in kinds],
        "view": {"url": f"{public_url}/v1/entities/{{{{id}}}}"},
        "preview": {"url": f"{public_url}/reconcile/preview?id={{{{id}}}}",
                    "width": 400, "height": 120},
    }


def _ids(value: Any, field: str) -> tuple[str, ...]:
    """A string, or a list of strings or {"id": ...} objects, as a tuple of ids."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            item = item["id"]
        if not isinstance(item, str):
            raise FieldError(field, "must be a string, or a list of strings")
        out.append(item)
    return tuple(out)


def parse_queries(raw: str, *, max_batch: int, max_limit: int, max_chars: int,
                  kinds: Sequence[str]) -> list[ReconQuery]:
    """The queries of a batch, each checked; a bad one is an error naming its field."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise FieldError("queries", f"malformed JSON: {exc.msg} at position {exc.pos}") from None
    except RecursionError:
        raise FieldError("queries", "malformed JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise FieldError("queries", "must be a JSON object of query id -> query")
    if len(data) > max_batch:
        raise LimitExceeded("max_batch", max_batch,
                            f"{len(data)} queries; at most {max_batch} per request")
    out = []
    for key, q in data.items():
        where = f"queries.{key}"
        if not isinstance(q, dict):
            raise FieldError(where, "must be an object with a query")
        unknown = sorted(set(q) - _QUERY_KEYS)
        if unknown:
            raise FieldError(f"{where}.{unknown[0]}", "unknown field; known: "
                             + ", ".join(sorted(_QUERY_KEYS)))
        query = q.get("query")
        if not isinstance(query, str):
            raise FieldError(f"{where}.query", "must be a string (the name to reconcile)")
        if len(query) > max_chars:
            raise LimitExceeded("max_name_chars", max_chars, f"{where}.query is {len(query)} "
                                f"characters long; at most {max_chars}")
        types = _ids(q["type"], f"{where}.type") if q.get("type") is not None else ()
        for t in types:
            if t not in kinds:
                raise FieldError(f"{where}.type", f"unknown type {t!r}; known: {', '.join(kinds)}")
        limit = q.get("limit", min(DEFAULT_LIMIT, max_limit))
        if isinstance(limit, bool) or not isinstance(limit, (int, float)) \
                or not math.isfinite(limit) or limit < 1 or limit != int(limit):
            raise FieldError(f"{where}.limit", "must be a whole number >= 1")
        if limit > max_limit:
            raise LimitExceeded("max_limit", max_limit,
                                f"{where}.limit {int(limit)}; at most {max_limit}")
        countries: list[str] = []
        props = q.get("properties", [])
        if not isinstance(props, list):
            raise FieldError(f"{where}.properties", "must be a list of {pid, v} objects")
        for i, prop in enumerate(props):
            pwhere = f"{where}.properties.{i}"
            if not isinstance(prop, dict) or "pid" not in prop or "v" not in prop:
                raise FieldError(pwhere, "must be an object with pid and v")
            if not isinstance(prop["pid"], str) or prop["pid"] not in PROPERTIES:
                raise FieldError(f"{pwhere}.pid", f"unknown property {excerpt(prop['pid'])}; "
                                 "known: " + ", ".join(PROPERTIES))
            countries += [c.strip() for c in _ids(prop["v"], f"{pwhere}.v") if c.strip()]
        out.append(ReconQuery(str(key), query, types, tuple(countries), int(limit)))
    return out


def describe(entity: Any) -> str:
    parts = [entity.kind, entity.country, entity.placetype, entity.arabic]
    return " · ".join(p for p in parts if p)


def reconcile(queries: Sequence[ReconQuery], gazetteer: Any, max_limit: int
              ) -> dict[str, dict[str, list[dict[str, Any]]]]:
    from rasm.matcher import match

    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for q in queries:
        kind = q.types[0] if len(q.types) == 1 else None
        country = q.countries[0] if len(q.countries) == 1 else None
        # Several types or countries: ask for more and keep those that fit.
        wide = len(q.types) > 1 or len(q.countries) > 1
        m = match(q.query, gazetteer=gazetteer, kind=kind, country=country,
                  limit=max_limit if wide else q.limit)
        found = [m.best, *m.alternatives] if m.best is not None else []
        kept = [c for c in found
                if (not q.types or c.entity.kind in q.types)
                and (not q.countries or c.entity.country in q.countries)][: q.limit]
        result = []
        for i, cand in enumerate(kept):
            sure = i == 0 and (len(kept) == 1 or kept[1].score < cand.score - _TIE)
            result.append({
                "id": cand.entity.id,
                "name": cand.entity.canonical,
                "score": round(cand.score * 100, 2),
                "match": sure,
                "type": [type_of(cand.entity.kind)],
                "description": describe(cand.entity),
            })
        out[q.key] = {"result": result}
    return out


def preview_html(entity: Any) -> str:
    """A small HTML card for OpenRefine's preview pane; every value escaped."""
    e = html.escape
    rows = [("Kind", KIND_NAMES.get(entity.kind, entity.kind)), ("Arabic", entity.arabic),
            ("Country", entity.country), ("Place type", entity.placetype),
            ("Also written", ", ".join(entity.aliases[:12])), ("Reference", entity.ref)]
    if entity.lat is not None and entity.lon is not None:
        rows.append(("Coordinates", f"{entity.lat:.4f}, {entity.lon:.4f}"))
    body = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows if v)
    return (f'<html><head><meta charset="utf-8"></head><body style="font:13px sans-serif">'
            f"<b>{e(entity.canonical)}</b> <small>{e(entity.id)}</small>"
            f"<table>{body}</table></body></html>")
