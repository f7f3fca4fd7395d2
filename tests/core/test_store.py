"""A gazetteer opened from its compiled store answers exactly as the same gazetteer indexed in
memory: same best entity, score, method and alternatives, over hundreds of queries (names as
written, lower-cased, with a letter dropped or doubled, Arabic forms)."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import pytest

from rasm.gazetteer import Gazetteer
from rasm.gazetteer.compiled import compile_part, open_part
from rasm.gazetteer.tables import read_entities, tables_dir
from rasm.model import Entity
from rasm.names.matcher import match

DATA = Path(__file__).parents[1] / "data"
SAMPLE_ROWS = 1500


def world_sample(target: Path, rows: int = SAMPLE_ROWS) -> Path:
    """The first `rows` places of the built-in world table, as a user TSV (every 200th row of
    the whole table would be slower to read; the first rows already span several countries)."""
    with gzip.open(tables_dir() / "places.tsv.gz", "rt", encoding="utf-8") as source:
        lines = [line for line in itertools.islice(source, rows + 10) if not line.startswith("#")]
    target.write_text("".join(lines[: rows + 1]), encoding="utf-8")
    return target


def queries(entities: list[Entity], count: int) -> list[str]:
    out: list[str] = []
    for entity in entities[:: max(1, len(entities) // count)]:
        name = entity.canonical
        out += [name, name.lower(), name[:2] + name[3:], name[:4] + name[3:]]
        if entity.arabic:
            out.append(entity.arabic)
        out.extend(entity.aliases[:1])
    return out


def answers(gazetteer: Gazetteer, names: list[str]) -> list[dict[str, object]]:
    return [match(name, gazetteer=gazetteer, limit=5).to_dict() for name in names]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> list[Entity]:
    return read_entities(world_sample(tmp_path_factory.mktemp("world") / "world.tsv"))


def compiled_twin(entities: list[Entity], target: Path) -> Gazetteer:
    compile_part(entities, "sample", "test-stamp", target)
    part = open_part(target, "test-stamp")
    assert part is not None
    return Gazetteer([part])


def test_world_sample_store_answers_like_memory(world: list[Entity], tmp_path: Path) -> None:
    names = queries(world, 120)
    assert len(names) >= 400
    memory = answers(Gazetteer.from_entities(world), names)
    stored = answers(compiled_twin(world, tmp_path / "sample.store"), names)
    assert sum(1 for a in memory if a["id"]) > len(names) // 2  # the queries do find things
    assert stored == memory


@pytest.mark.parametrize("table", ["news_gazetteer.tsv", "reconcile_gazetteer.tsv", "user_gazetteer.tsv"])
def test_test_tables_store_answers_like_memory(table: str, tmp_path: Path) -> None:
    entities = read_entities(DATA / table)
    names = queries(entities, len(entities))
    memory = answers(Gazetteer.from_entities(entities), names)
    stored = answers(compiled_twin(entities, tmp_path / "t.store"), names)
    assert stored == memory


def test_stored_part_reads_back_entities_and_lookups(world: list[Entity], tmp_path: Path) -> None:
    gazetteer = compiled_twin(world, tmp_path / "sample.store")
    memory = Gazetteer.from_entities(world)
    assert list(gazetteer) == list(memory)
    for entity in world[::37]:
        assert gazetteer.get(entity.id) == entity
        if entity.arabic:
            assert gazetteer.by_arabic(entity.arabic) == memory.by_arabic(entity.arabic)


def test_a_store_with_another_stamp_is_not_opened(world: list[Entity], tmp_path: Path) -> None:
    target = tmp_path / "sample.store"
    compile_part(world[:50], "sample", "stamp-a", target)
    assert open_part(target, "stamp-a") is not None
    assert open_part(target, "stamp-b") is None
    target.write_bytes(b"not a store at all")
    assert open_part(target, "stamp-a") is None
