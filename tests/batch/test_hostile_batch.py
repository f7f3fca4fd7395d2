"""Hostile input to the batch runner (issue 14): no line of a corpus stops a run, no output
problem ends in a traceback, and a run killed with SIGKILL at any stage (start, mid-chunk, the
final merge) resumes to exactly-once output with no files left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_corpora import USER_GAZETTEER, sample_articles

from rasm.batch.options import BatchOptions
from rasm.batch.readers import expand_inputs, read_documents
from rasm.batch.runner import run_batch
from rasm.errors import OutputError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OPTIONS = BatchOptions(gazetteers=(str(USER_GAZETTEER),), builtin=False, chunk_docs=4)
KILL_WAIT_S = 60.0


def hostile_jsonl(path: Path, good: int = 6) -> Path:
    """Good records around the lines that used to stop `rasm batch` for good."""
    texts = [text for _, text in sample_articles()]
    lines = [json.dumps({"id": f"good-{i}", "text": texts[i % len(texts)]}) for i in range(good)]
    hostile = [
        '{"id": "lone-text", "text": "Shelling hit Deir Ezzor \\ud800 today"}',
        '{"id": "\\udc00", "text": "Deir Ezzor"}',
        "[" * 5000 + "]" * 5000,
        '{"id": "big", "text": "Aleppo", "n": ' + "9" * 5000 + "}",
        '{"id": "deep", "text": "Aleppo", "x": ' + "[" * 3000 + "]" * 3000 + "}",
    ]
    for i, line in enumerate(hostile):
        lines.insert(1 + 2 * i, line)
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    return path


def test_hostile_jsonl_lines_go_to_the_errors_file_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = hostile_jsonl(tmp_path / "corpus.jsonl")
    summary = run_batch([corpus], tmp_path / "out.jsonl", OPTIONS, workers=1, report=False)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    errors = [json.loads(line) for line in summary.errors_path.read_text().splitlines()]
    assert [r["id"] for r in out] == [f"good-{i}" for i in range(6)]
    by_line = {e["source"].rsplit(":", 1)[1]: e for e in errors}
    assert sorted(by_line, key=int) == ["2", "4", "6", "8", "10"]
    assert "unpaired surrogate U+D800" in by_line["2"]["reason"] and by_line["2"]["id"] == "lone-text"
    assert "unpaired surrogate U+DC00" in by_line["4"]["reason"]
    assert by_line["4"]["id"] == f"{corpus}:4"  # the id itself cannot be written out
    assert "nested too deeply" in by_line["6"]["reason"]
    assert "5,000 digits" in by_line["8"]["reason"]
    assert "nested too deeply" in by_line["10"]["reason"]
    assert all(e["stage"] == "read" for e in errors)
    assert summary.docs == 11 and summary.ok == 6 and summary.failed == 5


def test_unwritable_out_is_one_clear_error(tmp_path: Path) -> None:
    corpus = hostile_jsonl(tmp_path / "corpus.jsonl", good=1)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for out in (a_file / "out.jsonl", Path("/proc/rasm-no-such/out.jsonl")):
        with pytest.raises(OutputError, match="cannot write") as info:
            run_batch([corpus], out, OPTIONS, workers=1, report=False)
        assert str(out.parent) in info.value.path and info.value.cause


def test_unwritable_out_from_the_cli(tmp_path: Path) -> None:
    corpus = hostile_jsonl(tmp_path / "corpus.jsonl", good=1)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    run = subprocess.run(
        [sys.executable, "-m", "rasm.cli", "batch", str(corpus), "--out", str(a_file / "o.jsonl"),
         "--no-builtin", "--gazetteer", str(USER_GAZETTEER), "--workers", "1", "--quiet"],
        check=False, capture_output=True, text=True, timeout=120, cwd=ROOT, env=_env())
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert str(a_file) in lines[0] and "Not a directory" in lines[0]


def test_a_file_gone_since_listing_is_a_failed_document(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"Shelling hit Deir Ezzor ({name}).", encoding="utf-8")
    files = expand_inputs([folder])
    (folder / "b.txt").unlink()  # a real vanished file, between listing and reading
    docs = list(read_documents(files, OPTIONS))
    assert [d.id for d in docs] == ["a.txt", "b.txt", "c.txt"]
    assert docs[1].text is None and "cannot read" in str(docs[1].problem)
    assert docs[0].text and docs[2].text


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file_in_a_folder_is_a_failed_document(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"Shelling hit Deir Ezzor ({name}).", encoding="utf-8")
    (folder / "b.txt").chmod(0)
    out = tmp_path / "out.jsonl"
    summary = run_batch([folder], out, OPTIONS, workers=1, report=False)
    assert summary.ok == 2 and summary.failed == 1
    error = json.loads(summary.errors_path.read_text())
    assert error["id"] == "b.txt" and "Permission denied" in error["reason"]
    assert not (tmp_path / "out.jsonl.work").exists()


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RASM_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(HERE)])
    return env


def _batch_args(corpus: Path, out: Path) -> list[str]:
    return [str(corpus), "--out", str(out), "--chunk-docs", "4", "--workers", "1",
            "--no-builtin", "--gazetteer", str(USER_GAZETTEER), "--no-report", "--quiet"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".work")))


@pytest.fixture(scope="module")
def killed_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus (35 documents, 9 chunks, 5 of them hostile) and the output of a run never
    killed."""
    folder = tmp_path_factory.mktemp("killed")
    corpus = hostile_jsonl(folder / "corpus.jsonl", good=30)
    reference = folder / "reference" / "out.jsonl"
    subprocess.run([sys.executable, "-m", "rasm.cli", "batch", *_batch_args(corpus, reference)],
                   check=True, timeout=120, cwd=ROOT, env=_env())
    return corpus, reference


