"""One wheel per test session: building it compiles the built-in tables (minutes), so every
packaging test shares the same build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def wheel_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("RASM_TEST_WHEEL")  # a wheel of this checkout built already
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("wheel")
    # setuptools builds in the checkout's build/ and never deletes what is there: modules of an
    # older layout would ship beside the new ones.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out)],
        check=True, timeout=1800,
    )
    (wheel,) = out.glob("rasm-*.whl")
    return wheel
