"""`rasm serve`: run the HTTP service (service.app:app) under uvicorn.

    rasm serve [--host 127.0.0.1] [--port 8000] [--workers N] [--gazetteer PATH]... [--no-builtin]

Binds 127.0.0.1 unless told otherwise. Everything else (limits, API key, CORS, translation
pairs) comes from RASM_* environment variables, read by service.settings; the options here set
the gazetteer variables so that every worker process sees them.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

from rasm.errors import InputError, MissingExtraError

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


EXAMPLES = """examples:
  rasm serve                                       # http://127.0.0.1:8000/ (pages and /v1 API)
  rasm serve --port 8080 --workers 4
  rasm serve --gazetteer my_names.tsv --no-builtin
  RASM_API_KEY=secret rasm serve --host 0.0.0.0    # see docs/service.md before exposing it
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help="run the HTTP service (JSON API + OpenRefine "
                                          "reconciliation) under uvicorn",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes (default 1; each loads the tables)")
    parser.add_argument("--gazetteer", action="append", default=[], metavar="PATH", type=Path,
                        help="a user gazetteer TSV served beside the built-in tables; repeatable")
    parser.add_argument("--no-builtin", action="store_true",
                        help="serve only the --gazetteer tables")
    parser.add_argument("--log-level", choices=LOG_LEVELS, default="info")
    parser.set_defaults(func=run)


# What the service extra installs: a missing one of these means "install the extra".
SERVICE_EXTRA_MODULES = frozenset(
    {"fastapi", "starlette", "pydantic", "pydantic_core", "uvicorn", "jinja2", "httpx",
     "multipart", "python_multipart", "anyio"})


def _service_dir() -> str | None:
    """None when `service` imports as it is (an installed wheel ships it); else the source
    checkout that holds it (run from a checkout without an install)."""
    try:
        import_module("service.app")
        return None
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").partition(".")[0]
        if missing in SERVICE_EXTRA_MODULES:
            raise MissingExtraError("rasm serve", "service", str(exc)) from exc
        if exc.name not in ("service", "service.app"):
            raise
    import rasm

    root = Path(rasm.__file__).resolve().parents[2]
    if (root / "service" / "app.py").is_file():
        return str(root)
    # The extra is there (the import above got as far as `service`): the installation itself
    # lacks the service package, which an install from a wheel or a checkout always has.
    raise InputError("rasm serve: this installation of rasm has no `service` package; "
                     "reinstall rasm (pip install 'rasm[service]' from a wheel or a checkout), "
                     "or put a checkout's folder on PYTHONPATH")


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging plus the service's loggers, whose lines carry the request id."""
    from uvicorn.config import LOGGING_CONFIG

    from service.logs import LOG_FORMAT

    config: dict[str, Any] = {**LOGGING_CONFIG}
    config["filters"] = {"request_id": {"()": "service.logs.RequestIdFilter"}}
    config["formatters"] = {**LOGGING_CONFIG["formatters"],
                            "service": {"format": LOG_FORMAT}}
    config["handlers"] = {**LOGGING_CONFIG["handlers"],
                          "service": {"class": "logging.StreamHandler", "formatter": "service",
                                      "filters": ["request_id"], "stream": "ext://sys.stderr"}}
    config["loggers"] = {**LOGGING_CONFIG["loggers"],
                         "service": {"handlers": ["service"], "level": level.upper(),
                                     "propagate": False}}
    return config


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise InputError(f"--port must be between 1 and 65535, got {args.port}")
    if args.workers < 1:
        raise InputError(f"--workers must be at least 1, got {args.workers}")
    if args.no_builtin and not args.gazetteer:
        raise InputError("--no-builtin needs at least one --gazetteer PATH")
    for path in args.gazetteer:
        if not path.is_file():
            raise InputError(f"--gazetteer {path}: no such file")
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError("rasm serve", "service", str(exc)) from exc
    # Workers are separate processes: they read their settings from the environment.
    if args.gazetteer:
        os.environ["RASM_GAZETTEERS"] = os.pathsep.join(str(p.resolve()) for p in args.gazetteer)
    if args.no_builtin:
        os.environ["RASM_BUILTIN"] = "0"
    os.environ["RASM_LOG_LEVEL"] = args.log_level
    app_dir = _service_dir()
    if app_dir is not None:
        sys.path.insert(0, app_dir)
    from service.settings import Settings

    settings = Settings.from_env()  # a bad RASM_* value fails here, once, with its name
    # The connection limits of docs/service.md that belong to uvicorn (the body deadline is
    # the app's own middleware, so it holds under any server).
    uvicorn.run("service.app:app", host=args.host, port=args.port, workers=args.workers,
                app_dir=app_dir, log_config=log_config(args.log_level), log_level=args.log_level,
                access_log=False, timeout_graceful_shutdown=10,
                timeout_keep_alive=settings.keep_alive_timeout,
                limit_concurrency=settings.max_connections,
                h11_max_incomplete_event_size=settings.max_header_bytes)
    return 0
