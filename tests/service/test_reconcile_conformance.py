"""Every answer of a realistic OpenRefine session, checked against the JSON Schemas of the W3C
Reconciliation API (reconciliation-api/specs, vendored in tests/data/reconciliation_schemas
with their licence and commit) for version 0.2 and the 1.0 draft.

The session: add the service (manifest, with the browser's CORS preflight, and by JSONP as old
clients fetch it), reconcile a column of 50 names with types and properties, search entities,
types and properties while fixing cells by hand, preview candidates, and add columns from the
reconciled entities (property proposals, then data extension)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from recon_fixtures import FORM, post_batch, recon_client
from referencing import Registry
from referencing.jsonschema import DRAFT4, DRAFT7

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "reconciliation_schemas"
VERSIONS = ("0.2", "1.0-draft")
SWAGGER = "http://swagger.io/v2/schema.json"

# A column as a newsroom spreadsheet has it: spellings from wire copy, Arabic and Russian
# sources, ids pasted from other tools, misspellings, and cells that are not names at all.
NAMES = [
    "Aleppo", "Halab", "حلب", "Алеппо", "Damascus", "Dimashq", "دمشق", "Mosul", "Al Mawsil",
    "الموصل", "Beirut", "Beyrouth", "بيروت", "Deir Ezzor", "Dayr az Zawr", "دير الزور",
    "Deir al-Zour", "Tal Abyad", "Tell Abiad", "تل أبيض", "Raqqa", "Ar Raqqah", "الرقة",
    "Manbij", "Menbij", "Maarat al-Numan", "Kafranbel", "Jerusalem", "Al-Quds", "Syria",
    "Iraq", "Lebanon", "Jabhat al-Nusrah", "Nusra Front", "Hizballah", "Хезболла",
    "Quds Force", "Abd al-Rahman al-Qasim", "Q41183", "wof:421202167", "99072",
    "Nineveh Governorate", "Aleppo Governorate", "Alepo", "Damascuss", "Xqzvw Nowhere", "",
    "1234", "Bayrut", "Dimashk",
]
TYPES = {"Hizballah": "org", "Jabhat al-Nusrah": "org", "Nusra Front": "org",
         "Quds Force": "org", "Хезболла": "org", "Abd al-Rahman al-Qasim": "person"}
COUNTRIES = {"Tal Abyad": "Syria", "Tell Abiad": "SY", "تل أبيض": "العراق", "Mosul": "IQ",
             "Beirut": "Lebanon", "Jerusalem": "PS", "Aleppo": "SY", "Hizballah": "LB"}


@cache
def validator(version: str, name: str) -> Draft7Validator:
    """A validator for one vendored schema, its siblings and the Swagger 2.0 schema (which the
    manifests' `authentication` refers to) resolved locally: no network."""
    registry: Registry[Any] = Registry()
    for path in (SCHEMAS / version).glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        contents.pop("$schema", None)  # "http://json-schema.org/schema#": draft 7, as ajv reads it
        registry = registry.with_resource(contents["$id"], DRAFT7.create_resource(contents))
    swagger = json.loads((SCHEMAS / "swagger-2.0" / "schema.json").read_text(encoding="utf-8"))
    registry = registry.with_resource(SWAGGER, DRAFT4.create_resource(swagger))
    schema = json.loads((SCHEMAS / version / f"{name}.json").read_text(encoding="utf-8"))
    schema.pop("$schema", None)
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, registry=registry)


def check(version: str, name: str, instance: Any) -> None:
    errors = sorted(validator(version, name).iter_errors(instance), key=lambda e: e.path)
    assert not errors, f"{version} {name}: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture(scope="module")
def recon() -> Iterator[TestClient]:
    with recon_client() as c:
        yield c


def test_the_validators_reject_what_the_spec_rejects() -> None:
    # The vendored schemas are live: the spec's own invalid examples fail them.
    check("0.2", "manifest", {"versions": ["0.2"], "name": "x", "identifierSpace": "x",
                              "schemaSpace": "y"})
    with pytest.raises(AssertionError):
        check("0.2", "reconciliation-result-batch", {"q0": {"result": [{"id": "x"}]}})
    with pytest.raises(AssertionError):
        check("1.0-draft", "manifest", {"versions": ["1.0-draft"], "name": "no view"})
    with pytest.raises(AssertionError):
        check("0.2", "manifest", {"versions": ["0.2"], "name": "x", "identifierSpace": "x",
                                  "schemaSpace": "y", "authentication": {"type": "magic"}})


