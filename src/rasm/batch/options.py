"""What a batch run does to each document, validated up front so a bad option fails before any
work starts."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

from rasm.errors import InputError

FORMATS = ("jsonl", "parquet")
DEFAULT_MAX_CHARS = 1_000_000  # longer documents go to the errors file, not to a worker


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Options of one run. Everything here reaches the workers, so it stays small and picklable
    (gazetteers travel as paths; each worker loads them once)."""

    text_field: str = "text"  # JSONL/CSV/Parquet column holding the document
    id_field: str = "id"  # column holding its id; absent -> the record's place in the input
    gazetteers: tuple[str, ...] = ()  # user gazetteer TSV paths
    builtin: bool = True  # match against the built-in tables too
    threshold: float | None = None
    translate: bool = False  # translate into English first (needs rasm[translate] and models)
    max_chars: int = DEFAULT_MAX_CHARS
    format: str = "jsonl"
    chunk_docs: int = 256  # documents per unit of work (and per journal entry) at most
    chunk_bytes: int = 1 << 20  # ... and input bytes per unit of work at most

    def __post_init__(self) -> None:
        if not self.text_field:
            raise InputError("--text-field must not be empty")
        if self.format not in FORMATS:
            raise InputError(f"unknown output format {self.format!r}; known: {', '.join(FORMATS)}")
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise InputError(f"--threshold must be between 0 and 1, got {self.threshold}")
        if not self.builtin and not self.gazetteers:
            raise InputError("--no-builtin needs at least one --gazetteer PATH")
        if self.max_chars < 1:
            raise InputError(f"--max-chars must be at least 1, got {self.max_chars}")
        if self.chunk_docs < 1 or self.chunk_bytes < 1:
            raise InputError("--chunk-docs and chunk_bytes must be at least 1")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_workers() -> int:
    """Worker processes when none are asked for: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
