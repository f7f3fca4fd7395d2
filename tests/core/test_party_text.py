"""People in running text (issue 13): a person named in full and later by the family name or
kunya alone is one entity; an unknown person is not linked to a listed one."""

from __future__ import annotations

import pytest

from rasm.gazetteer import Gazetteer
from rasm.model import Entity
from rasm.text import find_mentions

TEXT = (
    "Shafiq al-Hout spoke on Monday. Later al-Hout said the talks had failed. "
    "Abu Mohammad al-Julani also spoke; Abu Mohammad said little. "
    "Ahmad al-Saleh, a teacher, disagreed."
)


@pytest.fixture(scope="module")
def people() -> Gazetteer:
    return Gazetteer.from_entities([
        Entity("p:hout", "Shafiq al-Hout", "person", "", (), "LB", source="test"),
        Entity("p:julani", "AL-SHARAA, Ahmed", "person", "", ("Abu Mohammad al-Julani",), "SY",
               source="test"),
        Entity("p:salih", "AL-SALIH, Ahmad Mahdi", "person", "", (), "IQ", source="test"),
        Entity("p:hariri", "Saad Hariri", "person", "", (), "LB", source="test"),
    ])


def test_family_name_and_kunya_after_the_full_name_link_to_the_same_person(people: Gazetteer) -> None:
    found = {(m.surface, m.id, m.method) for m in find_mentions(TEXT, gazetteer=people)}
    assert ("Shafiq al-Hout", "p:hout", "exact") in found
    assert ("al-Hout", "p:hout", "coreference") in found
    assert ("Abu Mohammad al-Julani", "p:julani", "exact") in found
    assert ("Abu Mohammad", "p:julani", "coreference") in found


def test_an_unknown_person_is_not_linked_to_a_listed_name(people: Gazetteer) -> None:
    mentions = find_mentions(TEXT, gazetteer=people)
    assert all(m.id != "p:salih" for m in mentions)


def test_a_family_name_alone_without_the_full_name_links_nothing(people: Gazetteer) -> None:
    mentions = find_mentions("Hariri said on Monday that al-Hout had left.", gazetteer=people)
    assert all(m.id is None for m in mentions), [m.to_dict() for m in mentions]


def test_a_family_name_before_the_full_name_is_not_linked_back(people: Gazetteer) -> None:
    mentions = find_mentions("Al-Hout left. Days later Shafiq al-Hout came back.", gazetteer=people)
    linked = [(m.surface, m.id) for m in mentions if m.id]
    assert linked == [("Shafiq al-Hout", "p:hout")]
