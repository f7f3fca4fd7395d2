"""Templates and inlined assets. Everything a page needs ships in this package."""

from __future__ import annotations

import json
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasm.errors import MissingExtraError

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
_LOCK = threading.Lock()


@cache
def environment() -> Environment:
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - the service and batch extras bring it
        raise MissingExtraError("the web pages and HTML report", "service", str(exc)) from exc
    with _LOCK:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=jinja2.select_autoescape(("html",)),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.globals["asset"] = asset
        env.filters["compact_json"] = compact_json
    return env


@cache
def asset(name: str) -> str:
    """The text of a file under static/, to inline into a page."""
    return (STATIC / name).read_text(encoding="utf-8")


def compact_json(value: Any) -> Markup:
    """JSON without spaces, safe inside <script> (as Jinja's tojson, a third smaller)."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return Markup(text)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def reset_caches() -> None:
    environment.cache_clear()
    asset.cache_clear()
