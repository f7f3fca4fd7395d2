"""Where the tables live, and the one TSV format shared by the built-in tables and user gazetteers.

Format: UTF-8, tab-separated, one header row, `#` lines are comments, blank lines are skipped.
Columns `id` and `name` are required; `kind, arabic, aliases, country, placetype, lat, lon, ref,
source` are optional, and `same_as` (ids of source rows a curated row absorbs) is read but does
not reach the `Entity`. Any other column is an error, because a misspelt column would otherwise
be dropped silently. Every problem raises `TableError` naming the file and the 1-based line.
"""

from __future__ import annotations

import gzip
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rasm.errors import RasmError, TableError
from rasm.model import KINDS, Entity

BUILTIN_TABLES = ("places.tsv.gz", "orgs_persons.tsv", "actors.tsv")  # in tables_dir()
REQUIRED = ("id", "name")
OPTIONAL = (
    "kind", "arabic", "aliases", "country", "placetype", "lat", "lon", "ref", "source",
    "population", "refs", "parents", "located", "styles", "langs",
)
CROSS_REFERENCES = ("same_as",)
COLUMNS = (*REQUIRED, *OPTIONAL)
KNOWN = frozenset((*COLUMNS, *CROSS_REFERENCES))

_SPACE = re.compile(r"\s+")
_COUNTRY = re.compile(r"[A-Z]{2}")
_ID_FORBIDDEN = re.compile(r"[\s|]")


def tables_dir() -> Path:
    """RASM_TABLES if set; else the copy installed with the package; else the checkout's tables/."""
    override = os.environ.get("RASM_TABLES")
    if override:
        return Path(override)
    installed = Path(__file__).parents[1] / "_tables"  # src/rasm/_tables in a wheel
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "tables"


@dataclass(frozen=True, slots=True)
class TableRow:
    """One validated row: its line, the entity it describes and the ids it declares the same."""

    line: int
    entity: Entity
    same_as: tuple[str, ...] = ()


