"""`rasm.text`: mentions with exact offsets, longest match, precision in ordinary English,
unknown Arabic names, Arabic script, rewriting styles, limits and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rasm.text as text_module
from rasm.errors import InputError
from rasm.gazetteer import Gazetteer
from rasm.text import Mention, find_mentions, normalize_text


def spans(text: str, gaz: Gazetteer) -> list[tuple[str, str | None]]:
    mentions = find_mentions(text, gazetteer=gaz)
    check_offsets(text, mentions)
    return [(m.surface, m.id) for m in mentions]


def check_offsets(text: str, mentions: list[Mention]) -> None:
    last_end = 0
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        assert m.start >= last_end, "mentions overlap or are out of order"
        last_end = m.end


def test_spellings_link_to_their_entity(gaz: Gazetteer) -> None:
    text = "Shelling hit Deir Ezzur, and the Sha’ar district of Karm al-Qaterji in Aleppo."
    assert spans(text, gaz) == [
        ("Deir Ezzur", "p:deir"), ("Sha’ar", "p:shaar"), ("Karm al-Qaterji", "p:karm"),
        ("Aleppo", "p:aleppo"),
    ]


def test_longest_match_wins(gaz: Gazetteer) -> None:
    assert spans("Jabhat Fateh al-Sham fighters left.", gaz) == [("Jabhat Fateh al-Sham", "o:jfs")]
    assert spans("The al-Nusra Front said so.", gaz) == [("al-Nusra Front", "o:nusra")]


def test_names_at_text_start_and_end_and_adjacent(gaz: Gazetteer) -> None:
    assert spans("Homs, Hama and Idlib", gaz) == [("Homs", "p:homs"), ("Hama", "p:hama"), ("Idlib", "p:idlib")]
    assert spans("Aleppo", gaz) == [("Aleppo", "p:aleppo")]
    assert spans("(Aleppo)/Idlib.", gaz) == [("Aleppo", "p:aleppo"), ("Idlib", "p:idlib")]


def test_possessive_and_punctuation_stay_outside(gaz: Gazetteer) -> None:
    assert spans("Aleppo’s old city; Assad's army.", gaz) == [("Aleppo", "p:aleppo"), ("Assad", "h:assad")]


def test_hama_is_not_hamas_and_titles_stay_outside(gaz: Gazetteer) -> None:
    assert spans("Hamas denied it, and in Hama the President Bashar al-Assad spoke.", gaz) == [
        ("Hamas", "o:hamas"), ("Hama", "p:hama"), ("Bashar al-Assad", "h:assad"),
    ]


def test_ordinary_english_gives_no_mentions(gaz: Gazetteer) -> None:
    text = ("Mother Agnes met UN spokesman Rupert Colville. Watch the news on Monday. "
            "It was a Sham, said the Old Khan Inn. Great News from Russia and Moscow!")
    assert spans(text, gaz) == []


def test_short_ambiguous_place_needs_context(gaz: Gazetteer) -> None:
    assert spans("Al Khan said nothing.", gaz) == []
    assert spans("The convoy stopped near Al Khan.", gaz) == [("Al Khan", "p:al-khan")]


def test_document_context_chooses_the_reading(gaz: Gazetteer) -> None:
    mentions = find_mentions("From Aleppo, shelling hit Sheikh Said overnight.", gazetteer=gaz)
    said = next(m for m in mentions if m.surface == "Sheikh Said")
    assert said.id == "p:sheikh-said"  # the Syrian one, in an article about Aleppo
    assert [a.id for a in said.alternatives] == ["p:sheikh-said-iq"]


def test_unknown_arabic_names_come_unlinked_with_a_key(gaz: Gazetteer) -> None:
    text = "Lieutenant Gen. Zaid al-Saleh visited Tallet al-Shurta and Liwa Suqour al-Jabal."
    mentions = find_mentions(text, gazetteer=gaz)
    check_offsets(text, mentions)
    assert [(m.surface, m.id, m.kind) for m in mentions] == [
        ("Zaid al-Saleh", None, None), ("Tallet al-Shurta", None, "place"),
        ("Liwa Suqour al-Jabal", None, "org"),
    ]
    assert all(m.key and m.method == "pattern" for m in mentions)
    # Spellings of one unknown name share its key.
    other = find_mentions("Zayd al-Salih", gazetteer=gaz)
    assert other[0].key == mentions[0].key


def test_arabic_script_with_clinging_prefixes(gaz: Gazetteer) -> None:
    text = "قصفت الطائرات مدينة حلب ودير الزور، وقالت جبهة النصرة إن الطريق إلى حمص مقطوع."
    assert spans(text, gaz) == [
        ("حلب", "p:aleppo"), ("دير الزور", "p:deir"), ("جبهة النصرة", "o:nusra"), ("حمص", "p:homs"),
    ]


def test_rewrite_styles(gaz: Gazetteer) -> None:
    text = "Deir Ezzor and Nusra Front, not Zaid al-Saleh."
    assert normalize_text(text, gazetteer=gaz).text == "Deir ez-Zor and Jabhat al-Nusra, not Zaid al-Saleh."
    assert normalize_text(text, gazetteer=gaz, rewrite="append").text == (
        "Deir Ezzor [Deir ez-Zor] and Nusra Front [Jabhat al-Nusra], not Zaid al-Saleh."
    )
    assert normalize_text(text, gazetteer=gaz, rewrite="identity").text == text


def test_kinds_and_threshold_filter(gaz: Gazetteer) -> None:
    text = "Nusra Front fighters entered Aleppo."
    assert [m.id for m in find_mentions(text, gazetteer=gaz, kinds=["org"])] == ["o:nusra"]
    loose = find_mentions("Deir Ezzur", gazetteer=gaz)
    assert loose and loose[0].score < 1.0
    strict = find_mentions("Deir Ezzur", gazetteer=gaz, threshold=0.99)
    assert [(m.id, m.kind) for m in strict] == [(None, "place")]  # still a "Deir X" name, unlinked


def test_to_dict_shape(gaz: Gazetteer) -> None:
    d = normalize_text("Aleppo", gazetteer=gaz).to_dict()
    assert set(d) == {"text", "mentions"}
    assert set(d["mentions"][0]) == {"start", "end", "surface", "id", "canonical", "kind", "score",
                                     "method", "key", "alternatives", "lemma"}


def test_empty_and_huge_input(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_mentions("", gazetteer=gaz) == []
    assert normalize_text("", gazetteer=gaz).to_dict() == {"text": "", "mentions": []}
    monkeypatch.setattr(text_module, "MAX_DOCUMENT_CHARS", 1000)
    with pytest.raises(InputError, match="limit is 1000"):
        find_mentions("Aleppo " * 200, gazetteer=gaz)


def test_a_long_document_keeps_exact_offsets(gaz: Gazetteer) -> None:
    text = "In Deir Ezzor, é ʿAyn and Aleppo’s Sha’ar. " * 2000
    mentions = find_mentions(text, gazetteer=gaz)
    check_offsets(text, mentions)
    assert len(mentions) == 6000


@pytest.mark.parametrize("bad", [
    {"style": "shout"}, {"kinds": ["planet"]}, {"threshold": 1.5},
])
def test_bad_options_are_input_errors(gaz: Gazetteer, bad: dict[str, object]) -> None:
    with pytest.raises(InputError):
        find_mentions("Aleppo", gazetteer=gaz, **bad)  # type: ignore[arg-type]


def test_non_text_is_an_input_error(gaz: Gazetteer) -> None:
    with pytest.raises(InputError, match="must be a str"):
        find_mentions(b"Aleppo", gazetteer=gaz)  # type: ignore[arg-type]


_PIECES = st.sampled_from([
    "Aleppo", "Deir Ezzor", " ", "\n", "al-", "Nusra Front", "’s", "Sha’ar", "-", ", ", "é",
    "حلب", "ودير الزور", "Zaid al-Saleh", "Hama", "the", "\u00a0", "ʿ", "Tal", "\r\n",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=6), max_size=14).map("".join))
def test_identity_style_returns_the_input_and_offsets_are_exact(gaz: Gazetteer, text: str) -> None:
    result = normalize_text(text, gazetteer=gaz, rewrite="identity")
    assert result.text == text
    check_offsets(text, list(result.mentions))
    # Replacing keeps every character that is not a mention.
    replaced = normalize_text(text, gazetteer=gaz).text
    pieces = []
    pos = 0
    for m in result.mentions:
        pieces.append(text[pos : m.start])
        pieces.append(m.canonical if m.canonical is not None else m.surface)
        pos = m.end
    pieces.append(text[pos:])
    assert replaced == "".join(pieces)


def test_reset_caches_then_the_same_answers(gaz: Gazetteer) -> None:
    from rasm.caches import reset_caches

    text = "Shelling hit Deir Ezzor and the al-Nusra Front near Aleppo."
    before = find_mentions(text, gazetteer=gaz)
    reset_caches()
    assert find_mentions(text, gazetteer=gaz) == before
