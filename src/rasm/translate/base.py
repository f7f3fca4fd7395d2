"""The translator interface every backend implements, and the values translation returns.

A backend translates a batch of already-split, already-protected sentences; everything around
that (language routing, splitting, batching, name protection) lives in rasm.translate.pipeline
and works the same for every backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rasm.errors import RasmError

# OPUS-MT models are trained with this many positions; longer inputs would be cut.
MAX_INPUT_TOKENS = 512


class ModelUnavailableError(RasmError):
    """A translation model that is neither a local folder nor in the local model cache."""

    def __init__(self, model: str, reason: str) -> None:
        self.model = model
        self.reason = reason
        super().__init__(
            f"translation model {model!r} is not available offline ({reason}). Provide it as a "
            "local folder: pass --model PATH (or model=PATH), set RASM_TRANSLATE_MODEL_<SRC>_<TGT>"
            "=PATH (e.g. RASM_TRANSLATE_MODEL_AR_EN), or put it under RASM_MODELS_DIR/<name> "
            "(e.g. $RASM_MODELS_DIR/opus-mt-ar-en); a folder saved by save_pretrained() or "
            "downloaded from the hub on a connected machine works"
        )


class UnsupportedLanguageError(RasmError):
    """No model is known for a language pair."""

    def __init__(self, source: str, target: str, known: Sequence[str]) -> None:
        self.source = source
        self.target = target
        self.known = list(known)
        super().__init__(
            f"no translation model for {source}->{target}; known pairs: {', '.join(self.known)} "
            "(pass model=... / --model to use another)"
        )


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """One candidate translation of one input and its model score (sum of log-probabilities
    normalized by length; higher is better)."""

    text: str
    score: float


@runtime_checkable
class Translator(Protocol):
    """A loaded model: translates batches of sentences, each no longer than `max_input_tokens`."""

    name: str  # the model id or folder it was loaded from

    @property
    def max_input_tokens(self) -> int: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source tokens (end-of-sentence included) of each text, for batching and splitting."""
        ...

    def hypotheses(self, texts: Sequence[str], num: int = 1) -> list[list[Hypothesis]]:
        """The `num` best translations of each text, best first."""
        ...

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        """The best translation of each text, in order."""
        ...


@dataclass(frozen=True, slots=True)
class ProtectedName:
    """A name kept out of the model's hands: what the source said, what the translation says."""

    source: str  # the surface in the source text
    target: str  # what the translation carries instead (canonical English form, or the term)
    id: str | None = None  # entity id when the core recognized it; None for glossary terms
    restored: str = "placeholder"  # placeholder | inline | appended (see rasm.translate.protect)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "id": self.id,
                "restored": self.restored}


@dataclass(frozen=True, slots=True)
class Translation:
    """One document's translation. `passthrough` is True when the text was already in the
    target language (or had nothing to translate) and came back untouched."""

    text: str
    source_lang: str
    target_lang: str
    model: str | None
    protected: tuple[ProtectedName, ...] = ()
    passthrough: bool = False
    sentences: int = 0
    notes: tuple[str, ...] = field(default=())  # what went wrong and how it was repaired

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "model": self.model,
            "passthrough": self.passthrough,
            "sentences": self.sentences,
            "protected": [p.to_dict() for p in self.protected],
            "notes": list(self.notes),
        }
