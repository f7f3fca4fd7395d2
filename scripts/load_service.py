"""Bounded load test of the service against a real uvicorn process on 127.0.0.1.

    python scripts/load_service.py                          # defaults: a few minutes on 2 cores
    python scripts/load_service.py --requests 600 --text-requests 150 --json /tmp/load.json

Starts `rasm serve` (built-in tables) on a free loopback port, then for each workload
(`name`: POST /v1/match with one name; `text`: POST /v1/text with a short news-style paragraph)
and each concurrency (1, 8, 64 clients) sends a fixed number of requests, stopping early at a
time cap. Reports throughput, p50/p99 latency, 5xx and dropped connections (both must be 0),
and the server's RSS at start and end. In the same run it calls the library directly
(`rasm.match`, `rasm.normalize_text`, same inputs, in this process) and reports the service's
overhead per request against it. Exits 1 when a 5xx or a dropped connection was seen.

Inputs are real spellings of names from tests/data/news_spellings.tsv; the paragraphs are
templates written for this script with those names in them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPELLINGS = ROOT / "tests" / "data" / "news_spellings.tsv"
TEMPLATES = (
    "Shelling was reported in {a} on Tuesday, and residents fled towards {b}.",
    "Officials in {a} said the convoy had left {b} before dawn.",
    "Fighting between groups near {a} continued, according to activists in {b}.",
    "The road from {a} to {b} was closed after the strikes.",
)


def names() -> list[str]:
    rows = SPELLINGS.read_text("utf-8").splitlines()[1:]
    return [row.split("\t")[0] for row in rows if row.strip()]


def texts(spellings: list[str], count: int) -> list[str]:
    """`count` distinct paragraphs (pairs of names in the templates), so that the text workload
    is not one paragraph answered from cache."""
    out = []
    n = len(spellings)
    for i in range(count):
        a, b = spellings[i % n], spellings[(i // n + 1 + i) % n]
        out.append(TEMPLATES[(i // n) % len(TEMPLATES)].format(a=a, b=b))
    return out


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, workers: int, timeout: float) -> subprocess.Popen[bytes]:
    import httpx

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
           "RASM_MAX_BATCH": "1000", "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "rasm.cli", "serve", "--port", str(port), "--workers",
         str(workers), "--log-level", "warning"], cwd=ROOT, env=env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    stop_server(process)
    raise SystemExit(f"server not ready within {timeout:.0f} s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def rss_mib(pid: int) -> float:
    """Resident memory of the server and its worker processes."""
    import psutil

    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


@dataclass
class Cell:
    workload: str
    clients: int
    sent: int
    ok: int
    errors_4xx: int
    errors_5xx: int
    dropped: int
    seconds: float
    per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    capped: bool


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Connection:
    """One keep-alive HTTP/1.1 connection, spoken by hand: httpx's pool costs more CPU per
    request than the service does at 64 clients on two cores, and would be measured instead."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                f"\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("server closed the connection")
        status = int(status_line.split()[1])
        length = 0
        close = False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except ConnectionError:
                pass
        self.reader = self.writer = None


