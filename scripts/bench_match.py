"""Speed of rasm's matcher against the RapidFuzz full-scan baseline, in one run.

    python scripts/bench_match.py                     # all three parts (a few minutes)
    python scripts/bench_match.py --sizes 10000,50000 --out /tmp/speed.md --json /tmp/speed.json

1. Throughput: single names, one `rasm.match` call each, on held-out Syrian variants (the test
   split of scripts/eval_data.py) against the Syrian gazetteer, next to `process.extractOne(...,
   scorer=fuzz.WRatio)` over every spelling of the same gazetteer; top-1 of both at their
   thresholds (RapidFuzz's cutoff tuned on the dev split, as in scripts/eval_match.py), so the
   ratio is read at known accuracy.
2. Scaling: cost per query at 10k, 50k, 100k, 500k entries (the real Syrian table padded with
   made-up places recombined from real name words), each size in a fresh subprocess that also
   reports index build time and peak RSS; RapidFuzz on a few queries at each size.
3. Start-up: a fresh `python -c "import rasm; rasm.builtin_gazetteer()..."`: wall time to load
   the built-in tables and answer one query, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_data as data
import eval_match

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parents[1]
ROUNDS = 5  # throughput: rasm and RapidFuzz timed in alternating rounds
RF_QUERIES_AT_SCALE = 30  # a full scan of 500k spellings takes ~0.3 s a query


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _timed_calls(
    run: eval_match.Runner, queries: Sequence[data.Query], min_seconds: float
) -> tuple[list[eval_match.Prediction], list[float]]:
    """Predictions for the queries, and per-call CPU seconds of this process (repeating the list
    until min_seconds). CPU time, not wall time: the machine may be shared with other jobs."""
    predictions: list[eval_match.Prediction] = []
    seconds: list[float] = []
    start = time.process_time()
    rounds = 0
    while rounds == 0 or time.process_time() - start < min_seconds:
        for q in queries:
            t = time.process_time()
            p = run(q.text)
            seconds.append(time.process_time() - t)
            if rounds == 0:
                predictions.append(p)
        rounds += 1
        if rounds >= 50:
            break
    return predictions, seconds


def _top1(
    queries: Sequence[data.Query], predictions: Sequence[eval_match.Prediction], cutoff: float
) -> dict[str, float]:
    answered = [
        (q, p)
        for q, p in zip(queries, predictions, strict=True)
        if p.id is not None and p.score >= cutoff
    ]
    correct = sum(p.id == q.expected for q, p in answered)
    return {
        "top1": round(correct / len(queries), 4),
        "precision": round(correct / len(answered), 4) if answered else 0.0,
    }


def throughput(limit: int, rf_limit: int, seed: int) -> dict[str, Any]:
    import rasm

    full = data.syrian_variants()
    evalset = full.split("test").sample(limit, seed)
    rf_cutoff = _rapidfuzz_cutoff(full, seed)
    rasm_run = eval_match.rasm_runner(evalset.entities, threshold=None)
    rf_run = eval_match.rapidfuzz_runner(evalset.entities)
    # Interleaved rounds, so that both systems meet the same machine conditions.
    rf_queries = evalset.queries[:rf_limit]
    rasm_pred: list[eval_match.Prediction] = []
    rf_pred: list[eval_match.Prediction] = []
    rasm_s: list[float] = []
    rf_s: list[float] = []
    for part in range(ROUNDS):
        p, secs = _timed_calls(rasm_run, evalset.queries, 0.0)
        rasm_pred = rasm_pred or p
        rasm_s += secs
        p, secs = _timed_calls(rf_run, rf_queries[part::ROUNDS], 0.0)
        rf_pred += p
        rf_s += secs
    order = [i for part in range(ROUNDS) for i in range(len(rf_queries))[part::ROUNDS]]
    rf_queries = [rf_queries[i] for i in order]
    rasm_on_rf = [rasm_pred[i] for i in order]
    rasm_rate = len(rasm_s) / sum(rasm_s)
    rf_rate = len(rf_s) / sum(rf_s)
    return {
        "gazetteer_entities": len(evalset.entities),
        "queries": len(evalset.queries),
        "rasm_names_per_s": round(rasm_rate, 1),
        "rasm_ms_per_name": round(1000 / rasm_rate, 3),
        "clock": "process CPU time",
        "rasm_threshold": rasm.DEFAULT_THRESHOLD,
        "rasm_accuracy": _top1(evalset.queries, rasm_pred, float(rasm.DEFAULT_THRESHOLD)),
        "rasm_accuracy_on_rf_queries": _top1(rf_queries, rasm_on_rf, float(rasm.DEFAULT_THRESHOLD)),
        "rapidfuzz_queries": len(rf_queries),
        "rapidfuzz_names_per_s": round(rf_rate, 1),
        "rapidfuzz_ms_per_name": round(1000 / rf_rate, 3),
        "rapidfuzz_cutoff": rf_cutoff,
        "rapidfuzz_accuracy": _top1(rf_queries, rf_pred, rf_cutoff),
        "ratio": round(rasm_rate / rf_rate, 1),
    }


def _rapidfuzz_cutoff(full: data.EvalSet, seed: int) -> float:
    """RapidFuzz's cutoff, tuned on the dev split exactly as scripts/eval_match.py does."""
    system = eval_match.systems(["rapidfuzz"])[0]
    dev_known = full.split("dev").sample(300, seed)
    dev_unknown = data.unknown_places().split("dev").sample(300, seed)
    k = eval_match.run_set(dev_known, system, system.build(dev_known.entities), dev_known.reference)
    u = eval_match.run_set(
        dev_unknown, system, system.build(dev_unknown.entities), dev_unknown.reference
    )
    return eval_match.tune_cutoff(k, u)


