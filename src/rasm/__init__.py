"""rasm: one canonical entity for every spelling of an Arabic-world name.

    >>> import rasm
    >>> rasm.match("Deir Ezzur").best.entity.canonical
    'Deir ez-Zor'

Public names are listed in `__all__` and imported on first use, so `import rasm` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "Entity": "rasm.model",
    "Candidate": "rasm.model",
    "Match": "rasm.model",
    "RasmError": "rasm.errors",
    "TableError": "rasm.errors",
    "InputError": "rasm.errors",
    "ArgumentError": "rasm.errors",
    "SurrogateError": "rasm.errors",
    "OutputError": "rasm.errors",
    "UnknownSchemeError": "rasm.errors",
    "MissingExtraError": "rasm.errors",
    "Gazetteer": "rasm.gazetteer",
    "builtin_gazetteer": "rasm.gazetteer",
    "load_gazetteer": "rasm.gazetteer",
    "match": "rasm.names.matcher",
    "match_many": "rasm.names.matcher",
    "DEFAULT_THRESHOLD": "rasm.names.matcher",
    "name_key": "rasm.names.keys",
    "transliterate": "rasm.names.translit",
    "schemes": "rasm.names.translit",
    "normalize_text": "rasm.text",
    "find_mentions": "rasm.text",
    "Mention": "rasm.text",
    "TextResult": "rasm.text",
    "reset_caches": "rasm.caches",
    "suggest": "rasm.names.suggest",
    # The translation layer is the subpackage rasm.translate; its main entry points:
    "translate_document": "rasm.translate",
    "get_translator": "rasm.translate",
    "Translation": "rasm.translate",
    "ModelUnavailableError": "rasm.translate",
}

__all__ = [  # a literal list, for type checkers; tests/test_api.py keeps it equal to _EXPORTS
    "DEFAULT_THRESHOLD", "ArgumentError", "Candidate", "Entity", "Gazetteer", "InputError",
    "Match", "Mention", "MissingExtraError", "ModelUnavailableError", "OutputError", "RasmError",
    "SurrogateError", "TableError", "TextResult", "Translation", "UnknownSchemeError", "builtin_gazetteer", "find_mentions", "get_translator",
    "load_gazetteer", "match", "match_many", "name_key", "normalize_text", "reset_caches",
    "schemes", "suggest", "translate_document", "transliterate",
]

if TYPE_CHECKING:
    from rasm.caches import reset_caches
    from rasm.errors import (
        ArgumentError,
        InputError,
        MissingExtraError,
        OutputError,
        RasmError,
        SurrogateError,
        TableError,
        UnknownSchemeError,
    )
    from rasm.gazetteer import Gazetteer, builtin_gazetteer, load_gazetteer
    from rasm.model import Candidate, Entity, Match
    from rasm.names.keys import name_key
    from rasm.names.matcher import DEFAULT_THRESHOLD, match, match_many
    from rasm.names.suggest import suggest
    from rasm.names.translit import schemes, transliterate
    from rasm.text import Mention, TextResult, find_mentions, normalize_text
    from rasm.translate import (
        ModelUnavailableError,
        Translation,
        get_translator,
        translate_document,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rasm' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
