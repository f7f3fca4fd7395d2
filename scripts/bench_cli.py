"""Single names from the command line against a user gazetteer, start-up included, next to a
RapidFuzz full scan in this process (issue 17).

    python scripts/bench_cli.py --rows 10000 --queries 300

The gazetteer is the first ROWS places of the built-in world table written as a user TSV; the
queries are spellings of a random sample of them as a reader might type them (lower-cased, one
letter dropped, the Arabic form). `rasm match --no-builtin --gazetteer FILE` runs three times in
fresh processes: the first compiles the table into a temporary cache (RASM_CACHE_DIR), the
second and third open it. Times are CPU seconds (the machine may be shared), per name, start-up
included; top-1 accuracy is counted against the entity each query was made from.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_table(path: Path, rows: int) -> list[list[str]]:
    with gzip.open(ROOT / "tables" / "places.tsv.gz", "rt", encoding="utf-8") as source:
        lines = [line for line in itertools.islice(source, rows + 10) if not line.startswith("#")]
    lines = lines[: rows + 1]
    path.write_text("".join(lines), encoding="utf-8")
    return [line.rstrip("\n").split("\t") for line in lines[1:]]


def make_queries(rows: list[list[str]], count: int, seed: int) -> list[tuple[str, str]]:
    random.seed(seed)
    out: list[tuple[str, str]] = []
    for row in random.sample(rows, count):
        entity_id, name, arabic = row[0], row[1], row[3]
        variant = random.choice(["lower", "drop", "arabic"])
        if variant == "arabic" and arabic:
            out.append((arabic, entity_id))
        elif variant == "drop" and len(name) > 5:
            i = random.randrange(1, len(name) - 1)
            out.append((name[:i] + name[i + 1 :], entity_id))
        else:
            out.append((name.lower(), entity_id))
    return out


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(table: Path, names: list[str], cache: Path) -> tuple[float, float, list[str | None]]:
    env = {**os.environ, "RASM_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src")}
    before, wall = child_cpu(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "rasm.cli", "match", "--no-builtin", "--gazetteer", str(table)],
        input="\n".join(names) + "\n", capture_output=True, text=True, env=env, check=True,
    )
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    return child_cpu() - before, time.perf_counter() - wall, ids


def rapidfuzz_scan(rows: list[list[str]], queries: list[tuple[str, str]]) -> tuple[float, float]:
    """CPU seconds per query and top-1 of extractOne(WRatio) over every spelling."""
    from rapidfuzz import fuzz, process

    spellings: list[str] = []
    owners: list[str] = []
    for row in rows:
        for name in [row[1], row[3], *row[4].split("|")]:
            if name:
                spellings.append(name)
                owners.append(row[0])
    start = time.process_time()
    hits = 0
    for text, expected in queries:
        found = process.extractOne(text, spellings, scorer=fuzz.WRatio)
        hits += found is not None and owners[found[2]] == expected
    return (time.process_time() - start) / len(queries), hits / len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rf-queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "places.tsv"
        rows = write_table(table, args.rows)
        queries = make_queries(rows, args.queries, args.seed)
        names = [q for q, _ in queries]
        runs = [run_cli(table, names, Path(tmp) / "cache") for _ in range(3)]
    rf_cost, rf_top1 = rapidfuzz_scan(rows, queries[: args.rf_queries])
    ids = runs[-1][2]
    top1 = sum(got == want for got, (_, want) in zip(ids, queries, strict=True)) / len(queries)
    print(f"{len(rows)} entities, {len(queries)} names; load average {os.getloadavg()[0]:.1f}")
    for label, (cpu, wall, _) in zip(("first call (compiles)", "second call", "third call"),
                                     runs, strict=True):
        print(f"  rasm CLI {label}: {1000 * cpu / len(names):.2f} ms CPU/name "
              f"({cpu:.2f} s CPU, {wall:.2f} s wall, start-up included)")
    same = sum(got == want for got, (_, want) in zip(ids, queries[: args.rf_queries], strict=False))
    print(f"  rasm CLI top-1 {top1:.1%} ({same / args.rf_queries:.1%} on the scan's queries)")
    print(f"  RapidFuzz WRatio full scan: {1000 * rf_cost:.2f} ms CPU/query, top-1 {rf_top1:.1%} "
          f"({args.rf_queries} queries)")
    best = min(runs[1][0], runs[2][0]) / len(names)
    print(f"  ratio (second/third call vs scan): {rf_cost / best:.1f}x; "
          f"first call {rf_cost / (runs[0][0] / len(names)):.1f}x")


if __name__ == "__main__":
    main()
