"""Fixtures for the service tests (helpers in service_fixtures.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# `service` lives at the repository root beside src/: importable under `python -m pytest`
# (the working directory is on the path), and under plain `pytest` thanks to this line.
ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.append(ROOT)

from fastapi.testclient import TestClient
from service_fixtures import (
    GAZETTEER,
    WordTableTranslator,
    client_for,
    make_settings,
)


@pytest.fixture(scope="session", autouse=True)
def offline_environment() -> Iterator[None]:
    """No test may download a model, and the host's RASM_* settings must not leak in."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        for var in ("RASM_ALLOW_DOWNLOAD", "RASM_API_KEY", "RASM_MODELS_DIR",
                    "RASM_TRANSLATE_MODELS", "RASM_TRANSLATE_MODEL_AR_EN"):
            mp.delenv(var, raising=False)
        yield


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    return GAZETTEER


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with client_for(make_settings()) as c:
        yield c


@pytest.fixture(scope="module")
def translating_client() -> Iterator[TestClient]:
    """An app serving ar-en with the word-table translator."""
    settings = make_settings(translate_pairs=("ar-en",))
    with client_for(settings, translators={"ar-en": WordTableTranslator()}) as c:
        yield c
