"""The reconciliation service manifest, for the 0.2 API (what OpenRefine reads) and the 1.0
draft, and the address its links start from.

The two versions disagree on one field: `suggest` holds service objects in 0.2 and booleans
in the 1.0 draft (and 1.0 templates are RFC 6570, `{id}`, where 0.2 writes `{{id}}`). So
`GET /reconcile` answers the 0.2 manifest, which carries every 1.0 field that does not clash,
and `GET /reconcile?version=1.0-draft` (or `Accept: application/reconciliation.v1+json`) the
1.0 one; both list both versions, and every route serves both.

identifierSpace and schemaSpace are fixed URIs (settings), never the host: reconciled
columns stay comparable across machines. Links (view, preview, suggest, documentation) use
RASM_PUBLIC_URL when set, else the address the request came to: its Host, or behind a proxy
X-Forwarded-Proto/-Host/-Port/-Prefix or Forwarded (RASM_PROXY_HEADERS=0 ignores those).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from starlette.requests import Request

from service.recon_values import type_of
from service.settings import API_KEY_HEADER, Settings

PREVIEW_SIZE = (420, 180)
V1_MEDIA_TYPE = "application/reconciliation.v1+json"
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])"
                   r"(?::\d{1,5})?")
_PREFIX = re.compile(r"(?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*/?")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _first(value: str | None) -> str | None:
    """The first (client-side) entry of a comma-separated forwarded header."""
    if not value:
        return None
    return value.split(",")[0].strip().strip('"') or None


def _forwarded(header: str | None) -> dict[str, str]:
    """proto and host of the first element of an RFC 7239 Forwarded header."""
    out: dict[str, str] = {}
    first = _first(header.split(",")[0] if header else None)
    for pair in (first or "").split(";"):
        key, sep, value = pair.partition("=")
        if sep:
            out[key.strip().lower()] = value.strip().strip('"')
    return out


def base_url(request: Request, settings: Settings) -> str:
    """The service's own address as its clients see it, without a trailing slash."""
    if settings.public_url:
        return settings.public_url
    headers = request.headers
    scheme = request.url.scheme if request.url.scheme in _DEFAULT_PORTS else "http"
    host = headers.get("host") or (f"{request.url.hostname}:{request.url.port}"
                                   if request.url.port else str(request.url.hostname))
    prefix = str(request.scope.get("root_path", ""))
    if settings.proxy_headers:
        forwarded = _forwarded(headers.get("forwarded"))
        proto = _first(headers.get("x-forwarded-proto")) or forwarded.get("proto")
        if proto and proto.lower() in _DEFAULT_PORTS:
            scheme = proto.lower()
        fhost = _first(headers.get("x-forwarded-host")) or forwarded.get("host")
        if fhost and _HOST.fullmatch(fhost):
            host = fhost
        port = _first(headers.get("x-forwarded-port"))
        if port and port.isdigit() and (fhost or proto):
            host = re.sub(r":\d+$", "", host) if not host.endswith("]") else host
            if port != _DEFAULT_PORTS[scheme]:
                host = f"{host}:{port}"
        fprefix = _first(headers.get("x-forwarded-prefix"))
        if fprefix and _PREFIX.fullmatch(fprefix):
            prefix = fprefix.rstrip("/") + prefix
    if not _HOST.fullmatch(host):
        host = "127.0.0.1"
    if host.endswith(f":{_DEFAULT_PORTS[scheme]}"):
        host = host.rsplit(":", 1)[0]
    return f"{scheme}://{host}{prefix}".rstrip("/")


def wants_v1(request: Request) -> bool:
    """Did the client ask for the 1.0-draft manifest?"""
    version = request.query_params.get("version", "")
    return version.startswith("1.0") or V1_MEDIA_TYPE in request.headers.get("accept", "")


def _common(settings: Settings, base: str, kinds: Sequence[str]) -> dict[str, Any]:
    from rasm import __version__

    out: dict[str, Any] = {
        "versions": ["0.2", "1.0-draft"],
        "name": settings.service_name,
        "identifierSpace": settings.identifier_space,
        "schemaSpace": settings.schema_space,
        "documentation": f"{base}/openapi.json" if _public_with_key(settings) else f"{base}/docs",
        "serviceVersion": __version__,
        "defaultTypes": [type_of(k) for k in kinds],
        "batchSize": settings.max_batch,
        "standardizedScore": True,
    }
    if settings.api_key and not settings.reconcile_public:
        out["authentication"] = {"type": "apiKey", "name": API_KEY_HEADER, "in": "header",
                                 "description": "The key this rasm service was given "
                                                "(RASM_API_KEY)"}
    return out


def _public_with_key(settings: Settings) -> bool:
    """Reconciliation opened to clients without the key while the rest keeps it: the entity
    pages and /docs need the key, so the links OpenRefine follows point at open routes."""
    return bool(settings.api_key) and settings.reconcile_public


def _view(settings: Settings, base: str, placeholder: str) -> str:
    if _public_with_key(settings):
        return f"{base}/reconcile/preview?id={placeholder}"
    return f"{base}/e/{placeholder}"


def manifest_02(settings: Settings, base: str, kinds: Sequence[str]) -> dict[str, Any]:
    endpoint = f"{base}/reconcile"
    width, height = PREVIEW_SIZE
    service = {"service_url": endpoint}
    return {
        **_common(settings, base, kinds),
        "view": {"url": _view(settings, base, "{{id}}")},
        "preview": {"url": f"{endpoint}/preview?id={{{{id}}}}", "width": width,
                    "height": height},
        "suggest": {
            "entity": {**service, "service_path": "/suggest/entity",
                       "flyout_service_path": "/suggest/flyout?id=${id}"},
            "property": {**service, "service_path": "/suggest/property"},
            "type": {**service, "service_path": "/suggest/type"},
        },
        "extend": {
            "propose_properties": {**service, "service_path": "/extend/propose"},
            "proposeProperties": True,  # the 1.0 spelling, for clients reading both
            "property_settings": [],
        },
    }


def manifest_10(settings: Settings, base: str, kinds: Sequence[str]) -> dict[str, Any]:
    width, height = PREVIEW_SIZE
    return {
        **_common(settings, base, kinds),
        "view": {"url": _view(settings, base, "{id}")},
        "preview": {"width": width, "height": height},
        "suggest": {"entity": True, "property": True, "type": True},
        "extend": {"proposeProperties": True, "propertySettings": []},
    }
