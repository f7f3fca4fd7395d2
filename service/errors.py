"""One JSON error shape for every failure, and the handlers that produce it.

Bodies say what was wrong (the field, the limit and its value) and carry the request id; they
never carry a stack trace or the offending input (which may be megabytes, or a secret).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasm.errors import RasmError
from service.bodies import InvalidBody
from service.logs import current_request_id
from service.middleware import BodyTimeout, BodyTooLarge

log = logging.getLogger("service")

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 408: "timeout",
               405: "method_not_allowed", 413: "limit_exceeded", 415: "unsupported_media_type",
               503: "unavailable"}


class ApiError(Exception):
    """An error the API reports on purpose: status, stable code, message, extra body fields."""

    def __init__(self, status: int, code: str, message: str, *,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.extra = extra
        super().__init__(message)


class LimitExceeded(ApiError):
    """A request over one of the service's limits (413, naming the limit and its value)."""

    def __init__(self, limit: str, value: int, message: str) -> None:
        super().__init__(413, "limit_exceeded", message, limit=limit, value=value)


class FieldError(ApiError):
    """A well-formed request whose field has a value the service cannot use (422)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(422, "invalid_request", f"{field}: {problem}",
                         fields=[{"field": field, "problem": problem}])


MAX_ERROR_TEXT = 300  # characters of any text in an error body: never the input, only a hint


def shorten(value: Any, limit: int = MAX_ERROR_TEXT) -> Any:
    """Strings of an error body cut to `limit` characters (lists and dicts walked): whatever a
    message quotes, a 422 stays small."""
    if isinstance(value, str):
        return value if len(value) <= limit else f"{value[:limit]}… ({len(value):,} characters)"
    if isinstance(value, list):
        return [shorten(v, limit) for v in value[:20]]
    if isinstance(value, dict):
        return {k: shorten(v, limit) for k, v in value.items()}
    return value


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": code, "message": shorten(message), **shorten(extra),
            "request_id": current_request_id()}


def error_response(status: int, code: str, message: str, *,
                   headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    return JSONResponse(error_body(code, message, **extra), status_code=status, headers=headers)


def field_name(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """'names.2' for ('body', 'names', 2); the request part is kept for query/path/header."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or "body"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, headers=exc.headers, **exc.extra)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = []
    for err in exc.errors():
        field = field_name(err.get("loc", ()))
        if err.get("type") == "json_invalid":
            problem = f"malformed JSON: {err.get('ctx', {}).get('error', 'cannot parse')}"
            field = "body"  # the loc is a character offset, not a field
        else:
            problem = str(err.get("msg", "invalid value"))
        fields.append({"field": field, "problem": problem})
    first = fields[0] if fields else {"field": "body", "problem": "invalid request"}
    message = f"{first['field']}: {first['problem']}"
    if len(fields) > 1:
        message += f" (and {len(fields) - 1} more)"
    return error_response(422, "invalid_request", message, fields=fields)


async def _rasm_error(request: Request, exc: Exception) -> JSONResponse:
    # The library names what was wrong with the input; its message is safe to return.
    return error_response(422, "bad_input", str(exc))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, BodyTooLarge):  # raised while FastAPI read the body
        return error_response(413, "limit_exceeded", exc.body["message"],
                              limit=exc.body["limit"], value=exc.body["value"])
    if isinstance(exc, InvalidBody):  # raised while the body's JSON was read
        return error_response(422, "invalid_request", f"{exc.field}: {exc.problem}",
                              fields=[{"field": exc.field, "problem": exc.problem}])
    if isinstance(exc, BodyTimeout):
        return error_response(408, "timeout", exc.detail, headers={"Connection": "close"},
                              limit="body_timeout", value=exc.seconds)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    headers = dict(exc.headers) if exc.headers else None
    return error_response(exc.status_code, code, str(exc.detail), headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(RasmError, _rasm_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
