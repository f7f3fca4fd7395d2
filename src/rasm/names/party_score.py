"""Part-aware scores for people and organisations, calibrated as probabilities.

A query and a table name are parsed (`rasm.names.person_names`, `rasm.names.org_names`), their parts aligned
regardless of order, and a few interpretable features computed from the alignment. A logistic
model fitted on labelled pairs from the sanctions data (scripts/fit_party_model.py, coefficients in
tables/models/party_model.json) turns them into the probability that both name the same entity.
Rules that no list gives enough examples to learn then cap it: a bare family name or a kunya
alone, a different given name, an organisation type word alone.

Every score comes with an explanation: which parts matched which, what was missing, what lowered
the score.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from rasm.names.fold import fold
from rasm.names.org_names import OrgName, Word, parse_org
from rasm.names.person_names import (
    FAMILY,
    GIVEN,
    INITIAL,
    KUNYA,
    NASAB,
    Part,
    PersonName,
    parse_person,
)

PARTY_KINDS = frozenset({"person", "org"})
PERSON_FEATURES = (
    "q_cover", "n_cover", "given", "family", "conflicts", "extras", "single", "exact",
    "given_conflict",
)
ORG_FEATURES = (
    "core_q", "core_n", "all_n", "tail_missing", "acronym", "conflicts", "exact", "q_extra",
    "core_same",
)
WEAK_CAP = 0.5  # a bare family name, a kunya alone: evidence, never enough on its own
CONFLICT_CAP = 0.3  # a different given name: another person of the same family
FAMILY_MISSING_CAP = 0.85  # "Ali Youssef" for Ali Youssef Charara: likely, flagged
COMMON_PART = 3  # a one-word name shared by this many entities is no one's in particular
MODEL_FILE = "models/party_model.json"
_LONG_VOWELS = re.compile(r"[aiu]{2,}")
_VOWEL = re.compile(r"[aiu]")


@dataclass(frozen=True, slots=True)
class PartyScore:
    score: float
    method: str
    matched: str
    explain: dict[str, Any] = field(default_factory=dict)


# --- people -------------------------------------------------------------------------------------


def part_similarity(a: Part, b: Part) -> tuple[float, str]:
    """How well two parts agree, and how: same, consonants, close, initial; 0 when they don't."""
    if a.role == INITIAL or b.role == INITIAL:
        if a.role == INITIAL and b.role == INITIAL:
            return (1.0, "same") if a.text == b.text else (0.0, "")
        return (0.75, "initial") if a.initial == b.initial else (0.0, "")
    if (a.role == KUNYA) != (b.role == KUNYA):
        return 0.0, ""
    if a.phonetic == b.phonetic:
        return 1.0, "same"
    if a.phonetic in (b.phonetic + "i", b.phonetic + "ii") or b.phonetic in (a.phonetic + "i", a.phonetic + "ii"):
        return 0.0, ""  # Abbas / Abbasi, Jafar / Jafari: the nisba names another family
    if len(a.skeleton) <= 3 and len(_LONG_VOWELS.findall(a.phonetic)) != len(
        _LONG_VOWELS.findall(b.phonetic)
    ):
        return 0.0, ""  # Hasan is not Husayn, nor Said Sad: in a short name a diphthong counts
    sim = Levenshtein.normalized_similarity(a.phonetic, b.phonetic)
    if a.skeleton == b.skeleton and (
        len(a.skeleton) >= 3 and (sim > 0.6 or _shape(a.phonetic) == _shape(b.phonetic))
        or sim >= 0.7
    ):
        return 0.9, "consonants"  # Iyad/Ayyad, Saleh/Salih: vowels differ only
    if sim >= 0.75 and min(len(a.phonetic), len(b.phonetic)) >= 4 and a.skeleton[:1] == b.skeleton[:1]:
        return sim * 0.9, "close"
    return 0.0, ""


def _shape(phonetic: str) -> str:
    """Where the vowels are: Saleh and Salih share it (CVCVC), Hasan and Hisn do not."""
    return _VOWEL.sub("V", phonetic)


