"""The W3C Reconciliation API at /reconcile, as OpenRefine (0.2) and 1.0-draft clients speak it:
manifest, query batches (0.2 form field `queries` by POST or GET; 1.0 JSON POST /match), entity,
type and property suggest, HTML preview, data extension (0.2 form field `extend`; 1.0 JSON
POST /extend) with property proposals. GET answers wrap in JSONP when asked (`callback=`).
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from service.compute import INLINE_ITEMS
from service.dependencies import ResourcesDep
from service.errors import ApiError, FieldError
from service.recon_extend import (
    extend_02,
    extend_10,
    flyout_html,
    parse_extend,
    preview_html,
    propose,
)
from service.recon_manifest import base_url, manifest_02, manifest_10, wants_v1
from service.recon_query import parse_batch_02, parse_batch_10, parse_json_field
from service.recon_suggest import entity_json, suggest_entities, suggest_properties, suggest_types
from service.recon_values import kind_of_type
from service.reconcile import results_02, results_10
from service.resources import Resources
from service.routers.errors_doc import errors

router = APIRouter(prefix="/reconcile", tags=["reconciliation"])

_CALLBACK = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_EXAMPLE = ('{"q0": {"query": "Deir Ezzor", "type": "place", "limit": 3}, '
            '"q1": {"query": "Jabhat al-Nusrah", "type": "org", '
            '"properties": [{"pid": "country", "v": "SY"}]}}')
_QUERIES_DOC = ("A JSON object of query id -> {query, type, type_strict, limit, properties} "
                "(W3C Reconciliation API 0.2). Types are entity kinds; properties: country, "
                "kind, parent, arabic.")
_EXTEND_DOC = 'Data extension: {"ids": [...], "properties": [{"id": "wikidata"}, ...]}'
_FORM_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object",
        "properties": {"queries": {"type": "string", "description": _QUERIES_DOC,
                                   "example": _EXAMPLE},
                       "extend": {"type": "string", "description": _EXTEND_DOC}}}}}}}
_JSON_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object"}}}}}
Callback = Annotated[str | None, Query(description="JSONP: wrap the answer in this function",
                                       max_length=128)]


def reply(data: Any, callback: str | None = None) -> Response:
    """JSON, or JSONP for old clients (a callback named like a JavaScript identifier only)."""
    if callback is None:
        return JSONResponse(data)
    if not _CALLBACK.fullmatch(callback):
        raise FieldError("callback", "must be a JavaScript function name (letters, digits, "
                                     "_, $ and dots)")
    body = f"/**/{callback}({json.dumps(data)});"  # the comment defeats content sniffing
    return Response(body, media_type="application/javascript",
                    headers={"X-Content-Type-Options": "nosniff"})


def _max_chars() -> int:
    from rasm.names.matcher import MAX_QUERY_CHARS

    return MAX_QUERY_CHARS


async def _queries_02(raw: str, resources: Resources) -> dict[str, Any]:
    settings = resources.settings
    queries = parse_batch_02(raw, max_batch=settings.max_batch, max_limit=settings.max_limit,
                             max_chars=_max_chars())
    return await resources.compute.run(
        lambda: results_02(queries, resources.gazetteer, resources.kinds),
        small=len(queries) <= INLINE_ITEMS)


def _extend_02(raw: str, resources: Resources) -> dict[str, Any]:
    return extend_02(parse_extend(parse_json_field(raw, "extend")), resources.gazetteer)


@router.get("", summary="Manifest; or a batch (?queries=) or data extension (?extend=)",
            responses=errors(401, 413, 422))
async def reconcile_get(request: Request, resources: ResourcesDep, callback: Callback = None,
                        queries: Annotated[str | None, Query(
                            description=_QUERIES_DOC, examples=[_EXAMPLE])] = None,
                        extend: Annotated[str | None, Query(description=_EXTEND_DOC)] = None,
                        version: Annotated[str | None, Query(
                            description="1.0-draft: the 1.0-draft manifest")] = None,
                        ) -> Response:
    """Without parameters: the service manifest OpenRefine reads when the service is added
    (readable without the API key; it declares the key when one is needed)."""
    if queries is not None:
        return reply(await _queries_02(queries, resources), callback)
    if extend is not None:
        return reply(_extend_02(extend, resources), callback)
    from rasm.names.suggest import warm

    # A client reads the manifest before it suggests: build the suggest table meanwhile, in
    # the background, so the first keystroke does not wait for it.
    warm(resources.gazetteer)
    settings = resources.settings
    base = base_url(request, settings)
    build = manifest_10 if wants_v1(request) else manifest_02
    return reply(build(settings, base, resources.kinds), callback)


@router.post("", summary="A batch of queries (form field `queries`) or a data extension "
                         "(form field `extend`)", openapi_extra=_FORM_BODY,
             responses=errors(401, 413, 415, 422))
async def reconcile_post(request: Request, resources: ResourcesDep) -> Response:
    """Results for each query id: candidates with id, name, score (0-100), features, match
    and type; a query that could not be read gets an empty result and `warnings`."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise ApiError(415, "unsupported_media_type",
                       "send the batch as application/x-www-form-urlencoded field `queries` "
                       "(or JSON to /reconcile/match, the 1.0 draft)")
    raw = await request.body()
    try:
        form = parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                        max_num_fields=64)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FieldError("queries", f"cannot read the form: {exc}") from None
    if form.get("queries"):
        return reply(await _queries_02(form["queries"][0], resources))
    if form.get("extend"):
        return reply(_extend_02(form["extend"][0], resources))
    raise FieldError("queries", "missing: the form must carry a `queries` (or `extend`) field")


