"""Pure ASGI middleware: request ids with an access log line, the body size limit, and a last
line of defence that turns an unexpected exception into a JSON 500 without a stack trace."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import anyio
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.logs import REQUEST_ID_HEADER, new_request_id, reset_request_id, set_request_id

access_log = logging.getLogger("service.access")
log = logging.getLogger("service")


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body grows past the limit. An HTTPException so that
    FastAPI's body parsing lets it through to the error handlers unchanged."""

    def __init__(self, limit: int) -> None:
        message = f"request body over {limit} bytes"
        super().__init__(413, detail=message)
        self.body: dict[str, Any] = {"error": "limit_exceeded", "message": message,
                                     "limit": "max_body_bytes", "value": limit}


def _json_message(status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]
                  ) -> tuple[Message, Message]:
    raw = json.dumps(body).encode()
    start: Message = {"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode()),
        *headers]}
    return start, {"type": "http.response.body", "body": raw}


class RequestContextMiddleware:
    """Gives each request an id (the client's X-Request-ID when plain, else a new one), echoes
    it in the response, logs one access line with it, and answers 500 JSON on a crash."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client_id = None
        for name, value in scope.get("headers", ()):
            if name == b"x-request-id":
                client_id = value.decode("latin-1")
                break
        request_id = new_request_id(client_id)
        token = set_request_id(request_id)
        id_header = (REQUEST_ID_HEADER.lower().encode(), request_id.encode())
        status = 0
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), id_header]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Logged here with its traceback; the client gets the id to quote, nothing more.
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if status == 0:
                status = 500
                start, body = _json_message(500, {
                    "error": "internal", "message": "internal error; quote the request id",
                    "request_id": request_id}, [id_header])
                await send(start)
                await send(body)
        finally:
            access_log.info("%s %s %d %.1fms", scope.get("method"), scope.get("path"), status,
                            (time.perf_counter() - started) * 1000)
            reset_request_id(token)


class BodyTimeout(HTTPException):
    """Raised from `receive` when a body is not complete `seconds` after its request's head:
    a client sending half a body must not hold a connection (and a file descriptor) for long."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(408, detail=f"request body not received within {seconds:g} s")


class BodyTimeoutMiddleware:
    """Gives each request `seconds` from its head to the last byte of its body (uvicorn has no
    such setting). Reading stops at the deadline with 408 and the connection is closed."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = anyio.current_time() + self.seconds
        body_done = False

        async def timed() -> Message:
            nonlocal body_done
            if body_done:  # after the body, receive() waits for a disconnect: no deadline
                return await receive()
            try:
                with anyio.fail_after(max(0.0, deadline - anyio.current_time())):
                    message = await receive()
            except TimeoutError:
                raise BodyTimeout(self.seconds) from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        await self.app(scope, timed, send)


class BodyLimitMiddleware:
    """Refuses bodies over `max_bytes`: at once from Content-Length, or while reading a body
    sent without one (chunked), so no request can make the service buffer more."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0:
                    await self._reply(send, 400, {
                        "error": "bad_request", "message": "invalid Content-Length header"})
                    return
                if declared > self.max_bytes:
                    await self._reply(send, 413, BodyTooLarge(self.max_bytes).body)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)

    @staticmethod
    async def _reply(send: Send, status: int, body: Any) -> None:
        from service.logs import current_request_id

        start, chunk = _json_message(status, {**body, "request_id": current_request_id()},
                                     [(b"connection", b"close")])
        await send(start)
        await send(chunk)
