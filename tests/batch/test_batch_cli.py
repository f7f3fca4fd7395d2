"""`rasm batch`: the README's main job on the embedded sample corpus, and bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasm.cli import main


def test_sample_corpus_job_prints_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "sample.jsonl"
    assert main(["batch", "--sample", "--out", str(out), "--workers", "1"]) == 0
    printed, logged = capsys.readouterr()
    assert f"output: {out} (8 documents)" in printed
    assert f"report: {tmp_path / 'out' / 'sample.report.md'}" in printed
    # the point of the demo: one entity, several spellings; one unknown name, two spellings
    nusra = next(line for line in printed.splitlines()
                 if line.startswith("  Jabhat al-Nusra [rasm:jabhat-al-nusra]: "))
    assert "Jabhat al-Nusra (" in nusra and "Nusra Front (" in nusra
    assert any(line.startswith("  unlinked, same key ")
               and "Abu Hatem al-Zunbuli / Abu Hatim al-Zanbouli" in line
               for line in printed.splitlines())
    assert "8 documents: 8 written" in logged  # the summary line (stderr)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8
    assert (tmp_path / "out" / "sample.clusters.tsv").exists()


def test_parquet_is_chosen_by_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "sample.parquet"
    assert main(["batch", "--sample", "--out", str(out), "--workers", "1", "--quiet",
                 "--no-report"]) == 0
    assert out.read_bytes()[:4] == b"PAR1"


@pytest.mark.parametrize("args, message", [
    (["--threshold", "2"], "--threshold must be between 0 and 1"),
    (["--no-builtin"], "--no-builtin needs at least one --gazetteer"),
    (["--workers", "0"], "--workers must be at least 1"),
    (["--text-field", ""], "--text-field must not be empty"),
])
def test_bad_options_fail_before_any_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    out = tmp_path / "o.jsonl"
    assert main(["batch", "--sample", "--out", str(out), *args]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "o.jsonl.work").exists()


def test_input_and_sample_together_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "--sample", str(tmp_path), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert "either --sample or INPUTs" in capsys.readouterr().err


def test_a_bad_user_gazetteer_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "bad.tsv"
    table.write_text("id\tname\tkind\nx:1\tSomewhere\tmountain\n", encoding="utf-8")
    assert main(["batch", "--sample", "--out", str(tmp_path / "o.jsonl"),
                 "--gazetteer", str(table)]) == 2
    assert f"{table}:2: kind 'mountain'" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()
