"""`rasm translate`: one document from stdin, its translation to stdout."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from rasm.cli import main

ROOT = Path(__file__).resolve().parents[2]
USER_GAZETTEER = ROOT / "tests" / "data" / "user_gazetteer.tsv"


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: bytes,
        *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(["translate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_translates_stdin_with_names_kept(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    doc = "قصفت الطائرات دير الزور.\nبدأت المفاوضات اليوم\n".encode()
    code, out, err = run(monkeypatch, capsys, doc, "--model", str(tiny_model), "--beam", "1",
                         "--gazetteer", str(USER_GAZETTEER), "--no-builtin")
    assert code == 0, err
    assert out == "aircraft bombed Deir ez-Zor\nthe negotiations began today\n"


def test_json_output_and_explicit_languages(tiny_model: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.txt"
    glossary.write_text("# ours\nДамаск\tDamascus\n", "utf-8")
    code, out, _ = run(monkeypatch, capsys, "Делегация прибыла в Дамаск".encode(),
                       "--model", str(tiny_model), "--from", "ru", "--to", "en", "--beam", "1",
                       "--glossary", str(glossary), "--no-protect", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["text"] == "the delegation arrived in Damascus"
    assert (record["source_lang"], record["target_lang"]) == ("ru", "en")
    assert record["protected"] == [{"source": "Дамаск", "target": "Damascus", "id": None,
                                    "restored": "placeholder"}]


def test_english_passes_through_without_a_model(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, b"Talks resumed in Geneva.\n",
                       "--model", "/no/such/model", "--no-protect")
    assert (code, out) == (0, "Talks resumed in Geneva.\n")


def test_a_missing_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    code, out, err = run(monkeypatch, capsys, "قصفت الطائرات المدينة".encode(),
                         "--model", str(tmp_path / "missing"), "--no-protect")
    assert code == 2 and out == ""
    assert "is not available offline (no such folder" in err
    assert err.count("\n") == 1


def test_bad_input_is_an_error_naming_it(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    code, _, err = run(monkeypatch, capsys, b"caf\xe9", "--no-protect")
    assert code == 2 and "<stdin>: invalid UTF-8 at byte 3" in err
    bad = tmp_path / "glossary.txt"
    bad.write_text("\tDamascus\n", "utf-8")
    code, _, err = run(monkeypatch, capsys, "نص".encode(), "--glossary", str(bad))
    assert code == 2 and "glossary.txt:1: empty term" in err
    code, _, err = run(monkeypatch, capsys, "نص".encode(), "--beam", "0")
    assert code == 2 and "--beam must be at least 1" in err
