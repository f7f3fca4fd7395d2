"""Short vowels for unvowelled Arabic-script words, so that transliteration rules can render them.

Normal Arabic text writes consonants and long vowels only (كرم القاطرجي); the short vowels a reader
supplies from knowledge of the word. This module supplies them in three ways, best first:

1. marks the writer gave (fatha, kasra, damma, sukun, shadda) are always kept;
2. a known spelling: a Latin spelling of the word (from the token table built from observed
   Arabic/Latin name pairs, or from a gazetteer entity) is aligned letter by letter with the Arabic
   consonants (`align`), and its vowels become harakat;
3. otherwise `heuristic` guesses from the shape of the word: long vowels and diphthongs from
   ا و ي, the feminine and nisba endings, a few patterns common in names (CāCiC, the diminutive
   CuCayC, afʿal, doubled two-consonant words), else fatha where syllables need a vowel.

A vocalized word is a list of `Slot`s, one per Arabic letter: the letter as written, its vowel,
and whether it is doubled. `render` writes it back as Arabic with harakat, the form the rule files
of `tables/translit/` transliterate. The conventions of that form:

- every consonant carries a short vowel (fatha, kasra, damma) or sukun; a long vowel is a bare
  carrier letter (ا after fatha, ي after kasra, و after damma); a diphthong is ي or و with sukun
  after fatha; a final ة is bare, or carries a vowel when it is pronounced -t (construct state);
- the article is written اَلْ before a moon letter and اَل before a sun letter, which then carries
  shadda (assimilation: ash-Sham); a clinging preposition or conjunction (و ب ف ك ل) carries its
  vowel, and is followed by a zero-width non-joiner when no article follows (وَ‌حِمْص: wa-Ḥimṣ).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
_VOWEL_MARKS = {
    FATHA: "a", DAMMA: "u", KASRA: "i", SUKUN: "0",
    "\u064b": "a", "\u064c": "u", "\u064d": "i",  # tanwin: pausal forms drop the -n
}
_MARKS = frozenset((*_VOWEL_MARKS, SHADDA))
_MARK_OF = {"a": FATHA, "u": DAMMA, "i": KASRA, "0": SUKUN, "": ""}
# Other marks (superscript alef, Quranic signs) and tatweel carry nothing a name needs.
_IGNORED_RE = re.compile("[\u0610-\u061a\u0653-\u065f\u0670\u06d6-\u06ed\u0640]")

# Lookup key of a letter: the spelling variants of one letter fold together, one letter for one,
# so that a key and the word it came from stay aligned position by position.
_KEY_LETTER = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ۀ": "ه", "ى": "ي", "ی": "ي", "ې": "ي",
    "ک": "ك", "ڪ": "ك",
})
SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
_WEAK = frozenset("وي")  # consonant or long vowel, depending on the word
_LONG_FOR = {"ا": "a", "ي": "i", "و": "u"}  # the short vowel a long-vowel carrier lengthens
# Clinging particles (and, so, with/in, like, for) and the vowel each is read with. Before the
# article li- + al- is written لل, so ل is looked for separately there.
_CLITICS = {"و": FATHA, "ف": FATHA, "ب": KASRA, "ك": FATHA, "ل": KASRA}
ALLAH = "\u0671\u064e\u0644\u0652\u0644\u064e\u0627\u0647\u0652"  # ٱَلْلَاهْ: a-l-l-ā-h
ZWNJ = "\u200c"  # written between a particle and its word, so rules can hyphenate (wa-Ḥimṣ)


@dataclass(slots=True)
class Slot:
    """One letter of a vocalized word. vowel: 'a', 'i', 'u', '0' (sukun) or '' (bare carrier)."""

    letter: str
    vowel: str = ""
    shadda: bool = False

    @property
    def key(self) -> str:
        return self.letter.translate(_KEY_LETTER)


@dataclass(slots=True)
class Word:
    """An Arabic word split into a clitic, the article and the stem."""

    clitic: str  # "" or one of و ف ب ك ل
    article: bool
    stem: list[Slot]
    given: list[bool]  # per stem slot: the writer supplied its vowel


# Arabic letters with their marks, and the Persian/Urdu letters the rules know (پ چ ژ ڤ ک ڪ گ ۀ ی
# ې ۍ); a word is a run of these.
ARABIC_LETTERS = (
    "\u0621-\u063a\u0640-\u065f\u0670\u0671\u067e\u0686\u0698\u06a4\u06a9\u06aa\u06af"
    "\u06c0\u06cc\u06d0\u06cd"
)  # a character class body
ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTERS}]+")


def is_arabic_word(text: str) -> bool:
    """Whether `text` is one word of Arabic-script letters (and marks) this module can vocalize."""
    return ARABIC_WORD_RE.fullmatch(unicodedata.normalize("NFC", text)) is not None


def key_of(word: str) -> str:
    """The lookup key of a word: no marks, letter variants folded (one letter for one)."""
    return strip_marks(word).translate(_KEY_LETTER)


def strip_marks(word: str) -> str:
    word = unicodedata.normalize("NFC", word)
    return "".join(ch for ch in _IGNORED_RE.sub("", word) if ch not in _MARKS)


def parse(word: str) -> Word:
    """Split a word into letters with the marks its writer gave, and recognise clitic + article."""
    slots, given = letters(word)
    key = "".join(s.key for s in slots)
    clitic, start = "", 0
    if key[:1] in _CLITICS and key[:1] != "ل" and key[1:3] == "ال" and len(key) >= 6:
        clitic, start = key[0], 1
    elif key.startswith("لل") and len(key) >= 5:  # li- + al- are written لل
        return Word("ل", True, slots[2:], given[2:])
    if key[start:start + 2] == "ال" and len(key) - start >= 4:
        return Word(clitic, True, slots[start + 2:], given[start + 2:])
    return Word("", False, slots, given)


def letters(word: str) -> tuple[list[Slot], list[bool]]:
    """The letters of a word with the marks its writer gave, and which slots had a vowel mark."""
    slots: list[Slot] = []
    given: list[bool] = []
    for ch in _IGNORED_RE.sub("", unicodedata.normalize("NFC", word)):
        if ch == SHADDA and slots:
            slots[-1].shadda = True
        elif ch in _VOWEL_MARKS and slots:
            slots[-1].vowel = _VOWEL_MARKS[ch]
            given[-1] = True
        elif ch not in _VOWEL_MARKS and ch != SHADDA:
            slots.append(Slot(ch))
            given.append(False)
    return slots, given


def split_clitic(word: Word) -> Word:
    """The word read as a clinging particle + a word without article (وحمص: wa- + Ḥimṣ), when
    it starts with one and is long enough; else the word unchanged."""
    if word.article or word.clitic or len(word.stem) < 4 or word.stem[0].key not in _CLITICS:
        return word
    if word.stem[1].key == "ا" and word.stem[2].key == "ل":
        return word  # a particle before the article is parsed as such (والشام)
    return Word(word.stem[0].key, False, word.stem[1:], word.given[1:])


def heuristic(stem: Sequence[Slot]) -> tuple[list[str], list[bool]]:
    """Vowels (and doubled letters) guessed from the shape of an unvowelled stem."""
    keys = [s.key for s in stem]
    n = len(keys)
    vowels: list[str | None] = [None] * n  # None: a consonant whose vowel is still open
    doubled = [False] * n
    for i, (k, slot) in enumerate(zip(keys, stem)):
        last = i == n - 1
        if slot.letter == "آ":
            vowels[i] = ""
        elif k == "ا":
            vowels[i] = ("i" if slot.letter == "إ" else "a") if i == 0 else ""
        elif slot.letter == "ى" or (slot.letter in "ةۀ" and last and n > 1):
            vowels[i] = ""
        elif k in _WEAK and i > 0 and _is_vowel_slot(keys, i):
            # CayC / CawC (shaykh, dayr, zawr), and before two consonants, where a long vowel
            # cannot stand (Baydar, Nayrab): a diphthong; else the long vowel.
            diphthong = n == 3 and i == 1 or _opens(keys, i + 1) and _opens(keys, i + 2)
            vowels[i] = "0" if diphthong else ""
    _patterns(keys, vowels, doubled)
    # A consonant before a long vowel, a diphthong or the feminine ending takes its short vowel.
    for i in range(n - 1):
        if vowels[i] is not None:
            continue
        nxt, key = vowels[i + 1], keys[i + 1]
        if nxt == "":  # ā (ا, ى) and the feminine ending after a, ī after i, ū after u
            vowels[i] = _LONG_FOR[key] if key in _WEAK and stem[i + 1].letter != "ى" else "a"
        elif nxt == "0":
            vowels[i] = "a"
    _fill_runs(vowels)
    return [v if v is not None else "a" for v in vowels], doubled


_NOT_CONSONANT = frozenset("اويءأإآؤئ")
# Two-letter particles: every other two-consonant stem is read as doubled (Tall, Jubb, Umm).
_PARTICLES = frozenset({"من", "عن", "هل", "قد", "لم", "لن", "بل", "ان", "كم", "مع", "ما", "لا"})


def _patterns(keys: list[str], vowels: list[str | None], doubled: list[bool]) -> None:
    """Word patterns common in names, where the default fatha would be wrong."""
    n = len(keys)
    consonant = [_opens(keys, i) for i in range(n)]
    # Two consonants: a doubled final (Tall, Jubb, ʿAmm), since names rarely end in a short vowel.
    if n == 2 and all(consonant) and "".join(keys) not in _PARTICLES:
        doubled[1] = True
    # The active participle CāCiC and the plural maCāCiC: Khāsik, Sarāqib, Majāhir.
    for j in range(1, n - 2):
        if keys[j] == "ا" and j + 2 == n - 1 and consonant[j + 1] and consonant[j + 2]:
            vowels[j + 1] = vowels[j + 1] or "i"
    # afʿal / afʿāl after an initial alef: Aksār, Aḥmar, Aswad (a waw there is a consonant).
    if n >= 4 and keys[0] == "ا" and consonant[1] and (consonant[2] or keys[2] == "و" and n == 4):
        vowels[1] = "0"
        if keys[2] == "و":
            vowels[2] = "a"
    # The diminutive CuCayC(ah): Duhayl, Jurayf, Ghuzaylān (place names are full of them).
    if n >= 4 and keys[2] == "ي" and consonant[0] and consonant[1] and consonant[3]:
        vowels[0], vowels[1], vowels[2] = "u", "a", "0"
    # CuwayC: Duwayr, Ḩuwayjah (و then ي between consonants).
    for j in range(1, n - 2):
        if keys[j] == "و" and keys[j + 1] == "ي" and consonant[j - 1] and consonant[j + 2]:
            vowels[j - 1], vowels[j], vowels[j + 1] = "u", "a", "0"


def _opens(keys: list[str], i: int) -> bool:
    """Whether slot i is a consonant (not a vowel letter, not the feminine ending)."""
    if i >= len(keys) or keys[i] in _NOT_CONSONANT:
        return False
    return not (keys[i] == "ه" and i == len(keys) - 1)


def _is_vowel_slot(keys: list[str], i: int) -> bool:
    """Whether و/ي at i (not first) is a long vowel or diphthong rather than a consonant."""
    nxt = keys[i + 1] if i + 1 < len(keys) else ""
    if keys[i] == "ي" and not nxt and keys[i - 1] != "ا":
        return True  # the nisba: Qanāwī, Ḩalabī
    if keys[i - 1] in "اوي" and i > 1:  # after another vowel letter it is a glide: qāwam, dāwūd
        return False
    if nxt == "ا":  # before ā: jawād, bayān
        return False
    return not (keys[i] == "و" and nxt == "ه" and i + 2 == len(keys))  # quwwa, not qūa


def _fill_runs(vowels: list[str | None]) -> None:
    """Open consonants get fatha or sukun so that syllables alternate (jab-ha, qā-ṭar-jī), a word
    does not start with a cluster, and a bare three-consonant word reads faʿl (Kafr, Rasm)."""
    n = len(vowels)
    i = 0
    while i < n:
        if vowels[i] is not None:
            i += 1
            continue
        j = i
        while j < n and vowels[j] is None:
            j += 1
        run = j - i
        if j == n:  # the run ends the word: from the right 0 a 0 a ... (the last is silent)
            pattern = ["0" if (run - 1 - k) % 2 == 0 else "a" for k in range(run)]
        else:  # a syllable with its vowel follows: a 0 a 0 ... from the left
            pattern = ["a" if k % 2 == 0 else "0" for k in range(run)]
        if i == 0 and pattern[0] == "0":  # a word starts with a vowelled consonant
            pattern[0] = "a"
        if j == n and i == 0 and run == 3:  # three consonants: faʿl (Kafr, Tall, Rasm)
            pattern = ["a", "0", "0"]
        vowels[i:j] = pattern
        i = j


def apply(stem: list[Slot], vowels: Sequence[str], doubled: Sequence[bool] = ()) -> None:
    """Give the stem these vowels; a doubled letter stays doubled."""
    for slot, vowel in zip(stem, vowels):
        slot.vowel = vowel
    for slot, double in zip(stem, doubled):
        slot.shadda = slot.shadda or double


def repair(stem: list[Slot], *, construct: bool) -> None:
    """Make a stem's vowels consistent whatever their source (marks, table, heuristic): each
    long-vowel carrier follows its short vowel, a name ends in pausal form (no case ending), and
    a final ة carries a vowel only in construct state (Jabhat al-Nusra, pronounced -t)."""
    n = len(stem)
    for i, slot in enumerate(stem):
        k = slot.key
        prev = stem[i - 1] if i else None
        if slot.letter == "آ":
            slot.vowel, slot.shadda = "", False
        elif k == "ا" and prev is None:  # the seat says the vowel: إ i, أ a or u
            if slot.letter == "إ" or slot.vowel not in ("a", "i", "u"):
                slot.vowel = "i" if slot.letter == "إ" else "a"
            elif slot.letter == "أ" and slot.vowel == "i":
                slot.vowel = "a"
        elif k == "ا" or slot.letter == "ى" or (slot.letter in "ةۀ" and i == n - 1 and n > 1):
            slot.vowel, slot.shadda = "", False
            if prev is None or prev.letter == "آ" or (prev.key == "ا" and i > 1):
                continue
            if prev.vowel == "" and prev.key in _WEAK and slot.letter in "ةۀ":
                prev.shadda = True  # -iyya, -uwwa: the carrier doubles as a consonant
            prev.vowel = "a"
        elif k in _WEAK and slot.vowel == "" and prev is not None:
            if prev.vowel == "" or prev.key == "ا":  # after a long vowel it is a glide
                slot.vowel = "a"
            else:
                prev.vowel = _LONG_FOR[k]
        elif slot.vowel == "" or (i == 0 and slot.vowel == "0" and n > 1):
            slot.vowel = "a"  # no Arabic word starts with a vowelless consonant
        if i == n - 1 and n > 1 and slot.vowel in ("a", "i", "u") and k != "ا":
            slot.vowel = "0"  # pausal form
    if n > 1 and stem[-1].letter in "ةۀ":
        stem[-1].vowel = "u" if construct else ""
    elif n and stem[-1].key in _WEAK and stem[-1].vowel == "0" and n > 1 and stem[-2].vowel != "a":
        stem[-1].vowel = ""  # a final glide after i/u is the long vowel: Alī, Abū


# Letters the rule files need not know: Persian/Urdu shapes of Arabic letters.
_OUTPUT_LETTER = str.maketrans({"ی": "ي", "ې": "ي", "ک": "ك", "ڪ": "ك", "ۀ": "ة"})


def render_stem(stem: Sequence[Slot]) -> str:
    out = []
    for i, s in enumerate(stem):
        letter = s.letter.translate(_OUTPUT_LETTER)
        if letter == "ة" and (i < len(stem) - 1 or len(stem) == 1):
            letter = "ت"  # ta marbuta out of place: a misspelt ta
        out.append(letter + _MARK_OF[s.vowel] + (SHADDA if s.shadda else ""))
    return "".join(out)


def render(word: Word) -> str:
    """The vocalized word in the form the rule files read (see the module docstring)."""
    out = ""
    if word.article and [s.key for s in word.stem] == ["ل", "ه"]:
        # Allāh: the article fused with the word, written with alef wasla so that the rules do
        # not read an article (ʿAbd Allāh, not ʿAbd al-Lāh).
        particle = word.clitic + _CLITICS[word.clitic] + ZWNJ if word.clitic else ""
        return unicodedata.normalize("NFC", particle + ALLAH)
    if word.clitic:
        out += word.clitic + _CLITICS[word.clitic] + ("" if word.article else ZWNJ)
    if word.article:
        out += "ا" + FATHA + "ل"
        if word.stem and word.stem[0].key in SUN_LETTERS:
            word.stem[0].shadda = True
        else:
            out += SUKUN
    return unicodedata.normalize("NFC", out + render_stem(word.stem))


# --- Reading vowels off a Latin spelling -----------------------------------------------------

# How each Arabic consonant (by key) is spelled in the Latin names of the data: English, French,
# German, Turkish and scholarly habits. Empty alternatives: letters spellings often drop.
_CONSONANT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ب": ("b", "p"), "پ": ("p", "b"), "ت": ("t",), "ث": ("th", "t", "s"),
    "ج": ("j", "dj", "g", "dzh", "zh", "y"), "چ": ("ch", "tch", "tsch", "c", "j"),
    "ح": ("h",), "خ": ("kh", "ch", "h", "x", "j"), "د": ("d", "t"), "ذ": ("dh", "d", "z", "th"),
    "ر": ("r",), "ز": ("z", "s"), "ژ": ("zh", "j", "z"), "س": ("s",),
    "ش": ("sh", "ch", "sch", "s", "x"),
    "ص": ("s",), "ض": ("dh", "d", "z"), "ط": ("t",), "ظ": ("dh", "z", "d"), "ع": ("'", ""),
    "غ": ("gh", "g", "r"), "ف": ("f", "ph", "v"), "ڤ": ("v", "f"), "ق": ("q", "k", "g", "c", "'"),
    "ك": ("k", "c", "ck", "q"), "گ": ("g", "gu"), "ل": ("l",), "م": ("m",), "ن": ("n", "m"),
    "ه": ("h",), "ء": ("'", ""), "ئ": ("'", "", "y"), "ؤ": ("'", "", "w"),
}
_LONG_SPELLINGS = {"و": ("ou", "oo", "u"), "ي": ("ee", "ie", "ii", "i", "y")}
_DIPHTHONG_SPELLINGS = {"و": ("aw", "au", "ow", "o"), "ي": ("ay", "ai", "ei", "ey", "e")}
_GLIDE_SPELLINGS = {"و": ("w", "v", "u"), "ي": ("y", "i", "j")}
_SHORT_SPELLINGS = ("ou", "a", "e", "i", "o", "u", "")
_SHORT_VOWEL = {"": "0", "a": "a", "e": "a", "i": "i", "o": "u", "u": "u", "ou": "u"}
_UNDOUBLED = frozenset("سصز")  # Latin ss/zz is a spelling habit (Hassan, Youssef)
_LATIN_KEEP_RE = re.compile(r"[^a-z']")
_APOSTROPHES = str.maketrans(dict.fromkeys("\u02bf\u02be\u02bb\u02bc`\u2018\u2019", "'"))
# The article as Latin spellings write it: al-, el-, al, ash-, as- (assimilated), ...
_LATIN_ARTICLE_RE = re.compile(r"^(?:[aeo]l|[ae](?:sh|th|dh|[tdrzsn]))(?:[-' ]|(?=[a-z]))")
_MAX_PARSES = 400

# One reading of one Arabic letter in a Latin spelling: (kind, letters consumed, vowel, doubled).
# kind: C consonant (vowel = its short vowel), L long vowel, D diphthong, M alef maqsura,
# A alef (vowel only for the first letter), H final ha / ta marbuta.
_Piece = tuple[str, int, str, bool]


def latin_letters(latin: str) -> str:
    """A Latin spelling reduced to lowercase ASCII letters and ' (ayn/hamza marks)."""
    from unidecode import unidecode

    return _LATIN_KEEP_RE.sub("", unidecode(latin.translate(_APOSTROPHES)).lower())


