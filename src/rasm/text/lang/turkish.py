"""Turkish: a proper noun keeps its spelling and takes its suffixes after an apostrophe
("Halep'i", "Şam'da", "Humus'tan", "Bağdat'tan", "Nusra Cephesi'nin"). The base is what comes
before the apostrophe; the suffix is checked against Turkish vowel harmony (its vowels follow
the base's last vowel: a/ı after a ı o u, e/i after e i ö ü, four-way ı i u ü for the high
suffixes) and consonant alternation (d of -da/-dan/-dır hardens to t after a voiceless
consonant: Bağdat'tan, Humus'ta; genitive/accusative/dative take a buffer n or y after a vowel:
Musul'un but Deyrizor'un, Hama'ya, Suriye'nin).

A suffix that obeys harmony is strong evidence that the base is a name; one that does not
(foreign names follow their pronunciation: "Idlib'e" is fine, "Aleppo'ya" too) still yields the
base, marked as weaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "'’ʼ`‘"
_BACK = "aıou"
_FRONT = "eiöü"
_LOWER_VOWELS = _BACK + _FRONT + "âîû"
_VOICELESS = "çfhkpsştÇFHKPSŞT"
# Suffix chains after a name: case, possessive/relative (-ki), plural, copula, with- (-lI),
# written with archiphonemes: A = a/e, I = ı/i/u/ü, D = d/t, N/Y = buffer consonants.
_MORPHEMES = (
    "NIn", "NI", "YI", "YA", "NA", "DA", "DAn", "NDA", "NDAn", "YlA", "lA", "lAr", "lArI",
    "DIr", "ki", "lI", "lIk", "cA", "ylA", "yken", "DI", "sI", "sInI", "sInA", "sIndA",
)
_MAX_MORPHEMES = 3


@dataclass(frozen=True, slots=True)
class Split:
    base: str  # the name as written before the apostrophe
    suffix: str  # what follows the apostrophe (without it)
    harmonic: bool  # the suffix obeys vowel harmony and consonant alternation after the base


def turkish_lower(text: str) -> str:
    """Lowercase by Turkish rules: I -> ı, İ -> i (Python's lower() gives i and i + dot)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def _last_vowel(word: str) -> str | None:
    for ch in reversed(turkish_lower(word)):
        if ch in _LOWER_VOWELS:
            return {"â": "a", "î": "i", "û": "u"}.get(ch, ch)
    return None


@lru_cache(maxsize=4096)
def _suffix_re(vowel: str, final: str) -> re.Pattern[str]:
    """The suffix chains allowed after a base whose last vowel is `vowel` and last letter
    `final`."""
    back = vowel in _BACK
    a = "a" if back else "e"
    i = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[vowel]
    after_vowel = turkish_lower(final) in _LOWER_VOWELS
    d = "t" if final in _VOICELESS else "d"

    def spell(m: str, first: bool) -> str:
        out = m.replace("A", a).replace("I", i)
        if first:
            out = out.replace("D", d)
            out = out.replace("N", "n" if after_vowel else "").replace("Y", "y" if after_vowel else "")
        else:
            out = out.replace("D", "[dt]").replace("N", "n?").replace("Y", "y?")
        return out

    firsts = "|".join(sorted({spell(m, True) for m in _MORPHEMES}, key=len, reverse=True))
    # Later morphemes follow the harmony of the chain; accept either harmony class loosely.
    rest = "|".join(sorted({spell(m, False) for m in _MORPHEMES}
                           | {spell(m.replace("A", "a").replace("I", "ı"), False) for m in _MORPHEMES}
                           | {spell(m.replace("A", "e").replace("I", "i"), False) for m in _MORPHEMES}
                           | {spell(m.replace("A", "a").replace("I", "u"), False) for m in _MORPHEMES}
                           | {spell(m.replace("A", "e").replace("I", "ü"), False) for m in _MORPHEMES},
                           key=len, reverse=True))
    return re.compile(rf"(?:{firsts})(?:{rest}){{0,{_MAX_MORPHEMES - 1}}}")


def split(word: str) -> Split | None:
    """The name and suffix of `word` when it is written name + apostrophe + suffix."""
    for k, ch in enumerate(word):
        if ch in APOSTROPHES and 0 < k < len(word) - 1:
            base, suffix = word[:k], word[k + 1 :]
            if not suffix.isalpha() or not suffix.islower():
                return None  # O'Brien, Qal'At: not a suffix
            return Split(base, suffix, harmonic(base, suffix))
    return None


def harmonic(base: str, suffix: str) -> bool:
    vowel = _last_vowel(base)
    if vowel is None:  # an acronym: harmony follows its spoken letters (IŞİD'in); accept
        return True
    return _suffix_re(vowel, base[-1]).fullmatch(turkish_lower(suffix)) is not None
