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


class ArgumentError(InputError):
    """An argument of a public function has the wrong type or an unusable value. Names the
    argument (`argument`) and what was wrong (`problem`)."""

    def __init__(self, argument: str, problem: str) -> None:
        self.argument = argument
        self.problem = problem
        super().__init__(f"{argument}: {problem}")


class SurrogateError(ArgumentError):
    """Text holding an unpaired surrogate code point (U+D800..U+DFFF, from a JSON escape such as
    "\\ud800" or from bytes that are not UTF-8). rasm rejects such text in every face rather
    than guess what it meant: it cannot be written out as UTF-8."""

    def __init__(self, argument: str, position: int, codepoint: int) -> None:
        self.position = position
        self.codepoint = codepoint
        super().__init__(argument, f"unpaired surrogate U+{codepoint:04X} at character "
                                   f"{position}; rasm accepts only text that can be written as "
                                   "UTF-8")


class OutputError(RasmError):
    """An output file or stream cannot be written (no such folder, not a folder, disk full)."""

    def __init__(self, path: str, cause: str) -> None:
        self.path = path
        self.cause = cause
        super().__init__(f"cannot write {path}: {cause}")


class UnknownSchemeError(RasmError):
    """A transliteration scheme that no rule file defines."""

    def __init__(self, scheme: str, known: list[str]) -> None:
        self.scheme = scheme
        self.known = known
        shown = repr(scheme) if len(scheme) <= 40 else f"{scheme[:40]!r}… ({len(scheme):,} characters)"
        super().__init__(f"unknown transliteration scheme {shown}; known: {', '.join(known)}")


class MissingExtraError(RasmError, ImportError):
    """An optional part of rasm was used without its extra installed."""

    def __init__(self, feature: str, extra: str, cause: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional dependencies of rasm[{extra}] "
            f"(pip install 'rasm[{extra}]'): {cause}"
        )
