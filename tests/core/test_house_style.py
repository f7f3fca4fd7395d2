"""The house style: canonical names readers know, derived from the spellings real sources give.

Inputs are the real rows of ../shared/data (Who's On First through places_world.tsv.gz and
places_sy.tsv, OFAC), copied here as the table build passes them: the WOF `name`, its English
variants (eng_x_variant), its other Latin spellings and its Arabic name. The expected names
follow from the rules of docs/house_style.md; only the rows marked "exception" come from the
curated table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rasm.errors import InputError, TableError
from rasm.model import STYLES
from rasm.names.house_rules import audit as audit_rules
from rasm.names.house_rules import clean
from rasm.names.house_style import (
    audit,
    exceptions,
    load_name_tokens,
    news_name,
    styles_for,
)

DATA = Path(__file__).parents[1] / "data"
NO_EXCEPTIONS: dict[str, str] = {}

# (english, english_variants, variants, arabic, ids) -> news name, derived by the rules alone.
DERIVED = [
    # wof:85678359, the governorate: WOF's name is GeoNames' H'alab, English sources say Aleppo.
    ("H'alab", ["Aleppo Governorate", "Aleppo"], [], "حلب", "Aleppo"),
    ("Halab", ["Aleppo Governorate", "Aleppo"], [], "حلب", "Aleppo"),
    # The Damascus region under its Arabic name, with its English Wikipedia title.
    ("Dimashq", ["Damascus Governorate"], ["Muḩāfaz̧at Dimashq"], "دمشق", "Damascus"),
    # wof:421200817: a plain WOF name outranks a plain English variant (Arbil) that is no title.
    ("Erbil", ["Arbil"], ["Irbīl"], "أربيل", "Erbil"),
    # wof:85678399: the backtick ayn, and Daraa Governorate in English.
    ("Dar`a", ["Daraa Governorate", "Daraa"], ["Dar'a"], "دِرعا", "Daraa"),
    # wof:421197257 as places_sy.tsv writes it: the ayn became a space.
    ("Dar a", [], ["Dar'a", "Daraa", "Adraa"], "درعا", "Daraa"),
    # wof:85678367: the parenthesized alternative is a spelling, not part of the name.
    ("Homs (Hims)", ["Homs Governorate", "Homs", "Hims"], ["Ḩimş", "H'ims"], "حمص", "Homs"),
    # wof:85672429: the English Wikipedia title (Nineveh Governorate) beats the BGN Ninawa.
    ("Ninawa", ["Nineveh Governorate"], ["Ninawa", "Al Mawşil"], "نينوى", "Nineveh"),
    # wof:85672425
    ("Arbil", ["Erbil Governorate"], ["Arbīl", "Arbil"], "أربيل", "Erbil"),
    # wof:421172833, the city: English sources write Raqqa (Rakka agrees less with the Arabic).
    ("Ar Raqqah", ["Rakka", "Raqqa"], [], "الرقة", "Raqqa"),
    # wof:421197089: the article, de-assimilated and joined.
    ("As sanamayn", [], [], "الصنمين", "al-Sanamayn"),
    # wof:890442551: a spelling a source prints as is beats one made by removing marks.
    ("Ma‘lūlā", [], ["Maaloula", "Ma‘lūlah"], "معلولا", "Maaloula"),
    # wof:421203883, wof:421204201, wof:421186153: the English name is already WOF's name.
    ("Sanaa", ["Sana'a"], [], "صنعاء", "Sanaa"),
    ("Mecca", [], [], "مكة", "Mecca"),
    ("Mosul", [], ["Al Mawşil"], "الموصل", "Mosul"),
    # wof:1108779117, the district of Azaz: an initial A'... keeps a single a.
    ("A'zaz", [], [], "اعزاز", "Azaz"),
    # wof:1108779123: the rules alone keep the doubled r (news drops it: see the exceptions).
    ("Ma'arrat an-Nu'man", [], [], "معرة النعمان", "Maarrat al-Numan"),
    # wof:85678385: the final hamza goes; the article is al-.
    ("As Suwayda'", ["As-Suwayda Governorate", "As-Suwayda", "as-Suwayda Governorate"], [],
     "السويداء", "al-Suwayda"),
    # wof:85678345: Latakia Governorate in English.
    ("Al Ladhiqiyah", ["Latakia Governorate", "Latakia"], [], "اللاذقية", "Latakia"),
    # wof:1108779091
    ("Al-Qusayr", [], [], "القصير", "al-Qusayr"),
]


@pytest.mark.parametrize(("english", "english_variants", "variants", "arabic", "expected"), DERIVED)
def test_news_name_is_derived_from_the_sources(
    english: str, english_variants: list[str], variants: list[str], arabic: str, expected: str
) -> None:
    name = news_name(english, variants, arabic, "place", english_variants=english_variants,
                     exception_table=NO_EXCEPTIONS)
    assert name == expected
    assert audit(name, exception_names=()) == []


# Rows whose news name the rules cannot derive: the curated table gives it (exception).
CURATED = [
    # wof:1360282145 (places_sy.tsv): news prints the Kurdish name.
    ("'Ayn al 'Arab", [], ["Ein-al-Arab", "‘Arab Būnār", "Aarab Peunâr", "Arab Peunar",
                           "Aïn el Aarab", "‘Ayn al ‘Arab", "‘Arab Bīnār", "Kobani", "Kobane"],
     "عين العرب", ["wof:1360282145"], "Kobani"),
    # wof:890449873: sources split between Izaz and Azaz.
    ("I‘zāz", [], ["Izaz", "A‘zāz", "Azaz", "Aazâz", "I`zaz", "A`zaz", "Aazaz"], "إعزاز",
     ["wof:890449873", "wikidata:Q277674"], "Azaz"),
    # wof:421190421 (places_sy.tsv): the ayn as spaces, and news writes one r.
    ("Ma arrat an Nu man", [], ["Ma`arrat an Nu`man", "Maret en Na‘man", "Ma‘arret en Nu‘mān",
                                "Maaret el Noman", "Maarat al-Numaan", "Maʿarrat al-Nuʿmān",
                                "Maarrat al-Nu'man"],
     "معرة النعمان", ["wof:421190421", "wikidata:Q728226"], "Maarat al-Numan"),
    # wof:85678381: the governorate; its English variant already says Deir ez-Zor.
    ("Dayr az Zawr", ["Deir ez-Zor Governorate", "Deir ez-Zor"], [], "دير الزور",
     ["wof:85678381"], "Deir ez-Zor"),
    # wof:85681021: WOF names Sanaa's governorate San`ar.
    ("San`ar", [], [], "صنعاء", ["wof:85681021"], "Sanaa"),
]


@pytest.mark.parametrize(("english", "english_variants", "variants", "arabic", "ids", "expected"),
                         CURATED)
def test_curated_exceptions_name_what_rules_cannot(
    english: str, english_variants: list[str], variants: list[str], arabic: str, ids: list[str],
    expected: str,
) -> None:
    kwargs = {"english_variants": english_variants, "ids": ids}
    assert news_name(english, variants, arabic, "place", **kwargs) == expected  # type: ignore[arg-type]
    derived = news_name(english, variants, arabic, "place", exception_table=NO_EXCEPTIONS,
                        **kwargs)  # type: ignore[arg-type]
    assert derived != expected and audit(derived, exception_names=()) == []


def test_exceptions_are_picked_by_id_as_well_as_by_arabic() -> None:
    # wof:1108779123, the district: its Arabic name is only among its variants (und_x_variant).
    assert news_name("Ma'arrat an-Nu'man", ["معرة النعمان"], "", "place") == "Maarat al-Numan"
    table = {"wikidata:Q1": "Chosen Name", "arabic:حلب": "Aleppo"}
    assert news_name("Whatever", [], "", "place", ids=["wof:9", "wikidata:Q1"],
                     exception_table=table) == "Chosen Name"
    assert news_name("H'alab", [], "حلب", "place", exception_table=table) == "Aleppo"
    assert news_name("Hay'at Tahrir al-Sham", [], "", "org",
                     ids=["rasm:hayat-tahrir-al-sham"]) == "Hay'at Tahrir al-Sham"


def test_the_exceptions_table_is_small_reviewed_and_clean() -> None:
    table = exceptions()
    assert 0 < len(table) <= 100
    for name in table.values():
        assert audit(name) == []  # curated names answer to the rules no name may break
        assert name.isascii()


def test_a_bad_exceptions_table_names_file_and_line(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "curated").mkdir()
    bad = tmp_path / "curated" / "canonical_exceptions.tsv"
    bad.write_text("key\tname\twhy\nwof:1\tḨalab\tmarks\n", encoding="utf-8")
    monkeypatch.setenv("RASM_TABLES", str(tmp_path))
    with pytest.raises(TableError, match=r"canonical_exceptions.tsv:2: 'Ḩalab'"):
        exceptions()


def test_hamza_is_dropped_ayn_doubles_a_vowel() -> None:
    """Without an ayn in the Arabic, an apostrophe is a hamza: Hay'at -> Hayat, not Hayaat."""
    assert news_name("Hay'at Tahrir al-Sham", [], "هيئة تحرير الشام", "org",
                     exception_table=NO_EXCEPTIONS) == "Hayat Tahrir al-Sham"
    assert news_name("Qal'at al Madiq", [], "قلعة المضيق", "place",
                     exception_table=NO_EXCEPTIONS) == "Qalaat al-Madiq"


