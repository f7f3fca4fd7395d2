"""The table format (reader, writer, validation) and the committed built-in tables."""

from __future__ import annotations

import gzip
import importlib.util
import os
import shutil
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasm.errors import TableError
from rasm.gazetteer import BUILTIN_TABLES
from rasm.gazetteer.tables import (
    clean_text,
    read_entities,
    read_table,
    tables_dir,
    write_entities,
)
from rasm.model import Entity

REPO = Path(__file__).resolve().parents[1]
TABLES = REPO / "tables"
GENERATED_TSV = ("places.tsv.gz", "orgs_persons.tsv", "actors.tsv")
SHARED_DATA = Path(os.environ.get("RASM_SHARED_DATA") or REPO.parent / "shared" / "data")
needs_shared_data = pytest.mark.skipif(
    not (SHARED_DATA / "places_sy.tsv").is_file(),
    reason=f"the shared reference data is not at {SHARED_DATA} (set RASM_SHARED_DATA)",
)


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_tables", REPO / "scripts" / "build_tables.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_tables"] = module
    spec.loader.exec_module(module)
    return module


build_tables = _build_module()


def write(tmp_path: Path, text: str | bytes, name: str = "t.tsv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# --- tables_dir ----------------------------------------------------------------------------------


def test_tables_dir_prefers_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("RASM_TABLES", str(tmp_path))
    assert tables_dir() == tmp_path


def test_tables_dir_in_a_checkout_is_the_tables_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASM_TABLES", raising=False)
    import rasm

    if (Path(rasm.__file__).parent / "_tables").is_dir():
        pytest.skip("an installed copy of the tables takes precedence over the checkout")
    assert tables_dir() == TABLES


# --- reading -------------------------------------------------------------------------------------


def test_reads_rows_with_defaults_comments_and_cleaning(tmp_path: Path) -> None:
    decomposed = "Dayr az Zawr\u0301"  # combining accent: must come back composed
    path = write(
        tmp_path,
        "# a comment\n"
        "id\tname\tkind\tarabic\taliases\tlat\tlon\n"
        "\n"
        f"p:1\t  Deir   ez-Zor \t\tدير الزور\tDeir Ezzor| Deir ez-Zor |{decomposed}|Deir Ezzor|deir ezzor\t35.3\t40.1\n"
        "# another comment\n"
        "o:1\tJabhat al-Nusra\torg\t\t\t\t\n",
    )
    first, second = read_entities(path, source="mine")
    assert first == Entity(
        id="p:1",
        canonical="Deir ez-Zor",
        kind="place",
        arabic="دير الزور",
        aliases=("Deir Ezzor", unicodedata.normalize("NFC", decomposed), "deir ezzor"),
        lat=35.3,
        lon=40.1,
        source="mine",
    )
    assert second.kind == "org" and second.aliases == () and second.lat is None


def test_default_kind_and_source_column(tmp_path: Path) -> None:
    path = write(tmp_path, "id\tname\tsource\nx\tHamas\tmy-list\n")
    (entity,) = read_entities(path, default_kind="org", source="ignored")
    assert entity.kind == "org" and entity.source == "my-list"


def test_same_as_is_read_but_not_part_of_the_entity(tmp_path: Path) -> None:
    path = write(tmp_path, "id\tname\tsame_as\nrasm:x\tX\tofac:1| petrarch:X |ofac:1\n")
    (row,) = read_table(path)
    assert row.same_as == ("ofac:1", "petrarch:X") and row.line == 2


def test_a_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfid\tname\r\nu:1\tHoms\r\n")
    assert [e.canonical for e in read_entities(path)] == ["Homs"]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("id\tkind\nx\tplace\n", 1, "lacks the required column 'name'"),
        ("name\nHoms\n", 1, "lacks the required column 'id'"),
        ("id\tname\tnmae\nx\tHoms\t\n", 1, "unknown column 'nmae'"),
        ("id\tname\tname\nx\tHoms\tHims\n", 1, "column 'name' appears twice"),
        ("id\tname\nx\tHoms\textra\n", 2, "3 columns where the header has 2"),
        ("id\tname\tkind\nx\tHoms\n", 2, "2 columns where the header has 3"),
        ("# c\nid\tname\n\t Homs\n", 3, "empty id"),
        ("id\tname\nx\t  \n", 2, "empty name for id 'x'"),
        ("id\tname\nx y\tHoms\n", 2, "contains a space or '|'"),
        ("id\tname\nx\tHoms\ny\tHama\nx\tHims\n", 4, "duplicate id 'x' (first on line 2)"),
        ("id\tname\tkind\nx\tHoms\tcity\n", 2, "kind 'city' is not one of place, org, person"),
        ("id\tname\tlat\tlon\nx\tHoms\tnorth\t36\n", 2, "lat 'north' is not a number"),
        ("id\tname\tlat\tlon\nx\tHoms\t34\t200\n", 2, "lon '200' is outside -180..180"),
        ("id\tname\tlat\tlon\nx\tHoms\tnan\t36\n", 2, "lat 'nan' is outside -90..90"),
        ("id\tname\tlat\tlon\nx\tHoms\t34\t\n", 2, "lat and lon must be given together"),
        ("id\tname\tcountry\nx\tHoms\tSyria\n", 2, "country 'Syria' is not a two-letter"),
        ("id\tname\nx\tHo\x00ms\n", 2, "control character U+0000"),
        ("id\tname\nx\tHo\x1bms\n", 2, "control character U+001B"),
        ("id\tname\nx\tHoms\n\ny\tHa\u2028ma\n", 4, "control character U+2028"),
    ],
)
def test_each_problem_names_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(TableError) as caught:
        read_entities(path)
    error = caught.value
    assert error.path == str(path) and error.line == line
    assert problem in error.problem
    assert str(error).startswith(f"{path}:{line}: ")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"id\tname\nx\tHoms\ny\tHam\xe9\n")
    with pytest.raises(TableError, match=r":3: invalid UTF-8 at byte 6 of the line"):
        read_entities(path)


