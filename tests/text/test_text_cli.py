"""`rasm text` keeps its contract: one JSON object per document, the gazetteer options of
`rasm match`, files as documents, JSON lines in and out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

USER = Path(__file__).parents[1] / "data" / "user_gazetteer.tsv"


def run_text(stdin: bytes, *args: str) -> tuple[int, list[dict[str, object]], str]:
    proc = subprocess.run(
        [sys.executable, "-m", "rasm.cli", "text", "--no-builtin", "--gazetteer", str(USER), *args],
        input=stdin, capture_output=True, timeout=120, check=False,
    )
    lines = proc.stdout.decode("utf-8").splitlines()
    return proc.returncode, [json.loads(line) for line in lines], proc.stderr.decode()


def test_stdin_is_one_document() -> None:
    code, records, _ = run_text(b"Shelling hit Deir Ezzor.\n\nThe Nusra Front left.\n")
    assert code == 0 and len(records) == 1
    record = records[0]
    assert record["text"] == "Shelling hit Deir ez-Zor.\n\nThe Jabhat al-Nusra left.\n"
    mentions = record["mentions"]
    assert isinstance(mentions, list)
    assert [(m["surface"], m["id"], m["start"]) for m in mentions] == [
        ("Deir Ezzor", "u:deir", 13), ("Nusra Front", "u:nusra", 30),
    ]


def test_styles_and_kinds() -> None:
    _, records, _ = run_text(b"Deir Ezzor and Nusra Front", "--style", "append", "--kind", "org")
    assert records[0]["text"] == "Deir Ezzor and Nusra Front [Jabhat al-Nusra]"
    _, records, _ = run_text(b"Deir Ezzor", "--style", "identity")
    assert records[0]["text"] == "Deir Ezzor"


def test_files_are_documents(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("In Karm al-Qaterji", encoding="utf-8")
    b.write_bytes(b"\xff\xfe bad")
    code, records, _ = run_text(b"", str(a), str(b))
    assert code == 1  # a document could not be read; the others still came out
    assert records[0]["source"] == str(a) and records[0]["mentions"][0]["id"] == "u:karm"  # type: ignore[index]
    assert records[1]["source"] == str(b) and "invalid UTF-8" in str(records[1]["error"])


def test_jsonl_documents_in_order_with_errors_in_place() -> None:
    lines = [json.dumps({"id": "x", "text": "دير الزور"}), "not json", json.dumps({"id": 7, "text": ""})]
    code, records, _ = run_text(("\n".join(lines) + "\n").encode(), "--jsonl")
    assert code == 1
    assert [r["id"] for r in records] == ["x", None, 7]
    assert records[0]["mentions"][0]["id"] == "u:deir"  # type: ignore[index]
    assert "not JSON" in str(records[1]["error"])
    assert records[2] == {"id": 7, "text": "", "mentions": []}


def test_bad_threshold_is_a_clear_error() -> None:
    code, records, err = run_text(b"x", "--threshold", "2")
    assert code == 2 and records == [] and "--threshold" in err


def test_translate_runs_before_the_names_are_found(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The wiring of --translate (the translator itself is tested in tests/translate): the
    document is translated to English first, and the offsets refer to the translation."""
    import io
    from dataclasses import dataclass

    import rasm.translate
    from rasm.cli import main

    @dataclass
    class Translated:
        text: str

    def fake_translate(text: str, *, target: str = "en", **_: object) -> Translated:
        assert target == "en"
        return Translated(text.replace("دير الزور", "Deir Ezzor"))

    monkeypatch.setattr(rasm.translate, "translate_document", fake_translate)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("قصف دير الزور".encode())))
    assert main(["text", "--translate", "--no-builtin", "--gazetteer", str(USER)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["translated"] == "قصف Deir Ezzor"
    assert record["text"] == "قصف Deir ez-Zor"
    assert record["mentions"][0]["start"] == 4
