"""Cost of the argument checks `rasm.match` runs on every call (issue 14: types, ranges, unpaired
surrogates), as a share of the call, in one process.

    python scripts/bench_checks.py [--rounds 5]

Times `rasm.match` on the spellings of tests/data/news_spellings.tsv against the built-in tables,
and the same names through the checks alone (`_check_options` + `check_text`), in alternating
rounds; prints the per-call cost of each and the checks' share of a call (median of rounds).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import rasm
from rasm.checks import check_text
from rasm.names.matcher import MAX_QUERY_CHARS, _check_options

ROOT = Path(__file__).resolve().parents[1]


def names() -> list[str]:
    lines = (ROOT / "tests" / "data" / "news_spellings.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t")[0] for line in lines.splitlines()[1:] if line.strip()]
    return [row for row in rows if row and not row.startswith("#")]


def per_call(fn: object, queries: list[str]) -> float:
    started = time.perf_counter()
    for query in queries:
        fn(query)  # type: ignore[operator]
    return (time.perf_counter() - started) / len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    queries = names() * 4
    gazetteer = rasm.builtin_gazetteer()
    rasm.match(queries[0])  # build the index before timing

    def checks(name: str) -> None:
        _check_options(None, None, None, None, 5)
        check_text(name, "name", max_chars=MAX_QUERY_CHARS)

    match_s, check_s = [], []
    for _ in range(args.rounds):
        match_s.append(per_call(lambda n: rasm.match(n, gazetteer=gazetteer), queries))
        check_s.append(per_call(checks, queries))
    m, c = statistics.median(match_s), statistics.median(check_s)
    print(f"{len(queries)} names x {args.rounds} rounds: match {m * 1e6:.1f} us/call, "
          f"checks {c * 1e6:.2f} us/call ({100 * c / m:.2f}% of a call)")


if __name__ == "__main__":
    main()
