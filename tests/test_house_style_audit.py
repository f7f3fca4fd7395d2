"""Issue 11: every canonical name of the built-in tables keeps the house style
(docs/house_style.md); scripts/audit_names.py prints the offenders, and this test keeps their
count at zero. Names are read straight from the committed tables (fast, no index needed)."""

from __future__ import annotations

import gzip
from pathlib import Path

from rasm.gazetteer import BUILTIN_TABLES
from rasm.names.house_style import audit, exceptions

TABLES = Path(__file__).resolve().parents[1] / "tables"


def canonical_names(path: Path) -> list[tuple[str, str]]:
    data = path.read_bytes()
    text = (gzip.decompress(data) if path.name.endswith(".gz") else data).decode("utf-8")
    rows = [line.split("\t", 2) for line in text.split("\n") if line and not line.startswith("#")]
    assert rows[0][:2] == ["id", "name"], path
    return [(row[0], row[1]) for row in rows[1:]]


def test_every_builtin_canonical_name_keeps_the_house_style() -> None:
    # An exception's name with the division term the build appends ("Deir ez-Zor Governorate").
    curated = set(exceptions().values())
    curated |= {f"{n} {t}" for n in list(curated) for t in ("Governorate", "District", "Province")}
    names = [pair for table in BUILTIN_TABLES for pair in canonical_names(TABLES / table)]
    assert len(names) > 300_000
    bad = [(i, n, audit(n, exception_names=curated)) for i, n in names]
    bad = [row for row in bad if row[2]]
    assert not bad, f"{len(bad)} names break the house style, e.g. {bad[:20]}"