def scale_worker(size: int, limit: int, seed: int) -> dict[str, Any]:
    """One gazetteer size, measured in this (fresh) process."""
    import rasm
    from rasm.gazetteer import Gazetteer

    full = data.syrian_variants()
    evalset = full.split("test").sample(limit, seed)
    entities = data.synthetic_entities(evalset.entities, size)
    rss_before = _peak_rss_mb()
    start = time.process_time()
    gazetteer = Gazetteer.from_entities(entities, name=f"synthetic-{size}")
    _ = gazetteer.parts[0].index  # build the index before timing
    build_s = time.process_time() - start

    def run(text: str) -> eval_match.Prediction:
        found = rasm.match(text, gazetteer=gazetteer)
        best = found.best
        return eval_match.Prediction(
            best.entity.id if best else None, best.score if best else 0.0, ""
        )

    predictions, seconds = _timed_calls(run, evalset.queries, 1.0)
    rss_after = _peak_rss_mb()
    rf_run = eval_match.rapidfuzz_runner(entities)
    rf_queries = evalset.queries[:RF_QUERIES_AT_SCALE]
    _, rf_seconds = _timed_calls(rf_run, rf_queries, 0.0)
    ordered = sorted(seconds)
    return {
        "entities": len(entities),
        "names": sum(len(e.names()) for e in entities),
        "build_s": round(build_s, 2),
        "rasm_ms_mean": round(1000 * statistics.fmean(seconds), 3),
        "rasm_ms_p50": round(1000 * ordered[len(ordered) // 2], 3),
        "rasm_ms_p95": round(1000 * ordered[int(len(ordered) * 0.95)], 3),
        "rasm_top1": _top1(evalset.queries, predictions, float(rasm.DEFAULT_THRESHOLD))["top1"],
        "rapidfuzz_ms_mean": round(1000 * statistics.fmean(rf_seconds), 3),
        "peak_rss_mb": round(rss_after, 1),
        "index_rss_mb": round(rss_after - rss_before, 1),
    }


def scaling(sizes: Sequence[int], limit: int, seed: int) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        out = subprocess.run(
            [
                sys.executable,
                str(SCRIPT),
                "--scale-worker",
                str(size),
                "--limit",
                str(limit),
                "--seed",
                str(seed),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            cwd=ROOT,
        )
        if out.returncode != 0:
            rows.append({"entities": size, "error": out.stderr.strip().splitlines()[-1:]})
            continue
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


_STARTUP = """
import json, resource, time
t0 = time.perf_counter()
import rasm
g = rasm.builtin_gazetteer()
n = len(g)
t1 = time.perf_counter()
m = rasm.match("Deir Ezzor")
t2 = time.perf_counter()
print(json.dumps({"entities": n, "load_s": round(t1 - t0, 3), "first_match_s": round(t2 - t1, 4),
                  "answer": m.best.entity.canonical if m.best else None,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def startup(repeats: int) -> dict[str, Any]:
    """Fresh-process load of the built-in tables; the first run may compile the cache."""
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", _STARTUP],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            cwd=ROOT,
        )
        if out.returncode != 0:
            return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    warm = runs[1:] or runs
    return {
        "first_run": runs[0],
        "load_s_median": statistics.median(r["load_s"] for r in warm),
        "first_match_s_median": statistics.median(r["first_match_s"] for r in warm),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in warm),
        "entities": runs[0]["entities"],
        "runs": len(runs),
    }


def markdown(result: dict[str, Any]) -> str:
    out = ["### Speed", ""]
    t = result.get("throughput")
    if t:
        rasm_acc, rf_acc = t["rasm_accuracy_on_rf_queries"], t["rapidfuzz_accuracy"]
        out.append(
            "Single names, held-out Syrian variants against the Syrian gazetteer "
            f"({t['gazetteer_entities']} entities), one call per name, same process:"
        )
        out += [
            "",
            "| system | names/s | ms/name | top-1 | precision | queries timed |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        out.append(
            f"| rasm (threshold {t['rasm_threshold']}) | {t['rasm_names_per_s']:.0f} | "
            f"{t['rasm_ms_per_name']} | {100 * rasm_acc['top1']:.1f}% | "
            f"{100 * rasm_acc['precision']:.1f}% | {t['queries']} |"
        )
        out.append(
            f"| RapidFuzz WRatio full scan (cutoff {t['rapidfuzz_cutoff']:.2f}) | "
            f"{t['rapidfuzz_names_per_s']:.0f} | {t['rapidfuzz_ms_per_name']} | "
            f"{100 * rf_acc['top1']:.1f}% | {100 * rf_acc['precision']:.1f}% | "
            f"{t['rapidfuzz_queries']} |"
        )
        out.append("")
        out.append(
            f"Ratio: rasm is **{t['ratio']}x** the baseline's throughput (goal ≥ 100x at equal "
            f"or better accuracy; top-1 and precision above are on the same "
            f"{t['rapidfuzz_queries']} queries)."
        )
        out.append("")
    rows = result.get("scaling")
    if rows:
        out.append(
            "Cost per query as the gazetteer grows (real Syrian table padded with made-up places "
            "recombined from real name words; each size in a fresh process):"
        )
        out += [
            "",
            (
                "| entities | spellings | index build s | rasm ms/query mean | p50 | p95 | "
                "rasm top-1 | RapidFuzz ms/query | peak RSS MB |"
            ),
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in rows:
            if "error" in r:
                out.append(f"| {r['entities']} | error: {r['error']} |")
                continue
            out.append(
                f"| {r['entities']} | {r['names']} | {r['build_s']} | {r['rasm_ms_mean']} | {r['rasm_ms_p50']} | "
                f"{r['rasm_ms_p95']} | {100 * r['rasm_top1']:.1f}% | {r['rapidfuzz_ms_mean']} | {r['peak_rss_mb']} |"
            )
        out.append("")
    s = result.get("startup")
    if s:
        if "error" in s:
            out += [f"Start-up: not measured ({s['error']}).", ""]
        else:
            first = s["first_run"]
            out.append(
                f"Start-up (fresh `python -c`, import rasm + `builtin_gazetteer()`, "
                f"{s['entities']} entities): median {s['load_s_median']} s over "
                f"{max(1, s['runs'] - 1)} warm runs (first run {first['load_s']} s, which may "
                f"compile the cache); first `match` after load {s['first_match_s_median']} s; "
                f"peak RSS {s['peak_rss_mb']} MB (goal: load < 1 s)."
            )
            out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=500, help="held-out queries timed")
    parser.add_argument("--rf-limit", type=int, default=200, help="queries timed for RapidFuzz")
    parser.add_argument("--sizes", default="10000,50000,100000,500000")
    parser.add_argument("--startup-runs", type=int, default=4)
    parser.add_argument("--parts", default="throughput,scaling,startup")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--scale-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker, args.limit, args.seed)))
        return 0
    parts = set(args.parts.split(","))
    result: dict[str, Any] = {"machine_cores": __import__("os").cpu_count()}
    start = time.perf_counter()
    if "throughput" in parts:
        result["throughput"] = throughput(args.limit, args.rf_limit, args.seed)
    if "scaling" in parts:
        result["scaling"] = scaling([int(s) for s in args.sizes.split(",")], args.limit, args.seed)
    if "startup" in parts:
        result["startup"] = startup(args.startup_runs)
    command = "python scripts/bench_match.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = (
        f"Command: `{command.strip()}` ({time.perf_counter() - start:.0f} s)\n\n{markdown(result)}"
    )
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
