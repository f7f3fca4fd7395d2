"""Cost of `rasm.names.suggest` per keystroke on the built-in tables, against a full scan of the same
folded names (each name's key computed once, then `startswith` over all of them) in this process.

    PYTHONPATH=src:. python scripts/bench_suggest.py [--words 60]

Typed inputs: the first 1..6 letters of canonical names taken evenly over the tables (Latin),
and of their Arabic names. Reports the one-off build of the sorted name list, then the median
and 95th percentile per keystroke of the prefix part alone, of suggest() (prefix + fuzzy), and
of the full scan.
"""

from __future__ import annotations

import argparse
import statistics
import time

from rasm.gazetteer import builtin_gazetteer
from rasm.names.suggest import prefix_table, search_key, suggest


def keystrokes(words: int) -> list[str]:
    entities = builtin_gazetteer().entities
    step = max(1, len(entities) // words)
    picked = entities[::step][:words]
    typed: list[str] = []
    for entity in picked:
        for name in (entity.canonical, entity.arabic):
            typed += [name[:n] for n in range(1, min(len(name), 6) + 1)] if name else []
    return typed


def timed(fn: object, inputs: list[str]) -> list[float]:
    out = []
    for text in inputs:
        start = time.perf_counter()
        fn(text)  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60)
    args = parser.parse_args()
    gaz = builtin_gazetteer()
    for part in gaz.parts:
        part.index  # noqa: B018 - the matcher's index, built before timing
    start = time.perf_counter()
    tables = [prefix_table(part) for part in gaz.parts]
    build = time.perf_counter() - start
    names = sum(len(t.keys) for t in tables)
    typed = keystrokes(args.words)

    def prefix_only(text: str) -> int:
        key = search_key(text)
        return sum(len(t.starting_with(key)) for t in tables)

    def full_scan(text: str) -> int:
        key = search_key(text)
        return sum(1 for t in tables for k in t.keys if k.startswith(key))

    print(f"{len(gaz):,} entities, {names:,} folded names; sorted list built in {build:.1f} s "
          f"(once per process, on the first keystroke); {len(typed)} keystrokes")
    rows = [("prefix look-up (bisect)", timed(prefix_only, typed)),
            ("suggest() (prefix + fuzzy)", timed(lambda t: suggest(t, gazetteer=gaz), typed)),
            ("full scan of the names", timed(full_scan, typed))]
    base = statistics.median(rows[-1][1])
    for label, ms in rows:
        p95 = sorted(ms)[int(len(ms) * 0.95)]
        med = statistics.median(ms)
        print(f"{label:30s} median {med:8.3f} ms  p95 {p95:8.3f} ms  "
              f"= {med / base:.4f} x the full scan")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
