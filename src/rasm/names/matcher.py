"""Matching one name against a gazetteer: candidates from the index, a score for each, the best
entity or none.

Scores are built from the keys of `rasm.names.fold` and say which evidence they rest on (`method`):

- exact / folded: the same spelling, or the same letters once case, accents and marks are gone
- arabic: the same Arabic-script spelling up to orthographic variation
- phonetic: the same name once articles, vowel letters and consonant digraphs are unified
- skeleton: the same consonants (vowels differ; also Arabic script against Latin)
- tokens: the same words in another order
- fuzzy: close but not equal keys (edit similarity of phonetic and consonant keys)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq, Levenshtein
from rapidfuzz.fuzz import token_sort_ratio

from rasm.checks import check_kind, check_limit, check_optional_text, check_text, check_threshold
from rasm.errors import ArgumentError
from rasm.gazetteer import Gazetteer, GazetteerPart, check_gazetteer
from rasm.gazetteer.index import ACRONYM as ACRONYM_NAME
from rasm.gazetteer.index import ALIAS, CANONICAL, NameIndex
from rasm.gazetteer.index import REDUCED as REDUCED_NAME
from rasm.gazetteer.index import SURNAME as SURNAME_NAME
from rasm.model import Candidate, Entity, Match, entity_preference
from rasm.names.arabic import arabic_keys, latin_reading
from rasm.names.fold import (
    ACRONYM,
    E_AS_I,
    PLAIN,
    REDUCED,
    SURNAME,
    UNGLUED,
    UNTITLED,
    NameKeys,
    skeleton_word,
    variant_keys,
)
from rasm.names.party_match import party_candidates
from rasm.names.preference import prefer_well_known
from rasm.names.qualifiers import compare, qualifiers_of
from rasm.names.scripts import cyrillic_to_latin, script_of

DEFAULT_THRESHOLD = 0.82
# Places answer from a little higher: the lowest cutoff with at most 5% false matches on place
# names of the same country that the gazetteer lacks (the dev split of the negative set
# unknown-half-sy, scripts/eval_match.py; issue 12). It costs 0.3 points of top-1 on hidden
# Syrian spellings; DEFAULT_THRESHOLD stays for people and organisations.
PLACE_THRESHOLD = 0.84
# Two Latin spellings equal but for p/b or v/f: below every default threshold, still listed
# when a caller asks for more.
VOICING_SCORE = 0.8

MAX_QUERY_CHARS = 512  # longer than any name: a 10 MB "name" is an error, not a search
# Candidates scored per query at most: buckets of very short keys can be large.
MAX_CANDIDATES = 120
# How much worse a user-table entity may fit than a built-in one and still be preferred.
USER_TABLE_MARGIN = 0.05


def default_threshold(kind: str | None) -> float:
    """The score an answer of this kind needs when the caller gives no threshold."""
    return PLACE_THRESHOLD if kind == "place" else DEFAULT_THRESHOLD


@dataclass(frozen=True, slots=True)
class Query:
    """A query prepared once: its script and keys."""

    text: str
    script: str
    readings: tuple[tuple[str, NameKeys], ...]  # (reading label, keys); see fold.variant_keys
    # Arabic script only: consonants and long vowels (arabic.latin_reading), per reading of ta
    # marbuta; computed from `text` when not given.
    latin: tuple[str, ...] = ()

    def latin_readings(self) -> tuple[str, ...]:
        if self.latin or self.script != "arabic":
            return self.latin
        return (latin_reading(self.text), latin_reading(self.text, construct=False))

    @property
    def keys(self) -> tuple[NameKeys, ...]:
        return tuple(keys for _, keys in self.readings)

    @property
    def key(self) -> str:
        """The query's grouping key: spellings of one name share it."""
        return self.readings[0][1].skeleton if self.readings else ""


def clean_query(name: str) -> str:
    """The name without control, format (bidi) and surrounding space characters."""
    check_text(name, "name", max_chars=MAX_QUERY_CHARS)
    kept = (ch if unicodedata.category(ch)[0] != "C" else " " for ch in name)
    return " ".join("".join(kept).split())


