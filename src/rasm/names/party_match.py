"""The matcher's door to part-aware scoring: candidates of kind person or org for one query in
one gazetteer part, scored by `rasm.names.party_score` instead of whole-string keys."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from rasm.gazetteer import GazetteerPart
from rasm.model import Candidate
from rasm.names.party_index import name_part_keys, party_index
from rasm.names.party_score import PARTY_KINDS, entity_score

# Methods of the string keys that say the whole name is the same, respelled.
STRING_EVIDENCE = frozenset({"exact", "folded", "phonetic", "arabic", "phonetic+qualifier", "acronym"})

if TYPE_CHECKING:
    from rasm.names.matcher import Query


def latin_text(query: Query) -> str | None:
    """The query in Latin letters, or None for Arabic script (scored by the string keys)."""
    if query.script == "arabic":
        return None
    if query.script == "cyrillic":
        # The romanization prepare() made, folded: ICU is slow on long odd text, so not twice.
        return query.readings[0][1].folded if query.readings else None
    return query.text


def party_candidates(
    query: Query,
    part: GazetteerPart,
    kind: str | None,
    accept: Callable[[int], bool] | None,
    seen: Mapping[int, tuple[float, object, str, int]],
) -> dict[int, Candidate]:
    """Entity number -> Candidate for the people and organisations among `seen` (found by the
    main index: entity number -> (score, prior, method, name number)) and those sharing a name
    part with the query."""
    if kind not in (None, *PARTY_KINDS):
        return {}
    text = latin_text(query)
    if text is None:
        return {}
    entities = part.entities
    numbers = [e for e in seen if entities[e].kind in PARTY_KINDS]
    pindex = party_index(part)
    numbers += pindex.candidates(text, accept)
    shared_by = pindex.shared_by(text)
    out: dict[int, Candidate] = {}
    for entity_no in dict.fromkeys(numbers):
        entity = entities[entity_no]
        if kind is not None and entity.kind != kind:
            continue
        got = entity_score(text, entity.kind, entity.names(), shared_by, name_part_keys)
        if got is None:
            continue
        legacy = seen.get(entity_no)
        if (
            entity.kind == "org" and legacy is not None and legacy[0] > got.score
            and legacy[2] in STRING_EVIDENCE and not got.explain.get("lowered_by")
        ):
            # The whole name respelled (al-Nusra Front / Al Nusra): the string keys' evidence
            # stands when no rule of the parts speaks against it.
            got.explain["string_match"] = legacy[2]
            matched = part.index.spelling[legacy[3]]
            out[entity_no] = Candidate(entity, legacy[0], legacy[2], matched, got.explain)
            continue
        # Even at 0: "Front" alone must not fall back to string scores.
        out[entity_no] = Candidate(entity, got.score, got.method, got.matched, got.explain)
    return out
