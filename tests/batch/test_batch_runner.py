"""End to end through the library: every input format gives the same records; broken records
end in the errors file and every other document in the output; a foreign work folder is not
resumed by accident."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from batch_corpora import (
    DIE_MARKER,
    USER_GAZETTEER,
    corpus_jsonl,
    dying_processor,
    failing_processor,
    identity_processor,
    sample_articles,
    write_csv,
    write_jsonl,
    write_parquet,
)

from rasm.batch import BatchOptions, run_batch
from rasm.batch.errors import ResumeError
from rasm.batch.journal import Journal
from rasm.batch.runner import WorkerLostError
from rasm.batch.sample import sample_corpus_dir
from rasm.batch.writers import read_output
from rasm.errors import InputError

RECORD_FIELDS = {"id", "source", "lang", "translated", "text", "mentions"}


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_input_format_gives_the_same_records(tmp_path: Path) -> None:
    articles = sample_articles()
    folder = tmp_path / "folder"
    shutil.copytree(sample_corpus_dir(), folder)
    rows = [{"id": name, "text": text} for name, text in articles]
    inputs = {
        "folder": folder,
        "jsonl": write_jsonl(tmp_path / "c.jsonl", rows),
        "jsonl.gz": write_jsonl(tmp_path / "c.jsonl.gz", rows, gz=True),
        "csv": write_csv(tmp_path / "c.csv", rows),  # type: ignore[arg-type]
        "parquet": write_parquet(tmp_path / "c.parquet", rows),  # type: ignore[arg-type]
    }
    gz_folder = tmp_path / "gz"
    gz_folder.mkdir()
    for name, text in articles:
        (gz_folder / f"{name}.gz").write_bytes(gzip.compress(text.encode()))
    inputs["folder of .gz"] = gz_folder

    outputs = {}
    for label, path in inputs.items():
        summary = run_batch([path], tmp_path / "out" / f"{label}.jsonl", BatchOptions(),
                            workers=1, report=False)
        assert (summary.docs, summary.ok, summary.failed) == (8, 8, 0), label
        outputs[label] = lines(summary.out)

    reference = outputs.pop("jsonl")
    assert [r["id"] for r in reference] == [name for name, _ in articles]
    assert all(set(r) == RECORD_FIELDS for r in reference)
    assert {r["lang"] for r in reference} == {"en", "ar"}
    assert all(r["translated"] is None for r in reference)  # no --translate
    mentioned = {m["id"] for r in reference for m in r["mentions"]}
    assert "rasm:jabhat-al-nusra" in mentioned and "rasm:aleppo-sheikh-said" in mentioned
    for label, records in outputs.items():
        assert [(r["text"], r["mentions"]) for r in records] == \
            [(r["text"], r["mentions"]) for r in reference], label


def test_parquet_output_holds_the_jsonl_records(tmp_path: Path) -> None:
    options = BatchOptions(chunk_docs=3)
    run_batch([sample_corpus_dir()], tmp_path / "o.jsonl", options, workers=1, report=False)
    summary = run_batch([sample_corpus_dir()], tmp_path / "o.parquet",
                        BatchOptions(chunk_docs=3, format="parquet"), workers=1, report=False)
    assert summary.ok == 8
    assert read_output(tmp_path / "o.parquet") == read_output(tmp_path / "o.jsonl")


def test_broken_records_end_in_the_errors_file_and_the_rest_in_the_output(
        tmp_path: Path, broken_jsonl: Path) -> None:
    palmyra = next(text for _, text in sample_articles() if "Palmyra" in text)
    extra = write_jsonl(tmp_path / "extra.jsonl", [{"id": "model-error", "text": palmyra},
                                                   {"id": "good-4", "text": "Aleppo and Idlib"}])
    options = BatchOptions(max_chars=5000, chunk_docs=2, gazetteers=(str(USER_GAZETTEER),))
    summary = run_batch([broken_jsonl, extra], tmp_path / "o.jsonl", options, workers=2,
                        processor=failing_processor, report=False)
    assert (summary.docs, summary.ok, summary.failed) == (12, 4, 8)
    assert [r["id"] for r in lines(summary.out)] == ["good-1", "good-2", "good-3", "good-4"]
    errors = lines(tmp_path / "o.errors.jsonl")
    assert summary.errors_path == tmp_path / "o.errors.jsonl"
    assert [e["id"] for e in errors] == [
        "bad-utf8", "empty", "huge", "wrong-field", f"{broken_jsonl}:7", f"{broken_jsonl}:8",
        "null-text", "model-error"]
    assert [e["seq"] for e in errors] == sorted(e["seq"] for e in errors)
    assert errors[-1] == {"seq": 10, "id": "model-error", "source": f"{extra}:1",
                          "stage": "process", "reason": "RuntimeError: model ran out of memory"}
    assert {e["stage"] for e in errors[:-1]} == {"read"}
    assert errors[3]["reason"] == "no 'text' field"
    assert not (tmp_path / "o.jsonl.work").exists()  # finished: the work folder is gone


def test_the_report_is_written_beside_the_output(tmp_path: Path) -> None:
    summary = run_batch([sample_corpus_dir()], tmp_path / "sample.jsonl", workers=1)
    json_path, md_path, tsv_path, html_path = summary.report_paths
    assert (json_path.name, md_path.name, tsv_path.name, html_path.name) == (
        "sample.report.json", "sample.report.md", "sample.clusters.tsv", "sample.report.html")
    assert "Jabhat al-Nusra" in html_path.read_text(encoding="utf-8")
    report = json.loads(json_path.read_text(encoding="utf-8"))
    assert report["documents"] == 8
    nusra = next(e for e in report["entities"] if e["id"] == "rasm:jabhat-al-nusra")
    assert {s["surface"] for s in nusra["spellings"]} >= {"Jabhat al-Nusra", "Nusra Front"}
    assert md_path.read_text(encoding="utf-8").startswith("# rasm corpus report")


def test_a_work_folder_of_another_command_is_not_resumed(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    Journal(tmp_path / "o.jsonl.work", {"inputs": [], "options": {}}).open()
    with pytest.raises(ResumeError, match="different inputs, options, processor.*--restart"):
        run_batch([sample_corpus_dir()], out, workers=1, report=False)
    summary = run_batch([sample_corpus_dir()], out, workers=1, report=False, restart=True)
    assert summary.ok == 8


def test_a_missing_translation_model_fails_only_the_documents_that_need_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--translate without an Arabic model at hand: the Arabic article goes to the errors file
    with the translator's reason; the English ones need no model and pass through."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("RASM_MODELS_DIR", str(tmp_path / "no-models"))
    for var in ("RASM_ALLOW_DOWNLOAD", "RASM_TRANSLATE_MODEL_AR_EN", "RASM_TRANSLATE_MODELS"):
        monkeypatch.delenv(var, raising=False)
    summary = run_batch([sample_corpus_dir()], tmp_path / "o.jsonl",
                        BatchOptions(translate=True), workers=1, report=False)
    assert (summary.ok, summary.failed) == (7, 1)
    (error,) = lines(summary.errors_path)
    assert error["id"] == "08-arabic-brief.txt" and error["stage"] == "process"
    assert error["reason"].startswith("ModelUnavailableError: translation model")
    records = lines(summary.out)
    assert {r["lang"] for r in records} == {"en"}
    assert all(r["translated"] is None for r in records)  # already English: passed through


def test_a_dead_worker_stops_the_run_with_the_work_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "die"
    marker.touch()
    monkeypatch.setenv(DIE_MARKER, str(marker))
    corpus = corpus_jsonl(tmp_path / "c.jsonl", copies=4)  # the Palmyra article is 3rd of 8
    out = tmp_path / "o.jsonl"
    options = BatchOptions(chunk_docs=1, gazetteers=(str(USER_GAZETTEER),), builtin=False)
    with pytest.raises(WorkerLostError, match=r"a worker process died .* run the same command"):
        run_batch([corpus], out, options, workers=2, processor=dying_processor, report=False)
    assert not out.exists()
    marker.unlink()  # the machine has memory again
    summary = run_batch([corpus], out, options, workers=2, processor=dying_processor,
                        report=False)
    assert summary.ok == 32
    assert [r["id"] for r in lines(out)] == [json.loads(x)["id"] for x in
                                             corpus.read_text(encoding="utf-8").splitlines()]


def test_a_csv_without_the_text_column_fails_before_any_work(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Aleppo"}])
    bad = write_csv(tmp_path / "b.csv", [{"id": "b", "body": "Idlib"}])
    out = tmp_path / "o.jsonl"
    with pytest.raises(InputError, match=r"b\.csv: no column 'text' \(--text-field\); "
                                         r"columns: id, body"):
        run_batch([good, bad], out, workers=1)
    assert sorted(tmp_path.iterdir()) == [good, bad]  # no output, no work folder


def test_each_worker_process_loads_the_gazetteer_once(tmp_path: Path) -> None:
    corpus = corpus_jsonl(tmp_path / "c.jsonl", copies=3)
    summary = run_batch([corpus], tmp_path / "o.jsonl", BatchOptions(chunk_docs=1), workers=2,
                        processor=identity_processor, report=False)
    assert summary.ok == 24
    gazetteers: dict[int, set[int]] = {}
    for record in lines(summary.out):
        pid, gazetteer = record["worker"]
        gazetteers.setdefault(pid, set()).add(gazetteer)
    assert 1 <= len(gazetteers) <= 2  # 24 chunks over two processes, one gazetteer in each
    assert all(len(objects) == 1 for objects in gazetteers.values())


def test_a_small_input_runs_in_this_process_unless_workers_are_asked_for(tmp_path: Path) -> None:
    """A few articles do not pay for starting worker processes (each loading the tables);
    the records are the same either way."""
    small = run_batch([sample_corpus_dir()], tmp_path / "here.jsonl", report=False,
                      processor=identity_processor)
    pooled = run_batch([sample_corpus_dir()], tmp_path / "pool.jsonl", workers=2, report=False,
                       processor=identity_processor)
    assert small.backend == "1 process" and pooled.backend == "2 local processes"
    here, pool = lines(tmp_path / "here.jsonl"), lines(tmp_path / "pool.jsonl")
    assert {r["worker"][0] for r in here} == {os.getpid()}
    assert os.getpid() not in {r["worker"][0] for r in pool}
    for record in here + pool:
        del record["worker"]
    assert here == pool and small.ok == pooled.ok > 0
