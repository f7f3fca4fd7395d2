"""Optional translation layer: articles in Arabic, Russian, Persian, Turkish or French into
English (OPUS-MT MarianMT models, through transformers or CTranslate2), with the names rasm
recognizes kept intact.

    from rasm.translate import translate_document
    translate_document("قصفت الطائرات دير الزور").text   # '... Deir ez-Zor'

Importing this package loads nothing heavy; torch, transformers and ctranslate2 are imported
when a model is first used (pip install 'rasm[translate]', and 'rasm[ct2]' for CTranslate2).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Names exported here, by module: imported on first use, so that running text (which needs only
# the language identifier, rasm.translate.langid) does not import the pipeline.
_EXPORTS = {
    "Hypothesis": "rasm.translate.base",
    "ModelUnavailableError": "rasm.translate.base",
    "ProtectedName": "rasm.translate.base",
    "Translation": "rasm.translate.base",
    "Translator": "rasm.translate.base",
    "UnsupportedLanguageError": "rasm.translate.base",
    "detect_language": "rasm.translate.langid",
    "identify": "rasm.translate.langid",
    "get_translator": "rasm.translate.pipeline",
    "reset_caches": "rasm.translate.pipeline",
    "translate": "rasm.translate.pipeline",
    "translate_document": "rasm.translate.pipeline",
    "translator_for": "rasm.translate.pipeline",
    "known_pairs": "rasm.translate.registry",
}

if TYPE_CHECKING:
    from rasm.translate.base import (
        Hypothesis,
        ModelUnavailableError,
        ProtectedName,
        Translation,
        Translator,
        UnsupportedLanguageError,
    )
    from rasm.translate.langid import detect_language, identify
    from rasm.translate.pipeline import (
        get_translator,
        reset_caches,
        translate,
        translate_document,
        translator_for,
    )
    from rasm.translate.registry import known_pairs

__all__ = [
    "Hypothesis",
    "ModelUnavailableError",
    "ProtectedName",
    "Translation",
    "Translator",
    "UnsupportedLanguageError",
    "detect_language",
    "get_translator",
    "identify",
    "known_pairs",
    "reset_caches",
    "translate",
    "translate_document",
    "translator_for",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rasm.translate' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
