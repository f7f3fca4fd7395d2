"""Copies tables/ into the built package as rasm/_tables, so `pip install .` ships the data,
and compiles the built-in tables there, so an installed rasm starts fast from its first run.
Copies the service (the top-level `service/` package beside src/) into the wheel too, so that
`pip install 'rasm[service]'` then `rasm serve` works from any folder (docs/ARCHITECTURE.md).

Editable installs read tables/ from the checkout instead (see rasm.gazetteer.tables.tables_dir) and
compile into the user cache (`scripts/dev.sh` does it once, at install time). An editable build
copies no modules into build_lib, so there is nothing to compile with there: it skips both steps
(trying anyway printed a "No module named 'rasm.gazetteer.compiled'" traceback that looked like a failure).
"""
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithTables(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "rasm" / "_tables"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(HERE / "tables", target, ignore=shutil.ignore_patterns("__pycache__"))
        self._copy_service(Path(self.build_lib) / "service")
        self._compile(target)

    def _copy_service(self, target: Path) -> None:
        # Not a setuptools package of its own: mapping it in package-dir would make editable
        # installs use a meta-path finder that warns about same-named folders; a checkout
        # imports `service` from its root instead (tests, `rasm serve`).
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(HERE / "service", target, ignore=shutil.ignore_patterns(
            "__pycache__", "*.pyc"))

    def _compile(self, tables: Path) -> None:
        # Compile with the very modules the wheel ships, so the stamp matches at run time.
        sys.path.insert(0, str(Path(self.build_lib)))
        try:
            from rasm.gazetteer.compiled import (
                builtin_cache_dir,
                compile_builtin,
                compiled_stores,
                stamp,
            )

            target = tables / "compiled"
            stamp_value = stamp(tables)
            # Where this machine compiled the same tables with the same key code already
            # (scripts/dev.sh does it at set-up), the stores are equal: copy them, not minutes
            # of compiling again.
            stores = compiled_stores(tables, builtin_cache_dir(stamp_value), stamp_value)
            if stores is not None:
                target.mkdir(parents=True, exist_ok=True)
                for store in stores:
                    shutil.copyfile(store, target / store.name)
            else:
                compile_builtin(tables, target, stamp_value)
        finally:
            sys.path.pop(0)


setup(cmdclass={"build_py": BuildWithTables})
