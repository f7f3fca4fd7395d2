"""Saying "not known" when a name is not known (issue 12): the per-kind default threshold,
Latin p/v against b/f, and ambiguity that does not cry wolf over hamlets."""

from __future__ import annotations

from rasm.gazetteer import Gazetteer
from rasm.model import Entity
from rasm.names.matcher import (
    DEFAULT_THRESHOLD,
    PLACE_THRESHOLD,
    VOICING_SCORE,
    default_threshold,
    match,
)


def test_places_answer_from_their_own_default_threshold() -> None:
    assert default_threshold("place") == PLACE_THRESHOLD > DEFAULT_THRESHOLD
    assert default_threshold("person") == default_threshold("org") == DEFAULT_THRESHOLD
    assert default_threshold(None) == DEFAULT_THRESHOLD


def test_latin_p_against_b_is_another_name() -> None:
    gaz = Gazetteer.from_entities([Entity("p:baris", "Baris", "place", country="TR")])
    assert match("Paris", gazetteer=gaz).best is None
    listed = match("Paris", gazetteer=gaz, threshold=0.5).best
    assert listed is not None and listed.score == VOICING_SCORE < PLACE_THRESHOLD
    # The other way round too, and v against f.
    gaz = Gazetteer.from_entities([Entity("p:paris", "Paris", "place", country="FR"),
                                   Entity("p:vakf", "Vakf", "place", country="TR")])
    assert match("Baris", gazetteer=gaz).best is None
    assert match("Fakf", gazetteer=gaz).best is None
    # A respelling that keeps its letters still answers.
    assert match("Pariss", gazetteer=gaz).best is not None


def test_a_far_better_known_town_is_not_ambiguous_with_hamlets() -> None:
    city = Entity("p:raqqa", "Raqqa", "place", country="SY", placetype="locality", ref="Q283368",
                  population=177636)
    hamlets = [Entity(f"p:raqqa-ye-{n}", "Raqqa", "place", country="YE", placetype="locality")
               for n in range(2)]
    gaz = Gazetteer.from_entities([city, *hamlets])
    result = match("Raqqa", gazetteer=gaz)
    assert result.best is not None and result.best.entity.id == "p:raqqa"
    assert [a.entity.id for a in result.alternatives] == ["p:raqqa-ye-0", "p:raqqa-ye-1"]
    assert not result.ambiguous and result.to_dict()["ambiguous"] is False
    # Two towns alike in what is known of them are ambiguous.
    twin = Entity("p:raqqa-2", "Raqqa", "place", country="IQ", placetype="locality", ref="Q1",
                  population=150000)
    assert match("Raqqa", gazetteer=Gazetteer.from_entities([city, twin])).ambiguous
