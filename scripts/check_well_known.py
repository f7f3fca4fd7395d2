#!/usr/bin/env python3
"""Check the well-known-names test set against the reference data it claims to follow.

    scripts/check_well_known.py [--data ../shared/data] [--names tests/data/well_known_names.tsv]

For every row of tests/data/well_known_names.tsv (see its header comment) it reports:
- a malformed row: wrong column count, unknown kind or script, a script that does not fit the
  query's letters, a duplicated query, an id that is neither `Q<digits>` nor `wof:<digits>`;
- a place whose expected id is on no row of places_world.tsv.gz (the Wikidata id in its
  `wikidata` column, or the WOF id in its `id` column);
- a place whose expected id sits only on rows of another country, or only on rows none of whose
  names (English `name` or any `names` value, compared folded) is the expected canonical or one
  of the queries given for that entity: the id points at a different place;
- one expected canonical name of one country given with different ids on different rows;
- an organisation or person whose Wikidata id is not the `ref` of a row of the curated actors
  table (tables/curated/actors.tsv), or is the ref of a row of another kind.

Exit status 1 when anything is reported, 0 when the set is consistent with the data.
Needs no network; reads the gzip file in one pass (about 20 s).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAMES = REPO / "tests" / "data" / "well_known_names.tsv"
CURATED = REPO / "tables" / "curated" / "actors.tsv"
COLUMNS = ("query", "script", "expect_wikidata", "expect_canonical", "kind", "country", "note")
KINDS = ("place", "org", "person")
SCRIPTS = ("latin", "arabic", "persian", "cyrillic")
_ID = re.compile(r"Q[1-9][0-9]*|wof:[1-9][0-9]*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def default_data() -> Path:
    return Path(os.environ.get("RASM_SHARED_DATA") or REPO.parent / "shared" / "data")


def fold(text: str) -> str:
    """No marks, lower case, alphanumeric runs joined by one space; Arabic-script letters kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", base.casefold()))


@dataclass(frozen=True)
class Row:
    line: int
    query: str
    script: str
    ids: tuple[str, ...]
    canonical: str
    kind: str
    country: str


def read_names(path: Path) -> tuple[list[Row], list[str]]:
    """The rows of the test set and the format problems found while reading it."""
    rows: list[Row] = []
    problems: list[str] = []
    header_seen = False
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(cells) != COLUMNS:
                problems.append(f"line {number}: header {cells} is not {list(COLUMNS)}")
                return rows, problems
            continue
        where = f"line {number} {cells[0]!r}"
        if len(cells) != len(COLUMNS):
            problems.append(f"{where}: {len(cells)} columns, expected {len(COLUMNS)}")
            continue
        query, script, ids_text, canonical, kind, country, _note = (c.strip() for c in cells)
        ids = tuple(i for i in ids_text.split("|") if i)
        bad = [i for i in ids if not _ID.fullmatch(i)]
        if not ids or bad:
            problems.append(f"{where}: expect_wikidata {ids_text!r} is not Q… or wof:… ids")
        if kind not in KINDS:
            problems.append(f"{where}: kind {kind!r} is not one of {KINDS}")
        if script not in SCRIPTS:
            problems.append(f"{where}: script {script!r} is not one of {SCRIPTS}")
        elif script != letters_script(query) and not (
            script == "persian" and letters_script(query) == "arabic"
        ):
            problems.append(f"{where}: script {script!r} but the query is {letters_script(query)}")
        if not canonical or not canonical.isascii():
            problems.append(f"{where}: expect_canonical {canonical!r} must be plain ASCII")
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            problems.append(f"{where}: country {country!r} is not an ISO code")
        if kind == "place" and not country:
            problems.append(f"{where}: a place needs its country")
        if query in seen:
            problems.append(f"{where}: query already on line {seen[query]}")
        seen[query] = number
        rows.append(Row(number, query, script, ids, canonical, kind, country))
    if not header_seen:
        problems.append("no header row")
    return rows, problems


def letters_script(text: str) -> str:
    if _CYRILLIC.search(text):
        return "cyrillic"
    if _ARABIC_SCRIPT.search(text):
        return "arabic"
    return "latin"


