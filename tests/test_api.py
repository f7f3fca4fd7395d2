"""The flat public API: every name in __all__ resolves, lazily, and nothing heavy loads at import."""

from __future__ import annotations

import subprocess
import sys

import rasm


def test_all_names_resolve_and_match_the_export_table() -> None:
    assert sorted(rasm.__all__) == sorted(rasm._EXPORTS)
    for name in rasm.__all__:
        assert getattr(rasm, name) is not None, name


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, rasm; heavy = {'torch', 'transformers', 'ctranslate2', 'fastapi', 'dask',"
        " 'icu', 'rapidfuzz', 'rasm.gazetteer'}; print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