def _merge_split(parts: tuple[Part, ...], other: tuple[Part, ...]) -> tuple[Part, ...]:
    """Two adjacent parts written as one on the other side (Ali Reza / Alireza; Abdul Rahim as a
    family name) become one part."""
    wholes = {p.phonetic for p in other}
    out: list[Part] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and INITIAL not in (parts[i].role, parts[i + 1].role):
            joined = parts[i].phonetic + parts[i + 1].phonetic
            if joined in wholes and parts[i].phonetic not in wholes:
                p = parts[i]
                out.append(Part(f"{p.text} {parts[i + 1].text}", p.role, joined, p.skeleton + parts[i + 1].skeleton))
                i += 2
                continue
        out.append(parts[i])
        i += 1
    return tuple(out)


def _align(qp: tuple[Part, ...], np_: tuple[Part, ...]) -> list[tuple[int, int, float, str]]:
    pairs = []
    for i, a in enumerate(qp):
        for j, b in enumerate(np_):
            sim, how = part_similarity(a, b)
            if sim > 0:
                pairs.append((sim, -abs(i - j), i, j, how))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_n: set[int] = set()
    out = []
    for sim, _d, i, j, how in pairs:
        if i in used_q or j in used_n:
            continue
        used_q.add(i)
        used_n.add(j)
        out.append((i, j, sim, how))
    return out


def person_features(q: PersonName, n: PersonName) -> tuple[list[float], dict[str, Any]]:
    qp = _merge_split(q.parts, n.parts)
    np_ = _merge_split(n.parts, qp)
    aligned = _align(qp, np_)
    by_n = {j: (i, sim, how) for i, j, sim, how in aligned}
    matched_q = {i for i, _j, _s, _h in aligned}
    total = sum(sim for _i, _j, sim, _h in aligned)
    unmatched_q = [p for i, p in enumerate(qp) if i not in matched_q]
    unmatched_n = [p for j, p in enumerate(np_) if j not in by_n]
    given_no = next((j for j, p in enumerate(np_) if p.role in (GIVEN, INITIAL)), None)
    family_no = max((j for j, p in enumerate(np_) if p.role == FAMILY), default=None)
    q_family_no = max((i for i, p in enumerate(qp) if p.role == FAMILY), default=None)
    family_conflict = (
        family_no is not None and family_no not in by_n
        and q_family_no is not None and q_family_no not in matched_q
    )
    given = by_n[given_no][1] if given_no is not None and given_no in by_n else 0.0
    family = by_n[family_no][1] if family_no is not None and family_no in by_n else 0.0
    real_unmatched_q = [p for p in unmatched_q if p.role != INITIAL]
    conflicts = min(len(real_unmatched_q), len([p for p in unmatched_n if p.role != INITIAL]))
    extras = len(real_unmatched_q) - conflicts
    given_conflict = float(
        given_no is not None and given_no not in by_n and bool(real_unmatched_q)
        and np_[given_no].role == GIVEN
    )
    exact = float(not unmatched_q and not unmatched_n and all(s == 1.0 for *_x, s, _h in aligned))
    feats = [
        total / max(1, len(qp)),
        total / max(1, len(np_)),
        given,
        family,
        float(conflicts),
        float(extras),
        float(sum(p.role != INITIAL for p in qp) == 1),
        exact,
        given_conflict,
    ]
    explain = {
        "parts": q.describe(),
        "matched_name_parts": n.describe(),
        "matched": [
            {"query": qp[i].text, "name": np_[j].text, "role": np_[j].role, "how": how,
             "similarity": round(sim, 3)}
            for i, j, sim, how in sorted(aligned)
        ],
        "missing_from_query": [p.text for p in unmatched_n],
        "not_in_name": [p.text for p in unmatched_q],
        "family_conflict": family_conflict,
        "query_order": [p.text for p in qp],
    }
    return feats, explain


# --- organisations ----------------------------------------------------------------------------


def _word_similarity(a: Word, b: Word) -> float:
    if a.phonetic == b.phonetic:
        return 1.0
    if a.e_as_i and a.e_as_i == b.phonetic or b.e_as_i and b.e_as_i == a.phonetic:
        return 0.95
    sim = Levenshtein.normalized_similarity(a.phonetic, b.phonetic)
    if a.skeleton == b.skeleton and len(a.skeleton) >= 3 and (
        sim > 0.6 or _shape(a.phonetic) == _shape(b.phonetic)
    ):
        return 0.9  # not Omar / Amar: two consonants name too many words
    return sim * 0.9 if sim >= 0.8 and min(len(a.phonetic), len(b.phonetic)) >= 4 else 0.0