def test_an_empty_or_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="no header row"):
        read_entities(write(tmp_path, "# only a comment\n\n"))
    with pytest.raises(TableError, match="cannot read"):
        read_entities(tmp_path / "absent.tsv")


def test_bad_default_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="default_kind 'city'"):
        read_entities(write(tmp_path, "id\tname\nx\tHoms\n"), default_kind="city")


def test_the_user_gazetteer_example_reads() -> None:
    entities = read_entities(REPO / "tests" / "data" / "user_gazetteer.tsv")
    assert [e.id for e in entities] == ["u:deir", "u:nusra", "u:karm"]
    assert entities[0].aliases == ("Deir Ezzor", "Dayr az Zawr")


# --- writing -------------------------------------------------------------------------------------

SAMPLE = [
    Entity(
        "p:deir",
        "Deir ez-Zor",
        "place",
        "دير الزور",
        ("Deir Ezzor", "Dayr az Zawr"),
        "SY",
        "locality",
        35.336,
        40.14,
        "Q239097",
        "wof",
    ),
    Entity("o:nusra", "Jabhat al-Nusra", "org", "جبهة النصرة", ("Nusra Front",), "SY"),
    Entity("h:1", "Hassan Nasrallah", "person"),
]


def test_round_trip_and_deterministic_output(tmp_path: Path) -> None:
    first, second = tmp_path / "a.tsv", tmp_path / "sub" / "b.tsv"
    write_entities(first, SAMPLE, "a test table\nsecond comment line")
    write_entities(second, SAMPLE, "a test table\nsecond comment line")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8").startswith(
        "# a test table\n# second comment line\nid\tname\t"
    )
    assert read_entities(first) == SAMPLE


def test_writer_refuses_what_the_reader_could_not_read_back(tmp_path: Path) -> None:
    bad_alias = Entity("x", "Homs", "place", aliases=("Hims|Emesa",))
    with pytest.raises(TableError, match="contains '|'"):
        write_entities(tmp_path / "t.tsv", [bad_alias], "c")
    with pytest.raises(TableError, match="not clean text"):
        write_entities(tmp_path / "t.tsv", [Entity("x", " Homs", "place")], "c")
    with pytest.raises(TableError, match="not clean text"):
        write_entities(tmp_path / "t.tsv", [Entity("x", "Ho\tms", "place")], "c")


