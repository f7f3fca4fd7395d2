"""The pages as HTML (in-process client): what the reading, entity and search pages say, the
suggestion endpoint, the API key, and that nothing is loaded from another host."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import quote, urlencode

import pytest
from external_refs import external, fetch_calls, references
from fastapi.testclient import TestClient
from web_fixtures import PARAGRAPH, web_settings

from service.app import create_app


def marks(html: str) -> list[tuple[str, str]]:
    """(class, text) of every highlighted mention in the document."""
    doc = html.split('<article class="doc" id="doc">', 1)[1].split("</article>", 1)[0]
    return [(cls, unescape(text)) for cls, text in
            re.findall(r'<mark class="m ([^"]*)"[^>]*>(.*?)</mark>', doc)]


def test_reading_page_highlights_every_mention(client: TestClient) -> None:
    page = client.get("/", params={"text": PARAGRAPH})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    found = marks(page.text)
    assert [text for _, text in found] == [
        "Jabhat al-Nusra", "Bashar Assad", "Halab", "Deir Ezzor", "Jdeideh", "Zaid al-Farouqi",
        "دير الزور", "حلب"]
    classes = {text: cls for cls, text in found}
    assert classes["Jabhat al-Nusra"].startswith("org ")
    assert classes["Bashar Assad"].startswith("person ")
    assert classes["Zaid al-Farouqi"] == "unlinked"
    # one colour per entity: both spellings of Aleppo share one, Deir ez-Zor has another
    assert classes["Halab"] == classes["حلب"] and classes["Deir Ezzor"] == classes["دير الزور"]
    assert classes["Halab"] != classes["Deir Ezzor"]


def test_side_panel_rewritten_text_and_mentions_data(client: TestClient) -> None:
    html = client.get("/", params={"text": PARAGRAPH}).text
    panel = html.split('<ul id="entities">', 1)[1].split("</ul>", 1)[0]
    assert re.search(r"Aleppo</bdi></a>.*?<span class=\"count\">2</span>", panel, re.DOTALL)
    assert "<bdi>Halab</bdi> · <bdi>حلب</bdi>" in panel  # every spelling used in this text
    assert "5 entities, 7 mentions" in html
    rewritten = unescape(html.split('<textarea id="rewritten" hidden readonly>', 1)[1]
                         .split("</textarea>", 1)[0])
    assert "spread from Aleppo to Deir ez-Zor" in rewritten
    data = json.loads(html.split('id="rasm-mentions">', 1)[1].split("</script>", 1)[0])
    assert [m["id"] for m in data][:3] == ["w:nusra", "w:assad", "w:aleppo"]
    assert all(PARAGRAPH[m["start"]:m["end"]] == m["surface"] for m in data)
    # the entity's card: canonical name, other styles, Arabic, parents
    card = html.split('<div class="card" id="card-w:aleppo" hidden>', 1)[1].split("</div>", 1)[0]
    assert "Ḩalab" in card and "حلب" in card and "Aleppo Governorate, Syria" in card
    assert 'href="/e/w%3Aaleppo"' in card


def test_text_posted_from_the_form_and_shared_as_a_link(client: TestClient) -> None:
    posted = client.post("/", content=urlencode({"text": PARAGRAPH}),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert posted.status_code == 200 and len(marks(posted.text)) == 8
    share = unescape(re.search(r'<a id="share" href="([^"]+)"', posted.text).group(1))
    assert marks(client.get(share).text) == marks(posted.text)


def test_empty_and_too_long_texts() -> None:
    settings = web_settings()
    with TestClient(create_app(settings)) as c:
        empty = c.get("/")
        assert empty.status_code == 200 and 'id="doc"' not in empty.text
        long = c.get("/", params={"text": "x" * 10}).text
        assert 'id="doc"' in long
        too_long = c.post("/", content=urlencode({"text": "Halab " * 20_000}),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert too_long.status_code == 413
        assert "at most 100,000" in too_long.text and "RASM_MAX_TEXT_CHARS" in too_long.text


def test_entity_page_names_sources_relations_and_map(client: TestClient) -> None:
    html = client.get("/e/w:aleppo").text
    assert "<h1><bdi>Aleppo</bdi>" in html
    styles = html.split('id="styles">', 1)[1].split("</table>", 1)[0]
    assert "BGN/PCGN" in styles and "Ḩalab" in styles and "ALA-LC" in styles
    langs = html.split('id="langs">', 1)[1].split("</table>", 1)[0]
    assert "<code>rus</code>" in langs and "Алеппо" in langs and "Halep" in langs
    refs = html.split('id="refs">', 1)[1].split("</ul>", 1)[0]
    assert 'href="https://www.wikidata.org/wiki/Q41183"' in refs
    assert 'href="https://www.geonames.org/170063"' in refs
    assert 'href="https://spelunker.whosonfirst.org/id/101751765"' in refs
    parents = html.split('id="parents">', 1)[1].split("</p>", 1)[0]
    assert parents.index("Aleppo Governorate") < parents.index("Syria")
    assert '<svg class="map"' in html and '<circle class="dot"' in html
    assert '<path class="home"' in html  # Syria shaded


def test_children_homonyms_and_sources_without_links(client: TestClient) -> None:
    governorate = client.get("/e/" + quote("w:aleppo-gov", safe="")).text
    children = governorate.split('id="children">', 1)[1].split("</p>", 1)[0]
    assert "Aleppo" in children and "Judaydah" in children
    judaydah = client.get("/e/w:judaydah-1").text
    assert "2 other places are called Judaydah" in judaydah
    listed = judaydah.split('id="homonyms">', 1)[1].split("</ul>", 1)[0]
    assert "Judaydah, Deir ez-Zor Governorate, Syria" in listed and "Judaydah, Lebanon" in listed
    nusra = client.get("/e/w:nusra").text
    assert 'id="refs"' in nusra and "sanctionssearch.ofac.treas.gov" in nusra
    assert "No other organisation is called Jabhat al-Nusra" in nusra
    assert '<svg class="map"' not in nusra  # no coordinates, no map
    missing = client.get("/e/w:nowhere")
    assert missing.status_code == 404 and "w:nowhere" in missing.text


def test_suggest_endpoint_any_script(client: TestClient) -> None:
    body = client.get("/v1/suggest", params={"q": "حل"}).json()
    assert body["suggestions"][0]["id"] == "w:aleppo"
    assert client.get("/v1/suggest", params={"q": "Алеп"}).json()["suggestions"][0]["id"] == (
        "w:aleppo")
    orgs = client.get("/v1/suggest", params={"q": "jab", "kind": "org"}).json()["suggestions"]
    assert [s["id"] for s in orgs] == ["w:nusra"]
    assert client.get("/v1/suggest", params={"q": "a", "kind": "ship"}).status_code == 422
    assert client.get("/v1/suggest", params={"q": "a", "limit": 500}).status_code == 413
    assert client.get("/v1/suggest").status_code == 422  # q is required


def test_search_page_lists_or_goes_to_the_one_entity(client: TestClient) -> None:
    one = client.get("/search", params={"q": "Deir Ezzor"}, follow_redirects=False)
    assert one.status_code == 303 and one.headers["location"] == "/e/w%3Adeir"
    many = client.get("/search", params={"q": "Judayd"})
    assert many.status_code == 200
    assert many.text.count("/e/w%3Ajudaydah-") == 3


def test_pages_need_the_api_key_when_set() -> None:
    with TestClient(create_app(web_settings(api_key="s3cret"))) as c:
        locked = c.get("/e/w:aleppo")
        assert locked.status_code == 401 and 'name="key"' in locked.text
        assert c.get("/v1/suggest", params={"q": "hal"}).status_code == 401
        assert c.get("/", headers={"X-API-Key": "s3cret"}).status_code == 200
        wrong = c.post("/key", content=urlencode({"key": "guess", "next": "/e/w:aleppo"}),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert wrong.status_code == 401 and "rasm_api_key" not in wrong.headers.get(
            "set-cookie", "")
        right = c.post("/key", content=urlencode({"key": "s3cret", "next": "//evil.example/"}),
                       headers={"Content-Type": "application/x-www-form-urlencoded"},
                       follow_redirects=False)
        assert right.status_code == 303 and right.headers["location"] == "/"  # stays here
        assert "HttpOnly" in right.headers["set-cookie"]
        assert c.get("/e/w:aleppo").status_code == 200  # the cookie now opens the pages
        assert c.get("/v1/suggest", params={"q": "hal"}).status_code == 200
        # the cookie opens the pages and their look-ups only, not the rest of the API
        assert c.post("/v1/match", json={"names": ["Halab"]}).status_code == 401


@pytest.mark.parametrize("path", ["/", "/?" + urlencode({"text": PARAGRAPH}), "/e/w:aleppo",
                                  "/e/w:nusra", "/search?q=Jd", "/key"])
def test_no_page_loads_anything_from_another_host(client: TestClient, path: str) -> None:
    response = client.get(path)
    loaded, links = references(response.text)
    assert loaded, "the page has at least its form action or script"
    assert [u for u in loaded if external(u)] == []
    assert [u for u in fetch_calls(response.text) if external(u)] == []
    # links out only to the sources' own pages, which a reader may choose to follow
    assert all(cls == "ref" for cls, href in links if external(href))
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_text_that_looks_like_markup_stays_text(client: TestClient) -> None:
    text = "Halab </script><script>alert(1)</script> & Deir Ezzor <b>bold</b>"
    html = client.get("/", params={"text": text}).text
    assert "<script>alert(1)" not in html and "<b>bold</b>" not in html
    data = json.loads(html.split('id="rasm-mentions">', 1)[1].split("</script>", 1)[0])
    assert [m["surface"] for m in data] == ["Halab", "Deir Ezzor"]
    assert [text for _, text in marks(html)] == ["Halab", "Deir Ezzor"]