@dataclass(frozen=True)
class Place:
    id: str
    country: str
    names: frozenset[str]  # folded


def read_places(path: Path, wanted: set[str]) -> dict[str, list[Place]]:
    """The places_world rows carrying any wanted id, keyed by that id (Q… or wof:…)."""
    found: dict[str, list[Place]] = defaultdict(list)
    csv.field_size_limit(sys.maxsize)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            keys = {record["id"], record["wikidata"]} & wanted
            if not keys:
                continue
            names = [record["name"]]
            names += [kv.split("=", 1)[1] for kv in record["names"].split("|") if "=" in kv]
            place = Place(record["id"], record["country"], frozenset(fold(n) for n in names))
            for key in keys:
                found[key].append(place)
    return found


def read_curated_refs(path: Path) -> dict[str, set[str]]:
    """Wikidata id -> kinds of the curated rows whose ref it is."""
    refs: dict[str, set[str]] = defaultdict(set)
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        if row.get("ref", "").startswith("Q"):
            refs[row["ref"]].add(row.get("kind") or "org")
    return refs


def check(rows: list[Row], places: dict[str, list[Place]], refs: dict[str, set[str]]) -> list[str]:
    problems = []
    spellings: dict[tuple[tuple[str, ...], str], set[str]] = defaultdict(set)
    ids_of: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    for row in rows:
        spellings[(row.ids, row.canonical)] |= {fold(row.query), fold(row.canonical)}
        ids_of[(row.canonical, row.country)].add(row.ids)  # homonyms differ in country
    for (canonical, country), ids in sorted(ids_of.items()):
        if len(ids) > 1:
            problems.append(f"{canonical!r} ({country}) expects different ids: {sorted(ids)}")
    reported: set[tuple[tuple[str, ...], str]] = set()
    for row in rows:
        where = f"line {row.line} {row.query!r}"
        if row.kind != "place":
            for qid in row.ids:
                if qid not in refs:
                    problems.append(f"{where}: {qid} is the ref of no curated actor")
                elif row.kind not in refs[qid]:
                    problems.append(f"{where}: {qid} is the ref of a curated {sorted(refs[qid])}")
            continue
        entity = (row.ids, row.canonical)
        if entity in reported:
            continue  # one report per entity, not one per spelling
        rows_with_id = [p for i in row.ids for p in places.get(i, [])]
        if not rows_with_id:
            problems.append(f"{where}: {'|'.join(row.ids)} is on no row of places_world")
            reported.add(entity)
            continue
        in_country = [p for p in rows_with_id if p.country == row.country]
        if not in_country:
            countries = sorted({p.country for p in rows_with_id})
            problems.append(f"{where}: {'|'.join(row.ids)} is in {countries}, not {row.country}")
            reported.add(entity)
            continue
        if not any(p.names & spellings[entity] for p in in_country):
            problems.append(
                f"{where}: {'|'.join(row.ids)} names none of the spellings given for "
                f"{row.canonical!r} (rows {', '.join(p.id for p in in_country[:3])})"
            )
            reported.add(entity)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=default_data(), help="the shared data directory"
    )
    parser.add_argument("--names", type=Path, default=NAMES, help="the well-known-names table")
    parser.add_argument("--curated", type=Path, default=CURATED, help="the curated actors table")
    args = parser.parse_args(argv)
    try:
        rows, problems = read_names(args.names)
        wanted = {i for row in rows if row.kind == "place" for i in row.ids}
        places = read_places(args.data / "places_world.tsv.gz", wanted)
        refs = read_curated_refs(args.curated)
    except (OSError, EOFError, csv.Error, UnicodeDecodeError) as exc:
        print(f"check_well_known: {exc}", file=sys.stderr)
        return 1
    problems += check(rows, places, refs)
    entities = len({row.ids for row in rows})
    for problem in problems:
        print(problem)
    print(
        f"check_well_known: {len(rows)} queries, {entities} entities, {len(problems)} problems",
        file=sys.stderr,
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
