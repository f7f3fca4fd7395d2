"""Held-out evaluation sets for name matching, built from the real data in ../shared/data.

Every set is a gazetteer (the entities a system may answer with) plus queries whose expected entity
is known (or None: the name is not in the gazetteer). The held-out spellings are removed from the
gazetteer by these builders, so no system can have seen them. Used by scripts/eval_match.py and
scripts/bench_match.py; counts of what was dropped and why are kept in `EvalSet.counts`.

The helpers here (`fold`, `rough_skeleton`, `norm_arabic`) are deliberately independent of rasm's
own keys: they decide what counts as "identical", "a respelling" or "a homonym", and must not
share the matcher's mistakes.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from rasm.model import Entity

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the checkout; from a git worktree under wt/, the one beside the main one.
DATA = next(
    (p for p in (ROOT.parent / "shared" / "data", ROOT.parents[1] / "shared" / "data") if p.exists()),
    ROOT.parent / "shared" / "data",
)
TEST_DATA = ROOT / "tests" / "data"
DEV_SHARE = 5  # one key in five goes to the dev split (tuning); the rest is the test split
RESPELLING_MIN_SIMILARITY = 0.75  # rough-skeleton similarity above which a variant is a respelling


@dataclass(frozen=True, slots=True)
class Query:
    """One held-out spelling. `expected` is None for a name that is in no gazetteer entity."""

    text: str
    expected: str | None
    respelling: bool = True  # by the independent rough-skeleton criterion (see is_respelling)
    split: str = "test"


@dataclass(frozen=True)
class EvalSet:
    name: str
    description: str
    entities: tuple[Entity, ...]
    queries: tuple[Query, ...]
    counts: dict[str, int] = field(default_factory=dict)  # how the queries were counted
    truth: tuple[
        Entity, ...
    ] = ()  # full entities (Arabic kept) to judge homonyms; default: entities

    @property
    def reference(self) -> tuple[Entity, ...]:
        return self.truth or self.entities

    def split(self, which: str) -> EvalSet:
        return replace(self, queries=tuple(q for q in self.queries if q.split == which))

    def sample(self, limit: int | None, seed: int = 13) -> EvalSet:
        """A fixed random sample of the queries (the same for every system that gets this set)."""
        if limit is None or len(self.queries) <= limit:
            return self
        rng = random.Random(f"{seed}:{self.name}")
        return replace(self, queries=tuple(rng.sample(self.queries, limit)))


# --- independent normalizers -------------------------------------------------------------------

_NON_WORD = re.compile(r"[^0-9a-z ]+")
_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "l",
        "a",
        "an",
        "en",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "ech",
        "ch",
        "at",
        "et",
        "ath",
        "eth",
        "ad",
        "ed",
        "adh",
        "az",
        "ez",
    ]
)


def fold(text: str) -> str:
    """Baseline folding: unidecode, casefold, punctuation removed (hyphens become spaces)."""
    ascii_text = unidecode(unicodedata.normalize("NFC", text)).casefold().replace("-", " ")
    return " ".join(_NON_WORD.sub("", ascii_text).split())


# Latin spelling -> rough consonant classes. Vowels, w, y, h and ayn/hamza marks vanish; digraphs
# of French (ch, dj, tch) and English (sh, kh, gh, th, dh) map to the class of their consonant.
_DIGRAPHS = (("tch", "j"), ("tsh", "j"), ("dj", "j"), ("ch", "s"), ("sh", "s"), ("ph", "f"))
_CLASSES = str.maketrans("qkgcdtzsxjbpvf", "kkkkttsssjbbff", "aeiouywh")


def rough_skeleton(text: str) -> str:
    """Consonant classes of a Latin-script name, articles dropped, doubled letters merged."""
    words = [w for w in fold(text).split() if w not in _ARTICLES]
    out = []
    for word in words:
        for old, new in _DIGRAPHS:
            word = word.replace(old, new)
        out.append(word.translate(_CLASSES))
    return re.sub(r"(.)\1+", r"\1", "".join(out))


_AR_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_AR_FOLD = str.maketrans("أإآٱىةؤئ", "اااايهوي")
_AR_CLASSES = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "خ": "k",
    "د": "t",
    "ذ": "t",
    "ر": "r",
    "ز": "s",
    "س": "s",
    "ش": "s",
    "ص": "s",
    "ض": "t",
    "ط": "t",
    "ظ": "s",
    "غ": "k",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "پ": "b",
    "چ": "j",
    "گ": "k",
    "ک": "k",
    "ی": "",
}  # every other letter (alef, waw, ya, ha, ha', ayn, hamza, ta marbuta) is dropped


def norm_arabic(text: str) -> str:
    """Arabic spelling up to orthographic variants: diacritics, tatweel, alef/hamza forms,
    alef maqsura, ta marbuta; a leading "منطقة" (district of) dropped."""
    text = _AR_DIACRITICS.sub("", unicodedata.normalize("NFC", text)).translate(_AR_FOLD)
    words = text.split()
    if len(words) > 1 and words[0] == "منطقه":
        words = words[1:]
    return " ".join(words)


def arabic_rough_skeleton(text: str) -> str:
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in norm_arabic(text).split()]
    return re.sub(r"(.)\1+", r"\1", "".join(_AR_CLASSES.get(ch, "") for w in words for ch in w))


def name_key(text: str) -> str:
    """A Latin name up to folding and articles: two entities with equal keys are homonyms."""
    return " ".join(w for w in fold(text).split() if w not in _ARTICLES)


def arabic_name_key(text: str) -> str:
    """An Arabic name up to orthographic variants and the article: equal keys are homonyms."""
    return " ".join(
        w[2:] if w.startswith("ال") and len(w) > 3 else w for w in norm_arabic(text).split()
    )


def is_respelling(variant: str, canonical: str, arabic: str) -> bool:
    """Whether a listed variant is the same name spelled otherwise (not another name): its rough
    consonant skeleton is close to that of the canonical or of the Arabic form."""
    v = rough_skeleton(variant)
    if not v:
        return False
    refs = [rough_skeleton(canonical)]
    if arabic:
        refs.append(arabic_rough_skeleton(arabic))
    return any(
        r and Levenshtein.normalized_similarity(v, r) >= RESPELLING_MIN_SIMILARITY for r in refs
    )


def is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def split_of(key: str) -> str:
    """Stable dev/test split on an entity id or query text."""
    return "dev" if zlib.crc32(key.encode("utf-8")) % DEV_SHARE == 0 else "test"


# --- readers ----------------------------------------------------------------------------------


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a header-first, unquoted UTF-8 TSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        for row in reader:
            yield dict(zip(header, row, strict=False))


def _float(text: str) -> float | None:
    return float(text) if text else None


@dataclass(frozen=True, slots=True)
class SyrianPlace:
    entity: Entity  # canonical + arabic only
    variants: tuple[str, ...]


def syrian_places(data: Path = DATA) -> list[SyrianPlace]:
    out = []
    for row in read_tsv(data / "places_sy.tsv"):
        entity = Entity(
            id=row["id"],
            canonical=row["canonical"],
            kind="place",
            arabic=row["arabic"],
            country="SY",
            placetype=row["placetype"],
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
            ref=row["wikidata_id"],
            source="places_sy.tsv",
        )
        variants = tuple(v for v in row["variants"].split("|") if v.strip())
        out.append(SyrianPlace(entity, variants))
    return out


@dataclass(frozen=True, slots=True)
class LevantPlace:
    entity: Entity
    variants: tuple[str, ...]  # every spelling the sources list, any script, canonical included


def levant_places(data: Path = DATA) -> list[LevantPlace]:
    canon: dict[str, dict[str, str]] = {}
    variants: dict[str, list[str]] = {}
    for row in read_tsv(data / "variants_levant.tsv"):
        eid = row["entity_id"]
        if eid not in canon:
            canon[eid] = row
            variants[eid] = []
        elif row["arabic"] and not canon[eid]["arabic"]:
            canon[eid] = {**canon[eid], "arabic": row["arabic"]}
        variants[eid].append(row["variant"])
    return [
        LevantPlace(
            Entity(
                id=eid,
                canonical=row["canonical"],
                kind="place",
                arabic=row["arabic"],
                country=row["country"],
                source="variants_levant.tsv",
            ),
            tuple(dict.fromkeys(variants[eid])),
        )
        for eid, row in canon.items()
    ]


def orgs_persons(data: Path = DATA) -> list[Entity]:
    """Organisations and people with all their aliases (no holding out: used for unknowns)."""
    rows: dict[str, dict[str, str]] = {}
    aliases: dict[str, list[str]] = {}
    for row in read_tsv(data / "orgs_persons.tsv"):
        eid = row["entity_id"]
        rows.setdefault(eid, row)
        aliases.setdefault(eid, []).append(row["variant"])
    out = []
    for eid, row in rows.items():
        names = [a for a in dict.fromkeys(aliases[eid]) if a and a != row["canonical"]]
        out.append(
            Entity(
                id=eid,
                canonical=row["canonical"],
                kind=row["kind"],
                arabic=row["arabic"],
                aliases=tuple(names),
                country=row["country"],
                source="orgs_persons.tsv",
            )
        )
    return out


def read_user_gazetteer(path: Path) -> list[Entity]:
    """A gazetteer TSV in the user format, read by rasm's own loader (as `rasm match
    --gazetteer` reads it)."""
    from rasm.gazetteer.tables import read_entities

    return read_entities(path, source=path.name)


def latin_only(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """The entities with their Arabic form (and any non-Latin alias) removed."""
    return tuple(
        replace(e, arabic="", aliases=tuple(a for a in e.aliases if is_latin(a))) for e in entities
    )


# --- the sets ---------------------------------------------------------------------------------


def _hidden_variant_queries(
    entity: Entity, variants: Sequence[str], counts: dict[str, int]
) -> list[Query]:
    """Queries for the variants of one entity that differ from its canonical after folding."""
    seen = {fold(entity.canonical)}
    out = []
    for variant in variants:
        if not is_latin(variant):
            counts["non_latin_variants_dropped"] = counts.get("non_latin_variants_dropped", 0) + 1
            continue
        counts["variants_listed"] = counts.get("variants_listed", 0) + 1
        folded = fold(variant)
        if folded == fold(entity.canonical):
            counts["identical_to_canonical_after_folding"] = (
                counts.get("identical_to_canonical_after_folding", 0) + 1
            )
            continue
        if folded in seen or not folded:
            counts["duplicate_after_folding"] = counts.get("duplicate_after_folding", 0) + 1
            continue
        seen.add(folded)
        respelling = is_respelling(variant, entity.canonical, entity.arabic)
        counts["respellings" if respelling else "other_names"] = (
            counts.get("respellings" if respelling else "other_names", 0) + 1
        )
        out.append(Query(variant, entity.id, respelling, split_of(entity.id)))
    return out


def syrian_variants(data: Path = DATA) -> EvalSet:
    """Set 1: every Syrian place with canonical + Arabic only; the hidden variants as queries."""
    places = syrian_places(data)
    counts: dict[str, int] = {"entities": len(places)}
    queries = [q for p in places for q in _hidden_variant_queries(p.entity, p.variants, counts)]
    counts["queries"] = len(queries)
    return EvalSet(
        "sy-variants",
        "Syrian places (WOF), variants hidden; queries: French-mandate/BGN/other spellings",
        tuple(p.entity for p in places),
        tuple(queries),
        counts,
    )


def levant_variants(data: Path = DATA) -> EvalSet:
    """Set 2: Iraqi/Lebanese/Jordanian places with one canonical (+ Arabic); other Latin spellings
    as queries."""
    places = levant_places(data)
    counts: dict[str, int] = {"entities": len(places)}
    queries = [q for p in places for q in _hidden_variant_queries(p.entity, p.variants, counts)]
    counts["queries"] = len(queries)
    return EvalSet(
        "levant-variants",
        "IQ/LB/JO places (WOF + GeoNames), one canonical + Arabic kept; other Latin spellings",
        tuple(p.entity for p in places),
        tuple(queries),
        counts,
    )


def news_spellings(test_data: Path = TEST_DATA) -> EvalSet:
    """Set 3: names as three news articles spell them, against a small hand-written gazetteer."""
    entities = read_user_gazetteer(test_data / "news_gazetteer.tsv")
    by_id = {e.id: e for e in entities}
    queries = []
    for line_no, row in enumerate(read_tsv(test_data / "news_spellings.tsv"), start=2):
        entity = by_id.get(row["expected_id"])
        if entity is None:
            raise ValueError(f"news_spellings.tsv:{line_no}: unknown id {row['expected_id']!r}")
        # "respelling" here: the spelling is not listed in the gazetteer (up to folding)
        listed = fold(row["query"]) in {fold(n) for n in entity.names()}
        queries.append(Query(row["query"], entity.id, not listed, "test"))
    counts = {
        "entities": len(entities),
        "queries": len(queries),
        "listed_in_gazetteer": sum(not q.respelling for q in queries),
    }
    return EvalSet(
        "news",
        "spellings of places, groups and people in 3 news articles (Aleppo, Dec 2016)",
        tuple(entities),
        tuple(queries),
        counts,
    )


def _syrian_name_keys(places: Sequence[SyrianPlace]) -> tuple[set[str], set[str], set[str]]:
    folded: set[str] = set()
    skeletons: set[str] = set()
    arabic: set[str] = set()
    for p in places:
        for name in (p.entity.canonical, *p.variants):
            folded.add(fold(name))
            skeletons.add(rough_skeleton(name))
        if p.entity.arabic:
            arabic.add(norm_arabic(p.entity.arabic))
            skeletons.add(arabic_rough_skeleton(p.entity.arabic))
    return folded, skeletons, arabic


def _unknown_queries(
    places: Iterable[tuple[Entity, Sequence[str]]],
    keys: tuple[set[str], set[str], set[str]],
    counts: dict[str, int],
) -> list[Query]:
    """The canonical Latin names of `places` (entity, variants) that have no homonym among the
    gazetteer's `keys` (_syrian_name_keys), each folded name once; homonyms are counted in
    counts["excluded_homonyms"]. A homonym: equal normalized Arabic, or any spelling folding to
    a gazetteer spelling, or the same rough consonant skeleton."""
    folded, skeletons, arabic = keys
    queries: list[Query] = []
    seen: set[str] = set()
    for entity, variants in places:
        latin = [v for v in (entity.canonical, *variants) if is_latin(v)]
        homonym = (
            bool(entity.arabic)
            and (
                norm_arabic(entity.arabic) in arabic
                or arabic_rough_skeleton(entity.arabic) in skeletons
            )
        ) or any(fold(v) in folded or rough_skeleton(v) in skeletons for v in latin)
        if homonym:
            counts["excluded_homonyms"] += 1
            continue
        if not is_latin(entity.canonical) or fold(entity.canonical) in seen:
            continue
        seen.add(fold(entity.canonical))
        queries.append(Query(entity.canonical, None, False, split_of(entity.canonical)))
    return queries


def unknown_places(data: Path = DATA) -> EvalSet:
    """Set 4a: Levant places that have no Syrian homonym, queried against the full Syrian table.

    A Levant place is a homonym (and excluded) when its normalized Arabic equals a Syrian one, or
    any of its Latin spellings folds to a Syrian spelling, or the rough consonant skeleton of any
    of its spellings (Latin or Arabic) equals that of a Syrian spelling."""
    places = syrian_places(data)
    folded, skeletons, arabic = _syrian_name_keys(places)
    gazetteer = tuple(replace(p.entity, aliases=p.variants) for p in places)
    counts = {"levant_entities_with_arabic": 0, "excluded_homonyms": 0}

    def with_arabic() -> Iterator[tuple[Entity, Sequence[str]]]:
        for lp in levant_places(data):
            if lp.entity.arabic:  # without Arabic, a homonym cannot be ruled out well enough
                counts["levant_entities_with_arabic"] += 1
                yield lp.entity, lp.variants

    queries = _unknown_queries(with_arabic(), (folded, skeletons, arabic), counts)
    counts["queries"] = len(queries)
    return EvalSet(
        "unknown-places",
        "IQ/LB/JO place names with no Syrian homonym, against all Syrian places",
        gazetteer,
        tuple(queries),
        counts,
    )


def _half_of(entity_id: str) -> int:
    """Which half of its country an entity falls in (stable, independent of the dev/test split)."""
    return zlib.crc32(f"half:{entity_id}".encode()) % 2


def country_places(country: str, data: Path = DATA) -> list[SyrianPlace]:
    """One country's places with their Latin variants: Syria from places_sy.tsv, Iraq, Lebanon
    and Jordan from variants_levant.tsv (the canonical spelling dropped from the variants)."""
    if country == "SY":
        return syrian_places(data)
    out = []
    for lp in levant_places(data):
        if lp.entity.country == country:
            variants = tuple(v for v in lp.variants if v != lp.entity.canonical)
            out.append(SyrianPlace(lp.entity, variants))
    if not out:
        raise ValueError(f"no places of country {country!r} in {data}")
    return out


def unknown_half(country: str, data: Path = DATA) -> EvalSet:
    """Set 4c: the negative set of issue 12. One country's places are split in two random halves;
    the gazetteer is one half (canonical, Arabic and every variant), the queries are the
    canonical names of the other half that have no homonym in it (the same rule as
    unknown_places: equal normalized Arabic, equal folded spelling or equal rough consonant
    skeleton of any spelling). Names of the same country share its articles, words and
    patterns (Tall, Khirbat, -iyah), which makes this the hard case for false matches."""
    return half_set(f"unknown-half-{country.lower()}", country, country_places(country, data))


def half_set(name: str, country: str, places: Sequence[SyrianPlace]) -> EvalSet:
    """unknown_half on any list of places (also used to build training pairs from other
    countries: scripts/place_data.py)."""
    kept = [p for p in places if _half_of(p.entity.id) == 0]
    folded, skeletons, arabic = _syrian_name_keys(kept)
    gazetteer = tuple(replace(p.entity, aliases=p.variants) for p in kept)
    counts = {"gazetteer_entities": len(kept), "other_half": 0, "excluded_homonyms": 0}

    def other_half() -> Iterator[tuple[Entity, Sequence[str]]]:
        for p in places:
            if _half_of(p.entity.id) == 1:
                counts["other_half"] += 1
                yield p.entity, p.variants

    queries = _unknown_queries(other_half(), (folded, skeletons, arabic), counts)
    counts["queries"] = len(queries)
    return EvalSet(
        name,
        f"{country} place names with no homonym in a gazetteer of the other half of {country}",
        gazetteer,
        tuple(queries),
        counts,
    )


def hidden_variants(name: str, places: Sequence[SyrianPlace]) -> EvalSet:
    """syrian_variants on any list of places: canonical + Arabic kept, variants as queries."""
    counts: dict[str, int] = {"entities": len(places)}
    queries = [q for p in places for q in _hidden_variant_queries(p.entity, p.variants, counts)]
    counts["queries"] = len(queries)
    return EvalSet(
        name, "places with their variants hidden", tuple(p.entity for p in places),
        tuple(queries), counts,
    )


# Letters Arabic script rarely uses to write foreign names: a token with one is an Arabic name.
_ARABIC_ONLY_LETTERS = "حعخصضظ"


def _token_bag(name: str) -> tuple[str, ...]:
    return tuple(sorted(fold(name.replace(",", " ")).split()))


def unknown_persons(data: Path = DATA, count: int = 2000, seed: int = 7) -> EvalSet:
    """Set 4b: person names recombined from common Arabic name tokens (name_tokens.tsv), none of
    them in orgs_persons.tsv, against the organisations and people table.

    A made-up name is excluded as a possible true homonym when its folded token bag, or the rough
    skeleton of its sorted tokens, equals that of any name or alias in the table."""
    entities = orgs_persons(data)
    bags: set[tuple[str, ...]] = set()
    skeletons: set[str] = set()
    for e in entities:
        for name in (e.canonical, *e.aliases):
            bag = _token_bag(name)
            bags.add(bag)
            skeletons.add(" ".join(sorted(rough_skeleton(t) for t in bag)))
    best: dict[str, tuple[int, str]] = {}
    for row in read_tsv(data / "name_tokens.tsv"):
        latin, n = row["latin"], int(row["count"] or 0)
        if n < 3 or not latin.isascii() or not latin.isalpha() or len(latin) < 3:
            continue
        if not any(ch in row["arabic"] for ch in _ARABIC_ONLY_LETTERS):
            continue  # most tokens are foreign names written in Arabic; keep Arabic ones
        if row["arabic"] not in best or n > best[row["arabic"]][0]:
            best[row["arabic"]] = (n, latin.capitalize())
    tokens = sorted({latin for _, latin in best.values()})
    rng = random.Random(seed)
    counts = {"name_tokens": len(tokens), "excluded_homonyms": 0}
    queries: list[Query] = []
    seen: set[tuple[str, ...]] = set()
    for _attempt in range(count * 50):  # bounded: a small token list may not give `count` names
        if len(queries) >= count:
            break
        name = " ".join(rng.sample(tokens, rng.choice((2, 3, 3))))
        bag = _token_bag(name)
        if bag in seen:
            continue
        seen.add(bag)
        if bag in bags or " ".join(sorted(rough_skeleton(t) for t in bag)) in skeletons:
            counts["excluded_homonyms"] += 1
            continue
        queries.append(Query(name, None, False, split_of(name)))
    counts["queries"] = len(queries)
    return EvalSet(
        "unknown-persons",
        "made-up Arabic person names (real tokens) against orgs/persons",
        tuple(entities),
        tuple(queries),
        counts,
    )


def arabic_to_latin_only(data: Path = DATA) -> EvalSet:
    """Set 5a: the Arabic form of each Syrian place, against the same places with only their
    Latin canonical (no Arabic, no variants)."""
    places = syrian_places(data)
    gazetteer = latin_only(p.entity for p in places)
    truth = tuple(p.entity for p in places)
    queries = [
        Query(p.entity.arabic, p.entity.id, True, split_of(p.entity.id))
        for p in places
        if p.entity.arabic
    ]
    return EvalSet(
        "arabic->latin",
        "Arabic names of Syrian places against Latin-only entries",
        gazetteer,
        tuple(queries),
        {"entities": len(gazetteer), "queries": len(queries)},
        truth,
    )


def cyrillic_to_latin_only(data: Path = DATA, test_data: Path = TEST_DATA) -> EvalSet:
    """Set 5b: hand-written Russian spellings against Latin-only Syrian places + news entities."""
    truth = (
        *(p.entity for p in syrian_places(data)),
        *read_user_gazetteer(test_data / "news_gazetteer.tsv"),
    )
    places = latin_only(e for e in truth if e.source == "places_sy.tsv")
    news = latin_only(e for e in truth if e.source != "places_sy.tsv")
    known = {e.id for e in (*places, *news)}
    queries = []
    for line_no, row in enumerate(read_tsv(test_data / "cyrillic_names.tsv"), start=2):
        if row["expected_id"] not in known:
            raise ValueError(f"cyrillic_names.tsv:{line_no}: unknown id {row['expected_id']!r}")
        queries.append(Query(row["cyrillic"], row["expected_id"], True, "test"))
    return EvalSet(
        "cyrillic->latin",
        "Russian spellings of Syrian places and actors against Latin-only entries",
        (*places, *news),
        tuple(queries),
        {"entities": len(places) + len(news), "queries": len(queries)},
        truth,
    )


BUILDERS = {
    "sy-variants": syrian_variants,
    "levant-variants": levant_variants,
    "news": news_spellings,
    "unknown-places": unknown_places,
    "unknown-persons": unknown_persons,
    "unknown-half-sy": lambda: unknown_half("SY"),
    "unknown-half-iq": lambda: unknown_half("IQ"),
    "unknown-half-lb": lambda: unknown_half("LB"),
    "arabic->latin": arabic_to_latin_only,
    "cyrillic->latin": cyrillic_to_latin_only,
}


def synthetic_entities(base: Sequence[Entity], size: int, seed: int = 11) -> tuple[Entity, ...]:
    """`base` padded to `size` entities with made-up places: real name words recombined (Latin
    words by position, Arabic words alike, with the real number of words), new ids. For timing a
    gazetteer of any size; the made-up names look like real ones, so buckets fill up as they would."""
    if size <= len(base):
        return tuple(base)  # never drop a real entity: the smallest size is the real table
    rng = random.Random(seed)
    latin_names = [e.canonical.split() for e in base if e.canonical.strip()]
    arabic_names = [e.arabic.split() for e in base if e.arabic.strip()]
    by_position: dict[int, list[str]] = {}
    for words in latin_names:
        for i, word in enumerate(words[:4]):
            by_position.setdefault(min(i, 1), []).append(word)
    arabic_words = [w for words in arabic_names for w in words]
    arabic_share = len(arabic_names) / max(1, len(base))
    out = list(base)
    for number in range(size - len(base)):
        length = len(rng.choice(latin_names))
        words = [rng.choice(by_position[min(i, 1)]) for i in range(min(length, 4))]
        arabic = (
            " ".join(rng.choice(arabic_words) for _ in words) if rng.random() < arabic_share else ""
        )
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.3:  # some entries carry a second spelling, as real ones do
            aliases = (" ".join(rng.choice(by_position[min(i, 1)]) for i in range(len(words))),)
        out.append(
            Entity(
                id=f"synthetic:{number}",
                canonical=" ".join(words),
                kind="place",
                arabic=arabic,
                aliases=aliases,
                country="SY",
                source="synthetic",
            )
        )
    return tuple(out)
