"""Hostile input to the service (issue 14): unpaired surrogates, nesting too deep, numbers too
long, non-string reconciliation properties give a 4xx naming the field, never a 500; error
bodies quote only an excerpt; with RASM_RECONCILE_PUBLIC and a key, the manifest's links work
and the browsable docs are off; property tests feed any Unicode to every JSON endpoint."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from service_fixtures import GAZETTEER, WordTableTranslator, client_for, make_settings

from rasm.checks import SURROGATE_RE, walk_strings

ROOT = Path(__file__).resolve().parents[2]
JSON = {"Content-Type": "application/json"}
KEY = "s3cret-key"


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    """An app serving translation too (the word-table translator), so /v1/translate answers."""
    settings = make_settings(translate_pairs=("ar-en",))
    with client_for(settings, translators={"ar-en": WordTableTranslator()}) as c:
        yield c


def post_json(client: TestClient, path: str, body: Any, *, raw_bytes: bool = False) -> Any:
    """POST `body` as JSON: surrogates as \\ud800 escapes, or (raw_bytes) as the bytes ED A0 80
    that are not UTF-8 but that JSON decoding lets through."""
    if raw_bytes:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
    else:
        data = json.dumps(body).encode()
    return client.post(path, content=data, headers=JSON)


def assert_field_error(response: Any, field: str, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    body: dict[str, Any] = response.json()
    assert body["error"] == "invalid_request"
    assert body["fields"][0]["field"] == field and body["message"].startswith(field)
    return body


ENDPOINTS = [
    ("/v1/match", {"names": ["Aleppo", "Deir \ud800 Ezzor"]}, "names.1"),
    ("/v1/match", {"names": ["Aleppo"], "country": "S\udc00"}, "country"),
    ("/v1/match", {"names": ["Aleppo"], "kind": "\udfffplace"}, "kind"),
    ("/v1/text", {"text": "Shelling hit \ud83d Aleppo."}, "text"),
    ("/v1/text", {"text": "Aleppo", "kinds": ["place", "\ud800"]}, "kinds.1"),
    ("/v1/transliterate", {"texts": ["حلب", "\ud800"]}, "texts.1"),
    ("/v1/transliterate", {"texts": ["حلب"], "scheme": "news\ud800"}, "scheme"),
    ("/v1/translate", {"text": "قصفت \ud800"}, "text"),
    ("/v1/translate", {"text": "قصفت", "source": "a\ud800"}, "source"),
    ("/v1/match", {"names": ["Aleppo"], "x\ud800": 1}, "body (a key)"),
]


@pytest.mark.parametrize("raw_bytes", [False, True], ids=["escape", "bytes"])
@pytest.mark.parametrize(("path", "body", "field"), ENDPOINTS)
def test_unpaired_surrogates_are_a_422_naming_the_field(
        api: TestClient, path: str, body: dict[str, Any], field: str, raw_bytes: bool) -> None:
    response = post_json(api, path, body, raw_bytes=raw_bytes)
    problem = assert_field_error(response, field)["fields"][0]["problem"]
    assert problem.startswith("unpaired surrogate U+D") and "UTF-8" in problem


def test_paired_astral_characters_are_fine(api: TestClient) -> None:
    response = post_json(api, "/v1/text", {"text": "Shelling hit Aleppo \U0001F4A5."})
    assert response.status_code == 200 and response.json()["text"].endswith("\U0001F4A5.")


def reconcile(client: TestClient, queries: Any, *, get: bool = False) -> Any:
    raw = queries if isinstance(queries, str) else json.dumps(queries)
    if get:
        return client.get("/reconcile", params={"queries": raw})
    return client.post("/reconcile", data={"queries": raw})


def warned(response: Any, key: str, field: str) -> None:
    """Per-query robustness (issue 15): a bad query gets an empty result and a warning naming
    the field; the batch is answered."""
    assert response.status_code == 200, response.text[:500]
    answer = response.json()[key]
    assert answer["result"] == []
    assert any(w["field"] == field for w in answer["warnings"]), answer


@pytest.mark.parametrize("get", [False, True], ids=["post", "get"])
def test_reconciliation_hostile_queries(api: TestClient, get: bool) -> None:
    # A surrogate in a query's key: the key is echoed escaped (valid UTF-8), never a 500.
    keyed = reconcile(api, {"q\ud800": {"query": "Aleppo"}, "ok": {"query": "Aleppo"}}, get=get)
    assert keyed.status_code == 200 and keyed.json()["ok"]["result"]
    keyed.content.decode("utf-8")
    warned(reconcile(api, {"q0": {"query": "Alep\udc00po"}}, get=get), "q0", "queries.q0.query")
    for pid in (["country"], 5, {"id": "country"}, None):
        query = {"q0": {"query": "Aleppo", "properties": [{"pid": pid, "v": "SY"}]}}
        response = reconcile(api, query, get=get)
        assert response.status_code == 200, response.text[:500]
        assert any(w["field"].startswith("queries.q0.properties.0")
                   for w in response.json()["q0"]["warnings"])
    # What cannot be read as a batch at all is one 422 naming the form field.
    huge = '{"q0": {"query": "Aleppo", "limit": ' + "9" * 5000 + "}}"
    assert "too long" in assert_field_error(reconcile(api, huge, get=get), "queries")["message"]
    deep = reconcile(api, '{"q0": ' + "[" * 5000 + "]" * 5000 + "}", get=get)
    assert "nested too deeply" in assert_field_error(deep, "queries")["message"]


def test_deep_nesting_and_huge_numbers_name_the_field(api: TestClient) -> None:
    deep = api.post("/v1/match", content=b'{"names": ' + b"[" * 5000 + b"]" * 5000 + b"}",
                    headers=JSON)
    assert "nested too deeply" in assert_field_error(deep, "body")["message"]
    huge = b'{"names": ["Aleppo"], "limit": ' + b"9" * 5000 + b"}"
    body = assert_field_error(api.post("/v1/match", content=huge, headers=JSON), "limit")
    assert "5,000 digits; at most 4300" in body["message"]
    nested_huge = b'{"text": "x", "translate": {"source": ' + b"1" * 4301 + b"}}"
    assert_field_error(api.post("/v1/text", content=nested_huge, headers=JSON),
                       "translate.source")


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/match", {"names": ["Aleppo"], "kind": "k" * 900_000}),
    ("/v1/match", {"names": ["Aleppo"], "country": "c" * 900_000}),
    ("/v1/match", {"names": ["Aleppo"], "k" * 900_000: 1}),
    ("/v1/transliterate", {"texts": ["x"], "scheme": "s" * 900_000}),
    ("/v1/translate", {"text": "x", "source": "l" * 900_000}),
])
def test_error_bodies_quote_only_an_excerpt(api: TestClient, path: str,
                                            body: dict[str, Any]) -> None:
    response = post_json(api, path, body)
    assert 400 <= response.status_code < 500
    assert len(response.content) < 2000, len(response.content)
    assert "900,000 characters" in response.text or "900000" not in response.text


def test_long_ids_in_lookups_are_excerpted(api: TestClient) -> None:
    response = api.get("/v1/entities/" + "e" * 8000)
    assert response.status_code == 404 and len(response.content) < 1500


def test_public_reconciliation_with_a_key_has_working_links() -> None:
    settings = make_settings(api_key=KEY, reconcile_public=True)
    with client_for(settings) as c:
        manifest = c.get("/reconcile").json()
        for link in (manifest["view"]["url"], manifest["preview"]["url"]):
            url = link.replace("{{id}}", "t:aleppo").removeprefix("http://testserver")
            response = c.get(url)
            assert response.status_code == 200, (link, response.text[:200])
            assert "Aleppo" in response.text
        assert c.get(manifest["documentation"].removeprefix("http://testserver")).status_code == 200


def test_docs_follow_the_key_setting() -> None:
    with client_for(make_settings(api_key=KEY)) as locked:
        assert locked.get("/docs").status_code == 404
        assert locked.get("/redoc").status_code == 404
        assert locked.get("/openapi.json").status_code == 200  # open for clients and probes
    with client_for(make_settings()) as open_service:
        assert open_service.get("/docs").status_code == 200
        assert open_service.get("/redoc").status_code == 200


# Any text, unpaired surrogates included (Hypothesis leaves them out unless asked).
hostile_text = st.text(
    alphabet=st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                       st.sampled_from(list("حلب Aleppo Deir-"))),
    max_size=30)


def _has_surrogate(value: Any) -> bool:
    return any(SURROGATE_RE.search(text) for _, text in walk_strings(value, ""))


def _bodies(text: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, Any]]:
    return st.one_of(
        st.builds(lambda n, k: ("/v1/match", {"names": [n], "kind": k or None}), text, text),
        st.builds(lambda n, c: ("/v1/match", {"names": ["Aleppo", n], "country": c or None}),
                  text, text),
        st.builds(lambda t, s: ("/v1/text", {"text": t, "style": s or "replace"}), text, text),
        st.builds(lambda t, s: ("/v1/transliterate", {"texts": [t], "scheme": s or "news"}),
                  text, text),
        st.builds(lambda t, s: ("/v1/translate", {"text": t, "source": s or "auto"}), text, text),
        st.builds(lambda q, k: ("/reconcile", {k or "q0": {"query": q, "type": "place"}}),
                  text, text),
    )


@given(case=_bodies(hostile_text), raw_bytes=st.booleans())
@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_unicode_to_any_json_endpoint_is_never_a_5xx(
        api: TestClient, case: tuple[str, Any], raw_bytes: bool) -> None:
    path, body = case
    surrogate = _has_surrogate(body)
    if path == "/reconcile":
        response = reconcile(api, json.dumps(body))
    else:
        response = post_json(api, path, body, raw_bytes=raw_bytes)
    status = response.status_code
    assert status < 500 or (path == "/v1/translate" and status == 503), response.text[:300]
    if surrogate:
        assert status == 422, response.text[:300]
    assert response.json()  # always JSON, never a trace


def _serve(env_extra: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`rasm serve` on a free 127.0.0.1 port, ready; the caller stops it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("RASM_")}
    env.update({"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]), **env_extra})
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "rasm.cli", "serve", "--port", str(port), "--no-builtin",
             "--gazetteer", str(GAZETTEER)], cwd=ROOT, env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"server did not start:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as ready:
                ready.sendall(b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if b" 200 " in ready.recv(200):
                    return process, port
        except OSError:
            pass
        time.sleep(0.2)


def _read_until_closed(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_uvicorn_drops_half_sent_bodies_and_idle_connections(tmp_path: Path) -> None:
    process, port = _serve({"RASM_BODY_TIMEOUT": "1", "RASM_KEEP_ALIVE_TIMEOUT": "1"},
                           tmp_path / "server.log")
    try:
        # A body promised 100 bytes, 10 sent: 408 at the deadline, then the server closes.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as slow:
            slow.sendall(b"POST /v1/match HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                         b"\r\nContent-Length: 100\r\n\r\n" + b'{"names": ')
            answer = _read_until_closed(slow)  # bounded by the socket timeout
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
        assert b'"limit":"body_timeout"' in answer.replace(b" ", b"")
        # An idle keep-alive connection is closed by the server after its timeout.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as idle:
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = _read_until_closed(idle)
        assert answer.startswith(b"HTTP/1.1 200 ") and b'"ok"' in answer
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
