"""Suggestions as you type (`rasm.names.suggest`), for the pages' search box and any other client."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from service.dependencies import ResourcesDep, check_kind, check_limit
from service.errors import ApiError
from service.routers.errors_doc import errors
from service.settings import API_KEY_HEADER
from service.web_auth import page_authorized

router = APIRouter(prefix="/v1")


@router.get("/suggest", tags=["names"], summary="Entities whose names start like the query",
            responses=errors(401, 413, 422, 503))
async def suggest_names(
    request: Request,
    resources: ResourcesDep,
    q: Annotated[str, Query(max_length=200, description="what was typed, any spelling or script")],
    kind: Annotated[str | None, Query(description="only entities of this kind")] = None,
    limit: Annotated[int, Query(ge=1, description="suggestions at most")] = 10,
) -> JSONResponse:
    """Prefix matches on every spelling the tables give (any script), then fuzzy matches; one
    suggestion per entity, best first. Accepts the API key from the X-API-Key header or from the
    cookie the pages' key form sets."""
    from rasm.names.suggest import suggest

    if not page_authorized(request, resources.settings):
        raise ApiError(401, "unauthorized",
                       f"missing or wrong API key; send it in the {API_KEY_HEADER} header",
                       headers={"WWW-Authenticate": "ApiKey"})
    check_limit(limit, resources.settings)
    check_kind(kind, resources)

    def work() -> list[dict[str, object]]:
        found = suggest(q, gazetteer=resources.gazetteer, kind=kind, limit=limit)
        return [c.to_dict() for c in found]

    # Off the event loop: the first call builds the sorted name list (seconds on the built-in
    # tables), and the fuzzy part costs milliseconds.
    return JSONResponse({"query": q, "suggestions": await resources.compute.run(work, small=False)})
