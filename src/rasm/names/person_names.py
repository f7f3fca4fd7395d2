"""A person's name split into its parts, the way Arabic onomastics and sanctions lists write it.

An Arabic name is a sequence of parts, each with a role: the given name (ism), the father's and
grandfather's names (nasab, with or without bin/ibn/bint/ould/walad), the family, tribal or
place name (nisba: al-Tikriti), the kunya (Abu Muhammad, Umm Hasan) and titles that are no part
of the name (Sheikh, Hajji, Dr, General). A part may be written as several words (Abd al-Rahman,
Nur al-Din, Saif al-Islam) or glued (Abdulrahman, Nureddine): it stays one part, with one key.
Lists write "FAMILY, Given Middle"; prose writes "Given Middle Family". Western, Persian and
Turkish names go through the same parse: their words are parts, their last word the family.

Only Latin-script (or romanized) names are parsed; matching is in `rasm.names.party_score`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasm.names.fold import PERSON_TITLES, fold, phonetic_word, skeleton_word

GIVEN, NASAB, FAMILY, KUNYA, INITIAL = "given", "nasab", "family", "kunya", "initial"

_ARTICLES = frozenset({"al", "el", "il", "ul", "ol", "l", "ad", "ed", "ud", "ar", "er", "ur",
                       "as", "es", "us", "ash", "esh", "ush", "at", "et", "ut", "az", "ez", "uz",
                       "an", "en", "un", "ath", "adh", "ech"})
_NASAB_MARKERS = frozenset({"bin", "ibn", "ben", "bn", "bint", "binti", "ould", "walad", "wuld",
                            "oglu", "ogly", "ibni"})
_KUNYA_MARKERS = {"abu": "abu", "abou": "abu", "abo": "abu", "aboo": "abu", "umm": "umm",
                  "um": "umm", "oum": "umm", "omm": "umm", "ummu": "umm"}
_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdoul", "abdol", "abdil", "abdu", "abed",
                  "abdur", "abdus", "abdulla"})
# Second elements that make one part with the word before them: Nur al-Din, Saif al-Islam,
# Fadl Allah.
_SECONDS = {
    **dict.fromkeys(("din", "deen", "dine", "dean", "ddin", "ddine", "eddine", "eddin", "uddin",
                     "addin", "edin", "udin"), "din"),
    **dict.fromkeys(("islam", "eslam", "islem"), "islam"),
    **dict.fromkeys(("allah", "ullah", "ollah", "llah", "lah", "alla", "ulla", "olla"), "allah"),
}
# First elements of compounds written without an article: Nur Din, Saif Islam.
_FIRSTS = frozenset({"nur", "nour", "noor", "saif", "seif", "sayf", "saifu", "badr", "izz", "ezz",
                     "shams", "salah", "salahu", "jamal", "kamal", "najm", "alaa", "ala",
                     "taj", "zain", "zayn", "zein", "fakhr", "diya", "dia", "ziya", "muhi", "mohi",
                     "muhyi", "nasr", "fadl", "hibat", "jihad", "sharaf", "qutb", "imad", "emad",
                     "nizam", "baha", "bahaa", "abd"})
# Glued compounds: Abdulrahman, Abdurrahman; Nureddine, Najmuddin, Saifulislam, Abdullah.
_GLUED_ABD = re.compile(r"^ab[d]+(?:ul|el|al|ol|oul|il|u|e|a|o|i)?(?P<rest>[a-z]{3,})$")
_GLUED_SECOND = re.compile(
    r"^(?P<first>[a-z]{2,}?)(?:[uoeai][ldrsztn]{1,2}|[uoeai])?(?P<second>din|dine|deen|islam|ullah|allah|ollah)$"
)
_TITLES = PERSON_TITLES | {"sheikh", "sheik", "shaikh", "shaykh", "cheikh", "sayed", "sayid",
                           "seyed", "seyyed", "sayyed", "syed", "hajj", "hadji", "haj", "al-hajj",
                           "engineer", "eng", "prof", "professor", "sir", "mrs", "lord",
                           "ustadh", "ustaz", "qadi", "mawlawi", "maulvi", "mullah", "molla",
                           "mirza", "pasha", "bey", "effendi", "agha"}


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a name: what was written, its role, and keys to compare it by."""

    text: str  # the words as written (folded), e.g. "abd al rahman"
    role: str  # GIVEN, NASAB, FAMILY, KUNYA or INITIAL
    phonetic: str  # fold.phonetic_word of the joined elements, articles dropped
    skeleton: str

    @property
    def initial(self) -> str:
        return self.text[:1]