def _options(keys: str, i: int, latin: str, j: int) -> list[_Piece]:
    """The ways letter i of `keys` can be spelled at position j of `latin`."""
    k, n, rest = keys[i], len(keys), latin[j:]
    out: list[_Piece] = []

    def consonant(spellings: Sequence[str], kind: str = "C") -> None:
        for sp in spellings:
            for double in (False, True):
                written = sp + sp if double else sp
                if double and not sp or not rest.startswith(written):
                    continue
                for short in _SHORT_SPELLINGS:
                    if rest.startswith(short, len(written)):
                        doubled = double and k not in _UNDOUBLED
                        out.append((kind, len(written) + len(short), _SHORT_VOWEL[short], doubled))

    if k == "ا" and i == 0:
        hamza = 1 if rest.startswith("'") else 0
        for short in _SHORT_SPELLINGS:
            if rest.startswith(short, hamza):
                out.append(("A", hamza + len(short), _SHORT_VOWEL[short] if short else "a", False))
    elif k == "ا":
        out += [("A", len(sp), "", False) for sp in ("aa", "a", "e", "'a") if rest.startswith(sp)]
    elif k in _WEAK and i > 0:
        out += [("L", len(sp), "", False) for sp in _LONG_SPELLINGS[k] if rest.startswith(sp)]
        out += [("D", len(sp), "0", False) for sp in _DIPHTHONG_SPELLINGS[k] if rest.startswith(sp)]
        if k == "ي" and i == n - 1 and rest == "a":
            out.append(("M", 1, "", False))
        consonant(_GLIDE_SPELLINGS[k])
    elif k in _WEAK:
        consonant(("w", "v") if k == "و" else ("y", "j"))
    elif k == "ه" and i == n - 1:
        out += [("H", len(sp), "0", False) for sp in ("h", "t", "") if rest.startswith(sp)]
    elif k in _CONSONANT_SPELLINGS:
        consonant(_CONSONANT_SPELLINGS[k])
    return out