async def run_cell(port: int, workload: str, payloads: list[dict[str, Any]], clients: int,
                   count: int, cap: float) -> Cell:
    path = "/v1/match" if workload == "name" else "/v1/text"
    bodies = [json.dumps(p).encode() for p in payloads]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    dropped = 0
    next_index = 0
    started = time.perf_counter()
    deadline = started + cap

    async def client() -> None:
        nonlocal next_index, dropped
        connection = Connection(port)
        try:
            while next_index < count and time.perf_counter() < deadline:
                body = bodies[next_index % len(bodies)]
                next_index += 1
                t0 = time.perf_counter()
                try:
                    status = await connection.post(path, body)
                except (ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
                    dropped += 1
                    await connection.close()
                    continue
                latencies.append(time.perf_counter() - t0)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            await connection.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    seconds = time.perf_counter() - started
    sent = sum(statuses.values()) + dropped
    return Cell(
        workload, clients, sent, statuses.get(200, 0),
        sum(n for s, n in statuses.items() if 400 <= s < 500),
        sum(n for s, n in statuses.items() if s >= 500), dropped, round(seconds, 2),
        round(sent / seconds, 1), round(percentile(latencies, 0.50) * 1000, 2),
        round(percentile(latencies, 0.99) * 1000, 2), round(max(latencies, default=0) * 1000, 2),
        sent < count)


def library_baseline(spellings: list[str], warm: list[str], fresh: list[str], repeats: int
                     ) -> dict[str, float]:
    """Median latency of calling the library directly on the inputs the service got at one
    client, after the same warm-up (names repeat there too; paragraphs do not)."""
    import rasm

    gazetteer = rasm.builtin_gazetteer()
    rasm.match_many(spellings, gazetteer=gazetteer)
    for t in warm:
        rasm.normalize_text(t, gazetteer=gazetteer)
    name_times, text_times = [], []
    for _ in range(repeats):
        for name in spellings:
            t0 = time.perf_counter()
            rasm.match(name, gazetteer=gazetteer).to_dict()
            name_times.append(time.perf_counter() - t0)
    for t in fresh:
        t0 = time.perf_counter()
        rasm.normalize_text(t, gazetteer=gazetteer).to_dict()
        text_times.append(time.perf_counter() - t0)
    return {"name_p50_ms": round(statistics.median(name_times) * 1000, 3),
            "text_p50_ms": round(statistics.median(text_times) * 1000, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1500,
                        help="single-name requests per concurrency level (default 1500)")
    parser.add_argument("--text-requests", type=int, default=400,
                        help="text requests per concurrency level (default 400)")
    parser.add_argument("--clients", default="1,8,64", help="concurrency levels (default 1,8,64)")
    parser.add_argument("--cap", type=float, default=60.0,
                        help="seconds at most per workload and level (default 60)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers (default 1)")
    parser.add_argument("--start-timeout", type=float, default=180.0)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.clients.split(",")]
    if any(c < 1 or c > 256 for c in levels):
        parser.error("--clients: each level must be between 1 and 256")

    spellings = names()
    # Paragraph slices: [0, n) warm-up, then a fresh slice per level; none is sent twice.
    n = args.text_requests
    paragraphs = texts(spellings, (len(levels) + 1) * n)
    port = free_port()
    t0 = time.perf_counter()
    server = start_server(port, args.workers, args.start_timeout)
    start_seconds = time.perf_counter() - t0
    cells: list[Cell] = []
    try:
        # Warm-up (not counted): every input once, so lazy caches are filled on both sides.
        asyncio.run(run_cell(port, "name", [{"names": [n]} for n in spellings], 4,
                             len(spellings), args.cap))
        asyncio.run(run_cell(port, "text", [{"text": t} for t in paragraphs[:n]], 4, n,
                             args.cap))
        rss_start = rss_mib(server.pid)
        rss_track = [rss_start]
        for workload, count in (("name", args.requests), ("text", args.text_requests)):
            for level, clients in enumerate(levels):
                if workload == "name":
                    payloads: list[dict[str, Any]] = [{"names": [n]} for n in spellings]
                else:  # fresh paragraphs for each level
                    chunk = paragraphs[(level + 1) * n:(level + 2) * n]
                    payloads = [{"text": t} for t in chunk]
                cell = asyncio.run(run_cell(port, workload, payloads, clients, count, args.cap))
                cells.append(cell)
                rss_track.append(rss_mib(server.pid))
                print(f"{workload:5} clients={clients:3}  {cell.per_second:8.1f} req/s  "
                      f"p50 {cell.p50_ms:7.2f} ms  p99 {cell.p99_ms:7.2f} ms  max {cell.max_ms:7.1f} ms  "
                      f"sent {cell.sent}  "
                      f"5xx {cell.errors_5xx}  dropped {cell.dropped}"
                      + ("  (time cap)" if cell.capped else ""), flush=True)
        rss_end = rss_mib(server.pid)
    finally:
        stop_server(server)
    # The library on the same inputs as the 1-client cells: warm-up slice, then the fresh one.
    library = library_baseline(spellings, paragraphs[:n], paragraphs[n:2 * n], repeats=3)
    single = {c.workload: c for c in cells if c.clients == 1}
    overhead = {}
    for workload, key in (("name", "name_p50_ms"), ("text", "text_p50_ms")):
        if workload in single:
            service_ms = single[workload].p50_ms
            overhead[workload] = {"service_p50_ms": service_ms, "library_p50_ms": library[key],
                                  "overhead_ms": round(service_ms - library[key], 3),
                                  "ratio": round(service_ms / library[key], 2)}
    report = {
        "command": "python scripts/load_service.py " + " ".join(sys.argv[1:] if argv is None
                                                                else argv),
        "cpus": os.cpu_count(), "workers": args.workers, "server_start_s": round(start_seconds, 1),
        "cells": [asdict(c) for c in cells],
        "rss_mib": {"start": round(rss_start, 1), "end": round(rss_end, 1),
                    "max": round(max(rss_track), 1)},
        "library": library, "overhead_at_1_client": overhead,
        "total_5xx": sum(c.errors_5xx for c in cells),
        "total_dropped": sum(c.dropped for c in cells),
        "total_4xx": sum(c.errors_4xx for c in cells),
    }
    print(f"server RSS: start {report['rss_mib']['start']} MiB, end {report['rss_mib']['end']} "
          f"MiB, max {report['rss_mib']['max']} MiB; ready in {report['server_start_s']} s")
    for workload, o in overhead.items():
        print(f"{workload}: service p50 {o['service_p50_ms']} ms at 1 client vs library "
              f"{o['library_p50_ms']} ms -> overhead {o['overhead_ms']} ms ({o['ratio']}x)")
    print(f"5xx: {report['total_5xx']}  dropped connections: {report['total_dropped']}  "
          f"4xx: {report['total_4xx']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 1 if report["total_5xx"] or report["total_dropped"] or report["total_4xx"] else 0


if __name__ == "__main__":
    sys.exit(main())
