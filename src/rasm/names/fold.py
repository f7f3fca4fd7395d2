"""Latin-script folding and the phonetic keys names are indexed by.

Romanizations of one Arabic name differ in predictable ways: articles and their assimilation
(al-/el-/ash-/ez-), ayn and hamza marks, vowel letters (e/a/i, ou/u/o, ei/ay), doubled consonants,
ta marbuta endings (-a/-ah/-eh), q/k/g, French digraphs (ch, dj, ou, kh) and word joins. Each name
gets three keys of growing looseness, all computed by the same functions for table names and
queries, so equal keys mean "the same name spelled another way":

- ``folded``:   lowercase ASCII words, marks removed ("deir ez zor")
- ``phonetic``: articles dropped, consonant digraphs unified, vowels reduced to a/i/u, the
  words joined ("dairzur"); tells Homs (hums) from Hamas (hamas)
- ``skeleton``: the phonetic key without vowels ("drzr"), the bridge to unvowelled Arabic script

Arabic-script names reach the same skeleton through `rasm.names.arabic`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

# Ayn, hamza and apostrophe-like marks that romanizations write or omit at will.
_MARKS = "'’‘ʿʾ`´ʼʻ′ʹ"
_MARKS_RE = re.compile(f"[{_MARKS}]")
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")

# Articles that are always articles when another word follows.
_ARTICLES = frozenset({"al", "el", "il", "ul", "ol", "l"})
# Assimilated (sun-letter) articles: an article only if the next word starts with the letter.
_SUN_ARTICLES = {
    prefix + cons: cons
    for prefix in ("a", "e", "u", "i")
    for cons in ("t", "th", "d", "dh", "r", "z", "s", "sh", "ch", "n", "j")
}

# Whole-word spellings of particles that romanizations write many ways.
_WORD_SYNONYMS = {
    **dict.fromkeys(("abdul", "abdel", "abdal", "abdoul", "abdol", "abdil", "abdu"), "abd"),
    **dict.fromkeys(("abou", "abo", "aboo"), "abu"),
    **dict.fromkeys(("ibn", "ben", "bn", "bin"), "bin"),
    **dict.fromkeys(
        ("sheikh", "sheik", "shaykh", "shaikh", "cheikh", "cheik", "chaikh", "chaykh", "shekh",
         "sheykh", "shaik", "sheyh", "seyh", "scheich"),
        "shaykh",
    ),
    **dict.fromkeys(("mohammad", "mohammed", "muhammad", "muhammed", "mohamed", "mohamad",
                     "mehmet", "mohamud", "mohd", "muhamad"), "muhammad"),
}

# Titles dropped before a person's name (but not inside place names).
PERSON_TITLES = frozenset({
    "shaykh", "imam", "mullah", "mulla", "sayyid", "sayyed", "dr", "doctor", "gen", "general",
    "brig", "brigadier", "col", "colonel", "maj", "major", "lt", "lieutenant", "capt", "captain",
    "president", "minister", "emir", "haji", "hajji", "hajj", "ayatollah", "mr", "mrs",
    "ms", "prince", "king", "commander", "cmdr", "judge", "mufti", "grand", "field",
    "marshal", "sgt", "sergeant", "mother", "father", "sister", "brother", "saint", "pope",
})  # not "abu" (a kunya is part of the name) nor "amir"/"sultan" (also given names)

# Consonant digraphs and letters unified across romanization traditions (order matters).
_CONSONANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"dzh", "j"),  # Russian BGN for j (Dzhabkhat)
        (r"sch", "S"),
        (r"tch", "S"),
        (r"ch", "S"),  # French ch = sh
        (r"sh", "S"),
        (r"kh", "x"),
        (r"gh", "G"),
        (r"rh", "G"),  # French for ghayn: Rharbiye = Gharbiyah
        (r"dj", "j"),
        (r"zh", "j"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"ck", "k"),
        (r"[qgc]", "k"),
        (r"v", "f"),
        (r"p", "b"),
    )
)
_VOWEL_RUN_RE = re.compile(r"[aeiouyw]+")
_DOUBLE_RE = re.compile(r"(.)\1+")
_FINAL_H_RE = re.compile(r"(?<=.)h$")
_GLUED_SUN_ARTICLE_RE = re.compile(r"^[ae]l?([tdrzsnj])\1(?=[a-z])")


def fold(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; ayn/hamza marks and accents removed."""
    text = unicodedata.normalize("NFC", text)
    text = _MARKS_RE.sub("", text)
    text = unidecode(text).lower()
    text = _MARKS_RE.sub("", text)  # unidecode writes some marks back as ' or `
    return _NON_WORD_RE.sub(" ", text).strip()


