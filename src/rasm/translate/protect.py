"""Names survive translation: find them, hide them behind placeholders, put them back.

Before a sentence goes to the model, every name a finder reports (the core's mentions, a user
glossary) is replaced by a placeholder `ZZ<n>` (n counts from 0 in each sentence). OPUS-MT-style
models copy such Latin tokens through unchanged; the tiny test model is trained to. After
translation each placeholder is replaced by the name's target form: the entity's canonical
English name, or the glossary's rendering.

A model can still drop or garble a placeholder. `restore` is tolerant of spacing and case
("zz 0") and reports what it could not place; the pipeline then retries that sentence once with
the names written inline in their English form (the model usually copies Latin words too), and
if a name is still missing it is appended to the sentence in parentheses, so no name is ever
lost silently (the Translation's ProtectedName.restored says which way each name came back).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasm.names.arabic import normalize_arabic

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer

PLACEHOLDER = "ZZ{}"
_PLACEHOLDER_RE = re.compile(r"\b[Zz]\s?[Zz]\s?(\d{1,3})\b")
# Arabic-script letters and marks; not its punctuation (، ؛ ؟ ۔) or digits.
_ARABIC_WORD_RE = re.compile("[\u0621-\u065f\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
# One-letter proclitics that cling to an Arabic name: and, with/in, to/for, so, like.
_PROCLITICS = "وبلفك"
_MAX_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name in a text: [start, end) and what the translation must say instead."""

    start: int
    end: int
    target: str
    id: str | None = None


# Anything that finds names: text -> spans. The core's mentions and glossaries are two.
NameFinder = Callable[[str], Sequence[NameSpan]]


@dataclass(frozen=True, slots=True)
class Slot:
    """One protected name in one sentence."""

    placeholder: str
    source: str
    target: str
    id: str | None


@dataclass(frozen=True, slots=True)
class Protected:
    text: str  # the sentence with placeholders
    slots: tuple[Slot, ...]

    def inline(self) -> str:
        """The sentence with each placeholder replaced by the name's target form."""
        by_index = {s.placeholder: s.target for s in self.slots}
        return _PLACEHOLDER_RE.sub(lambda m: by_index.get(PLACEHOLDER.format(m.group(1)), m.group()),
                                   self.text)


@dataclass(frozen=True, slots=True)
class Restored:
    text: str
    missing: tuple[Slot, ...]  # slots whose placeholder the model did not produce
    unknown: tuple[str, ...]  # placeholders in the output that the input did not have


def merge_finders(*finders: NameFinder) -> NameFinder:
    """A finder that runs each of `finders`; where spans overlap the earlier finder wins."""

    def find(text: str) -> list[NameSpan]:
        return [span for finder in finders for span in finder(text)]

    return find


def protect(sentence: str, spans: Iterable[NameSpan]) -> Protected:
    """`sentence` with the (non-overlapping, first-come) spans replaced by ZZ0, ZZ1, ..."""
    chosen: list[NameSpan] = []
    for span in spans:
        if span.start < span.end and not any(span.start < c.end and c.start < span.end
                                              for c in chosen):
            chosen.append(span)
    chosen.sort(key=lambda s: s.start)
    out: list[str] = []
    slots: list[Slot] = []
    pos = 0
    for n, span in enumerate(chosen):
        placeholder = PLACEHOLDER.format(n)
        before = sentence[pos:span.start]
        out.append(before)
        # Keep the placeholder a word of its own (a proclitic left before it, a suffix after).
        if before and before[-1].isalnum():
            out.append(" ")
        out.append(placeholder)
        if span.end < len(sentence) and sentence[span.end].isalnum():
            out.append(" ")
        slots.append(Slot(placeholder, sentence[span.start:span.end], span.target, span.id))
        pos = span.end
    out.append(sentence[pos:])
    return Protected("".join(out), tuple(slots))


def restore(translated: str, slots: Sequence[Slot]) -> Restored:
    """Placeholders in `translated` replaced by their names' target forms."""
    by_placeholder = {s.placeholder: s for s in slots}
    seen: set[str] = set()
    unknown: list[str] = []

    def put_back(match: re.Match[str]) -> str:
        key = PLACEHOLDER.format(int(match.group(1)))
        slot = by_placeholder.get(key)
        if slot is None:
            unknown.append(match.group())
            return ""
        seen.add(key)
        return slot.target

    text = _PLACEHOLDER_RE.sub(put_back, translated)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    missing = tuple(s for s in slots if s.placeholder not in seen)
    return Restored(text, missing, tuple(unknown))


