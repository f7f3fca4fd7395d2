"""Request ids: one per request, in a context variable, on every log line and in the
X-Request-ID response header."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: ContextVar[str | None] = ContextVar("rasm_request_id", default=None)
# A client's id is kept only when it is short and plain: it goes into logs.
_CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def current_request_id() -> str | None:
    return _request_id.get()


def new_request_id(client_value: str | None) -> str:
    if client_value and _CLIENT_ID_RE.match(client_value):
        return client_value
    return uuid.uuid4().hex


def set_request_id(value: str | None) -> Any:
    return _request_id.set(value)


def reset_request_id(token: Any) -> None:
    _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record ('-' outside a request) so formats can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get() or "-"
        return True


def configure_logging(level: str) -> None:
    """A handler for the service's loggers when the server has not configured one."""
    logger = logging.getLogger("service")
    logger.setLevel(level.upper())
    if any(isinstance(f, RequestIdFilter) for h in logger.handlers for f in h.filters):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    logger.addHandler(handler)
    logger.propagate = False
