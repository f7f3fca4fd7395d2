"""A run killed mid-way (SIGKILL to the real process and its workers: no clean-up, no
`finally`) and then resumed by the same command gives each document exactly once, in order,
the same output as a run never killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from batch_corpora import USER_GAZETTEER, corpus_jsonl


def batch_command(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "rasm.cli", "batch", str(corpus), "--out", str(out),
            "--chunk-docs", "4", "--no-builtin", "--gazetteer", str(USER_GAZETTEER),
            "--no-report", "--quiet", *extra]


def committed_chunks(journal: Path) -> int:
    if not journal.exists():
        return 0
    return max(0, len(journal.read_text(encoding="utf-8").splitlines()) - 1)


def test_killed_run_resumes_to_exactly_once_output(tmp_path: Path) -> None:
    corpus = corpus_jsonl(tmp_path / "corpus.jsonl", copies=150)  # 1,200 documents, 300 chunks
    reference = tmp_path / "reference.jsonl"
    subprocess.run(batch_command(corpus, reference, "--workers", "1"), check=True, timeout=120)

    out = tmp_path / "out.jsonl"
    journal = tmp_path / "out.jsonl.work" / "journal.jsonl"
    proc = subprocess.Popen(batch_command(corpus, out, "--workers", "2"),
                            start_new_session=True)  # its own group: the kill reaches workers
    deadline = time.monotonic() + 60
    while committed_chunks(journal) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    done = committed_chunks(journal)
    assert 3 <= done < 300 and not out.exists()

    resumed = subprocess.run(batch_command(corpus, out, "--workers", "2"),
                             check=False, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == 1200
    assert out.read_bytes() == reference.read_bytes()
    assert (tmp_path / "out.errors.jsonl").read_text() == ""
    assert not journal.parent.exists()
