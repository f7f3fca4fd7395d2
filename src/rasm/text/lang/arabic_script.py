"""Arabic-script words as Arabic and Persian write names inside them.

Arabic joins its proclitics to the next word in a fixed order: a conjunction (و "and", ف "so"),
then a preposition (ب "in/by", ك "like", ل "to/for"), then the article ال, whose alef drops after
ل: "ولدمشق" = و + ل + دمشق, "وبحلب" = و + ب + حلب, "فالرقة" = ف + الرقة, "وللرقة" = و + ل + الرقة.
`proclitic_readings` lists the readings of a word with those stacks taken off, in that order
only, so a word that merely begins with one of these letters (بغداد, وادي) keeps its own reading
first and the caller prefers it when both name something.

Persian (hand-written rather than hazm, whose dependencies bring gensim, scikit-learn and
fasttext for what is here a dozen lines) writes the zero-width non-joiner (ZWNJ, U+200C) inside
compounds ("حزب‌الله") and before suffixes ("سوریه‌ای", "شهرها"), and sometimes joins the Arabic
article to the word before it ("دیرالزور"). `persian_readings` gives the word with its ZWNJ
suffix dropped, and with the joined article split off; the Arabic/Persian letter variants (ی/ي,
ک/ك, ه/ة) are already erased by `rasm.names.arabic.normalize_arabic` before any look-up.
"""

from __future__ import annotations

from dataclasses import dataclass

ZWNJ = "\u200c"
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بكل"
MIN_REST = 3
# Suffixes Persian writes after a ZWNJ: plural, ezafe/indefinite/adjectival ye, object marker.
_PERSIAN_SUFFIXES = ("هایی", "های", "ها", "ای", "یی", "ی", "را", "اش", "شان")


@dataclass(frozen=True, slots=True)
class Reading:
    skip: int  # letters of the surface word before the name (proclitics left out of the mention)
    text: str  # what to look up
    preposition: bool  # a preposition was taken off: the word is "in/to/by X"


def proclitic_readings(word: str) -> list[Reading]:
    """Readings of `word` without its proclitics, fewest taken off first (the whole word is not
    included)."""
    out: list[Reading] = []
    pos = 0
    if len(word) > pos + MIN_REST and word[pos] in _CONJUNCTIONS:
        pos += 1
        out.append(Reading(pos, word[pos:], False))
    if len(word) > pos + MIN_REST and word[pos] in _PREPOSITIONS:
        if word[pos] == "ل" and word[pos + 1] == "ل":
            # ل + ال: the article's alef is not written ("للرقة" = ل + الرقة), nor, before a
            # word starting with ل, its lam ("للاذقية" = ل + اللاذقية); the mention keeps "لل…".
            rest = word[pos + 1 :]
            out.append(Reading(pos, "ا" + rest, True))
            out.append(Reading(pos, "ال" + rest, True))
        else:
            out.append(Reading(pos + 1, word[pos + 1 :], True))
    return out


def persian_readings(word: str) -> list[str]:
    """Other spellings of one Persian word to look up: without a ZWNJ suffix, with a joined
    article split off."""
    out: list[str] = []
    if ZWNJ in word:
        head, _, tail = word.rpartition(ZWNJ)
        if tail in _PERSIAN_SUFFIXES and len(head) >= MIN_REST:
            out.append(head)
    for k in range(2, len(word) - 3):
        # "دیرالزور" -> "دیر الزور": the article after at least two letters, before at least two.
        if word[k : k + 2] == "ال" and word[k - 1] != ZWNJ:
            out.append(f"{word[:k]} {word[k:]}")
            break
    return out
