#!/usr/bin/env python3
"""Start-up, memory and per-query cost of the built-in tables at world size, against a RapidFuzz
full scan over the same spellings, in one process.

    python scripts/bench_world.py [--queries 300] [--scan-queries 30] [--seed 3]

Start-up: a fresh `python -c "import rasm; rasm.builtin_gazetteer()"` (median of 3; the
compiled stores must exist: run once before). Queries: canonical names and aliases of random
built-in places, typed with one letter changed so that no exact look-up answers them. Reported:
rasm ms/query (cold: first touch of the stores' pages; warm: the same queries again), RapidFuzz
WRatio `extractOne` ms/query over every folded spelling, their ratio, and the peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def startup_seconds(runs: int = 3) -> float:
    code = "import rasm; rasm.builtin_gazetteer()"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    if not name[i].isalpha():
        return name
    return name[:i] + rng.choice("aeiouy") + name[i + 1 :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--scan-queries", type=int, default=30)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    startup = startup_seconds()

    from rapidfuzz import fuzz, process
    from unidecode import unidecode

    import rasm

    started = time.perf_counter()
    gazetteer = rasm.builtin_gazetteer()
    opened = time.perf_counter() - started
    places = gazetteer.parts[0].entities
    rng = random.Random(args.seed)
    picks = [places[rng.randrange(len(places))] for _ in range(args.queries)]
    queries = [typo(rng.choice((e.canonical, *e.aliases[:3])), rng) for e in picks]

    def timed(run: list[str]) -> float:
        t = time.perf_counter()
        for q in run:
            rasm.match(q)
        return (time.perf_counter() - t) / len(run) * 1000

    cold, warm = timed(queries), timed(queries)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    names = sorted({unidecode(n).casefold() for part in gazetteer.parts
                    for n in part.index.spelling[:] if n})
    t = time.perf_counter()
    for q in queries[: args.scan_queries]:
        process.extractOne(unidecode(q).casefold(), names, scorer=fuzz.WRatio, processor=None)
    scan = (time.perf_counter() - t) / args.scan_queries * 1000
    print(f"entities {len(gazetteer)}; spellings scanned {len(names)}")
    print(f"start-up (fresh process, median of 3): {startup:.3f} s; open in this process {opened:.3f} s")
    print(f"rasm ms/query: cold {cold:.3f}, warm {warm:.3f} ({args.queries} queries)")
    print(f"RapidFuzz WRatio full scan ms/query: {scan:.1f} ({args.scan_queries} queries)")
    print(f"ratio scan/rasm: cold {scan / cold:.0f}x, warm {scan / warm:.0f}x")
    print(f"peak RSS after the rasm queries {rss:.0f} MB (mapped table pages included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
