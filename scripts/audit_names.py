#!/usr/bin/env python3
"""Audit every canonical name of the built-in gazetteer against the house style.

    scripts/audit_names.py [--show N] [--styles]

Prints each canonical name that breaks a rule of docs/house_style.md (id, name, rules broken),
then the count of such names and a count per rule; exits 1 when there is any. --styles also
audits each entity's `news` style name where it differs from the canonical one. The curated
exceptions (tables/curated/canonical_exceptions.tsv) answer only to the rules no name may break.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rasm import builtin_gazetteer
from rasm.names.house_style import audit, exceptions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=None, metavar="N",
                        help="print at most N offending names (default: all)")
    parser.add_argument("--styles", action="store_true",
                        help="also audit each entity's news-style name")
    args = parser.parse_args(argv)
    curated = set(exceptions().values())
    per_rule: Counter[str] = Counter()
    bad = 0
    entities = builtin_gazetteer().entities
    for entity in entities:
        names = [entity.canonical]
        if args.styles and entity.name_in("news") != entity.canonical:
            names.append(entity.name_in("news"))
        for name in names:
            problems = audit(name, exception_names=curated)
            if not problems:
                continue
            bad += 1
            per_rule.update(p.split(" (")[0] for p in problems)
            if args.show is None or bad <= args.show:
                print(f"{entity.id}\t{name}\t{'; '.join(problems)}")
    print(f"{bad} of {len(entities)} canonical names break the house style")
    for rule, count in per_rule.most_common():
        print(f"  {count:7d}  {rule}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
