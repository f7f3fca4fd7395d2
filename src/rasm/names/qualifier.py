"""Queries written the way spreadsheets write places: "Tripoli, Lebanon", "Tripoli (Libya)",
"Homs, Syria", "Saraqib, Idlib Governorate".

The part after the comma or inside the parentheses names where the place is. When it is a
country or a region rasm knows, the name is looked up inside it; otherwise the query is left
whole (a comma can belong to a name: "Najmuddin, Faraj Ahmad").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer
    from rasm.model import Entity, Match

# The matcher's own `match`, handed in by the matcher (which calls this module): the place a
# qualifier names is found the way any place is, without this module importing its caller.
Lookup = Callable[..., "Match"]

_QUALIFIED = re.compile(r"^\s*(?P<name>[^,()]+?)\s*(?:,\s*(?P<after>[^,()]+?)|\((?P<inside>[^()]+)\))\s*$")
_CONTAINERS = ("country", "region", "county")


@dataclass(frozen=True, slots=True)
class Qualified:
    """A query split into the name and where it is: a country, and a region or district."""

    name: str
    country: str
    within: str = ""  # the id of a region or district, when the qualifier names one

    def holds(self, entity: Entity) -> bool:
        if entity.country != self.country:
            return False
        return not self.within or self.within in entity.parents or entity.id == self.within


def split_qualifier(query: str, gazetteer: Gazetteer, lookup: Lookup) -> Qualified | None:
    """The name and where it is, when the query ends in a known country or region (looked up
    with `lookup`, the matcher's `match`)."""
    found = _QUALIFIED.match(query)
    if not found:
        return None
    where = (found.group("after") or found.group("inside") or "").strip()
    name = found.group("name").strip()
    if len(where) == 2 and where.isalpha() and where.isupper():  # an ISO code: "Tripoli, LY"
        return Qualified(name, where) if where in gazetteer.countries() else None
    container = _container(where, gazetteer, lookup)
    if container is None:
        return None
    within = "" if container.placetype == "country" else container.id
    return Qualified(name, container.country, within)


def _container(text: str, gazetteer: Gazetteer, lookup: Lookup) -> Entity | None:
    found = lookup(text, gazetteer=gazetteer, kind="place", threshold=0.9, limit=20)
    if found.best is None:
        return None
    for candidate in (found.best, *found.alternatives):
        if candidate.entity.placetype in _CONTAINERS and candidate.entity.country:
            return candidate.entity
    return None
