"""The error responses each kind of endpoint documents in OpenAPI."""

from __future__ import annotations

from typing import Any

from service.schemas import ErrorResponse

_DESCRIPTIONS = {
    401: "API key missing or wrong (only when RASM_API_KEY is set)",
    404: "No such entity",
    413: "Over a limit: body size, batch size, text or name length (the body names the limit "
         "and its value)",
    415: "The batch was not sent as application/x-www-form-urlencoded",
    422: "Malformed JSON, a wrong type, or a value the service cannot use (the body names the "
         "field)",
    503: "Translation unavailable (no model configured for the pair) or busy (Retry-After)",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorResponse, "description": _DESCRIPTIONS[s]} for s in statuses}
