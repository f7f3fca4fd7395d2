"""Every limit (413 naming the limit and its value), malformed and mistyped input (422 naming
the field), no stack traces, request ids, and the translation queue (503 + Retry-After)."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from service_fixtures import WordTableTranslator, client_for, make_settings


@pytest.fixture(scope="module")
def small() -> Iterator[TestClient]:
    """An app with small limits, so that each is cheap to exceed."""
    settings = make_settings(max_body_bytes=4096, max_batch=5, max_text_chars=200,
                             max_translate_chars=50, max_limit=3, translate_pairs=("ar-en",))
    with client_for(settings, translators={"ar-en": WordTableTranslator()}) as c:
        yield c


def assert_limit(response: object, limit: str, value: int) -> None:
    body = response.json()  # type: ignore[attr-defined]
    assert response.status_code == 413, body  # type: ignore[attr-defined]
    assert body["error"] == "limit_exceeded"
    assert body["limit"] == limit and body["value"] == value
    assert str(value) in body["message"] and body["request_id"]


def test_body_size_from_content_length(small: TestClient) -> None:
    response = small.post("/v1/match", json={"names": ["x" * 5000]})
    assert_limit(response, "max_body_bytes", 4096)


def test_body_size_without_content_length(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # a chunked body: the limit is enforced while reading
        yield b'{"names": ["'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"]}'

    response = small.post("/v1/match", content=chunks(),
                          headers={"Content-Type": "application/json"})
    assert_limit(response, "max_body_bytes", 4096)


def test_batch_size(small: TestClient) -> None:
    assert_limit(small.post("/v1/match", json={"names": ["a"] * 6}), "max_batch", 5)
    assert small.post("/v1/match", json={"names": ["a"] * 5}).status_code == 200
    assert_limit(small.post("/v1/transliterate", json={"texts": ["a"] * 6}), "max_batch", 5)
    queries = json.dumps({f"q{i}": {"query": "Aleppo"} for i in range(6)})
    assert_limit(small.post("/reconcile", data={"queries": queries}), "max_batch", 5)


def test_name_and_text_length(small: TestClient) -> None:
    assert_limit(small.post("/v1/match", json={"names": ["n" * 513]}), "max_name_chars", 512)
    assert_limit(small.post("/v1/text", json={"text": "t" * 201}), "max_text_chars", 200)
    assert small.post("/v1/text", json={"text": "t" * 200}).status_code == 200
    assert_limit(small.post("/v1/transliterate", json={"texts": ["t" * 201]}),
                 "max_text_chars", 200)
    assert_limit(small.post("/v1/translate", json={"text": "ت" * 51}), "max_translate_chars", 50)
    assert_limit(small.post("/v1/text", json={"text": "ت" * 51, "translate": {}}),
                 "max_translate_chars", 50)
    # One over-long query of a reconciliation batch is answered empty, with a warning.
    queries = json.dumps({"q0": {"query": "n" * 513}, "q1": {"query": "Aleppo"}})
    results = small.post("/reconcile", data={"queries": queries}).json()
    assert results["q0"]["result"] == [] and "512" in results["q0"]["warnings"][0]["problem"]
    assert results["q1"]["result"]


def test_candidate_limit(small: TestClient) -> None:
    assert_limit(small.post("/v1/match", json={"names": ["Aleppo"], "limit": 4}), "max_limit", 3)
    # A reconciliation query asking for more gets the most the service gives, and a warning.
    queries = json.dumps({"q0": {"query": "Aleppo", "limit": 4}})
    result = small.post("/reconcile", data={"queries": queries}).json()["q0"]
    assert "3 used" in result["warnings"][0]["problem"]


@pytest.mark.parametrize(("body", "field"), [
    ({"names": "Aleppo"}, "names"),
    ({"names": ["Aleppo", 3]}, "names.1"),
    ({"names": []}, "names"),
    ({}, "names"),
    ({"names": ["Aleppo"], "limit": "five"}, "limit"),
    ({"names": ["Aleppo"], "limit": 0}, "limit"),
    ({"names": ["Aleppo"], "threshold": 1.5}, "threshold"),
    ({"names": ["Aleppo"], "model": "/etc/passwd"}, "model"),
])
def test_wrong_types_name_the_field(client: TestClient, body: object, field: str) -> None:
    response = client.post("/v1/match", json=body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["error"] == "invalid_request"
    assert payload["fields"][0]["field"] == field
    assert payload["message"].startswith(field)


def test_malformed_json(client: TestClient) -> None:
    response = client.post("/v1/match", content=b'{"names": ["Aleppo"',
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert "malformed JSON" in response.json()["message"]
    deep = b"[" * 100_000
    response = client.post("/v1/text", content=deep, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500
    assert "Traceback" not in response.text


def test_translate_cannot_name_a_model(translating_client: TestClient) -> None:
    for extra in ({"model": "/tmp/evil"}, {"model_path": "x"}, {"backend": "ct2"}):
        response = translating_client.post("/v1/translate", json={"text": "قصفت", **extra})
        assert response.status_code == 422
        assert response.json()["fields"][0]["field"] == next(iter(extra))


def test_internal_errors_are_json_without_a_trace(client: TestClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import rasm.names.matcher

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail /srv/path")

    monkeypatch.setattr(rasm.names.matcher, "match_many", broken)
    response = client.post("/v1/match", json={"names": ["Aleppo"]})
    assert response.status_code == 500
    body = response.json()
    assert body["error"] == "internal" and body["request_id"] == response.headers["x-request-id"]
    assert "secret" not in response.text and "Traceback" not in response.text


def test_request_ids_in_header_and_logs(client: TestClient) -> None:
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("service.access")
    logger.addHandler(handler)
    try:
        mine = client.get("/v1/kinds", headers={"X-Request-ID": "abc-123"})
        fresh = client.get("/v1/kinds")
        hostile = client.get("/v1/kinds", headers={"X-Request-ID": "bad id\nwith newline"})
    finally:
        logger.removeHandler(handler)
    assert mine.headers["x-request-id"] == "abc-123"
    assert len(fresh.headers["x-request-id"]) == 32
    assert hostile.headers["x-request-id"] != "bad id\nwith newline"  # never logged as given
    logged = [getattr(r, "request_id", None) for r in records]
    assert "abc-123" in logged and fresh.headers["x-request-id"] in logged


def test_translation_runs_off_the_event_loop_and_refuses_when_full() -> None:
    gate = threading.Event()
    translator = WordTableTranslator(gate=gate)
    settings = make_settings(translate_pairs=("ar-en",), translate_workers=1,
                             translate_queue=1, translate_retry_after=7)
    with client_for(settings, translators={"ar-en": translator}) as c:
        results: list[int] = []

        def call() -> None:
            results.append(c.post("/v1/translate", json={"text": "قصفت المدينة"}).status_code)

        threads = [threading.Thread(target=call) for _ in range(2)]  # one running, one queued
        for t in threads:
            t.start()
        resources = c.app.state.resources  # type: ignore[attr-defined]
        deadline = time.monotonic() + 10
        while resources.gate.admitted < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert resources.gate.admitted == 2
        # The event loop still answers while the translation thread is blocked...
        assert c.get("/healthz").status_code == 200
        # ...and a third translation is refused at once rather than queued.
        refused = c.post("/v1/translate", json={"text": "قصفت المدينة"})
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "7" and refused.json()["error"] == "busy"
        gate.set()
        for t in threads:
            t.join(timeout=10)
        assert results == [200, 200]
        assert resources.gate.admitted == 0
        assert translator.threads
        assert all(n.startswith("rasm-translate") for n in translator.threads)
