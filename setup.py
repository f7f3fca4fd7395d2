"""Copies tables/ into the built package as rasm/_tables, so `pip install .` ships the data.

Editable installs read tables/ from the checkout instead (see rasm.tables.tables_dir).
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithTables(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "rasm" / "_tables"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(HERE / "tables", target, ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildWithTables})
