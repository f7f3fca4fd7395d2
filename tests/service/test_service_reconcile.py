"""The OpenRefine reconciliation API: manifest, batches as OpenRefine sends them, preview."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def post_batch(client: TestClient, queries: dict[str, object]) -> dict[str, object]:
    # Exactly OpenRefine's request: one urlencoded form field `queries` holding JSON.
    body = urlencode({"queries": json.dumps(queries)})
    response = client.post("/reconcile", content=body, headers=FORM)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def test_manifest(client: TestClient) -> None:
    manifest = client.get("/reconcile").json()
    for field in ("versions", "name", "identifierSpace", "schemaSpace"):  # required by 0.2
        assert manifest[field]
    assert manifest["versions"] == ["0.2", "1.0-draft"]
    assert manifest["defaultTypes"] == [{"id": "org", "name": "Organisation"},
                                        {"id": "person", "name": "Person"},
                                        {"id": "place", "name": "Place"}]
    for key in ("view", "preview"):
        assert "{{id}}" in manifest[key]["url"]
    assert manifest["preview"]["width"] > 0 and manifest["preview"]["height"] > 0
    # The view template leads to the entity's human page; its JSON is beside it at /v1.
    assert manifest["view"]["url"] == "http://testserver/e/{{id}}"
    assert client.get("/v1/entities/t:deir").json()["canonical"] == "Deir ez-Zor"
    preview = manifest["preview"]["url"].replace("{{id}}", "t:deir")
    page = client.get(preview.replace("http://testserver", ""))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Deir ez-Zor" in page.text and "دير الزور" in page.text
    v1 = client.get("/reconcile", params={"version": "1.0-draft"}).json()
    assert v1["view"]["url"] == "http://testserver/e/{id}"
    assert v1["suggest"] == {"entity": True, "property": True, "type": True}


def test_a_batch_as_openrefine_sends_it(client: TestClient) -> None:
    results = post_batch(client, {
        "q0": {"query": "Dayr az Zawr", "type": "place", "type_strict": "should", "limit": 3},
        "q1": {"query": "Jabhat al-Nusrah", "type": "org", "limit": 3},
        "q2": {"query": "عبد الرحمن القاسم"},
        "q3": {"query": "Xqzvw Nowhere", "type": "place"},
        "q4": {"query": "Tal Abyad", "type": "place",
               "properties": [{"pid": "country", "v": "IQ"}]},
    })
    assert set(results) == {"q0", "q1", "q2", "q3", "q4"}
    first = results["q0"]["result"][0]  # type: ignore[index]
    assert first == {"id": "t:deir", "name": "Deir ez-Zor", "score": 100.0, "match": True,
                     "type": [{"id": "place", "name": "Place"}],
                     "description": "Place · SY · locality · دير الزور",
                     "features": [{"id": "name", "name": "Name similarity (0-100)",
                                   "value": 100.0},
                                  {"id": "type", "name": "Type asked: 1 agrees, -1 differs, "
                                                         "0 none asked", "value": 1}]}
    assert results["q1"]["result"][0]["id"] == "t:nusra"  # type: ignore[index]
    assert results["q2"]["result"][0]["id"] == "t:qasim"  # type: ignore[index]
    assert results["q3"] == {"result": []}
    iraq = results["q4"]["result"]  # type: ignore[index]
    # The country raises the Iraqi town and lowers the Syrian one (not a filter).
    assert [c["id"] for c in iraq] == ["t:tal-abyad-iq", "t:tal-abyad-sy"] and iraq[0]["match"]
    assert iraq[1]["score"] == 75.0 and not iraq[1]["match"]


def test_ties_are_candidates_not_matches(client: TestClient) -> None:
    results = post_batch(client, {"q0": {"query": "Tal Abyad"}})
    candidates = results["q0"]["result"]  # type: ignore[index]
    assert {c["id"] for c in candidates} == {"t:tal-abyad-sy", "t:tal-abyad-iq"}
    assert not any(c["match"] for c in candidates)  # OpenRefine asks the user to choose


def test_several_types_and_limit(client: TestClient) -> None:
    results = post_batch(client, {
        "q0": {"query": "Tal Abyad", "type": ["org", "place"], "limit": 1},
        "q1": {"query": "Deir Ezzor", "type": [{"id": "org", "name": "Organisation"}]},
        "q2": {"query": "Tal Abyad", "properties": [{"pid": "country", "v": ["IQ", "LB"]}]},
    })
    assert len(results["q0"]["result"]) == 1  # type: ignore[index, arg-type]
    assert results["q1"]["result"] == []  # type: ignore[index]
    tal_abyad = [c["id"] for c in results["q2"]["result"]]  # type: ignore[index]
    assert tal_abyad == ["t:tal-abyad-iq", "t:tal-abyad-sy"]


def test_queries_by_get(client: TestClient) -> None:
    queries = json.dumps({"q0": {"query": "Halab"}})
    response = client.get("/reconcile", params={"queries": queries})
    assert response.json()["q0"]["result"][0]["id"] == "t:aleppo"


@pytest.mark.parametrize(("queries", "field"), [
    ("not json", "queries"),
    ("[1, 2]", "queries"),
])
def test_unreadable_batches_name_the_field(client: TestClient, queries: str, field: str) -> None:
    response = client.post("/reconcile", data={"queries": queries})
    assert response.status_code == 422, response.text
    assert response.json()["fields"][0]["field"] == field


@pytest.mark.parametrize(("query", "field"), [
    ("Aleppo", "queries.q0"),
    ({"type": "place"}, "queries.q0.query"),
    ({"query": 5}, "queries.q0.query"),
    ({"query": "A", "type": "river"}, "queries.q0.type"),
])
def test_a_bad_query_is_an_empty_result_with_a_warning(client: TestClient, query: object,
                                                      field: str) -> None:
    results = post_batch(client, {"q0": query, "q1": {"query": "Halab"}})
    assert results["q0"]["result"] == []  # type: ignore[index]
    assert results["q0"]["warnings"][0]["field"] == field  # type: ignore[index]
    assert results["q1"]["result"][0]["id"] == "t:aleppo"  # type: ignore[index]


@pytest.mark.parametrize(("query", "field"), [
    ({"query": "Aleppo", "limit": "3"}, "queries.q0.limit"),
    ({"query": "Aleppo", "limit": float("inf")}, "queries.q0.limit"),
    ({"query": "Aleppo", "properties": [{"pid": "P17", "v": "SY"}]},
     "queries.q0.properties.0.pid"),
    ({"query": "Aleppo", "properties": [{"pid": "country"}]}, "queries.q0.properties.0"),
    ({"query": "Aleppo", "colour": "red"}, "queries.q0.colour"),
])
def test_a_bad_field_is_ignored_with_a_warning(client: TestClient, query: object,
                                              field: str) -> None:
    results = post_batch(client, {"q0": query})
    assert results["q0"]["result"][0]["id"] == "t:aleppo"  # type: ignore[index]
    assert results["q0"]["warnings"][0]["field"] == field  # type: ignore[index]


def test_form_is_required(client: TestClient) -> None:
    assert client.post("/reconcile", data={"other": "x"}).status_code == 422
    as_json = client.post("/reconcile", json={"queries": {"q0": {"query": "Aleppo"}}})
    assert as_json.status_code == 415


def test_preview_escapes_and_404s(client: TestClient) -> None:
    page = client.get("/reconcile/preview", params={"id": "t:script<b>"})
    assert "<b>Test</b>" not in page.text and "Tag &lt;b&gt;Test&lt;/b&gt; &amp; Co" in page.text
    assert client.get("/reconcile/preview", params={"id": "t:none"}).status_code == 404
