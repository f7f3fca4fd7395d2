"""The reconciliation API as OpenRefine and 1.0-draft clients use it: one test per bug of issue
15 (each failed before the fix), then properties, scores, id look-up, suggest, preview and
data extension."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from recon_fixtures import BASE, FORM, ids, post_batch, recon_client

KEY = "k3y-for-openrefine"
ORIGIN = {"Origin": "http://127.0.0.1:3333"}  # OpenRefine's own web page


@pytest.fixture(scope="module")
def recon() -> Iterator[TestClient]:
    with recon_client() as c:
        yield c


@pytest.fixture(scope="module")
def keyed() -> Iterator[TestClient]:
    with recon_client(api_key=KEY) as c:
        yield c


# --- The bugs of issue 15 -------------------------------------------------------------------

def test_cors_is_on_by_default_with_preflight(recon: TestClient) -> None:
    assert recon.get("/reconcile", headers=ORIGIN).headers["access-control-allow-origin"] == "*"
    for path in ("/reconcile", "/reconcile/match", "/reconcile/suggest/entity"):
        preflight = recon.options(path, headers={
            **ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key"})
        assert preflight.status_code in (200, 204), path
        assert preflight.headers["access-control-allow-origin"] == "*"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
    # Errors carry it too, or the browser hides them from the client.
    assert recon.get("/reconcile/preview?id=r:none", headers=ORIGIN).headers[
        "access-control-allow-origin"] == "*"


def test_cors_preflight_needs_no_key_but_requests_do(keyed: TestClient) -> None:
    preflight = keyed.options("/reconcile", headers={**ORIGIN,
                                                     "Access-Control-Request-Method": "POST"})
    assert preflight.status_code in (200, 204)
    denied = keyed.post("/reconcile", data={"queries": '{"q0": {"query": "Aleppo"}}'},
                        headers=ORIGIN)
    assert denied.status_code == 401 and denied.headers["access-control-allow-origin"] == "*"


def test_jsonp_on_get(recon: TestClient) -> None:
    response = recon.get("/reconcile", params={"callback": "jQuery123_456"})
    assert response.headers["content-type"].startswith("application/javascript")
    text = response.text
    assert text.startswith("/**/jQuery123_456(") and text.endswith(");")
    manifest = json.loads(text[len("/**/jQuery123_456("):-2])
    assert "0.2" in manifest["versions"]
    queries = json.dumps({"q0": {"query": "Halab"}})
    answered = recon.get("/reconcile", params={"queries": queries, "callback": "cb"}).text
    assert json.loads(answered[len("/**/cb("):-2])["q0"]["result"][0]["id"] == "r:aleppo"
    suggested = recon.get("/reconcile/suggest/entity", params={"prefix": "Bey", "callback": "cb"})
    assert json.loads(suggested.text[len("/**/cb("):-2])["result"][0]["id"] == "r:beirut"
    bad = recon.get("/reconcile", params={"callback": "alert(1)//"})
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "callback"


def test_links_follow_the_port_not_8000(recon: TestClient) -> None:
    manifest = recon.get("/reconcile").json()
    text = json.dumps(manifest)
    assert ":8000" not in text
    assert manifest["view"]["url"] == f"{BASE}/e/{{{{id}}}}"
    assert manifest["preview"]["url"] == f"{BASE}/reconcile/preview?id={{{{id}}}}"
    assert manifest["suggest"]["entity"]["service_url"] == f"{BASE}/reconcile"


def test_identifier_space_does_not_depend_on_host_or_proxy(recon: TestClient) -> None:
    plain = recon.get("/reconcile").json()
    proxied = recon.get("/reconcile", headers={
        "X-Forwarded-Proto": "https", "X-Forwarded-Host": "rasm.example.org",
        "X-Forwarded-Prefix": "/geo"}).json()
    for key in ("identifierSpace", "schemaSpace"):
        assert plain[key] == proxied[key]
        assert "127.0.0.1" not in plain[key]
    assert proxied["view"]["url"] == "https://rasm.example.org/geo/e/{{id}}"
    assert proxied["suggest"]["type"]["service_url"] == "https://rasm.example.org/geo/reconcile"
    forwarded = recon.get("/reconcile", headers={
        "Forwarded": 'for=10.0.0.1;proto=https;host="maps.example.net"'}).json()
    assert forwarded["view"]["url"].startswith("https://maps.example.net/e/")
    hostile = recon.get("/reconcile", headers={"X-Forwarded-Host": "evil.example/<script>"})
    assert "<script>" not in hostile.text


def test_proxy_headers_can_be_ignored_and_the_address_pinned() -> None:
    with recon_client(proxy_headers=False) as c:
        view = c.get("/reconcile", headers={"X-Forwarded-Host": "x.example"}).json()["view"]
        assert view["url"].startswith(BASE)
    with recon_client(public_url="https://rasm.example.org/api") as c:
        view = c.get("/reconcile", headers={"X-Forwarded-Host": "x.example"}).json()["view"]
        assert view["url"] == "https://rasm.example.org/api/e/{{id}}"


def test_with_a_key_the_manifest_is_readable_and_declares_it(keyed: TestClient) -> None:
    manifest = keyed.get("/reconcile")
    assert manifest.status_code == 200
    assert manifest.json()["authentication"] == {
        "type": "apiKey", "name": "X-API-Key", "in": "header",
        "description": "The key this rasm service was given (RASM_API_KEY)"}
    queries = {"queries": '{"q0": {"query": "Aleppo"}}'}
    assert keyed.post("/reconcile", data=queries).status_code == 401
    assert keyed.get("/reconcile", params=queries).status_code == 401
    assert keyed.get("/reconcile/suggest/entity?prefix=Al").status_code == 401
    assert keyed.post("/reconcile", data=queries, headers={"X-API-Key": KEY}).status_code == 200


@pytest.mark.parametrize(("name", "city"), [
    ("Aleppo", "r:aleppo"), ("Damascus", "r:damascus"), ("Mosul", "r:mosul"),
    ("Beirut", "r:beirut"), ("حلب", "r:aleppo"), ("Алеппо", "r:aleppo"),
    ("Homs", "r:homs"),  # the governorate's centre is 1.7 degrees east of the city
    ("Hama", "r:hama")])  # the governorate has no coordinates, but is the city's parent
def test_a_city_and_its_same_named_governorate_are_one_answer(
        recon: TestClient, name: str, city: str) -> None:
    result = post_batch(recon, {"q0": {"query": name, "type": "place"}})["q0"]["result"]
    assert result[0]["id"] == city and result[0]["match"] is True
    assert not any(c["match"] for c in result[1:])


def test_match_is_decided_before_limit_cuts_the_list(recon: TestClient) -> None:
    results = post_batch(recon, {
        "q0": {"query": "Tal Abyad", "limit": 1},
        "q1": {"query": "Jerusalem", "type": "org", "limit": 1},
        "q2": {"query": "Syria", "limit": 1},
        "q3": {"query": "Aleppo", "limit": 1},
    })
    tal_abyad = results["q0"]["result"]
    assert len(tal_abyad) == 1 and tal_abyad[0]["match"] is False  # two towns of that name
    quds = results["q1"]["result"]
    # "Jerusalem" is no organisation's name: at most the Quds Force as an unsure candidate
    # (the part-aware org scores of issue 13 may leave it out altogether).
    assert not quds or (quds[0]["id"] == "r:quds-force" and quds[0]["match"] is False)
    assert results["q2"]["result"][0]["id"] == "r:syria"  # the country, not Sira
    assert results["q3"]["result"][0]["match"] is True


def test_one_bad_query_does_not_fail_the_batch(recon: TestClient) -> None:
    results = post_batch(recon, {
        "only_properties": {"properties": [{"pid": "arabic", "v": "دمشق"}]},
        "number_value": {"query": "Tal Abyad", "properties": [{"pid": "country", "v": 368}]},
        "boolean_value": {"query": "Beirut", "properties": [{"pid": "arabic", "v": True}]},
        "unknown_property": {"query": "Beirut", "properties": [{"pid": "P17", "v": "LB"}]},
        "pid_not_a_string": {"query": "Beirut", "properties": [{"pid": 17, "v": "LB"}]},
        "unknown_type": {"query": "Aleppo", "type": "river"},
        "not_an_object": "Aleppo",
        "query_not_a_string": {"query": 5},
        "surrogate": {"query": "Alep\ud800po"},
        "too_long": {"query": "x" * 600},
        "bad_limit": {"query": "Aleppo", "limit": "three"},
        "good": {"query": "Deir Ezzor"},
    })
    assert ids(results["only_properties"]) == ["r:damascus"]
    # 368 is Iraq's ISO numeric code: unknown to rasm as a country, so it is only a warning.
    assert set(ids(results["number_value"])) == {"r:tal-abyad-sy", "r:tal-abyad-iq"}
    assert "warnings" in results["number_value"]
    for key in ("boolean_value", "unknown_property", "pid_not_a_string"):
        assert ids(results[key])[0] == "r:beirut", key
        assert results[key]["warnings"], key
    for key in ("unknown_type", "not_an_object", "query_not_a_string", "surrogate", "too_long"):
        assert results[key]["result"] == [], key
        assert results[key]["warnings"][0]["field"].startswith(f"queries.{key}"), key
    assert ids(results["bad_limit"])[0] == "r:aleppo"
    assert ids(results["good"]) == ["r:deir"] and "warnings" not in results["good"]


def test_hostile_batches_are_422_not_500(recon: TestClient) -> None:
    for raw in ('{"q0": {"query": "Aleppo", "limit": 1' + "0" * 5000 + "}}",
                '{"q0": ' + "[" * 5000 + "]" * 5000 + "}", "{\"q0\": 1", "[]"):
        response = recon.post("/reconcile", data={"queries": raw})
        assert response.status_code == 422, raw[:40]
        assert response.json()["fields"][0]["field"] == "queries"
    for body in (b"[1", b'{"queries": {}}', b"\xff\xfe"):
        response = recon.post("/reconcile/match", content=body,
                              headers={"Content-Type": "application/json"})
        assert response.status_code == 422, body
    extend = recon.post("/reconcile", data={"extend": '{"ids": 5, "properties": []}'})
    assert extend.status_code == 422 and extend.json()["fields"][0]["field"] == "extend.ids"


def test_a_source_id_as_the_query_finds_its_entity(recon: TestClient) -> None:
    results = post_batch(recon, {
        "own": {"query": "r:beirut"}, "wof": {"query": "wof:421202167"},
        "wikidata": {"query": "Q41183"}, "wikidata_url": {"query":
                                                          "http://www.wikidata.org/entity/Q3766"},
        "geonames": {"query": "99072"}, "ofac": {"query": "ofac:5601"},
    })
    expected = {"own": "r:beirut", "wof": "r:deir", "wikidata": "r:aleppo",
                "wikidata_url": "r:damascus", "geonames": "r:mosul", "ofac": "r:hezbollah"}
    for key, entity_id in expected.items():
        first = results[key]["result"][0]
        assert (first["id"], first["score"], first["match"]) == (entity_id, 100.0, True), key


def test_the_1_0_draft_match_route(recon: TestClient) -> None:
    body = {"queries": [
        {"conditions": [{"matchType": "name", "propertyValue": "Tal Abyad"},
                        {"matchType": "property", "propertyId": "country",
                         "propertyValue": "العراق", "required": True}], "type": "place"},
        {"conditions": [{"matchType": "id", "propertyValue": "Q3820"}]},
        {"conditions": []},
        {"conditions": [{"matchType": "name", "propertyValue": "Mosul"}], "limit": 1},
    ]}
    results = recon.post("/reconcile/match", json=body).json()["results"]
    assert [c["id"] for c in results[0]["candidates"]] == ["r:tal-abyad-iq"]
    assert results[1]["candidates"][0]["id"] == "r:beirut"
    assert results[2]["candidates"] == [] and results[2]["warnings"]
    assert results[3]["candidates"][0]["match"] is True
    assert recon.post("/reconcile/match", data={"queries": "x"}).status_code == 415


# --- Properties and scores ------------------------------------------------------------------

def test_country_in_any_form_raises_agreeing_and_lowers_conflicting(recon: TestClient) -> None:
    for value in ("IQ", "iq", "IRQ", "Iraq", "العراق", "Ирак", "Irak", "عراق", {"id": "IQ"}):
        result = post_batch(recon, {"q": {"query": "Tal Abyad", "properties": [
            {"pid": "country", "v": value}]}})["q"]["result"]
        assert [c["id"] for c in result] == ["r:tal-abyad-iq", "r:tal-abyad-sy"], value
        assert result[0]["match"] is True and result[1]["score"] < result[0]["score"] - 20
        features = {f["id"]: f["value"] for f in result[0]["features"]}
        assert features["country"] == 1 and features["name"] == 100.0


def test_strict_filtering_on_request(recon: TestClient) -> None:
    soft = post_batch(recon, {"q": {"query": "Tal Abyad", "properties": [
        {"pid": "country", "v": "Syria"}]}})["q"]
    strict = post_batch(recon, {"q": {"query": "Tal Abyad", "properties": [
        {"pid": "country", "v": "Syria", "required": True}]}})["q"]
    assert ids(soft) == ["r:tal-abyad-sy", "r:tal-abyad-iq"] and ids(strict) == ["r:tal-abyad-sy"]


def test_parent_kind_and_arabic_properties(recon: TestClient) -> None:
    results = post_batch(recon, {
        "parent_name": {"query": "Tal Abyad", "properties": [{"pid": "parent", "v": "Nineveh"}]},
        "parent_id": {"query": "Tal Abyad", "properties": [
            {"pid": "parent", "v": {"id": "r:raqqa-gov", "name": "Raqqa Governorate"}}]},
        "arabic": {"query": "Aleppo", "properties": [{"pid": "arabic", "v": "محافظة حلب"}]},
        "kind": {"query": "Al-Quds Force", "properties": [{"pid": "kind", "v": "Organisation"}]},
        "many_parents": {"query": "Tal Abyad", "properties": [
            {"pid": "parent", "v": ["Nineveh", "Beirut", "Mosul", "Homs", "Hama"]}]},
    })
    # Each parent name is a search of its own: a query gets a few, and says so.
    assert ids(results["many_parents"])[0] == "r:tal-abyad-iq"
    assert "the first 3 used" in results["many_parents"]["warnings"][0]["problem"]
    assert ids(results["parent_name"])[0] == "r:tal-abyad-iq"
    assert ids(results["parent_id"])[0] == "r:tal-abyad-sy"
    assert ids(results["arabic"])[0] == "r:aleppo-gov"  # the Arabic says governorate
    assert ids(results["kind"])[0] == "r:quds-force"


def test_type_strict(recon: TestClient) -> None:
    results = post_batch(recon, {
        "any": {"query": "Al-Quds Force", "type": "org", "type_strict": "any"},
        "should": {"query": "Al-Quds Force", "type": "org", "type_strict": "should"},
        "all": {"query": "Jerusalem", "type": ["org", "place"], "type_strict": "all"},
        "wikidata_type": {"query": "Jerusalem", "type": "Q515"},
    })
    assert ids(results["any"]) == ["r:quds-force"]
    assert ids(results["should"])[0] == "r:quds-force"  # the org first; a place may follow
    assert results["all"]["result"] == []
    assert ids(results["wikidata_type"]) == ["r:jerusalem"]


def test_scores_are_on_the_0_100_scale_with_features(recon: TestClient) -> None:
    result = post_batch(recon, {"q": {"query": "Halep", "properties": [
        {"pid": "country", "v": "SY"}]}})["q"]["result"]
    for cand in result:
        assert 0 <= cand["score"] <= 100
        assert {f["id"] for f in cand["features"]} >= {"name", "country"}
        assert all(f["name"] for f in cand["features"])


# --- Suggest, preview, extend ---------------------------------------------------------------

@pytest.mark.parametrize(("prefix", "expected"), [
    ("Ale", "r:aleppo"), ("ale", "r:aleppo"), ("حل", "r:aleppo"), ("Deir ez", "r:deir"),
    ("Dayr", "r:deir"), ("Damascu", "r:damascus"), ("Alepo", "r:aleppo"), ("Q3820", "r:beirut"),
    ("wof:101752045", "r:mosul"), ("Hizb", "r:hezbollah")])
def test_entity_suggest(recon: TestClient, prefix: str, expected: str) -> None:
    result = recon.get("/reconcile/suggest/entity", params={"prefix": prefix}).json()["result"]
    assert expected in [e["id"] for e in result[:3]], result
    assert all(e["name"] and e["notable"] for e in result)


def test_entity_suggest_by_type_and_pages(recon: TestClient) -> None:
    orgs = recon.get("/reconcile/suggest/entity", params={"prefix": "J", "type": "org"}).json()
    assert {e["id"] for e in orgs["result"]} == {"r:nusra", "r:quds-force"}  # Jerusalem Force
    first = recon.get("/reconcile/suggest/entity", params={"prefix": "A", "limit": 2}).json()
    second = recon.get("/reconcile/suggest/entity",
                       params={"prefix": "A", "limit": 2, "offset": 2}).json()
    assert len(first["result"]) == 2 and first["result"] != second["result"]


def test_type_and_property_suggest(recon: TestClient) -> None:
    types = recon.get("/reconcile/suggest/type", params={"prefix": "pl"}).json()["result"]
    assert [t["id"] for t in types] == ["place"]
    assert len(recon.get("/reconcile/suggest/type?prefix=").json()["result"]) == 3
    props = recon.get("/reconcile/suggest/property", params={"prefix": "coun"}).json()
    assert props["result"][0]["id"] == "country"
    wikidata = recon.get("/reconcile/suggest/property", params={"prefix": "wiki"}).json()
    assert [p["id"] for p in wikidata["result"]] == ["wikidata"]


def test_preview_card(recon: TestClient) -> None:
    page = recon.get("/reconcile/preview", params={"id": "r:aleppo"})
    assert page.headers["content-type"].startswith("text/html")
    for shown in ("Aleppo", "حلب", "Place", "Aleppo Governorate, Syria", "36.2021, 37.1343",
                  f"{BASE}/e/r:aleppo", f"{BASE}/v1/entities/r:aleppo"):
        assert shown in page.text, shown
    escaped = recon.get("/reconcile/preview", params={"id": "r:script"}).text
    assert "<b>Test</b>" not in escaped and "Tag &lt;b&gt;Test&lt;/b&gt; &amp; Co" in escaped
    assert recon.get("/reconcile/preview", params={"id": "r:none"}).status_code == 404


def _extend_02(client: TestClient, ids_: list[str], pids: list[str]) -> dict[str, Any]:
    body = {"extend": json.dumps({"ids": ids_, "properties": [{"id": p} for p in pids]})}
    response = client.post("/reconcile", data=body, headers=FORM)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_data_extension_every_field(recon: TestClient) -> None:
    pids = ["name_news", "name_bgn", "name_alalc", "name_ascii", "name_arabic", "arabic",
            "country", "parents", "located", "lat", "lon", "population", "placetype",
            "aliases", "wikidata", "geonames", "wof", "ofac", "nonsense"]
    out = _extend_02(recon, ["r:aleppo", "r:hezbollah", "r:none"], pids)
    assert [m["id"] for m in out["meta"]] == pids
    aleppo = out["rows"]["r:aleppo"]
    assert aleppo["name_bgn"] == [{"str": "Ḩalab"}] and aleppo["name_alalc"] == [{"str": "Ḥalab"}]
    assert aleppo["name_arabic"] == [{"str": "حلب"}] and aleppo["country"] == [{"str": "SY"}]
    assert aleppo["parents"] == [{"id": "r:aleppo-gov", "name": "Aleppo"},
                                 {"id": "r:syria", "name": "Syria"}]
    assert aleppo["lat"] == [{"float": 36.2021}] and aleppo["population"] == [{"int": 2098210}]
    assert aleppo["wikidata"] == [{"str": "Q41183"}] and aleppo["geonames"] == [{"str": "170063"}]
    assert aleppo["wof"] == [{"str": "101751765"}] and aleppo["nonsense"] == []
    assert out["rows"]["r:hezbollah"]["ofac"] == [{"str": "5601"}]
    assert all(v == [] for v in out["rows"]["r:none"].values())
    v1 = recon.post("/reconcile/extend", json={"ids": ["r:beirut"],
                                               "properties": [{"id": "name_news"}]}).json()
    assert v1["rows"] == [{"id": "r:beirut", "properties": [
        {"id": "name_news", "values": [{"str": "Beirut"}]}]}]


def test_property_proposals_by_type(recon: TestClient) -> None:
    place = recon.get("/reconcile/extend/propose", params={"type": "place"}).json()
    org = recon.get("/reconcile/extend/propose", params={"type": "org"}).json()
    place_ids = {p["id"] for p in place["properties"]}
    assert {"lat", "lon", "population", "parents", "wikidata", "geonames", "wof"} <= place_ids
    assert "ofac" in {p["id"] for p in org["properties"]} and "lat" not in str(org)
    assert place["type"] == "place"


def test_settings_of_the_reconciliation_service() -> None:
    from service.settings import Settings, SettingsError

    settings = Settings.from_env({"RASM_PUBLIC_URL": "https://rasm.example.org/api/",
                                  "RASM_RECONCILE_CORS": "0", "RASM_PROXY_HEADERS": "no",
                                  "RASM_IDENTIFIER_SPACE": "https://ids.example.org/"})
    assert settings.public_url == "https://rasm.example.org/api"
    assert not settings.reconcile_cors and not settings.proxy_headers
    assert settings.identifier_space == "https://ids.example.org/"
    assert Settings.from_env({}).public_url is None
    with pytest.raises(SettingsError, match="RASM_PUBLIC_URL"):
        Settings.from_env({"RASM_PUBLIC_URL": "rasm.example.org"})


def test_cors_can_be_turned_off_and_a_public_service_declares_no_key() -> None:
    with recon_client(reconcile_cors=False) as c:
        assert "access-control-allow-origin" not in c.get("/reconcile", headers=ORIGIN).headers
    with recon_client(api_key=KEY, reconcile_public=True) as c:
        manifest = c.get("/reconcile").json()
        assert "authentication" not in manifest
        assert c.post("/reconcile", data={"queries": '{"q0": {"query": "Aleppo"}}'}
                      ).status_code == 200
