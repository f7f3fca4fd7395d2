"""One switch for every cache rasm keeps (loaded tables, compiled rules, loaded models)."""

from __future__ import annotations

from importlib import import_module

# Modules that keep caches, each with a reset_caches() of its own. Modules not yet imported
# hold nothing, so they are skipped rather than imported.
_CACHING_MODULES = (
    "rasm.gazetteer", "rasm.names.scripts", "rasm.names.translit", "rasm.text", "rasm.translate",
    "rasm.batch.process", "rasm.names.suggest", "rasm.names.house_style",
)


def reset_caches() -> None:
    import sys

    for name in _CACHING_MODULES:
        if name in sys.modules:
            reset = getattr(import_module(name), "reset_caches", None)
            if reset is not None:
                reset()
