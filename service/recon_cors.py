"""CORS for the reconciliation routes, on by default: the W3C API makes it a MUST, since
OpenRefine and other web clients call the service from the browser.

Any origin may read (`Access-Control-Allow-Origin: *`, no cookies); the API key, when the
service has one, still has to come in its header, so CORS opens nothing a key protects.
Preflights (OPTIONS) are answered here, before authentication, as browsers send them without
the key. Other paths are left to RASM_CORS_ORIGINS and Starlette's CORSMiddleware.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.logs import REQUEST_ID_HEADER, new_request_id

PREFIX = "/reconcile"
ALLOW_METHODS = b"GET, POST, OPTIONS"
ALLOW_HEADERS = b"Content-Type, X-API-Key, X-Request-ID, Authorization, Accept"
EXPOSE_HEADERS = b"X-Request-ID, Retry-After"
MAX_AGE = b"600"


def _is_reconcile(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


class ReconcileCorsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_reconcile(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        if scope.get("method") == "OPTIONS":
            # Answered before the request-id middleware sees it: give it an id here, as every
            # response of the service carries one.
            given = dict(scope.get("headers", ())).get(b"x-request-id")
            request_id = new_request_id(given.decode("latin-1") if given else None)
            await send({"type": "http.response.start", "status": 204, "headers": [
                (REQUEST_ID_HEADER.lower().encode(), request_id.encode()),
                (b"access-control-allow-origin", b"*"),
                (b"access-control-allow-methods", ALLOW_METHODS),
                (b"access-control-allow-headers", ALLOW_HEADERS),
                (b"access-control-max-age", MAX_AGE),
                (b"allow", ALLOW_METHODS)]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", ())
                        if not k.lower().startswith(b"access-control-")]
                message = {**message, "headers": [
                    *kept, (b"access-control-allow-origin", b"*"),
                    (b"access-control-expose-headers", EXPOSE_HEADERS)]}
            await send(message)

        await self.app(scope, receive, with_cors)