def _parses(keys: str, latin: str) -> list[list[_Piece]]:
    found: list[list[_Piece]] = []

    def walk(i: int, j: int, acc: list[_Piece]) -> None:
        if len(found) >= _MAX_PARSES:
            return
        if i == len(keys):
            if j == len(latin):
                found.append(list(acc))
            return
        for piece in _options(keys, i, latin, j):
            acc.append(piece)
            walk(i + 1, j + piece[1], acc)
            acc.pop()

    walk(0, 0, [])
    return found


def _reading(keys: str, pieces: list[_Piece]) -> tuple[list[str], list[bool]]:
    vowels: list[str] = []
    for k, (kind, _, vowel, _) in zip(keys, pieces):
        if kind == "L":
            vowels[-1] = _LONG_FOR[k]
        elif kind in ("D", "M") or (kind == "A" and vowels):
            vowels[-1] = "a"
        vowels.append(vowel)
    return vowels, [p[3] for p in pieces]


def _score(keys: str, pieces: list[_Piece], vowels: list[str]) -> tuple[int, int, int]:
    """Higher is better: (syllables Arabic allows, Latin vowels carried by vowel letters,
    consonants written)."""
    allowed = 0
    for i, v in enumerate(vowels):
        if v == "0" and pieces[i][0] == "C":
            follows = vowels[i + 1] if i + 1 < len(vowels) else ""
            medial = i + 2 < len(vowels)  # a final consonant is silent anyway (pausal form)
            if i == 0 or (medial and follows == "0" and pieces[i + 1][0] == "C"):
                allowed -= 1  # a word-initial or three-consonant cluster
    carried = sum(p[1] for p in pieces if p[0] in "LDMA")
    written = sum(1 for k, p in zip(keys, pieces) if p[0] == "C" and p[1] > 0)
    return allowed, carried, written


