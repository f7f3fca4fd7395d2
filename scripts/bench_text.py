"""Quality and speed of `rasm.normalize_text` on running text, in one run.

    python scripts/bench_text.py --quality            # golden mentions only (seconds)
    python scripts/bench_text.py                      # quality + speed (a few minutes)
    python scripts/bench_text.py --mb 20 --baseline-kb 200 --json /tmp/text.json

Quality: the mentions written out by hand in tests/data/text_golden/ (the three articles of
../shared/corpus, read from RASM_SHARED_CORPUS or ../shared/corpus; and the test texts committed
beside the golden files). A golden row is `start, surface, expected`: expected is a canonical
name ("a|b": either), "~" for a name no table holds (it must come out unlinked) or "?" for an
optional mention (countries and other names the tables do not cover: neither required nor an
error). Mention recall = required rows found at exactly their offsets; precision = found
mentions that are golden rows, over all found mentions but the optional ones; linking accuracy
= found required rows linked right (the same name by consonant skeleton, or unlinked for "~").

Speed: a synthetic corpus of at least --mb megabytes, built by shuffling real sentences (the
shared articles' and the committed test texts'), run through `normalize_text` in documents of
about 5 KB with the full built-in tables, on one core; against the baseline of one regular
expression alternation of every table spelling (compiled once, longest first, on word
boundaries), timed on the first --baseline-kb kilobytes of the same corpus. Reports both in
characters per second and their ratio. The synthetic corpus repeats its sentences, so most
chunks hit rasm's per-chunk cache (as names repeat in real news); the "cold" figure is the
distinct sentences once each with empty caches: the speed on text never seen before.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "text_golden"
COLD_ROUNDS = 10
sys.path.insert(0, str(ROOT / "src"))

from rasm.gazetteer import Gazetteer
from rasm.names.fold import latin_keys
from rasm.text import Mention, find_mentions


def shared_corpus() -> Path | None:
    """The shared articles' folder, or None when this checkout has none beside it."""
    env = os.environ.get("RASM_SHARED_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if path.is_dir() else None


@dataclass(frozen=True)
class GoldRow:
    start: int
    surface: str
    expected: str  # canonical ("a|b"), "~" unlinked, "?" optional


def read_golden(path: Path) -> list[GoldRow]:
    rows: list[GoldRow] = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in lines[1:]:  # header
        start, surface, expected = line.split("\t")
        rows.append(GoldRow(int(start), surface, expected))
    return rows


def golden_documents() -> list[tuple[str, str, list[GoldRow]]]:
    """(name, text, golden rows) of every document whose text is at hand."""
    docs = []
    corpus = shared_corpus()
    for gold in sorted(GOLDEN.glob("*.tsv")):
        own = gold.with_suffix(".txt")
        text_path = own if own.exists() else (corpus / f"{gold.stem}.txt" if corpus else None)
        if text_path is None or not text_path.exists():
            continue
        docs.append((gold.stem, text_path.read_text(encoding="utf-8"), read_golden(gold)))
    return docs


def _same_name(expected: str, canonical: str | None) -> bool:
    if expected == "~":
        return canonical is None
    if canonical is None:
        return False
    got = latin_keys(canonical).skeleton
    return any(latin_keys(e).skeleton == got for e in expected.split("|"))


@dataclass
class Score:
    required: int = 0
    found_required: int = 0
    linked_right: int = 0
    predicted: int = 0  # all found mentions but optional ones
    predicted_right: int = 0
    errors: list[str] | None = None

    def add(self, name: str, text: str, gold: list[GoldRow], mentions: list[Mention]) -> None:
        errors = self.errors if self.errors is not None else []
        by_span = {(g.start, g.start + len(g.surface)): g for g in gold}
        found = {(m.start, m.end): m for m in mentions}
        for span, g in by_span.items():
            if text[span[0] : span[1]] != g.surface:
                raise ValueError(f"{name}: golden row {g} does not match the text")
            if g.expected == "?":
                continue
            self.required += 1
            m = found.get(span)
            if m is None:
                errors.append(f"{name}: missed {g.surface!r} at {g.start}")
                continue
            self.found_required += 1
            if _same_name(g.expected, m.canonical):
                self.linked_right += 1
            else:
                errors.append(f"{name}: {g.surface!r} at {g.start} linked to {m.canonical!r} ({m.id}), expected {g.expected!r}")
        for span, m in found.items():
            row = by_span.get(span)
            if row is not None and row.expected == "?":
                continue
            self.predicted += 1
            if row is not None:
                self.predicted_right += 1
            else:
                errors.append(f"{name}: spurious {m.surface!r} at {m.start} -> {m.canonical!r} ({m.id})")
        self.errors = errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "required": self.required,
            "recall": self.found_required / self.required if self.required else 1.0,
            "precision": self.predicted_right / self.predicted if self.predicted else 1.0,
            "linking_accuracy": self.linked_right / self.found_required if self.found_required else 1.0,
        }


def quality(gazetteer: Gazetteer | None = None) -> tuple[dict[str, Any], list[str]]:
    total = Score()
    per_doc: dict[str, Any] = {}
    for name, text, gold in golden_documents():
        doc = Score()
        mentions = find_mentions(text, gazetteer=gazetteer)
        doc.add(name, text, gold, mentions)
        total.add(name, text, gold, mentions)
        per_doc[name] = doc.to_dict()
    return {"documents": per_doc, "total": total.to_dict()}, total.errors or []


