"""The house style of one Latin spelling: how rasm writes a name in news style, and every rule a
name breaks (docs/house_style.md).

`clean(spelling)` applies the rules to one spelling as a source wrote it: ayn and hamza marks
dropped the way English-language news drops them (Dar`a -> Daraa, Ma'lula -> Maalula), letters
folded to ASCII, the Arabic article written one way (lower-case `al-`, joined by a hyphen, never
assimilated: As sanamayn -> al-Sanamayn), other words capitalized. `audit(name)` lists the rules
a name breaks. Which spelling of an entity to clean is `rasm.names.house_style`'s job.
"""

from __future__ import annotations

import re
import unicodedata

# Ayn and hamza as sources write them: apostrophes, quotes, backtick, modifier letters, primes.
AYN_MARKS = "'`´‘’ʻʼʽʾʿʹ′"
_MARK_CLASS = re.escape(AYN_MARKS)
_ARABIC_SCRIPT_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_VOWELS = "aeiouAEIOU"
# GeoNames writes a dotted consonant as letter + apostrophe at the start of a word: H'alab, H'ims.
_DOT_APOSTROPHE_RE = re.compile(rf"\b([HSDTZhsdtz])[{_MARK_CLASS}](?=[aeiou])")
# English possessives keep their apostrophe in organisation names: Kurdistan Workers' Party.
_POSSESSIVE_RE = re.compile(r"(?<=[a-z])'s\b|(?<=[a-z]s)'(?=\s|$)")
_WORD_SPLIT_RE = re.compile(r"(\s+|-)")
# The article as sources write it: al/el/ul, or assimilated to the sun letter that follows.
_PLAIN_ARTICLES = {"al", "el", "ul", "il", "ol"}  # ol, od, ur: Persian and Pashto names
_SUN_ARTICLE_RE = re.compile(r"^[aeuo](t|th|d|dh|r|z|s|sh|n)$", re.IGNORECASE)
# Small words written lower case inside a name (Osama bin Laden, Army of Islam, Jaish
# al-Muhajireen wal-Ansar, Saraya al-Shuhada fi al-Iraq).
# The Persian ezafe and "and" (Qal'eh-ye Now, Qala i Naw, Dasht-e Arzhan) stay lower case too.
PARTICLES = frozenset({"bin", "bint", "ibn", "of", "and", "the", "for", "in", "on", "de",
                       "wa", "wal", "fi", "li", "lil", "bi", "e", "ye", "i", "o", "va"})
# Article forms an audit reports: a separate word, capitalized, assimilated, or "el".
_ARTICLE_AUDIT_RES = (
    (re.compile(r"(?:^|[\s-])(?:Al|AL|El|EL|al|el)\s(?=\S\S)"),
     "article written as a separate word"),
    (re.compile(r"(?:^|[\s-])(?:Al|AL|El|EL)-(?=[A-Za-z]{2})"),
     "article capitalized (house style: al-)"),
    (re.compile(r"(?:^|[\s-])el-"), "article written el- (house style: al-)"),
    (re.compile(r"(?:^|[\s-])al-al-", re.IGNORECASE), "article doubled"),
    (re.compile(r"(?:^|[\s-])[AaEeUuOo](t|th|d|dh|r|z|s|sh|n)[\s-](?=(?i:\1))"),
     "article assimilated to a sun letter (house style: al-)"),
)


def has_arabic_script(text: str) -> bool:
    return _ARABIC_SCRIPT_RE.search(text) is not None


def has_marks(spelling: str) -> bool:
    """Whether a spelling carries ayn/hamza marks or letters with diacritics (a scholarly
    transliteration such as Ma‘lūlā or H'alab, not the plain form a newspaper prints)."""
    bare = _POSSESSIVE_RE.sub("", spelling)
    return any(c in AYN_MARKS for c in bare) or not spelling.isascii()


def repair_ayn_spaces(spelling: str) -> str:
    """Put back the ayn a source wrote as a space ("Dar a", "Ma arrat an Nu man"): a space
    followed by a lower-case word that is neither an article nor a particle."""
    words = spelling.split(" ")
    out = [words[0]]
    for i, word in enumerate(words[1:], start=1):
        previous = out[-1].split("-")[-1]
        following = words[i + 1] if i + 1 < len(words) else ""
        head, _, rest = word.partition("-")
        article = _article_before(head, rest or following)
        if (word[:1].islower() and not article and word not in PARTICLES
                and not _article_before(previous, word)):
            out[-1] = out[-1] + "'" + word
        else:
            out.append(word)
    return " ".join(out)


def drop_marks(spelling: str, *, ayn: bool = True) -> str:
    """ASCII without ayn/hamza marks, the way news writes them: a mark at the start of a word or
    between consonant and vowel goes (‘Arab -> Arab, Nu‘man -> Numan); an ayn after a consonant
    and before a, or after a non-initial a before a consonant, doubles the vowel (Dar`a -> Daraa,
    Ma‘lula -> Maalula, Sa'd -> Saad); a'a is aa (Sana'a -> Sanaa). ayn=False (the Arabic
    name has no ayn, so every mark is a hamza) only drops them: Hay'at -> Hayat."""
    from unidecode import unidecode

    text = unicodedata.normalize("NFC", spelling)
    text = _DOT_APOSTROPHE_RE.sub(r"\1", text)
    possessives = [m.span() for m in _POSSESSIVE_RE.finditer(text)]
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch not in AYN_MARKS or any(a <= i < b for a, b in possessives):
            out.append(ch)
            continue
        before = _base_letter(text[i - 1]) if i > 0 else ""
        after = _base_letter(text[i + 1]) if i + 1 < len(text) else ""
        word_start = i < 2 or not text[i - 2].isalpha()
        if not ayn:
            continue
        if before.isalpha() and before not in _VOWELS and after and after in "aA":
            out.append("a")  # Dar`a -> Daraa, Qal'at -> Qalaat
        elif before in "aA" and not word_start and after.isalpha() and after not in _VOWELS:
            out.append("a")  # Ma‘lula -> Maalula, Sa'd -> Saad
    return unidecode("".join(out))


