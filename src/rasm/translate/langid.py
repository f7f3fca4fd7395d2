"""Offline language identification for routing documents to a translation model.

No model, no download: the script of the letters decides the family (Arabic script, Cyrillic,
Latin), then letters and common words unique to each language decide within it:

- Arabic vs Persian: Persian letters پ چ ژ گ ک ی and words (است، را، این، می) against Arabic's
  ة ى ي ك and words (في، من، على، التي).
- Russian vs Ukrainian: і ї є ґ are Ukrainian only.
- Latin: diacritics (Turkish ş ğ ı, French é è ê à œ, German ß ä, Spanish ñ ¿) and the commonest
  function words of English, French, Turkish, German and Spanish.

Good enough for news paragraphs; a single short line can be ambiguous and gets low confidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

UNDETERMINED = "und"

LANGUAGES = ("ar", "fa", "ru", "uk", "tr", "fr", "en", "de", "es")

_WORD_RE = re.compile(r"\w+", re.UNICODE)

# Letters that only one language of its script uses (or nearly so), with their weight.
_LETTERS: dict[str, dict[str, float]] = {
    "fa": {"پ": 3, "چ": 3, "ژ": 3, "گ": 3, "ک": 2, "ی": 2},
    "ar": {"ة": 2, "ى": 1, "ي": 1, "ك": 1, "إ": 1, "أ": 0.5},
    "uk": {"і": 3, "ї": 3, "є": 3, "ґ": 3},
    "ru": {"ы": 2, "э": 2, "ъ": 2, "ё": 2},
    "tr": {"ş": 3, "ğ": 3, "ı": 3, "İ": 3, "ö": 1, "ü": 1, "ç": 1},
    "fr": {"é": 2, "è": 3, "ê": 3, "à": 2, "œ": 3, "ù": 3, "â": 2, "î": 2, "ô": 2, "û": 2,
           "ë": 2, "ï": 2, "ç": 1},
    "de": {"ß": 3, "ä": 3, "ö": 1, "ü": 1},
    "es": {"ñ": 3, "¿": 3, "¡": 3, "á": 2, "í": 2, "ó": 2, "ú": 1},
}
# The commonest words of each language that are not (common) words of its neighbours.
_WORDS: dict[str, frozenset[str]] = {
    "ar": frozenset(["في", "من", "على", "إلى", "التي", "الذي", "أن", "عن", "مع", "هذا", "هذه", "كان", "قد", "لم", "بين", "بعد", "ذلك", "وقال", "حيث"]),
    "fa": frozenset(["است", "را", "این", "که", "می", "های", "برای", "شد", "کرد", "آن", "ها", "یک", "نیز", "شده", "بود", "خود", "وی", "اند"]),
    "ru": frozenset(["и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "они", "из", "за", "от", "был", "было", "были", "для"]),
    "uk": frozenset(["і", "в", "не", "на", "що", "з", "по", "як", "це", "він", "вона", "вони", "із", "за", "від", "був", "було", "були", "для"]),
    "en": frozenset(["the", "and", "of", "to", "is", "was", "that", "for", "on", "with", "said", "by", "were", "has", "have", "it", "from", "are", "this", "at"]),
    "fr": frozenset(["le", "la", "les", "des", "et", "est", "une", "du", "dans", "que", "pour", "sur", "au", "aux", "qui", "avec", "il", "ont", "été", "par", "ce", "selon"]),
    "tr": frozenset(["ve", "bir", "bu", "için", "ile", "olarak", "olan", "ama", "çok", "gibi", "daha", "sonra", "ise", "değil", "kadar", "tarafından"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "nicht", "ein", "eine", "den", "dem", "mit", "sich", "auf", "für", "von", "wurde", "sind"]),
    "es": frozenset(["el", "los", "las", "del", "y", "que", "en", "por", "con", "para", "una", "es", "se", "fue", "al", "como", "su", "sus"]),
}
_FAMILIES = {"arabic": ("ar", "fa"), "cyrillic": ("ru", "uk"),
             "latin": ("en", "fr", "tr", "de", "es")}
_DEFAULT = {"arabic": "ar", "cyrillic": "ru", "latin": "en"}


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str  # ISO 639-1 code, or "und"
    confidence: float  # 0..1: share of the evidence that points to `lang`
    script: str  # arabic | cyrillic | latin | other


def _script_counts(text: str) -> Counter[str]:
    # Each distinct character is classified once (a Unicode name look-up is slow); scripts
    # are counted in the order they first occur, as most_common breaks ties by that order.
    counts: Counter[str] = Counter()
    for ch, n in Counter(text).items():
        script = _script_of(ch)
        if script:
            counts[script] += n
    return counts


@lru_cache(maxsize=8192)
def _script_of(ch: str) -> str:
    """The script of a letter ("" for anything else)."""
    if not ch.isalpha():
        return ""
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
        return "arabic"
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return "latin" if name.startswith("LATIN") else "other"


def identify(text: str) -> LanguageGuess:
    """The language of `text` among LANGUAGES; "und" when it has no letters of a known script."""
    counts = _script_counts(text)
    if not counts:
        return LanguageGuess(UNDETERMINED, 0.0, "other")
    script, _ = counts.most_common(1)[0]
    if script not in _FAMILIES:
        return LanguageGuess(UNDETERMINED, 0.0, script)
    candidates = _FAMILIES[script]
    scores = dict.fromkeys(candidates, 0.0)
    letters = Counter(text)
    for lang in candidates:
        scores[lang] += sum(letters[ch] * w for ch, w in _LETTERS.get(lang, {}).items())
    # Words count more than letters: a news sentence has a few function words, each decisive.
    for word in _WORD_RE.findall(text.lower()):
        for lang in candidates:
            if word in _WORDS[lang]:
                scores[lang] += 4.0
    total = sum(scores.values())
    if total == 0:
        return LanguageGuess(_DEFAULT[script], 0.0, script)
    best = max(candidates, key=lambda lang: (scores[lang], lang == _DEFAULT[script]))
    return LanguageGuess(best, scores[best] / total, script)


def detect_language(text: str) -> str:
    """`identify(text).lang`."""
    return identify(text).lang
