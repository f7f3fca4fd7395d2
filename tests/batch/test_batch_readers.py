"""Every input format gives the same documents, in order; unreadable records come out with
their problem instead of stopping the read."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from batch_corpora import write_csv, write_jsonl, write_parquet

from rasm.batch.options import BatchOptions
from rasm.batch.readers import Document, count_documents, expand_inputs, read_documents
from rasm.errors import InputError


def read(paths: list[Path], **options: object) -> list[Document]:
    opts = BatchOptions(**options)  # type: ignore[arg-type]
    files = expand_inputs(paths)
    docs = list(read_documents(files, opts))
    assert count_documents(files, opts) == len(docs)
    return docs


def texts(docs: list[Document]) -> list[str | None]:
    return [d.text for d in docs]


def test_folder_of_text_files_sorted_with_relative_ids(
        tmp_path: Path, articles: list[tuple[str, str]]) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for name, text in articles[:3]:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sub" / "z.md.gz").write_bytes(gzip.compress(articles[3][1].encode()))
    (folder / "notes.csv").write_text("ignored in folders\n")
    docs = read([folder])
    assert [d.id for d in docs] == [a[0] for a in articles[:3]] + ["sub/z.md.gz"]
    assert texts(docs) == [a[1] for a in articles[:4]]
    assert [d.seq for d in docs] == [0, 1, 2, 3]
    assert all(d.problem is None for d in docs)


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_plain_and_gzip(tmp_path: Path, articles: list[tuple[str, str]], gz: bool) -> None:
    path = write_jsonl(tmp_path / ("c.jsonl.gz" if gz else "c.jsonl"),
                       [{"id": i, "body": t} for i, t in articles])
    docs = read([path], text_field="body")
    assert [(d.id, d.text) for d in docs] == articles
    assert docs[1].source == f"{path}:2"


def test_gzip_is_recognized_by_content_not_name(
        tmp_path: Path, articles: list[tuple[str, str]]) -> None:
    path = tmp_path / "c.jsonl"
    write_jsonl(path, [{"text": t} for _, t in articles], gz=True)
    docs = read([path])
    assert texts(docs) == [t for _, t in articles]
    assert docs[0].id == f"{path}:1"  # no id field: the record's place


@pytest.mark.parametrize("name, delimiter", [("c.csv", ","), ("c.tsv", "\t")])
def test_csv_and_tsv_with_multiline_fields(
        tmp_path: Path, articles: list[tuple[str, str]], name: str, delimiter: str) -> None:
    path = write_csv(tmp_path / name, [{"doc": i, "content": t} for i, t in articles],
                     delimiter=delimiter)
    gz = tmp_path / (name + ".gz")
    gz.write_bytes(gzip.compress(path.read_bytes()))
    for source in (path, gz):
        docs = read([source], text_field="content", id_field="doc")
        assert [(d.id, d.text) for d in docs] == articles


def test_parquet(tmp_path: Path, articles: list[tuple[str, str]]) -> None:
    path = write_parquet(tmp_path / "c.parquet", [{"id": i, "text": t} for i, t in articles])
    docs = read([path])
    assert [(d.id, d.text) for d in docs] == articles
    assert docs[0].source == f"{path}:1"


def test_several_inputs_keep_their_order(
        tmp_path: Path, articles: list[tuple[str, str]]) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": articles[0][1]}])
    second = write_parquet(tmp_path / "b.parquet", [{"id": "b", "text": articles[1][1]}])
    assert [d.id for d in read([second, first])] == ["b", "a"]
    assert [d.seq for d in read([second, first])] == [0, 1]


def test_broken_records_come_out_with_their_problem(broken_jsonl: Path) -> None:
    docs = read([broken_jsonl], max_chars=5000)
    problems = {d.id: d.problem for d in docs}
    assert [d.id for d in docs if d.problem is None] == ["good-1", "good-2", "good-3"]
    assert problems["bad-utf8"] is not None and "invalid UTF-8 at byte" in problems["bad-utf8"]
    assert problems["empty"] == "empty document"
    assert "14000 characters, more than the limit 5000" in str(problems["huge"])
    assert problems["wrong-field"] == "no 'text' field"
    assert "not valid JSON" in str(problems[f"{broken_jsonl}:7"])
    assert "must be an object, got list" in str(problems[f"{broken_jsonl}:8"])
    assert problems["null-text"] == "field 'text' is null"
    assert all(d.text is None for d in docs if d.problem)


def test_bad_bytes_in_one_csv_row_spoil_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"id,text\n1,Aleppo\n2,Idlib \xff\n3,Raqqa\n")
    docs = read([path])
    assert [(d.id, d.text) for d in docs] == [("1", "Aleppo"), ("2", None), ("3", "Raqqa")]
    assert "invalid UTF-8" in str(docs[1].problem)


def test_undecodable_text_file(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"Aleppo \xc3(")
    (folder / "b.txt").write_text("Idlib", encoding="utf-8")
    docs = read([folder])
    assert docs[0].problem == "invalid UTF-8 at byte 7" and docs[1].text == "Idlib"


def test_whole_input_problems_fail_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        expand_inputs([tmp_path / "missing"])
    (tmp_path / "x.docx").write_text("?")
    with pytest.raises(InputError, match="unknown input type"):
        expand_inputs([tmp_path / "x.docx"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no .txt/.md/.markdown files"):
        expand_inputs([empty])
    csv_path = write_csv(tmp_path / "c.csv", [{"id": "1", "body": "Aleppo"}])
    with pytest.raises(InputError, match="no column 'text'.*columns: id, body"):
        read([csv_path])
    parquet = write_parquet(tmp_path / "c.parquet", [{"id": "1", "text": 3}])
    with pytest.raises(InputError, match="not a string column"):
        read([parquet])


def test_truncated_gzip_is_one_failed_document(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    data = gzip.compress(b"Aleppo and Idlib " * 1000)
    (folder / "a.txt.gz").write_bytes(data[: len(data) // 2])
    shutil.copy(folder / "a.txt.gz", folder / "b.txt")  # gzip by content, named .txt
    docs = list(read_documents(expand_inputs([folder]), BatchOptions()))
    assert len(docs) == 2 and all(d.problem and "cannot read" in d.problem for d in docs)
