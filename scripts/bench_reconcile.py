"""What reconciliation costs over plain matching, on the built-in tables, in one process.

    python scripts/bench_reconcile.py [--names 300] [--json out.json]

Baseline: `rasm.match(name, limit=5)` for each name. Then the same names as reconciliation
queries (service.reconcile.reconcile_query): bare, with a `country` property (which also asks
the matcher within that country), and as entity-suggest prefixes (their first 4 letters). Also
the one-off costs the service pays on first use: the table of source ids (id look-up, country
names) and rasm.names.suggest's sorted table. Names are every k-th entity of the tables, so
the run is the same each time. Figures go to BENCHMARKS.md as ratios to the baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from rasm import builtin_gazetteer, match
    from service.recon_query import Condition, ReconQuery, Value
    from service.recon_suggest import suggest_entities
    from service.recon_values import entity_by_any_id
    from service.reconcile import reconcile_query

    gazetteer = builtin_gazetteer()
    for part in gazetteer.parts:
        part.index  # noqa: B018  (built once, outside the timings)
    kinds = tuple(gazetteer.kinds())
    entities = gazetteer.entities
    step = max(1, len(entities) // args.names)
    sample = [e for e in entities[::step] if e.country][: args.names]

    def timed(fn: object) -> float:
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        return time.perf_counter() - started

    first_ids = timed(lambda: entity_by_any_id(gazetteer, "wikidata:Q0"))
    first_suggest = timed(lambda: suggest_entities("Ale", gazetteer, None, 10, 0))
    baseline = timed(lambda: [match(e.canonical, gazetteer=gazetteer, limit=5) for e in sample])
    bare = timed(lambda: [reconcile_query(ReconQuery("q", e.canonical), gazetteer, kinds)
                          for e in sample])
    with_country = timed(lambda: [reconcile_query(ReconQuery(
        "q", e.canonical, conditions=(Condition("country", (Value(e.country),)),)),
        gazetteer, kinds) for e in sample])
    suggest = timed(lambda: [suggest_entities(e.canonical[:4], gazetteer, None, 10, 0)
                             for e in sample])
    found = sum(1 for e in sample
                if (a := reconcile_query(ReconQuery("q", e.canonical), gazetteer, kinds))
                .candidates and a.candidates[0].entity.id == e.id)
    n = len(sample)
    report = {
        "entities": len(gazetteer), "names": n,
        "match_ms_per_name": round(1000 * baseline / n, 3),
        "reconcile_bare_ratio": round(bare / baseline, 2),
        "reconcile_with_country_ratio": round(with_country / baseline, 2),
        "suggest_prefix_ratio": round(suggest / baseline, 2),
        "first_id_lookup_s": round(first_ids, 2),
        "first_suggest_s": round(first_suggest, 2),
        "own_name_first": f"{found}/{n}",
    }
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
