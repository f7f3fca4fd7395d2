"""People and organisations held out from the sanctions data: rasm, RapidFuzz and logic-v2 side
by side in one run.

    python scripts/eval_parties.py                          # every system (a few minutes)
    python scripts/eval_parties.py --systems rasm --show-misses 30
    python scripts/eval_parties.py --out docs/eval_parties.md

Data (scripts/party_data.py): the entities of orgs_persons.tsv (OFAC SDN, PETRARCH) whose id falls
in the test split (never used to fit rasm's model). Half of each test entity's aliases are hidden
from the gazetteer all systems search (every entity, with those aliases removed) and become
queries, as written and made harder the ways lists write names: a middle name dropped, a middle
name as an initial, parts reordered, natural order for "LAST, First", bin/ibn dropped, the
acronym, the descriptive tail or legal form dropped. Queries that share no word with any name left
in the gazetteer (another name altogether: a nom de guerre, a translation) are counted apart.

Hard negatives (no right answer): a test person's family name with another person's given name
(a relative), a bare family name, a bare kunya, organisation type words alone, and made-up Arabic
person names (eval_data.unknown_persons). Reported per system: found (right entity answered /
queries), precision (right / all answers, negatives included), false matches on the negatives,
and the most found at ≥95% precision over all thresholds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_data as data
import eval_match
import party_data

from rasm.model import Entity
from rasm.names.person_names import FAMILY, KUNYA, parse_person

TYPE_WORDS = ("Front", "Brigade", "Brigades", "Company", "Group", "Movement", "Army",
              "Establishment", "Trading Company LLC", "General Trading Co. Ltd", "Battalion",
              "Islamic Front", "Liwa", "Jabhat", "Sharikat", "Organization")


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    expected: str | None
    how: str  # alias, a variant's name, or a negative's type
    findable: bool = True  # shares a word with a name left in the gazetteer


def _words(name: str) -> set[str]:
    return {data.rough_skeleton(w) for w in data.fold(name.replace(",", " ")).split() if len(w) > 2} - {""}


def _bag(name: str) -> tuple[str, ...]:
    """A name's words by their consonants, articles out: "Ahmad al-Hassan" = "AHMAD, Hasan"."""
    words = data.fold(name.replace(",", " ")).split()
    return tuple(sorted(data.rough_skeleton(w) for w in words if w not in ("al", "el")))


def _could_be_listed(bag: tuple[str, ...], by_word: dict[str, list[set[str]]]) -> bool:
    """The words are all in some listed name: that person with middle names dropped."""
    words = set(bag)
    return any(words <= other for word in bag for other in by_word.get(word, ()))


def build(seed: int) -> tuple[tuple[Entity, ...], list[Query]]:
    rng = random.Random(seed)
    everyone = party_data.entities()
    kept: list[Entity] = []
    queries: list[Query] = []
    bags = {_bag(n) for e in everyone for n in e.names()}
    by_word: dict[str, list[set[str]]] = {}
    for bag in bags:
        for word in bag:
            by_word.setdefault(word, []).append(set(bag))
    for e in everyone:
        if party_data.split_of(e.id) != "test":
            kept.append(e)
            continue
        hidden = [a for a in e.aliases if data.is_latin(a) and zlib.crc32(a.encode()) % 2 == 0
                  and data.fold(a) != data.fold(e.canonical)]
        entity = replace(e, aliases=tuple(a for a in e.aliases if a not in hidden))
        kept.append(entity)
        left = set().union(*(_words(n) for n in entity.names()))
        for alias in hidden:
            queries.append(Query(alias, e.id, "alias", bool(_words(alias) & left)))
            variants = (party_data.person_variants(alias, rng) if e.kind == "person"
                        else party_data.org_variants(alias))
            for how, text in variants:
                if data.fold(text) not in {data.fold(n) for n in entity.names()}:
                    queries.append(Query(text, e.id, how, bool(_words(text) & left)))
        for how, text in (party_data.person_variants(e.canonical, rng) if e.kind == "person"
                          else party_data.org_variants(e.canonical)):
            if data.fold(text) != data.fold(e.canonical):
                queries.append(Query(text, e.id, how, True))
        if e.kind == "person":
            queries += _negatives(e, everyone, by_word, rng)
    queries += [Query(w, None, "type words alone") for w in TYPE_WORDS]
    unknown = data.unknown_persons()
    queries += [Query(q.text, None, "made-up person") for q in rng.sample(unknown.queries, 200)]
    return tuple(kept), queries


def _negatives(
    e: Entity, everyone: Sequence[Entity], by_word: dict[str, list[set[str]]], rng: random.Random
) -> list[Query]:
    out: list[Query] = []
    parsed = parse_person(e.canonical)
    family = parsed.family
    if family is not None and parsed.given is not None and len(parsed.parts) >= 2:
        persons = [x for x in everyone if x.kind == "person"]
        for _ in range(5):
            other = parse_person(rng.choice(persons).canonical)
            g = other.given
            if g is None or len(g.text) < 3 or g.skeleton == parsed.given.skeleton:
                continue
            text = f"{g.text.title()} {family.text.title()}"
            if not _could_be_listed(_bag(text), by_word):
                out.append(Query(text, None, "relative"))
                break
        out.append(Query(family.text.title(), None, "bare family name"))
    for name in e.names():
        for part in parse_person(name).parts:
            if part.role == KUNYA and rng.random() < 0.5:
                out.append(Query(part.text.title(), None, "bare kunya"))
    _ = FAMILY
    return out


def run(system: eval_match.System, entities: Sequence[Entity], queries: Sequence[Query]) -> list[tuple[Query, eval_match.Prediction]]:
    runner = system.build(entities)
    return [(q, runner(q.text)) for q in queries]