async def _json_body(request: Request) -> Any:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    return parse_json_field((await request.body()).decode("utf-8", "replace"), "body")


@router.post("/match", summary="A batch of queries, 1.0 draft (JSON)",
             openapi_extra=_JSON_BODY, responses=errors(401, 413, 415, 422))
async def match_v1(request: Request, resources: ResourcesDep) -> JSONResponse:
    """`{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "Aleppo"}],
    "type": "place", "limit": 3}]}` -> `{"results": [{"candidates": [...]}]}`."""
    settings = resources.settings
    queries = parse_batch_10(await _json_body(request), max_batch=settings.max_batch,
                             max_limit=settings.max_limit, max_chars=_max_chars())
    result = await resources.compute.run(
        lambda: results_10(queries, resources.gazetteer, resources.kinds),
        small=len(queries) <= INLINE_ITEMS)
    return JSONResponse(result)


@router.get("/preview", response_class=HTMLResponse, summary="HTML preview of an entity",
            responses=errors(401, 404))
async def preview(request: Request, id: Annotated[str, Query(examples=["wof:421202167"])],
                  resources: ResourcesDep) -> HTMLResponse:
    entity = resources.gazetteer.get(id)
    if entity is None:
        raise ApiError(404, "not_found", f"no entity with id {id!r}", id=id)
    base = base_url(request, resources.settings)
    return HTMLResponse(preview_html(entity, resources.gazetteer, base))


def _page(limit: int | None, offset: int | None, cursor: int | None) -> tuple[int, int]:
    return min(limit or 10, 50), offset if offset is not None else (cursor or 0)


Limit = Annotated[int | None, Query(ge=1, le=1000)]
Offset = Annotated[int | None, Query(ge=0, le=10_000)]
Prefix = Annotated[str, Query(max_length=512, description="What the user typed so far")]


@router.get("/suggest/entity", summary="Entities whose names start like (or sound like) "
                                       "the prefix", responses=errors(401, 422))
async def suggest_entity(resources: ResourcesDep, prefix: Prefix = "",
                         type: Annotated[str | None, Query(max_length=200)] = None,
                         limit: Limit = None, offset: Offset = None, cursor: Offset = None,
                         callback: Callback = None) -> Response:
    size, skip = _page(limit, offset, cursor)
    kind = kind_of_type(type, resources.kinds) if type else None
    if type and kind is None:
        return reply({"result": []}, callback)
    found = suggest_entities(prefix, resources.gazetteer, kind, size, skip) if prefix.strip() \
        else []
    return reply({"result": [entity_json(e) for e in found]}, callback)


@router.get("/suggest/type", summary="rasm's types (entity kinds)", responses=errors(401))
async def suggest_type(resources: ResourcesDep, prefix: Prefix = "", limit: Limit = None,
                       offset: Offset = None, cursor: Offset = None,
                       callback: Callback = None) -> Response:
    size, skip = _page(limit, offset, cursor)
    return reply({"result": suggest_types(prefix, resources.kinds)[skip:skip + size]},
                 callback)


@router.get("/suggest/property", summary="Properties for queries and data extension",
            responses=errors(401))
async def suggest_property(prefix: Prefix = "", limit: Limit = None, offset: Offset = None,
                           cursor: Offset = None, callback: Callback = None) -> Response:
    size, skip = _page(limit, offset, cursor)
    return reply({"result": suggest_properties(prefix)[skip:skip + size]}, callback)


@router.get("/suggest/flyout", summary="Short HTML card of a suggested entity (0.2)",
            responses=errors(401, 404))
async def suggest_flyout(id: Annotated[str, Query()], resources: ResourcesDep,
                         callback: Callback = None) -> Response:
    entity = resources.gazetteer.get(id)
    if entity is None:
        raise ApiError(404, "not_found", f"no entity with id {id!r}", id=id)
    return reply({"id": entity.id, "html": flyout_html(entity)}, callback)


@router.get("/extend/propose", summary="Properties to add as columns, for a type",
            responses=errors(401))
async def extend_propose(resources: ResourcesDep,
                         type: Annotated[str | None, Query(max_length=200)] = None,
                         limit: Limit = None, callback: Callback = None) -> Response:
    kind = kind_of_type(type, resources.kinds) if type else None
    return reply(propose(type, kind, limit), callback)


@router.post("/extend", summary="Data extension, 1.0 draft (JSON)", openapi_extra=_JSON_BODY,
             responses=errors(401, 413, 415, 422))
async def extend_v1(request: Request, resources: ResourcesDep) -> JSONResponse:
    """`{"ids": [...], "properties": [{"id": "wikidata"}]}` -> meta and rows."""
    req = parse_extend(await _json_body(request))
    return JSONResponse(extend_10(req, resources.gazetteer))