def test_arabic_only_uses_wikidata_renderings_then_the_news_scheme() -> None:
    tokens = load_name_tokens(DATA / "name_tokens_sample.tsv")
    assert tokens["نعمان"] == "numan" and "الله" not in tokens  # Allah is under 40% of its rows
    assert news_name("", [], "الصنمين", "place", exception_table=NO_EXCEPTIONS) == "al-Sanmin"
    assert news_name("", [], "معرة النعمان", "place", tokens=tokens,
                     exception_table=NO_EXCEPTIONS) == "Maarrat al-Numan"
    # A source name in Arabic script is the Arabic name (wof:421187533, "شرم").
    assert audit(news_name("شرم", [], "", "place", exception_table=NO_EXCEPTIONS)) == []


def test_every_word_wikidata_knows_votes_as_one_more_source() -> None:
    tokens = load_name_tokens(DATA / "name_tokens_sample.tsv")
    name = news_name("Shaykh Hasan", [], "الشيخ حسن", "place", tokens=tokens,
                     exception_table=NO_EXCEPTIONS)
    assert name == "Shaykh Hasan"  # WOF's own name (weight 3) still outweighs it
    name = news_name("", ["Shaykh Hasan", "Sheikh Hassan"], "الشيخ حسن", "place", tokens=tokens,
                     exception_table=NO_EXCEPTIONS)
    assert name == "Sheikh Hassan"  # between two sources' spellings, Wikidata's decides
    name = news_name("", ["Shaykh Hasan", "Sheikh Hassan"], "الشيخ حسن", "place",
                     exception_table=NO_EXCEPTIONS)
    assert name == "Shaykh Hasan"  # without it, the first source's


