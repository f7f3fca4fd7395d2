"""Hostile input to the command line (issue 14): a bad line gets its own error and the next line
its answer; unreadable input and unwritable output are one line on stderr naming the path and
the cause, with a non-zero exit and no traceback; a bad option is a usage error before any input
is read; no line is read into memory beyond the library's limits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"
USER = DATA / "user_gazetteer.tsv"
GAZ = ["--no-builtin", "--gazetteer", str(USER)]


def rasm(*args: str, stdin: bytes = b"", stdout: object = subprocess.PIPE
         ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "rasm.cli", *args], input=stdin,
                          stdout=stdout, stderr=subprocess.PIPE, timeout=120, check=False)


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_text_jsonl_goes_on_after_hostile_lines() -> None:
    lines = [
        b'{"id": 1, "text": "Shelling hit Deir Ezzor."}',
        b'{"id": 2, "text": "lone \\ud800 surrogate"}',
        b'{"id": "\\udfff", "text": "Deir Ezzor"}',
        b"[" * 5000 + b"]" * 5000,
        b'{"id": 5, "text": "x", "n": ' + b"7" * 5000 + b"}",
        b'{"id": 6, "text": "The Nusra Front left."}',
    ]
    proc = rasm("text", "--jsonl", *GAZ, stdin=b"\n".join(lines) + b"\n")
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == [1, 2, None, None, None, 6]
    assert records[0]["mentions"] and records[5]["mentions"]  # later documents get output
    errors = [r.get("error", "") for r in records]
    assert errors[1].startswith("<stdin>:2: text: unpaired surrogate U+D800")
    assert errors[2].startswith("<stdin>:3: id: unpaired surrogate U+DFFF")
    assert errors[3].startswith("<stdin>:4:") and "nested too deeply" in errors[3]
    assert errors[4].startswith("<stdin>:5:") and "5,000 digits" in errors[4]


def test_match_reports_a_surrogate_per_line() -> None:
    # Raw bytes ED A0 80 are not UTF-8: the line gets its error, the others their match.
    proc = rasm("match", *GAZ, stdin=b"Deir Ezzor\nDeir \xed\xa0\x80\nNusra Front\n")
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 0
    assert [r["id"] for r in records] == ["u:deir", None, "u:nusra"]
    assert "invalid UTF-8" in str(records[1]["error"])


@pytest.mark.parametrize("path", ["/proc/self/mem", "."])
def test_unreadable_input_is_one_line_naming_it(path: str) -> None:
    proc = rasm("match", *GAZ, "--input", path)
    assert proc.returncode != 0
    line = one_line_error(proc)
    assert line.startswith("rasm match: error: cannot read ") and path in line


@pytest.mark.parametrize(("args", "stdin"), [
    (["match", *GAZ], b"Deir Ezzor\n"),
    (["text", *GAZ], b"Shelling hit Deir Ezzor."),
    (["translit", "--no-gazetteer"], "حلب\n".encode()),
])
def test_a_full_disk_is_one_line_and_a_failure(args: list[str], stdin: bytes) -> None:
    with open("/dev/full", "wb") as full:
        proc = rasm(*args, stdin=stdin, stdout=full)
    assert proc.returncode == 1
    line = one_line_error(proc)
    assert "cannot write standard output: No space left on device" in line


@pytest.mark.parametrize("limit", ["0", "many"])
def test_a_bad_limit_is_a_usage_error_before_reading(limit: str) -> None:
    proc = rasm("match", *GAZ, "--limit", limit, stdin=b"Deir Ezzor\n" * 3)
    assert proc.returncode == 2 and proc.stdout == b""
    assert "argument --limit" in proc.stderr.decode()


def test_match_bounds_a_line_to_the_name_limit() -> None:
    proc = rasm("match", *GAZ, stdin=b"x" * 3_000_000 + b"\nDeir Ezzor\n")
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == [None, "u:deir"]
    assert "limit is 512 characters" in str(records[0]["error"])


def _peak_rss_kib(args: list[str], stdin_bytes: int) -> int:
    """Peak memory of one `rasm` run fed `stdin_bytes` bytes on a single line, measured by a
    parent process of its own (so no other child of the test process counts)."""
    code = (
        "import resource, subprocess, sys\n"
        f"p = subprocess.Popen([sys.executable, '-m', 'rasm.cli', *{args!r}],"
        " stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "chunk = b'a' * (1 << 20)\n"
        f"for _ in range({stdin_bytes} >> 20):\n"
        "    try:\n        p.stdin.write(chunk)\n    except BrokenPipeError:\n        break\n"
        "try:\n    p.stdin.write(b'\\n'); p.stdin.close()\nexcept BrokenPipeError:\n    pass\n"
        "p.wait(timeout=120)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=180, check=True)
    return int(out.stdout.strip())


@pytest.mark.parametrize("args", [["match", *GAZ], ["translit", "--no-gazetteer"]])
def test_a_huge_line_does_not_grow_memory(args: list[str]) -> None:
    small = _peak_rss_kib(args, 1 << 20)
    huge = _peak_rss_kib(args, 64 << 20)  # one 64 MiB line: held whole it would be 128+ MiB
    assert huge < small + 32 * 1024, (small, huge)


def test_text_names_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"doc-\xfe.txt")
    path.write_text("Shelling hit Deir Ezzor.")
    proc = rasm("text", *GAZ, str(path))
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["source"].endswith("doc-\ufffd.txt") and record["mentions"]
