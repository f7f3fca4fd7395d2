"""Text: normalize the names in running text (optionally translating first), transliterate
Arabic script, translate documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.bodies import UntrustedJSONRoute
from service.compute import INLINE_CHARS
from service.dependencies import ResourcesDep, check_batch, check_chars, check_kind
from service.errors import FieldError
from service.routers.errors_doc import errors
from service.schemas import (
    TextRequest,
    TextResponse,
    TranslateRequest,
    TranslateResponse,
    TransliterateRequest,
    TransliterateResponse,
)
from service.translation import translate_text

router = APIRouter(prefix="/v1", route_class=UntrustedJSONRoute)


@router.post("/text", response_model=TextResponse, tags=["text"],
             summary="Normalize the names in running text", responses=errors(401, 413, 422, 503))
async def normalize(body: TextRequest, resources: ResourcesDep) -> JSONResponse:
    """Finds the mentions of known entities and rewrites them to their canonical forms, with
    offsets. With `translate`, the text is translated first (configured pairs only) and the
    names are normalized in the translation."""
    from rasm.text import normalize_text

    settings = resources.settings
    check_chars(body.text, settings.max_text_chars, "max_text_chars", "text")
    for i, kind in enumerate(body.kinds or ()):
        check_kind(kind, resources, f"kinds.{i}")
    text = body.text
    translation: dict[str, Any] | None = None
    if body.translate is not None:
        check_chars(text, settings.max_translate_chars, "max_translate_chars", "text to translate")
        translation = await translate_text(resources, text, body.translate.source,
                                           body.translate.target)
        text = translation["text"]
    def work() -> dict[str, object]:
        return normalize_text(text, gazetteer=resources.gazetteer, kinds=body.kinds,
                              threshold=body.threshold, rewrite=body.rewrite, style=body.style).to_dict()

    result = await resources.compute.run(work, small=len(text) <= INLINE_CHARS)
    return JSONResponse({**result, "translation": translation})


@router.post("/transliterate", response_model=TransliterateResponse, tags=["text"],
             summary="Write Arabic-script text in Latin script", responses=errors(401, 413, 422))
async def transliterate_texts(body: TransliterateRequest,
                             resources: ResourcesDep) -> dict[str, Any]:
    """Each text with its Arabic-script words transliterated in `scheme`; known names come out
    in their canonical spelling (news scheme) or with their known vowels (other schemes)."""
    from rasm.errors import UnknownSchemeError
    from rasm.names.translit import transliterate

    settings = resources.settings
    check_batch(len(body.texts), settings, "texts")
    for text in body.texts:
        check_chars(text, settings.max_text_chars, "max_text_chars", "a text")
    def work() -> list[str]:
        return [transliterate(t, body.scheme, gazetteer=resources.gazetteer)
                for t in body.texts]

    small = sum(len(t) for t in body.texts) <= INLINE_CHARS
    try:
        results = await resources.compute.run(work, small=small)
    except UnknownSchemeError as exc:
        raise FieldError("scheme", str(exc)) from None
    return {"scheme": body.scheme, "results": results}


@router.post("/translate", response_model=TranslateResponse, tags=["text"],
             summary="Translate a document (configured language pairs only)",
             responses=errors(401, 413, 422, 503))
async def translate_document(body: TranslateRequest, resources: ResourcesDep) -> JSONResponse:
    """Translates with the model this server configured for the pair, names protected. Runs on
    a bounded pool off the event loop: when every slot and the queue are taken the answer is
    503 with Retry-After. 503 with `translation_unavailable` when no model serves the pair."""
    check_chars(body.text, resources.settings.max_translate_chars, "max_translate_chars",
                "text to translate")
    done = await translate_text(resources, body.text, body.source, body.target,
                                body.protect_names)
    return JSONResponse(done)
