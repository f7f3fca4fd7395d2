"""OpenRefine's reconciliation endpoint: the manifest, query batches (form field `queries`, by
POST or GET) and an HTML preview of an entity."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from service.bodies import parse_untrusted
from service.compute import INLINE_ITEMS
from service.dependencies import ResourcesDep, check_batch
from service.errors import ApiError, FieldError
from service.reconcile import manifest, parse_queries, preview_html, reconcile
from service.resources import Resources
from service.routers.errors_doc import errors

router = APIRouter(prefix="/reconcile", tags=["reconciliation"])

_EXAMPLE = ('{"q0": {"query": "Deir Ezzor", "type": "place", "limit": 3}, '
            '"q1": {"query": "Jabhat al-Nusrah", "type": "org", '
            '"properties": [{"pid": "country", "v": "SY"}]}}')
_QUERIES_DOC = ("A JSON object of query id -> {query, type, limit, properties, type_strict} "
                "(W3C Reconciliation API). Types are entity kinds; the property is `country`.")
_FORM_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "required": ["queries"],
        "properties": {"queries": {"type": "string", "description": _QUERIES_DOC,
                                   "example": _EXAMPLE}}}}}}}


async def _answer(raw: str, resources: Resources) -> JSONResponse:
    from rasm.matcher import MAX_QUERY_CHARS

    settings = resources.settings
    try:  # the edge checks of every JSON body: unpaired surrogates, numbers too long to read
        parse_untrusted(raw, "queries")
    except json.JSONDecodeError:
        pass  # parse_queries words malformed JSON itself
    queries = parse_queries(raw, max_batch=settings.max_batch, max_limit=settings.max_limit,
                            max_chars=MAX_QUERY_CHARS, kinds=resources.kinds)
    check_batch(len(queries), settings, "queries")
    result = await resources.compute.run(
        lambda: reconcile(queries, resources.gazetteer, settings.max_limit),
        small=len(queries) <= INLINE_ITEMS)
    return JSONResponse(result)


@router.get("", summary="Service manifest, or a batch of queries given as ?queries=",
            responses=errors(401, 413, 422))
async def reconcile_get(resources: ResourcesDep, queries: Annotated[
        str | None, Query(description=_QUERIES_DOC, examples=[_EXAMPLE])] = None) -> JSONResponse:
    """Without `queries`: the service manifest OpenRefine reads when the service is added.
    With it: the results of the batch, as for POST."""
    if queries is None:
        settings = resources.settings
        service = manifest(settings.service_name, settings.public_url, resources.kinds)
        if settings.api_key and settings.reconcile_public:
            # OpenRefine opens `view` links without the key: send them to the public preview,
            # and the documentation link to the open schema (/docs is off with a key).
            service["view"] = {"url": f"{settings.public_url}/reconcile/preview?id={{{{id}}}}"}
            service["documentation"] = f"{settings.public_url}/openapi.json"
        return JSONResponse(service)
    return await _answer(queries, resources)


@router.post("", summary="Reconcile a batch of queries (form field `queries`)",
             openapi_extra=_FORM_BODY, responses=errors(401, 413, 415, 422))
async def reconcile_post(request: Request, resources: ResourcesDep) -> JSONResponse:
    """Results for each query id: candidates with id, name, score (0-100), match and type."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise ApiError(415, "unsupported_media_type",
                       "send the batch as application/x-www-form-urlencoded field `queries`")
    raw = await request.body()
    try:
        form = parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                        max_num_fields=64)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FieldError("queries", f"cannot read the form: {exc}") from None
    values = form.get("queries")
    if not values:
        raise FieldError("queries", "missing: the form must carry a `queries` field")
    return await _answer(values[0], resources)


@router.get("/preview", response_class=HTMLResponse, summary="HTML preview of an entity",
            responses=errors(401, 404))
async def preview(id: Annotated[str, Query(examples=["wof:421202167"])],
            resources: ResourcesDep) -> HTMLResponse:
    entity = resources.gazetteer.get(id)
    if entity is None:
        raise ApiError(404, "not_found", f"no entity with id {id!r}", id=id)
    return HTMLResponse(preview_html(entity))
