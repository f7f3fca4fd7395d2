"""Liveness and readiness, open without an API key (orchestrators probe them)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from service.schemas import HealthResponse, ReadyResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse, summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", response_model=ReadyResponse, summary="Tables and configured models loaded",
            responses={503: {"model": ReadyResponse, "description": "Still loading, or a "
                             "configured translation model failed to load"}})
async def readyz(request: Request) -> JSONResponse:
    resources = getattr(request.app.state, "resources", None)
    if resources is None:
        return JSONResponse({"status": "loading", "entities": 0, "translation": {}},
                            status_code=503)
    translation = {pair: "loaded" for pair in resources.translators}
    translation.update({pair: f"failed: {why}" for pair, why in resources.model_errors.items()})
    body = {"status": "ready" if resources.ready else "degraded",
            "entities": len(resources.gazetteer), "translation": translation}
    return JSONResponse(body, status_code=200 if resources.ready else 503)

