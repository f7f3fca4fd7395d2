"""The first document of running text after start-up against the hundredth (issue 17).

    python scripts/bench_first_doc.py                 # 100 documents, fresh process
    python scripts/bench_first_doc.py --profile 25    # also: what the first document loads

Documents are the embedded sample corpus's articles with their sentences shuffled (a fresh
order per document, so no document repeats another), about 5 KB each, through
`rasm.normalize_text` with the built-in tables. Times are CPU seconds of this process (the
machine may be shared). The figure is the ratio of the first document's speed to the speed of
documents 90-100, and the built-in tables' opening on its own.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(count: int, seed: int) -> list[str]:
    folder = ROOT / "src" / "rasm" / "batch" / "sample_corpus"
    sentences: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        rng.shuffle(sentences)
        doc, size = [], 0
        for sentence in sentences:
            doc.append(sentence)
            size += len(sentence) + 1
            if size > 5000:
                break
        docs.append(" ".join(doc))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the first document and print the top N functions")
    args = parser.parse_args()
    docs = documents(args.docs, args.seed)
    start = time.process_time()
    import rasm

    gazetteer = rasm.builtin_gazetteer()
    opened = time.process_time() - start
    profile = cProfile.Profile() if args.profile else None
    seconds = []
    for i, doc in enumerate(docs):
        if profile is not None and i == 0:
            profile.enable()
        t = time.process_time()
        rasm.normalize_text(doc, gazetteer=gazetteer)
        seconds.append(time.process_time() - t)
        if profile is not None and i == 0:
            profile.disable()
    size = [len(d.encode("utf-8")) / 1e6 for d in docs]
    first = size[0] / seconds[0]
    tail = slice(max(1, args.docs - 10), args.docs)
    late = sum(size[tail]) / sum(seconds[tail])
    print(f"load average {os.getloadavg()[0]:.1f}; import + built-in tables {opened:.2f} s CPU")
    print(f"first document {first:.2f} MB/s ({seconds[0]:.3f} s CPU for {size[0] * 1000:.1f} KB); "
          f"documents {tail.start + 1}-{tail.stop}: {late:.2f} MB/s; first/late = {first / late:.2f}")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