def _sentences(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        for para in text.split("\n"):
            out.extend(s.strip() for s in re.split(r"(?<=[.!?؟])\s+", para) if len(s.strip()) > 20)
    return out


def synthetic_corpus(megabytes: float, seed: int = 7) -> list[str]:
    """Documents of ~5 KB made of shuffled real sentences, together >= `megabytes` MB."""
    texts = [t for _, t, _ in golden_documents()]
    sentences = _sentences(texts)
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    docs: list[str] = []
    size = 0
    while size < target:
        parts: list[str] = []
        n = 0
        while n < 5000:
            s = rng.choice(sentences)
            parts.append(s)
            n += len(s) + 1
        doc = " ".join(parts)
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def baseline_regex(gazetteer: Gazetteer) -> re.Pattern[str]:
    names = sorted({n for e in gazetteer for n in e.names() if n}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def speed(megabytes: float, baseline_kb: int) -> dict[str, Any]:
    from rasm.gazetteer import builtin_gazetteer
    from rasm.text import normalize_text

    t0 = time.perf_counter()
    gaz = builtin_gazetteer()
    for part in gaz.parts:
        _ = part.index
    load_s = time.perf_counter() - t0
    docs = synthetic_corpus(megabytes)
    chars = sum(len(d) for d in docs)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    t0 = time.perf_counter()
    mentions = 0
    for d in docs:
        mentions += len(normalize_text(d, gazetteer=gaz).mentions)
    rasm_s = time.perf_counter() - t0
    # Cold: every distinct sentence once, with empty caches, so no chunk is seen twice.
    from rasm import text as text_module

    unique = _sentences([t for _, t, _ in golden_documents()])
    cold_docs = [" ".join(unique[i : i + 40]) for i in range(0, len(unique), 40)]
    cold_chars = 0
    cold_s = 0.0
    for _ in range(COLD_ROUNDS):
        text_module._linkers.clear()  # a fresh linker: empty chunk and look-up caches
        text_module._key.cache_clear()
        t0 = time.perf_counter()
        for d in cold_docs:
            normalize_text(d, gazetteer=gaz)
        cold_s += time.perf_counter() - t0
        cold_chars += sum(len(d) for d in cold_docs)
    t0 = time.perf_counter()
    pattern = baseline_regex(gaz)
    compile_s = time.perf_counter() - t0
    sample = "\n".join(docs)[: baseline_kb * 1000]
    t0 = time.perf_counter()
    base_hits = sum(1 for _ in pattern.finditer(sample))
    base_s = time.perf_counter() - t0
    rasm_cps = chars / rasm_s
    base_cps = len(sample) / base_s
    return {
        "corpus_mb": round(nbytes / 1e6, 2), "documents": len(docs), "chars": chars,
        "tables_load_s": round(load_s, 2), "rasm_s": round(rasm_s, 2),
        "rasm_chars_per_s": round(rasm_cps), "rasm_mb_per_s": round(nbytes / rasm_s / 1e6, 2),
        "rasm_mentions": mentions,
        "cold_chars": cold_chars, "cold_chars_per_s": round(cold_chars / cold_s),
        "baseline_compile_s": round(compile_s, 2), "baseline_sample_chars": len(sample),
        "baseline_s": round(base_s, 2), "baseline_chars_per_s": round(base_cps),
        "baseline_hits": base_hits, "speedup": round(rasm_cps / base_cps, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", action="store_true", help="golden quality only, no speed run")
    parser.add_argument("--mb", type=float, default=20.0, help="synthetic corpus size (default 20)")
    parser.add_argument("--baseline-kb", type=int, default=200,
                        help="kilobytes the regex baseline is timed on (default 200)")
    parser.add_argument("--errors", action="store_true", help="list every golden disagreement")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    if shared_corpus() is None:
        print("note: ../shared/corpus not found (set RASM_SHARED_CORPUS); own texts only", file=sys.stderr)
    report, errors = quality()
    result: dict[str, Any] = {"quality": report}
    t = report["total"]
    print(f"quality: {t['required']} required mentions; recall {t['recall']:.1%}, "
          f"precision {t['precision']:.1%}, linking accuracy {t['linking_accuracy']:.1%}")
    for name, d in report["documents"].items():
        print(f"  {name}: recall {d['recall']:.1%}, precision {d['precision']:.1%}, "
              f"linking {d['linking_accuracy']:.1%} ({d['required']} required)")
    if args.errors:
        for e in errors:
            print("  -", e)
    if not args.quality:
        s = speed(args.mb, args.baseline_kb)
        result["speed"] = s
        print(f"speed: {s['corpus_mb']} MB in {s['documents']} documents: rasm {s['rasm_mb_per_s']} MB/s "
              f"({s['rasm_chars_per_s']:,} chars/s, one core); regex alternation baseline "
              f"{s['baseline_chars_per_s']:,} chars/s on {s['baseline_sample_chars']:,} chars "
              f"(compiled in {s['baseline_compile_s']} s); speed-up {s['speedup']}x")
        print(f"cold ({COLD_ROUNDS} rounds of the distinct sentences, caches emptied each round; "
              f"{s['cold_chars']:,} chars): "
              f"{s['cold_chars_per_s']:,} chars/s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
