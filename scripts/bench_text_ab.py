"""English running-text speed of this checkout against another one (say, the commit before a
change), in the same run: rounds alternate between the two, each in a fresh subprocess, timed
in CPU seconds of that process, so that a busy shared machine slows both alike.

    git archive <commit> | tar -x -C /tmp/base
    python scripts/bench_text_ab.py /tmp/base --rounds 4

Text: the committed English test texts and the shared articles (../shared/corpus or
RASM_SHARED_CORPUS, when present), shuffled into 150 documents of 40 lines, run through
`find_mentions` with the built-in tables after a warm-up of five documents, three passes, the
fastest kept. Prints each round's characters per CPU second and the median ratio this/other.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, os, random, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from rasm.gazetteer import builtin_gazetteer
from rasm.text import find_mentions
paths = sorted(Path(sys.argv[2]).glob("own_en*.txt"))
corpus = os.environ.get("RASM_SHARED_CORPUS", "")
if corpus and Path(corpus).is_dir():
    paths += sorted(Path(corpus).glob("*.txt"))
lines = [ln for p in paths for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
rng = random.Random(1)
docs = []
for _ in range(150):
    rng.shuffle(lines)
    docs.append("\n".join(lines[:40]))
gazetteer = builtin_gazetteer()
for doc in docs[:5]:
    find_mentions(doc, gazetteer=gazetteer)
best = float("inf")
for _ in range(3):  # the fastest of three passes: the one a busy machine disturbed least
    t0 = time.process_time()
    for doc in docs:
        find_mentions(doc, gazetteer=gazetteer)
    best = min(best, time.process_time() - t0)
print(json.dumps(sum(map(len, docs)) / best))
"""


def one_round(src: Path) -> float:
    env = dict(os.environ)
    env.setdefault("RASM_SHARED_CORPUS", str(ROOT.parent / "shared" / "corpus"))
    golden = ROOT / "tests" / "data" / "text_golden"
    out = subprocess.run([sys.executable, "-c", _CHILD, str(src), str(golden)], env=env,
                         capture_output=True, text=True, check=True, timeout=900)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (its src/ is imported)")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    this_src, other_src = ROOT / "src", args.other.resolve() / "src"
    ratios = []
    for k in range(args.rounds):
        other = one_round(other_src)
        this = one_round(this_src)
        ratios.append(this / other)
        print(f"round {k + 1}: this {this:,.0f} chars/CPU s, other {other:,.0f}, "
              f"ratio {this / other:.2f}")
    print(f"median ratio this/other: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