def prepare(name: str) -> Query:
    text = clean_query(name)
    script = script_of(text)
    if script == "arabic":
        keys = arabic_keys(text)
        if not keys.skeleton:
            return Query(text, script, ())
        adjectival = arabic_keys(text, construct=False)
        arabic_readings = [(PLAIN, keys)] + ([(PLAIN, adjectival)] if adjectival != keys else [])
        latin = (latin_reading(text), latin_reading(text, construct=False))
        return Query(text, script, tuple(arabic_readings), tuple(dict.fromkeys(latin)))
    elif script == "cyrillic":
        romanized = cyrillic_to_latin(text)
        readings = variant_keys(romanized)
        # Russian writes both ح and خ as Х, and و as В: read kh as h and v as w too.
        relaxed = romanized.replace("kh", "h").replace("Kh", "H").replace("v", "w").replace("V", "W")
        if relaxed != romanized:
            readings += variant_keys(relaxed)
    else:
        readings = variant_keys(text)
    return Query(text, script, tuple((r, k) for r, k in readings if k.skeleton or k.folded))


def _similarity(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(a, b) if a and b else 0.0


def _reading_similarity(reading: str, phonetic: str) -> float:
    """How well a Latin spelling fits an Arabic spelling's reading. The script leaves short
    vowels unwritten, so letters only the Latin has cost little; letters the Arabic writes
    (long vowels, consonants) that the Latin lacks cost fully."""
    if not reading or not phonetic:
        return 0.0
    common = LCSseq.similarity(reading, phonetic)
    missing_from_latin = len(reading) - common
    only_in_latin = len(phonetic) - common
    return max(0.0, 1.0 - (missing_from_latin + 0.3 * only_in_latin) / len(reading))


def score_pair(query: Query, qkeys: NameKeys, index: NameIndex, name_no: int) -> tuple[float, str]:
    """Score of one table spelling for one reading of the query, and the method."""
    n_folded = index.folded[name_no]
    n_skeleton = index.skeleton[name_no]
    # An Arabic-script spelling, whether the entity's Arabic name or an alias (سانا for SANA):
    # only those have a Latin reading.
    is_arabic_name = bool(index.reading[name_no])
    if query.script == "arabic":
        if is_arabic_name:
            if qkeys.folded == n_folded:
                return 1.0, "arabic"
            if qkeys.phonetic == index.phonetic[name_no]:
                return 0.97, "arabic"  # the same but for an article or a clinging preposition
        if qkeys.skeleton == n_skeleton:
            if is_arabic_name:
                return 0.93, "skeleton"
            phonetic = index.phonetic[name_no]
            fit = max(_reading_similarity(r, phonetic) for r in query.latin_readings())
            return min(0.94, 0.55 + 0.42 * fit), "skeleton"
        if qkeys.tokens and qkeys.tokens == " ".join(sorted(set(n_skeleton_words(index, name_no)))):
            return 0.86, "tokens"
        return 0.85 * _similarity(qkeys.skeleton, n_skeleton), "fuzzy"
    if is_arabic_name:
        # A Latin query meets an Arabic spelling through consonants and long vowels.
        if qkeys.skeleton == n_skeleton:
            fit = max(_reading_similarity(r, qkeys.phonetic) for r in index.reading[name_no].split("|"))
            return min(0.9, 0.55 + 0.42 * fit), "skeleton"
        return 0.8 * _similarity(qkeys.skeleton, n_skeleton), "fuzzy"
    if qkeys.folded == n_folded:
        exact = query.text.casefold() == index.spelling[name_no].casefold()
        return (1.0, "exact") if exact else (0.99, "folded")
    n_phonetic = index.phonetic[name_no]
    s_phon = _similarity(qkeys.phonetic, n_phonetic)
    if qkeys.phonetic == n_phonetic:
        if _voicing_differs(qkeys.folded, n_folded):
            return VOICING_SCORE, "phonetic"
        return 0.96, "phonetic"
    s_skel = _similarity(qkeys.skeleton, n_skeleton)
    if qkeys.skeleton == n_skeleton:
        return 0.55 + 0.42 * s_phon, "skeleton"  # fitted on held-out place variants
    q_words, n_words = " ".join(qkeys.words), index.words[name_no]
    s_tokens = token_sort_ratio(q_words, n_words) / 100.0
    if s_tokens >= 0.999:
        return 0.93, "tokens"
    fuzzy = 0.55 * s_phon + 0.45 * s_skel
    return max(fuzzy, 0.95 * s_tokens) * 0.93, "fuzzy"


def _voicing_differs(a: str, b: str) -> bool:
    """Both written in Latin letters, one with p or v where the other has b or f: the keys
    merge them because Arabic has no p or v, but between two Latin spellings it is another
    name more often than a respelling (Paris is not Baris, a village in Turkey)."""
    return ("p" in a) != ("p" in b) or ("v" in a) != ("v" in b)


def n_skeleton_words(index: NameIndex, name_no: int) -> list[str]:
    return [skeleton_word(w) for w in index.words[name_no].split()]


def score_reading(
    query: Query, reading: str, keys: NameKeys, index: NameIndex, name_no: int, entity: Entity
) -> tuple[float, str]:
    """score_pair for one reading of the query, with what the reading and the indexed form
    imply: titles only before people, acronyms and family names only against their own keys,
    a set-aside qualifier costs a little."""
    origin = index.origin[name_no]
    if entity.kind == "place":
        # Kurd Saghir is not Kurd Fawqani: different qualifiers name other places (a veto).
        n_qualifiers = qualifiers_of(index.spelling[name_no])
        if n_qualifiers:
            q_qualifiers = qualifiers_of(query.text)
            if q_qualifiers and compare(q_qualifiers, n_qualifiers)[0]:
                return 0.0, "none"
    if reading == UNTITLED and entity.kind != "person":
        return 0.0, "none"  # "Sheikh Said" without its title is not the village Sa'id
    if reading in (ACRONYM, SURNAME) or origin in (ACRONYM_NAME, SURNAME_NAME):
        if (reading, origin) == (ACRONYM, ACRONYM_NAME):
            return 0.86, "acronym"
        if (reading, origin) == (SURNAME, SURNAME_NAME):
            return 0.83, "surname"
        return 0.0, "none"
    score, method = score_pair(query, keys, index, name_no)
    if reading == REDUCED or origin == REDUCED_NAME:
        return score * 0.92, f"{method}+qualifier"  # matched without "al-Gharbi", "Fawqani", ...
    if reading == E_AS_I:
        return score * 0.97, method
    return (score * 0.98, method) if reading == UNGLUED else (score, method)


def _prior(entity: Entity, origin: int) -> tuple[bool, bool, bool, int, int]:
    """Tie-breaks between equal scores: the entity's own name, then entity_preference."""
    return (origin == CANONICAL, *entity_preference(entity))


def _part_candidates(
    query: Query, part: GazetteerPart, kind: str | None, country: str | None
) -> Iterable[Candidate]:
    index = part.index
    entities = part.entities

    def accept(entity_no: int) -> bool:
        entity = entities[entity_no]
        return (not kind or entity.kind == kind) and (not country or entity.country == country)

    found = index.candidates(
        query.keys, limit=MAX_CANDIDATES, accept=accept if kind or country else None
    )
    best_by_entity: dict[int, tuple[float, tuple[bool, bool, bool, int, int], str, int]] = {}
    for name_no in found:
        entity_no = index.entity_of[name_no]
        entity = entities[entity_no]
        best_reading = max(
            score_reading(query, reading, keys, index, name_no, entity)
            for reading, keys in query.readings
        )
        score, method = best_reading
        if score <= 0.0:
            continue
        prior = _prior(entity, index.origin[name_no])
        current = best_by_entity.get(entity_no)
        if current is None or (score, prior) > (current[0], current[1]):
            best_by_entity[entity_no] = (score, prior, method, name_no)
    # People and organisations are scored by name parts (rasm.names.party_score), not whole strings.
    party = party_candidates(query, part, kind, accept if kind or country else None, best_by_entity)
    for entity_no, (score, _prior_value, method, name_no) in best_by_entity.items():
        if entity_no not in party:
            yield Candidate(part.entities[entity_no], score, method, index.spelling[name_no])
    yield from party.values()


def _check_options(gazetteer: object, kind: object, country: object, threshold: object,
                   limit: object) -> None:
    check_gazetteer(gazetteer)
    check_kind(kind)
    check_optional_text(country, "country")
    check_threshold(threshold)
    check_limit(limit)


def match(
    name: str,
    *,
    gazetteer: Gazetteer | None = None,
    kind: str | None = None,
    country: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
) -> Match:
    """The entity `name` refers to, or a Match with `best=None` when no entity scores at least
    `threshold`. Alternatives: other entities scoring within 0.1 of the best (at most limit-1)."""
    from rasm.gazetteer import builtin_gazetteer

    _check_options(gazetteer, kind, country, threshold, limit)
    cutoff = None if threshold is None else float(threshold)
    gaz = builtin_gazetteer() if gazetteer is None else gazetteer
    query = prepare(name)
    if not query.keys:
        return Match(query=name, best=None, key="")
    if "," in name or "(" in name:
        qualified = _qualified_match(name, gaz, kind, threshold, limit)
        if qualified is not None:
            return qualified
    scored: list[tuple[float, tuple[bool, bool, bool, int, int], Candidate]] = []
    users: set[str] = set()
    for part in gaz.parts:
        for cand in _part_candidates(query, part, kind, country):
            origin = CANONICAL if cand.matched == cand.entity.canonical else ALIAS
            scored.append((cand.score, _prior(cand.entity, origin), cand))
            if not part.name.startswith("builtin:"):
                users.add(cand.entity.id)
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    kept = [
        c for s, _, c in scored
        if s >= (default_threshold(c.entity.kind) if cutoff is None else cutoff)
    ]
    if not kept:
        return Match(query=name, best=None, key=query.key)
    kept = prefer_well_known(kept)
    if users and len(users) < len(kept) and kept[0].entity.id not in users:
        # A user's own table beside the built-in one is their truth: where their entity fits
        # almost as well as a built-in one (often the same place), theirs is the answer.
        mine = next((c for c in kept if c.entity.id in users), None)
        if mine is not None and mine.score >= kept[0].score - USER_TABLE_MARGIN:
            kept.remove(mine)
            kept.insert(0, mine)
    best = kept[0]
    alternatives = tuple(c for c in kept[1:limit] if c.score >= best.score - 0.1)
    return Match(
        query=name, best=best, alternatives=alternatives, key=query.key, explain=best.explain
    )


def _qualified_match(
    name: str, gaz: Gazetteer, kind: str | None, threshold: float | None, limit: int
) -> Match | None:
    """"Tripoli, Lebanon": the name looked up inside the place the qualifier names."""
    from rasm.names.qualifier import split_qualifier

    qualified = split_qualifier(clean_query(name), gaz, match)
    if qualified is None:
        return None
    inner = match(
        qualified.name, gazetteer=gaz, kind=kind, country=qualified.country,
        threshold=threshold, limit=max(limit, 20),
    )
    held = [c for c in (inner.best, *inner.alternatives) if c is not None and qualified.holds(c.entity)]
    if not held:
        return None
    return Match(query=name, best=held[0], alternatives=tuple(held[1:limit]), key=inner.key)


def match_many(
    names: Sequence[str],
    *,
    gazetteer: Gazetteer | None = None,
    kind: str | None = None,
    country: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
) -> list[Match]:
    """`match` for each name, in order. `names` is a list (or other sequence) of strings: a
    bare string is an error, not a list of one-letter names."""
    if isinstance(names, (str, bytes)) or not isinstance(names, Iterable):
        raise ArgumentError("names", f"must be a list of names, not {type(names).__name__}")
    _check_options(gazetteer, kind, country, threshold, limit)
    return [
        match(n, gazetteer=gazetteer, kind=kind, country=country, threshold=threshold, limit=limit)
        for n in names
    ]

