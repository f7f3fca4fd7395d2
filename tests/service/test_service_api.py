"""Every /v1 endpoint and the health probes, through TestClient with the app's lifespan."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from service_fixtures import client_for, make_settings

from rasm.gazetteer import load_gazetteer
from rasm.names.matcher import match_many
from service.schemas import (
    EntityOut,
    KindsResponse,
    LanguagesResponse,
    MatchResponse,
    ReadyResponse,
    SchemesResponse,
    TextResponse,
    TranslateResponse,
    TransliterateResponse,
)


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ReadyResponse.model_validate(ready.json())
    assert body.status == "ready" and body.entities == 11 and body.translation == {}


def test_match_batch_is_the_library_result(client: TestClient, gazetteer_path: Path) -> None:
    names = ["Deir Ezzor", "دير الزور", "Jabhat al-Nusrah", "Xqzvw Unknown"]
    response = client.post("/v1/match", json={"names": names})
    assert response.status_code == 200
    results = MatchResponse.model_validate(response.json()).results
    expected = match_many(names, gazetteer=load_gazetteer(gazetteer_path))
    assert response.json()["results"] == [m.to_dict() for m in expected]
    assert [r.id for r in results] == ["t:deir", "t:deir", "t:nusra", None]
    assert results[3].canonical is None and results[3].key  # unknown, but grouped by key


def test_match_options(client: TestClient) -> None:
    both = client.post("/v1/match", json={"names": ["Tal Abyad"]}).json()["results"][0]
    assert both["ambiguous"] and {both["id"], both["alternatives"][0]["id"]} == {
        "t:tal-abyad-sy", "t:tal-abyad-iq"}
    iraq = client.post("/v1/match", json={"names": ["Tal Abyad"], "country": "IQ"}).json()
    assert iraq["results"][0]["id"] == "t:tal-abyad-iq"
    assert iraq["results"][0]["alternatives"] == []
    one = client.post("/v1/match", json={"names": ["Tal Abyad"], "limit": 1}).json()
    assert one["results"][0]["alternatives"] == []
    orgs = client.post("/v1/match", json={"names": ["Deir Ezzor"], "kind": "org"}).json()
    assert orgs["results"][0]["id"] is None
    strict = client.post("/v1/match", json={"names": ["Deir Ezor"], "threshold": 1.0}).json()
    loose = client.post("/v1/match", json={"names": ["Deir Ezor"], "threshold": 0.5}).json()
    assert strict["results"][0]["id"] is None and loose["results"][0]["id"] == "t:deir"


def test_match_rejects_kinds_and_countries_not_in_the_tables(client: TestClient) -> None:
    bad = client.post("/v1/match", json={"names": ["Aleppo"], "kind": "river"})
    assert bad.status_code == 422
    assert [f["field"] for f in bad.json()["fields"]] == ["kind"]
    assert "org, person, place" in bad.json()["message"]
    bad = client.post("/v1/match", json={"names": ["Aleppo"], "country": "sy"})
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "country"


def test_entity_lookup(client: TestClient) -> None:
    found = client.get("/v1/entities/t:deir")
    assert found.status_code == 200
    entity = EntityOut.model_validate(found.json())
    assert entity.canonical == "Deir ez-Zor" and entity.aliases == ["Deir Ezzor", "Dayr az Zawr"]
    assert entity.lat == 35.3359
    missing = client.get("/v1/entities/t:nowhere")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found" and missing.json()["id"] == "t:nowhere"


def test_lists_come_from_the_data(client: TestClient) -> None:
    from rasm.names.translit import schemes
    from rasm.translate import known_pairs

    kinds = KindsResponse.model_validate(client.get("/v1/kinds").json())
    assert kinds.kinds == ["org", "person", "place"] and kinds.countries == ["IQ", "LB", "SY"]
    listed = SchemesResponse.model_validate(client.get("/v1/schemes").json())
    assert listed.schemes == schemes() and listed.default in listed.schemes
    languages = LanguagesResponse.model_validate(client.get("/v1/languages").json())
    assert languages.pairs == known_pairs() and "ar" in languages.identified
    assert languages.configured == [] and languages.loaded == []


def test_transliterate(client: TestClient, gazetteer_path: Path) -> None:
    from rasm.names.translit import transliterate

    texts = ["دير الزور", "معرة النعمان", "no Arabic here"]
    for scheme in ("news", "alalc"):
        response = client.post("/v1/transliterate", json={"texts": texts, "scheme": scheme})
        assert response.status_code == 200
        body = TransliterateResponse.model_validate(response.json())
        gaz = load_gazetteer(gazetteer_path)
        assert body.results == [transliterate(t, scheme, gazetteer=gaz) for t in texts]
    assert client.post("/v1/transliterate", json={"texts": texts}).json()["results"][0] == (
        "Deir ez-Zor")
    bad = client.post("/v1/transliterate", json={"texts": texts, "scheme": "klingon"})
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "scheme"


def test_normalize_text(client: TestClient) -> None:
    text = "Shelling hit Maarat al-Numan and Dayr az Zawr; Hizballah denied it."
    response = client.post("/v1/text", json={"text": text})
    assert response.status_code == 200
    body = TextResponse.model_validate(response.json())
    assert body.text == "Shelling hit Maarat al-Numan and Deir ez-Zor; Hezbollah denied it."
    assert [(m.id, text[m.start:m.end]) for m in body.mentions] == [
        ("t:maarat", "Maarat al-Numan"), ("t:deir", "Dayr az Zawr"), ("t:hezbollah", "Hizballah")]
    assert body.translation is None
    places = client.post("/v1/text", json={"text": text, "kinds": ["place"], "rewrite": "append"})
    assert places.json()["text"] == ("Shelling hit Maarat al-Numan and Dayr az "
                                     "Zawr [Deir ez-Zor]; Hizballah denied it.")
    bad = client.post("/v1/text", json={"text": text, "rewrite": "shout"})
    assert bad.status_code == 422 and "replace, append, identity" in bad.json()["message"]
    bad = client.post("/v1/text", json={"text": text, "style": "shout"})
    assert bad.status_code == 422 and "news, bgn, alalc" in bad.json()["message"]
    bad = client.post("/v1/text", json={"text": text, "kinds": ["place", "river"]})
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "kinds.1"


def test_translate_without_a_model_is_503_with_a_clear_body(client: TestClient) -> None:
    response = client.post("/v1/translate", json={"text": "قصفت الطائرات المدينة"})
    assert response.status_code == 503
    body = response.json()
    assert body["error"] == "translation_unavailable" and body["pair"] == "ar-en"
    assert "RASM_SERVICE_TRANSLATE_PAIRS" in body["message"]
    with_text = client.post("/v1/text", json={"text": "قصفت الطائرات المدينة",
                                              "translate": {"source": "ar"}})
    assert with_text.status_code == 503


def test_translate_passthrough_needs_no_model(client: TestClient) -> None:
    response = client.post("/v1/translate", json={"text": "Aircraft bombed Aleppo."})
    assert response.status_code == 200
    body = TranslateResponse.model_validate(response.json())
    assert body.passthrough and body.text == "Aircraft bombed Aleppo." and body.model is None


def test_translate_with_a_configured_pair(translating_client: TestClient) -> None:
    response = translating_client.post(
        "/v1/translate", json={"text": "قصفت الطائرات دير الزور", "source": "auto"})
    assert response.status_code == 200
    body = TranslateResponse.model_validate(response.json())
    assert body.text == "bombed aircraft Deir ez-Zor"  # the name restored from its placeholder
    assert body.source_lang == "ar" and body.model == "ar-en"  # the pair, never a path
    assert [p["id"] for p in body.protected] == ["t:deir"]
    ready = translating_client.get("/readyz").json()
    assert ready["translation"] == {"ar-en": "loaded"}
    other = translating_client.post("/v1/translate", json={"text": "Авиация", "source": "ru"})
    assert other.status_code == 503 and other.json()["loaded"] == ["ar-en"]
    bad = translating_client.post("/v1/translate", json={"text": "x", "source": "../../etc"})
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "source"


def test_text_with_translation_normalizes_the_translation(translating_client: TestClient) -> None:
    response = translating_client.post("/v1/text", json={
        "text": "وصل الوفد إلى دير الزور", "translate": {"source": "ar", "target": "en"}})
    assert response.status_code == 200
    body = response.json()
    assert body["translation"]["text"] == "arrived the delegation to Deir ez-Zor"
    assert body["text"] == "arrived the delegation to Deir ez-Zor"
    assert [m["id"] for m in body["mentions"]] == ["t:deir"]


def test_openapi_is_complete(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/v1/match", "/v1/text", "/v1/transliterate", "/v1/translate",
                 "/v1/entities/{entity_id}", "/v1/kinds", "/v1/schemes", "/v1/languages",
                 "/healthz", "/readyz", "/reconcile", "/reconcile/preview"):
        assert path in paths, path
    components = schema["components"]["schemas"]
    for model in ("MatchRequest", "TextRequest", "TransliterateRequest", "TranslateRequest"):
        assert components[model]["examples"], model
    assert "413" in paths["/v1/match"]["post"]["responses"]
    assert "503" in paths["/v1/translate"]["post"]["responses"]
    form = paths["/reconcile"]["post"]["requestBody"]["content"]
    assert "application/x-www-form-urlencoded" in form


def test_a_model_that_fails_to_load_makes_the_service_not_ready(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASM_TRANSLATE_MODEL_TR_EN", "/nonexistent/models/opus-mt-tr-en")
    with client_for(make_settings(translate_pairs=("tr-en",))) as c:
        ready = c.get("/readyz")
        assert ready.status_code == 503 and ready.json()["status"] == "degraded"
        assert ready.json()["translation"]["tr-en"].startswith("failed: ModelUnavailableError")
        response = c.post("/v1/translate", json={"text": "Uçaklar şehri bombaladı",
                                                 "source": "tr"})
        assert response.status_code == 503
        assert "did not load" in response.json()["message"]
        assert "/nonexistent" not in response.text + ready.text  # server paths stay private
        assert c.post("/v1/match", json={"names": ["Aleppo"]}).status_code == 200


def test_match_answers_in_the_name_style_asked_for(client: TestClient) -> None:
    """Issue 11: `style` names the style of `canonical`; `names` adds every style."""
    body = client.post("/v1/match?names=true",
                       json={"names": ["Dayr az Zawr"], "style": "arabic"}).json()
    assert body["results"][0]["canonical"] == "دير الزور"
    assert set(body["results"][0]["names"]) >= {"news", "bgn", "alalc", "ascii", "arabic"}
    bad = client.post("/v1/match", json={"names": ["Aleppo"], "style": "fancy"})
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "style"


def test_text_takes_rewrite_and_keeps_the_old_style_spelling(client: TestClient) -> None:
    text = "Shelling hit Dayr az Zawr."
    new = client.post("/v1/text", json={"text": text, "rewrite": "append"}).json()
    old = client.post("/v1/text", json={"text": text, "style": "append"}).json()
    assert new["text"] == old["text"] and "[" in new["text"]
