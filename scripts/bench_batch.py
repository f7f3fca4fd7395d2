#!/usr/bin/env python3
"""Batch throughput: documents/s and MB/s of `rasm batch` at 1 and 2 local workers and on a Dask
LocalCluster, against a plain loop calling the library, all in one run on one corpus.

    python scripts/bench_batch.py                 # >= 50 MB corpus, workers 1 and 2, Dask local
    python scripts/bench_batch.py --mb 5 --json out/bench_batch.json

The corpus is generated into a temporary folder (deleted afterwards) from the embedded sample
articles: each document takes 2-4 of their paragraphs and adds a sentence with freshly made
Arabic-looking names, so that the core's per-name caches see both repeats (as news does) and
names never seen before. With --repeat N the settings run
in N interleaved rounds and the fastest of each counts. Ratios, not absolute figures, are the
point: scaling = rate at 2
workers / rate at 1; Dask overhead = 1 - Dask rate / local rate at the same worker count.
Each row also gives the CPU seconds the run cost and the load average when it ended: on a
shared machine wall-clock rates are only as good as the machine is idle.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

_ONSETS = ("b", "d", "f", "gh", "h", "j", "k", "kh", "m", "n", "q", "r", "s", "sh", "t", "z")
_VOWELS = ("a", "aa", "i", "ou", "u", "ei")
_PLACES = ("Tell {}", "Khirbet {}", "Mazraat al-{}", "Ain {}", "Deir {}")
_PEOPLE = ("Abu {} al-{}", "{} al-{}", "Sheikh {} {}")


def _word(rng: random.Random) -> str:
    syllables = rng.randint(2, 3)
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
    return word.capitalize() + rng.choice(("", "i", "an", "ani"))


def make_corpus(path: Path, megabytes: float, seed: int = 7) -> tuple[int, int]:
    """Write a JSONL corpus of at least `megabytes` MB; returns (documents, bytes)."""
    from rasm.batch.sample import sample_corpus_dir

    articles = [p.read_text(encoding="utf-8") for p in sorted(sample_corpus_dir().glob("*.txt"))]
    paragraphs = [p for a in articles for p in a.split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    target, size, count = int(megabytes * 1e6), 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < target:
            body = rng.sample(paragraphs, rng.randint(2, 4))
            person = rng.choice(_PEOPLE).format(_word(rng), _word(rng))
            place = rng.choice(_PLACES).format(_word(rng))
            body.append(f"Residents said {person} had left {place} on foot before dawn.")
            line = json.dumps({"id": f"doc-{count:07d}", "text": "\n\n".join(body)},
                              ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            count += 1
    return count, size


def reset() -> None:
    from rasm import reset_caches
    from rasm.batch import process

    reset_caches()
    process.reset_caches()


def plain_loop(corpus: Path, out: Path) -> None:
    """The baseline: one process, read, call the library, write. It does the same work per
    document as the batch (language of the opening 2,000 characters, then the core)."""
    import rasm
    from rasm.translate.langid import identify

    gazetteer = rasm.builtin_gazetteer()
    with corpus.open(encoding="utf-8") as lines, out.open("w", encoding="utf-8") as sink:
        for line in lines:
            record = json.loads(line)
            lang = identify(record["text"][:2000]).lang
            result = rasm.normalize_text(record["text"], gazetteer=gazetteer)
            sink.write(json.dumps({"id": record["id"], "lang": lang, **result.to_dict()},
                                  ensure_ascii=False) + "\n")


def warm_up() -> None:
    """Import everything once so the first timed run does not pay for it."""
    import rasm
    from rasm.batch import dask_runner, writers  # noqa: F401
    from rasm.translate.langid import identify

    identify("Aleppo")
    rasm.normalize_text("Shelling hit Deir Ezzor.")


def measure(run: Callable[[], Any]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, load average at the end) of one run from cold caches."""
    reset()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    return elapsed, _cpu_seconds() - cpu_before, os.getloadavg()[0]


def row(label: str, best: tuple[float, float, float], docs: int, size: int) -> dict[str, Any]:
    seconds, cpu, load = best
    out = {"run": label, "seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 1),
           "mb_per_s": round(size / 1e6 / seconds, 3), "cpu_seconds": round(cpu, 1),
           "load_avg_1min": round(load, 2)}
    print(f"{label:<28} {seconds:8.1f} s {out['docs_per_s']:10,.0f} docs/s "
          f"{out['mb_per_s']:8.3f} MB/s  cpu {cpu:7.1f} s  load {load:4.1f}", flush=True)
    return out


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (local workers; Dask's nanny
    processes and, through them, its workers). It shows the work a run costs whatever else
    the machine is doing, where wall time depends on the machine being otherwise idle."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--workers", default="1,2", help="local worker counts (default 1,2)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the best counts")
    args = parser.parse_args()

    from rasm.batch import BatchOptions, run_batch

    workers = [int(w) for w in args.workers.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="rasm-bench-batch-"))
    try:
        corpus = folder / "corpus.jsonl"
        docs, size = make_corpus(corpus, args.mb)
        print(f"corpus: {docs:,} documents, {size / 1e6:.1f} MB ({corpus})", flush=True)
        warm_up()
        options = BatchOptions()
        runs: dict[str, tuple[Callable[[], Any], Path]] = {
            "plain loop (library)": (lambda: plain_loop(corpus, folder / "plain.jsonl"),
                                     folder / "plain.jsonl")}
        for count in workers:
            out = folder / f"w{count}.jsonl"
            runs[f"rasm batch --workers {count}"] = (
                lambda out=out, count=count: run_batch([corpus], out, options, workers=count,
                                                       report=False), out)
        if not args.no_dask:
            out = folder / "dask.jsonl"
            runs[f"rasm batch --dask local ({max(workers)})"] = (
                lambda out=out: run_batch([corpus], out, options, workers=max(workers),
                                          dask="local", report=False), out)
        # Rounds of every setting in turn, the best of each kept: on a shared machine another
        # user's burst then hurts one round of each setting rather than all rounds of one.
        best: dict[str, tuple[float, float, float]] = {}
        for round_number in range(args.repeat):
            for label, (run, _) in runs.items():
                result = measure(run)
                print(f"  round {round_number + 1}: {label}: {result[0]:.1f} s", flush=True)
                if label not in best or result[0] < best[label][0]:
                    best[label] = result
        rows = [row(label, best[label], docs, size) for label in runs]
        outputs = [out for label, (_, out) in runs.items() if label.startswith("rasm batch")]
        same = all(o.read_bytes() == outputs[0].read_bytes() for o in outputs[1:])
        rates = {r["run"]: r["docs_per_s"] for r in rows}
        base = rates["plain loop (library)"]
        one, top = rates[f"rasm batch --workers {workers[0]}"], \
            rates[f"rasm batch --workers {max(workers)}"]
        summary = {
            "batch_1_vs_plain": round(one / base, 3),
            f"scaling_{max(workers)}_vs_{workers[0]}": round(top / one, 3),
            "outputs_identical": same,
        }
        if not args.no_dask:
            summary["dask_overhead"] = round(1 - rates[rows[-1]["run"]] / top, 3)
        print(json.dumps(summary))
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"docs": docs, "bytes": size, "runs": rows,
                                             "summary": summary}, indent=1) + "\n")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
