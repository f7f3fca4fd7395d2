"""Qualifiers of place names: the words that tell apart places sharing a head name.

"Kurd Saghir" and "Kurd Fawqani", "ʿAyn Husayn al-Janubi" and "ʿAyn Husayn al-Gharbiyah",
"Hoseynabad-e Olya" and "Hoseynabad-e Sofla" are different villages: a qualifier (direction,
upper/lower, big/small, new/old, first/second, a number) names a place of its own. So when both
names carry qualifiers and each has one the other lacks, the names are different (a veto); a
qualifier on one side only is weaker evidence against (the matcher discounts it), since
spellings keep or drop it at will ("Umm Tuwaynah ash Shamaliyah" is also "Umm Tuwaynah").

Latin spellings are recognised by their phonetic form (rasm.names.fold), so Sghir, Seghir, Saghirah
and Sughra are one word; Arabic and Persian forms after orthographic normalization
(rasm.names.arabic), with or without the article, masculine and feminine.
"""

from __future__ import annotations

from functools import lru_cache

from rasm.names.arabic import has_arabic, normalize_arabic, strip_article
from rasm.names.fold import content_words, fold, phonetic_word

Qualifier = tuple[str, str]  # (axis, value): ("size", "small"), ("direction", "east"), ...

# Arabic adjectives follow their noun: they qualify only after the head name ("Jdeideh" alone
# or first, as in "Jdeidet Artouz", is a name). Latin spellings, any masculine/feminine form.
_AFTER_HEAD_LATIN: dict[Qualifier, tuple[str, ...]] = {
    ("size", "small"): ("saghir", "saghira", "saghirah", "sghir", "sghira", "sghireh", "seghir",
                        "sagheer", "sgheir", "sghayyir", "sughayyir", "sughra", "soghra",
                        "sughrah", "zghir", "zgheer", "zghayyar", "saghireh", "kuchak", "kuchek",
                        "kouchak", "kucuk"),
    ("size", "big"): ("kabir", "kabira", "kabirah", "kebir", "kebira", "kbir", "kbira", "kbireh",
                      "kabireh", "kebire", "kubra", "kobra", "koubra", "kubrah", "bozorg",
                      "buzurg", "bozurg"),
    ("level", "upper"): ("fawqani", "fawqaniyah", "fawqaniya", "fouqani", "foqani", "fauqani",
                         "fuqani", "fawqa", "fouqa", "foqa", "ulya", "olya", "oulia", "ulia",
                         "elya", "alya", "bala"),
    ("level", "middle"): ("wusta", "wousta", "vosta", "vusta", "wustani", "wastani"),
    ("level", "lower"): ("tahtani", "tahtaniyah", "tahtaniya", "tahtaniyeh", "tahtani", "tahta",
                         "sufla", "sofla", "soufla", "sifla", "sufli", "sfli"),
    ("direction", "east"): ("sharqi", "sharqiyah", "sharqiya", "sharqiyeh", "charqi",
                            "charqiye", "sharki", "sharkiya", "sherqi", "sharqui", "sharghi",
                            "sharqiyya"),
    ("direction", "west"): ("gharbi", "gharbiyah", "gharbiya", "gharbiyeh", "rharbi",
                            "rharbiye", "gharbiyya", "gharbieh"),
    ("direction", "north"): ("shamali", "shamaliyah", "shamaliya", "shamaliyeh", "chamali",
                             "chemali", "shemali", "shimali", "shomali", "bahri", "bahriyah",
                             "bahari"),
    ("direction", "south"): ("janubi", "janubiyah", "janubiya", "janoubi", "jnoubi", "djanoubi",
                             "janubiyeh", "jenubi", "jonubi", "qibli", "qibliyah", "kibli",
                             "gebli", "qebli"),
    ("age", "new"): ("jadid", "jadida", "jadidah", "jdid", "jdide", "jdideh", "jadideh",
                     "jedid", "jedide", "jdeideh", "jadeed"),
    ("age", "old"): ("qadim", "qadima", "qadimah", "qdim", "kadim", "kadime", "qadimeh",
                     "qadeem"),
    ("ordinal", "1"): ("ula", "oula", "awla", "uwla", "awwal", "aual", "evvel"),
    ("ordinal", "2"): ("thaniyah", "thaniya", "thani", "thanieh", "taniyeh", "tanieh",
                       "thaniyeh"),
    ("ordinal", "3"): ("thalith", "thalithah", "thalitha", "talet", "taleta"),
}

# Words that qualify in any position: English, French, Turkish and Persian prefixes, and the
# Arabic nouns of the cardinal points ("Shamal Sina", North Sinai).
_ANYWHERE_LATIN: dict[Qualifier, tuple[str, ...]] = {
    ("size", "small"): ("small", "little", "lesser", "petit", "petite", "kucuk", "kuchik"),
    ("size", "big"): ("big", "great", "greater", "grand", "grande", "buyuk", "boyuk"),
    ("level", "upper"): ("upper", "yukari"),
    ("level", "lower"): ("lower", "asagi"),
    ("level", "middle"): ("middle", "central", "orta"),
    ("direction", "east"): ("east", "eastern", "sharq", "charq", "dogu"),
    ("direction", "west"): ("west", "western", "gharb", "rharb"),
    ("direction", "north"): ("north", "northern", "shamal", "chamal", "kuzey", "nord"),
    ("direction", "south"): ("south", "southern", "janub", "jnoub", "janoub", "guney"),
    ("age", "new"): ("new", "nouveau", "nouvelle", "yeni"),
    ("age", "old"): ("old", "ancient", "vieux", "eski"),
}

