"""Optional translation layer: articles in Arabic, Russian, Persian, Turkish or French into
English (OPUS-MT MarianMT models, through transformers or CTranslate2), with the names rasm
recognizes kept intact.

    from rasm.translate import translate_document
    translate_document("قصفت الطائرات دير الزور").text   # '... Deir ez-Zor'

Importing this package loads nothing heavy; torch, transformers and ctranslate2 are imported
when a model is first used (pip install 'rasm[translate]', and 'rasm[ct2]' for CTranslate2).
"""

from __future__ import annotations

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
