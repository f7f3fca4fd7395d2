"""An organisation's name split into what identifies it and what does not.

Sanctions lists name companies and armed groups with words that say what kind of body it is
rather than which one: legal forms in many languages (LLC, GmbH, OOO, SARL, Sharikat), generic
words (Company, Front, Brigade, Group) and descriptive tails ("... for the People of the
Levant"). A name's `core` is what is left: the words that tell one body from another. Its
`initials` let an acronym (HTS, IRGC) meet the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasm.names.fold import fold, phonetic_word, skeleton_word

# Legal forms, as folded words or word sequences, in the languages of sanctions lists.
LEGAL_FORMS = frozenset({
    "llc", "l l c", "ltd", "limited", "co", "inc", "incorporated", "corp", "corporation", "plc",
    "lp", "llp", "fze", "fzco", "fzc", "fz", "pjsc", "jsc", "psc", "ojsc", "cjsc", "sal", "sa",
    "s a", "sarl", "s a r l", "sas", "spa", "srl", "bv", "nv", "ag", "aktiengesellschaft", "gmbh",
    "kg", "ohg", "ooo", "oao", "zao", "pao", "ao", "tov", "too", "ip", "as", "a s", "ltda",
    "sdn", "bhd", "pte", "pvt", "pty", "wll", "w l l", "est", "est.", "establishment",
    "obshchestvo", "ogranichennoy", "otvetstvennostyu", "aktsionernoe", "otkrytoe", "zakrytoe",
    "publichnoe", "publichnoye", "aktsionernoye", "otkrytoye", "zakrytoye", "s de rl", "cv",
    "sharikat", "sharikah", "sharika", "sherket", "sherkat", "shirkat", "sirketi", "sti", "muassasat", "muassasa", "muassasah", "mu assasat", "tic", "ve", "san",
})
# Words that say what kind of body it is; kept for comparison but never enough alone.
GENERIC_WORDS = frozenset({
    "company", "companies", "group", "holding", "holdings", "enterprise", "enterprises",
    "international", "intl", "trading", "trade", "general", "industries", "industry",
    "industrial", "services", "service", "corporation", "firm", "partners", "office",
    "front", "movement", "brigade", "brigades", "army", "party", "organization", "organisation",
    "forces", "force", "battalion", "battalions", "council", "coalition", "union",
    "association", "agency", "network", "committee", "militia", "regiment", "foundation",
    "society", "institute", "center", "centre", "bureau", "fund", "bank", "jabhat",
    "jabhet", "jabha", "harakat", "haraka", "liwa", "liwaa", "kataib", "katibat", "katibah",
    "tanzim", "jamaat", "jamaah", "jamiyat", "hayat", "hay at", "majlis", "jaysh", "jaish",
    "saraya", "faylaq", "firqat", "division", "corps", "unit", "units", "trust",
    "charity", "charitable", "establishment", "est", "exchange", "investment", "investments",
    "the", "and", "of", "for", "in", "on", "de", "des", "du", "la", "le", "et", "und", "fur",
    "li", "lil", "wa", "fi", "bi", "min", "an",
})
_STOP = frozenset({"the", "and", "of", "for", "in", "on", "de", "des", "du", "la", "le", "et",
                   "und", "fur", "li", "lil", "wa", "fi", "bi", "min", "an", "al", "el", "a",
                   "ul", "l", "as", "ash", "ad", "ar", "at", "az", "ath", "adh", "es", "ed",
                   "er", "ez", "esh"})  # and the sun-letter articles: As-Safir
# A tail that describes rather than names: "for the People of the Levant", "in Iraq".
_TAIL_START = frozenset({"for", "of", "in", "li", "lil", "fi"})
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # folded
    phonetic: str
    skeleton: str
    generic: bool
    e_as_i: str = ""  # phonetic with e read as i (Daesh = Da'ish), when it differs


@dataclass(frozen=True, slots=True)
class OrgName:
    text: str
    words: tuple[Word, ...]  # content words, articles and legal forms left out
    core: tuple[Word, ...]  # the distinctive words before any descriptive tail
    tail: tuple[Word, ...]  # distinctive words of the descriptive tail
    legal: tuple[str, ...]  # legal forms found
    initials: str  # of the content words (stop words and articles out): "hts", "isil"
    acronym: str  # the name itself when it reads as an acronym ("IRGC"), else ""

    def describe(self) -> dict[str, list[str]]:
        return {
            "core": [w.text for w in self.core],
            "tail": [w.text for w in self.tail],
            "generic": [w.text for w in self.words if w.generic],
            "legal_form": list(self.legal),
        }


def _word(text: str) -> Word:
    phon = phonetic_word("0" + text)[1:] if text else ""  # "0": no glued-article rule at the start
    alt = phonetic_word("0" + text.replace("e", "i"))[1:] if "e" in text else ""
    return Word(text, phon, skeleton_word(phon), text in GENERIC_WORDS, alt if alt != phon else "")


def _strip_article(word: str) -> str:
    """"alnusra" -> "nusra": an article glued to an Arabic word."""
    if len(word) > 5 and word[:2] in ("al", "el"):
        return word[2:]
    return word


@lru_cache(maxsize=65536)
def parse_org(name: str) -> OrgName:
    undotted = _DOTTED.sub(lambda m: m.group().replace(".", ""), name)
    letters = "".join(ch for ch in undotted if ch.isalpha())
    acronym = letters.lower() if 2 <= len(letters) <= 8 and letters.isupper() and " " not in undotted.strip() else ""
    words = fold(undotted).split()
    legal: list[str] = []
    # Legal forms of two or three letters written with spaces ("s a r l", "l l c").
    kept: list[str] = []
    i = 0
    while i < len(words):
        for size in (5, 3, 2, 1):
            chunk = " ".join(words[i : i + size])
            if len(words[i : i + size]) == size and chunk in LEGAL_FORMS and (
                size > 1 or i > 0 or len(chunk) >= 3 or len(words) == 1
            ):  # "SA", "AS", "Co" first are words; "OOO", "Sharikat" first are forms
                legal.append(chunk)
                i += size
                break
        else:
            kept.append(words[i])
            i += 1
    content = [w for w in kept if w not in _STOP]
    initials = "".join(w[0] for w in content if not w.isdigit())
    all_words = tuple(_word(_strip_article(w)) for w in content)
    core: list[Word] = []
    tail: list[Word] = []
    in_tail = False
    seen_core = False
    for w in kept:
        if w in _TAIL_START and seen_core:
            in_tail = True
        if w in _STOP:
            continue
        word = _word(_strip_article(w))
        if word.generic:
            continue
        (tail if in_tail else core).append(word)
        seen_core = True
    return OrgName(name, all_words, tuple(core), tuple(tail), tuple(legal), initials, acronym)