_LONG_VOWEL_RULES = ((re.compile(r"ee|ie"), "i"), (re.compile(r"oo|ou"), "u"))
_VOWEL_LETTERS = str.maketrans("eyow", "aiuu")


def _vowel_run(run: str) -> str:
    """A vowel run in three vowels a/i/u: Saeed, Sa'id and Said all read "ai" (sayd, not sad)."""
    for pattern, repl in _LONG_VOWEL_RULES:
        run = pattern.sub(repl, run)
    return run.translate(_VOWEL_LETTERS)


@lru_cache(maxsize=65536)
def phonetic_word(word: str) -> str:
    """One folded word in phonetic form: unified consonants, vowels as a/i/u, no doubles."""
    if word.isdigit():
        return word
    w = _GLUED_SUN_ARTICLE_RE.sub(r"\1", word)  # "ezzor" -> "zor", "arraqqa" -> "raqqa"
    for pattern, repl in _CONSONANT_RULES:
        w = pattern.sub(repl, w)
    w = _FINAL_H_RE.sub("", w)  # ta marbuta: -ah/-eh/-a all end the same
    w = _VOWEL_RUN_RE.sub(lambda m: _vowel_run(m.group()), w)
    return _DOUBLE_RE.sub(r"\1", w)


def skeleton_word(phonetic: str) -> str:
    """A phonetic word without its vowels: the consonants Arabic script writes."""
    if phonetic.isdigit():
        return phonetic
    return _DOUBLE_RE.sub(r"\1", _VOWEL_RUN_RE.sub("", phonetic))


def _is_article(word: str, following: str | None) -> bool:
    if following is None:
        return False
    if word in _ARTICLES:
        return True
    cons = _SUN_ARTICLES.get(word)
    return cons is not None and following.startswith(cons)


