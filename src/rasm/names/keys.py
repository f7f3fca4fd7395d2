"""The grouping key of a name, whatever its script: spellings of one name share it."""

from __future__ import annotations

from rasm.names.matcher import prepare


def name_key(name: str) -> str:
    """Consonant skeleton of the name as rasm reads it ("Meida'ani" and "Midaani" -> "mdn")."""
    return prepare(name).key  # prepare checks the name (type, length, surrogates)
