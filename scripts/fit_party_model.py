"""Fit the calibrated scores of people and organisations (rasm.names.party_score) and check them.

    python scripts/fit_party_model.py            # writes tables/models/party_model.json
    python scripts/fit_party_model.py --check    # reliability table only, model unchanged

Labelled pairs come from scripts/party_data.py: the train split of entities for fitting, the test
split (other entities) for the reliability curve and Brier score printed as Markdown.
A logistic regression per kind (Newton steps with a small L2 penalty), pairs weighted so that
each entity counts about as much as any other.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import party_data

from rasm.names.org_names import parse_org
from rasm.names.party_score import (
    MODEL_FILE,
    ORG_FEATURES,
    PERSON_FEATURES,
    org_features,
    pair_score,
    person_features,
)
from rasm.names.person_names import parse_person

ROOT = Path(__file__).resolve().parents[1]
L2 = 0.1
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def features(pair: party_data.Pair) -> list[float]:
    if pair.kind == "person":
        return person_features(parse_person(pair.query), parse_person(pair.name))[0]
    return org_features(parse_org(pair.query), parse_org(pair.name))[0]


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, list[float]]:
    """Weighted L2-penalized logistic regression by Newton's method."""
    xb = np.hstack([np.ones((x.shape[0], 1)), x])
    beta = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + penalty * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(beta[0]), [float(b) for b in beta[1:]]


def reliability(scores: list[float], labels: list[bool]) -> tuple[list[str], float]:
    rows = ["| score bin | pairs | mean score | share same entity |", "|---|---:|---:|---:|"]
    for lo, hi in itertools.pairwise(BINS):
        inside = [(s, y) for s, y in zip(scores, labels, strict=True) if lo <= s < hi]
        if inside:
            mean = sum(s for s, _ in inside) / len(inside)
            share = sum(y for _, y in inside) / len(inside)
            rows.append(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {len(inside)} | {mean:.3f} | {share:.3f} |")
    brier = sum((s - y) ** 2 for s, y in zip(scores, labels, strict=True)) / max(1, len(scores))
    return rows, brier


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report only; keep the saved model")
    args = parser.parse_args(argv)
    path = ROOT / "tables" / MODEL_FILE
    train = list(party_data.pairs("train"))
    test = list(party_data.pairs("test", seed=6))
    out = {"fitted_by": "scripts/fit_party_model.py", "data": "orgs_persons.tsv (OFAC SDN, PETRARCH)"}
    if not args.check:
        for kind, names in (("person", PERSON_FEATURES), ("org", ORG_FEATURES)):
            chosen = [p for p in train if p.kind == kind]
            per_query = Counter(p.query for p in chosen)
            x = np.array([features(p) for p in chosen], dtype=float)
            y = np.array([p.same for p in chosen], dtype=float)
            w = np.array([1.0 / per_query[p.query] ** 0.5 for p in chosen])
            bias, weights = fit(x, y, w)
            out[kind] = {"features": list(names), "bias": round(bias, 4),
                         "weights": [round(v, 4) for v in weights], "pairs": len(chosen),
                         "same": int(y.sum())}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        from rasm.names.party_score import model

        model.cache_clear()
    print(f"Command: `python scripts/fit_party_model.py{' --check' if args.check else ''}`\n")
    for kind in ("person", "org"):
        chosen = [p for p in test if p.kind == kind]
        scores = [pair_score(kind, p.query, p.name).score for p in chosen]
        rows, brier = reliability(scores, [p.same for p in chosen])
        hows = Counter(p.how for p in chosen)
        print(f"#### {kind}: held-out pairs {len(chosen)} ({', '.join(f'{k} {v}' for k, v in hows.most_common())})\n")
        print("\n".join(rows))
        print(f"\nBrier score: {brier:.4f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
