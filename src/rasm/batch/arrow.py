"""pyarrow, imported when Parquet is used, with an error naming the extra when it is missing."""

from __future__ import annotations

from typing import Any

from rasm.errors import MissingExtraError


def import_pyarrow(feature: str) -> tuple[Any, Any]:
    """(pyarrow, pyarrow.parquet)."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingExtraError(feature, "batch", str(exc)) from exc
    return pyarrow, pyarrow.parquet
