"""The README's screenshots (docs/img/*.png), made by the browser the tests use: Debian's
chromium driven by selenium, against the service on 127.0.0.1 over the web tests' small
gazetteer (tests/web/web_gazetteer.tsv, which has every field the pages show).

    PYTHONPATH=src:. python scripts/screenshots.py [--out docs/img]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
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

ARTICLE = (
    "Fighting between Jabhat al-Nusra and forces loyal to Bashar Assad spread from Halab to "
    "Deir Ezzor on Tuesday. Residents of Jdeideh fled east, Zaid al-Farouqi told reporters; "
    "the road from Haleb to Dayr az Zawr stayed closed.\n\n"
    "قصف الطيران مدينة دير الزور وريف حلب، وقالت جبهة النصرة إن المعارك مستمرة."
)
# A made-up corpus for the report: dated file names, one unreadable file, one unknown name in
# two spellings.
CORPUS = {
    "2024-03-05-aleppo.txt": ARTICLE,
    "2024-03-19-deir.txt": "Shelling hit Deir ez-Zor and Dayr az Zawr airport, Abu Hatem "
                           "al-Zunbuli said.",
    "2024-04-02-nusra.txt": "Nusra Front fighters left Halab; Abu Hatim al-Zanbouli denied it.",
    "2024-04-20-judaydah.txt": "Families returned to Jdaydeh and Jdeidet near Deir Ezzor.",
    "2024-05-01-broken.txt": b"\xff\xfe\x00 not text",
}
WIDTH = 1200


def shoot(driver: Any, path: Path, low: int = 420, high: int = 900) -> None:
    """The page down to its end, at least `low` and at most `high` pixels tall."""
    full = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(WIDTH, min(max(full + 20, low), high))
    driver.save_screenshot(str(path))
    print(path, path.stat().st_size // 1024, "kB")


def make_report(folder: Path) -> Path:
    from rasm.cli import main

    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        target = corpus / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    out = folder / "out" / "news.jsonl"
    main(["batch", str(corpus), "--out", str(out), "--workers", "1", "--quiet", "--no-builtin",
          "--gazetteer", str(WEB_GAZETTEER)])
    return out.with_name("news.report.html")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    if browser_paths() is None:
        print("chromium and chromium-driver are not installed", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, running_service() as url, \
            chromium(WIDTH, 760) as driver:
        driver.get(url + "/?" + urlencode({"text": ARTICLE}))
        wait_for(driver, "#doc mark.m")
        shoot(driver, args.out / "reading.png")
        driver.find_element("css selector", "mark.m[data-id='w:aleppo']").click()
        wait_for(driver, ".pop")
        shoot(driver, args.out / "mention-card.png", 720)
        driver.get(url + "/e/w:aleppo")
        wait_for(driver, "svg.map")
        shoot(driver, args.out / "entity.png")
        driver.set_window_size(WIDTH, 760)
        driver.get(url + "/")
        wait_for(driver, "#q").send_keys("جدي")
        wait_for(driver, "#suggestions li")
        shoot(driver, args.out / "suggestions.png", 460, 460)
        driver.set_window_size(WIDTH, 760)
        driver.get(make_report(Path(tmp)).as_uri())
        wait_for(driver, "#entities-chart svg")
        shoot(driver, args.out / "report.png", 420, 1500)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
