"""Documents through the whole path on the tiny model: routing, pass-through, layout, batching,
long sentences, and names that come out in their canonical English form."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from rasm.errors import InputError
from rasm.gazetteer import Gazetteer
from rasm.translate import (
    ModelUnavailableError,
    Translator,
    translate,
    translate_document,
    translator_for,
)
from rasm.translate.base import Hypothesis
from rasm.translate.protect import gazetteer_finder


class Spy:
    """A translator that records what it is given and hands it to another (or to a function)."""

    def __init__(self, inner: Translator | Callable[[str], str], name: str = "spy") -> None:
        self.inner = inner
        self.name = name
        self.batches: list[list[str]] = []

    @property
    def max_input_tokens(self) -> int:
        return self.inner.max_input_tokens if isinstance(self.inner, Translator) else 512

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if isinstance(self.inner, Translator):
            return self.inner.count_tokens(texts)
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        self.batches.append(list(texts))
        if isinstance(self.inner, Translator):
            return self.inner.translate_batch(texts)
        return [self.inner(t) for t in texts]

    def hypotheses(self, texts: Sequence[str], num: int = 1) -> list[list[Hypothesis]]:
        return [[Hypothesis(t, 0.0)] for t in self.translate_batch(texts)]


@pytest.fixture()
def tiny(tiny_model: Path) -> Translator:
    return translator_for(str(tiny_model), beam_size=1)


def test_a_known_name_in_an_arabic_sentence_comes_out_in_its_canonical_english_form(
        tiny_model: Path, names: Gazetteer) -> None:
    """Through the default finder: the core's own mentions (rasm.find_mentions)."""
    result = translate_document("قصفت الطائرات دير الزور.", model=str(tiny_model),
                                gazetteer=names, beam_size=1)
    assert result.text == "aircraft bombed Deir ez-Zor"
    assert result.source_lang == "ar" and result.target_lang == "en"
    [name] = result.protected
    assert (name.source, name.target, name.id, name.restored) == (
        "دير الزور", "Deir ez-Zor", "p:deir", "placeholder")
    assert result.notes == ()


def test_two_names_and_a_clinging_conjunction(tiny_model: Path, names: Gazetteer) -> None:
    """The exact Arabic-name scan (for curated gazetteers) leaves the clinging و outside."""
    result = translate_document("اندلعت اشتباكات بين هيئة تحرير الشام وحلب",
                                model=str(tiny_model), finder=gazetteer_finder(names),
                                beam_size=1)
    assert result.text == "clashes broke out between Hay'at Tahrir al-Sham and Aleppo"
    assert [n.id for n in result.protected] == ["o:hts", "p:aleppo"]


def test_without_protection_the_model_mangles_the_name(tiny_model: Path) -> None:
    """Why protection exists: the same sentence, unprotected, loses the name."""
    result = translate_document("قصفت الطائرات دير الزور", model=str(tiny_model),
                                protect_names=False, beam_size=1)
    assert "Deir ez-Zor" not in result.text
    assert result.protected == ()


def test_glossary_terms_are_kept_in_russian_text(tiny_model: Path) -> None:
    result = translate_document("Делегация прибыла в Дамаск", model=str(tiny_model),
                                protect_names=False, glossary={"Дамаск": "Damascus"},
                                beam_size=1)
    assert result.text == "the delegation arrived in Damascus"
    assert [(n.source, n.target, n.id) for n in result.protected] == [("Дамаск", "Damascus", None)]


