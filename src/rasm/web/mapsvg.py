"""A small map drawn offline: the country outlines shipped with rasm (Who's On First, CC0,
simplified) around a point, as inline SVG. No tiles, no scripts, nothing fetched."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

OUTLINES = Path(__file__).resolve().parent / "data" / "countries_outline.geojson"
WIDTH, HEIGHT = 360, 240
SPAN_DEG = 6.0  # degrees of longitude shown around the point

Ring = list[tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    name: str
    rings: tuple[Ring, ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north


@cache
def countries() -> tuple[Country, ...]:
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    out = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                    else [geometry["coordinates"]])
        rings = tuple([(float(x), float(y)) for x, y, *_ in ring]
                      for polygon in polygons for ring in polygon)
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        props = feature["properties"]
        out.append(Country(props.get("iso2", ""), props.get("name", ""), rings,
                           (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def map_svg(lat: float, lon: float, label: str, country: str = "") -> str:
    """An SVG of the outlines around (lat, lon), the entity's country shaded, a dot and label."""
    scale_x = WIDTH / SPAN_DEG
    scale_y = scale_x / max(math.cos(math.radians(lat)), 0.2)  # equirectangular, true at lat
    half_w, half_h = SPAN_DEG / 2, HEIGHT / scale_y / 2
    west, east, south, north = lon - half_w, lon + half_w, lat - half_h, lat + half_h

    def point(x: float, y: float) -> str:
        return f"{(x - west) * scale_x:.1f},{(north - y) * scale_y:.1f}"

    paths = []
    for c in countries():
        cw, cs, ce, cn = c.bbox
        if ce < west or cw > east or cn < south or cs > north:
            continue
        d = " ".join("M" + " L".join(point(x, y) for x, y in ring) + " Z" for ring in c.rings)
        cls = "home" if c.iso2 == country else "land"
        paths.append(f'<path class="{cls}" d="{d}"><title>{escape(c.name)}</title></path>')
    cx, cy = (lon - west) * scale_x, (north - lat) * scale_y
    anchor = "end" if cx > WIDTH * 0.6 else "start"
    dx = -8 if anchor == "end" else 8
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="map of {escape(label)}">'
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>{"".join(paths)}'
        f'<circle class="dot" cx="{cx:.1f}" cy="{cy:.1f}" r="5"/>'
        f'<text class="label" x="{cx + dx:.1f}" y="{cy - 8:.1f}" text-anchor="{anchor}">'
        f"{escape(label)}</text></svg>"
    )
