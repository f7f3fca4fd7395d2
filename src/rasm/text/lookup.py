"""Names in one chunk of text: which spans of its tokens are table names, found by exact key
look-ups in each gazetteer part's index (no fuzzy scan per span), scored by the core matcher.

The analysis of a chunk depends only on the chunk's text, so it is cached: news repeats its
names, and most chunks are found in the cache. What depends on the rest of the document
(prepositions, neighbouring names, the document's other places) is decided in
`rasm.text.context`. A capitalized common English word ("The", "Watch") never starts a name
unless it is the exact name of a well-known entity, so sentence starts need no rule of their own.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass, field, replace
from typing import Any

from rasm.errors import MissingExtraError
from rasm.gazetteer import Gazetteer
from rasm.model import Entity, entity_preference
from rasm.names.arabic import arabic_keys, normalize_arabic
from rasm.names.fold import PERSON_TITLES, PLAIN, NameKeys, content_words, fold, keys_from_words
from rasm.names.matcher import Query, n_skeleton_words, score_reading
from rasm.names.preference import named_by_common_word, prefer_well_known
from rasm.text.lang import arabic_script, kurmanji, turkish
from rasm.text.tokens import HYPHEN, SPACE, Chunk, Token, tokens
from rasm.text.wordlists import (
    ARABIC_STOPWORDS,
    ARTICLES,
    CONNECTORS,
    CYRILLIC_STOPWORDS,
    GROUP_HEADS,
    PERSIAN_STOPWORDS,
    PERSON_HEADS,
    PLACE_HEADS,
    START_PARTICLES,
    TURKISH_STOPWORDS,
    arabic_common,
    english_common,
    western_given_names,
    world_names,
)

MAX_SPAN_TOKENS = 6
MAX_INFLECTED_READINGS = 12  # lemma combinations tried for one span of an inflecting language
# A candidate within this much of the best is a tie, to be settled by the document's context.
TIE_MARGIN = 0.03
STRONG_METHODS = frozenset({"exact", "folded", "phonetic", "arabic"})
NOTABLE_PLACETYPES = frozenset({"country", "region", "county"})
_ARABIC_PREFIXES = "وبلفك"
_HAMZA = frozenset("أإؤئءآ")
_ARABIC_STOPWORDS = frozenset(normalize_arabic(w) for w in ARABIC_STOPWORDS)
_PERSIAN_STOPWORDS = _ARABIC_STOPWORDS | frozenset(normalize_arabic(w) for w in PERSIAN_STOPWORDS)
# Capitalized at a sentence start, never a name: per language with its own rules.
_STOPWORDS = {"ru": CYRILLIC_STOPWORDS, "uk": CYRILLIC_STOPWORDS, "tr": TURKISH_STOPWORDS,
              "tr?": TURKISH_STOPWORDS}
CACHE_LIMIT = 200_000
_HEADS = PLACE_HEADS | GROUP_HEADS | PERSON_HEADS
_ENGLISH_CONNECTORS = CONNECTORS - START_PARTICLES - {"wa", "wal"}
# Titles stay outside the mention ("President Bashar al-Assad" -> "Bashar al-Assad"); shaykh
# and imam also begin place names (Sheikh Maqsoud), so they may start one.
_TITLES = (PERSON_TITLES - {"shaykh", "imam", "amir", "sultan"}) | {
    "pres", "lieut", "mother", "father", "sister",
}


@dataclass(frozen=True, slots=True)
class Hit:
    """One entity a span may name."""

    entity: Entity
    score: float
    method: str
    matched: str


@dataclass(frozen=True, slots=True)
class Span:
    """A mention found in a chunk; offsets relative to the chunk. `hits` is empty for an
    unlinked Arabic-looking name. `weak`: short or common, needs the document's support."""

    start: int
    end: int
    hits: tuple[Hit, ...]
    weak: bool
    kind: str | None = None  # the guessed kind of an unlinked name
    lemma: str | None = None  # the form looked up, when the language's rules changed the surface
    # A common word alone ("Aleppo", "المدينة" the city): a town's name only where the document
    # is not about other countries (rasm.text.context).
    common: bool = False
    # Looks like an Arabic name ("al-Safir") whatever it links to: reported unlinked (of `kind`)
    # when the document does not support the link.
    name_like: bool = False
    # Derived once, since a cached span is placed in many documents: the hits within
    # TIE_MARGIN of the best (the document's context chooses among them) and what each says
    # for itself in that choice (`hit_fit`).
    tied: tuple[Hit, ...] = field(init=False, repr=False, compare=False)
    fits: tuple[tuple[bool, bool, bool, bool], ...] = field(init=False, repr=False, compare=False)
    # What the span tells about the document (rasm.text.context): None for an unlinked, weak
    # or ambiguous span, else its entity's (country, (lat, lon) or None, id, is a town).
    evidence: tuple[str, tuple[float, float] | None, str, bool] | None = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        hits = self.hits
        top = hits[0].score - TIE_MARGIN if hits else 0.0
        tied = tuple(h for h in hits if h.score >= top)
        object.__setattr__(self, "tied", tied)
        object.__setattr__(self, "fits", tuple(hit_fit(h) for h in tied))
        evidence: tuple[str, tuple[float, float] | None, str, bool] | None = None
        if hits and not self.weak:
            best = hits[0].entity
            # Only an unambiguous mention tells what the document is about; a country called
            # so ("Iraq") is one even when villages share its name.
            rival = hits[1] if len(hits) > 1 else None
            if not (
                rival and rival.score >= top and rival.entity.country != best.country
                and not country_called_so(hits[0])
            ):
                point = (best.lat, best.lon) if best.lat is not None and best.lon is not None else None
                town = best.kind == "place" and best.placetype not in ("country", "region")
                evidence = (best.country, point, best.id, town)
        object.__setattr__(self, "evidence", evidence)


