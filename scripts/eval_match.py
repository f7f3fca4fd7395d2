"""Quality of rasm's matcher on held-out real data, against three baselines, in one run.

    python scripts/eval_match.py                      # every set, every system (a few minutes)
    python scripts/eval_match.py --quick --show-misses 20 --systems rasm
    python scripts/eval_match.py --out docs/bench_match.md --json eval.json

Sets (built by scripts/eval_data.py; hidden spellings are removed from the gazetteers there):
sy-variants, levant-variants, news (+ news+builtin), unknown-places, unknown-half-sy and
unknown-half-iq (the negative sets of issue 12: a random half of one country's places against a
gazetteer of the other half; also unknown-half-lb), unknown-persons, arabic->latin,
cyrillic->latin. Systems:

- rasm: `rasm.match` at its default threshold
- exact: equal after folding (unidecode, casefold, punctuation removed)
- rapidfuzz: `process.extractOne(..., scorer=fuzz.WRatio)` over every gazetteer spelling (folded),
  its cutoff tuned on the dev split like rasm's would be (best top-1 on dev Syrian variants with at
  most 5% false matches on the dev split of unknown-half-sy, the harder of the negative sets)
- logic-v2: nomenklatura's `logic-v2` at its 0.7 threshold; it scores pairs, so it is given the
  entities of the top 20 RapidFuzz WRatio spellings as candidates

Every system sees the same fixed random sample of each set (`--limit`, `--seed`). Reported: top-1
(correct / queries), precision (correct / answered), answered rate; on unknown names the
false-match rate (answered / queries). "up to homonyms" also counts an answer with the same folded
canonical or the same Arabic as the expected entity (many villages share a name).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_data as data

from rasm.model import Entity

MAX_FALSE_MATCH = 0.05
# The negative set cutoffs are tuned on: unknown names of the same country (issue 12).
TUNE_UNKNOWN = "unknown-half-sy"
SAME_PLACE_KM = 30.0
TOP_K_CANDIDATES = 20
LOGIC_V2_THRESHOLD = 0.7
GOALS = {  # set -> (min top-1, min precision), from issue 2
    "sy-variants": (0.70, 0.85),
    "news": (0.95, 0.98),
    "arabic->latin": (0.90, 0.0),
    "cyrillic->latin": (0.90, 0.0),
}


@dataclass(frozen=True, slots=True)
class Prediction:
    id: str | None
    score: float
    method: str
    kind: str = ""  # the answer's kind: rasm's default threshold depends on it


def answered(p: Prediction, threshold: float | None) -> bool:
    """Whether the system gave this answer at `threshold`; None: rasm's default for the
    answer's kind (places 0.84, people and organisations 0.82)."""
    if p.id is None:
        return False
    if threshold is None:
        from rasm.names.matcher import default_threshold

        return p.score >= default_threshold(p.kind)
    return p.score >= threshold


class Runner(Protocol):
    def __call__(self, text: str) -> Prediction: ...


@dataclass
class System:
    name: str
    build: Callable[[Sequence[Entity]], Runner]
    threshold: float | None  # None: rasm's default
    note: str = ""


# --- systems ----------------------------------------------------------------------------------


def rasm_runner(entities: Sequence[Entity], threshold: float | None = 0.0) -> Runner:
    """rasm.match on a gazetteer of `entities`. The eval asks for every best candidate
    (threshold 0) and applies the threshold afterwards, so that cutoffs can be compared;
    timings pass threshold=None (the default users get)."""
    import rasm
    from rasm.gazetteer import Gazetteer

    return _rasm_runner(Gazetteer.from_entities(entities, name="eval"), rasm, threshold)


def rasm_with_builtin_runner(entities: Sequence[Entity]) -> Runner:
    import rasm
    from rasm.gazetteer import Gazetteer

    both = Gazetteer.combine(
        Gazetteer.from_entities(entities, name="eval"), rasm.builtin_gazetteer()
    )
    return _rasm_runner(both, rasm, 0.0)


def _rasm_runner(gazetteer: Any, rasm: Any, threshold: float | None) -> Runner:
    _ = gazetteer.parts[0].index  # build the index now, not inside the first query

    def run(text: str) -> Prediction:
        try:
            found = rasm.match(text, gazetteer=gazetteer, threshold=threshold)
        except rasm.RasmError as err:
            return Prediction(None, 0.0, f"error: {err}")
        best = found.best
        if best is None:
            return Prediction(None, 0.0, "none")
        return Prediction(best.entity.id, best.score, best.method, best.entity.kind)

    return run