_SAME_NAME: dict[str, str] = {}  # entity id -> folded canonical: OFAC lists some people twice


def _right(q: Query, p: eval_match.Prediction) -> bool:
    """The expected entity, or an entry of the list with exactly the same name (a duplicate)."""
    if p.id == q.expected:
        return True
    got = _SAME_NAME.get(p.id or "")
    return got is not None and got == _SAME_NAME.get(q.expected or "")


def metrics(results: list[tuple[Query, eval_match.Prediction]], threshold: float) -> dict[str, Any]:
    pos = [(q, p) for q, p in results if q.expected is not None]
    neg = [(q, p) for q, p in results if q.expected is None]
    answered = [(q, p) for q, p in results if p.id is not None and p.score >= threshold]
    right = sum(_right(q, p) for q, p in answered if q.expected is not None)
    false_neg = sum(1 for q, _p in answered if q.expected is None)
    return {
        "found": right / max(1, len(pos)),
        "precision": right / max(1, len(answered)),
        "false_matches": false_neg / max(1, len(neg)),
        "n_pos": len(pos),
        "n_neg": len(neg),
    }


def best_at_precision(results: list[tuple[Query, eval_match.Prediction]], target: float = 0.95) -> tuple[float, float]:
    best = (0.0, 1.0)
    for step in range(101):
        m = metrics(results, step / 100)
        if m["precision"] >= target and m["found"] > best[0]:
            best = (m["found"], step / 100)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--systems", default="rasm,rapidfuzz,logic-v2")
    parser.add_argument("--limit", type=int, default=2000, help="queries (fixed sample)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    entities, queries = build(args.seed)
    _SAME_NAME.update({e.id: data.fold(e.canonical) for e in entities})
    if len(queries) > args.limit:
        queries = random.Random(args.seed).sample(queries, args.limit)
    systems = eval_match.systems(args.systems.split(","))
    given = list(sys.argv[1:] if argv is None else argv)
    lines = [
        f"Command: `{' '.join(['python scripts/eval_parties.py', *given])}`",
        "",
        f"Gazetteer: {len(entities)} entities; queries: "
        + ", ".join(f"{k} {v}" for k, v in Counter(q.how for q in queries).most_common()),
        "",
        "| system | threshold | subset | found | precision | false matches (negatives) | found at ≥95% precision (threshold) | ms/query |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    all_results: dict[str, list[tuple[Query, eval_match.Prediction]]] = {}
    for system in systems:
        t0 = time.perf_counter()
        results = run(system, entities, queries)
        ms = (time.perf_counter() - t0) / max(1, len(queries)) * 1000
        all_results[system.name] = results
        threshold = system.threshold
        if system.name == "rapidfuzz":  # its cutoff: the lowest with ≤5% false matches on negatives
            threshold = next((s / 100 for s in range(101) if metrics(results, s / 100)["false_matches"] <= 0.05), 1.0)
            system.threshold = threshold
        for subset, keep in (("findable", lambda q: q.expected is None or q.findable), ("all", lambda q: True)):
            chosen = [(q, p) for q, p in results if keep(q)]
            m = metrics(chosen, threshold)
            found95, t95 = best_at_precision(chosen)
            lines.append(
                f"| {system.name} | {threshold:.2f} | {subset} (pos {m['n_pos']}, neg {m['n_neg']}) | "
                f"{100 * m['found']:.1f}% | {100 * m['precision']:.1f}% | {100 * m['false_matches']:.1f}% | "
                f"{100 * found95:.1f}% ({t95:.2f}) | {ms:.2f} |"
            )
    lines += ["", "Found by kind of query (findable, at each system's threshold):", "",
              "| query | n | " + " | ".join(all_results) + " |", "|---|---:|" + "---:|" * len(all_results)]
    hows = Counter(q.how for q in queries if q.expected is not None and q.findable)
    for how, n in hows.most_common():
        cells = []
        for name, results in all_results.items():
            thr = next(s.threshold for s in systems if s.name == name)
            sel = [(q, p) for q, p in results if q.how == how and q.findable]
            cells.append(f"{100 * metrics(sel, thr)['found']:.1f}%")
        lines.append(f"| {how} | {n} | " + " | ".join(cells) + " |")
    negs = Counter(q.how for q in queries if q.expected is None)
    lines += ["", "False matches by kind of negative:", "", "| negative | n | " + " | ".join(all_results) + " |",
              "|---|---:|" + "---:|" * len(all_results)]
    for how, n in negs.most_common():
        cells = []
        for name, results in all_results.items():
            thr = next(s.threshold for s in systems if s.name == name)
            sel = [(q, p) for q, p in results if q.how == how]
            cells.append(f"{100 * metrics(sel, thr)['false_matches']:.1f}%")
        lines.append(f"| {how} | {n} | " + " | ".join(cells) + " |")
    lines += ["", f"({time.perf_counter() - start:.0f} s)"]
    text = "\n".join(lines)
    print(text)
    if args.show_misses:
        canon = {e.id: e.canonical for e in entities}
        for name, results in all_results.items():
            thr = next(s.threshold for s in systems if s.name == name)
            print(f"\n## misses: {name}")
            shown = 0
            for q, p in results:
                ok = (p.id is None or p.score < thr) if q.expected is None else (_right(q, p) and p.score >= thr)
                if ok or not q.findable:
                    continue
                print(f"  [{q.how}] {q.text!r} -> expected {canon.get(q.expected or '', None)!r}; "
                      f"got {canon.get(p.id or '', None)!r} {p.score:.3f} {p.method}")
                shown += 1
                if shown >= args.show_misses:
                    break
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