def contains_name(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as whole words, ignoring case."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def append_missing(text: str, names: Sequence[str]) -> str:
    """The last resort for names the model lost: `text (Name1, Name2)`."""
    if not names:
        return text
    extra = f"({', '.join(dict.fromkeys(names))})"
    if text and text[-1] in ".!?":
        return f"{text[:-1]} {extra}{text[-1]}"
    return f"{text} {extra}".strip()


def glossary_finder(glossary: Mapping[str, str] | Iterable[str]) -> NameFinder:
    """Whole-word occurrences of a user's do-not-translate terms. A mapping gives each term's
    rendering in the translation (e.g. {"الحشد الشعبي": "Popular Mobilization Forces"}); a plain
    list keeps each term as it is."""
    terms = dict(glossary) if isinstance(glossary, Mapping) else {t: t for t in glossary}
    terms = {k.strip(): v.strip() for k, v in terms.items() if k.strip()}
    if not terms:
        return lambda text: []
    # Longest first, so a longer term wins over a term it contains.
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in sorted(terms, key=len, reverse=True))
    )

    def find(text: str) -> list[NameSpan]:
        return [NameSpan(m.start(), m.end(), terms[m.group()]) for m in pattern.finditer(text)]

    return find


def gazetteer_finder(gazetteer: Gazetteer | None = None) -> NameFinder:
    """Arabic-script names of a gazetteer's entities in running text: the longest run of up to
    five words that is an entity's Arabic name (up to orthographic variation), with a clinging
    proclitic (و ب ل ف ك) left outside the name. Only unambiguous names are protected: when
    entities with different canonical forms share a spelling, the translation decides.

    Exact and context-free, so meant for curated gazetteers (a user's list of actors): over
    the built-in tables, whose place names include common words (المدينة is also a town),
    the core's context-aware mention finder is the one to use, and the default."""

    def find(text: str) -> list[NameSpan]:
        from rasm.gazetteer import builtin_gazetteer

        gaz = gazetteer if gazetteer is not None else builtin_gazetteer()
        words = [(m.start(), m.end()) for m in _ARABIC_WORD_RE.finditer(text)]
        spans: list[NameSpan] = []
        i = 0
        while i < len(words):
            span, used = _longest_name(gaz, text, words, i)
            if span is not None:
                spans.append(span)
            i += used
        return spans

    return find


def _longest_name(gaz: Gazetteer, text: str, words: list[tuple[int, int]],
                  i: int) -> tuple[NameSpan | None, int]:
    """The longest name starting at word i and the words it covers; (None, n) when the longest
    spelling is ambiguous (its words are not then read as shorter names: دير of دير الزور is
    not a place on its own), (None, 1) when no name starts there."""
    for n in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
        start, end = words[i][0], words[i + n - 1][1]
        # Words of one name are separated by spaces only (not by punctuation).
        if any(text[words[j][1]:words[j + 1][0]].strip() for j in range(i, i + n - 1)):
            continue
        for skip in (0, 1):
            if skip and not (text[start] in _PROCLITICS and end - start > 3):
                continue
            surface = text[start + skip:end]
            entities = gaz.by_arabic(surface)
            if not entities or len(normalize_arabic(surface)) < 2:
                continue
            if len({e.canonical for e in entities}) > 1:
                return None, n
            ids = {e.id for e in entities}
            return NameSpan(start + skip, end, entities[0].canonical,
                            entities[0].id if len(ids) == 1 else None), n
    return None, 1


def mention_finder(gazetteer: Gazetteer | None = None,
                   threshold: float | None = None) -> NameFinder | None:
    """The core's own mention finder (rasm.text.find_mentions) as a NameFinder, or None while the
    core does not provide one. Only mentions resolved to an entity are protected."""
    try:
        from rasm.text import find_mentions
    except ImportError:
        return None

    def find(text: str) -> list[NameSpan]:
        return [NameSpan(m.start, m.end, m.canonical, m.id)
                for m in find_mentions(text, gazetteer=gazetteer, threshold=threshold)
                if m.id is not None and m.canonical]

    return find


def core_finder(gazetteer: Gazetteer | None = None, threshold: float | None = None) -> NameFinder:
    """The finder the pipeline uses by default: the core's mentions (rasm.text.find_mentions,
    which reads Arabic, Latin and Cyrillic text in context); the exact Arabic-name scan only
    where the core has no mention finder."""
    mentions = mention_finder(gazetteer, threshold)
    return mentions if mentions is not None else gazetteer_finder(gazetteer)
