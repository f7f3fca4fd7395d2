"""API-key auth (off by default; on with RASM_API_KEY), its exemptions, and CORS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from service_fixtures import client_for, make_settings

from service.settings import Settings, SettingsError

KEY = "s3cret-key"
QUERIES = '{"q0": {"query": "Aleppo"}}'


@pytest.fixture(scope="module")
def locked() -> Iterator[TestClient]:
    with client_for(make_settings(api_key=KEY)) as c:
        yield c


def test_auth_is_off_by_default(client: TestClient) -> None:
    assert Settings.from_env({}).api_key is None
    assert client.post("/v1/match", json={"names": ["Aleppo"]}).status_code == 200
    assert client.post("/reconcile", data={"queries": QUERIES}).status_code == 200


@pytest.mark.parametrize(("method", "path", "kwargs"), [
    ("post", "/v1/match", {"json": {"names": ["Aleppo"]}}),
    ("post", "/v1/text", {"json": {"text": "Aleppo"}}),
    ("post", "/v1/transliterate", {"json": {"texts": ["حلب"]}}),
    ("post", "/v1/translate", {"json": {"text": "حلب"}}),
    ("get", "/v1/entities/t:aleppo", {}),
    ("get", "/v1/kinds", {}),
    ("get", "/v1/schemes", {}),
    ("get", "/v1/languages", {}),
    ("get", f"/reconcile?queries={QUERIES}", {}),
    ("post", "/reconcile", {"data": {"queries": QUERIES}}),
    ("post", "/reconcile/match", {"json": {"queries": [
        {"conditions": [{"matchType": "name", "propertyValue": "Aleppo"}]}]}}),
    ("get", "/reconcile/suggest/entity?prefix=Al", {}),
    ("get", "/reconcile/extend/propose?type=place", {}),
    ("get", "/reconcile/preview?id=t:aleppo", {}),
])
def test_auth_on_guards_every_api_endpoint(locked: TestClient, method: str, path: str,
                                           kwargs: dict[str, object]) -> None:
    call = getattr(locked, method)
    missing = call(path, **kwargs)
    assert missing.status_code == 401 and missing.json()["error"] == "unauthorized"
    assert "X-API-Key" in missing.json()["message"]
    wrong = call(path, headers={"X-API-Key": "guess"}, **kwargs)
    assert wrong.status_code == 401
    right = call(path, headers={"X-API-Key": KEY}, **kwargs)
    assert right.status_code != 401
    assert right.status_code in (200, 503)  # 503: translate has no model here


def test_probes_and_docs_stay_open(locked: TestClient) -> None:
    assert locked.get("/healthz").status_code == 200
    assert locked.get("/readyz").status_code == 200
    schema = locked.get("/openapi.json").json()
    assert "X-API-Key" in str(schema["components"]["securitySchemes"])


def test_the_reconciliation_manifest_stays_readable(locked: TestClient) -> None:
    manifest = locked.get("/reconcile")
    assert manifest.status_code == 200
    assert manifest.json()["authentication"]["name"] == "X-API-Key"


def test_reconcile_can_be_public_for_openrefine() -> None:
    with client_for(make_settings(api_key=KEY, reconcile_public=True)) as c:
        assert c.post("/reconcile", data={"queries": QUERIES}).status_code == 200
        assert c.post("/v1/match", json={"names": ["Aleppo"]}).status_code == 401


def test_cors_off_by_default_and_configurable(client: TestClient) -> None:
    origin = {"Origin": "https://newsroom.example"}
    assert "access-control-allow-origin" not in client.get("/v1/kinds", headers=origin).headers
    with client_for(make_settings(cors_origins=("https://newsroom.example",))) as c:
        allowed = c.get("/v1/kinds", headers=origin)
        assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
        preflight = c.options("/v1/match", headers={
            **origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-API-Key"})
        assert preflight.status_code == 200
        other = c.get("/v1/kinds", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_settings_from_environment() -> None:
    settings = Settings.from_env({"RASM_API_KEY": KEY, "RASM_MAX_BATCH": "20",
                                  "RASM_CORS_ORIGINS": "https://a.example, https://b.example",
                                  "RASM_SERVICE_TRANSLATE_PAIRS": "ar-en,RU-EN",
                                  "RASM_RECONCILE_PUBLIC": "yes"})
    assert settings.api_key == KEY and settings.max_batch == 20 and settings.reconcile_public
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.translate_pairs == ("ar-en", "ru-en")
    for env, name in ((({"RASM_MAX_BATCH": "lots"}), "RASM_MAX_BATCH"),
                      ({"RASM_MAX_BODY_BYTES": "10"}, "RASM_MAX_BODY_BYTES"),
                      ({"RASM_BUILTIN": "maybe"}, "RASM_BUILTIN"),
                      ({"RASM_BUILTIN": "0"}, "RASM_BUILTIN"),
                      ({"RASM_SERVICE_TRANSLATE_PAIRS": "../models/x"},
                       "RASM_SERVICE_TRANSLATE_PAIRS")):
        with pytest.raises(SettingsError) as info:
            Settings.from_env(env)
        assert info.value.name == name and name in str(info.value)
