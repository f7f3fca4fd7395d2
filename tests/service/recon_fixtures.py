"""Helpers for the reconciliation tests: a client over tests/data/reconcile_gazetteer.tsv (cities
and their same-named governorates and districts, homonyms in two countries, ids from several
sources, name styles) that reaches the service at 127.0.0.1:8765, as `rasm serve --port 8765`
would be reached, and OpenRefine's way of sending a batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from service_fixtures import client_for, make_settings

RECON_GAZETTEER = Path(__file__).resolve().parents[1] / "data" / "reconcile_gazetteer.tsv"
BASE = "http://127.0.0.1:8765"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def recon_client(**changes: Any) -> TestClient:
    settings = make_settings(**{"gazetteers": (RECON_GAZETTEER,), "public_url": None, **changes})
    client = client_for(settings)
    client.base_url = client.base_url.copy_with(scheme="http", host="127.0.0.1", port=8765)
    return client


def post_batch(client: TestClient, queries: dict[str, Any]) -> dict[str, Any]:
    """Exactly OpenRefine's request: one urlencoded form field `queries` holding JSON."""
    body = urlencode({"queries": json.dumps(queries)})
    response = client.post("/reconcile", content=body, headers=FORM)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def ids(result: dict[str, Any]) -> list[str]:
    return [c["id"] for c in result["result"]]