def content_words(folded: str) -> list[str]:
    """Folded words with articles removed and particles spelled one way."""
    words = folded.split()
    out: list[str] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        if _is_article(word, following):
            continue
        out.append(_WORD_SYNONYMS.get(word, word))
    return out


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The keys of one name. `words` are phonetic words, in order."""

    folded: str
    words: tuple[str, ...]
    phonetic: str
    skeleton: str
    tokens: str  # sorted unique word skeletons: word order does not matter


def keys_from_words(folded: str, words: list[str]) -> NameKeys:
    phon = [phonetic_word(w) for w in words]
    skel = [skeleton_word(p) for p in phon]
    return NameKeys(
        folded=folded,
        words=tuple(phon),
        phonetic=_DOUBLE_RE.sub(r"\1", "".join(phon)),
        skeleton=_DOUBLE_RE.sub(r"\1", "".join(skel)),
        tokens=" ".join(sorted({s for s in skel if s})),
    )


def latin_keys(name: str) -> NameKeys:
    """Keys of a Latin-script name."""
    folded = fold(name)
    return keys_from_words(folded, content_words(folded))


def without_title(folded: str) -> str | None:
    """The folded name without its leading person titles ("grand mufti", "dr"), or None when it
    has none. The last word always stays."""
    words = folded.split()
    first = 0
    while first < len(words) - 1 and _WORD_SYNONYMS.get(words[first], words[first]) in PERSON_TITLES:
        first += 1
    return " ".join(words[first:]) if first else None


PLAIN, UNGLUED, UNTITLED, REDUCED, E_AS_I = "plain", "unglued", "untitled", "reduced", "e-as-i"
ACRONYM, SURNAME = "acronym", "surname"

# Words that qualify a place name (upper/lower, east/west, big/small, old/new, ...) and that
# spellings keep or drop at will: "Umm Tuwaynah ash Shamaliyah" is also "Umm Tuwaynah".
# Compared by consonants so that every spelling of them is recognized.
QUALIFIER_SKELETONS = frozenset({
    "fkn", "fk", "thtn", "tht", "Grb", "Srk", "Sml", "jnb", "kbr", "sGr", "kdm", "jdd", "wst",
    "st", "sfl", "l",
})


# Generic words of organisation names that news writes or drops ("Nour al-Din al-Zenki
# [Movement]", "al-Nusra [Front]").
ORG_GENERIC_WORDS = frozenset({
    "front", "movement", "brigade", "brigades", "army", "party", "group", "organization",
    "organisation", "forces", "force", "battalion", "battalions", "council", "coalition",
    "union", "association", "agency", "network", "committee", "militia", "regiment",
})
_ACRONYM_STOPWORDS = frozenset({"of", "and", "the", "for", "in", "on", "al", "el", "li", "fi", "wa", "de"})
ACRONYM_PREFIX, SURNAME_PREFIX = "#acr:", "#sur:"


def acronym_key(folded: str) -> str | None:
    """The initials of a name of three or more words as a key ("syrian arab army" -> #acr:saa)."""
    words = [w for w in folded.split() if w not in _ACRONYM_STOPWORDS and not w.isdigit()]
    if len(words) < 2:
        return None
    return ACRONYM_PREFIX + "".join(w[0] for w in words)


def special_keys(key: str) -> NameKeys:
    """Keys for look-ups by acronym or surname: they agree only with keys of the same kind."""
    return NameKeys(folded=key, words=(), phonetic=key, skeleton="", tokens="")


def drop_generic(words: list[str]) -> list[str] | None:
    """An organisation's name without generic words, or None when it has none to drop."""
    kept = [w for w in words if w not in ORG_GENERIC_WORDS]
    return kept if kept and len(kept) < len(words) else None


def drop_qualifiers(words: list[str]) -> list[str] | None:
    """Content words without trailing qualifiers, or None when there are none to drop."""
    kept = list(words)
    while len(kept) > 1 and skeleton_word(phonetic_word(kept[-1])) in QUALIFIER_SKELETONS:
        kept.pop()
    return kept if len(kept) < len(words) else None


def variant_keys(name: str) -> list[tuple[str, NameKeys]]:
    """Keys of a name plus the readings a query may intend, each labelled: the name as written
    (PLAIN), with a glued article split off ("Alhasakah", UNGLUED), and without a leading
    person title ("Sheikh", "Dr"; UNTITLED, which only a person can match), and without
    trailing qualifiers or generic words ("... al-Gharbi", "... Front"; REDUCED), with e read as
    i (E_AS_I), as an acronym (ACRONYM, when written in capitals) and as a person's family name
    (SURNAME, one word)."""
    folded = fold(name)
    words = content_words(folded)
    out = [(PLAIN, keys_from_words(folded, words))]
    unglued = [w[2:] if len(w) > 5 and w[:2] in ("al", "el") else w for w in words]
    if unglued != words:
        out.append((UNGLUED, keys_from_words(folded, unglued)))
    untitled = without_title(folded)
    if untitled is not None:
        out.append((UNTITLED, keys_from_words(untitled, content_words(untitled))))
    reduced = drop_qualifiers(words) or drop_generic(words)
    if reduced is not None:
        out.append((REDUCED, keys_from_words(" ".join(reduced), reduced)))
    letters = "".join(ch for ch in name if ch.isalpha())
    if 2 <= len(letters) <= 8 and letters.isupper() and len(words) == 1:  # "SAA", "ISIS"
        out.append((ACRONYM, special_keys(ACRONYM_PREFIX + words[0])))
    if len(words) == 1 and not words[0].isdigit():  # "Assad": a person by the family name
        out.append((SURNAME, special_keys(SURNAME_PREFIX + phonetic_word(words[0]))))
    if "e" in folded:  # French and Levantine spellings write kasra as e: Edleb = Idlib
        i_words = [w.replace("e", "i") for w in words]
        out.append((E_AS_I, keys_from_words(" ".join(i_words), i_words)))
    return out
