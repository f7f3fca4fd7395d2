"""Splitting documents and batching pieces: layout kept, nothing over the limit, nothing lost."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasm.errors import InputError
from rasm.translate.segment import (
    split_paragraphs,
    split_sentences,
    split_to_limit,
    token_budget_batches,
)


def word_count(texts: Sequence[str]) -> list[int]:
    """A stand-in tokenizer: one token per word, plus end-of-sentence."""
    return [len(t.split()) + 1 for t in texts]


@given(st.text(alphabet=st.sampled_from("ab .؟\n\t\r"), max_size=60))
def test_paragraphs_join_back_to_the_text(text: str) -> None:
    parts = split_paragraphs(text)
    assert "".join(p + sep for p, sep in parts) == text
    assert all("\n" not in p for p, _ in parts)


def test_paragraph_separators_are_kept() -> None:
    text = "  first line.\n\nsecond line\n  third\n"
    assert split_paragraphs(text) == [("", "  "), ("first line.", "\n\n"),
                                      ("second line", "\n  "), ("third", "\n")]


def test_arabic_sentence_punctuation() -> None:
    text = "هل وصل الوفد؟ نعم، وصل صباح اليوم. وبدأت المحادثات!"
    assert split_sentences(text) == ["هل وصل الوفد؟", "نعم، وصل صباح اليوم.", "وبدأت المحادثات!"]


def test_urdu_style_full_stop_and_closing_quotes() -> None:
    assert split_sentences("پہلا جملہ۔ دوسرا جملہ") == ["پہلا جملہ۔", "دوسرا جملہ"]
    assert split_sentences('He said "stop." Then he left.') == ['He said "stop."', "Then he left."]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Gen. Smith met Mr. J. Doe in the U.S. capital. Talks went on."
    assert split_sentences(text) == ["Gen. Smith met Mr. J. Doe in the U.S. capital.",
                                     "Talks went on."]


def test_numbers_with_points_stay_whole() -> None:
    assert split_sentences("Prices rose 3.5 percent. Then fell.") == [
        "Prices rose 3.5 percent.", "Then fell."]


def test_short_text_is_one_piece() -> None:
    assert split_to_limit("a b c", word_count, 10) == ["a b c"]


def test_long_sentence_is_cut_at_clauses_first() -> None:
    text = "one two three, four five six، seven eight nine; ten eleven"
    pieces = split_to_limit(text, word_count, 7)
    assert all(n <= 7 for n in word_count(pieces))
    assert pieces[0].endswith(",") or pieces[0].endswith("،")
    assert " ".join(pieces).split() == text.split()


@given(st.lists(st.sampled_from(["w", "word,", "longerword", "x،", "y;"]), min_size=1,
                max_size=80),
       st.integers(min_value=2, max_value=12))
def test_no_piece_over_the_limit_and_no_word_lost(words: list[str], limit: int) -> None:
    text = " ".join(words)
    pieces = split_to_limit(text, word_count, limit)
    assert all(n <= limit for n in word_count(pieces))
    assert " ".join(pieces).split() == text.split()


def test_a_single_overlong_word_is_cut_between_characters() -> None:
    def chars(texts: Sequence[str]) -> list[int]:
        return [len(t) + 1 for t in texts]

    pieces = split_to_limit("x" * 50, chars, 8)
    assert "".join(pieces) == "x" * 50
    assert all(len(p) + 1 <= 8 for p in pieces)


@given(st.lists(st.integers(min_value=1, max_value=60), max_size=100),
       st.integers(min_value=1, max_value=200), st.integers(min_value=1, max_value=16))
def test_batches_cover_every_item_once_within_the_budget(
        lengths: list[int], max_tokens: int, max_sentences: int) -> None:
    batches = token_budget_batches(lengths, max_tokens=max_tokens, max_sentences=max_sentences)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= max_sentences
        padded = len(batch) * max(lengths[i] for i in batch)
        assert padded <= max_tokens or len(batch) == 1


def test_batches_group_similar_lengths() -> None:
    lengths = [5, 50, 6, 49, 5, 48]
    batches = token_budget_batches(lengths, max_tokens=150, max_sentences=8)
    assert batches == [[1, 3, 5], [2, 0, 4]]


def test_bad_batch_limits_are_an_input_error() -> None:
    with pytest.raises(InputError, match="max_tokens=0"):
        token_budget_batches([1], max_tokens=0, max_sentences=1)
