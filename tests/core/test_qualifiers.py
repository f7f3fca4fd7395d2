"""Qualifiers as structure (issue 12): a direction, level, size, age or ordinal on both sides
that differs names another place, in Latin and Arabic script and in both directions."""

from __future__ import annotations

import pytest

from rasm.gazetteer import Gazetteer
from rasm.model import Entity
from rasm.names.matcher import match
from rasm.names.qualifiers import compare, qualifiers_of


def place(id: str, name: str, arabic: str = "") -> Entity:
    return Entity(id, name, "place", arabic, (), "SY")


DIFFERENT_PLACES = [
    (("Kurd Saghir", "كرد صغير"), ("Kurd Fawqani", "كرد فوقاني")),
    (("'Ayn Husayn al-Janubi", "عين حسين الجنوبي"), ("'Ayn Husayn al-Gharbiyah", "عين حسين الغربية")),
    (("Tall Jadid", "تل جديد"), ("Tall Qadim", "تل قديم")),
    (("Kafr Kabir", "كفر كبير"), ("Kafr Saghir", "كفر صغير")),
    (("Mazraat al-Ula", "مزرعة الأولى"), ("Mazraat ath-Thaniyah", "مزرعة الثانية")),
    (("Jubb Tahtani", "جب تحتاني"), ("Jubb Fawqani", "جب فوقاني")),
]


@pytest.mark.parametrize(("query", "entry"), DIFFERENT_PLACES)
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_conflicting_qualifiers_are_a_veto(
    query: tuple[str, str], entry: tuple[str, str], direction: str
) -> None:
    if direction == "backward":
        query, entry = entry, query
    gaz = Gazetteer.from_entities([place("p:entry", *entry)])
    for text in query:
        result = match(text, gazetteer=gaz, threshold=0.0)
        assert result.best is None, (text, result.to_dict())


@pytest.mark.parametrize(("query", "entry"), DIFFERENT_PLACES)
def test_each_place_finds_itself_beside_the_other(query: tuple[str, str], entry: tuple[str, str]) -> None:
    gaz = Gazetteer.from_entities([place("p:query", *query), place("p:entry", *entry)])
    for names, expected in ((query, "p:query"), (entry, "p:entry")):
        for name in names:
            result = match(name, gazetteer=gaz)
            assert result.best is not None and result.best.entity.id == expected, result.to_dict()
            assert all(a.entity.id == expected for a in result.alternatives), result.to_dict()


def test_a_qualifier_on_one_side_only_still_matches() -> None:
    """"Umm Tuwaynah ash Shamaliyah" is also written "Umm Tuwaynah": one side only is no veto."""
    gaz = Gazetteer.from_entities([place("p:1", "Nasiriyah ash-Sharqiyah", "الناصرية الشرقية")])
    assert match("Nasiriyah", gazetteer=gaz, threshold=0.5).best is not None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kurd Saghir", {("size", "small")}),
        ("Kurd as Sughra", {("size", "small")}),
        ("Jarqili Kabirah", {("size", "big")}),
        ("Tall Fouqani", {("level", "upper")}),
        ("Hoseynabad-e Olya", {("level", "upper")}),
        ("Ayn Husayn Gharbiyah", {("direction", "west")}),
        ("Nasiriye ech Charqiye", {("direction", "east")}),
        ("شمال سيناء", {("direction", "north")}),
        ("Tall Jdideh", {("age", "new")}),
        ("Mazraat ath-Thaniyah", {("ordinal", "2")}),
        ("كرد الصغيرة", {("size", "small")}),
        ("عين حسين الجنوبي", {("direction", "south")}),
        ("Jdeidet Artouz", set()),  # a first word is the name, not an adjective
        ("Al Kabir", set()),  # one word: the word is the name
    ],
)
def test_qualifiers_are_recognised_in_any_spelling(name: str, expected: set[tuple[str, str]]) -> None:
    assert set(qualifiers_of(name)) == expected


def test_qualifier_comparison() -> None:
    small, upper = qualifiers_of("Kurd Saghir"), qualifiers_of("Kurd Fawqani")
    assert compare(small, upper) == (True, 0)
    assert compare(small, qualifiers_of("Kurd")) == (False, 1)
    assert compare(small, qualifiers_of("كرد صغير")) == (False, 0)