def test_adding_the_service(recon: TestClient) -> None:
    origin = {"Origin": "http://127.0.0.1:3333"}
    preflight = recon.options("/reconcile", headers={**origin,
                                                     "Access-Control-Request-Method": "GET"})
    assert preflight.status_code in (200, 204)
    assert preflight.headers["access-control-allow-origin"] == "*"
    response = recon.get("/reconcile", headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    manifest = response.json()
    check("0.2", "manifest", manifest)
    assert set(manifest["versions"]) == {"0.2", "1.0-draft"}
    jsonp = recon.get("/reconcile", params={"callback": "cb"}).text
    check("0.2", "manifest", json.loads(jsonp[len("/**/cb("):-2]))
    v1 = recon.get("/reconcile", params={"version": "1.0-draft"}).json()
    check("1.0-draft", "manifest", v1)
    negotiated = recon.get("/reconcile", headers={"Accept": "application/reconciliation.v1+json"})
    check("1.0-draft", "manifest", negotiated.json())
    with recon_client(api_key="k") as keyed:
        for version, params in (("0.2", {}), ("1.0-draft", {"version": "1.0-draft"})):
            declared = keyed.get("/reconcile", params=params).json()
            check(version, "manifest", declared)
            assert declared["authentication"]["in"] == "header"


def _batch_02() -> dict[str, Any]:
    queries: dict[str, Any] = {}
    for i, name in enumerate(NAMES):
        q: dict[str, Any] = {"query": name, "limit": 3 + i % 4}
        if name in TYPES or i % 3 == 0:
            q["type"] = TYPES.get(name, "place")
            q["type_strict"] = "should"
        props: list[dict[str, Any]] = []
        if name in COUNTRIES:
            props.append({"pid": "country", "v": COUNTRIES[name]})
        if i % 7 == 0:
            props.append({"pid": "parent", "v": {"id": "r:aleppo-gov", "name": "Aleppo"}})
        if i % 11 == 0:
            props.append({"pid": "kind", "v": "place"})
        if props:
            q["properties"] = props
        queries[f"q{i}"] = q
    return queries


def _batch_10(batch_02: dict[str, Any]) -> dict[str, Any]:
    queries = []
    for q in batch_02.values():
        conditions: list[dict[str, Any]] = [{"matchType": "name", "propertyValue": q["query"]}]
        conditions += [{"matchType": "property", "propertyId": p["pid"],
                        "propertyValue": p["v"]} for p in q.get("properties", [])]
        out: dict[str, Any] = {"conditions": conditions, "limit": q["limit"]}
        if "type" in q:
            out["type"] = q["type"]
        queries.append(out)
    return {"queries": queries}


def test_reconciling_a_column_of_50(recon: TestClient) -> None:
    batch = _batch_02()
    assert len(batch) == 50
    check("0.2", "reconciliation-query-batch", batch)
    results = post_batch(recon, batch)
    check("0.2", "reconciliation-result-batch", results)
    assert set(results) == set(batch)
    matched = {batch[k]["query"]: r["result"][0]["id"] for k, r in results.items()
               if r["result"] and r["result"][0]["match"]}
    for name, entity_id in (("Aleppo", "r:aleppo"), ("حلب", "r:aleppo"), ("Al Mawsil", "r:mosul"),
                            ("Q41183", "r:aleppo"), ("wof:421202167", "r:deir"),
                            ("Hizballah", "r:hezbollah"), ("تل أبيض", "r:tal-abyad-iq")):
        assert matched.get(name) == entity_id, name
    assert "Xqzvw Nowhere" not in matched and "1234" not in matched and "" not in matched
    assert matched["Damascuss"] == "r:damascus"  # the same sounds: phonetic equality
    assert "Mosul" not in matched  # asked with parent Aleppo Governorate: a conflict

    body = _batch_10(batch)
    check("1.0-draft", "reconciliation-query-batch", body)
    v1 = recon.post("/reconcile/match", json=body).json()
    check("1.0-draft", "reconciliation-result-batch", v1)
    assert len(v1["results"]) == 50
    # The same decisions whichever version asks (1.0 has no type_strict=should, so its type
    # filters where OpenRefine's only ranks: the lists may differ below the first).
    for (key, old), new in zip(results.items(), v1["results"], strict=True):
        first_old = [(c["id"], c["match"]) for c in old["result"][:1]]
        assert first_old == [(c["id"], c["match"]) for c in new["candidates"][:1]], key


@pytest.mark.parametrize("version", VERSIONS)
def test_searching_by_hand(recon: TestClient, version: str) -> None:
    for prefix in ("Ale", "حل", "Дам", "Tal", "Q3820", "Hizb", "", "zzzz"):
        found = recon.get("/reconcile/suggest/entity", params={"prefix": prefix}).json()
        check(version, "suggest-entities-response", found)
    typed = recon.get("/reconcile/suggest/entity", params={"prefix": "A", "type": "person"})
    check(version, "suggest-entities-response", typed.json())
    for prefix in ("", "pl", "Org", "x"):
        check(version, "suggest-types-response",
              recon.get("/reconcile/suggest/type", params={"prefix": prefix}).json())
    for prefix in ("", "coun", "name", "wiki", "x"):
        check(version, "suggest-properties-response",
              recon.get("/reconcile/suggest/property", params={"prefix": prefix}).json())


def test_previewing_candidates(recon: TestClient) -> None:
    manifest = recon.get("/reconcile").json()
    for entity_id in ("r:aleppo", "r:hezbollah", "r:qasim", "r:mosul-district"):
        url = manifest["preview"]["url"].replace("{{id}}", entity_id)
        page = recon.get(url)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert page.text.startswith("<!doctype html>") and entity_id in page.text
    flyout = recon.get("/reconcile/suggest/flyout", params={"id": "r:aleppo"}).json()
    assert flyout["id"] == "r:aleppo" and "Aleppo" in flyout["html"]


@pytest.mark.parametrize("version", VERSIONS)
def test_adding_columns(recon: TestClient, version: str) -> None:
    pids: list[str] = []
    for type_id in ("place", "org", "person", "Q5", "unknown"):
        proposal = recon.get("/reconcile/extend/propose",
                             params={"type": type_id, "limit": 40}).json()
        check(version, "data-extension-property-proposal", proposal)
        pids += [p["id"] for p in proposal["properties"]]
    query = {"ids": ["r:aleppo", "r:hezbollah", "r:qasim", "r:deir", "r:missing"],
             "properties": [{"id": p} for p in dict.fromkeys(pids)]}
    check(version, "data-extension-query", query)
    if version == "0.2":
        response = recon.post("/reconcile", data={"extend": json.dumps(query)}, headers=FORM)
    else:
        response = recon.post("/reconcile/extend", json=query)
    assert response.status_code == 200, response.text
    check(version, "data-extension-response", response.json())
