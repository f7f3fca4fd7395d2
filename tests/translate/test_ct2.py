"""The CTranslate2 backend: the tiny model converted once, the same translations as transformers
with greedy decoding, behind the same interface."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rasm.gazetteer import Gazetteer
from rasm.translate import translate, translator_for
from rasm.translate.ct2 import CT2Translator, cache_root, convert
from rasm.translate.protect import gazetteer_finder

SENTENCES = [
    "قصفت الطائرات المدينة", "سيطر ZZ2 على ZZ5", "اندلعت اشتباكات بين ZZ1 و ZZ0",
    "Снаряды упали на рынок", "ZZ0 захватила ZZ1", "الوضع الإنساني صعب جدا",
    "كلمات لم يرها النموذج من قبل أبدا",  # unseen text: the models must agree on noise too
    "Тысячи жителей бежали из своих домов",
]


def test_conversion_and_greedy_equivalence(tiny_model: Path) -> None:
    marian = translator_for(str(tiny_model), backend="marian", beam_size=1)
    ct2 = translator_for(str(tiny_model), backend="ct2", beam_size=1)
    assert isinstance(ct2, CT2Translator)
    assert ct2.translate_batch(SENTENCES) == marian.translate_batch(SENTENCES)
    assert ct2.translate_batch(SENTENCES[:2]) == ["aircraft bombed the city",
                                                  "ZZ2 took control of ZZ5"]
    assert ct2.count_tokens(SENTENCES) == marian.count_tokens(SENTENCES)


def test_scores_agree_between_backends(tiny_model: Path) -> None:
    marian = translator_for(str(tiny_model), backend="marian", beam_size=1)
    ct2 = translator_for(str(tiny_model), backend="ct2", beam_size=1)
    for a, b in zip(marian.hypotheses(SENTENCES[:3]), ct2.hypotheses(SENTENCES[:3])):
        assert a[0].text == b[0].text
        assert a[0].score == pytest.approx(b[0].score, abs=1e-3)


def test_the_conversion_is_cached_and_a_converted_folder_loads_directly(tiny_model: Path) -> None:
    first = convert(tiny_model)
    assert convert(tiny_model) == first
    assert first.parent == cache_root()
    assert {"model.bin", "source.spm", "target.spm", "vocab.json"} <= set(os.listdir(first))
    direct = CT2Translator(str(first), beam_size=1)
    assert direct.translate_batch(["Снаряды упали на рынок"]) == ["shells fell on the market"]


def test_the_pipeline_gives_the_same_documents_with_either_backend(
        tiny_model: Path, names: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = ["قصفت الطائرات دير الزور. وصل الوفد إلى حلب\n\nسيطر هيئة تحرير الشام على حلب",
            "Делегация прибыла в столицу. Войска покинули деревню"]
    by_marian = translate(docs, model=str(tiny_model), finder=gazetteer_finder(names), beam_size=1)
    monkeypatch.setenv("RASM_TRANSLATE_BACKEND", "ct2")  # selectable by configuration
    by_ct2 = translate(docs, model=str(tiny_model), finder=gazetteer_finder(names), beam_size=1)
    assert [t.text for t in by_ct2] == [t.text for t in by_marian]
    assert by_ct2[0].text.startswith("aircraft bombed Deir ez-Zor")


def test_int8_is_selectable_by_configuration(tiny_model: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASM_CT2_COMPUTE_TYPE", "int8")
    ct2 = translator_for(str(tiny_model), backend="ct2", beam_size=1)
    assert isinstance(ct2, CT2Translator) and ct2.compute_type == "int8"
    # Quantized weights may change a word of noise, but a well-learned sentence survives.
    assert ct2.translate_batch(["سيطر ZZ2 على ZZ5"]) == ["ZZ2 took control of ZZ5"]


def test_auto_compute_type_quantizes_to_int8_on_cpu(tiny_model: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASM_CT2_COMPUTE_TYPE", "auto")
    ct2 = translator_for(str(tiny_model), backend="ct2", beam_size=1, device="cpu")
    assert isinstance(ct2, CT2Translator) and ct2.compute_type == "auto"
    assert ct2.translate_batch(["سيطر ZZ2 على ZZ5"]) == ["ZZ2 took control of ZZ5"]
    assert ct2._translator.compute_type.startswith("int8")  # int8_float32 on CPU
