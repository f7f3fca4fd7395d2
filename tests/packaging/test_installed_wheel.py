"""The wheel is the product: installed into a fresh virtual environment outside the checkout,
`rasm match`, `rasm text`, `rasm batch --sample` and `rasm serve` work from `/`.

The new environment sees this environment's third-party packages (a `.pth` line naming its
site-packages: no download, no network), but rasm and the service come from the wheel alone:
PYTHONPATH is cleared, the working directory is `/`, and `rasm.__file__` is checked."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel_file: Path) -> Path:
    home = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True,
                   timeout=300)
    # The wheel first: with this environment's packages visible, pip would take this
    # checkout's editable rasm for an installed one and skip the wheel.
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(home / "bin" / "python"), "install",
         "--no-deps", "--no-index", "-q", str(wheel_file)],
        check=True, timeout=600,
    )
    site = Path(subprocess.run(
        [str(home / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True, timeout=60).stdout.strip())
    # Then this environment's dependencies, after the new environment's own site-packages; a
    # .pth-named folder's own .pth files are not run, so an editable rasm there stays inactive.
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "zz_dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(ours)))
    return home


def env_outside(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "RASM_TABLES", "VIRTUAL_ENV", "PYTHONHOME")}
    env["RASM_CACHE_DIR"] = str(tmp / "cache")  # must stay unused: the wheel ships the tables
    env["HOME"] = str(tmp / "home")
    return env


def run_rasm(venv: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "rasm"), *args], cwd="/", env=env_outside(tmp),
                          capture_output=True, text=True, timeout=600, check=False)


def test_rasm_comes_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    code = "import rasm, service.app; print(rasm.__file__); print(service.app.__file__)"
    out = subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd="/",
                         env=env_outside(tmp_path), capture_output=True, text=True, timeout=120,
                         check=True).stdout.split()
    for path in out:
        assert Path(path).is_relative_to(venv), path  # not the checkout, not this environment


def test_match_and_text_from_the_root_folder(venv: Path, tmp_path: Path) -> None:
    proc = run_rasm(venv, tmp_path, "match", "Deir Ezzur", "Rupert Colville")
    assert proc.returncode == 0, proc.stderr
    deir, nobody = (json.loads(line) for line in proc.stdout.splitlines())
    assert (deir["kind"], deir["country"], deir["canonical"]) == ("place", "SY", "Deir ez-Zor")
    assert nobody["id"] is None
    proc = run_rasm(venv, tmp_path, "text", "Shelling hit Deir Ezzur on Monday.")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert "Deir ez-Zor" in record["text"]
    assert [m["surface"] for m in record["mentions"]] == ["Deir Ezzur"]
    assert not (tmp_path / "cache").exists(), "the installed copy compiled the tables again"


def test_batch_sample_from_the_root_folder(venv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "sample.jsonl"
    proc = run_rasm(venv, tmp_path, "batch", "--sample", "--out", str(out), "--workers", "1",
                    "--quiet")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 8 and all(r["mentions"] for r in records)
    assert out.with_name("sample.report.html").is_file()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(venv: Path, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [str(venv / "bin" / "rasm"), "serve", "--port", str(port), "--log-level", "warning"],
        cwd="/", env=env_outside(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        for _ in range(600):  # bounded in count and in time
            if proc.poll() is not None or time.monotonic() > deadline:
                break
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        if proc.poll() is not None:
            output = proc.stdout.read().decode() if proc.stdout else ""
            pytest.fail(f"rasm serve exited with {proc.returncode}: {output[-2000:]}")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()


def _request(url: str, body: dict[str, Any] | None = None) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read().decode()


def test_serve_from_the_root_folder(server: str) -> None:
    status, body = _request(f"{server}/v1/match", {"names": ["Deir Ezzur", "دير الزور"]})
    assert status == 200
    results = json.loads(body)["results"]
    assert [r["canonical"] for r in results] == ["Deir ez-Zor", "Deir ez-Zor"]
    status, page = _request(f"{server}/")  # the reading page: templates shipped in the wheel
    assert status == 200 and "<html" in page.lower()