@pytest.mark.parametrize("stage", ["start", "chunk", "merge"])
def test_sigkill_at_every_stage_then_resume_gives_exactly_once_output(
        tmp_path: Path, stage: str, killed_corpus: tuple[Path, Path]) -> None:
    corpus, reference = killed_corpus
    out_dir = tmp_path / "run"
    out = out_dir / "out.jsonl"
    marker = tmp_path / "reached"
    harness = [sys.executable, str(HERE / "kill_harness.py"), stage, str(marker), "--",
               *_batch_args(corpus, out)]
    proc = subprocess.Popen(harness, cwd=ROOT, env=_env(), start_new_session=True)
    try:
        deadline = time.monotonic() + KILL_WAIT_S
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert marker.exists(), f"the run never reached {stage} (exit {proc.poll()})"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert (out_dir / "out.jsonl.work" / "journal.jsonl").exists()
    if stage == "merge":
        assert any(p.name.endswith(".tmp") for p in out_dir.iterdir())  # killed mid-write

    resumed = subprocess.run([sys.executable, "-m", "rasm.cli", "batch", *_batch_args(corpus, out)],
                             check=False, capture_output=True, text=True, timeout=120, cwd=ROOT, env=_env())
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference.read_bytes()
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 30
    errors = (out_dir / "out.errors.jsonl").read_text()
    assert errors == (reference.parent / "out.errors.jsonl").read_text()
    assert len(errors.splitlines()) == 5
    assert _leftovers(out_dir) == []


def test_file_names_that_are_not_utf8_do_not_stop_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / os.fsdecode(b"bad-\xff-name.txt")).write_text("Shelling hit Deir Ezzor.")
    (folder / "good.txt").write_text("The Nusra Front left.")
    summary = run_batch([folder], tmp_path / "out.jsonl", OPTIONS, workers=1, report=False)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert summary.ok == 2 and summary.failed == 0
    assert [r["id"] for r in records] == ["bad-\ufffd-name.txt", "good.txt"]
