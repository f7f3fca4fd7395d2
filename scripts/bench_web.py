"""Page weight and time to first render of the reading page for a 20 kB article, against a
plain static page holding the same article, both opened by the browser the tests use (Debian's
chromium through selenium) and timed by the browser itself (Navigation and Paint Timing).

    PYTHONPATH=src:. python scripts/bench_web.py [--runs 15] [--kb 20] [--builtin]

The rasm page is served by the service (uvicorn, 127.0.0.1, in this process) and analyses the
text on each request (`/?text=` is not cached); the baseline is the article in a <pre> served by
http.server (also 127.0.0.1, this process). Figures are medians of --runs fresh loads.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from browser_harness import (
    WEB_GAZETTEER,
    browser_paths,
    chromium,
    running_service,
    wait_for,
)

# Made-up news sentences with names of the test gazetteer and the built-in tables, English and
# Arabic, repeated with numbers until the article has the size asked for.
SENTENCES = (
    "Shelling hit Deir Ezzor and the villages around Halab on day {n}, residents said.",
    "Jabhat al-Nusra fighters withdrew from Jdeideh after talks, a local council member said.",
    "Forces loyal to Bashar Assad reinforced positions near Dayr az Zawr airport.",
    "قصف الطيران مدينة دير الزور وريف حلب في اليوم {n}.",
    "Aid convoys reached Aleppo, Raqqa and Idlib; the road to Homs stayed closed.",
    "Zaid al-Farouqi, a spokesman, said {n} families had returned to Haleb.",
)

TIMING = """
const nav = performance.getEntriesByType('navigation')[0];
const paint = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
return {fcp: paint ? paint.startTime : null, response_start: nav.responseStart,
        response_end: nav.responseEnd, dom_content_loaded: nav.domContentLoadedEventEnd,
        transfer: nav.transferSize, body: nav.decodedBodySize};
"""


def article(kb: int) -> str:
    out: list[str] = []
    n = 0
    while len("\n".join(out).encode("utf-8")) < kb * 1000:
        out.append(SENTENCES[n % len(SENTENCES)].format(n=n))
        n += 1
        if n % 5 == 0:
            out.append("")  # paragraphs
    return "\n".join(out)


def load(driver: Any, url: str, ready_css: str) -> dict[str, float]:
    driver.get(url)
    wait_for(driver, ready_css, timeout=60)
    timing: dict[str, float] = driver.execute_script(TIMING)
    return timing


def median(samples: list[dict[str, float]], key: str) -> float:
    values = [s[key] for s in samples if s[key] is not None]
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--builtin", action="store_true",
                        help="serve the built-in tables (default: the web tests' gazetteer)")
    args = parser.parse_args()
    if browser_paths() is None:
        print("chromium and chromium-driver are not installed", file=sys.stderr)
        return 1
    text = article(args.kb)
    gazetteers = () if args.builtin else (WEB_GAZETTEER,)
    with TemporaryDirectory() as tmp:
        Path(tmp, "plain.html").write_text(
            "<!doctype html><meta charset='utf-8'><title>plain</title>"
            f"<pre dir='auto'>{html.escape(text)}</pre>", encoding="utf-8")
        handler = partial(_QuietHandler, directory=tmp)
        static = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=static.serve_forever, daemon=True).start()
        plain_url = f"http://127.0.0.1:{static.server_address[1]}/plain.html"
        try:
            with running_service(gazetteers, builtin=args.builtin) as base, chromium() as driver:
                rasm_url = base + "/?" + urlencode({"text": text})
                load(driver, rasm_url, "#doc mark.m")  # warm: tables, caches, browser
                load(driver, plain_url, "pre")
                rasm, plain = [], []
                for run in range(args.runs):
                    # alternate, and a fresh query string so that nothing comes from a cache
                    rasm.append(load(driver, f"{rasm_url}&run={run}", "#doc mark.m"))
                    plain.append(load(driver, f"{plain_url}?run={run}", "pre"))
                load(driver, rasm_url, "#doc mark.m")
                marks = driver.execute_script(
                    "return document.querySelectorAll('#doc mark.m').length")
        finally:
            static.shutdown()
    size = len(text.encode("utf-8"))
    print(f"article: {size:,} bytes, {len(text):,} characters, {marks} mentions; "
          f"{args.runs} runs; tables: "
          f"{'built-in' if args.builtin else 'tests/web/web_gazetteer.tsv'}")
    for label, key in (("page weight (decoded bytes)", "body"),
                       ("bytes over the wire", "transfer"),
                       ("first byte (ms)", "response_start"),
                       ("first contentful paint (ms)", "fcp"),
                       ("DOMContentLoaded (ms)", "dom_content_loaded")):
        r, p = median(rasm, key), median(plain, key)
        print(f"{label:30s} rasm {r:10,.1f}   plain {p:10,.1f}   ratio {r / p:6.2f}x")
    return 0


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


if __name__ == "__main__":
    raise SystemExit(main())
