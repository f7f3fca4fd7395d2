"""Labelled data for people and organisations, from ../shared/data/orgs_persons.tsv (OFAC SDN and
PETRARCH actors): entities split by entity id, names made harder the ways real lists write them,
and labelled pairs (aliases of one entry: same; different entries sharing a name part: not).

Used by scripts/fit_party_model.py (train split) and scripts/eval_parties.py (test split).
"""

from __future__ import annotations

import random
import re
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_data as data

from rasm.model import Entity
from rasm.names.org_names import parse_org
from rasm.names.party_index import name_part_keys
from rasm.names.person_names import INITIAL, NASAB, parse_person

TEST_SHARE = 4  # entities with crc32(id) % 10 < TEST_SHARE are held out (test); the rest train


def split_of(entity_id: str) -> str:
    return "test" if zlib.crc32(entity_id.encode()) % 10 < TEST_SHARE else "train"


def entities() -> list[Entity]:
    return data.orgs_persons()


def latin_names(entity: Entity) -> list[str]:
    """The entity's Latin-script names, one per folded form."""
    seen: dict[str, str] = {}
    for name in entity.names():
        if data.is_latin(name) and data.fold(name):
            seen.setdefault(data.fold(name), name)
    return list(seen.values())


# --- harder queries -------------------------------------------------------------------------

_BIN = re.compile(r"\b(bin|ibn|bint|ould|walad)\b\s*", re.IGNORECASE)


def person_variants(name: str, rng: random.Random) -> list[tuple[str, str]]:
    """(how, query) pairs: the name as prose writes it with a middle name dropped, a middle name
    as an initial, the parts reordered, bin/ibn dropped."""
    parsed = parse_person(name)
    parts = [p for p in parsed.parts if p.role != INITIAL]
    out: list[tuple[str, str]] = []
    if len(parts) < 2:
        return out
    natural = [p.text for p in parts]
    if parsed.listed:
        out.append(("natural order", " ".join(natural).title()))
    middles = [i for i, p in enumerate(parts) if p.role == NASAB]
    if middles and len(parts) >= 3:
        drop = rng.choice(middles)
        out.append(("middle name dropped", " ".join(t for i, t in enumerate(natural) if i != drop).title()))
        init = [t.title() if i != drop else t[0].upper() + "." for i, t in enumerate(natural)]
        out.append(("middle initial", " ".join(init)))
    reordered = natural[-1:] + natural[:-1]
    out.append(("reordered", " ".join(reordered).title()))
    if _BIN.search(name):
        out.append(("bin dropped", _BIN.sub("", name)))
    return out


def org_variants(name: str) -> list[tuple[str, str]]:
    """(how, query) pairs: the acronym, the name without its descriptive tail or legal form."""
    org = parse_org(name)
    out: list[tuple[str, str]] = []
    if len(org.initials) >= 3 and len(org.words) >= 3:
        out.append(("acronym", org.initials.upper()))
    if org.tail and org.core:
        short = " ".join(w.text for w in org.core)
        generic = [w.text for w in org.words if w.generic and w.text not in ("the", "of", "for")]
        out.append(("descriptive tail dropped", f"{short} {generic[0] if generic else ''}".strip().title()))
    if org.legal:
        kept = " ".join(w.text for w in org.words)
        out.append(("legal form dropped", kept.title()))
    return out


# --- labelled pairs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str
    query: str
    name: str
    same: bool
    how: str


def _keys(name: str, kind: str) -> set[str]:
    return name_part_keys(name, kind)


def pairs(which: str, seed: int = 5, negatives_per_name: int = 8) -> Iterator[Pair]:
    """Labelled pairs from the entities of one split: every two names of one entity that share a
    name part (and the harder variants of each name against the entity's other names), and for
    each name a few names of other entities of the same kind sharing one of its parts."""
    rng = random.Random(seed)
    chosen = [e for e in entities() if split_of(e.id) == which]
    names = {e.id: latin_names(e) for e in chosen}
    postings: dict[str, defaultdict[str, list[tuple[str, str]]]] = {
        "person": defaultdict(list), "org": defaultdict(list)
    }
    for e in chosen:
        for name in names[e.id]:
            for key in _keys(name, e.kind):
                postings[e.kind][key].append((e.id, name))
    for e in chosen:
        own = names[e.id]
        for a in own:
            ka = _keys(a, e.kind)
            for b in own:
                if a != b and ka & _keys(b, e.kind):
                    yield Pair(e.kind, a, b, True, "alias")
            variants = person_variants(a, rng) if e.kind == "person" else org_variants(a)
            # The name itself, then its harder variants: each against the entity's other
            # names (same) and against a few names of other entities sharing a part (not).
            for how, query in [("", a), *variants]:
                kq = _keys(query, e.kind)
                if how:
                    for b in own:
                        if kq & _keys(b, e.kind):
                            yield Pair(e.kind, query, b, True, how)
                others = sorted({
                    (eid, name) for key in kq for eid, name in postings[e.kind][key] if eid != e.id
                })
                count = negatives_per_name if not how else negatives_per_name // 2
                for _eid, name in rng.sample(others, min(count, len(others))):
                    yield Pair(e.kind, query, name, False, f"shares a part{' (' + how + ')' if how else ''}")
        if e.kind == "person":
            yield from _relatives(e, own, chosen, names, rng)


def _relatives(
    e: Entity, own: Sequence[str], chosen: Sequence[Entity], names: dict[str, list[str]],
    rng: random.Random,
) -> Iterator[Pair]:
    """Another given name with this family name: a relative, not the same person."""
    parsed = parse_person(own[0])
    family, given = parsed.family, parsed.given
    if family is None or given is None or given.role == INITIAL:
        return
    for _ in range(3):
        other = rng.choice(chosen)
        if other.kind != "person" or other.id == e.id:
            continue
        other_given = parse_person(names[other.id][0]).given if names[other.id] else None
        if other_given is None or other_given.role == INITIAL or other_given.skeleton == given.skeleton:
            continue
        query = f"{other_given.text.title()} {family.text.title()}"
        for b in own:
            if _keys(query, "person") & _keys(b, "person"):
                yield Pair("person", query, b, False, "relative")
        return