def test_names_of_other_countries_keep_their_shape() -> None:
    assert news_name("Yeniköy", [], "", "place", country="TR") == "Yenikoy"
    assert news_name("Qal'eh-ye Now", [], "", "place", country="IR") == "Qaleh-ye Now"
    # Afghan rows of places_world (wof:890443561, wof:1226608719, wof:1209055227).
    assert news_name("Qala i Naw", [], "", "place", country="AF") == "Qala i Naw"
    assert news_name("Abd ur Rahman", [], "", "place", country="AF") == "Abd al-Rahman"
    assert news_name("Shams ud Din", [], "", "place", country="AF") == "Shams al-Din"
    for name in ("Qaleh-ye Now", "Qala i Naw", "Abd al-Rahman"):
        assert audit(name) == []


def test_organisations_and_people() -> None:
    assert news_name("JABHAT AL-NUSRAH", [], "", "org") == "Jabhat al-Nusrah"
    assert news_name("AL-ASSAD, Bashar", [], "", "person") == "Bashar al-Assad"  # OFAC order
    assert news_name("Kurdistan Workers' Party", [], "", "org") == "Kurdistan Workers' Party"
    assert audit("Kurdistan Workers' Party") == []


def test_nothing_to_write_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no Latin spelling and no Arabic name"):
        news_name("", [], "", "place")


