"""`rasm gazetteer compile` and the cache it fills: a compiled user table is reused by
rasm.load_gazetteer, rebuilt when the table or the key code changes, and answers like the
table indexed in memory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rasm.cli import main
from rasm.gazetteer import Gazetteer, compiled, load_gazetteer
from rasm.gazetteer.tables import read_entities
from rasm.names.matcher import match

DATA = Path(__file__).parents[1] / "data"
NEWS = DATA / "news_gazetteer.tsv"


def user_stores(cache: Path) -> list[Path]:
    return sorted((cache / "user").glob("*.store"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("RASM_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the tables compiled from here on (compile_part is still run)."""
    seen: list[str] = []
    real = compiled.compile_part

    def spy(entities, name, stamp_value, target):  # type: ignore[no-untyped-def]
        seen.append(name)
        real(entities, name, stamp_value, target)

    monkeypatch.setattr(compiled, "compile_part", spy)
    return seen


def test_compile_fills_the_cache_that_load_gazetteer_reads(cache: Path, compiles: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "compile", str(NEWS)]) == 0
    assert compiles == [str(NEWS)] and len(user_stores(cache)) == 1
    assert "compiled ->" in capsys.readouterr().out
    gazetteer = load_gazetteer(NEWS)
    assert compiles == [str(NEWS)]  # opened, not compiled again
    assert match("Halab", gazetteer=gazetteer).best is not None
    assert main(["gazetteer", "compile", str(NEWS)]) == 0
    assert "already compiled" in capsys.readouterr().out and len(compiles) == 1


def test_out_dir_is_a_cache_to_point_rasm_cache_dir_at(tmp_path: Path, cache: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "image-cache"
    assert main(["gazetteer", "compile", "--out", str(out), str(NEWS)]) == 0
    assert len(user_stores(out)) == 1 and not user_stores(cache)
    monkeypatch.setenv("RASM_CACHE_DIR", str(out))
    load_gazetteer(NEWS)
    assert compiles == [str(NEWS)]


def test_a_changed_table_is_compiled_again(tmp_path: Path, cache: Path, compiles: list[str]) -> None:
    table = tmp_path / "mine.tsv"
    shutil.copy(NEWS, table)
    first = load_gazetteer(table)
    assert len(compiles) == 1
    with table.open("a", encoding="utf-8") as out:
        out.write("u:newtown\tNewtown al-Jadida\tplace\t\t\n")
    second = load_gazetteer(table)
    assert len(compiles) == 2 and len(user_stores(cache)) == 2
    assert "u:newtown" in second and "u:newtown" not in first
    load_gazetteer(table)
    assert len(compiles) == 2


def test_changed_key_code_compiles_again(tmp_path: Path, cache: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    load_gazetteer(NEWS)
    assert len(compiles) == 1
    # Another version of the code that computes keys: here, the same files less one, as if
    # fold.py had changed; the stamp changes and the old store is not read.
    monkeypatch.setattr(compiled, "_KEY_CODE", tuple(n for n in compiled._KEY_CODE if n != "names/fold.py"))
    load_gazetteer(NEWS)
    assert len(compiles) == 2
    monkeypatch.setattr(compiled, "FORMAT", compiled.FORMAT + 1)
    load_gazetteer(NEWS)
    assert len(compiles) == 3 and len(user_stores(cache)) == 3


def test_cached_and_uncached_answers_are_identical(cache: Path) -> None:
    entities = read_entities(NEWS)
    names = [n for e in entities for n in (e.canonical, e.canonical.lower(), e.canonical[1:], e.arabic, *e.aliases) if n]
    names += [line.split("\t")[0] for line in (DATA / "news_spellings.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    assert len(names) >= 200
    memory = Gazetteer.from_entities(entities)
    cold = load_gazetteer(NEWS)  # compiles
    warm = load_gazetteer(NEWS)  # opens the compiled store
    expected = [match(n, gazetteer=memory).to_dict() for n in names]
    assert [match(n, gazetteer=cold).to_dict() for n in names] == expected
    assert [match(n, gazetteer=warm).to_dict() for n in names] == expected


def test_cli_errors_name_what_is_wrong(tmp_path: Path, cache: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tname\tcolour\nx\tX\tred\n", encoding="utf-8")
    for args, message in (
        ([], "give at least one gazetteer FILE"),
        ([str(tmp_path / "missing.tsv")], "missing.tsv"),
        ([str(bad)], "unknown column 'colour'"),
    ):
        proc = subprocess.run([sys.executable, "-m", "rasm.cli", "gazetteer", "compile", *args],
                              capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr


def test_match_cli_uses_the_precompiled_table(tmp_path: Path, cache: Path) -> None:
    assert main(["gazetteer", "compile", str(NEWS)]) == 0
    before = {p: p.stat().st_mtime_ns for p in user_stores(cache)}
    proc = subprocess.run(
        [sys.executable, "-m", "rasm.cli", "match", "--no-builtin", "--gazetteer", str(NEWS)],
        input="Dimashq\n", capture_output=True, text=True, timeout=120, check=True,
    )
    assert json.loads(proc.stdout)["id"] is not None
    assert {p: p.stat().st_mtime_ns for p in user_stores(cache)} == before
