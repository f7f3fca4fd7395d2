"""Which of several entities a name means when it fits them about equally well.

Shared by the matcher (one name) and the running-text linker (mentions), so that "Homs",
"Idleb" or "Dayr az Zawr" mean the same entity in a query and in an article: the town rather
than the district or governorate named after it, and a city of a million rather than a hamlet
with the same letters. Works on anything with an `entity` and a `score` (matcher candidates,
text hits).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from rasm.model import Entity, admin_levels_of_one_place, much_better_known

# How much worse a far better known place may fit and still be the answer.
WELL_KNOWN_MARGIN = 0.045
# A town this populous is known beyond its district: news names it without a qualifier.
WELL_KNOWN_POPULATION = 100_000
TOWN_POPULATION = 10_000


class Scored(Protocol):
    @property
    def entity(self) -> Entity: ...

    @property
    def score(self) -> float: ...


S = TypeVar("S", bound=Scored)


def prefer_well_known(ranked: Sequence[S]) -> list[S]:
    """`ranked` (best first) with the entity a reader means moved to the front: a name that
    fits a city of a million almost as well as a hamlet ("Hasakah": an Iraqi village's exact
    name, Syria's al-Hasakah without its article) means the city; "Marib" means the town, not
    the governorate named after it."""
    if not ranked:
        return []
    best = ranked[0]
    for cand in ranked[1:]:
        if cand.score < best.score - WELL_KNOWN_MARGIN:
            break
        if much_better_known(cand.entity, best.entity) or town_of(cand, best):
            best = cand
    if best is ranked[0]:
        return list(ranked)
    return [best, *(c for c in ranked if c is not best)]


def town_of(town: Scored, division: Scored) -> bool:
    """The town fits (almost) as well as the division named after it: the town it is."""
    return (
        town.entity.placetype == "locality"
        and division.entity.placetype in ("region", "county")
        and town.score >= division.score - WELL_KNOWN_MARGIN
        and (
            division.entity.id in town.entity.parents
            or admin_levels_of_one_place(town.entity, division.entity)
        )
    )


def named_by_common_word(entity: Entity) -> bool:
    """Whether a common word alone ("Turkey", "Aleppo", "حلب", "Eastern") may name the entity:
    a party or hand-curated entry, a country or first-level division, or a large town. Among
    the world tables' 320k places most have a Wikidata item, so having one says little where
    the population is known."""
    if not entity.placetype and entity.population is None:
        return True  # a row that says nothing of its size (a user's own table): it is meant
    return (
        entity.kind != "place"
        or "curated" in entity.source
        or entity.placetype in ("country", "region")
        or (entity.population or 0) >= WELL_KNOWN_POPULATION
        # A town with a Wikidata item of its own, unless it is a hamlet ("al-Tariq", 2 people);
        # its population may be unknown (Daraa's is, in Who's On First).
        or (entity.ref.startswith("Q") and (entity.population or TOWN_POPULATION) >= TOWN_POPULATION)
    )
