"""Placeholders in, names out: protection and restoration without a model."""

from __future__ import annotations

from rasm.gazetteer import Gazetteer
from rasm.translate.protect import (
    NameSpan,
    append_missing,
    gazetteer_finder,
    glossary_finder,
    merge_finders,
    protect,
    restore,
)


def test_protect_numbers_placeholders_in_order_and_keeps_them_words() -> None:
    text = "سيطر هيئة تحرير الشام على بحلب"
    spans = [NameSpan(27, 30, "Aleppo", "p:aleppo"), NameSpan(5, 21, "HTS", "o:hts")]
    protected = protect(text, spans)
    assert protected.text == "سيطر ZZ0 على ب ZZ1"
    assert [(s.placeholder, s.source, s.target) for s in protected.slots] == [
        ("ZZ0", "هيئة تحرير الشام", "HTS"), ("ZZ1", "حلب", "Aleppo")]
    assert protected.inline() == "سيطر HTS على ب Aleppo"


def test_overlapping_spans_first_one_wins() -> None:
    protected = protect("abc def", [NameSpan(0, 7, "X"), NameSpan(4, 7, "Y")])
    assert protected.text == "ZZ0"
    assert [s.target for s in protected.slots] == ["X"]


def test_restore_puts_canonical_forms_back() -> None:
    slots = protect("a b c", [NameSpan(0, 1, "Deir ez-Zor"), NameSpan(4, 5, "Aleppo")]).slots
    restored = restore("from ZZ1 to ZZ0", slots)
    assert restored.text == "from Aleppo to Deir ez-Zor"
    assert restored.missing == () and restored.unknown == ()


def test_restore_tolerates_garbled_spacing_and_case() -> None:
    slots = protect("a b", [NameSpan(0, 1, "Deir ez-Zor"), NameSpan(2, 3, "Aleppo")]).slots
    assert restore("bombed zz 0 and Z Z1.", slots).text == "bombed Deir ez-Zor and Aleppo."


def test_restore_reports_dropped_and_invented_placeholders() -> None:
    slots = protect("a b", [NameSpan(0, 1, "Deir ez-Zor"), NameSpan(2, 3, "Aleppo")]).slots
    restored = restore("bombed ZZ1 and ZZ7 again", slots)
    assert restored.text == "bombed Aleppo and again"
    assert [s.target for s in restored.missing] == ["Deir ez-Zor"]
    assert restored.unknown == ("ZZ7",)


def test_append_missing_keeps_final_punctuation() -> None:
    assert append_missing("aircraft bombed the city.", ["Deir ez-Zor"]) == \
        "aircraft bombed the city (Deir ez-Zor)."
    assert append_missing("no stop", ["A", "B", "A"]) == "no stop (A, B)"


def test_gazetteer_finder_finds_the_longest_arabic_name(names: Gazetteer) -> None:
    text = "قصفت الطائرات دير الزور وهيئة تحرير الشام في حلب"
    found = gazetteer_finder(names)(text)
    assert [(text[s.start:s.end], s.target, s.id) for s in found] == [
        ("دير الزور", "Deir ez-Zor", "p:deir"),
        ("هيئة تحرير الشام", "Hay'at Tahrir al-Sham", "o:hts"),  # the clinging و left outside
        ("حلب", "Aleppo", "p:aleppo"),
    ]


def test_gazetteer_finder_ignores_orthographic_variation(names: Gazetteer) -> None:
    text = "هيئه تحرير الشام"  # ha for ta marbuta
    assert [s.target for s in gazetteer_finder(names)(text)] == ["Hay'at Tahrir al-Sham"]


def test_names_across_punctuation_are_not_joined(names: Gazetteer) -> None:
    assert gazetteer_finder(names)("دير، الزور") == []


def test_glossary_terms_longest_first_and_whole_words() -> None:
    find = glossary_finder({"الحشد الشعبي": "Popular Mobilization Forces", "الحشد": "al-Hashd"})
    text = "قال الحشد الشعبي إن الحشدين"
    assert [(text[s.start:s.end], s.target) for s in find(text)] == [
        ("الحشد الشعبي", "Popular Mobilization Forces")]
    keep = glossary_finder(["Tahrir"])
    assert [s.target for s in keep("Tahrir and Tahriri")] == ["Tahrir"]


def test_merged_finders_prefer_the_first(names: Gazetteer) -> None:
    find = merge_finders(glossary_finder({"حلب": "Halab"}), gazetteer_finder(names))
    protected = protect("في حلب", find("في حلب"))
    assert [s.target for s in protected.slots] == ["Halab"]
