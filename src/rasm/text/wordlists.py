"""Word lists that keep ordinary English out of the mentions `rasm.text` reports.

The lists live in tables/text/ (built by scripts/build_text_wordlists.py from wordfreq, the US
census first names and GeoNames; each file's header says so) and are read once, on first use.
The small closed sets below are grammar, not data, so they stay in code.
"""

from __future__ import annotations

from functools import cache

from rasm.errors import TableError

# Article spellings that join the next word ("al-Nusra", "ash-Sham", "ez-Zor").
ARTICLES = frozenset({
    "al", "el", "il", "ul", "l", "ad", "ed", "ud", "ar", "er", "ur", "as", "es", "us", "ash", "esh",
    "ush", "at", "et", "ut", "ath", "az", "ez", "uz", "an", "en", "un", "adh", "ech",
})
# The article as Russian and Ukrainian write it inside names ("Дейр-эз-Зор", "ан-Нусра").
CYRILLIC_ARTICLES = frozenset({
    "аль", "ал", "эль", "ель", "ар", "эр", "ер", "ас", "эс", "ес", "аш", "эш", "еш", "ад", "эд",
    "ед", "ат", "эт", "ет", "аз", "эз", "ез", "ан", "эн", "ен", "уль", "ль",
})
# Lowercase words that may sit inside a name: articles, kinship particles, "of the" in the
# English names of groups ("Army of Conquest"), Romance articles of French spellings.
CONNECTORS = ARTICLES | frozenset({
    "bin", "ibn", "bint", "ben", "abu", "abou", "wa", "wal", "of", "the", "for", "de", "des", "du",
    "la", "le", "and",
})
# Connectors that can also start a name (and are not English).
START_PARTICLES = ARTICLES | frozenset({"abu", "abou", "bin", "ibn", "bint", "ben"})

# Words that head Arabic place names: an unknown "Tal X" or "Deir X" is still a place name.
PLACE_HEADS = frozenset({
    "tal", "tall", "tell", "tel", "tallet", "deir", "dayr", "jabal", "jebel", "kafr", "ain", "ayn",
    "bab", "khan", "wadi", "beit", "bayt", "karm", "ras", "qasr", "souq", "suq", "khirbet",
    "khirbat", "jisr", "bir", "nahr", "marj", "mazraat", "hay", "sheikh", "sheik", "shaykh",
})
# Words that head the names of armed groups and parties.
GROUP_HEADS = frozenset({
    "harakat", "liwa", "jaysh", "jaish", "jeish", "jabhat", "jabhet", "kataib", "saraya", "ansar",
    "ahrar", "hayat", "hay'at", "firqat", "tajammu", "faylaq", "failaq", "alwiyat", "quwat",
})
PERSON_HEADS = frozenset({"abu", "abou", "umm", "um", "bin", "ibn", "bint", "abd", "abdul", "abdel"})

# Words before a place name that make a short, ambiguous one ("in Tal", "near Kafr") likely.
PLACE_PREPOSITIONS = frozenset({
    "in", "of", "near", "from", "to", "at", "into", "outside", "around", "towards", "toward",
    "inside", "across", "via", "through", "between", "and", "village", "town", "city", "district",
    "neighbourhood", "neighborhood", "province", "countryside", "area", "besieged", "on", "for",
    "over", "against", "entered", "captured", "recaptured", "shelled", "stormed", "seized",
    "reached", "retook", "left", "fled",
    # Russian and Ukrainian ("в Хаме", "под Идлибом", "у Алеппо", "з Хомса")
    "в", "во", "из", "к", "ко", "по", "под", "около", "близ", "возле", "у", "до", "от", "через",
    "над", "за", "на", "город", "города", "городе", "провинции", "провинция", "з", "із", "біля",
    "поблизу", "місті",
    # Persian and Arabic (as a separate word; a clinging ب/ل is a preposition the linker sees)
    "در", "از", "به", "نزدیک", "شهر", "استان", "حومه", "في", "من", "الى", "إلى", "قرب", "مدينة",
    "بلدة", "ريف", "محافظة", "نحو", "داخل",
})

