"""JSON request bodies read as untrusted input, at the edge, before any model or route sees them.

- nesting deeper than the parser can follow: 422 `body: malformed JSON: nested too deeply`
  (FastAPI's own answer was a vague 400);
- a number longer than rasm.checks.MAX_INT_DIGITS digits: 422 naming the field (read as a
  marker, never converted: converting is quadratic in the digits);
- a string or key holding an unpaired surrogate (a "\\ud800" escape, or raw bytes ED A0 80 that
  JSON decoding lets through): 422 naming the field. That is rasm's one policy for unpaired
  surrogates, in every face: reject, never replace (docs/service.md).

Routers opt in with `APIRouter(route_class=UntrustedJSONRoute)`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from rasm.checks import MAX_INT_DIGITS, SURROGATE_RE, walk_json


class TooLongNumber:
    """A JSON number with too many digits, kept as its length only."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


class InvalidBody(HTTPException):
    """A body field no route may see (422 naming the field). An HTTPException so that FastAPI's
    body parsing lets it through to the error handlers unchanged."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(422, detail=f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _number(digits: str) -> int | TooLongNumber:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        return TooLongNumber(len(digits))
    return int(digits)


def parse_untrusted(body: bytes | str, root: str = "") -> Any:
    """The JSON value of `body`, or InvalidBody / json.JSONDecodeError saying what is wrong."""
    try:
        value = json.loads(body, parse_int=_number)
    except RecursionError:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        raise json.JSONDecodeError("nested too deeply (more than about 1000 levels)",
                                   text, 0) from None
    for where, leaf in walk_json(value, root):
        field = where if where and not where.startswith("(") else f"body {where}".strip()
        if isinstance(leaf, str):
            bad = SURROGATE_RE.search(leaf)
            if bad is not None:
                raise InvalidBody(field, f"unpaired surrogate U+{ord(bad.group()):04X} at "
                                         f"character {bad.start()}; rasm accepts only text that "
                                         "can be written as UTF-8")
        elif isinstance(leaf, TooLongNumber):
            raise InvalidBody(field, f"a number of {leaf.digits:,} digits; at most "
                                     f"{MAX_INT_DIGITS} are read")
    return value


class UntrustedJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = parse_untrusted(await self.body())
        return self._json


class UntrustedJSONRoute(APIRoute):
    """An APIRoute whose JSON body goes through `parse_untrusted`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def untrusted(request: Request) -> Response:
            return await handler(UntrustedJSONRequest(request.scope, request.receive))

        return untrusted