@lru_cache(maxsize=1 << 16)  # table builds and known names align the same pairs again and again
def align(keys: str, latin: str) -> tuple[tuple[str, ...], tuple[bool, ...]] | None:
    """The vowels (and doubled consonants) a Latin spelling gives the Arabic stem `keys`, or
    None when the spelling does not fit the consonants (Aleppo for حلب, a translation, ...)."""
    letters = latin_letters(latin)
    if not keys or not letters:
        return None
    best: tuple[tuple[int, int, int], list[str], list[bool]] | None = None
    for pieces in _parses(keys, letters):
        vowels, doubled = _reading(keys, pieces)
        for i in range(1, len(keys)):  # -iya-, -uwa-: long vowel and glide written once
            if pieces[i][0] == "C" and keys[i] in _WEAK and vowels[i - 1] == _LONG_FOR[keys[i]]:
                doubled[i] = True
        score = _score(keys, pieces, vowels)
        if best is None or score > best[0]:
            best = (score, vowels, doubled)
    if best is None or best[0][0] < 0:  # only readings Arabic does not allow
        return None
    return tuple(best[1]), tuple(best[2])


def strip_latin_article(latin: str) -> str | None:
    """The Latin spelling without a leading article, or None when it has none."""
    letters = latin_letters(latin.replace("-", "'"))
    m = _LATIN_ARTICLE_RE.match(latin.lower())
    if m is None:
        return None
    rest = latin[m.end():].lstrip("-' ")
    return rest if rest and len(latin_letters(rest)) < len(letters) else None


