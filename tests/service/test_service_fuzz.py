"""Property-based fuzzing of every operation in the OpenAPI schema (schemathesis): for a
bounded number of generated requests each, valid and invalid, the service never answers 5xx
(except the documented 503s of translation) and always answers JSON errors it documents."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from service_fixtures import WordTableTranslator, make_settings

from service.app import create_app

MAX_EXAMPLES = 25  # per operation; ~15 operations, a few seconds in all

app = create_app(make_settings(max_batch=20, translate_pairs=("ar-en",)),
                 translators={"ar-en": WordTableTranslator()})
config = schemathesis.Config()
# Valid requests and invalid ones (wrong types, missing fields, out-of-range values).
config.projects.default.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


@pytest.fixture(scope="module", autouse=True)
def running_app() -> Iterator[None]:
    with TestClient(app):  # the lifespan: tables and the translator loaded for every case
        yield


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    status = response.status_code
    if status >= 500:
        body = response.json()
        # Only translation may answer 503, and only with its documented reasons.
        assert status == 503 and body["error"] in ("translation_unavailable", "busy"), (
            f"{case.method} {case.path} -> {status}: {response.text[:500]}")
    if status >= 400:
        body = response.json()
        assert body["error"] and body["message"] and "Traceback" not in response.text
    assert response.headers.get("x-request-id")