# Function words of Russian/Ukrainian and Turkish that a sentence may begin with, capitalized:
# never the start of a name ("Из Ракки", "Bu sabah"). Hand lists: grammar, not data.
CYRILLIC_STOPWORDS = frozenset({
    "в", "во", "из", "к", "ко", "по", "под", "на", "над", "от", "до", "за", "для", "при", "после",
    "перед", "через", "у", "с", "со", "о", "об", "около", "и", "а", "но", "или", "однако", "также",
    "он", "она", "они", "оно", "мы", "это", "этот", "эта", "эти", "тот", "там", "здесь", "как",
    "что", "где", "когда", "все", "всё", "не", "ни", "уже", "еще", "ещё", "так", "его", "их",
    "ее", "её", "же", "ли", "бы", "вот", "тем", "між", "з", "із", "від", "біля", "та",
    "і", "й", "але", "це", "він", "вона", "вони", "також", "після", "під", "про",
})
TURKISH_STOPWORDS = frozenset({
    "bu", "şu", "o", "bir", "ve", "ile", "ama", "fakat", "ancak", "da", "de", "ki", "için", "gibi",
    "daha", "sonra", "önce", "her", "hem", "ne", "ise", "çünkü", "eğer", "bunun", "bunu", "buna",
    "bunlar", "onun", "onu", "ona", "onlar", "biz", "siz", "ben", "sen", "ayrıca", "diğer",
    "öte", "yandan", "öyle", "böyle", "hiç", "en", "çok", "az", "kadar", "göre", "karşı", "olarak",
    "yeni", "son", "ilk", "dün", "bugün", "yarın",
})
# Persian function words, never a name on their own (Arabic's are below).
PERSIAN_STOPWORDS = frozenset({
    "و", "در", "از", "به", "که", "را", "با", "این", "آن", "برای", "تا", "یا", "هم", "نیز", "اما",
    "بر", "پس", "اگر", "چون", "وی", "او", "ما", "آنها", "است", "بود", "شد", "کرد", "می", "های",
    "ها", "یک", "هر", "همه", "خود", "دیگر", "پیش", "بین", "روی", "زیر", "سوی", "سمت",
})

# Arabic function words that never start a name (hand list: prepositions, demonstratives,
# conjunctions and common verbs of news prose).
ARABIC_STOPWORDS = frozenset({
    "في", "من", "على", "الى", "إلى", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين",
    "ان", "أن", "إن", "او", "أو", "ثم", "قد", "لقد", "كان", "كانت", "يكون", "تم", "بعد", "قبل",
    "حتى", "منذ", "عند", "بين", "خلال", "حول", "ضد", "لدى", "كما", "لكن", "ولكن", "وقد", "وفي",
    "ومن", "وعلى", "قال", "قالت", "اليوم", "امس", "أمس", "مدينة", "قرية", "بلدة", "محافظة",
    "ريف", "حي", "منطقة", "شمال", "جنوب", "شرق", "غرب", "لا", "ما", "لم", "لن", "هو", "هي",
    "هم", "كل", "بعض", "غير", "عام", "وزير", "رئيس", "الرئيس",
})


def _read(name: str) -> frozenset[str]:
    from rasm.gazetteer.tables import tables_dir

    path = tables_dir() / "text" / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise TableError(str(path), None, f"cannot read word list: {exc.strerror}") from exc
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def english_common() -> frozenset[str]:
    """Lowercase English words common enough that a capitalized one is usually not a name."""
    return _read("english_common.txt")


@cache
def western_given_names() -> frozenset[str]:
    """Lowercase given names of the English-speaking world that Arab-world names do not use."""
    return _read("western_given_names.txt")


@cache
def arabic_common() -> frozenset[str]:
    """Common Arabic words, normalized: as a lone word, usually not a name."""
    return _read("arabic_common.txt")


@cache
def world_names() -> frozenset[str]:
    """Folded names of countries and large cities outside the region ("russia", "new york")."""
    return _read("world_names.txt")


def reset_caches() -> None:
    english_common.cache_clear()
    western_given_names.cache_clear()
    world_names.cache_clear()
    arabic_common.cache_clear()
