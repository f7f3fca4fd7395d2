"""Linked recall and precision of running text in Russian, Turkish, Persian and Arabic, and
the speed of each language against English in the same run.

    python scripts/eval_text_langs.py                  # quality (seconds)
    python scripts/eval_text_langs.py --speed --kb 400 # + speed, as ratios to English
    python scripts/eval_text_langs.py --json out.json

Test sets: tests/data/lang/<lang>.txt, one sentence a line, gold mentions marked
`[[surface=Canonical]]` (Canonical "?" = optional: a name the test gazetteer does not hold,
neither required nor an error). Each sentence is its own document, with the test gazetteer
tests/data/lang/gazetteer.tsv (built by scripts/build_lang_test_gazetteer.py from
places_world). A found mention is right when its offsets are the gold ones and its entity's
canonical name is the gold one; a city and its governorate count as one name (" Governorate"
is ignored: a sentence seldom tells them apart). Recall = right / required gold mentions;
precision = right / linked mentions found (optional ones left out).

Speed: every language's sentences joined into documents of about 5 KB, repeated to --kb
kilobytes, through `normalize_text` with the test gazetteer on one core; English is the
committed English test texts (tests/data/text_golden/own_en*.txt) the same way. Figures are
characters per second and the ratio to English.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasm.gazetteer import Gazetteer, load_gazetteer
from rasm.text import find_mentions, normalize_text

LANG_DIR = ROOT / "tests" / "data" / "lang"
LANGS = ("ru", "tr", "fa", "ar")
AIM_RECALL, AIM_PRECISION = 0.90, 0.95
_MARK = re.compile(r"\[\[([^=\]]+)=([^\]]+)\]\]")
DOC_CHARS = 5000


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    surface: str
    canonical: str  # "?" optional


def parse_line(line: str) -> tuple[str, list[Gold]]:
    """The plain sentence and its gold mentions."""
    out: list[str] = []
    gold: list[Gold] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(line):
        out.append(line[pos : m.start()])
        length += m.start() - pos
        surface, canonical = m.group(1), m.group(2)
        gold.append(Gold(length, length + len(surface), surface, canonical))
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), gold


def read_set(lang: str) -> list[tuple[str, list[Gold]]]:
    path = LANG_DIR / f"{lang}.txt"
    return [parse_line(ln) for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def _same(a: str, b: str) -> bool:
    return a.removesuffix(" Governorate") == b.removesuffix(" Governorate")


def score(lang: str, gazetteer: Gazetteer) -> dict[str, Any]:
    right = required = found = 0
    misses: list[str] = []
    errors: list[str] = []
    sentences = read_set(lang)
    for text, gold in sentences:
        required += sum(1 for g in gold if g.canonical != "?")
        by_span = {(g.start, g.end): g for g in gold}
        for m in find_mentions(text, gazetteer=gazetteer):
            if m.canonical is None:
                continue  # unlinked names are neither right nor wrong here
            g = by_span.get((m.start, m.end))
            if g is not None and g.canonical == "?":
                continue
            found += 1
            if g is not None and _same(m.canonical, g.canonical):
                right += 1
                by_span.pop((m.start, m.end))
            else:
                errors.append(f"{m.surface} -> {m.canonical} | {text}")
        misses += [f"{g.surface} ({g.canonical}) | {text}" for g in by_span.values()
                   if g.canonical != "?"]
    recall = right / required if required else 1.0
    precision = right / found if found else 1.0
    return {"lang": lang, "sentences": len(sentences), "gold": required, "found": found,
            "right": right, "recall": recall, "precision": precision,
            "misses": misses, "errors": errors}


def _documents(texts: list[str], kb: int) -> list[str]:
    docs: list[str] = []
    current: list[str] = []
    size = total = 0
    while total < kb * 1000:
        for t in texts:
            current.append(t)
            size += len(t) + 1
            if size >= DOC_CHARS:
                docs.append("\n".join(current))
                total += size
                current, size = [], 0
    return docs


def english_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "data" / "text_golden").glob("own_en*.txt")):
        texts += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return texts


def speed(gazetteer: Gazetteer, kb: int) -> dict[str, float]:
    """Characters per second of each language and English, timed after one warm-up pass."""
    sets = {"en": english_texts()} | {lang: [t for t, _ in read_set(lang)] for lang in LANGS}
    out: dict[str, float] = {}
    for lang, texts in sets.items():
        docs = _documents(texts, kb)
        for doc in docs[:2]:
            normalize_text(doc, gazetteer=gazetteer)  # warm: pymorphy3 loaded, caches filled
        chars = sum(len(d) for d in docs)
        t0 = time.perf_counter()
        for doc in docs:
            normalize_text(doc, gazetteer=gazetteer)
        out[lang] = chars / (time.perf_counter() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="also time each language")
    parser.add_argument("--kb", type=int, default=400, help="kilobytes timed per language")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--show", action="store_true", help="list misses and errors")
    args = parser.parse_args(argv)
    gazetteer = load_gazetteer(LANG_DIR / "gazetteer.tsv")
    results = [score(lang, gazetteer) for lang in LANGS]
    print(f"{'lang':5} {'sent':>5} {'gold':>5} {'found':>6} {'recall':>7} {'precision':>9}")
    for r in results:
        print(f"{r['lang']:5} {r['sentences']:5} {r['gold']:5} {r['found']:6} "
              f"{r['recall']:7.3f} {r['precision']:9.3f}")
        if args.show:
            for line in r["misses"]:
                print("   miss:", line)
            for line in r["errors"]:
                print("   error:", line)
    report: dict[str, Any] = {"quality": results}
    if args.speed:
        rates = speed(gazetteer, args.kb)
        report["speed"] = rates
        english = rates["en"]
        for lang, rate in rates.items():
            print(f"speed {lang}: {rate / 1e6:.3f} MB/s (chars), {rate / english:.2f} x English")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = all(r["recall"] >= AIM_RECALL and r["precision"] >= AIM_PRECISION for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
