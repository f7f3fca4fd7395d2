#!/usr/bin/env python3
"""Per-query cost of compiled user tables of 10k, 100k and 500k places, and the opening time of
the largest, each size in a fresh process (issue 17: flat within 1.5x, open < 1 s).

    python scripts/bench_scale.py                          # 10k,100k,500k; 300 queries
    python scripts/bench_scale.py --sizes 10000,100000 --queries 200 --work /tmp/rasm-scale

Tables are made from the real place table (tables/places.tsv.gz, 321k rows), shuffled once
and nested: the 10k table is the first 10k rows, the 100k table the first 100k, the 500k table
every real row plus made-up places (the first word of one real name with the last word of
another, the Arabic likewise, coordinates and country of the first), so that keys are shared
as they are in a larger real table. Each is written as a TSV under --work and compiled with the
store (`rasm.gazetteer.compiled.load_user_part`, cache RASM_CACHE_DIR=<work>/cache), outside the timing.

Queries: names of entities of the 10k table (in every table), half written as in the table,
half with one letter changed, so that the right answer is the same entity at every size.
Timed: `rasm.match` against that table alone, a warm-up pass (the stores' pages) then the timed
pass, CPU seconds of the worker process. Opening: a fresh `python -c` that imports rasm and
opens the compiled 500k table (median of 3, wall and CPU), then its first query.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "tables" / "places.tsv.gz"


def read_rows() -> tuple[list[str], list[list[str]]]:
    """Header and rows of the real place table."""
    with gzip.open(PLACES, "rt", encoding="utf-8") as handle:
        lines = [ln.rstrip("\n") for ln in handle if not ln.startswith("#")]
    return lines[0].split("\t"), [ln.split("\t") for ln in lines[1:]]


def made_up(header: list[str], rows: list[list[str]], count: int, rng: random.Random) -> list[list[str]]:
    """`count` made-up places recombined from the words of real ones."""
    col = {name: i for i, name in enumerate(header)}
    keep = ("kind", "country", "placetype", "lat", "lon")
    out = []
    for n in range(count):
        a, b = rng.choice(rows), rng.choice(rows)
        row = [""] * len(header)
        for name in keep:
            row[col[name]] = a[col[name]]
        row[col["id"]] = f"synthetic:{n}"
        row[col["source"]] = "synthetic"
        row[col["name"]] = _recombine(a[col["name"]], b[col["name"]])
        if a[col["arabic"]] and b[col["arabic"]]:
            row[col["arabic"]] = _recombine(a[col["arabic"]], b[col["arabic"]])
        out.append(row)
    return out


def _recombine(first: str, second: str) -> str:
    head, tail = first.split(), second.split()
    return f"{head[0]} {tail[-1]}" if head and tail else first


def typo(name: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(name) if ch.isalpha() and ch.isascii()]
    if not spots:
        return name
    i = rng.choice(spots)
    return name[:i] + rng.choice([c for c in "aeiouy" if c != name[i].lower()]) + name[i + 1 :]


def write_tables(work: Path, sizes: list[int], seed: int) -> tuple[dict[int, Path], list[dict[str, str]]]:
    """The nested tables, written once (kept when already there), and the query set."""
    header, rows = read_rows()
    rng = random.Random(seed)
    rng.shuffle(rows)
    if max(sizes) > len(rows):
        rows = rows + made_up(header, rows, max(sizes) - len(rows), rng)
    paths: dict[int, Path] = {}
    for size in sizes:
        path = work / f"places-{size}.tsv"
        if not path.exists():
            body = "\n".join("\t".join(r) for r in rows[:size])
            tmp = path.with_suffix(".tmp")
            tmp.write_text("\t".join(header) + "\n" + body + "\n", encoding="utf-8")
            tmp.replace(path)
        paths[size] = path
    col = {name: i for i, name in enumerate(header)}
    queries = []
    for k, row in enumerate(rng.sample(rows[: min(sizes)], 600)):
        name = row[col["name"]]
        queries.append({"text": typo(name, rng) if k % 2 else name, "id": row[col["id"]],
                        "typed": "typo" if k % 2 else "as written"})
    return paths, queries


def _run(code: str, *args: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of a fresh interpreter running `code`, and what it printed."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"worker failed:\n{done.stderr[-3000:]}")
    out = done.stdout
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, out


_COMPILE = """
import sys
from pathlib import Path
from rasm.gazetteer.compiled import load_user_part
load_user_part(Path(sys.argv[1]))
"""

_OPEN = """
import sys, time, json
t0 = time.perf_counter(); c0 = time.process_time()
import rasm
from pathlib import Path
from rasm.gazetteer.compiled import load_user_part
from rasm.gazetteer import Gazetteer
gaz = Gazetteer([load_user_part(Path(sys.argv[1]))])
opened = (time.perf_counter() - t0, time.process_time() - c0)
t1 = time.process_time()
rasm.match(sys.argv[2], gazetteer=gaz)
print(json.dumps({"open_wall": opened[0], "open_cpu": opened[1],
                  "first_query_cpu": time.process_time() - t1}))
