"""rasm.names.suggest: prefixes in any script, fuzzy spellings, one candidate per entity."""

from __future__ import annotations

import threading
import time

import pytest

import rasm
from rasm.errors import InputError
from rasm.gazetteer import Gazetteer
from rasm.model import Entity
from rasm.names.suggest import prefix_table, search_key, suggest


def _gaz() -> Gazetteer:
    return Gazetteer.from_entities([
        Entity("p:damascus", "Damascus", "place", "دمشق", ("Dimashq", "Damas"), "SY",
               population=2_000_000, langs=(("rus", "Дамаск"),)),
        Entity("p:dama", "Dama", "place", "داما", (), "SY"),
        Entity("p:raqqa", "Ar-Raqqah", "place", "الرقة", ("Raqqa",), "SY"),
        Entity("p:deir", "Deir ez-Zor", "place", "دير الزور", (), "SY"),
        Entity("o:nusra", "Jabhat al-Nusra", "org", "جبهة النصرة", ("Nusra Front",)),
        Entity("o:damas-co", "Damascus Company", "org"),
    ])


def ids(cands: list[rasm.Candidate]) -> list[str]:
    return [c.entity.id for c in cands]


def test_prefix_in_latin_finds_and_ranks_by_population() -> None:
    found = suggest("dam", gazetteer=_gaz())
    assert ids(found)[0] == "p:damascus"  # the city of two million before the hamlet Dama
    assert {"p:dama", "o:damas-co"} <= set(ids(found))
    assert all(c.method in {"exact", "prefix"} for c in found[:3])


def test_one_candidate_per_entity() -> None:
    found = suggest("Damas", gazetteer=_gaz())  # alias "Damas" and canonical both start so
    assert len(ids(found)) == len(set(ids(found)))
    assert found[0].entity.id == "p:damascus" and found[0].method == "exact"


def test_arabic_and_cyrillic_prefixes() -> None:
    assert ids(suggest("دمش", gazetteer=_gaz()))[0] == "p:damascus"
    assert ids(suggest("رقة", gazetteer=_gaz()))[0] == "p:raqqa"  # article dropped
    found = suggest("Дамаск", gazetteer=_gaz())  # its Russian name
    assert found[0].entity.id == "p:damascus" and found[0].matched == "Дамаск"


def test_article_dropped_for_latin_prefix() -> None:
    assert "p:raqqa" in ids(suggest("raqqah", gazetteer=_gaz()))
    found = suggest("raqqa", gazetteer=_gaz())
    assert found[0].entity.id == "p:raqqa"


def test_fuzzy_spellings_a_prefix_cannot_reach() -> None:
    found = suggest("Deir Ezzur", gazetteer=_gaz())
    assert ids(found) == ["p:deir"]
    assert found[0].method not in {"exact", "prefix"}


def test_kind_and_limit() -> None:
    assert ids(suggest("dam", gazetteer=_gaz(), kind="org")) == ["o:damas-co"]
    assert len(suggest("d", gazetteer=_gaz(), limit=2)) == 2


def test_empty_and_bad_input() -> None:
    assert suggest("  - ", gazetteer=_gaz()) == []
    with pytest.raises(InputError, match="limit"):
        suggest("dam", gazetteer=_gaz(), limit=0)
    with pytest.raises(InputError, match="characters"):
        suggest("x" * 1000, gazetteer=_gaz())


def test_table_built_once_under_concurrency() -> None:
    gaz = _gaz()
    part = gaz.parts[0]
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(prefix_table(part))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(t) for t in seen}) == 1
    table = prefix_table(part)
    assert table.keys == sorted(table.keys)
    assert search_key("Deir ez-Zor") in table.keys


@pytest.mark.parametrize("name", ["Deir ez-Zor", "Ma'arrat al-Nu`man", "AL-HASAKAH  (city)",
                                  "Tall_Abyad", "Jisr al-Shughour 2"])
def test_ascii_fast_path_equals_fold(name: str) -> None:
    from rasm.names.fold import fold

    assert search_key(name) == fold(name)


def test_warm_builds_the_lists_in_the_background() -> None:
    from rasm.names.suggest import _TABLES, warm

    gaz = _gaz()
    warm(gaz)
    deadline = time.monotonic() + 10
    while gaz.parts[0] not in _TABLES and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gaz.parts[0] in _TABLES
    warm(gaz)  # built: nothing to do


def test_exported_and_callable_whatever_was_imported_first() -> None:
    # tests import rasm.names.suggest as a module above; `rasm.suggest` is still the function
    # (the module no longer shares its name with it, so nothing can shadow it)
    assert "suggest" in rasm.__all__
    assert ids(rasm.suggest("dam", gazetteer=_gaz()))[0] == "p:damascus"
