"""Argument checks shared by the public functions, and the one policy every face applies to
hostile text: an unpaired surrogate is rejected (`SurrogateError`), never replaced or dropped.

Each check raises an `ArgumentError` naming the argument, so `match(name, threshold="0.9")`
says `threshold: must be a number between 0 and 1, not str` instead of a bare TypeError.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from numbers import Real
from typing import Any

from rasm.errors import ArgumentError, InputError, SurrogateError
from rasm.model import KINDS

SURROGATE_RE = re.compile("[\ud800-\udfff]")
MAX_INT_DIGITS = 4300  # Python's own default for int(str); checked here whatever it is set to
EXCERPT_CHARS = 40


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short repr of a value for an error message: errors never carry megabytes of input."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}… ({len(value):,} characters)"
    shown = repr(value)
    return shown if len(shown) <= limit + 2 else f"{shown[:limit]}… ({type(value).__name__})"


def check_text(value: object, argument: str, *, max_chars: int | None = None) -> str:
    """`value` as a str: a string, not longer than `max_chars`, without unpaired surrogates."""
    if not isinstance(value, str):
        raise ArgumentError(argument, f"must be a str, not {type(value).__name__}")
    if max_chars is not None and len(value) > max_chars:
        raise ArgumentError(argument, f"{len(value):,} characters long; the limit is "
                                      f"{max_chars:,}")
    bad = SURROGATE_RE.search(value)
    if bad is not None:
        raise SurrogateError(argument, bad.start(), ord(bad.group()))
    return value


def display_path(path: str) -> str:
    """A file name as text that can be written as UTF-8: bytes of a name that are not UTF-8
    (which Python keeps as lone surrogates) become U+FFFD."""
    if not SURROGATE_RE.search(path):
        return path
    raw = path.encode("utf-8", errors="surrogateescape") if not any(
        0xD800 <= ord(ch) < 0xDC80 for ch in path) else path.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", errors="replace")


def check_threshold(value: object, argument: str = "threshold") -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ArgumentError(argument, f"must be a number between 0 and 1, not "
                                      f"{type(value).__name__}")
    number = float(value)
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise ArgumentError(argument, f"must be between 0 and 1, got {excerpt(value)}")
    return number


def check_limit(value: object, argument: str = "limit") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(argument, f"must be a whole number >= 1, not {type(value).__name__}")
    if value < 1:
        raise ArgumentError(argument, f"must be at least 1, got {value}")
    return value


def check_kind(value: object, argument: str = "kind") -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArgumentError(argument, f"must be one of {', '.join(KINDS)}, not "
                                      f"{type(value).__name__}")
    if value not in KINDS:
        raise ArgumentError(argument, f"unknown kind {excerpt(value)}; known: {', '.join(KINDS)}")
    return value


def check_optional_text(value: object, argument: str) -> str | None:
    """None, or a short string (a country code, an id)."""
    return None if value is None else check_text(value, argument, max_chars=512)



def walk_json(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(path, leaf) for every leaf of a JSON value, in document order, keys included (as
    strings, at "PATH (a key)"), without recursion: a JSON document may nest a thousand
    levels."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            children = []
            for key, child in item.items():
                children.append((f"{where} (a key)" if where else "(a key)", _Key(str(key))))
                children.append((f"{where}.{key}" if where else str(key), child))
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend((f"{where}.{i}" if where else str(i), child)
                         for i, child in reversed(list(enumerate(item))))
        elif isinstance(item, _Key):
            yield where, str(item)
        else:
            yield where, item


class _Key(str):
    """A dict key met by walk_json (told apart from a value while walking)."""


def walk_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, string) for every string in a JSON value, keys included."""
    for where, leaf in walk_json(value, path):
        if isinstance(leaf, str):
            yield where, leaf


def first_surrogate(value: Any, path: str) -> SurrogateError | None:
    """The error for the first string in a JSON value that holds an unpaired surrogate."""
    for where, text in walk_strings(value, path):
        bad = SURROGATE_RE.search(text)
        if bad is not None:
            return SurrogateError(where, bad.start(), ord(bad.group()))
    return None


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(f"a number has {len(digits):,} digits; at most {MAX_INT_DIGITS} are "
                         "accepted")
    return int(digits)


def loads_json(text: str) -> Any:
    """json.loads for untrusted input: nesting too deep for the parser and numbers with more
    than MAX_INT_DIGITS digits are InputErrors with the reason, not RecursionError/ValueError.
    json.JSONDecodeError (a subclass of ValueError) passes through for the caller to word."""
    try:
        return json.loads(text, parse_int=_bounded_int)
    except RecursionError:
        raise InputError("JSON nested too deeply (more than about 1000 levels)") from None