def _base_letter(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[:1]


def _is_article(word: str) -> bool:
    return word.lower() in _PLAIN_ARTICLES or _SUN_ARTICLE_RE.match(word) is not None


def _article_before(word: str, following: str) -> bool:
    """Whether `word` is the Arabic article in front of `following`: al/el anywhere, an
    assimilated form (ar, as, ash, an, ez, ...) only before its own consonant (Ar Raqqah)."""
    low = word.lower()
    following = following.lstrip(AYN_MARKS)  # al ‘Azzawi: the article before an ayn
    if low in _PLAIN_ARTICLES:  # "El-e Mahmud": el before a one-letter ezafe is a word
        return len(following) > 1 and following[0].isalpha()
    m = _SUN_ARTICLE_RE.match(word)
    return m is not None and following.lower().startswith(m.group(1))


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def clean(spelling: str, *, arabic_rules: bool = True, ayn: bool = True,
          parenthesized: bool = False) -> str:
    """One spelling in house style: ASCII, no marks, one article form, capitalized words.

    arabic_rules=False (Turkish, Persian, Pashto, Hebrew names) keeps hyphens between words and
    reads no space as an ayn, so the Persian ezafe keeps its shape (Qal'eh-ye Now -> Qaleh-ye
    Now); the Arabic article in such names is written al- all the same (Abd ur Rahman -> Abd
    al-Rahman).
    ayn: whether a mark may stand for an ayn (see `drop_marks`). parenthesized: keep what
    parentheses hold, without them (an organisation's "(Lebanon Branch)"); by default it goes,
    as a place's alternative name does ("Homs (Hims)").
    """
    text = unicodedata.normalize("NFKC", spelling)
    if parenthesized:
        text = re.sub(r"[()]", " ", text)
    text = re.sub(r"\s*\([^)]*(?:\)|$)", " ", text).replace(")", " ")  # Homs (Hims) -> Homs
    text = " ".join(text.split())
    if arabic_rules:
        text = repair_ayn_spaces(text)
    text = " ".join(drop_marks(text, ayn=ayn).split())
    shout = text.isupper() and len(text) > 4  # OFAC writes names in capitals
    words: list[str] = []
    hyphen_after: list[bool] = []  # whether the source wrote a hyphen after the word
    for piece in _WORD_SPLIT_RE.split(text):
        if piece == "-":
            if hyphen_after:
                hyphen_after[-1] = True
        elif piece and not piece.isspace():
            words.append(piece)
            hyphen_after.append(False)
    out: list[str] = []
    join_next = False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if shout:
            word = word.capitalize() if word.isalpha() else word
        if _article_before(word, following):
            if join_next:
                continue  # a source's doubled article (Mahdi al al Ibrah)
            out.append(" al")
            join_next = True
            continue
        if word.lower() in PARTICLES and out and not join_next:
            word = word.lower()
        elif word[:1].islower():
            word = _capitalize(word)
        keep_hyphen = not arabic_rules and i > 0 and hyphen_after[i - 1]
        out.append(("-" if join_next or keep_hyphen else " ") + word)
        join_next = False
    return "".join(out).strip()


def audit(name: str, *, style_rules: bool = True) -> list[str]:
    """Every house-style rule `name` breaks, as short messages (empty when it keeps them all).

    style_rules=False checks only what no name may break (script, marks, letters, spaces,
    parentheses): for the curated exceptions, which keep news usage (Deir ez-Zor, Hay'at).
    """
    problems: list[str] = []
    if not name.strip():
        return ["empty name"]
    if has_arabic_script(name):
        problems.append("Arabic script")
    bare = _POSSESSIVE_RE.sub("", name)
    if not style_rules:
        bare = ""
    if "`" in name:
        problems.append("backtick for ayn")
    if any(c in AYN_MARKS and c != "`" for c in bare):
        problems.append("ayn/hamza mark or apostrophe")
    if any(unicodedata.combining(c) or unicodedata.normalize("NFD", c)[0] != c for c in name):
        problems.append("letter with a diacritic (macron, dot, cedilla)")
    elif not name.isascii() and not has_arabic_script(name):
        problems.append("non-ASCII character")
    if "(" in name or ")" in name:
        problems.append("parentheses")
    if "  " in name or name != name.strip():
        problems.append("doubled or edge space")
    if not style_rules:
        return problems
    for pattern, message in _ARTICLE_AUDIT_RES:
        if pattern.search(name):
            problems.append(message)
    words = [w for w in re.split(r"[\s]+", name) if w]
    if words and words[0][:1].islower() and not words[0].startswith("al-"):
        problems.append("lower-case start")
    for word in words[1:]:
        head = word.split("-")[0]
        if word[:1].islower() and head not in PARTICLES and head != "al":
            problems.append(f"stray space or lower-case word ({word!r})")
            break
    return problems


__all__ = ["AYN_MARKS", "PARTICLES", "audit", "clean", "drop_marks", "has_arabic_script",
           "has_marks", "repair_ayn_spaces"]
