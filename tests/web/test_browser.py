"""The pages in a real browser: Debian's chromium, driven by selenium through chromium-driver,
against the service run by uvicorn on 127.0.0.1. Each test saves a screenshot in its temporary
folder. Skipped, saying why, only when the browser is not installed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from browser_harness import browser_paths, chromium, running_service, wait_for
from web_fixtures import PARAGRAPH

pytestmark = pytest.mark.skipif(
    browser_paths() is None,
    reason="the browser tests need Debian's chromium and chromium-driver "
           "(apt-get install chromium chromium-driver); .ci/run installs them",
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running_service() as url:
        yield url


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    with chromium(downloads=tmp_path / "downloads") as driver:
        yield driver


def by_css(driver: Any, css: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, css))


def wait_until(check: Any, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"not true within {timeout} s: {check}")


def paste_and_read(browser: Any, base_url: str, text: str) -> None:
    browser.get(base_url + "/")
    box = wait_for(browser, "#text")
    # as a paste: the whole text at once (send_keys would type it key by key)
    browser.execute_script("arguments[0].value = arguments[1];", box, text)
    by_css(browser, "#paste button[type=submit]")[0].click()
    wait_for(browser, "#doc mark.m")


def test_pasted_paragraph_shows_its_mentions(browser: Any, base_url: str,
                                             tmp_path: Path) -> None:
    paste_and_read(browser, base_url, PARAGRAPH)
    marks = by_css(browser, "#doc mark.m")
    assert [m.text for m in marks] == ["Jabhat al-Nusra", "Bashar Assad", "Halab", "Deir Ezzor",
                                       "Jdeideh", "Zaid al-Farouqi", "دير الزور", "حلب"]
    colour = {m.text: m.value_of_css_property("background-color") for m in marks}
    assert colour["Halab"] == colour["حلب"] != colour["Deir Ezzor"] == colour["دير الزور"]
    unlinked = by_css(browser, "#doc mark.unlinked")
    assert [m.text for m in unlinked] == ["Zaid al-Farouqi"]
    assert unlinked[0].value_of_css_property("outline-style") == "dashed"
    assert "5 entities, 7 mentions" in by_css(browser, "#panel h2")[0].text
    # right to left: in the Arabic paragraph the earlier name (دير الزور) stands to the right
    deir_ar, halab_ar = marks[6].rect, marks[7].rect
    assert deir_ar["x"] > halab_ar["x"] and abs(deir_ar["y"] - halab_ar["y"]) < 5
    browser.save_screenshot(str(tmp_path / "reading.png"))


def test_an_html_file_opened_is_read_as_text(browser: Any, base_url: str,
                                            tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text("<html><head><title>x</title><style>p{color:red}</style></head><body>"
                    "<h1>أخبار</h1><p>قصف الطيران مدينة <b>دير الزور</b> وريف حلب.</p>"
                    "<p>Shelling hit Halab.</p></body></html>", encoding="utf-8")
    browser.get(base_url + "/")
    by_css(browser, "#file")[0].send_keys(str(page))
    wait_for(browser, "#doc mark.m")
    assert [m.text for m in by_css(browser, "#doc mark.m")] == ["دير الزور", "حلب", "Halab"]
    doc = by_css(browser, "#doc")[0].text
    assert "color:red" not in doc and "<b>" not in doc
    assert doc.split("\n") == ["أخبار", "", "قصف الطيران مدينة دير الزور وريف حلب.", "",
                                "Shelling hit Halab."]  # a paragraph per block
    browser.save_screenshot(str(tmp_path / "opened-file.png"))


def test_downloads_and_rewritten_text(browser: Any, base_url: str, tmp_path: Path) -> None:
    browser.get(base_url + "/?" + urlencode({"text": PARAGRAPH}))
    wait_for(browser, "#doc mark.m")
    rewritten = browser.execute_script("return document.getElementById('rewritten').value")
    assert "spread from Aleppo to Deir ez-Zor" in rewritten
    by_css(browser, "#download-json")[0].click()
    by_css(browser, "#download-csv")[0].click()
    folder = tmp_path / "downloads"
    json_file = wait_until(lambda: next(iter(folder.glob("mentions.json")), None))
    csv_file = wait_until(lambda: next(iter(folder.glob("mentions.csv")), None))
    mentions = json.loads(wait_until(lambda: json_file.read_text(encoding="utf-8")))
    assert [m["surface"] for m in mentions][:3] == ["Jabhat al-Nusra", "Bashar Assad", "Halab"]
    lines = wait_until(lambda: csv_file.read_text(encoding="utf-8")).splitlines()
    assert lines[0] == "start,end,surface,id,canonical,kind,score,method,key"
    assert any(line.startswith(f"{PARAGRAPH.index('Halab')},") and ",w:aleppo,Aleppo,place,"
               in line for line in lines)
    browser.save_screenshot(str(tmp_path / "downloads.png"))


def test_a_mention_leads_to_its_entity_page(browser: Any, base_url: str,
                                            tmp_path: Path) -> None:
    browser.get(base_url + "/?" + urlencode({"text": PARAGRAPH}))
    halab = wait_for(browser, "mark.m[data-id='w:aleppo']")
    halab.click()
    pop = wait_for(browser, ".pop")
    assert "Aleppo" in pop.text and "Ḩalab" in pop.text and "حلب" in pop.text
    assert "Aleppo Governorate, Syria" in pop.text and "score 1.00, exact" in pop.text
    browser.save_screenshot(str(tmp_path / "card.png"))
    by_css(browser, ".pop a.entity-link")[0].click()
    heading = wait_for(browser, "h1")
    assert heading.text.startswith("Aleppo") and browser.current_url.endswith("/e/w%3Aaleppo")
    assert by_css(browser, "svg.map circle.dot")[0].is_displayed()
    assert "Алеппо" in by_css(browser, "#langs")[0].text
    browser.save_screenshot(str(tmp_path / "entity.png"))


def test_search_box_suggests_as_you_type(browser: Any, base_url: str, tmp_path: Path) -> None:
    browser.get(base_url + "/")
    wait_for(browser, "#q").send_keys("جدي")  # Arabic for the start of Judaydah
    wait_until(lambda: len(by_css(browser, "#suggestions li")) == 3)
    items = by_css(browser, "#suggestions li a")
    assert all(i.text.startswith("Judaydah") for i in items)
    browser.save_screenshot(str(tmp_path / "suggestions.png"))
    items[0].click()
    wait_for(browser, "#homonyms-title")
    assert "2 other places are called Judaydah" in by_css(browser, "#homonyms-title")[0].text


def test_html_report_opens_with_its_charts(browser: Any, tmp_path: Path) -> None:
    from rasm.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2024-03-05-a.txt").write_text(PARAGRAPH, encoding="utf-8")
    (corpus / "2024-04-11-b.txt").write_text(
        "Shelling hit Dayr az Zawr and Haleb, Abu Hatem al-Zunbuli said. "
        "Later Abu Hatim al-Zanbouli denied it.", encoding="utf-8")
    (corpus / "2024-04-12-c.txt").write_bytes(b"\xff\xfe not text \x00")
    out = tmp_path / "out" / "news.jsonl"
    from browser_harness import WEB_GAZETTEER

    assert main(["batch", str(corpus), "--out", str(out), "--workers", "1", "--quiet",
                 "--no-builtin", "--gazetteer", str(WEB_GAZETTEER)]) == 0
    report = out.with_name("news.report.html")
    browser.get(report.as_uri())
    wait_for(browser, "h1")
    for chart in ("#entities-chart svg", "#documents-chart svg", "#time-chart svg"):
        svg = by_css(browser, chart)[0]
        assert svg.size["width"] > 300 and svg.size["height"] > 100
    assert "Deir ez-Zor" in by_css(browser, "#entities")[0].text
    failed = by_css(browser, "#failed tr")
    assert len(failed) == 2 and "2024-04-12-c" in failed[1].text
    assert "invalid UTF-8" in failed[1].text
    assert "Abu Hatem al-Zunbuli" in by_css(browser, "#tsv")[0].text
    browser.save_screenshot(str(tmp_path / "report.png"))
