"""Reconciliation: each query of a batch against rasm's matcher, scored on the W3C API's 0..100
scale, with the decision `match` and the parts of the score as `features`.

The score of a candidate is

    100 x name similarity (rasm's matcher: 100 exact, 99 folded, 96 phonetic, ...)
    + 5 for each property it agrees with (country, kind, parent, arabic)
    - 25 for a conflicting country, 20 a conflicting parent, 15 a conflicting kind (or a type
      other than the one asked, with type_strict=should), 10 a conflicting Arabic name

shown clipped to 0..100; candidates are ranked on the unclipped sum, so an agreeing country
lifts one of two namesakes above the other. A property the entity has no value for counts 0.
A property marked `required` (1.0 draft; in 0.2 the extra key `"required": true`) filters
instead: only agreeing candidates are kept. An id from any source as the query (rasm's own,
`wof:…`, a Wikidata Q-id, a GeoNames number) gives that entity with score 100.

`match` is true only for the first candidate, and only when rasm itself is sure: its name
similarity is at least 0.95 (exact, folded, phonetic or Arabic-script equality), no property
conflicts with it, and no other candidate of the whole list (before `limit` cuts it) comes
within 2 points of it. A city and the governorate or district named after it (different
place types, close together, or one the other's parent) are one answer for that test; the
city comes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from service.recon_query import Condition, ReconQuery, Value
from service.recon_values import (
    KIND_NAMES,
    arabic_agrees,
    country_code,
    entity_by_any_id,
    kind_of_type,
    located_mentions,
    parent_ids,
    type_of,
)

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer
    from rasm.model import Entity

CONFIDENT = 0.95  # name similarity an automatic match needs
TIE = 2.0  # points: a rival this close makes the answer not unique
POOL = 50  # candidates scored per query before `limit` cuts the list
MAX_LOOKED_UP = 3  # parent names resolved, and countries searched within, per query
AGREE = 5.0
CONFLICT = {"country": 25.0, "parent": 20.0, "kind": 15.0, "arabic": 10.0}
FEATURE_NAMES = {
    "name": "Name similarity (0-100)",
    "id": "Found by its id",
    "type": "Type asked: 1 agrees, -1 differs, 0 none asked",
    "country": "Country: 1 agrees, -1 conflicts, 0 unknown",
    "kind": "Kind: 1 agrees, -1 conflicts, 0 unknown",
    "parent": "Parent place: 1 agrees, -1 conflicts, 0 unknown",
    "arabic": "Arabic name: 1 agrees, -1 conflicts, 0 unknown",
}


@dataclass
class Scored:
    entity: Entity
    name: float  # the matcher's similarity, 0..1
    total: float  # 0..100+, unclipped
    order: int  # the matcher's rank: ties keep its preference (city before governorate)
    features: dict[str, float | bool] = field(default_factory=dict)
    conflicts: int = 0
    by_id: bool = False


@dataclass
class Answer:
    candidates: list[Scored]
    match_first: bool
    warnings: list[dict[str, str]]


def describe(entity: Entity) -> str:
    """One line telling namesakes apart: kind, where it is, place type, Arabic name."""
    where = entity.located or entity.country
    parts = [KIND_NAMES.get(entity.kind, entity.kind), where, entity.placetype, entity.arabic]
    return " · ".join(p for p in parts if p)


def _resolved_kinds(q: ReconQuery, kinds: Sequence[str], warnings: list[dict[str, str]]
                    ) -> tuple[str, ...] | None:
    """The kinds the query's types name; None when it asks for types rasm does not have."""
    out = []
    for t in q.types:
        kind = kind_of_type(t, kinds)
        if kind is None:
            warnings.append({"field": f"queries.{q.key}.type", "problem":
                             f"unknown type {t!r}; known: {', '.join(kinds)}"})
        else:
            out.append(kind)
    if q.types and not out:
        return None
    return tuple(dict.fromkeys(out))


