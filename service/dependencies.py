"""Checks and values shared by the routers: the loaded resources, API-key auth, and the limits."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from rasm.checks import excerpt
from service.errors import ApiError, FieldError, LimitExceeded
from service.resources import Resources
from service.settings import API_KEY_HEADER, Settings

# auto_error=False: a missing key is our 401 with our body, and the scheme still shows in
# OpenAPI so clients know which header to send when auth is on.
_api_key_header = APIKeyHeader(name=API_KEY_HEADER, auto_error=False,
                               description="Needed only when the service sets RASM_API_KEY.")


async def get_resources(request: Request) -> Resources:
    resources: Resources | None = getattr(request.app.state, "resources", None)
    if resources is None:  # only when the app is used without its lifespan
        raise ApiError(503, "unavailable", "the service is still loading its tables",
                       headers={"Retry-After": "1"})
    return resources


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _check_key(request: Request, settings: Settings) -> None:
    if settings.api_key is None:
        return
    given = request.headers.get(API_KEY_HEADER)
    if given is None or not hmac.compare_digest(given.encode(), settings.api_key.encode()):
        raise ApiError(401, "unauthorized",
                       f"missing or wrong API key; send it in the {API_KEY_HEADER} header",
                       headers={"WWW-Authenticate": "ApiKey"})


async def require_api_key(request: Request, settings: Annotated[Settings, Depends(get_settings)],
                    _: Annotated[str | None, Depends(_api_key_header)] = None) -> None:
    """401 unless the request carries the configured key (when RASM_API_KEY is set)."""
    _check_key(request, settings)


async def require_api_key_reconcile(request: Request,
                              settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """As require_api_key, unless RASM_RECONCILE_PUBLIC lets OpenRefine in without a header.
    The manifest stays readable either way: it is where clients learn that a key is needed."""
    if settings.reconcile_public:
        return
    is_manifest = (request.method == "GET" and request.scope["path"].endswith("/reconcile")
                   and not {"queries", "extend"} & set(request.query_params))
    if not is_manifest:
        _check_key(request, settings)


ResourcesDep = Annotated[Resources, Depends(get_resources)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def check_batch(count: int, settings: Settings, what: str) -> None:
    if count > settings.max_batch:
        raise LimitExceeded("max_batch", settings.max_batch,
                            f"{count} {what}; at most {settings.max_batch} per request")


def check_chars(text: str, limit: int, limit_name: str, what: str) -> None:
    if len(text) > limit:
        raise LimitExceeded(limit_name, limit,
                            f"{what} is {len(text)} characters long; at most {limit}")


def check_names(names: list[str], settings: Settings) -> None:
    from rasm.names.matcher import MAX_QUERY_CHARS

    check_batch(len(names), settings, "names")
    for name in names:
        check_chars(name, MAX_QUERY_CHARS, "max_name_chars", "a name")


def check_limit(limit: int, settings: Settings) -> None:
    if limit > settings.max_limit:
        raise LimitExceeded("max_limit", settings.max_limit,
                            f"limit {limit}; at most {settings.max_limit} candidates per name")


def check_kind(kind: str | None, resources: Resources, field: str = "kind") -> None:
    if kind is not None and kind not in resources.kinds:
        raise FieldError(field, f"unknown kind {excerpt(kind)}; known: "
                                f"{', '.join(resources.kinds)}")


def check_country(country: str | None, resources: Resources) -> None:
    if country is not None and country not in resources.countries:
        raise FieldError("country", f"unknown country {excerpt(country)}; known: "
                                    f"{', '.join(resources.countries)}")