def country_called_so(hit: Hit) -> bool:
    """"Iraq" is the country, not a village Iragh near the document's places."""
    return hit.entity.placetype == "country" and hit.matched == hit.entity.canonical


def hit_fit(hit: Hit) -> tuple[bool, bool, bool, bool]:
    """A hit's own claims when the document's context chooses among tied hits, best highest:
    a country called so, hand-curated, the place called so (not a district named after it),
    well known. (Among equals the linker's order decides: rasm.names.preference.)"""
    entity = hit.entity
    return (country_called_so(hit), "curated" in entity.source, hit.matched == entity.canonical,
            notable(entity))


def notable(entity: Entity) -> bool:
    """A well-known entity: hand-curated, from sanctions/actor lists, or a large place (an
    administrative unit, a town of GeoNames' cities15000 list, or one with a Wikidata item)."""
    return (
        entity.kind != "place"
        or "curated" in entity.source
        or "geonames" in entity.source
        or entity.ref.startswith("Q")  # a Wikidata item: a town with an article of its own
        or entity.placetype in NOTABLE_PLACETYPES
    )


class Linker:
    """Chunk analysis for one gazetteer and one set of options, with its caches."""

    def __init__(self, gazetteer: Gazetteer, kinds: frozenset[str] | None, threshold: float) -> None:
        self.gazetteer = gazetteer
        self.kinds = kinds
        self.threshold = threshold
        self._common = english_common()
        self._given = western_given_names()
        self._world = world_names()
        self._chunks: dict[str, tuple[Span, ...]] = {}
        # The chunk cache read directly by rasm.text for chunks of plain ASCII (no language
        # rules apply, so the chunk's text is its whole key).
        self.plain_chunks = self._chunks
        # Chunks that are not plain ASCII but are read without language rules whatever the
        # document ("Hay’at", "Ḩamāh"): rasm.text decides that once per chunk text.
        self.rule_free: dict[str, tuple[Span, ...]] = {}
        # rasm.text's Alternative per (hit, name style); see rasm.text._alternative.
        self.alternatives: dict[tuple[int, str], tuple[Hit, Any]] = {}
        self._latin: dict[str, tuple[Hit, ...]] = {}
        self._arabic: dict[str, tuple[Hit, ...]] = {}
        self._folded: dict[str, str] = {}

    # -- look-ups -------------------------------------------------------------------------

    def _lookup(self, query: Query, keys: NameKeys, multi: bool) -> tuple[Hit, ...]:
        best: dict[str, Hit] = {}
        for part in self.gazetteer.parts:
            index = part.index
            # Equal phonetic keys are the only way to the methods a single word may match by
            # (exact, folded, phonetic, arabic); consonants count only for longer names.
            found: set[int] = set(index.by_phonetic.get(keys.phonetic, ())) if keys.phonetic else set()
            if multi and keys.skeleton:
                found.update(index.by_skeleton.get(keys.skeleton, ()))
            for name_no in found:
                entity = part.entities[index.entity_of[name_no]]
                if self.kinds is not None and entity.kind not in self.kinds:
                    continue
                score, method = score_reading(query, PLAIN, keys, index, name_no, entity)
                if not self._acceptable(score, method, multi):
                    continue
                if query.script == "arabic" and method != "arabic" and not (
                    notable(entity)
                    and keys.tokens == " ".join(sorted(set(n_skeleton_words(index, name_no))))
                ):
                    # Unvowelled script: consonants alone name only a well-known entity, and
                    # word by word ("حلب سيغير" is not the village Hallubi Saghir).
                    continue
                current = best.get(entity.id)
                if current is None or score > current.score:
                    best[entity.id] = Hit(entity, score, method, index.spelling[name_no])
        return tuple(prefer_well_known(sorted(best.values(), key=_hit_order)))

    def _acceptable(self, score: float, method: str, multi: bool) -> bool:
        if score < self.threshold or method in ("fuzzy", "tokens"):
            return False  # word order matters in prose: "Saleh al-Omar" is not "Umar Salah"
        if method in STRONG_METHODS:
            return True
        # Consonants alone, or words in another order, are evidence only for longer names:
        # one word's consonants are shared by too many unrelated words (Iran ~ Irwan).
        return multi and score >= 0.9

    def latin_hits(self, words: list[str], surface: str) -> tuple[Hit, ...]:
        """Entities the span names; cached by surface (the score tells exact from folded)."""
        cached = self._latin.get(surface)
        if cached is None:
            folded = " ".join(words)
            content = content_words(folded)
            keys = keys_from_words(folded, content)
            query = Query(surface, "latin", ((PLAIN, keys),))
            cached = self._lookup(query, keys, len(content) > 1) if content else ()
            self._remember(self._latin, surface, cached)
        return cached

    def arabic_hits(self, surface: str) -> tuple[Hit, ...]:
        cached = self._arabic.get(surface)
        if cached is None:
            keys = arabic_keys(surface)
            query = Query(surface, "arabic", ((PLAIN, keys),))
            cached = self._lookup(query, keys, len(keys.words) > 1) if keys.skeleton else ()
            self._remember(self._arabic, surface, cached)
        return cached

    @staticmethod
    def _remember(cache: dict[str, tuple[Hit, ...]], key: str, value: tuple[Hit, ...]) -> None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()  # bounded memory on endless input; refilled from the next chunks
        cache[key] = value

    def _fold(self, word: str) -> str:
        folded = self._folded.get(word)
        if folded is None:
            folded = fold(word)
            if len(self._folded) >= CACHE_LIMIT:
                self._folded.clear()
            self._folded[word] = folded
        return folded

    # -- chunks ---------------------------------------------------------------------------

    def analyse(self, chunk: Chunk, lang: str = "") -> tuple[Span, ...]:
        """The mentions of one chunk; `lang` (ISO 639-1: ru, uk, tr, fa, ar) switches on that
        language's rules, "" means none (English and anything without rules of its own)."""
        key = f"{lang}\x00{chunk.text}" if lang else chunk.text
        spans = self._chunks.get(key)
        if spans is None:
            toks = tokens(chunk.text)
            if chunk.arabic:
                spans = self._arabic_spans(chunk.text, toks, lang)
            else:
                spans = self._latin_spans(toks, lang)
            if len(self._chunks) >= CACHE_LIMIT:
                self._chunks.clear()
                self.rule_free.clear()
            self._chunks[key] = spans
        return spans

    def _latin_spans(self, toks: tuple[Token, ...], lang: str = "") -> tuple[Span, ...]:
        folded = [self._fold(t.text) for t in toks]
        out: list[Span] = []
        free_from = 0  # tokens before this one are part of a mention or of a Western name
        i = 0
        n = len(toks)
        while i < n:
            tok = toks[i]
            word = folded[i]
            if (
                tok.capital and word in self._given and i + 1 < n and toks[i + 1].capital
                and folded[i + 1] not in _HEADS
            ):
                i = free_from = i + 2  # "Rupert Colville", "Mother Agnes": not the tables' names
                continue
            if not self._can_start(toks, folded, i) or (
                lang in _STOPWORDS and toks[i].text.lower() in _STOPWORDS[lang]
            ):
                i += 1
                continue
            found = self._longest(toks, folded, i, lang)
            if found is None:
                i += 1
                continue
            end, hits, weak, lemma = found
            self._unlinked(toks, folded, free_from, i, out)
            common = end - i == 1 and folded[i] in self._common
            unlinked: list[Span] = []
            if weak:
                self._unlinked_run(toks, folded, i, end, unlinked)
            # A sound-alike, or a name with a joined article ("al-Watan"): without support it is
            # an unknown name; a loose exact spelling ("Al Khan") may be a word or a person.
            name_like = (
                len(unlinked) == 1 and unlinked[0].start == toks[i].start
                and (hits[0].method not in ("exact", "folded")
                     or any(t.joined == HYPHEN for t in toks[i + 1 : end]))
            )
            out.append(Span(toks[i].start, toks[end - 1].end, hits, weak, lemma=lemma, common=common,
                            kind=unlinked[0].kind if name_like else None, name_like=name_like))
            i = free_from = end
        self._unlinked(toks, folded, free_from, n, out)
        return tuple(sorted(out, key=lambda s: s.start))

    def _can_start(self, toks: tuple[Token, ...], folded: list[str], i: int) -> bool:
        tok = toks[i]
        if tok.capital:
            return len(folded[i]) > 1 and folded[i] not in _TITLES
        # A lowercase particle starts a name only when a capitalized word follows it.
        return (
            folded[i] in START_PARTICLES and i + 1 < len(toks) and toks[i + 1].capital
            and (folded[i] not in ARTICLES or toks[i + 1].joined == HYPHEN or folded[i] in ("al", "el"))
        )

    def _longest(
        self, toks: tuple[Token, ...], folded: list[str], i: int, lang: str = ""
    ) -> tuple[int, tuple[Hit, ...], bool, str | None] | None:
        n = len(toks)
        for end in range(min(n, i + MAX_SPAN_TOKENS), i, -1):
            last = toks[end - 1]
            if not last.capital and not (last.joined == HYPHEN and folded[end - 2] in ARTICLES):
                continue  # a name does not end with a connector ("Aleppo and")
            words = folded[i:end]
            surface = toks[i].text + "".join(t.joined + t.text for t in toks[i + 1 : end])
            hits = self.latin_hits(words, surface)
            span = toks[i:end]
            lemma: str | None = None
            sure = False  # read through the grammar as a name for certain (see _inflected)
            if lang in _INFLECTING and (not hits or hits[0].method not in ("exact", "folded")):
                # The surface names nothing, or only loosely ("Ракке" ~ Raqqa by sound): its
                # lemma may name something exactly.
                reading = self._inflected(span, words, lang)
                if reading is not None and (not hits or reading[2][0].score > hits[0].score):
                    span, words, hits, sure = reading
                    lemma = span[0].text + "".join(t.joined + t.text for t in span[1:])
            if not hits and last.text.endswith("ê"):
                reading = self._kurmanji(span, words)
                if reading is not None:
                    span, words, hits, sure = reading
                    lemma = span[0].text + "".join(t.joined + t.text for t in span[1:])
            if not hits:
                continue
            verdict = self._judge(span, words, hits)
            if verdict is None:
                continue
            if self._part_of_unknown(toks, folded, i, end, hits[0]):
                return None
            if end - i == 1 and folded[i] in _HEADS and end < len(toks) and toks[end].capital:
                return None  # "Liwa" of "Liwa Suqour al-Jabal": the head of an unknown name
            return end, hits, verdict and not sure, lemma
        return None

    def _kurmanji(
        self, span: tuple[Token, ...], words: list[str]
    ) -> tuple[tuple[Token, ...], list[str], tuple[Hit, ...], bool] | None:
        """The span with its last word out of the Kurmanji oblique ("Helebê" -> Heleb), when
        the tables spell the result exactly."""
        for base in kurmanji.oblique_bases(span[-1].text):
            new_span = (*span[:-1], replace(span[-1], text=base))
            new_words = [*words[:-1], self._fold(base)]
            hits = self.latin_hits(new_words, "".join(t.joined + t.text for t in new_span))
            if hits and hits[0].method in ("exact", "folded"):
                return new_span, new_words, hits, True
        return None

    def _inflected(
        self, span: tuple[Token, ...], words: list[str], lang: str
    ) -> tuple[tuple[Token, ...], list[str], tuple[Hit, ...], bool] | None:
        """The span read through its language's grammar: Turkish without the suffix after the
        apostrophe, Russian/Ukrainian with its words in their nominatives. The best-scoring
        reading that names something, with its tokens, folded words and hits."""
        if lang in ("tr", "tr?"):
            cut = turkish.split(span[-1].text)
            if cut is None or (lang == "tr?" and not cut.harmonic):
                return None
            last = replace(span[-1], text=cut.base)
            new_span = (*span[:-1], last)
            new_words = [*words[:-1], self._fold(cut.base)]
            hits = self.latin_hits(new_words, "".join(t.joined + t.text for t in new_span))
            if not hits or (lang == "tr?" and hits[0].method not in ("exact", "folded")):
                return None
            return new_span, new_words, hits, cut.harmonic
        options: list[list[Token]] = []
        for tok in span:
            forms = [tok]
            if tok.capital and len(tok.text) > 2:
                forms += [replace(tok, text=f) for f in _normal_forms(tok.text, lang)]
            options.append(forms)
        best: tuple[tuple[Token, ...], list[str], tuple[Hit, ...], bool] | None = None
        for toks in itertools.islice(itertools.product(*options), 1, MAX_INFLECTED_READINGS + 1):
            new_words = [self._fold(t.text) for t in toks]
            hits = self.latin_hits(new_words, "".join(t.joined + t.text for t in toks))
            if not hits or hits[0].method not in ("exact", "folded"):
                continue  # a lemma counts only as a table's spelling ("Тегеран" is not Tagaran)
            if best is None or hits[0].score > best[2][0].score:
                # A capitalized word that declines to a well-known name as written in the
                # tables is that name, short or not ("Посол Ирака").
                best = (toks, new_words, hits, notable(hits[0].entity))
        return best

    def _part_of_unknown(
        self, toks: tuple[Token, ...], folded: list[str], i: int, end: int, best: Hit
    ) -> bool:
        """Part of a longer Arabic name the tables do not know: "al-Saleh" in "Zaid al-Saleh",
        "Tallet" in "Tallet al-Shurta", "Abdullah Muhammad" in "Abdullah Muhammad
        al-Muhaysini". The whole is reported unlinked instead."""
        if end < len(toks) and self._article_before_capital(toks, folded, end):
            return not (best.method in ("exact", "folded") and notable(best.entity))
        if len([w for w in folded[i:end] if w not in CONNECTORS]) != 1:
            return False
        if (
            end < len(toks) and toks[end].capital and toks[end].joined == SPACE
            and folded[end] not in self._common and not notable(best.entity)
        ):
            return True  # "Walid" of "Walid Jumblatt" is not the village Al Walid
        if i > 0 and self._article_before_capital(toks, folded, i - 1):
            return True  # the reading with its article was refused; the bare word may not do
        if i > 0 and folded[i - 1] in PERSON_HEADS:
            return True  # "Saleh al-Omar" of "Abu Saleh al-Omar"
        return (
            i > 0 and folded[i] in ARTICLES and toks[i - 1].capital
            and folded[i - 1] not in self._common and folded[i - 1] not in _TITLES
        )

    def _judge(self, span: tuple[Token, ...], words: list[str], hits: tuple[Hit, ...]) -> bool | None:
        """None: not a mention; else whether the mention is weak (needs context)."""
        best = hits[0]
        folded = " ".join(words)
        content = [w for w in content_words(folded) if w not in CONNECTORS]
        exact = best.method in ("exact", "folded")
        if not content:
            return None  # "Al" alone is an article, not the village Al `Al
        if len(span) > 1 and any(t.text.isupper() and len(t.text) > 1 for t in span) and not exact:
            return None  # shouting ("TO A MAN") is not a loose spelling of Amman
        if folded in self._world and best.entity.placetype != "country":
            return None  # "Russia" is not the village Ar Rusiyah
        if len(content) == 1:
            word = content[0]
            if best.entity.kind == "person" and "curated" not in best.entity.source:
                return None  # one word of a person's name ("Muhammad") is anybody's
            text = span[-1].text
            if text.isupper() and len(text) > 1:
                # An acronym names only what the tables list under exactly that acronym
                # ("MAN" is not the town Maan); a long word in capitals is a shouted name.
                spelled = best.matched == text or (best.method == "exact" and len(text) > 4)
                return False if spelled and notable(best.entity) else None
            if word in self._common or words[0] in self._common:
                # "Watch", "Eastern", "Big": a common word alone names only a well-known entity.
                return False if _names_despite_common(best, word, text) else None
            short = len(word) <= 4
            crowded = sum(1 for h in hits if h.score >= best.score - TIE_MARGIN) >= 3
            return short or crowded or not notable(best.entity)
        if span[0].capital and words[0] in self._common and not exact:
            return None  # "Great News" is not a loose spelling of a village
        surface = "".join(t.text for t in span)
        if all(w in self._common for w in content) and not _names_despite_common(best, folded, surface):
            return None  # "Old City", "New Town": a phrase, unless a well-known place's name
        return False

    def _unlinked(
        self, toks: tuple[Token, ...], folded: list[str], lo: int, hi: int, out: list[Span]
    ) -> None:
        """Arabic-looking names among toks[lo:hi] that no table knows: "Zaid al-Saleh",
        "Tallet al-Shurta", "al-Watan", "Harakat X". English connectors ("and the") part them."""
        begin = lo
        for k in range(lo, hi + 1):
            if k == hi or (not toks[k].capital and folded[k] in _ENGLISH_CONNECTORS):
                if k > begin:
                    self._unlinked_run(toks, folded, begin, k, out)
                begin = k + 1

    def _unlinked_run(
        self, toks: tuple[Token, ...], folded: list[str], lo: int, hi: int, out: list[Span]
    ) -> None:
        # Leading English words, titles and lowercase connectors are not part of the name.
        while lo < hi and (
            (folded[lo] in self._common and folded[lo] not in PLACE_HEADS | GROUP_HEADS)
            or (not toks[lo].capital and not self._article_before_capital(toks, folded, lo))
        ):
            lo += 1
        while hi > lo and (
            not toks[hi - 1].capital
            or (folded[hi - 1] in self._common and not self._article_before_capital(toks, folded, hi - 2))
        ):
            hi -= 1
        if hi - lo < 1 or hi - lo > MAX_SPAN_TOKENS:
            return
        first = folded[lo]
        has_article = any(
            self._article_before_capital(toks, folded, k) for k in range(lo, hi - 1)
        )
        head = first in PLACE_HEADS or first in GROUP_HEADS or first in PERSON_HEADS
        if not has_article and not (head and hi - lo >= 2):
            return
        if any(folded[k] in self._given for k in range(lo, hi) if toks[k].capital) and not head:
            return
        kind = (
            "place" if first in PLACE_HEADS
            else "org" if first in GROUP_HEADS
            else "person" if first in PERSON_HEADS
            else None
        )
        if self.kinds is not None and kind is not None and kind not in self.kinds:
            return
        out.append(Span(toks[lo].start, toks[hi - 1].end, (), False, kind))

    @staticmethod
    def _article_before_capital(toks: tuple[Token, ...], folded: list[str], k: int) -> bool:
        """toks[k] is an article of the capitalized word after it: "al-Saleh", "Al Qaeda"."""
        if k + 1 >= len(toks) or not toks[k + 1].capital:
            return False
        word = folded[k]
        if word in ("al", "el"):
            return True
        return word in ARTICLES and toks[k + 1].joined == HYPHEN

    def _arabic_spans(self, text: str, toks: tuple[Token, ...], lang: str = "") -> tuple[Span, ...]:
        out: list[Span] = []
        i, n = 0, len(toks)
        stopwords = _PERSIAN_STOPWORDS if lang == "fa" else _ARABIC_STOPWORDS
        while i < n:
            if normalize_arabic(toks[i].text) in stopwords:
                i += 1
                continue
            found = self._longest_arabic(text, toks, i, lang, stopwords)
            if found is None:
                i += 1
                continue
            start, end, hits, lemma, preposition = found
            if end == i + 1 and not self._lone_arabic_word_ok(lemma or text[start : toks[i].end], hits):
                i += 1
                continue
            single = end == i + 1
            if lang == "ar":
                word = lemma or text[start : toks[end - 1].end]
                hits = tuple(h for h in hits if not _persian_only(h, word))
                if not hits:
                    i += 1
                    continue
            if single and _nisba(lemma or text[start : toks[i].end], hits[0]):
                i += 1
                continue
            if single and lang == "fa" and not notable(hits[0].entity):
                # Persian common words spell many Arabic village names (حومه "suburbs",
                # آماده "ready"): alone, a Persian word names only a well-known entity.
                i += 1
                continue
            weak = single and not preposition and (
                len(normalize_arabic(toks[i].text)) <= 3 or not notable(hits[0].entity)
            )
            common = single and normalize_arabic(lemma or text[start : toks[i].end]) in arabic_common()
            out.append(Span(start, toks[end - 1].end, hits, weak, lemma=lemma, common=common))
            i = end
        return tuple(out)

    def _lone_arabic_word_ok(self, word: str, hits: tuple[Hit, ...]) -> bool:
        """A common word ("النصر" victory, "المدينة" the city) alone names only a well-known
        entity."""
        normalized = normalize_arabic(word)
        # The list is read on the first Arabic chunk, not for English text.
        if normalized not in arabic_common():
            return True
        entity = hits[0].entity
        if entity.kind != "place" or "curated" in entity.source:
            return True
        # The article on a name that has none makes a word of it: "السورية" (the Syrian) is
        # not سورية (Syria); a name that some entity carries with its article is spelled so
        # (اللاذقية, the governorate's spelling of the city's name).
        names = [n for h in hits for n in (h.entity.arabic, *h.entity.aliases, h.matched)]
        if normalized.startswith("ال") and normalized not in {normalize_arabic(n) for n in names}:
            return False
        # A hamza written where none of the names has one: "وأن" (and that) is not وان (Van).
        if any(ch in _HAMZA for ch in word) and not any(ch in _HAMZA for name in names for ch in name):
            return False
        # A large town stays a candidate; the document decides (rasm.text.context).
        return named_by_common_word(entity)

    def _longest_arabic(
        self, text: str, toks: tuple[Token, ...], i: int, lang: str = "",
        stopwords: frozenset[str] = _ARABIC_STOPWORDS,
    ) -> tuple[int, int, tuple[Hit, ...], str | None, bool] | None:
        """(start, end token, hits, lemma, preposition) of the longest name starting at
        toks[i]. Readings of the first word: whole; without a clinging conjunction or
        preposition; in Arabic, without a stack of them (و + ل + دمشق, ف + الرقة)."""
        first = toks[i]
        heads: list[tuple[int, str, bool]] = [(first.start, first.text, False)]
        if lang == "ar":
            heads += [
                (first.start + r.skip, r.text, r.preposition)
                for r in arabic_script.proclitic_readings(first.text)
            ]
        elif first.text[0] in _ARABIC_PREFIXES and len(first.text) >= 4:
            # A clinging conjunction or preposition (و ب ل ف ك) before a name without its article.
            heads.append((first.start + 1, first.text[1:], first.text[0] in "بلك"))
        for end in range(min(len(toks), i + MAX_SPAN_TOKENS), i, -1):
            last = toks[end - 1]
            if normalize_arabic(last.text) in stopwords:
                continue
            found: list[tuple[float, int, tuple[Hit, ...], str | None, bool]] = []
            for start, head, preposition in heads:
                if end == i + 1:
                    readings = [head]
                else:
                    readings = [head + text[first.end : last.end]]
                if lang == "fa":
                    # Persian: a ZWNJ suffix on the last word, an article joined to the word.
                    tail = head if end == i + 1 else last.text
                    prefix = readings[0][: len(readings[0]) - len(tail)]
                    readings += [prefix + r for r in arabic_script.persian_readings(tail)]
                for reading in readings:
                    hits = self.arabic_hits(reading)
                    if hits and (end > i + 1 or hits[0].method == "arabic"):
                        surface = text[start : last.end]
                        lemma = None if reading == surface else reading
                        # The best fit of the reading, whichever entity the order puts first.
                        found.append((max(h.score for h in hits), -start, hits, lemma, preposition))
            if found:
                # The better reading; on a tie the whole word (وادي is Wadi, not و + ادي), then
                # the reading as written.
                best = max(found, key=lambda f: (f[0], f[1], f[3] is None))
                return -best[1], end, best[2], best[3], best[4]
        return None