Reading = tuple[tuple[str, ...], tuple[bool, ...]]  # vowels and doubled flags of a stem


def align_word(word: Word, latin: str) -> Reading | None:
    """The reading a Latin spelling gives a parsed word's stem, with or without its article
    spelled out (Deir ez-Zor: ez-Zor; Abdul Rahman: Rahman)."""
    keys = "".join(s.key for s in word.stem)
    candidates = [latin]
    if word.article:
        stripped = strip_latin_article(latin)
        candidates = [stripped, latin] if stripped else [latin]
    for candidate in candidates:
        reading = align(keys, candidate)
        if reading is not None:
            return reading
    return None


_LATIN_ARTICLE_WORD_RE = re.compile(r"^(?:[aeo]l|[ae](?:sh|th|dh|[tdrzsn]))$", re.IGNORECASE)


def pair_words(arabic: str, latin: str) -> list[tuple[str, str]] | None:
    """Arabic and Latin words of one name paired one to one (Dayr az Zawr: az + Zawr pair with
    الزور), or None when the counts differ."""
    ar = arabic.split()
    words: list[str] = []
    for token in latin.replace(",", " ").split():
        if words and _LATIN_ARTICLE_WORD_RE.match(words[-1]):
            words[-1] += "-" + token
        else:
            words.append(token)
    return list(zip(ar, words)) if len(ar) == len(words) and ar else None
