"""The tiny MarianMT model, built once per test session by scripts/make_tiny_marian.py (a few
seconds of training on two cores), and a gazetteer of the names the tests protect."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from rasm.gazetteer import Gazetteer
from rasm.model import Entity

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session", autouse=True)
def offline_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test may download, and caches (CTranslate2 conversions) go to a temporary folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("RASM_CACHE_DIR", str(tmp_path_factory.mktemp("rasm-cache")))
        for var in ("RASM_ALLOW_DOWNLOAD", "RASM_TRANSLATE_BACKEND", "RASM_MODELS_DIR",
                    "RASM_TRANSLATE_MODELS", "RASM_TRANSLATE_MODEL_AR_EN",
                    "RASM_TRANSLATE_MODEL_RU_EN"):
            mp.delenv(var, raising=False)
        yield


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch

    builder = load_script("make_tiny_marian")
    model = Path(builder.build_tiny(tmp_path_factory.mktemp("models") / "tiny-marian"))
    # The tiny model's matrices are too small to share among threads, and spinning threads
    # on a busy two-core CI machine cost far more than they give.
    torch.set_num_threads(1)
    return model


@pytest.fixture(scope="session")
def names() -> Gazetteer:
    return Gazetteer.from_entities([
        Entity("p:deir", "Deir ez-Zor", "place", "دير الزور", ("Deir Ezzor",), "SY"),
        Entity("p:aleppo", "Aleppo", "place", "حلب", ("Halab",), "SY"),
        Entity("o:hts", "Hay'at Tahrir al-Sham", "org", "هيئة تحرير الشام", ("HTS",)),
    ])


@pytest.fixture(autouse=True)
def fresh_translators() -> Iterator[None]:
    """Tests that change the environment must not see a translator another test cached."""
    yield
    from rasm.translate import reset_caches

    reset_caches()
