"""The MarianMT backend on the tiny model: loading (folder and hub id take one path), errors,
translation and n-best hypotheses."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from rasm.errors import MissingExtraError
from rasm.translate import ModelUnavailableError, get_translator, translator_for
from rasm.translate.marian import MarianTranslator, locate_model


def test_loads_from_a_local_folder_and_translates(tiny_model: Path) -> None:
    translator = MarianTranslator(str(tiny_model), beam_size=1)
    out = translator.translate_batch(["قصفت الطائرات المدينة", "Снаряды упали на рынок"])
    assert out == ["aircraft bombed the city", "shells fell on the market"]
    assert translator.device == "cpu"
    assert not translator.model.training  # eval() once, at load


def test_the_model_copies_placeholders(tiny_model: Path) -> None:
    translator = MarianTranslator(str(tiny_model), beam_size=1)
    out = translator.translate_batch(["سيطر ZZ2 على ZZ5", "Делегация прибыла в ZZ1"])
    assert out == ["ZZ2 took control of ZZ5", "the delegation arrived in ZZ1"]


def test_a_hub_id_in_the_local_cache_loads_without_network(
        tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hub id goes through the hub's local cache (the layout a download leaves), then the
    same loader as a folder."""
    from huggingface_hub import constants

    revision = "0" * 40
    repo = tmp_path / "models--rasm-test--tiny-marian"
    shutil.copytree(tiny_model, repo / "snapshots" / revision)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    assert locate_model("rasm-test/tiny-marian") == repo / "snapshots" / revision
    translator = MarianTranslator("rasm-test/tiny-marian", beam_size=1)
    assert translator.translate_batch(["قصفت الطائرات ZZ0"]) == ["aircraft bombed ZZ0"]


def test_a_hub_id_not_in_the_cache_fails_at_once_naming_the_model_and_the_remedy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    translator = get_translator("ar", "en")  # nothing loads yet
    with pytest.raises(ModelUnavailableError) as caught:
        translator.translate_batch(["قصفت الطائرات المدينة"])
    message = str(caught.value)
    assert caught.value.model == "Helsinki-NLP/opus-mt-ar-en"
    assert "'Helsinki-NLP/opus-mt-ar-en' is not available offline" in message
    assert "RASM_TRANSLATE_MODEL_AR_EN" in message and "RASM_MODELS_DIR" in message


def test_a_missing_folder_or_a_folder_without_a_model_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="no such folder"):
        locate_model(str(tmp_path / "nowhere" / "model"))
    with pytest.raises(ModelUnavailableError, match="has no config.json"):
        locate_model(str(tmp_path))


def test_environment_override_routes_a_pair_to_a_local_folder(
        tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASM_TRANSLATE_MODEL_RU_EN", str(tiny_model))
    translator = get_translator("ru", "en", beam_size=1)
    assert translator.name == str(tiny_model)
    assert translator.translate_batch(["Войска покинули деревню"]) == ["the troops left the village"]


def test_loaded_models_are_kept_in_a_small_lru(tiny_model: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASM_TRANSLATE_CACHE_SIZE", "2")
    first = translator_for(str(tiny_model), beam_size=1)
    assert translator_for(str(tiny_model), beam_size=1) is first
    translator_for("a/b", beam_size=1)
    assert translator_for(str(tiny_model), beam_size=1) is first  # used last: kept
    translator_for("c/d", beam_size=1)
    translator_for("e/f", beam_size=1)
    assert translator_for(str(tiny_model), beam_size=1) is not first  # evicted


def test_hypotheses_are_best_first_with_scores(tiny_model: Path) -> None:
    translator = MarianTranslator(str(tiny_model), beam_size=1)
    [best] = translator.hypotheses(["قصفت الطائرات ZZ0"], num=1)
    assert [h.text for h in best] == ["aircraft bombed ZZ0"]
    [nbest] = translator.hypotheses(["قصفت الطائرات ZZ0"], num=3)
    assert len(nbest) == 3 and nbest[0].text == "aircraft bombed ZZ0"
    assert nbest[0].score >= nbest[1].score >= nbest[2].score
    assert best[0].score == pytest.approx(nbest[0].score, abs=1e-3)


def test_count_tokens_includes_end_of_sentence(tiny_model: Path) -> None:
    translator = MarianTranslator(str(tiny_model))
    [n] = translator.count_tokens(["ZZ0"])
    assert n == 3  # "▁", "ZZ0", "</s>"


def test_missing_torch_is_a_missing_extra_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(MissingExtraError, match=r"rasm\[translate\]"):
        MarianTranslator("Helsinki-NLP/opus-mt-ar-en").translate_batch(["نص"])


def test_missing_ctranslate2_is_a_missing_extra_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasm.translate.ct2 import CT2Translator

    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    with pytest.raises(MissingExtraError, match=r"rasm\[ct2\]"):
        CT2Translator("Helsinki-NLP/opus-mt-ar-en").translate_batch(["نص"])


def test_importing_the_translation_layer_loads_nothing_heavy() -> None:
    import subprocess

    code = ("import sys, rasm.translate, rasm.commands.translate; "
            "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2', 'sentencepiece') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