_INFLECTING = frozenset({"ru", "uk", "tr", "tr?"})


# Languages written in Arabic letters whose names of a place are not Arabic spellings of it.
_OTHER_ARABIC_SCRIPT = frozenset({"fas", "prs", "pus", "urd", "ckb", "kur"})


def _persian_only(hit: Hit, word: str) -> bool:
    """In Arabic text, a word ending in ta marbuta read as a name the entity has only in Persian
    (Kurdish, Urdu) spelling, with a final ha: "التركية" (the adjective Turkish) is not "ترکیه"
    (Turkey in Persian). Other Persian spellings (عفرین) are Arabic ones as well."""
    if not (word.endswith("ة") and hit.matched.endswith(("ه", "ە"))):
        return False
    entity = hit.entity
    codes = {code for code, name in entity.langs if name == hit.matched}
    if not codes or not codes <= _OTHER_ARABIC_SCRIPT:
        return False
    # The same letters as the Arabic name (ادلب for إدلب) are an Arabic spelling too.
    return normalize_arabic(hit.matched) != normalize_arabic(entity.arabic)


def _nisba(word: str, hit: Hit) -> bool:
    """An Arabic adjective of relation made from the name: "التركية" (Turkish) is not تركيا,
    "السورية" not سوريا. The table's spelling itself ending so (اللاذقية) is the name."""
    return (
        normalize_arabic(word).endswith("يه")
        and not normalize_arabic(hit.matched).endswith("يه")
        and hit.entity.kind == "place"
    )


