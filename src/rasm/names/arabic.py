"""Arabic-script names (Arabic and Persian letters): orthographic normalization and the bridge
to Latin keys.

Writers vary alef and hamza forms, ta marbuta vs ha, alef maqsura vs ya, Persian vs Arabic kaf
and ya, tatweel and optional diacritics. `normalize_arabic` erases all of those, so equal
normalized strings are the same spelling. `arabic_keys` maps the consonants onto the skeleton
alphabet of `rasm.names.fold`, which is what lets an Arabic query find an entry that has only Latin
spellings (دير الزور -> drzr <- Deir ez-Zor).
"""

from __future__ import annotations

import re
import unicodedata

from rasm.names.fold import NameKeys

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, and tatweel.
_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ORTHOGRAPHY = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8",
    "٩": "9", "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7",
    "۸": "8", "۹": "9",
})
_NON_WORD_RE = re.compile(r"[^\w]+")
_ARABIC_LETTER_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

# Consonants in the skeleton alphabet of rasm.names.fold; long vowels, ayn and hamza write nothing.
_SKELETON = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "ژ": "j", "ح": "h", "ه": "h",
    "خ": "x", "د": "d", "ذ": "d", "ض": "d", "ر": "r", "ز": "z", "ظ": "z", "س": "s", "ص": "s",
    "ش": "S", "چ": "S", "غ": "G", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "گ": "k", "ل": "l",
    "م": "m", "ن": "n", "ک": "k", "ڪ": "k",
}
_DOUBLE_RE = re.compile(r"(.)\1+")
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")


def has_arabic(text: str) -> bool:
    return _ARABIC_LETTER_RE.search(text) is not None


def normalize_arabic(text: str) -> str:
    """Arabic-script text with orthographic variation removed, words separated by one space."""
    text = unicodedata.normalize("NFKC", text)  # presentation forms -> letters
    text = _DIACRITICS_RE.sub("", text).translate(_ORTHOGRAPHY)
    return _NON_WORD_RE.sub(" ", text).strip()


def strip_article(word: str) -> str:
    """The word without its article (and a clinging preposition): الزور -> زور."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


def _skeleton_word(word: str, construct: bool) -> str:
    """`construct`: another word follows, so a final ta marbuta is pronounced and written -at
    (جبهة النصرة -> Jabhat al-Nusra); at the end of a name it is silent (-a/-ah)."""
    if word.isdigit():
        return word
    consonants = "".join(_SKELETON.get(ch, "") for ch in word[:-1])
    last = word[-1:]
    if last == "ة":
        consonants += "t" if construct else ""
    elif not (last in "هح" and consonants):  # a final h is dropped, as rasm.names.fold drops it
        consonants += _SKELETON.get(last, "")
    return _DOUBLE_RE.sub(r"\1", consonants)


# Long vowels, ayn (which Latin spellings mostly write as a vowel: Aqaba, Ain) and ta marbuta
# as Latin vowels, for latin_reading.
_READING_VOWELS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ى": "a", "و": "u", "ي": "i", "ی": "i",
    "ع": "a",
}
_ALEFS = "اأإآٱ"


def latin_reading(name: str, *, construct: bool = True) -> str:
    """A rough Latin reading of an Arabic-script name in the phonetic alphabet of rasm.names.fold:
    consonants plus the long vowels the script writes (short vowels are unknown), words joined.
    الصالحية -> "salhia", close to the phonetic key of "As Salihiyah" ("salihia")."""
    words = _spelled_words(name)
    out = []
    for i, word in enumerate(words):
        letters = []
        for j, ch in enumerate(word):
            if ch == "ة":
                letters.append("at" if construct and i + 1 < len(words) else "a")
            elif (ch in "هح" and j == len(word) - 1 and j > 0) or (j == 0 and ch in _ALEFS):
                continue  # a final h is dropped; an initial alef only carries a vowel
            else:
                letters.append(_SKELETON.get(ch) or _READING_VOWELS.get(ch, ""))
        out.append("".join(letters))
    return _DOUBLE_RE.sub(r"\1", "".join(out))


def _spelled_words(name: str) -> list[str]:
    """Words without articles and diacritics, but with ta marbuta (which normalization folds)."""
    text = _DIACRITICS_RE.sub("", unicodedata.normalize("NFKC", name))
    return [strip_article(w) for w in _NON_WORD_RE.sub(" ", text).split()]


def arabic_keys(name: str, *, construct: bool = True) -> NameKeys:
    """Keys of an Arabic-script name. `folded` holds the normalized Arabic and `phonetic` its
    words without articles: Arabic keys never equal Latin ones except for the skeleton, since
    unvowelled script does not say which vowels a Latin spelling would have. `construct`: a
    ta marbuta before another word is read -at (جبهة النصرة, Jabhat al-Nusra); without it, as
    before an adjective, it is silent (ضبعة صغير, Dab'ah Saghir)."""
    normalized = normalize_arabic(name)
    words = _spelled_words(name)
    skel = [_skeleton_word(w, construct=construct and i + 1 < len(words)) for i, w in enumerate(words)]
    content = tuple(strip_article(w) for w in normalized.split())
    return NameKeys(
        folded=normalized,
        words=content,
        phonetic=" ".join(content),
        skeleton=_DOUBLE_RE.sub(r"\1", "".join(skel)),
        tokens=" ".join(sorted({s for s in skel if s})),
    )
