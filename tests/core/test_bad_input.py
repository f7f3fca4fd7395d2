"""Bad input gives no match or a clear error, never a crash."""

from __future__ import annotations

import pytest

from rasm.errors import InputError
from rasm.gazetteer import Gazetteer
from rasm.names.matcher import MAX_QUERY_CHARS, match


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "\x00\x01\x02", "\u200f\u202b", "---", "؟،"])
def test_empty_or_markless_input_is_no_match(small_gazetteer: Gazetteer, query: str) -> None:
    assert match(query, gazetteer=small_gazetteer).best is None


@pytest.mark.parametrize("wrapped", [
    "\u202bDeir ez-Zor\u202c", "\u200fDeir ez-Zor", "Deir\u00a0ez-Zor", " Deir ez-Zor \n",
    "Deir\x00 ez-Zor", "\ufeffDeir ez-Zor",
])
def test_control_and_bidi_characters_are_ignored(small_gazetteer: Gazetteer, wrapped: str) -> None:
    best = match(wrapped, gazetteer=small_gazetteer).best
    assert best is not None and best.entity.id == "p:deir"


def test_a_ten_megabyte_name_is_a_clear_error(small_gazetteer: Gazetteer) -> None:
    with pytest.raises(InputError, match=f"limit is {MAX_QUERY_CHARS}"):
        match("a" * 10_000_000, gazetteer=small_gazetteer)


def test_wrong_types_and_options_are_clear_errors(small_gazetteer: Gazetteer) -> None:
    with pytest.raises(InputError, match="must be a str"):
        match(b"Deir", gazetteer=small_gazetteer)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="threshold"):
        match("Deir", gazetteer=small_gazetteer, threshold=1.5)
    with pytest.raises(InputError, match="limit"):
        match("Deir", gazetteer=small_gazetteer, limit=0)