_warned: set[str] = set()


def _normal_forms(word: str, lang: str) -> tuple[str, ...]:
    """The nominatives `word` may come from: pymorphy3's, then the regular paradigms' guesses.
    Without the `langs` extra, the guesses only, and one warning saying what is missing."""
    from rasm.text.lang import russian

    try:
        known = russian.normal_forms(word, lang)
    except MissingExtraError as exc:
        if lang not in _warned:
            _warned.add(lang)
            warnings.warn(f"{exc}; inflected names are read by ending rules only",
                          RuntimeWarning, stacklevel=2)
        known = ()
    return known + tuple(g for g in russian.paradigm_guesses(word, lang) if g not in known)


def _names_despite_common(hit: Hit, folded: str, surface: str) -> bool:
    """Common words that still name the entity: an exact spelling of a party or hand-curated
    entry ("Sana", "Gaddafi"), or a well-known place's own name ("Turkey") — not a name it
    merely carries ("Eastern" of Eastern Governorate) or one that folds to it in Latin ("Big"
    is not Biga). Another script's letters fold by design ("Мосул", "İran")."""
    entity = hit.entity
    if entity.kind != "place" or "curated" in entity.source:
        return hit.method in ("exact", "folded") and hit.score >= 0.99
    spelled = hit.method == "exact" or (hit.method == "folded" and not surface.isascii())
    return spelled and named_by_common_word(entity) and fold(entity.canonical) == folded


def _hit_order(hit: Hit) -> tuple[float, int, int, int, int, int, str]:
    # Best score first; among equals a hand-curated or larger entity, then the matcher's own
    # preference (one with a public reference, the city before its governorate, the more
    # populous: Syria's Homs before Libya's al-Khums), then a stable order.
    curated, has_ref, placetype_rank, population = entity_preference(hit.entity)
    return (-hit.score, -curated, -notable(hit.entity), -has_ref, -placetype_rank, -population,
            hit.entity.id)