def test_documents_are_routed_by_language_and_english_passes_through(
        tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASM_TRANSLATE_MODEL_AR_EN", str(tiny_model))
    monkeypatch.setenv("RASM_TRANSLATE_MODEL_RU_EN", str(tiny_model))
    english = "Aircraft bombed the city, the ministry said.\n"
    ar, ru, en = translate(["بدأت المفاوضات اليوم", "Переговоры начались сегодня", english],
                           beam_size=1, protect_names=False)
    assert (ar.source_lang, ar.text) == ("ar", "the negotiations began today")
    assert (ru.source_lang, ru.text) == ("ru", "the negotiations began today")
    assert (en.source_lang, en.text, en.passthrough, en.model) == ("en", english, True, None)
    assert ar.model == ru.model == str(tiny_model)


def test_a_persian_document_is_routed_to_the_persian_model() -> None:
    with pytest.raises(ModelUnavailableError, match="opus-mt-tc-bible-big-iir-en"):
        translate_document("وزیر خارجه گفت که این گفتگوها برای پایان جنگ مهم است",
                           protect_names=False)


def test_text_in_the_target_language_is_never_sent_to_a_model() -> None:
    text = "  Talks resumed in Geneva.\n\nNo model is needed here.  "
    result = translate_document(text, model="/no/such/model")
    assert result.text == text and result.passthrough
    assert translate_document("   ", model="/no/such/model").text == "   "
    assert translate_document("12:30 — 2016", model="/no/such/model").passthrough


def test_paragraph_layout_is_kept_and_english_paragraphs_are_copied(
        tiny_model: Path, names: Gazetteer) -> None:
    text = ("قصفت الطائرات دير الزور. وصل الوفد إلى حلب\n\n"
            "\"We will not leave,\" a resident said.\n"
            "2016-12-07\n"
            "سيطر هيئة تحرير الشام على حلب\n")
    result = translate_document(text, model=str(tiny_model), finder=gazetteer_finder(names),
                                beam_size=1)
    assert result.text == (
        "aircraft bombed Deir ez-Zor the delegation arrived in Aleppo\n\n"
        "\"We will not leave,\" a resident said.\n"
        "2016-12-07\n"
        "Hay'at Tahrir al-Sham took control of Aleppo\n")
    assert result.sentences == 3


def test_batches_respect_the_budget_and_match_one_by_one_translation(tiny: Translator) -> None:
    sentences = ["قصفت الطائرات المدينة", "Снаряды упали на рынок", "عاد النازحون إلى القرية",
                 "Больница не работает", "أغلقت الحدود أمس", "بدأت المفاوضات اليوم",
                 "Граница была закрыта вчера"]
    spy = Spy(tiny)
    batched = translate(sentences, translator=spy, protect_names=False, batch_sentences=3,
                        batch_tokens=10_000)
    assert all(len(b) <= 3 for b in spy.batches) and len(spy.batches) == 3
    one_by_one = [tiny.translate_batch([s])[0] for s in sentences]
    assert [t.text for t in batched] == one_by_one

    spy = Spy(tiny)
    translate(sentences, translator=spy, protect_names=False, batch_tokens=40)
    for batch in spy.batches:
        assert len(batch) * max(tiny.count_tokens(batch)) <= 40 or len(batch) == 1


def test_a_sentence_over_the_model_limit_is_split_not_truncated(tiny: Translator) -> None:
    clause = "قصفت الطائرات المدينة، "
    sentence = (clause * 60).strip()
    assert tiny.count_tokens([sentence])[0] > tiny.max_input_tokens
    spy = Spy(tiny)
    result = translate_document(sentence, translator=spy, protect_names=False)
    pieces = [text for batch in spy.batches for text in batch]
    assert len(pieces) >= 2
    assert max(tiny.count_tokens(pieces)) <= tiny.max_input_tokens
    assert "".join(pieces).count("المدينة") == 60  # every clause went to the model
    # The tiny model, trained on short sentences, cannot translate such pieces well; what
    # matters here is that each went through it whole and the outputs make one sentence.
    assert result.sentences == 1 and result.text.strip()
    assert result.model == "spy"


def test_a_dropped_placeholder_is_recovered_by_translating_the_names_inline(
        names: Gazetteer) -> None:
    def model(text: str) -> str:
        # Loses placeholders, but copies Latin names it is given inline.
        kept = re.findall(r"Deir ez-Zor|Aleppo", text)
        return " ".join(["aircraft bombed", *kept])

    spy = Spy(model)
    result = translate_document("قصفت الطائرات دير الزور", translator=spy,
                                finder=gazetteer_finder(names))
    assert result.text == "aircraft bombed Deir ez-Zor"
    assert [n.restored for n in result.protected] == ["inline"]
    assert spy.batches == [["قصفت الطائرات ZZ0"], ["قصفت الطائرات Deir ez-Zor"]]
    assert "translated again with the names inline" in result.notes[0]


def test_a_name_the_model_always_loses_is_appended_never_silently_dropped(
        names: Gazetteer) -> None:
    result = translate_document("قصفت الطائرات دير الزور وحلب.",
                                translator=Spy(lambda text: "aircraft bombed ZZ1."),
                                finder=gazetteer_finder(names))
    assert result.text == "aircraft bombed Aleppo (Deir ez-Zor)."
    assert [(n.target, n.restored) for n in result.protected] == [
        ("Deir ez-Zor", "appended"), ("Aleppo", "placeholder")]
    assert "lost Deir ez-Zor; appended" in result.notes[0]


def test_a_garbled_placeholder_is_still_restored(names: Gazetteer) -> None:
    result = translate_document("قصفت الطائرات دير الزور",
                                translator=Spy(lambda text: "aircraft bombed Zz 0"),
                                finder=gazetteer_finder(names))
    assert result.text == "aircraft bombed Deir ez-Zor" and result.notes == ()


def test_a_model_prefix_starts_every_input() -> None:
    spy = Spy(lambda text: "ترجمة")
    result = translate_document("The talks resumed. Both sides attended.", target="ar",
                                translator=spy, protect_names=False)
    assert spy.batches == [[">>ara<< The talks resumed.", ">>ara<< Both sides attended."]]
    assert result.text == "ترجمة ترجمة"


def test_bad_arguments_are_input_errors() -> None:
    with pytest.raises(InputError, match="takes a list of texts"):
        translate("one text")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="must be a str"):
        translate_document(["a"])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unknown translation backend 'nope'"):
        translate(["نص عربي"], backend="nope")


def test_a_latin_paragraph_without_evidence_is_translated_in_a_latin_document() -> None:
    """In a French article, "Alep, Syrie" has no French word to show, but it is French text
    and goes to the model; in an Arabic article a Latin dateline is copied."""
    spy = Spy(lambda text: f"<{text}>")
    result = translate_document("Les forces ont quitté la ville.\nAlep, Syrie", source="fr",
                                translator=spy, protect_names=False)
    assert result.text == "<Les forces ont quitté la ville.>\n<Alep, Syrie>"
    result = translate_document("DAMASCUS (Reuters)\nقصفت الطائرات المدينة", translator=spy,
                                protect_names=False)
    assert result.text == "DAMASCUS (Reuters)\n<قصفت الطائرات المدينة>"
