"""The service as it runs for real: `rasm serve` starts uvicorn on 127.0.0.1 (a free port) and
the tests talk HTTP to it. Start and stop are bounded; the server's log is checked too."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from service_fixtures import GAZETTEER

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    log: Path
    process: subprocess.Popen[bytes]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = free_port()
    log = tmp_path_factory.mktemp("uvicorn") / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RASM_")}
    env.update({"RASM_MAX_BATCH": "50", "RASM_MAX_BODY_BYTES": "8192", "HF_HUB_OFFLINE": "1",
                "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])})
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "rasm.cli", "serve", "--port", str(port), "--no-builtin",
             "--gazetteer", str(GAZETTEER)], cwd=ROOT, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready in {START_TIMEOUT} s:\n{log.read_text()}")
            time.sleep(0.2)
        yield Server(url, log, process)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def test_binds_loopback_and_answers(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    with httpx.Client(base_url=server.url, timeout=10) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        response = http.post("/v1/match", json={"names": ["Dayr az Zawr", "حلب"]})
        assert [r["id"] for r in response.json()["results"]] == ["t:deir", "t:aleppo"]
        assert http.get("/v1/entities/t:mosul").json()["country"] == "IQ"
        assert http.post("/v1/transliterate", json={"texts": ["دير الزور"]}).json()[
            "results"] == ["Deir ez-Zor"]
        text = http.post("/v1/text", json={"text": "Fighting near Dayr az Zawr."}).json()
        assert text["text"] == "Fighting near Deir ez-Zor."
        assert http.post("/v1/translate", json={"text": "قصفت المدينة"}).status_code == 503


def test_openrefine_batch_over_http(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        manifest = http.get("/reconcile").json()
        assert manifest["defaultTypes"][2] == {"id": "place", "name": "Place"}
        # `rasm serve --port N`: the manifest's links lead to port N, not a default.
        assert manifest["view"]["url"] == f"{server.url}/e/{{{{id}}}}"
        assert manifest["preview"]["url"].startswith(f"{server.url}/reconcile/preview?")
        assert http.get(manifest["preview"]["url"].replace("{{id}}", "t:deir")).status_code == 200
        queries = {"q0": {"query": "Deir Ezzor", "type": "place", "limit": 3},
                   "q1": {"query": "Hizballah", "type": "org"}}
        response = http.post("/reconcile", data={"queries": json.dumps(queries)})
        body = response.json()
        assert body["q0"]["result"][0]["id"] == "t:deir"
        assert body["q1"]["result"][0]["id"] == "t:hezbollah"


def test_limits_and_errors_over_http(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        big = http.post("/v1/match", json={"names": ["x" * 500] * 20})  # > 8192 bytes
        assert big.status_code == 413 and big.json()["limit"] == "max_body_bytes"
        many = http.post("/v1/match", json={"names": ["a"] * 51})
        assert many.status_code == 413 and many.json()["value"] == 50
        bad = http.post("/v1/match", content=b"{", headers={"Content-Type": "application/json"})
        assert bad.status_code == 422 and "Traceback" not in bad.text


def test_concurrent_clients_get_their_own_answers(server: Server) -> None:
    names = ["Dayr az Zawr", "Halab", "Hizballah", "Maarrat an Nu'man", "Mosul", "HTS"] * 8
    expected = {"Dayr az Zawr": "t:deir", "Halab": "t:aleppo", "Hizballah": "t:hezbollah",
                "Maarrat an Nu'man": "t:maarat", "Mosul": "t:mosul", "HTS": "t:hts"}
    with httpx.Client(base_url=server.url, timeout=10) as http:
        def one(name: str) -> tuple[str, str | None]:
            result = http.post("/v1/match", json={"names": [name]}).json()["results"][0]
            return name, result["id"]

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(one, names))
    assert all(expected[name] == found for name, found in answers)


def test_request_ids_reach_the_server_log(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        response = http.get("/v1/kinds", headers={"X-Request-ID": "trace-me-42"})
    assert response.headers["x-request-id"] == "trace-me-42"
    deadline = time.monotonic() + 5
    while "[trace-me-42]" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    line = next(ln for ln in server.log.read_text().splitlines() if "[trace-me-42]" in ln)
    assert "GET /v1/kinds 200" in line
