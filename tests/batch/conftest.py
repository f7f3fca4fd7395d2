"""Fixtures of the batch tests: the sample articles, and a corpus with broken records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_corpora import sample_articles


@pytest.fixture()
def articles() -> list[tuple[str, str]]:
    return sample_articles()


@pytest.fixture()
def broken_jsonl(tmp_path: Path) -> Path:
    """Good records between bad ones: bad UTF-8, empty, huge (over the limit of 5,000 characters
    the tests set), a wrong field, not JSON, not an object, a null text."""
    good = sample_articles()
    lines = [
        json.dumps({"id": "good-1", "text": good[0][1]}).encode(),
        json.dumps({"id": "bad-utf8", "text": "x"}).encode().replace(b'"x"', b'"Aleppo \xff\xfe"'),
        json.dumps({"id": "empty", "text": "   \n "}).encode(),
        json.dumps({"id": "huge", "text": "Aleppo " * 2000}).encode(),
        json.dumps({"id": "wrong-field", "body": good[1][1]}).encode(),
        json.dumps({"id": "good-2", "text": good[1][1]}).encode(),
        b'{"id": "not-json", "text": ',
        b'["not", "an", "object"]',
        json.dumps({"id": "null-text", "text": None}).encode(),
        json.dumps({"id": "good-3", "text": good[3][1]}).encode(),  # not the Palmyra one
    ]
    path = tmp_path / "broken.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path