GENERIC_WEIGHT = 0.25  # a generic word ("Front") missing says little: lists add and drop them


def _cover(words: tuple[Word, ...], pool: tuple[Word, ...]) -> tuple[float, list[str]]:
    """Weighted share of `words` found in `pool`, and the distinctive words not found."""
    if not words:
        return 0.0, []
    total = weight = 0.0
    missing = []
    for w in words:
        best = max((_word_similarity(w, p) for p in pool), default=0.0)
        share = GENERIC_WEIGHT if w.generic else 1.0
        total += share * best
        weight += share
        if best == 0.0 and not w.generic:
            missing.append(w.text)
    return total / weight, missing


def org_features(q: OrgName, n: OrgName) -> tuple[list[float], dict[str, Any]]:
    # An acronym query meets a full name's initials; a full query meets an acronym name only
    # when it reads as an organisation (a generic word): a person's initials spell many things.
    acronym = float(
        bool(q.acronym) and len(n.initials) >= 2 and q.acronym == n.initials
        or bool(n.acronym) and len(q.initials) >= 3 and n.acronym == q.initials
        and any(w.generic for w in q.words)
    )
    core_q, q_missing = _cover(q.core, n.words)
    core_n, n_missing = _cover(n.core, q.words)
    tail = {w.text for w in n.tail}
    all_n, _ = _cover(tuple(w for w in n.words if w.text not in tail), q.words)  # tail: own feature
    tail_cover, _ = _cover(n.tail, q.words)
    conflicts = 0 if acronym else min(len(q_missing), len(n_missing))
    exact = float(fold(q.text) == fold(n.text) or (
        bool(q.words) and all_n == 1.0 and _cover(q.words, n.words)[0] == 1.0))
    feats = [core_q, core_n, all_n, (1.0 - tail_cover) if n.tail else 0.0, acronym,
             float(conflicts), exact, float(len(q_missing)) if not acronym else 0.0,
             float(bool(q.core) and core_q == 1.0 and core_n == 1.0)]
    explain = {
        "parts": q.describe(),
        "matched_name_parts": n.describe(),
        "acronym": bool(acronym),
        "missing_from_query": n_missing,
        "not_in_name": q_missing,
    }
    return feats, explain


