"""The README's examples run, so the front door cannot drift from the code."""

from __future__ import annotations

import doctest
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"


def test_readme_python_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name files relative to the checkout
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5 and result.failed == 0


def test_readme_shell_examples_of_rasm_match() -> None:
    commands = re.findall(r"^(printf .*\| rasm match.*)$", README.read_text("utf-8"), flags=re.MULTILINE)
    assert commands
    # The `rasm` of this interpreter's environment, as an installed checkout has it.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        out = subprocess.run(
            command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, check=True,
            timeout=120,
        ).stdout
        records = [json.loads(line) for line in out.splitlines()]
        assert records and all(r["id"] for r in records), records