class _Conditions:
    """A query's property conditions, resolved once, then compared with each candidate."""

    def __init__(self, q: ReconQuery, gazetteer: Gazetteer, kinds: Sequence[str],
                 warnings: list[dict[str, str]]) -> None:
        self.items: list[tuple[Condition, list[Any]]] = []
        for i, cond in enumerate(q.conditions):
            values = cond.values
            if cond.pid == "parent" and len(values) > MAX_LOOKED_UP:
                # Each parent name is a search of its own: a few per query, not a batch's worth.
                warnings.append({"field": f"queries.{q.key}.properties.{i}", "problem":
                                 f"{len(values)} parents; the first {MAX_LOOKED_UP} used"})
                values = values[:MAX_LOOKED_UP]
            resolved = [self._resolve(cond.pid, v, gazetteer, kinds) for v in values]
            usable = [r for r in resolved if r is not None]
            if len(usable) < len(resolved):
                warnings.append({"field": f"queries.{q.key}.properties.{i}", "problem": (
                    f"a value of {cond.pid} names nothing rasm knows; it is ignored")})
            if usable:
                self.items.append((cond, usable))

    @staticmethod
    def _resolve(pid: str, value: Value, gazetteer: Gazetteer, kinds: Sequence[str]) -> Any:
        if value.is_bool:
            return None
        if pid == "country":
            return country_code(value.id or value.text, gazetteer)
        if pid == "kind":
            return kind_of_type(value.id or value.text, kinds)
        if pid == "parent":
            ids = parent_ids(value.text, value.id, gazetteer)
            return (ids, value.text) if ids or value.text else None
        return value.text  # arabic

    def countries(self) -> list[str]:
        return [c for cond, values in self.items if cond.pid == "country" for c in values]

    @staticmethod
    def _agrees(pid: str, value: Any, entity: Entity) -> bool | None:
        if pid == "country":
            return None if not entity.country else bool(entity.country == value)
        if pid == "kind":
            return bool(entity.kind == value)
        if pid == "parent":
            ids, text = value
            if ids.intersection(entity.parents) or located_mentions(entity, text):
                return True
            return False if ids and (entity.parents or entity.located) else None
        agrees: bool | None = arabic_agrees(value, entity)
        return agrees

    def score(self, cand: Scored) -> bool:
        """Adds each condition's part to the candidate; False when a required one fails."""
        for cond, values in self.items:
            verdicts = [self._agrees(cond.pid, v, cand.entity) for v in values]
            if cond.quantifier == "all":
                verdict = None if None in verdicts else all(verdicts)
            else:
                verdict = True if True in verdicts else (None if None in verdicts else False)
            if cond.quantifier == "none" and verdict is not None:
                verdict = not verdict
            if cond.required and verdict is not True:
                return False
            feature = 0 if verdict is None else (1 if verdict else -1)
            previous = cand.features.get(cond.pid, 0)
            cand.features[cond.pid] = min(feature, previous) if previous else feature
            if verdict is True:
                cand.total += AGREE
            elif verdict is False:
                cand.total -= CONFLICT[cond.pid]
                cand.conflicts += 1
        return True


def _candidates(text: str, gazetteer: Gazetteer, kind: str | None, countries: list[str]
                ) -> list[tuple[Entity, float]]:
    """The matcher's candidates for the name: its whole list, and for each country asked the
    list within that country too (a namesake there may trail the best far behind)."""
    from rasm.names.matcher import match

    found: dict[str, tuple[Entity, float]] = {}
    for country in [None, *list(dict.fromkeys(countries))[:MAX_LOOKED_UP]]:
        m = match(text, gazetteer=gazetteer, kind=kind, country=country, limit=POOL)
        if m.best is None:
            continue
        for cand in (m.best, *m.alternatives):
            known = found.get(cand.entity.id)
            if known is None or cand.score > known[1]:
                found[cand.entity.id] = (cand.entity, cand.score)
    return list(found.values())


GOVERNORATE_REACH = 2.0  # degrees: a governorate's centre may lie far from its capital


def _one_place(a: Entity, b: Entity) -> bool:
    """One place at two levels: the library's test (different place types, close together),
    or one is the other's parent, or a city and the same-named governorate of its country
    (whose centre may be a couple of degrees away: Homs)."""
    from rasm.model import admin_levels_of_one_place

    if admin_levels_of_one_place(a, b):
        return True
    if a.kind != "place" or b.kind != "place" or a.placetype == b.placetype:
        return False
    if a.id in b.parents or b.id in a.parents:
        return True
    if {a.placetype, b.placetype} != {"locality", "region"} or a.country != b.country:
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    same_name = a.canonical == b.canonical or bool(a.arabic) and a.arabic == b.arabic
    return same_name and abs(a.lat - b.lat) < GOVERNORATE_REACH \
        and abs(a.lon - b.lon) < GOVERNORATE_REACH


