"""Candidates for people and organisations by name part, not by whole-name key.

The main index (`rasm.gazetteer.index`) finds a name under keys of the whole spelling, so "Muthanna
al-Dari" never meets "Muthanna Harith al-Dari". This small index, built lazily once per gazetteer
part from its people and organisations only, lists them under the keys of their parts (person
name parts, organisation core words, organisation initials); a query pulls the entities sharing
its rarest parts.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

from rasm.gazetteer import GazetteerPart
from rasm.names.org_names import parse_org
from rasm.names.party_score import PARTY_KINDS, is_latin_name
from rasm.names.person_names import INITIAL, parse_person

# Parts shared by more entities than this pull no candidates (Muhammad, Ali, Company).
MAX_PART_POSTINGS = 250
MAX_PARTY_CANDIDATES = 25
ACRONYM_KEY = "#acr:"


class PartyIndex:
    def __init__(self, part: GazetteerPart) -> None:
        postings: defaultdict[str, set[int]] = defaultdict(set)
        # A part without people or organisations (a table of places) has nothing to list: its
        # kinds are known without reading its rows, which a compiled store would otherwise
        # inflate one by one (seconds for 500k places, on the first query).
        kinds = part.facets()["kinds"]
        rows = enumerate(part.entities) if any(k in PARTY_KINDS for k in kinds) else iter(())
        for entity_no, entity in rows:
            if entity.kind not in PARTY_KINDS:
                continue
            for name in entity.names():
                if is_latin_name(name):
                    for key in name_part_keys(name, entity.kind):
                        postings[key].add(entity_no)
        self.postings = {k: tuple(sorted(v)) for k, v in postings.items()}

    def shared_by(self, query: str) -> int:
        """How many entities have the query's name part, when the query is one part (else 0)."""
        keys = name_part_keys(query, "person")
        if len(keys) != 1:
            return 0
        return len(self.postings.get(next(iter(keys)), ()))

    def candidates(self, query: str, accept: Callable[[int], bool] | None) -> list[int]:
        """Entity numbers sharing the query's parts, those sharing the rarest ones first."""
        weight: defaultdict[int, float] = defaultdict(float)
        keys = query_part_keys(query)
        for key in keys:
            found = self.postings.get(key, ())
            if not found or len(found) > MAX_PART_POSTINGS:
                continue
            for entity_no in found:
                weight[entity_no] += 1.0 / len(found)
        ranked = sorted(weight, key=lambda e: -weight[e])
        return [e for e in ranked if accept is None or accept(e)][:MAX_PARTY_CANDIDATES]


@lru_cache(maxsize=65536)
def name_part_keys(name: str, kind: str) -> frozenset[str]:
    if kind == "person":
        return frozenset(
            p.skeleton for p in parse_person(name).parts if p.role != INITIAL and p.skeleton
        )
    org = parse_org(name)
    keys = {w.skeleton for w in org.core if w.skeleton}
    if len(org.initials) >= 2:
        keys.add(ACRONYM_KEY + org.initials)
    if org.acronym:
        keys.add(ACRONYM_KEY + org.acronym)
    return frozenset(keys)


def query_part_keys(query: str) -> frozenset[str]:
    keys = name_part_keys(query, "person") | name_part_keys(query, "org")
    return frozenset(k for k in keys if len(k) >= 2)


_INDEXES: dict[int, tuple[weakref.ref[GazetteerPart], PartyIndex]] = {}


def party_index(part: GazetteerPart) -> PartyIndex:
    """The part's PartyIndex, built on first use and kept while the part lives."""
    held = _INDEXES.get(id(part))
    if held is not None and held[0]() is part:
        return held[1]
    built = PartyIndex(part)
    if len(_INDEXES) > 64:
        _INDEXES.clear()
    _INDEXES[id(part)] = (weakref.ref(part), built)
    return built