def exact_runner(entities: Sequence[Entity]) -> Runner:
    table: dict[str, str] = {}
    for entity in entities:
        for name in entity.names():
            table.setdefault(data.fold(name), entity.id)  # first in table order wins a tie
    table.pop("", None)

    def run(text: str) -> Prediction:
        found = table.get(data.fold(text))
        return Prediction(found, 1.0 if found else 0.0, "exact-fold")

    return run


@dataclass
class _Choices:
    names: list[str]
    owners: list[int]
    entities: Sequence[Entity]


def _choices(entities: Sequence[Entity]) -> _Choices:
    names: list[str] = []
    owners: list[int] = []
    for number, entity in enumerate(entities):
        for name in dict.fromkeys(data.fold(n) for n in entity.names()):
            if name:
                names.append(name)
                owners.append(number)
    return _Choices(names, owners, entities)


def rapidfuzz_runner(entities: Sequence[Entity]) -> Runner:
    from rapidfuzz import fuzz, process

    choices = _choices(entities)

    def run(text: str) -> Prediction:
        found = process.extractOne(
            data.fold(text), choices.names, scorer=fuzz.WRatio, processor=None
        )
        if found is None:
            return Prediction(None, 0.0, "none")
        return Prediction(choices.entities[choices.owners[found[2]]].id, found[1] / 100.0, "wratio")

    return run


_PROXY_IDS = itertools.count()
_SCHEMA = {"person": "Person", "org": "Organization"}  # places: LegalEntity (a named thing)


def logic_v2_runner(entities: Sequence[Entity]) -> Runner:
    from followthemoney import model
    from nomenklatura.matching import LogicV2
    from rapidfuzz import fuzz, process

    config = LogicV2.default_config()
    choices = _choices(entities)
    proxies: dict[int, Any] = {}

    def proxy(schema: str, names: Sequence[str]) -> Any:
        entity = model.make_entity(schema)
        # nomenklatura caches names by entity id (process-wide): ids must never repeat
        entity.id = f"p{next(_PROXY_IDS)}"
        for name in names:
            entity.add("name", name)
        return entity

    def run(text: str) -> Prediction:
        top = process.extract(
            data.fold(text),
            choices.names,
            scorer=fuzz.WRatio,
            processor=None,
            limit=TOP_K_CANDIDATES * 3,
        )
        owners = list(dict.fromkeys(choices.owners[i] for _, _, i in top))[:TOP_K_CANDIDATES]
        queries: dict[str, Any] = {}
        best = Prediction(None, 0.0, "none")
        for owner in owners:
            entity = choices.entities[owner]
            schema = _SCHEMA.get(entity.kind, "LegalEntity")
            if owner not in proxies:
                proxies[owner] = proxy(schema, entity.names())
            if schema not in queries:
                queries[schema] = proxy(schema, [text])
            score = LogicV2.compare(queries[schema], proxies[owner], config).score
            if score > best.score:
                best = Prediction(entity.id, score, "logic-v2")
        return best

    return run


def systems(names: Sequence[str]) -> list[System]:

    known = {
        "rasm": System("rasm", rasm_runner, None, "default threshold per kind"),
        "exact": System("exact", exact_runner, 1.0, "equal after folding"),
        "rapidfuzz": System("rapidfuzz", rapidfuzz_runner, 0.0, "WRatio full scan, tuned cutoff"),
        "logic-v2": System(
            "logic-v2",
            logic_v2_runner,
            LOGIC_V2_THRESHOLD,
            f"top-{TOP_K_CANDIDATES} WRatio candidates, threshold 0.7",
        ),
    }
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown system(s) {unknown}; known: {', '.join(known)}")
    if "logic-v2" in names:
        try:
            import nomenklatura  # noqa: F401
        except ImportError as err:
            raise SystemExit(
                f"the logic-v2 baseline needs nomenklatura (pip install -e '.[bench]'): {err}; "
                "or leave it out with --systems rasm,exact,rapidfuzz"
            ) from err
    return [known[n] for n in names]


# --- scoring ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    query: data.Query
    prediction: Prediction
    seconds: float