_AFTER_HEAD_ARABIC: dict[Qualifier, tuple[str, ...]] = {
    ("size", "small"): ("صغير", "صغيره", "صغري", "زغير", "كوچك", "كوچيك", "كچك"),
    ("size", "big"): ("كبير", "كبيره", "كبري", "بزرگ"),
    ("level", "upper"): ("فوقاني", "فوقانيه", "فوقا", "عليا", "بالا"),
    ("level", "middle"): ("وسطي", "وسطاني", "وسطانيه", "وسطا"),
    ("level", "lower"): ("تحتاني", "تحتانيه", "تحتا", "سفلي", "سفلا", "پايين"),
    ("direction", "east"): ("شرقي", "شرقيه"),
    ("direction", "west"): ("غربي", "غربيه"),
    ("direction", "north"): ("شمالي", "شماليه", "بحري", "بحريه"),
    ("direction", "south"): ("جنوبي", "جنوبيه", "قبلي", "قبليه"),
    ("age", "new"): ("جديد", "جديده"),
    ("age", "old"): ("قديم", "قديمه"),
    ("ordinal", "1"): ("اولي", "اول"),
    ("ordinal", "2"): ("ثانيه", "ثاني"),
    ("ordinal", "3"): ("ثالثه", "ثالث"),
}
_ANYWHERE_ARABIC: dict[Qualifier, tuple[str, ...]] = {
    ("direction", "east"): ("شرق",),
    ("direction", "west"): ("غرب",),
    ("direction", "north"): ("شمال",),
    ("direction", "south"): ("جنوب",),
}
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}


def _latin_table(table: dict[Qualifier, tuple[str, ...]]) -> dict[str, Qualifier]:
    out: dict[str, Qualifier] = {}
    for qualifier, spellings in table.items():
        for spelling in spellings:
            out[phonetic_word(fold(spelling))] = qualifier
    return out


def _arabic_table(table: dict[Qualifier, tuple[str, ...]]) -> dict[str, Qualifier]:
    return {normalize_arabic(s): q for q, spellings in table.items() for s in spellings}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Qualifier], ...]:
    return (
        _latin_table(_AFTER_HEAD_LATIN),
        _latin_table(_ANYWHERE_LATIN),
        _arabic_table(_AFTER_HEAD_ARABIC),
        _arabic_table(_ANYWHERE_ARABIC),
    )


def _word_qualifier(
    word: str, position: int, after_head: dict[str, Qualifier], anywhere: dict[str, Qualifier]
) -> Qualifier | None:
    found = anywhere.get(word)
    if found is None and position > 0:
        found = after_head.get(word)
    return found


@lru_cache(maxsize=65536)
def qualifiers_of(name: str) -> frozenset[Qualifier]:
    """The qualifiers a place name carries, as (axis, value) pairs. A name of one word has
    none: the word is the name. Numbers ("Hoseynabad 2", "Block IV") count as ordinals."""
    after_latin, anywhere_latin, after_arabic, anywhere_arabic = _tables()
    found: set[Qualifier] = set()
    if has_arabic(name):
        words = [strip_article(w) for w in normalize_arabic(name).split()]
        if len(words) < 2:
            return frozenset()
        for i, word in enumerate(words):
            if word.isdigit() and i > 0:
                found.add(("ordinal", str(int(word))))
                continue
            qualifier = _word_qualifier(word, i, after_arabic, anywhere_arabic)
            if qualifier is not None:
                found.add(qualifier)
    else:
        words = content_words(fold(name))
        if len(words) < 2:
            return frozenset()
        for i, word in enumerate(words):
            if word.isdigit() or (i > 0 and word in _ROMAN):
                found.add(("ordinal", str(int(word)) if word.isdigit() else _ROMAN[word]))
                continue
            qualifier = _word_qualifier(phonetic_word(word), i, after_latin, anywhere_latin)
            if qualifier is not None:
                found.add(qualifier)
    if len(found) >= len(words):
        return frozenset()  # nothing left to qualify: "Al Kabir Al Sharqi" is its own name
    return frozenset(found)


def compare(query: frozenset[Qualifier], name: frozenset[Qualifier]) -> tuple[bool, int]:
    """(veto, one-sided): a veto when each side carries a qualifier the other lacks (Saghir
    against Fawqani, Sharqi against Gharbi); otherwise how many qualifiers one side has alone."""
    only_query = query - name
    only_name = name - query
    if only_query and only_name:
        return True, 0
    return False, len(only_query) + len(only_name)
