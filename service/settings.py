"""Service settings, read once from RASM_* environment variables into a frozen dataclass.

Every limit has a default that suits a service on 127.0.0.1; docs/service.md lists them.
A malformed value is a `SettingsError` naming the variable, raised when the app is created.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rasm.errors import RasmError

PREFIX = "RASM_"
API_KEY_HEADER = "X-API-Key"


class SettingsError(RasmError):
    """An environment variable the service reads has a value it cannot use."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        self.name = name
        self.value = value
        super().__init__(f"{name}={value!r}: expected {expected}")


@dataclass(frozen=True, slots=True)
class Settings:
    # Tables: the built-in gazetteer and/or user TSVs (RASM_GAZETTEERS, os.pathsep-separated).
    builtin: bool = True
    gazetteers: tuple[Path, ...] = ()
    # Translation pairs the service loads at start ("ar-en,ru-en"); models come from rasm's
    # registry (tables/translate/models.tsv, RASM_TRANSLATE_MODEL_<SRC>_<TGT>, RASM_MODELS_DIR).
    translate_pairs: tuple[str, ...] = ()
    translate_workers: int = 1  # translations running at once (threads off the event loop)
    translate_queue: int = 8  # translations waiting at most; beyond that 503 + Retry-After
    translate_retry_after: int = 5  # seconds, the Retry-After of that 503
    # Limits on what one request may ask for.
    max_body_bytes: int = 1_048_576
    max_batch: int = 1000  # names per /v1/match, texts per /v1/transliterate, reconcile queries
    max_text_chars: int = 100_000  # characters of a text to normalize or transliterate
    max_translate_chars: int = 20_000  # characters of a text to translate
    max_limit: int = 50  # candidates per name
    cpu_threads: int = 2  # threads for large matching/text jobs (see service.compute)
    # Connections (docs/service.md): the body deadline is the app's own (BodyTimeoutMiddleware);
    # the others are uvicorn's, applied by `rasm serve`.
    body_timeout: int = 20  # seconds from a request's head to the last byte of its body
    keep_alive_timeout: int = 5  # seconds an idle keep-alive connection stays open
    max_connections: int = 1000  # connections + requests at once; beyond that 503
    max_header_bytes: int = 16_384  # request line + headers (h11's incomplete-event limit)
    # Security: API key auth is off unless RASM_API_KEY is set.
    api_key: str | None = None
    reconcile_public: bool = False  # OpenRefine cannot send headers: let /reconcile skip the key
    cors_origins: tuple[str, ...] = ()
    # The reconciliation routes answer browsers from any origin (the W3C API requires CORS);
    # the API key, when set, still guards them.
    reconcile_cors: bool = True
    # The address clients reach the service at, for the links of the reconciliation manifest
    # and previews. Unset: taken from each request (its Host, or X-Forwarded-* behind a proxy).
    public_url: str | None = None
    proxy_headers: bool = True  # read X-Forwarded-Proto/Host/Port/Prefix and Forwarded
    # Stable URIs naming rasm's ids and types: the same for every host, port and proxy.
    identifier_space: str = "urn:rasm:entity:"
    schema_space: str = "urn:rasm:type:"
    service_name: str = "rasm"
    log_level: str = "info"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        reader = _Reader(env)
        settings = cls(
            builtin=reader.boolean("BUILTIN", True),
            gazetteers=tuple(Path(p) for p in reader.text("GAZETTEERS", "").split(os.pathsep) if p),
            translate_pairs=reader.pairs("SERVICE_TRANSLATE_PAIRS"),
            translate_workers=reader.integer("SERVICE_TRANSLATE_WORKERS", 1, minimum=1),
            translate_queue=reader.integer("SERVICE_TRANSLATE_QUEUE", 8, minimum=0),
            translate_retry_after=reader.integer("SERVICE_RETRY_AFTER", 5, minimum=1),
            max_body_bytes=reader.integer("MAX_BODY_BYTES", 1_048_576, minimum=1024),
            max_batch=reader.integer("MAX_BATCH", 1000, minimum=1),
            max_text_chars=reader.integer("MAX_TEXT_CHARS", 100_000, minimum=1),
            max_translate_chars=reader.integer("MAX_TRANSLATE_CHARS", 20_000, minimum=1),
            max_limit=reader.integer("MAX_LIMIT", 50, minimum=1),
            cpu_threads=reader.integer("CPU_THREADS", 2, minimum=1),
            body_timeout=reader.integer("BODY_TIMEOUT", 20, minimum=1),
            keep_alive_timeout=reader.integer("KEEP_ALIVE_TIMEOUT", 5, minimum=1),
            max_connections=reader.integer("MAX_CONNECTIONS", 1000, minimum=1),
            max_header_bytes=reader.integer("MAX_HEADER_BYTES", 16_384, minimum=1024),
            api_key=reader.text("API_KEY", "") or None,
            reconcile_public=reader.boolean("RECONCILE_PUBLIC", False),
            cors_origins=tuple(o.strip() for o in reader.text("CORS_ORIGINS", "").split(",")
                               if o.strip()),
            reconcile_cors=reader.boolean("RECONCILE_CORS", True),
            public_url=reader.url("PUBLIC_URL"),
            proxy_headers=reader.boolean("PROXY_HEADERS", True),
            identifier_space=reader.text("IDENTIFIER_SPACE", "urn:rasm:entity:"),
            schema_space=reader.text("SCHEMA_SPACE", "urn:rasm:type:"),
            service_name=reader.text("SERVICE_NAME", "rasm"),
            log_level=reader.text("LOG_LEVEL", "info").lower(),
        )
        if not settings.builtin and not settings.gazetteers:
            raise SettingsError(PREFIX + "BUILTIN", "0", f"a user table in {PREFIX}GAZETTEERS too")
        return settings


class _Reader:
    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str, default: str) -> str:
        return self.env.get(PREFIX + name, default).strip()

    def url(self, name: str) -> str | None:
        value = self.text(name, "").rstrip("/")
        if not value:
            return None
        if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
            raise SettingsError(PREFIX + name, value, "an http(s):// address such as "
                                "https://rasm.example.org or http://127.0.0.1:8000")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        raw = self.env.get(PREFIX + name)
        if raw is None or not raw.strip():
            return default
        value = raw.strip().lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off"):
            return False
        raise SettingsError(PREFIX + name, raw, "1/0, true/false, yes/no or on/off")

    def integer(self, name: str, default: int, *, minimum: int) -> int:
        raw = self.env.get(PREFIX + name)
        if raw is None or not raw.strip():
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise SettingsError(PREFIX + name, raw, "a whole number") from None
        if value < minimum:
            raise SettingsError(PREFIX + name, raw, f"a whole number >= {minimum}")
        return value

    def pairs(self, name: str) -> tuple[str, ...]:
        out: list[str] = []
        for item in self.text(name, "").split(","):
            item = item.strip().lower()
            if not item:
                continue
            parts = item.split("-")
            if len(parts) != 2 or not all(p.isalpha() and 2 <= len(p) <= 3 for p in parts):
                raise SettingsError(PREFIX + name, item, "language pairs like ar-en,ru-en")
            out.append(item)
        return tuple(dict.fromkeys(out))
