"""Which model serves which pair, and how a site without network points rasm at its copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasm.errors import TableError
from rasm.translate.base import UnsupportedLanguageError
from rasm.translate.registry import choose_model, known_pairs, read_table, table_path


def test_builtin_table_routes_the_languages_of_the_corpus() -> None:
    assert {"ar-en", "ru-en", "fa-en", "tr-en", "fr-en"} <= set(known_pairs())
    assert choose_model("ar", "en").model == "Helsinki-NLP/opus-mt-ar-en"
    assert choose_model("AR", "EN").model == "Helsinki-NLP/opus-mt-ar-en"
    assert choose_model("en", "ar").prefix == ">>ara<<"


def test_the_builtin_table_is_well_formed() -> None:
    rows = read_table(table_path())
    assert all(choice.model.startswith("Helsinki-NLP/opus-mt-") for choice in rows.values())


def test_argument_beats_environment_beats_table(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setenv("RASM_TRANSLATE_MODEL_AR_EN", str(tmp_path))
    chosen = choose_model("ar", "en")
    assert (chosen.model, chosen.origin) == (str(tmp_path), "RASM_TRANSLATE_MODEL_AR_EN")
    assert choose_model("ar", "en", "some/other").model == "some/other"
    assert choose_model("ru", "en").model == "Helsinki-NLP/opus-mt-ru-en"


def test_models_dir_holds_local_copies_of_hub_models(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    (tmp_path / "opus-mt-ar-en").mkdir()
    (tmp_path / "Helsinki-NLP" / "opus-mt-ru-en").mkdir(parents=True)
    monkeypatch.setenv("RASM_MODELS_DIR", str(tmp_path))
    assert choose_model("ar", "en").model == str(tmp_path / "opus-mt-ar-en")
    assert choose_model("ru", "en").model == str(tmp_path / "Helsinki-NLP" / "opus-mt-ru-en")
    assert choose_model("tr", "en").model == "Helsinki-NLP/opus-mt-tr-en"  # no copy: the id


def test_a_site_table_adds_and_overrides_pairs(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    site = tmp_path / "models.tsv"
    site.write_text("# ours\nsource\ttarget\tmodel\nku\ten\t/models/ku-en\nar\ten\t/models/ar\n",
                    "utf-8")
    monkeypatch.setenv("RASM_TRANSLATE_MODELS", str(site))
    assert choose_model("ku", "en").model == "/models/ku-en"
    assert choose_model("ar", "en").model == "/models/ar"
    assert "ku-en" in known_pairs()


def test_bad_site_table_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "models.tsv"
    bad.write_text("source\ttarget\tmodel\nar\ten\t\n", "utf-8")
    with pytest.raises(TableError, match=r"models.tsv:2: source, target and model"):
        read_table(bad)
    bad.write_text("source\tmodel\n", "utf-8")
    with pytest.raises(TableError, match=r"models.tsv:1: header lacks column\(s\) target"):
        read_table(bad)


def test_unknown_pair_lists_the_known_ones() -> None:
    with pytest.raises(UnsupportedLanguageError, match="no translation model for xx->en; known "
                                                       "pairs: ar-en"):
        choose_model("xx", "en")