@dataclass
class Run:
    set_name: str
    system: str
    outcomes: list[Outcome]
    homonym_keys: dict[str, HomonymKey] = field(repr=False, default_factory=dict)
    canonical: dict[str, str] = field(repr=False, default_factory=dict)

    def equivalent(self, got: str, expected: str) -> bool:
        """Same entity, or a homonym: same name up to folding and articles, same Arabic up to
        orthography and article, or the same name's skeleton within 30 km (a town and the
        district named after it)."""
        if got == expected:
            return True
        g, e = self.homonym_keys.get(got), self.homonym_keys.get(expected)
        if g is None or e is None:
            return False
        if (g.name and g.name == e.name) or (g.arabic and g.arabic == e.arabic):
            return True
        return bool(g.skeleton) and g.skeleton == e.skeleton and _km(g, e) <= SAME_PLACE_KM

    def metrics(
        self, threshold: float | None, subset: Callable[[data.Query], bool] | None = None
    ) -> dict[str, Any]:
        outs = [o for o in self.outcomes if subset is None or subset(o.query)]
        n = len(outs)
        given = [o for o in outs if answered(o.prediction, threshold)]
        known = [o for o in outs if o.query.expected is not None]
        result: dict[str, Any] = {"queries": n, "answered": len(given)}
        if known:
            correct = sum(o.prediction.id == o.query.expected for o in given)
            homonym = sum(
                o.query.expected is not None
                and self.equivalent(o.prediction.id or "", o.query.expected)
                for o in given
            )
            result.update(
                correct=correct,
                correct_up_to_homonyms=homonym,
                top1=_ratio(correct, n),
                top1_up_to_homonyms=_ratio(homonym, n),
                precision=_ratio(correct, len(given)),
                precision_up_to_homonyms=_ratio(homonym, len(given)),
                answered_rate=_ratio(len(given), n),
            )
        else:
            result["false_match_rate"] = _ratio(len(given), n)
        return result

    def misses(self, threshold: float | None, limit: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for o in self.outcomes:
            p = o.prediction
            given = answered(p, threshold)
            wrong = given if o.query.expected is None else (not given or p.id != o.query.expected)
            if wrong:
                out.append(
                    {
                        "query": o.query.text,
                        "expected": self.canonical.get(o.query.expected or "", None),
                        "expected_id": o.query.expected,
                        "got": self.canonical.get(p.id or "", None) if p.id else None,
                        "got_id": p.id,
                        "score": round(p.score, 3),
                        "answered": given,
                        "method": p.method,
                        "homonym": bool(
                            p.id
                            and o.query.expected
                            and p.id != o.query.expected
                            and self.equivalent(p.id, o.query.expected)
                        ),
                    }
                )
        out.sort(key=lambda m: bool(m["homonym"]))  # real misses first, homonym confusions last
        return out[:limit]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


@dataclass(frozen=True, slots=True)
class HomonymKey:
    name: str
    arabic: str
    skeleton: str
    lat: float | None
    lon: float | None


def homonym_keys(entities: Sequence[Entity]) -> dict[str, HomonymKey]:
    return {
        e.id: HomonymKey(
            data.name_key(e.canonical),
            data.arabic_name_key(e.arabic) if e.arabic else "",
            data.rough_skeleton(e.canonical),
            e.lat,
            e.lon,
        )
        for e in entities
    }


def _km(a: HomonymKey, b: HomonymKey) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return float("inf")
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def run_set(
    evalset: data.EvalSet, system: System, runner: Runner, reference: Sequence[Entity]
) -> Run:
    outcomes = []
    for query in evalset.queries:
        start = time.perf_counter()
        prediction = runner(query.text)
        outcomes.append(Outcome(query, prediction, time.perf_counter() - start))
    return Run(
        evalset.name,
        system.name,
        outcomes,
        homonym_keys(reference),
        {e.id: e.canonical for e in reference},
    )


def tune_cutoff(known: Run, unknown: Run) -> float:
    """The lowest cutoff (best top-1) whose false-match rate on unknown names is at most 5%."""
    for step in range(101):
        cutoff = step / 100
        fmr = unknown.metrics(cutoff)["false_match_rate"] or 0.0
        if fmr <= MAX_FALSE_MATCH:
            return cutoff
    return 1.0


# --- the run ----------------------------------------------------------------------------------

ALL_SETS = (
    "sy-variants",
    "levant-variants",
    "news",
    "unknown-places",
    "unknown-half-sy",
    "unknown-half-iq",
    "unknown-persons",
    "arabic->latin",
    "cyrillic->latin",
)


@dataclass
class Report:
    args: dict[str, Any]
    cutoffs: dict[str, float] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    timings: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def evaluate(args: argparse.Namespace) -> Report:
    report = Report(vars(args).copy())
    chosen = systems(args.systems.split(","))
    limit = args.limit
    built: dict[str, data.EvalSet] = {}

    def get(name: str) -> data.EvalSet:
        if name not in built:
            built[name] = data.BUILDERS[name]()
        return built[name]

    # Tuning (dev split): the RapidFuzz cutoff, and the cutoff the same rule would give rasm.
    tune_n = max(100, limit // 2)
    dev_known = get("sy-variants").split("dev").sample(tune_n, args.seed)
    dev_unknown = get(TUNE_UNKNOWN).split("dev").sample(tune_n, args.seed)
    for system in chosen:
        if system.name not in ("rapidfuzz", "rasm"):
            continue
        k = run_set(dev_known, system, system.build(dev_known.entities), dev_known.reference)
        u = run_set(dev_unknown, system, system.build(dev_unknown.entities), dev_unknown.reference)
        cutoff = tune_cutoff(k, u)
        report.cutoffs[system.name] = cutoff
        if system.name == "rapidfuzz":
            system.threshold = cutoff
            system.note = f"WRatio full scan, cutoff {cutoff:.2f} tuned on dev"

    sets = [s for s in args.sets.split(",") if s]
    for set_name in sets:
        full = get(set_name)
        # news and cyrillic lists are small hand-written sets: all of them are in "test"
        which = args.split if set_name not in ("news", "cyrillic->latin") else "test"
        evalset = full.split(which).sample(limit, args.seed)
        report.counts[set_name] = {**full.counts, f"{which}_sample": len(evalset.queries)}
        variants: list[
            tuple[str, Sequence[Entity], list[tuple[System, Callable[[Sequence[Entity]], Runner]]]]
        ]
        variants = [(set_name, evalset.entities, [(s, s.build) for s in chosen])]
        if set_name == "news" and any(s.name == "rasm" for s in chosen):
            variants.append(
                (
                    "news+builtin",
                    evalset.entities,
                    [(s, rasm_with_builtin_runner) for s in chosen if s.name == "rasm"],
                )
            )
        for label, entities, runs in variants:
            for system, build in runs:
                start = time.perf_counter()
                try:
                    runner = build(entities)
                except (OSError, ValueError) as err:  # e.g. built-in tables not built: reported
                    report.notes.append(
                        f"{label}/{system.name}: not run: {type(err).__name__}: {err}"
                    )
                    continue
                build_s = time.perf_counter() - start
                reference: Sequence[Entity] = evalset.reference
                if label == "news+builtin":
                    import rasm

                    reference = (*entities, *rasm.builtin_gazetteer().entities)
                result = run_set(evalset, system, runner, reference)
                report.timings.setdefault(label, {})[system.name] = round(
                    sum(o.seconds for o in result.outcomes) / max(1, len(result.outcomes)) * 1000, 3
                )
                report.timings[label][f"{system.name}:build_s"] = round(build_s, 2)
                _add_rows(report, label, system, result)
                if args.show_misses:
                    report.misses.setdefault(label, {})[system.name] = result.misses(
                        system.threshold, args.show_misses
                    )
    return report


def _add_rows(report: Report, label: str, system: System, result: Run) -> None:
    subsets: list[tuple[str, Callable[[data.Query], bool] | None]] = [("all", None)]
    if label in ("sy-variants", "levant-variants"):
        subsets.append(("respellings", lambda q: q.respelling))
    if label.startswith("news"):
        subsets.append(("not listed", lambda q: q.respelling))
    cutoffs = [(system.name, system.threshold)]
    tuned = report.cutoffs.get(system.name)
    if system.name == "rasm" and tuned is not None and tuned != system.threshold:
        cutoffs.append((f"rasm@{tuned:.2f}", tuned))  # what the dev-tuned cutoff would give
    for name, cutoff in cutoffs:
        for subset_name, subset in subsets:
            row = {
                "set": label,
                "subset": subset_name,
                "system": name,
                "threshold": cutoff,
                **result.metrics(cutoff, subset),
            }
            report.rows.append(row)


# --- output -----------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def markdown(report: Report) -> str:
    lines = [
        (
            "| set | subset | system | n | top-1 | precision | answered | top-1 up to homonyms | "
            "precision up to homonyms | false matches |"
        ),
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report.rows:
        lines.append(
            f"| {r['set']} | {r['subset']} | {r['system']} | {r['queries']} | {_pct(r.get('top1'))} | "
            f"{_pct(r.get('precision'))} | {_pct(r.get('answered_rate'))} | "
            f"{_pct(r.get('top1_up_to_homonyms'))} | {_pct(r.get('precision_up_to_homonyms'))} | "
            f"{_pct(r.get('false_match_rate'))} |"
        )
    out = [f"### Quality (held-out {report.args['split']} split)", "", *lines, ""]
    if report.cutoffs:
        out.append(
            f"Cutoffs from the dev split (lowest with at most 5% false matches on dev {TUNE_UNKNOWN}): " + ", ".join(f"{k} {v:.2f}" for k, v in report.cutoffs.items()) + "."
        )
        out.append("")
    goals = goal_lines(report)
    if goals:
        out += ["### Goals (rasm)", "", *goals, ""]
    out += ["### How the sets were counted", ""]
    for name, counts in report.counts.items():
        out.append(
            f"- **{name}**: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items())
        )
    out.append("")
    if report.timings:
        out += ["### Mean time per query (ms) in this run", ""]
        for label, t in report.timings.items():
            out.append(f"- {label}: " + ", ".join(f"{k} {v}" for k, v in t.items()))
        out.append("")
    if report.notes:
        out += ["### Notes", "", *(f"- {n}" for n in report.notes), ""]
    return "\n".join(out)


def _row(report: Report, set_name: str, system: str, subset: str = "all") -> dict[str, Any] | None:
    for r in report.rows:
        if r["set"] == set_name and r["system"] == system and r["subset"] == subset:
            return r
    return None


def goal_lines(report: Report) -> list[str]:
    """rasm against the goals of issue 2, strict and up to homonyms."""
    lines = []
    targets = [(s, "all", goal) for s, goal in GOALS.items()]
    targets.insert(1, ("sy-variants", "respellings", GOALS["sy-variants"]))
    for set_name, subset, (min_top1, min_prec) in targets:
        r = _row(report, set_name, "rasm", subset)
        if r is None:
            continue
        verdicts = []
        for label, suffix in (("strict", ""), ("up to homonyms", "_up_to_homonyms")):
            top1, prec = r.get("top1" + suffix) or 0.0, r.get("precision" + suffix) or 0.0
            ok = top1 >= min_top1 and prec >= min_prec
            verdicts.append(
                f"{label}: top-1 {_pct(top1)}, precision {_pct(prec)} "
                f"({'met' if ok else 'NOT met'})"
            )
        prec_goal = f", precision ≥ {100 * min_prec:.0f}%" if min_prec else ""
        name = set_name if subset == "all" else f"{set_name} ({subset})"
        lines.append(
            f"- {name} (goal top-1 ≥ {100 * min_top1:.0f}%{prec_goal}): " + "; ".join(verdicts)
        )
    for set_name in ("unknown-places", "unknown-half-sy", "unknown-half-iq", "unknown-persons"):
        r = _row(report, set_name, "rasm")
        if r is not None:
            fmr = r.get("false_match_rate") or 0.0
            lines.append(
                f"- {set_name} (goal false matches ≤ 5%): {_pct(fmr)} "
                f"({'met' if fmr <= MAX_FALSE_MATCH else 'NOT met'})"
            )
    return lines


def print_misses(report: Report) -> None:
    for label, by_system in report.misses.items():
        for system, misses in by_system.items():
            print(f"\n## misses: {label} / {system} (first {len(misses)})")
            for m in misses:
                tag = " [homonym]" if m["homonym"] else ""
                got = f"{m['got']} ({m['got_id']})" if m["got_id"] else "-"
                state = "" if m["answered"] else " (below threshold)"
                print(
                    f"  {m['query']!r} -> expected {m['expected']!r} ({m['expected_id']}); "
                    f"got {got} score {m['score']} {m['method']}{state}{tag}"
                )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", default=",".join(ALL_SETS), help="comma-separated set names")
    parser.add_argument("--systems", default="rasm,exact,rapidfuzz,logic-v2")
    parser.add_argument("--limit", type=int, default=1000, help="queries per set (fixed sample)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--split",
        choices=("test", "dev"),
        default="test",
        help="report on this split (tune on dev, report on test)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="300 queries per set, no logic-v2 (for tuning; < 60 s)"
    )
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--out", type=Path, help="write the Markdown report here")
    parser.add_argument("--json", type=Path, help="write all figures as JSON here")
    args = parser.parse_args(argv)
    if args.quick:
        args.limit = min(args.limit, 300)
        args.systems = ",".join(s for s in args.systems.split(",") if s != "logic-v2")
    start = time.perf_counter()
    report = evaluate(args)
    text = markdown(report)
    command = "python scripts/eval_match.py " + " ".join(sys.argv[1:] if argv is None else argv)
    text = f"Command: `{command.strip()}` ({time.perf_counter() - start:.0f} s)\n\n{text}"
    print(text)
    if args.show_misses:
        print_misses(report)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    if args.json:
        payload = {k: v for k, v in vars(report).items()}
        payload["args"] = {k: str(v) for k, v in payload["args"].items()}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