"""

_QUERY = """
import sys, time, json
from pathlib import Path
import rasm
from rasm.gazetteer.compiled import load_user_part
from rasm.gazetteer import Gazetteer
gaz = Gazetteer([load_user_part(Path(sys.argv[1]))])
queries = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
for q in queries:  # warm-up: the pages of the store a query set touches
    rasm.match(q["text"], gazetteer=gaz)
times, right = [], 0
for q in queries:
    t = time.process_time()
    m = rasm.match(q["text"], gazetteer=gaz)
    times.append(time.process_time() - t)
    right += m.best is not None and m.best.entity.id == q["id"]
print(json.dumps({"times": times, "right": right}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,500000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/rasm-scale"))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    paths, queries = write_tables(args.work, sizes, args.seed)
    queries = queries[: args.queries]
    query_file = args.work / "queries.json"
    query_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, RASM_CACHE_DIR=str(args.work / "cache"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    result: dict[str, Any] = {"sizes": {}, "queries": len(queries),
                              "load_average": os.getloadavg()[0]}
    for size in sizes:
        _, cpu, _ = _run(_COMPILE, str(paths[size]), env=env)  # compiles, or finds it cached
        _, _, out = _run(_QUERY, str(paths[size]), str(query_file), env=env)
        got = json.loads(out)
        times = sorted(got["times"])
        row = {
            "entities": size,
            "table_mb": round(paths[size].stat().st_size / 1e6, 1),
            "compile_or_find_cpu_s": round(cpu, 1),
            "ms_mean": round(1000 * statistics.fmean(times), 3),
            "ms_p50": round(1000 * times[len(times) // 2], 3),
            "ms_p95": round(1000 * times[int(len(times) * 0.95)], 3),
            "top1": round(got["right"] / len(times), 3),
        }
        result["sizes"][size] = row
        print(json.dumps(row), flush=True)
    largest = paths[sizes[-1]]
    opens = [json.loads(_run(_OPEN, str(largest), queries[0]["text"], env=env)[2]) for _ in range(3)]
    result["open"] = {
        "entities": sizes[-1],
        "wall_s_median": round(statistics.median(o["open_wall"] for o in opens), 3),
        "cpu_s_median": round(statistics.median(o["open_cpu"] for o in opens), 3),
        "first_query_cpu_s_median": round(statistics.median(o["first_query_cpu"] for o in opens), 3),
    }
    print(json.dumps(result["open"]))
    rows = list(result["sizes"].values())
    base = rows[0]["ms_mean"]
    for r in rows:
        print(f"{r['entities']:>7} entities: {r['ms_mean']:.3f} ms/query mean "
              f"(p50 {r['ms_p50']:.3f}, p95 {r['ms_p95']:.3f}), {r['ms_mean'] / base:.2f}x the "
              f"smallest; top-1 {r['top1']:.1%}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
