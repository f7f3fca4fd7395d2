"""Names to entities: match a batch, look an entity up, and the lists clients choose from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from rasm.checks import excerpt
from rasm.model import STYLES
from service.bodies import UntrustedJSONRoute
from service.compute import INLINE_ITEMS
from service.dependencies import (
    ResourcesDep,
    check_country,
    check_kind,
    check_limit,
    check_names,
)
from service.errors import ApiError, FieldError
from service.routers.errors_doc import errors
from service.schemas import (
    EntityOut,
    KindsResponse,
    LanguagesResponse,
    MatchRequest,
    MatchResponse,
    SchemesResponse,
)

router = APIRouter(prefix="/v1", route_class=UntrustedJSONRoute)
DEFAULT_LIMIT = 5


@router.post("/match", response_model=MatchResponse, tags=["names"],
             summary="Match a batch of names to entities",
             responses=errors(401, 413, 422))
async def match_names(
    body: MatchRequest, resources: ResourcesDep,
    names: Annotated[bool, Query(description="add `names`: the entity's name in every style")] = False,
) -> JSONResponse:
    """One result per name, in order: the best entity (or `id: null` when the name is not
    known), its score and evidence (`method`), and close alternatives."""
    from rasm.names.matcher import match_many

    settings = resources.settings
    check_names(body.names, settings)
    limit = min(DEFAULT_LIMIT, settings.max_limit) if body.limit is None else body.limit
    check_limit(limit, settings)
    check_kind(body.kind, resources)
    check_country(body.country, resources)
    if body.style is not None and body.style not in STYLES:
        raise FieldError("style", f"unknown name style {excerpt(body.style)}; known: "
                                  f"{', '.join(STYLES)}")

    def work() -> list[dict[str, object]]:
        return [m.to_dict(style=body.style, names=names) for m in match_many(
            body.names, gazetteer=resources.gazetteer, kind=body.kind, country=body.country,
            threshold=body.threshold, limit=limit)]

    small = len(body.names) <= INLINE_ITEMS
    return JSONResponse({"results": await resources.compute.run(work, small=small)})


@router.get("/entities/{entity_id:path}", response_model=EntityOut, tags=["names"],
            summary="Look up an entity by id", responses=errors(401, 404))
async def get_entity(entity_id: Annotated[str, Path(examples=["wof:421202167"])],
               resources: ResourcesDep) -> JSONResponse:
    entity = resources.gazetteer.get(entity_id)
    if entity is None:
        raise ApiError(404, "not_found", f"no entity with id {excerpt(entity_id)}", id=entity_id)
    return JSONResponse(entity.to_dict())


@router.get("/kinds", response_model=KindsResponse, tags=["lists"],
            summary="Entity kinds and countries in the loaded tables", responses=errors(401))
async def list_kinds(resources: ResourcesDep) -> dict[str, list[str]]:
    return {"kinds": list(resources.kinds), "countries": list(resources.countries)}


@router.get("/schemes", response_model=SchemesResponse, tags=["lists"],
            summary="Transliteration schemes (from the rule files)", responses=errors(401))
async def list_schemes(resources: ResourcesDep) -> dict[str, object]:
    import inspect

    from rasm.names.translit import schemes, transliterate

    default = inspect.signature(transliterate).parameters["scheme"].default
    return {"schemes": schemes(), "default": default}


@router.get("/languages", response_model=LanguagesResponse, tags=["lists"],
            summary="Languages identified and translation pairs known, configured and loaded",
            responses=errors(401))
async def list_languages(resources: ResourcesDep) -> dict[str, list[str]]:
    from rasm.translate import known_pairs
    from rasm.translate.langid import LANGUAGES

    return {"identified": list(LANGUAGES), "pairs": known_pairs(),
            "configured": list(resources.settings.translate_pairs),
            "loaded": sorted(resources.translators)}