def clean_text(text: str) -> str:
    """NFC, stripped, inner whitespace runs made one space: the form every table field takes."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean_aliases(aliases: Iterable[str], name: str) -> tuple[str, ...]:
    """Cleaned, empty ones dropped, deduplicated (case-sensitively, first kept), name removed."""
    seen = dict.fromkeys(a for a in (clean_text(x) for x in aliases) if a)
    seen.pop(clean_text(name), None)
    return tuple(seen)


def _bad_character(text: str) -> str | None:
    for char in text:
        if unicodedata.category(char) == "Cc" or char in "\u2028\u2029":
            return f"U+{ord(char):04X}"
    return None


def _coordinate(value: str, low: float, high: float, what: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{what} {value!r} is outside {low:g}..{high:g}")
    return number


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    where = str(path)
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):  # large generated tables are kept compressed
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        raise TableError(where, None, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM from spreadsheet exports
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TableError(
                where, number, f"invalid UTF-8 at byte {exc.start + 1} of the line"
            ) from None
        yield number, text.removesuffix("\r")


def _header(where: str, number: int, text: str) -> list[str]:
    columns = [clean_text(c) for c in text.split("\t")]
    for column in columns:
        if column not in KNOWN:
            raise TableError(
                where, number, f"unknown column {column!r}; known: {', '.join(sorted(KNOWN))}"
            )
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise TableError(where, number, f"column {duplicated[0]!r} appears twice")
    for column in REQUIRED:
        if column not in columns:
            raise TableError(where, number, f"header lacks the required column {column!r}")
    return columns


def read_table(
    path: str | Path, *, default_kind: str = "place", source: str | None = None
) -> list[TableRow]:
    """Every row of a table, validated. `default_kind` fills an empty or absent `kind`; `source`
    fills an empty or absent `source`."""
    path = Path(path)
    where = str(path)
    if default_kind not in KINDS:
        raise RasmError(f"default_kind {default_kind!r} is not one of {', '.join(KINDS)}")
    columns: list[str] | None = None
    rows: list[TableRow] = []
    first_line: dict[str, int] = {}
    for number, text in _lines(path):
        if not text.strip() or text.startswith("#"):
            continue
        bad = _bad_character(text.replace("\t", ""))
        if bad:
            raise TableError(where, number, f"control character {bad} in the line")
        if columns is None:
            columns = _header(where, number, text)
            continue
        cells = text.split("\t")
        if len(cells) != len(columns):
            raise TableError(
                where, number, f"{len(cells)} columns where the header has {len(columns)}"
            )
        row = dict(zip(columns, (clean_text(c) for c in cells), strict=True))
        try:
            entity, same_as = _entity(row, default_kind, source)
        except ValueError as exc:
            raise TableError(where, number, str(exc)) from None
        if entity.id in first_line:
            raise TableError(
                where, number, f"duplicate id {entity.id!r} (first on line {first_line[entity.id]})"
            )
        first_line[entity.id] = number
        rows.append(TableRow(number, entity, same_as))
    if columns is None:
        raise TableError(where, None, "no header row (the table is empty)")
    return rows


def _entity(
    row: dict[str, str], default_kind: str, source: str | None
) -> tuple[Entity, tuple[str, ...]]:
    entity_id, name = row["id"], row["name"]
    if not entity_id:
        raise ValueError("empty id")
    if _ID_FORBIDDEN.search(entity_id):
        raise ValueError(f"id {entity_id!r} contains a space or '|'")
    if not name:
        raise ValueError(f"empty name for id {entity_id!r}")
    kind = row.get("kind") or default_kind
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    country = row.get("country", "")
    if country and not _COUNTRY.fullmatch(country):
        raise ValueError(f"country {country!r} is not a two-letter upper-case ISO code")
    lat_text, lon_text = row.get("lat", ""), row.get("lon", "")
    if bool(lat_text) != bool(lon_text):
        raise ValueError("lat and lon must be given together")
    lat = _coordinate(lat_text, -90, 90, "lat") if lat_text else None
    lon = _coordinate(lon_text, -180, 180, "lon") if lon_text else None
    same_as = _id_list(row.get("same_as", ""))
    population_text = row.get("population", "")
    if population_text and not population_text.isdigit():
        raise ValueError(f"population {population_text!r} is not a whole number")
    entity = Entity(
        id=entity_id,
        canonical=name,
        kind=kind,
        arabic=row.get("arabic", ""),
        aliases=clean_aliases(row.get("aliases", "").split("|"), name),
        country=country,
        placetype=row.get("placetype", ""),
        lat=lat,
        lon=lon,
        ref=row.get("ref", ""),
        source=row.get("source") or source or "",
        population=int(population_text) if population_text else None,
        refs=_id_list(row.get("refs", "")),
        parents=_id_list(row.get("parents", "")),
        located=row.get("located", ""),
        styles=_pairs(row.get("styles", ""), "styles"),
        langs=_pairs(row.get("langs", ""), "langs"),
    )
    return entity, same_as


def _id_list(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in (clean_text(x) for x in text.split("|")) if s))


def _pairs(text: str, column: str) -> tuple[tuple[str, str], ...]:
    """`key=value|key=value` (styles, langs) as pairs, in order."""
    out = []
    for item in text.split("|"):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"{column} item {item!r} is not key=value")
        out.append((clean_text(key), clean_text(value)))
    return tuple(out)


def _pairs_text(pairs: tuple[tuple[str, str], ...]) -> str:
    return "|".join(f"{key}={value}" for key, value in pairs)


def read_entities(
    path: str | Path, *, default_kind: str = "place", source: str | None = None
) -> list[Entity]:
    """The entities of a table, validated (see `read_table`)."""
    return [row.entity for row in read_table(path, default_kind=default_kind, source=source)]


def _coordinate_text(value: float | None) -> str:
    return "" if value is None else repr(value)


def write_entities(path: str | Path, entities: Iterable[Entity], header_comment: str) -> None:
    """Write entities in the table format, in the order given, each field as the reader cleans
    it, so that reading the file back gives the same entities. Replaces the file atomically."""
    path = Path(path)
    lines = [f"# {line}".rstrip() for line in header_comment.splitlines()]
    lines.append("\t".join(COLUMNS))
    for entity in entities:
        fields = [
            entity.id,
            entity.canonical,
            entity.kind,
            entity.arabic,
            "|".join(entity.aliases),
            entity.country,
            entity.placetype,
            _coordinate_text(entity.lat),
            _coordinate_text(entity.lon),
            entity.ref,
            entity.source,
            "" if entity.population is None else str(entity.population),
            "|".join(entity.refs),
            "|".join(entity.parents),
            entity.located,
            _pairs_text(entity.styles),
            _pairs_text(entity.langs),
        ]
        for value in fields:
            if value != clean_text(value) or "\t" in value or _bad_character(value):
                raise TableError(
                    str(path), None, f"entity {entity.id!r}: field {value!r} is not clean text"
                )
        if any("|" in alias or not alias for alias in entity.aliases):
            raise TableError(
                str(path), None, f"entity {entity.id!r}: an alias is empty or contains '|'"
            )
        lines.append("\t".join(fields))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.name.endswith(".gz"):  # mtime 0: the same table gives the same bytes
        data = gzip.compress(data, compresslevel=9, mtime=0)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; a table is meant to be read by anyone
    os.replace(tmp, path)
