"""Errors raised by rasm. All subclass RasmError, itself a ValueError, and carry their context."""

from __future__ import annotations


class RasmError(ValueError):
    """Base class of every error rasm raises on purpose."""


class TableError(RasmError):
    """A gazetteer or rule table is malformed. Names the file, the line (1-based) and the problem."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class InputError(RasmError):
    """A query or document cannot be processed (empty, too long, not text)."""


class UnknownSchemeError(RasmError):
    """A transliteration scheme that no rule file defines."""

    def __init__(self, scheme: str, known: list[str]) -> None:
        self.scheme = scheme
        self.known = known
        super().__init__(f"unknown transliteration scheme {scheme!r}; known: {', '.join(known)}")


class MissingExtraError(RasmError, ImportError):
    """An optional part of rasm was used without its extra installed."""

    def __init__(self, feature: str, extra: str, cause: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional dependencies of rasm[{extra}] "
            f"(pip install 'rasm[{extra}]'): {cause}"
        )
