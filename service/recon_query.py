"""Reconciliation query batches, read the way the W3C API allows them, each query on its own.

Two wire forms, one internal `ReconQuery`:

- 0.1/0.2 (OpenRefine): a JSON object of query id -> `{query, type, type_strict, limit,
  properties: [{pid, v}]}`, sent as the form field `queries` (POST or GET);
- 1.0 draft: `{"queries": [{conditions: [{matchType, propertyValue, propertyId, required,
  matchQuantifier}], type, limit}]}` POSTed as JSON to `/match`.

Only a batch that cannot be read at all (not JSON, not the right shape, too many queries) is
an error. A query with a problem gets a warning naming the field and, when nothing usable is
left, an empty result, so one bad query never costs the others their answers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from service.errors import FieldError, LimitExceeded

PROPERTIES = {
    "country": "Country: an ISO code (SY, IRQ) or its name in any script (Syria, سوريا, Сирия)",
    "kind": "Kind: place, org or person",
    "parent": "Parent place: a governorate or district, by name or id",
    "arabic": "Arabic-script name",
}
DEFAULT_LIMIT = 5
QUANTIFIERS = ("any", "all", "none")
_QUERY_KEYS_02 = {"query", "type", "limit", "properties", "type_strict"}
_QUERY_KEYS_10 = {"conditions", "type", "limit", "lang", "dir"}
_MAX_VALUES = 20  # values per property


@dataclass(frozen=True, slots=True)
class Value:
    """One property value: `text` for strings, numbers and booleans; `id` for {id} values."""

    text: str
    id: str | None = None
    is_bool: bool = False


@dataclass(frozen=True, slots=True)
class Condition:
    pid: str
    values: tuple[Value, ...]
    required: bool = False
    quantifier: str = "any"  # any | all | none


@dataclass(frozen=True, slots=True)
class ReconQuery:
    key: str  # the 0.2 query id, or the 1.0 position
    text: str | None  # the name to reconcile
    ids: tuple[str, ...] = ()  # 1.0 `id` conditions
    types: tuple[str, ...] = ()
    type_strict: str = "any"  # any | all | should
    conditions: tuple[Condition, ...] = ()
    limit: int = DEFAULT_LIMIT
    warnings: tuple[dict[str, str], ...] = ()
    unusable: bool = False  # answered with no candidates


@dataclass
class _Reader:
    """Collects the warnings of one query while its fields are read."""

    where: str
    max_chars: int
    max_limit: int
    warnings: list[dict[str, str]] = field(default_factory=list)

    def warn(self, path: str, problem: str) -> None:
        where = f"{self.where}.{path}" if path else self.where
        self.warnings.append({"field": safe_text(where), "problem": problem})

    def text(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            self.warn(path, f"must be a string, not {_json_type(value)}")
            return None
        if len(value) > self.max_chars:
            self.warn(path, f"{len(value)} characters long; at most {self.max_chars}")
            return None
        if not _encodable(value):
            self.warn(path, "contains an unpaired surrogate (not valid Unicode text)")
            return None
        return value

    def limit(self, value: Any, path: str) -> int:
        default = min(DEFAULT_LIMIT, self.max_limit)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value < 1 or value != int(value):
            self.warn(path, f"must be a whole number >= 1; {default} used")
            return default
        if value > self.max_limit:
            self.warn(path, f"{int(value)} is over the service's limit; {self.max_limit} used")
            return self.max_limit
        return int(value)

    def types(self, value: Any, path: str) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        out = []
        for i, item in enumerate(items[:_MAX_VALUES]):
            if isinstance(item, dict):
                item = item.get("id")
            text = self.text(item, f"{path}.{i}" if isinstance(value, list) else path)
            if text:
                out.append(text)
        return tuple(out)

    def values(self, value: Any, path: str) -> tuple[Value, ...]:
        items = value if isinstance(value, list) else [value]
        if len(items) > _MAX_VALUES:
            self.warn(path, f"{len(items)} values; the first {_MAX_VALUES} used")
        out = []
        for i, item in enumerate(items[:_MAX_VALUES]):
            ipath = f"{path}.{i}" if isinstance(value, list) else path
            if isinstance(item, bool):
                out.append(Value("true" if item else "false", is_bool=True))
            elif isinstance(item, (int, float)):
                if math.isfinite(item):
                    out.append(Value(_number_text(item)))
                else:
                    self.warn(ipath, "must be a finite number")
            elif isinstance(item, dict):
                entity_id = self.text(item.get("id"), f"{ipath}.id")
                name = item.get("name")
                name = name if isinstance(name, str) and _encodable(name) else ""
                if entity_id:
                    out.append(Value(name or entity_id, id=entity_id))
            else:
                text = self.text(item, ipath)
                if text and text.strip():
                    out.append(Value(text.strip()))
        return tuple(out)


def _json_type(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def safe_text(text: str) -> str:
    """`text` with unpaired surrogates (valid JSON, not valid Unicode) written as \\udXXX, so
    that echoing a client's key or field name cannot break the response."""
    return text if _encodable(text) else text.encode("utf-8", "backslashreplace").decode()


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _load(raw: str | bytes, field_name: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise FieldError(field_name, f"malformed JSON: {exc.msg} at position {exc.pos}") from None
    except (RecursionError, UnicodeDecodeError):
        raise FieldError(field_name, "malformed JSON: not UTF-8 text, or nested too "
                                     "deeply") from None
    except ValueError:  # an integer of thousands of digits (Python's int size guard)
        raise FieldError(field_name, "malformed JSON: a number too long to read") from None


def _check_batch(count: int, max_batch: int) -> None:
    if count > max_batch:
        raise LimitExceeded("max_batch", max_batch,
                            f"{count} queries; at most {max_batch} per request")


def parse_batch_02(raw: str, *, max_batch: int, max_limit: int, max_chars: int
                   ) -> list[ReconQuery]:
    """The queries of a 0.1/0.2 batch (the `queries` form field)."""
    data = _load(raw, "queries")
    if not isinstance(data, dict):
        raise FieldError("queries", "must be a JSON object of query id -> query")
    _check_batch(len(data), max_batch)
    return [_query_02(safe_text(key), q, max_limit, max_chars) for key, q in data.items()]


def _query_02(key: str, q: Any, max_limit: int, max_chars: int) -> ReconQuery:
    r = _Reader(f"queries.{key}", max_chars, max_limit)
    if not isinstance(q, dict):
        r.warn("", "must be an object with a query")
        return ReconQuery(key, None, warnings=tuple(r.warnings), unusable=True)
    for unknown in sorted(set(q) - _QUERY_KEYS_02)[:5]:
        r.warn(unknown, "unknown field, ignored; known: " + ", ".join(sorted(_QUERY_KEYS_02)))
    text = r.text(q["query"], "query") if q.get("query") is not None else None
    unusable = q.get("query") is not None and text is None
    types = r.types(q["type"], "type") if q.get("type") not in (None, "", []) else ()
    strict = q.get("type_strict", "any")
    if strict not in ("any", "all", "should"):
        r.warn("type_strict", "must be any, all or should; any used")
        strict = "any"
    limit = r.limit(q.get("limit"), "limit")
    conditions: list[Condition] = []
    props = q.get("properties", [])
    if not isinstance(props, list):
        r.warn("properties", "must be a list of {pid, v} objects; ignored")
        props = []
    for i, prop in enumerate(props[:_MAX_VALUES]):
        path = f"properties.{i}"
        if not isinstance(prop, dict) or "v" not in prop or ("pid" not in prop
                                                            and "p" not in prop):
            r.warn(path, "must be an object with pid and v; ignored")
            continue
        pid = prop.get("pid", prop.get("p"))
        condition = _condition(r, path, pid, prop["v"], prop.get("required", False), "any")
        if condition is not None:
            conditions.append(condition)
    if text is None and not unusable and not conditions:
        r.warn("query", "missing: no name and no property to reconcile")
        unusable = True
    return ReconQuery(key, text, (), types, strict, tuple(conditions), limit,
                      tuple(r.warnings), unusable)


def _condition(r: _Reader, path: str, pid: Any, raw_values: Any, required: Any,
               quantifier: Any) -> Condition | None:
    if not isinstance(pid, str) or pid not in PROPERTIES:
        shown = repr(pid) if isinstance(pid, (str, int, float)) else _json_type(pid)
        if isinstance(pid, str) and not _encodable(pid):
            shown = "(not valid Unicode text)"
        r.warn(f"{path}.pid", f"unknown property {shown}, ignored; known: "
               + ", ".join(PROPERTIES))
        return None
    values = r.values(raw_values, f"{path}.v")
    if not values:
        r.warn(f"{path}.v", "no usable value; property ignored")
        return None
    if not isinstance(required, bool):
        r.warn(f"{path}.required", "must be true or false; false used")
        required = False
    if quantifier not in QUANTIFIERS:
        r.warn(f"{path}.matchQuantifier", "must be any, all or none; any used")
        quantifier = "any"
    return Condition(pid, values, required, quantifier)


def parse_batch_10(data: Any, *, max_batch: int, max_limit: int, max_chars: int
                   ) -> list[ReconQuery]:
    """The queries of a 1.0-draft batch (the JSON body of POST /match)."""
    if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
        raise FieldError("queries", "the body must be a JSON object with a `queries` list")
    queries: Sequence[Any] = data["queries"]
    _check_batch(len(queries), max_batch)
    return [_query_10(str(i), q, max_limit, max_chars) for i, q in enumerate(queries)]


def _query_10(key: str, q: Any, max_limit: int, max_chars: int) -> ReconQuery:
    r = _Reader(f"queries.{key}", max_chars, max_limit)
    if not isinstance(q, dict) or not isinstance(q.get("conditions"), list) \
            or not q["conditions"]:
        r.warn("conditions", "missing: a query needs a list of conditions")
        return ReconQuery(key, None, warnings=tuple(r.warnings), unusable=True)
    for unknown in sorted(set(q) - _QUERY_KEYS_10)[:5]:
        r.warn(unknown, "unknown field, ignored")
    types = r.types(q["type"], "type") if q.get("type") not in (None, "") else ()
    limit = r.limit(q.get("limit"), "limit")
    names: list[str] = []
    ids: list[str] = []
    conditions: list[Condition] = []
    unusable = False
    for i, cond in enumerate(q["conditions"][:_MAX_VALUES]):
        path = f"conditions.{i}"
        if not isinstance(cond, dict) or "propertyValue" not in cond:
            r.warn(path, "must be an object with matchType and propertyValue; ignored")
            continue
        match_type = cond.get("matchType")
        values = r.values(cond["propertyValue"], f"{path}.propertyValue")
        if match_type == "name":
            names += [v.text for v in values if not v.is_bool]
            unusable |= not values
        elif match_type == "id":
            ids += [v.id or v.text for v in values]
        elif match_type == "property":
            condition = _condition(r, path, cond.get("propertyId"), cond["propertyValue"],
                                   cond.get("required", False),
                                   cond.get("matchQuantifier", "any"))
            if condition is not None:
                conditions.append(condition)
        else:
            r.warn(f"{path}.matchType", "must be name, id or property; ignored")
    if len(names) > 1:
        r.warn("conditions", "several names; the first is reconciled")
    text = names[0] if names else None
    if text is None and not ids and not conditions:
        unusable = True
    return ReconQuery(key, text, tuple(ids), types, "any", tuple(conditions), limit,
                      tuple(r.warnings), unusable)


def parse_json_field(raw: str, field_name: str) -> Any:
    """A JSON form field or query parameter (the 0.2 `extend`)."""
    return _load(raw, field_name)
