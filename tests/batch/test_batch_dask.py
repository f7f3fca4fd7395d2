"""`--dask local` (a LocalCluster on 127.0.0.1, worker processes) writes the same output and
errors files as the local run."""

from __future__ import annotations

from pathlib import Path

from batch_corpora import corpus_jsonl

from rasm.batch import BatchOptions, run_batch


def test_dask_local_output_equals_local_output(tmp_path: Path, broken_jsonl: Path) -> None:
    corpus = corpus_jsonl(tmp_path / "corpus.jsonl", copies=3)
    options = BatchOptions(chunk_docs=3, max_chars=5000)
    local = run_batch([corpus, broken_jsonl], tmp_path / "local.jsonl", options, workers=2)
    dask = run_batch([corpus, broken_jsonl], tmp_path / "dask.jsonl", options, workers=2,
                     dask="local")
    assert dask.backend == "Dask LocalCluster (2 workers)"
    assert (dask.docs, dask.ok, dask.failed) == (local.docs, local.ok, local.failed) == (34, 27, 7)
    for name in ("{}.jsonl", "{}.errors.jsonl", "{}.report.json", "{}.clusters.tsv"):
        assert (tmp_path / name.format("dask")).read_bytes() == \
            (tmp_path / name.format("local")).read_bytes(), name
