"""`rasm show ID...`: one entity, everything the tables say about it.

Any id finds it: its own (`wof:…`, `rasm:…`) or a source id it merged (`wikidata:Q…` or a bare
`Q…`, `geonames:…`, `ofac:…`). JSON lines (`Entity.to_dict()`) when piped or with --json; an
unknown id is a line with "error" and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rasm.commands.common import add_gazetteer_options, gazetteer_from_args
from rasm.commands.terminal import (
    BOLD,
    DIM,
    GREEN,
    YELLOW,
    Painter,
    add_output_options,
    printable,
    wants_color,
    wants_json,
)
from rasm.model import Entity

EXAMPLES = """examples:
  rasm show rasm:aleppo-sheikh-said
  rasm show Q41183            # a Wikidata id finds the entity that merged it
  rasm show geonames:170063 --json
  rasm match "Deir Ezzor" --json | jq -r .id | xargs rasm show
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "show", help="show one entity by id (its own, or a Wikidata/GeoNames/WOF/OFAC id)",
        description="Show what the tables hold for entities, by their id or a source id they "
                    "merged (wof:N, wikidata:Q… or Q…, geonames:N, ofac:N).",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ids", nargs="+", metavar="ID", help="entity ids or source ids")
    add_gazetteer_options(parser)
    add_output_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    gazetteer = gazetteer_from_args(args)
    as_json = wants_json(args)
    paint = Painter(wants_color(args))
    status = 0
    for number, entity_id in enumerate(args.ids):
        entity = gazetteer.get(entity_id.strip())
        if entity is None:
            status = 1
        if as_json:
            record: dict[str, Any] = (
                entity.to_dict() if entity is not None
                else {"query": entity_id, "id": None, "error": f"no entity with id {entity_id!r}"})
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        if number:
            sys.stdout.write("\n")
        if entity is None:
            sys.stdout.write(paint(f"{printable(entity_id)}: no entity with this id", YELLOW)
                             + "\n")
        else:
            sys.stdout.write(describe(entity, paint))
    sys.stdout.flush()
    return status


def describe(entity: Entity, paint: Painter) -> str:
    """The entity as labelled lines, empty fields left out."""
    fields: list[tuple[str, str]] = [
        ("id", entity.id), ("kind", entity.kind), ("placetype", entity.placetype),
        ("arabic", entity.arabic), ("country", entity.country), ("located", entity.located),
        ("population", f"{entity.population:,}" if entity.population else ""),
        ("coordinates", f"{entity.lat}, {entity.lon}" if entity.lat is not None else ""),
        ("ref", entity.ref), ("source ids", ", ".join(entity.refs)),
        ("parents", ", ".join(entity.parents)), ("source", entity.source),
    ]
    fields += [(f"name ({style})", name) for style, name in entity.styles]
    fields += [(f"name [{lang}]", name) for lang, name in entity.langs]
    if entity.aliases:
        fields.append(("aliases", " | ".join(entity.aliases)))
    width = max(len(label) for label, _ in fields)
    lines = [paint(printable(entity.canonical), BOLD, GREEN)]
    lines += [f"  {paint(label.ljust(width), DIM)}  {printable(value)}"
              for label, value in fields if value]
    return "".join(line + "\n" for line in lines)