def test_styles_for_a_place_with_marked_source_spellings() -> None:
    """wof:421190421: the sources give BGN and ALA-LC spellings; ascii is the ascii scheme."""
    variants = ["Ma`arrat an Nu`man", "Maret en Na‘man", "Ma‘arret en Nu‘mān", "Maaret el Noman",
                "Ma‘arrat an Nu‘mān", "Maarat al-Numaan", "Maʿarrat al-Nuʿmān"]
    names = styles_for("Ma arrat an Nu man", variants, "معرة النعمان", "place",
                       ids=["wof:421190421"])
    assert list(names) == list(STYLES)
    assert names == {
        "news": "Maarat al-Numan", "bgn": "Ma‘arrat an Nu‘mān", "alalc": "Maʿarrat al-Nuʿmān",
        "ascii": "Ma'arrat al-Nu'man", "arabic": "معرة النعمان", "source": "Ma arrat an Nu man",
    }


def test_styles_for_without_source_spellings_use_the_schemes() -> None:
    names = styles_for("As sanamayn", [], "الصنمين", "place", exception_table=NO_EXCEPTIONS)
    assert names["news"] == "al-Sanamayn" and names["source"] == "As sanamayn"
    assert names["bgn"].startswith("Aş Ş") and names["alalc"].startswith("al-Ṣ")
    assert names["ascii"].isascii()
    latin_only = styles_for("Hatta", [], "", "place", news="Hatta")
    assert latin_only == {"news": "Hatta", "bgn": "Hatta", "alalc": "Hatta", "ascii": "Hatta",
                          "arabic": "", "source": "Hatta"}


# audit: one case per rule, each name breaking exactly that rule.
AUDIT_CASES = [
    ("حلب", "Arabic script"),
    ("Dar`a", "backtick for ayn"),
    ("Sana'a", "ayn/hamza mark or apostrophe"),
    ("Ma‘lula", "ayn/hamza mark or apostrophe"),
    ("Maalūla", "letter with a diacritic"),
    ("Дамаск", "non-ASCII character"),
    ("Homs (Hims)", "parentheses"),
    ("Deir  Hafer", "doubled or edge space"),
    ("Ras al Ain", "article written as a separate word"),
    ("Ras Al-Ain", "article capitalized"),
    ("Ras el-Ain", "article written el-"),
    ("Ar-Raqqa", "article assimilated"),
    ("Mahdi al-al-Ibrah", "article doubled"),
    ("Dar a", "stray space or lower-case word"),
    ("idlib", "lower-case start"),
]


@pytest.mark.parametrize(("name", "rule"), AUDIT_CASES)
def test_audit_reports_each_rule(name: str, rule: str) -> None:
    problems = audit(name, exception_names=())
    assert any(p.startswith(rule) for p in problems), problems


@pytest.mark.parametrize("name", ["Aleppo", "al-Bab", "Maarat al-Numan", "Osama bin Laden",
                                  "Army of Islam", "Ras al-Ain", "Abu Kamal", "Hay'at Tahrir al-Sham",
                                  "Deir ez-Zor"])
def test_audit_passes_house_style_names(name: str) -> None:
    assert audit(name) == []


def test_curated_names_are_spared_only_the_style_rules() -> None:
    assert audit("Deir ez-Zor", exception_names=()) != []
    assert audit("Deir ez-Zor", exception_names=["Deir ez-Zor"]) == []
    assert audit_rules("Deir ez-Zōr", style_rules=False) != []


@pytest.mark.parametrize(("name", "_rule"), AUDIT_CASES)
def test_clean_repairs_what_audit_reports(name: str, _rule: str) -> None:
    if name in ("حلب", "Дамаск"):
        return  # another script is transliterated, not cleaned
    assert audit(clean(name), exception_names=()) == []
