"""Helpers for the service tests: settings over a small hand-made gazetteer (tests/service/
gazetteer.tsv, loads in milliseconds), clients, and a word-table translator.

The translator is a real `rasm.translate.Translator` (the protocol the service calls), driven by
a fixed Arabic -> English word table instead of a neural model: the service's job is routing,
limits and concurrency, which do not depend on the model's quality, and a MarianMT model would
take minutes to build on CI."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from rasm.translate.base import Hypothesis
from service.app import create_app
from service.settings import Settings

HERE = Path(__file__).resolve().parent
GAZETTEER = HERE / "gazetteer.tsv"

WORDS = {"قصفت": "bombed", "الطائرات": "aircraft", "المدينة": "the city", "في": "in",
         "وصل": "arrived", "الوفد": "the delegation", "إلى": "to"}


class WordTableTranslator:
    """Arabic -> English word by word from WORDS; name placeholders (ZZ0, ...) copied as they
    are, as a real model is trained to. `gate`, when set, makes every batch wait for it (to
    hold translation slots busy in tests)."""

    name = "word-table"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.calls = 0
        self.threads: set[str] = set()

    @property
    def max_input_tokens(self) -> int:
        return 512

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        self.calls += 1
        self.threads.add(threading.current_thread().name)
        if self.gate is not None and not self.gate.wait(timeout=10):
            raise RuntimeError("test gate never opened")
        return [" ".join(WORDS.get(w, w) for w in re.findall(r"\S+", t)) for t in texts]

    def hypotheses(self, texts: Sequence[str], num: int = 1) -> list[list[Hypothesis]]:
        return [[Hypothesis(out, 0.0)] for out in self.translate_batch(texts)]


def make_settings(**changes: Any) -> Settings:
    base = Settings(builtin=False, gazetteers=(GAZETTEER,), public_url="http://testserver")
    return replace(base, **changes)


def client_for(settings: Settings, **kwargs: Any) -> TestClient:
    """A TestClient for an app on `settings`; use as a context manager (runs the lifespan)."""
    return TestClient(create_app(settings, **kwargs), raise_server_exceptions=False)