_words = (
    st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="|"
        ),
        min_size=1,
        max_size=12,
    )
    .map(clean_text)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    name=_words,
    arabic=st.one_of(st.just(""), _words),
    aliases=st.lists(_words, max_size=4),
    lat=st.one_of(st.none(), st.floats(-90, 90, allow_nan=False)),
)
def test_round_trip_of_any_clean_entity(
    name: str, arabic: str, aliases: list[str], lat: float | None
) -> None:
    """Whatever clean text a row holds, writing and reading gives it back unchanged."""
    import tempfile

    entity = Entity(
        "x:1",
        name,
        "person",
        arabic,
        tuple(dict.fromkeys(a for a in aliases if a != name)),
        lat=lat,
        lon=None if lat is None else -lat / 2,
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.tsv"
        write_entities(path, [entity], "property test")
        assert read_entities(path) == [entity]


# --- the build's name rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "readable"),
    [
        ("AL-NUSRAH FRONT", "al-Nusrah Front"),
        ("JABHAT FATAH AL-SHAM", "Jabhat Fatah al-Sham"),
        ("ISLAMIC STATE OF IRAQ AND THE LEVANT", "Islamic State of Iraq and the Levant"),
        ("THE VICTORY FRONT", "The Victory Front"),
        (
            "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE",
            "Islamic Revolutionary Guard Corps (IRGC)-Qods Force",
        ),
        ("THAINGUI S.A.L. OFFSHORE", "Thaingui S.A.L. Offshore"),
        ("ASA'IB AHL AL-HAQ", "Asa'ib Ahl al-Haq"),
        ("20TH REVOLUTION BRIGADES", "20th Revolution Brigades"),
        ("KHALID BIN AL-WALID ARMY", "Khalid bin al-Walid Army"),
        ("STG LOGISTIC", "STG Logistic"),
        ("Ibn al-Khattab", "Ibn al-Khattab"),  # mixed case is left as written
    ],
)
def test_organisation_names_get_readable_case(raw: str, readable: str) -> None:
    assert build_tables.recase(raw, organisation=True) == readable


@pytest.mark.parametrize(
    ("raw", "natural"),
    [
        ("AHMAD, Najmuddin Faraj", "Najmuddin Faraj Ahmad"),
        ("AL-ASSAD, Bashar", "Bashar al-Assad"),
        ("DURA, Abu", "Abu Dura"),
        ("MARUF, Taha, Muhyi al-Din", "Taha Muhyi al-Din Maruf"),
        ("'ALI, Muhammad", "Muhammad 'Ali"),
        ("SALEH, Dr. Abdul Latif", "Dr. Abdul Latif Saleh"),
        ("ABU MOHAMMAD AL JAWLANI", "Abu Mohammad al Jawlani"),
    ],
)
def test_person_names_get_natural_order(raw: str, natural: str) -> None:
    assert build_tables.natural_person(raw) == natural


def test_junk_rules() -> None:
    assert build_tables._is_junk("DR.") == "only a title"
    assert build_tables._is_junk("X") == "fewer than two letters"
    assert build_tables._is_junk("ABU ALI") is None
    assert build_tables._flag("LH", "org") == "acronym of one or two letters"
    assert build_tables._flag("HANI", "person") == "single-word person alias"
    assert build_tables._flag("HTS", "org") is None


