"""Which script a name is written in, and Cyrillic to Latin through ICU."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from rasm.names.arabic import has_arabic


def script_of(text: str) -> str:
    """'arabic', 'cyrillic', 'latin', or 'other' (the first letter that decides wins)."""
    if has_arabic(text):
        return "arabic"
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            return "cyrillic"
        if name.startswith("LATIN"):
            return "latin"
    return "latin" if any(ch.isalnum() for ch in text) else "other"


@cache
def _cyrillic_transliterator() -> Any:
    import icu  # PyICU; imported here so that `import rasm` stays light

    # BGN/PCGN for Russian gives the spellings English news uses (Sergey Lavrov, Deyr-ez-Zor).
    return icu.Transliterator.createInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII")


def cyrillic_to_latin(text: str) -> str:
    return str(_cyrillic_transliterator().transliterate(text))


def reset_caches() -> None:
    _cyrillic_transliterator.cache_clear()
