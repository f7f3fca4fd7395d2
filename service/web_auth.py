"""The API key for pages a browser opens: a browser cannot add the X-API-Key header to a link it
follows, so the pages (and the look-ups their script makes) also accept the key from a cookie
that the key form sets. Scripts keep sending the header."""

from __future__ import annotations

import hmac

from fastapi import Request

from service.settings import API_KEY_HEADER, Settings

KEY_COOKIE = "rasm_api_key"


def key_matches(given: str | None, settings: Settings) -> bool:
    if settings.api_key is None:
        return True
    return given is not None and hmac.compare_digest(given.encode(), settings.api_key.encode())


def page_authorized(request: Request, settings: Settings) -> bool:
    """True when no key is set, or the request carries it in the header or the cookie."""
    if settings.api_key is None:
        return True
    return (key_matches(request.headers.get(API_KEY_HEADER), settings)
            or key_matches(request.cookies.get(KEY_COOKIE), settings))
