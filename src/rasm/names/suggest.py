"""Suggestions as you type: entities whose names start with what was typed, then fuzzy matches.

Any spelling in any script: the typed prefix is folded the way table names are (Latin and
Cyrillic through `fold`, Arabic script through `normalize_arabic`) and looked up by bisection in
a sorted list of (folded name, entity) built once per gazetteer part, so a keystroke costs a
bounded walk of that list, never a scan of the gazetteer. `rasm.match` adds the spellings a
prefix cannot reach (Deir Ezzur for Deir ez-Zor) once three letters are typed.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from rasm.errors import InputError
from rasm.gazetteer import Gazetteer, GazetteerPart
from rasm.model import Candidate, Entity
from rasm.names.arabic import has_arabic, normalize_arabic, strip_article
from rasm.names.fold import fold

# Entries of the sorted list looked at per part and keystroke: bounds the cost of short prefixes
# ("a" starts a third of all names), at the price of seeing only the first of them.
MAX_SCAN = 2000
MAX_PREFIX_CHARS = 200
FUZZY_MIN_CHARS = 3
# Leading articles dropped for a second entry, so "raqq" finds Ar-Raqqah.
_LATIN_ARTICLES = frozenset({
    "al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "ath", "az", "ez",
    "an", "en", "at", "et", "adh",
})


_ASCII_NON_WORD = re.compile(r"[^a-z0-9]+")


def search_key(text: str) -> str:
    """The form both typed prefixes and table names are compared in."""
    if text.isascii():
        # fold() for plain ASCII, without unidecode: most table names, four times faster
        return _ASCII_NON_WORD.sub(" ", text.replace("'", "").replace("`", "").lower()).strip()
    if has_arabic(text):
        return normalize_arabic(text)
    return fold(text)


def _keys_of_name(name: str, memo: dict[str, str]) -> set[str]:
    key = memo.get(name)
    if key is None:
        key = memo[name] = search_key(name)
    if not key:
        return set()
    keys = {key}
    first, _, rest = key.partition(" ")
    if rest and first in _LATIN_ARTICLES:
        keys.add(rest)
    if has_arabic(name):
        stripped = strip_article(first)
        if stripped != first:
            keys.add(f"{stripped} {rest}".strip())
    return keys


def _spellings(entity: Entity) -> list[str]:
    names = [*entity.names(), *(name for _, name in entity.styles), *(name for _, name in entity.langs)]
    return list(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True, slots=True)
class PrefixTable:
    """One part's names folded and sorted, with the entity and spelling behind each."""

    keys: list[str]
    entity_nos: list[int]
    spellings: list[str]

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> PrefixTable:
        rows: list[tuple[str, int, str]] = []
        memo: dict[str, str] = {}  # many places share a spelling
        for entity_no, entity in enumerate(entities):
            seen: set[str] = set()
            for spelling in _spellings(entity):
                for key in _keys_of_name(spelling, memo):
                    if key not in seen:
                        seen.add(key)
                        rows.append((key, entity_no, spelling))
        rows.sort()
        return cls([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])

    def starting_with(self, prefix: str, limit: int = MAX_SCAN) -> list[tuple[str, int, str]]:
        """(key, entity number, spelling) of at most `limit` names whose key starts with prefix."""
        start = bisect.bisect_left(self.keys, prefix)
        out: list[tuple[str, int, str]] = []
        for i in range(start, min(start + limit, len(self.keys))):
            if not self.keys[i].startswith(prefix):
                break
            out.append((self.keys[i], self.entity_nos[i], self.spellings[i]))
        return out


_TABLES: weakref.WeakKeyDictionary[GazetteerPart, PrefixTable] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def prefix_table(part: GazetteerPart) -> PrefixTable:
    """The part's sorted name list, built on first use (once, whichever thread asks first)."""
    table = _TABLES.get(part)
    if table is None:
        with _LOCK:
            table = _TABLES.get(part)
            if table is None:
                table = PrefixTable.build(part.entities)
                _TABLES[part] = table
    return table


def warm(gazetteer: Gazetteer) -> None:
    """Build the gazetteer's sorted name lists in a background thread, unless built or being
    built: a page calls this when it opens, so the first keystroke does not wait for them."""
    missing = [part for part in gazetteer.parts if part not in _TABLES]
    if not missing or _LOCK.locked():
        return

    def build() -> None:
        for part in missing:
            prefix_table(part)

    threading.Thread(target=build, name="rasm-suggest-warm", daemon=True).start()


def _prefix_score(prefix: str, key: str) -> float:
    """1 for the whole name; from 0.6 up as the prefix covers more of it."""
    if prefix == key:
        return 1.0
    return 0.6 + 0.35 * len(prefix) / len(key)


def _popularity(entity: Entity) -> float:
    """A small bonus (at most 0.1) so Damascus comes before a hamlet starting with Dam."""
    bonus = 0.1 * min(math.log10(entity.population + 1) / 7.0, 1.0) if entity.population else 0.0
    if "curated" in entity.source or entity.ref:
        bonus = max(bonus, 0.03)
    return bonus


_TIERS = {"exact": 0, "prefix": 1}


def _rank(candidate: Candidate) -> tuple[int, float]:
    return _TIERS.get(candidate.method, len(_TIERS)), -(candidate.score + _popularity(candidate.entity))


def suggest(
    prefix: str,
    *,
    gazetteer: Gazetteer | None = None,
    kind: str | None = None,
    limit: int = 10,
) -> list[Candidate]:
    """Entities the user may be typing, best first, one candidate per entity.

    Candidates carry method "exact" (the whole name typed), "prefix", or the method of the
    fuzzy match; `matched` is the spelling that matched."""
    if not isinstance(prefix, str):
        raise InputError(f"prefix must be a string, got {type(prefix).__name__}")
    if limit < 1:
        raise InputError(f"limit must be at least 1, got {limit}")
    if len(prefix) > MAX_PREFIX_CHARS:
        raise InputError(f"prefix is {len(prefix)} characters long; at most {MAX_PREFIX_CHARS}")
    from rasm.gazetteer import builtin_gazetteer

    gaz = builtin_gazetteer() if gazetteer is None else gazetteer
    typed = search_key(prefix)
    if not typed:
        return []
    best: dict[str, Candidate] = {}

    def offer(candidate: Candidate) -> None:
        current = best.get(candidate.entity.id)
        if current is None or _rank(candidate) < _rank(current):
            best[candidate.entity.id] = candidate

    for part in gaz.parts:
        for key, entity_no, spelling in prefix_table(part).starting_with(typed):
            entity = part.entities[entity_no]
            if kind and entity.kind != kind:
                continue
            method = "exact" if key == typed else "prefix"
            offer(Candidate(entity, _prefix_score(typed, key), method, spelling))
    if len(typed.replace(" ", "")) >= FUZZY_MIN_CHARS:
        from rasm.names.matcher import match

        found = match(prefix, gazetteer=gaz, kind=kind, threshold=0.7, limit=limit)
        if found.best is not None:
            for candidate in (found.best, *found.alternatives):
                offer(candidate)
    # What was typed, whole or begun, before what it resembles: a fuzzy hit on a short prefix
    # ("dam" ~ Di'am) is a guess, a prefix hit (Damascus) is what the typist is writing.
    ranked = sorted(best.values(), key=lambda c: (*_rank(c), c.entity.canonical))
    return ranked[:limit]


def reset_caches() -> None:
    with _LOCK:
        _TABLES.clear()
