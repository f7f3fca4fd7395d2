"""Golden cases for parsing people's and organisations' names into parts (issue 13)."""

from __future__ import annotations

import pytest

from rasm.names.org_names import parse_org
from rasm.names.person_names import FAMILY, GIVEN, INITIAL, KUNYA, NASAB, parse_person


def roles(name: str) -> list[tuple[str, str]]:
    return [(p.role, p.text) for p in parse_person(name).parts]


def test_list_order_and_prose_order_give_the_same_parts() -> None:
    listed = parse_person("AL-DARI, Muthanna Harith")
    prose = parse_person("Muthanna Harith al-Dari")
    assert [(p.role, p.phonetic) for p in listed.parts] == [(p.role, p.phonetic) for p in prose.parts]
    assert [p.role for p in listed.parts] == [GIVEN, NASAB, FAMILY]
    assert listed.listed and not prose.listed


@pytest.mark.parametrize(
    "spellings",
    [
        ("Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdurrahman", "Abd-al-Rahman"),
        ("Nur al-Din", "Nureddine", "Nour el-Din", "Nuruddin"),
        ("Saif al-Islam", "Saifulislam", "Seif al-Islam"),
        ("Abdallah", "Abdullah", "Abd Allah"),
        ("Najm al-Din", "Najmuddin"),
    ],
)
def test_compound_given_names_are_one_part(spellings: tuple[str, ...]) -> None:
    keys = set()
    for spelling in spellings:
        parts = parse_person(spelling).parts
        assert len(parts) == 1, (spelling, roles(spelling))
        keys.add(parts[0].phonetic)
    assert len(keys) == 1, keys


def test_titles_are_left_out_and_kept_aside() -> None:
    parsed = parse_person("Sheikh Dr. Hassan Nasrallah")
    assert [p.text for p in parsed.parts] == ["hassan", "nasr allah"]
    assert parsed.titles == ("sheikh", "dr")
    assert [p.text for p in parse_person("AL-ARWEE, Hajji Fouaz").parts] == ["fouaz", "al arwee"]


def test_nasab_markers_and_nisba() -> None:
    assert roles("Abd al-Rahman bin Ali al-Tikriti") == [
        (GIVEN, "abd al rahman"), (NASAB, "ali"), (FAMILY, "al tikriti"),
    ]
    assert roles("Muhammad Ould Abdallah")[1][0] == NASAB


def test_kunya_and_nom_de_guerre() -> None:
    assert roles("Abu Mohammad al-Julani") == [(KUNYA, "abu mohammad"), (FAMILY, "al julani")]
    assert parse_person("Umm Hasan").kunya_only
    assert parse_person("ABU 'ABDALLAH").kunya_only
    assert roles("AL-ZUBAYR, Abu") == [(KUNYA, "abu al zubayr")]  # a list inverts a kunya too


def test_initials_and_western_persian_turkish_names() -> None:
    assert roles("Raed M. Hijazi") == [(GIVEN, "raed"), (INITIAL, "m"), (FAMILY, "hijazi")]
    assert roles("TAYLOR, Mark John") == [(GIVEN, "mark"), (NASAB, "john"), (FAMILY, "taylor")]
    assert roles("Recep Tayyip Erdogan")[-1] == (FAMILY, "erdogan")
    assert [p.role for p in parse_person("FADAKAR, Alireza").parts] == [GIVEN, FAMILY]


def test_assad_keeps_its_first_consonant() -> None:
    # fold.phonetic_word reads a glued sun-letter article ("Assad" -> "Sad"); a name part must not
    assert parse_person("Bashar al-Assad").family is not None
    assert parse_person("Bashar al-Assad").family.phonetic == parse_person("Bashar al-Asad").family.phonetic  # type: ignore[union-attr]


def test_org_legal_forms_generic_words_and_descriptive_tail() -> None:
    org = parse_org("AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT")
    assert [w.text for w in org.core] == ["nusrah"]
    assert [w.text for w in org.tail] == ["people", "levant"]
    company = parse_org("Mahan Air Trading Co. LLC")
    assert [w.text for w in company.core] == ["mahan", "air"]
    assert "llc" in company.legal and "co" in company.legal
    assert parse_org("OOO Stroytransgaz").legal == ("ooo",)
    assert parse_org("Siemens Aktiengesellschaft").legal == ("aktiengesellschaft",)
    assert not parse_org("Front").core and not parse_org("Brigade").core


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("HTS", "Hay'at Tahrir al-Sham"),
        ("ISIL", "Islamic State of Iraq and the Levant"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("PMF", "Popular Mobilization Forces"),
        ("SDF", "Syrian Democratic Forces"),
        ("I.R.G.C.", "Islamic Revolutionary Guard Corps"),
    ],
)
def test_acronyms_read_as_the_initials_of_the_full_name(acronym: str, name: str) -> None:
    assert parse_org(acronym).acronym == parse_org(name).initials
