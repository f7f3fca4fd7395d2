"""The pages people read: `/` (paste or open a text, see its names), `/e/{id}` (an entity),
`/search` (names like a query), and `/key` (the API key form when the service has a key).

Server-rendered HTML (rasm.web templates) with a few lines of inlined script; nothing is loaded
from anywhere else."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.compute import INLINE_CHARS
from service.dependencies import ResourcesDep
from service.resources import Resources
from service.web_auth import KEY_COOKIE, key_matches, page_authorized

router = APIRouter(include_in_schema=False)
SHARE_CHARS = 4000  # longest text offered as a /?text= link


def _page(template: str, status: int = 200, **context: object) -> HTMLResponse:
    from rasm.web.render import render

    return HTMLResponse(render(template, **context), status_code=status,
                        headers={"Content-Security-Policy": _CSP})


# The pages inline their style and script and load nothing else.
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'")


def _key_form(request: Request, wrong: bool = False) -> HTMLResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return _page("key.html", 401, next=target, wrong=wrong)


async def _read_page(request: Request, resources: Resources, text: str) -> HTMLResponse:
    from rasm.errors import RasmError
    from rasm.names.suggest import warm
    from rasm.text import normalize_text
    from rasm.web.reading import reading_view

    warm(resources.gazetteer)  # the search box's name lists, before the first keystroke
    settings = resources.settings
    if not text.strip():
        return _page("read.html", text=text, view=None, error=None, share=None)
    if len(text) > settings.max_text_chars:
        return _page("read.html", 413, text=text[:settings.max_text_chars], view=None, share=None,
                     error=f"The text is {len(text):,} characters long; this service reads at "
                           f"most {settings.max_text_chars:,} (RASM_MAX_TEXT_CHARS).")

    def work() -> object:
        return reading_view(text, normalize_text(text, gazetteer=resources.gazetteer),
                            resources.gazetteer)

    try:
        view = await resources.compute.run(work, small=len(text) <= INLINE_CHARS)
    except RasmError as exc:
        return _page("read.html", 422, text=text, view=None, share=None, error=str(exc))
    share = "/?" + urlencode({"text": text}) if len(text) <= SHARE_CHARS else None
    return _page("read.html", text=text, view=view, error=None, share=share)


@router.get("/", response_class=HTMLResponse)
async def read_get(request: Request, resources: ResourcesDep,
                   text: Annotated[str, Query()] = "") -> Response:
    if not page_authorized(request, resources.settings):
        return _key_form(request)
    return await _read_page(request, resources, text)


@router.post("/", response_class=HTMLResponse)
async def read_post(request: Request, resources: ResourcesDep) -> Response:
    if not page_authorized(request, resources.settings):
        return _key_form(request)
    # A urlencoded form of one field: parsed here rather than through python-multipart.
    # The body size is already bounded by BodyLimitMiddleware.
    form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    return await _read_page(request, resources, (form.get("text") or [""])[0])


@router.get("/e/{entity_id:path}", response_class=HTMLResponse)
async def entity(entity_id: str, request: Request, resources: ResourcesDep) -> Response:
    from rasm.names.suggest import warm
    from rasm.web.entity_view import entity_page

    if not page_authorized(request, resources.settings):
        return _key_form(request)
    warm(resources.gazetteer)
    found = resources.gazetteer.get(entity_id)
    if found is None:
        return _page("message.html", 404, title="No such entity",
                     message=f"No entity has the id {entity_id!r}.")
    page = await resources.compute.run(lambda: entity_page(resources.gazetteer, found),
                                       small=False)
    return _page("entity.html", page=page)


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, resources: ResourcesDep,
                 q: Annotated[str, Query()] = "") -> Response:
    from rasm.errors import RasmError
    from rasm.names.suggest import suggest

    if not page_authorized(request, resources.settings):
        return _key_form(request)
    try:
        found = await resources.compute.run(
            lambda: suggest(q, gazetteer=resources.gazetteer, limit=25), small=False)
    except RasmError as exc:
        return _page("search.html", 422, query=q[:200], found=[], error=str(exc))
    if len(found) == 1 or (found and found[0].method == "exact"
                           and all(c.method != "exact" for c in found[1:])):
        return RedirectResponse("/e/" + quote(found[0].entity.id, safe=""), status_code=303)
    return _page("search.html", query=q, found=found, error=None)


@router.get("/key", response_class=HTMLResponse)
async def key_form(request: Request, resources: ResourcesDep,
                   next: Annotated[str, Query()] = "/") -> Response:
    return _page("key.html", next=_local(next), wrong=False)


@router.post("/key", response_class=HTMLResponse)
async def key_submit(request: Request, resources: ResourcesDep) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    key = (form.get("key") or [""])[0]
    target = _local((form.get("next") or ["/"])[0])
    if not key_matches(key, resources.settings):
        return _page("key.html", 401, next=target, wrong=True)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(KEY_COOKIE, key, httponly=True, samesite="strict", path="/")
    return response


def _local(target: str) -> str:
    """Only a path on this site: the form's `next` must not send anyone elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
