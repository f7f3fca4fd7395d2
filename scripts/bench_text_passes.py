"""Running text over the synthetic corpus of scripts/bench_text.py, twice in one process: the
first pass fills the chunk caches (names seen for the first time), the second reads them.

    python scripts/bench_text_passes.py --mb 2                 # this checkout
    python scripts/bench_text_passes.py --mb 2 --src /tmp/base/src   # another one (git archive)

Built-in tables, `normalize_text` per ~5 KB document, CPU seconds of this process. The corpus
is made by this checkout's bench_text.py (the shared articles from RASM_SHARED_CORPUS or
../shared/corpus), so two checkouts read the same documents.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the rasm to time")
    args = parser.parse_args()
    sys.path[:0] = [str(args.src.resolve()), str(ROOT / "scripts")]
    from rasm.gazetteer import builtin_gazetteer
    from rasm.text import normalize_text

    # After rasm, from --src: bench_text puts this checkout's src/ on the path when imported.
    bench_text = importlib.import_module("bench_text")
    assert Path(sys.modules["rasm"].__file__ or "").is_relative_to(args.src.resolve())

    gazetteer = builtin_gazetteer()
    docs = bench_text.synthetic_corpus(args.mb)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    rates = []
    for _ in range(2):
        started = time.process_time()
        for doc in docs:
            normalize_text(doc, gazetteer=gazetteer)
        rates.append(megabytes / (time.process_time() - started))
    print(f"{args.src}: {megabytes:.1f} MB in {len(docs)} documents; first pass {rates[0]:.2f} MB/s, "
          f"second pass {rates[1]:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
