"""What a page would fetch or send from another host: the test that pages work offline."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

# Attributes whose URL the browser loads or submits to by itself.
_LOADING = {"src", "srcset", "poster", "data", "action", "formaction", "background", "manifest",
            "xlink:href"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)|@import\s+['\"]([^'\"]+)", re.IGNORECASE)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []  # URLs the page would load (src, link href, CSS url())
        self.links: list[tuple[str, str]] = []  # (<a> class, href): followed only by a reader
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if name in _LOADING:
                self.loaded.append(value)
        if tag == "link" and "href" in values:
            self.loaded.append(values["href"])
        if tag == "a" and "href" in values:
            self.links.append((values.get("class", ""), values["href"]))
        if "style" in values:
            self.loaded += [a or b for a, b in _CSS_URL.findall(values["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.loaded += [a or b for a, b in _CSS_URL.findall(data)]


def external(url: str) -> bool:
    """True for a URL on another host (http(s) or protocol-relative)."""
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in ("", "data", "blob", "mailto")


def references(html: str) -> tuple[list[str], list[tuple[str, str]]]:
    parser = _Refs()
    parser.feed(html)
    return parser.loaded, parser.links


def fetch_calls(html: str) -> list[str]:
    """The URLs the page's scripts pass to fetch()."""
    return re.findall(r"fetch\(\s*[\"'`]([^\"'`]+)", html)
