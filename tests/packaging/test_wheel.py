"""`pip install .` (not only an editable install) ships the tables, compiled."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.mark.slow
def test_wheel_ships_the_tables_and_starts_from_the_compiled_form(
        tmp_path: Path, wheel_file: Path) -> None:
    wheel = wheel_file
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(site)
    for table in ("places.tsv.gz", "orgs_persons.tsv", "actors.tsv", "ATTRIBUTION.md",
                  "compiled/places.store"):
        assert f"rasm/_tables/{table}" in names
    assert any(n.startswith("rasm/batch/sample_corpus/") for n in names)  # rasm batch --sample
    for module in ("service/__init__.py", "service/app.py", "service/routers/pages.py"):
        assert module in names  # rasm serve from an installed wheel
    for web in ("templates/base.html", "templates/read.html", "templates/entity.html",
                "templates/report.html", "static/rasm.css", "static/rasm.js",
                "data/countries_outline.geojson", "data/ATTRIBUTION.md"):
        assert f"rasm/web/{web}" in names  # the pages and the HTML report
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(site), "RASM_CACHE_DIR": str(cache)}
    env.pop("RASM_TABLES", None)
    code = (
        "import rasm, rasm.gazetteer.tables as t; print(t.tables_dir()); "
        "print(rasm.match('Deir Ezzur').best.entity.canonical); "
        "from rasm.web.render import render; from rasm.web.mapsvg import countries; "
        "print(len(countries()), 'use strict' in render('message.html', title='t', message='m'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
        check=True, timeout=120,
    ).stdout.split("\n")
    assert out[0] == str(site / "rasm" / "_tables")
    assert out[1] == "Deir ez-Zor"
    assert out[2] == "27 True"  # the shipped outlines and templates, with the inlined script
    assert not cache.exists(), "the installed copy compiled again instead of using the shipped form"