def reconcile_query(q: ReconQuery, gazetteer: Gazetteer, kinds: Sequence[str]) -> Answer:
    """The candidates for one query, best first, all of them (the caller applies `limit`)."""
    from rasm.errors import RasmError

    warnings = list(q.warnings)
    if q.unusable:
        return Answer([], False, warnings)
    wanted = _resolved_kinds(q, kinds, warnings)
    if wanted is None:
        return Answer([], False, warnings)
    hard = q.type_strict != "should"
    if hard and q.type_strict == "all" and len(wanted) > 1:
        return Answer([], False, warnings)  # an entity has one kind
    conditions = _Conditions(q, gazetteer, kinds, warnings)

    scored: list[Scored] = []
    text = q.text
    for source in (*q.ids, text or ""):
        entity = entity_by_any_id(gazetteer, source) if source else None
        if entity is not None:
            scored = [Scored(entity, 1.0, 100.0, 0, {"name": 100.0, "id": True}, by_id=True)]
            break
    if not scored:
        if text is None:  # properties only: the Arabic name, when given, is the name
            arabic = [v for c, vs in conditions.items if c.pid == "arabic" for v in vs]
            text = arabic[0] if arabic else None
        if text is None or not text.strip():
            warnings.append({"field": f"queries.{q.key}.query",
                             "problem": "no name or id to reconcile"})
            return Answer([], False, warnings)
        kind = wanted[0] if hard and len(wanted) == 1 else None
        try:
            pairs = _candidates(text, gazetteer, kind, conditions.countries())
        except RasmError as exc:
            warnings.append({"field": f"queries.{q.key}.query", "problem": str(exc)})
            return Answer([], False, warnings)
        pairs.sort(key=lambda p: p[1], reverse=True)
        scored = [Scored(e, s, 100.0 * s, i, {"name": round(100.0 * s, 2)})
                  for i, (e, s) in enumerate(pairs)]

    kept = []
    for cand in scored:
        if wanted:
            fits = cand.entity.kind in wanted
            if hard and not fits:
                continue
            cand.features["type"] = 1 if fits else -1
            if not fits:
                cand.total -= CONFLICT["kind"]
                cand.conflicts += 1
        if conditions.score(cand):
            kept.append(cand)
    kept.sort(key=lambda c: (-c.total, c.order))
    _settlement_first(kept)
    return Answer(kept, _sure(kept), warnings)


def _settlement_first(ranked: list[Scored]) -> None:
    """A bare "Aleppo" is the city more often than the governorate named after it: when they
    tie, the city leads (the matcher prefers it too, unless another preference came first)."""
    if not ranked or ranked[0].entity.placetype == "locality":
        return
    best = ranked[0]
    for i, cand in enumerate(ranked[1:], 1):
        if cand.total < best.total - TIE:
            return
        if cand.entity.placetype == "locality" and _one_place(best.entity, cand.entity):
            ranked.insert(0, ranked.pop(i))
            return


def _sure(ranked: list[Scored]) -> bool:
    if not ranked:
        return False
    best = ranked[0]
    if best.conflicts or (best.name < CONFIDENT and not best.by_id):
        return False
    rivals = [c for c in ranked[1:] if not _one_place(best.entity, c.entity)]
    return not rivals or rivals[0].total < best.total - TIE


def candidate_json(cand: Scored, sure: bool) -> dict[str, Any]:
    """A candidate, in the wire form both 0.2 and the 1.0 draft accept."""
    features = [{"id": key, "name": FEATURE_NAMES[key], "value": value}
                for key, value in cand.features.items()]
    return {
        "id": cand.entity.id,
        "name": cand.entity.canonical,
        "description": describe(cand.entity),
        "score": round(max(0.0, min(100.0, cand.total)), 2),
        "features": features,
        "match": sure,
        "type": [type_of(cand.entity.kind)],
    }


def reconcile_batch(queries: Sequence[ReconQuery], gazetteer: Gazetteer, kinds: Sequence[str]
                    ) -> list[tuple[list[dict[str, Any]], list[dict[str, str]]]]:
    """For each query: its candidates (cut to its limit) in wire form, and its warnings."""
    out = []
    for q in queries:
        answer = reconcile_query(q, gazetteer, kinds)
        shown = answer.candidates[: q.limit]
        out.append(([candidate_json(c, i == 0 and answer.match_first)
                     for i, c in enumerate(shown)], answer.warnings))
    return out


def results_02(queries: Sequence[ReconQuery], gazetteer: Gazetteer, kinds: Sequence[str]
               ) -> dict[str, dict[str, Any]]:
    """`{"q0": {"result": [...]}, ...}`; a query with warnings carries them beside `result`."""
    out: dict[str, dict[str, Any]] = {}
    for q, (cands, warnings) in zip(queries, reconcile_batch(queries, gazetteer, kinds),
                                    strict=True):
        out[q.key] = {"result": cands, **({"warnings": warnings} if warnings else {})}
    return out


def results_10(queries: Sequence[ReconQuery], gazetteer: Gazetteer, kinds: Sequence[str]
               ) -> dict[str, list[dict[str, Any]]]:
    """`{"results": [{"candidates": [...]}, ...]}` in the order of the queries."""
    return {"results": [{"candidates": cands, **({"warnings": warnings} if warnings else {})}
                        for cands, warnings in reconcile_batch(queries, gazetteer, kinds)]}
