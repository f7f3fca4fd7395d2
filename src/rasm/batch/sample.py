"""The embedded sample corpus: short news articles written for rasm (not taken from any
outlet) that spell the same places, groups and people in different ways, plus a few names no
table knows, spelled two ways, for the report's clusters."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_corpus_dir() -> Path:
    return Path(str(resources.files("rasm.batch") / "sample_corpus"))