@dataclass(frozen=True, slots=True)
class PersonName:
    """A parsed name: its parts in natural order (given first) and the titles left out."""

    text: str
    parts: tuple[Part, ...]
    titles: tuple[str, ...] = ()
    listed: bool = False  # written "FAMILY, Given" as lists do

    @property
    def given(self) -> Part | None:
        return next((p for p in self.parts if p.role in (GIVEN, INITIAL)), None)

    @property
    def family(self) -> Part | None:
        fams = [p for p in self.parts if p.role == FAMILY]
        return fams[-1] if fams else None

    @property
    def kunya_only(self) -> bool:
        """Only a kunya (Abu Muhammad), perhaps with a nisba: the name of thousands."""
        return bool(self.parts) and all(p.role == KUNYA for p in self.parts)

    def describe(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for part in self.parts:
            out.setdefault(part.role, []).append(part.text)
        if self.titles:
            out["titles"] = list(self.titles)
        return out


def _part(words: list[str], role: str) -> Part:
    text = " ".join(words)
    elements = [w for w in words if w not in _ARTICLES]
    if len(words) == 1 and len(words[0]) == 1:
        return Part(text, INITIAL, words[0], words[0])
    # "0" first: phonetic_word's glued-article rule would read Assad as "Sad".
    phon = phonetic_word("0" + "".join(_canonical_element(w) for w in elements))[1:]
    return Part(text, role, phon, skeleton_word(phon))


def _canonical_element(word: str) -> str:
    if word in _ABD:
        return "abd"
    if word in _KUNYA_MARKERS:
        return _KUNYA_MARKERS[word]
    return _SECONDS.get(word, word)


def _unglue(word: str) -> list[str]:
    """A glued compound as its elements: "abdulrahman" -> abd + rahman, "nureddine" -> nur + din."""
    m = _GLUED_ABD.match(word)
    if m and word not in ("abdi", "abdo", "abdu"):
        rest = m.group("rest")
        return ["abd", _SECONDS.get(rest, rest)]
    m = _GLUED_SECOND.match(word)
    if m and len(word) >= 7:
        return [m.group("first"), _SECONDS.get(m.group("second"), m.group("second"))]
    return [word]


def _group(words: list[str]) -> list[list[str]]:
    """Words grouped into parts: Abd + [article] + X, X + [article] + Din/Islam/Allah, Abu/Umm +
    [article] + X, articles kept with the word they precede."""
    groups: list[list[str]] = []
    i = 0
    while i < len(words):
        word = words[i]
        group = [word]
        j = i + 1
        if word in _ARTICLES and j < len(words):
            group.append(words[j])  # "al rawi": one part
            j += 1
        elif word in _ABD or word in _KUNYA_MARKERS:
            if j < len(words) and words[j] in _ARTICLES and j + 1 < len(words):
                group.append(words[j])
                j += 1
            if j < len(words):
                group.append(words[j])
                j += 1
        # A second element joins the part before it: "nur al din", "saif ul islam", "abd allah".
        k = j
        if k < len(words) and words[k] in _ARTICLES and k + 1 < len(words) and words[k + 1] in _SECONDS:
            group += words[k : k + 2]
            j = k + 2
        elif k < len(words) and words[k] in _SECONDS and (
            _SECONDS[words[k]] == "allah" or group[-1] in _FIRSTS
        ):
            group.append(words[k])  # "abd allah", "nur din"; not "Atabiev Islam"
            j = k + 1
        groups.append(group)
        i = j
    return groups


def _words(text: str) -> list[str]:
    out: list[str] = []
    for word in fold(text).split():
        if len(word) > 5 and word[:2] in ("al", "el") and word[2] not in "aeiouy":
            out += [word[:2], word[2:]]  # "Alrawi": al-Rawi, the article glued on
            continue
        out.extend(_unglue(word) if len(word) >= 7 else [word])
    return out


def _strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    titles: list[str] = []
    while len(words) > 1 and words[0] in _TITLES:
        titles.append(words.pop(0))
    return words, titles


@lru_cache(maxsize=65536)
def parse_person(name: str) -> PersonName:
    """The parts of a person's name. "AL-DARI, Muthanna Harith" and "Muthanna Harith al-Dari"
    give the same parts: given Muthanna, nasab Harith, family al-Dari."""
    listed = "," in name
    titles: list[str] = []
    if listed:
        family_text, _, rest = name.partition(",")
        family_words, t1 = _strip_titles(_words(family_text))
        given_words, t2 = _strip_titles(_words(rest))
        titles = t1 + t2
        if not given_words:
            given_words, family_words = family_words, []
        elif len(given_words) == 1 and given_words[0] in _KUNYA_MARKERS:
            # "AL-ZUBAYR, Abu": lists invert a kunya too; it is Abu al-Zubayr
            given_words, family_words = given_words + family_words, []
        body = _group(given_words)
        family_groups = _group(family_words) if family_words else []
    else:
        words, titles = _strip_titles(_words(name))
        body = _group(words)
        family_groups = []
    parts: list[Part] = []
    nasab_next = False
    for n, group in enumerate(body):
        head = group[0]
        if head in _NASAB_MARKERS and len(group) == 1:
            nasab_next = True
            continue
        if head in _KUNYA_MARKERS and len(group) > 1:
            role = KUNYA
        elif nasab_next:
            role = NASAB
        elif head in _ARTICLES and parts:
            role = FAMILY  # a nisba or tribal name: al-Tikriti
        elif not any(p.role in (GIVEN, INITIAL) for p in parts):
            role = GIVEN
        elif not listed and n == len(body) - 1:
            role = FAMILY  # a nisba or tribal name, or the last word of a name in prose order
        else:
            role = NASAB
        nasab_next = False
        parts.append(_part(group, role))
    for group in family_groups:
        if group[0] in _NASAB_MARKERS:
            continue
        role = KUNYA if group[0] in _KUNYA_MARKERS and len(group) > 1 else FAMILY
        parts.append(_part(group, role))
    parts = [p for p in parts if p.phonetic or p.role == INITIAL]
    return PersonName(name, tuple(parts), tuple(titles), listed)
