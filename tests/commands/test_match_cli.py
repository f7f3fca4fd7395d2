"""`rasm match` keeps its contract: one JSON object per input line, in order, whatever the line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
USER = DATA / "user_gazetteer.tsv"


def run_match(stdin: bytes, *args: str) -> tuple[int, list[dict[str, object]], str]:
    proc = subprocess.run(
        [sys.executable, "-m", "rasm.cli", "match", "--no-builtin", "--gazetteer", str(USER), *args],
        input=stdin, capture_output=True, timeout=120, check=False,
    )
    lines = proc.stdout.decode("utf-8").splitlines()
    return proc.returncode, [json.loads(line) for line in lines], proc.stderr.decode()


def test_one_json_object_per_line_in_order() -> None:
    code, records, _ = run_match("Deir Ezzur\nunknown place\nدير الزور\nNusra Front\n".encode())
    assert code == 0
    assert [r["query"] for r in records] == ["Deir Ezzur", "unknown place", "دير الزور", "Nusra Front"]
    assert [r["id"] for r in records] == ["u:deir", None, "u:deir", "u:nusra"]
    first = records[0]
    assert set(first) >= {"query", "id", "canonical", "kind", "score", "method", "alternatives"}
    assert first["canonical"] == "Deir ez-Zor" and first["kind"] == "place"
    assert 0 < first["score"] <= 1  # type: ignore[operator]
    assert records[1]["method"] == "none" and records[1]["score"] == 0.0


def test_bad_lines_keep_their_place_with_an_error() -> None:
    stdin = b"Deir Ezzur\n\xff\xfeoops\n" + b"x" * 10_000_000 + b"\n\n\x00\x1b[31m\nDayr az Zawr\n"
    code, records, _ = run_match(stdin)
    assert code == 0 and len(records) == 6
    assert records[0]["id"] == "u:deir" and records[5]["id"] == "u:deir"
    assert "invalid UTF-8 at byte 0" in str(records[1]["error"])
    assert "limit is" in str(records[2]["error"]) and len(str(records[2]["query"])) <= 200
    assert records[3]["id"] is None and records[4]["id"] is None


def test_kind_and_threshold_options() -> None:
    _, records, _ = run_match(b"Deir Ezzur\nNusra Front\n", "--kind", "org")
    assert [r["id"] for r in records] == [None, "u:nusra"]
    _, records, _ = run_match(b"Deir Ezzur\n", "--threshold", "1.0")
    assert records[0]["id"] is None  # a respelling never scores a perfect 1.0


def test_bad_options_are_clear_errors() -> None:
    code, _, err = run_match(b"x\n", "--threshold", "7")
    assert code == 2 and "--threshold must be between 0 and 1" in err
    proc = subprocess.run(
        [sys.executable, "-m", "rasm.cli", "match", "--no-builtin"], input=b"x\n",
        capture_output=True, timeout=60, check=False,
    )
    assert proc.returncode == 2 and b"--no-builtin needs at least one --gazetteer" in proc.stderr