# --- the model ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """Coefficients fitted by scripts/fit_party_model.py."""
    from rasm.gazetteer.tables import tables_dir

    path = tables_dir() / MODEL_FILE
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def probability(kind: str, feats: list[float], coefficients: dict[str, Any] | None = None) -> float:
    coef = coefficients if coefficients is not None else model()[kind]
    z = float(coef["bias"]) + sum(float(w) * f for w, f in zip(coef["weights"], feats, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _names_the_father(n: PersonName, explain: dict[str, Any]) -> bool:
    """Harith al-Dari for Muthanna Harith al-Dari: the query's first part is the listed name's
    nasab and its given name is nowhere: that is the father (or a brother's father)."""
    given = n.given
    matched = explain["matched"]
    if given is None or given.role != GIVEN or not matched:
        return False
    if any(m["name"] == given.text for m in matched):
        return False
    first = min(matched, key=lambda m: explain["query_order"].index(m["query"]))
    return bool(first["role"] == NASAB)


def _person_score(query: str, name: str, shared_by: int = 0) -> PartyScore:
    q, n = parse_person(query), parse_person(name)
    if not q.parts or not n.parts:
        return PartyScore(0.0, "none", name)
    feats, explain = person_features(q, n)
    score = probability("person", feats)
    lowered: list[str] = []
    named = [p for p in q.parts if p.role != INITIAL]
    if q.kunya_only:
        lowered.append("a kunya alone names thousands of people")
        score = min(score, WEAK_CAP)
    elif len(named) == 1 and len(n.parts) > 1:
        lowered.append("one name part alone (a family or given name) is weak evidence")
        score = min(score, WEAK_CAP)
    elif len(named) == 1 and shared_by >= COMMON_PART:
        lowered.append(f"a one-word name that {shared_by} listed entities share")
        score = min(score, WEAK_CAP)
    elif len(n.parts) == 1 and len(named) > 1:
        lowered.append("the listed name is one word; the query says more")
        score = min(score, WEAK_CAP)
    elif (
        len(named) <= 2 and n.family is not None and not explain["not_in_name"]
        and not any(m["name"] == n.family.text for m in explain["matched"])
    ):
        lowered.append("the family name is not given")
        score = min(score, FAMILY_MISSING_CAP)
    if feats[PERSON_FEATURES.index("given_conflict")]:
        lowered.append("a different given name: another person of the same family")
        score = min(score, CONFLICT_CAP)
    elif _names_the_father(n, explain):
        lowered.append("no given name: the father's name with the family name names the father")
        score = min(score, CONFLICT_CAP)
    elif explain["family_conflict"]:
        lowered.append("a different family name")
        score = min(score, CONFLICT_CAP)
    explain["lowered_by"] = lowered
    explain["features"] = dict(zip(PERSON_FEATURES, (round(f, 3) for f in feats), strict=True))
    method = "exact" if fold(query) == fold(name) and not lowered else "parts"
    return PartyScore(score, method, name, explain)


def _org_score(query: str, name: str) -> PartyScore:
    q, n = parse_org(query), parse_org(name)
    if not q.words and not q.acronym:
        return PartyScore(0.0, "none", name, {"lowered_by": ["only legal forms"]})
    feats, explain = org_features(q, n)
    score = probability("org", feats)
    lowered: list[str] = []
    if not q.core and not q.acronym and not feats[ORG_FEATURES.index("exact")]:
        lowered.append("only generic words (Front, Brigade, Company): they name no one")
        score = 0.0
    elif not q.core and not q.acronym:
        lowered.append("only generic words")
        score = min(score, WEAK_CAP)
    elif (
        len(n.core) == 1 and explain["not_in_name"] and not feats[ORG_FEATURES.index("acronym")]
        and not q.legal and not any(w.generic for w in q.words)
    ):
        lowered.append("the name's one distinctive word, and query words it lacks")
        score = min(score, WEAK_CAP)
    explain["lowered_by"] = lowered
    explain["features"] = dict(zip(ORG_FEATURES, (round(f, 3) for f in feats), strict=True))
    if feats[ORG_FEATURES.index("acronym")] and not feats[ORG_FEATURES.index("exact")]:
        method = "acronym"
    else:
        method = "exact" if fold(query) == fold(name) else "parts"
    return PartyScore(score, method, name, explain)


def pair_score(kind: str, query: str, name: str, shared_by: int = 0) -> PartyScore:
    """The probability that `query` and the table spelling `name` name the same person or
    organisation (`kind`), with its explanation. `shared_by`: how many entities of the gazetteer
    have the query's name part, when the query is one part."""
    if kind == "person":
        return _person_score(query, name, shared_by)
    return _org_score(query, name)


@lru_cache(maxsize=65536)
def is_latin_name(name: str) -> bool:
    return any(ch.isalpha() for ch in name) and all(
        not ch.isalpha() or ord(ch) < 0x0370 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in name
    )


def entity_score(
    query: str,
    kind: str,
    names: tuple[str, ...],
    shared_by: int = 0,
    keys_of: Callable[[str, str], frozenset[str]] | None = None,
) -> PartyScore | None:
    """The best pair_score over an entity's Latin-script names, or None when it has none.
    `keys_of(name, kind)`: name-part keys; when given, only names sharing a key with the query
    are scored (all of them when none does): the others cannot score well, and aliases are many."""
    latin = [n for n in names if is_latin_name(n)]
    if keys_of is not None and len(latin) > 1:
        wanted = keys_of(query, "person") | keys_of(query, "org")
        sharing = [n for n in latin if keys_of(n, kind) & wanted]
        latin = sharing or latin
    best: PartyScore | None = None
    for name in latin:
        got = pair_score(kind, query, name, shared_by)
        if best is None or got.score > best.score:
            best = got
    if best is not None:
        best.explain["kind"] = kind
    return best
