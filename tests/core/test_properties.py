"""Invariants of normalization and matching, over generated input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasm.gazetteer import Gazetteer
from rasm.names.arabic import normalize_arabic
from rasm.names.fold import fold, latin_keys
from rasm.names.matcher import match

latin_names = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzADKQSZ -'’ʿéèîûâçş")), max_size=40
)
arabic_text = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=30)


@given(st.text(max_size=60))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(arabic_text)
def test_arabic_normalization_is_idempotent(text: str) -> None:
    assert normalize_arabic(normalize_arabic(text)) == normalize_arabic(text)


@given(latin_names)
def test_keys_ignore_case_accents_and_marks(name: str) -> None:
    assert latin_keys(name) == latin_keys(fold(name))
    assert latin_keys(name.upper()).skeleton == latin_keys(name).skeleton


@given(st.text(max_size=80))
@settings(max_examples=300)
def test_any_text_gives_a_match_or_none_never_a_crash(text: str) -> None:
    from rasm.model import Match

    assert isinstance(match(text, gazetteer=_tiny()), Match)


def _tiny() -> Gazetteer:
    from rasm.model import Entity

    return Gazetteer.from_entities([Entity("t:1", "Deir ez-Zor", "place", "دير الزور")])


def test_every_listed_spelling_maps_to_its_own_entity(small_gazetteer: Gazetteer) -> None:
    for entity in small_gazetteer:
        for spelling in entity.names():
            result = match(spelling, gazetteer=small_gazetteer)
            assert result.best is not None, spelling
            same_spelling = spelling in result.best.entity.names()
            assert result.best.entity.id == entity.id or same_spelling, (spelling, result.to_dict())