# --- the committed tables ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def committed() -> dict[str, list[Entity]]:
    return {name: read_entities(TABLES / name) for name in (*GENERATED_TSV, "curated/actors.tsv")}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tables built afresh from ../shared/data, once: a build takes minutes."""
    out = tmp_path_factory.mktemp("rebuilt") / "tables"
    shutil.copytree(TABLES / "curated", out / "curated")
    build_tables.build(SHARED_DATA, out, out / "curated" / "actors.tsv")
    return out


@needs_shared_data
def test_committed_tables_are_fresh(rebuilt: Path) -> None:
    for name in build_tables.GENERATED:
        assert (rebuilt / name).read_bytes() == (TABLES / name).read_bytes(), (
            f"tables/{name} is stale: run scripts/build_tables.py"
        )


@needs_shared_data
def test_check_mode_reports_stale_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    rebuilt: Path,
) -> None:
    # --check builds into a scratch folder and compares; the build itself is the one above
    # (test_committed_tables_are_fresh), so here it is replayed from that result.
    def replay(data: Path, out: Path, curated: Path) -> dict[str, int]:
        assert data == SHARED_DATA and curated.is_file()
        for name in build_tables.GENERATED:
            shutil.copy(rebuilt / name, out / name)
        return {}

    monkeypatch.setattr(build_tables, "build", replay)
    out = tmp_path / "tables"
    shutil.copytree(TABLES / "curated", out / "curated")
    for name in build_tables.GENERATED:
        shutil.copy(TABLES / name, out / name)
    assert build_tables.main(["--data", str(SHARED_DATA), "--out", str(out), "--check"]) == 0
    with (out / "orgs_persons.tsv").open("a", encoding="utf-8") as handle:
        handle.write("x:1\tEdited by hand\torg\t\t\t\t\t\t\t\t\n")
    assert build_tables.main(["--data", str(SHARED_DATA), "--out", str(out), "--check"]) == 1
    err = capsys.readouterr().err
    assert "stale tables" in err and "orgs_persons.tsv" in err and "places.tsv.gz" not in err


def table_text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.name.endswith(".gz") else data).decode("utf-8")


def test_generated_tables_say_so() -> None:
    for name in (*GENERATED_TSV, "clashes.txt"):
        first = table_text(TABLES / name).split("\n", 1)[0]
        assert first.startswith("# generated by scripts/build_tables.py"), name


def test_every_table_line_is_nfc() -> None:
    for name in (*GENERATED_TSV, "curated/actors.tsv"):
        text = table_text(TABLES / name)
        bad = [
            i
            for i, line in enumerate(text.split("\n"), 1)
            if not unicodedata.is_normalized("NFC", line)
        ]
        assert not bad, f"tables/{name}: lines not NFC: {bad[:5]}"


def test_builtin_tables_all_read(committed: dict[str, list[Entity]]) -> None:
    for name in BUILTIN_TABLES:
        assert read_entities(tables_dir() / name), name
    assert len(committed["places.tsv.gz"]) > 300_000
    assert len(committed["orgs_persons.tsv"]) > 1500
    assert len({e.country for e in committed["places.tsv.gz"]}) == 27  # issue 10's countries


def test_no_duplicate_ids_across_tables(committed: dict[str, list[Entity]]) -> None:
    generated = [e.id for name in GENERATED_TSV for e in committed[name]]
    assert len(generated) == len(set(generated))
    sources = {e.id for name in ("places.tsv.gz", "orgs_persons.tsv") for e in committed[name]}
    assert not sources & {e.id for e in committed["curated/actors.tsv"]}


def test_curated_rows_are_complete(committed: dict[str, list[Entity]]) -> None:
    rows = read_table(TABLES / "curated" / "actors.tsv", default_kind="org")
    assert len(rows) >= 60
    for row in rows:
        entity = row.entity
        assert entity.id.startswith("rasm:") and entity.source == "curated", entity.id
        assert build_tables.has_arabic(entity.arabic), f"{entity.id} lacks Arabic"
        assert entity.aliases, f"{entity.id} lacks aliases"
    merged = {e.id: e for e in committed["actors.tsv"]}
    assert [r.entity.id for r in rows] == list(merged)
    absorbed = {other for row in rows for other in row.same_as}
    remaining = {e.id for name in ("places.tsv.gz", "orgs_persons.tsv") for e in committed[name]}
    assert absorbed and not absorbed & remaining  # absorbed rows left their source tables


def test_merges_bring_source_spellings_but_not_names_owned_elsewhere(
    committed: dict[str, list[Entity]],
) -> None:
    actors = {e.id: e for e in committed["actors.tsv"]}
    nusra = actors["rasm:jabhat-al-nusra"]
    assert "JABHAT AL-NUSRAH" in nusra.aliases  # from OFAC
    assert "HTS" not in nusra.aliases and "HTS" in actors["rasm:hayat-tahrir-al-sham"].aliases
    assert nusra.source == "curated+ofac+petrarch"


def test_person_canonicals_are_in_natural_order(committed: dict[str, list[Entity]]) -> None:
    people = {e.id: e for e in committed["orgs_persons.tsv"]}
    assert people["ofac:10007"].canonical == "Najmuddin Faraj Ahmad"
    assert "AHMAD, Najmuddin Faraj" in people["ofac:10007"].aliases
    assert not [e.id for e in people.values() if e.kind == "person" and "," in e.canonical]
