"""The FastAPI app: wires settings, middleware, error handlers and routers. Tables and models
are loaded in the lifespan, so importing this module (and `app`) loads nothing.

    uvicorn service.app:app --host 127.0.0.1 --port 8000
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import Depends, FastAPI
from starlette.concurrency import run_in_threadpool

from service.dependencies import require_api_key, require_api_key_reconcile
from service.errors import install_error_handlers
from service.logs import configure_logging
from service.middleware import (
    BodyLimitMiddleware,
    BodyTimeoutMiddleware,
    RequestContextMiddleware,
)
from service.resources import load_resources
from service.routers import health, names, pages, reconcile, suggest, text
from service.settings import Settings

if TYPE_CHECKING:
    from rasm.translate.base import Translator

log = logging.getLogger("service")

DESCRIPTION = """\
Maps spellings of Arabic-world names ("Deir Ezzor", "Dayr az Zawr", "دير الزور") to one
canonical entity, in names and running text; transliterates Arabic script; translates documents
with the models this server configured; and speaks OpenRefine's reconciliation API at
`/reconcile`.

Errors are JSON: `{{"error": code, "message", "request_id", ...}}`; a 422 names the `fields`, a 413
names the `limit` and its `value`. Every response carries `X-Request-ID`.

Limits (environment variables): RASM_MAX_BODY_BYTES ({max_body_bytes}), RASM_MAX_BATCH
({max_batch} names/texts/queries per request), RASM_MAX_TEXT_CHARS ({max_text_chars}),
RASM_MAX_TRANSLATE_CHARS ({max_translate_chars}), RASM_MAX_LIMIT ({max_limit} candidates per
name); names at most {max_name_chars} characters. API key: {auth}.
"""


def create_app(settings: Settings | None = None, *,
               translators: Mapping[str, Translator] | None = None) -> FastAPI:
    """The app for `settings` (default: from the RASM_* environment). `translators` gives
    already built translators by pair ("ar-en"), used instead of loading the registry's."""
    from rasm import __version__
    from rasm.names.matcher import MAX_QUERY_CHARS

    settings = Settings.from_env() if settings is None else settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level)
        resources = await run_in_threadpool(load_resources, settings, translators)
        app.state.resources = resources
        try:
            yield
        finally:
            if resources.gate is not None:
                resources.gate.close()
            app.state.resources = None

    auth = ("required, header X-API-Key" if settings.api_key else "off (set RASM_API_KEY)")
    app = FastAPI(
        title="rasm",
        version=__version__,
        summary="One canonical entity for every spelling of an Arabic-world name.",
        description=DESCRIPTION.format(auth=auth, max_body_bytes=settings.max_body_bytes,
                                       max_batch=settings.max_batch,
                                       max_text_chars=settings.max_text_chars,
                                       max_translate_chars=settings.max_translate_chars,
                                       max_limit=settings.max_limit,
                                       max_name_chars=MAX_QUERY_CHARS),
        lifespan=lifespan,
        # With a key set, the browsable docs are off (a browser cannot send the key); the
        # schema stays at /openapi.json for clients and probes, as docs/service.md says.
        docs_url=None if settings.api_key else "/docs",
        redoc_url=None if settings.api_key else "/redoc",
    )
    app.state.settings = settings
    app.state.resources = None
    install_error_handlers(app)
    protected = [Depends(require_api_key)]
    app.include_router(health.router)
    app.include_router(names.router, dependencies=protected)
    app.include_router(text.router, dependencies=protected)
    app.include_router(reconcile.router, dependencies=[Depends(require_api_key_reconcile)])
    app.include_router(suggest.router)  # these two take the key from a header or the pages' cookie
    app.include_router(pages.router)
    # Last added runs first: reconciliation CORS, CORS (so even errors carry its headers),
    # then request ids, then the body limit and the body read deadline.
    app.add_middleware(BodyTimeoutMiddleware, seconds=settings.body_timeout)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "X-API-Key", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Retry-After"])
    if settings.reconcile_cors:
        from service.recon_cors import ReconcileCorsMiddleware

        app.add_middleware(ReconcileCorsMiddleware)  # outermost: preflights skip the key check
    return app


app = create_app()
