"""Build tests/data/lang/gazetteer.tsv: the places the language test sets name, with the names the
world data gives them in Russian, Ukrainian, Turkish, Persian and Kurdish, plus a few
organisations and people with their names in those languages.

    python scripts/build_lang_test_gazetteer.py [--world ../shared/data/places_world.tsv.gz]

Places are real rows of places_world (chosen by their Who's On First id, so a rebuild gives the
same entities); their exonyms are read from the row's `names` column, never typed by hand. The
language names go both into `aliases` (so today's index finds them) and into `langs` (so the
entity says which language each belongs to), which is what the world tables will do.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasm.gazetteer.tables import write_entities
from rasm.model import Entity

# ../shared beside the checkout (a worktree sits one level deeper, hence the second place).
WORLD_CANDIDATES = [ROOT.parent / "shared" / "data" / "places_world.tsv.gz",
                    ROOT.parents[1] / "shared" / "data" / "places_world.tsv.gz"]
DEFAULT_WORLD = next((p for p in WORLD_CANDIDATES if p.exists()), WORLD_CANDIDATES[0])
OUT = ROOT / "tests" / "data" / "lang" / "gazetteer.tsv"

# Who's On First ids of the places the test sentences name (cities, then countries).
PLACES = (
    "wof:421202163",  # Aleppo
    "wof:421202165",  # Damascus
    "wof:421168647",  # Homs
    "wof:421202161",  # Hama
    "wof:890432567",  # Idlib
    "wof:421202167",  # Deir ez-Zor
    "wof:421172833",  # Raqqa
    "wof:1125980503",  # Latakia
    "wof:890449825",  # Tartus
    "wof:421197935",  # Palmyra
    "wof:1141906291",  # Manbij
    "wof:890436241",  # Afrin
    "wof:421197257",  # Daraa
    "wof:1125967369",  # Jarabulus
    "wof:1125981903",  # al-Bab
    "wof:421168649",  # Al-Hasakah
    "wof:421186153",  # Mosul
    "wof:421178393",  # Baghdad
    "wof:890449811",  # Kirkuk
    "wof:1125920643",  # Erbil
    "wof:890442383",  # Beirut
    "wof:85678345",  # Latakia Governorate (Turkish Lazkiye)
    "wof:85678381",  # Deir ez-Zor Governorate (Turkish Deyrizor)
    "wof:85632413",  # Syria
    "wof:85632191",  # Iraq
    "wof:85632533",  # Lebanon
    "wof:85632393",  # Turkey
    "wof:85632361",  # Iran
)
# Languages whose names become aliases: ISO 639-3 as the world data keys them.
LANGS = ("rus", "ukr", "tur", "fas", "kur", "kmr", "ckb")
# Rows whose English name is a transliteration ("Ar Raqqah", "Tartous"):
# the canonical the test sets expect is the news spelling.
NEWS_NAMES = {"wof:421172833": "Raqqa", "wof:890449825": "Tartus", "wof:1125981903": "al-Bab",
              "wof:421168649": "Hasakah",
              "wof:85678345": "Latakia Governorate", "wof:85678381": "Deir ez-Zor Governorate"}

# Organisations and people: their names in each language as that language's press writes them.
ACTORS = (
    Entity("rasm:nusra", "Jabhat al-Nusra", "org", "جبهة النصرة", country="SY", source="curated",
           aliases=("Nusra Front", "al-Nusra Front"),
           langs=(("rus", "Джебхат ан-Нусра"), ("rus", "Фронт ан-Нусра"), ("tur", "Nusra Cephesi"),
                  ("fas", "جبهه النصره"), ("ukr", "Джебхат ан-Нусра"))),
    Entity("rasm:hezbollah", "Hezbollah", "org", "حزب الله", country="LB", source="curated",
           aliases=("Hizbollah", "Hizballah"),
           langs=(("rus", "Хезболла"), ("tur", "Hizbullah"), ("fas", "حزب‌الله"),
                  ("ukr", "Хезболла"))),
    Entity("rasm:isis", "Islamic State", "org", "الدولة الإسلامية", source="curated",
           aliases=("ISIS", "ISIL", "Daesh"),
           langs=(("rus", "Исламское государство"), ("rus", "ИГИЛ"), ("tur", "IŞİD"),
                  ("tur", "DEAŞ"), ("fas", "داعش"), ("ukr", "Ісламська держава"))),
    Entity("rasm:hts", "Hayat Tahrir al-Sham", "org", "هيئة تحرير الشام", country="SY",
           source="curated", aliases=("HTS", "Tahrir al-Sham"),
           langs=(("rus", "Хайят Тахрир аш-Шам"), ("tur", "Heyet Tahrir el-Şam"),
                  ("tur", "HTŞ"), ("fas", "هیئت تحریر الشام"))),
    Entity("rasm:sdf", "Syrian Democratic Forces", "org", "قوات سوريا الديمقراطية", country="SY",
           source="curated", aliases=("SDF",),
           langs=(("rus", "Сирийские демократические силы"), ("tur", "SDG"),
                  ("fas", "نیروهای دموکراتیک سوریه"))),
    Entity("rasm:assad", "Bashar al-Assad", "person", "بشار الأسد", country="SY", source="curated",
           aliases=("Assad",),
           langs=(("rus", "Башар Асад"), ("rus", "Башар аль-Асад"), ("tur", "Beşar Esad"),
                  ("tur", "Esad"), ("fas", "بشار اسد"))),
)


def _names(cell: str) -> list[tuple[str, str]]:
    out = []
    for item in cell.split("|"):
        key, _, value = item.partition("=")
        if value:
            out.append((key, value))
    return out


def place_entity(row: list[str]) -> Entity:
    wof_id, country, placetype, name = row[0], row[1], row[2], row[3]
    lat, lon, population, wikidata, names = row[7], row[8], row[9], row[10], _names(row[12])
    arabic = next((v for k, v in names if k == "ara_x_preferred"), "")
    english = [v for k, v in names if k.startswith("eng_")]
    langs = [(k[:3], v) for k, v in names if k[:3] in LANGS and "_x_" in k]
    canonical = NEWS_NAMES.get(wof_id, name)
    aliases = tuple(dict.fromkeys(n for n in [name, *english, *(v for _, v in langs)]
                                  if n != canonical))
    return Entity(
        wof_id, canonical, "place", arabic, aliases, country, placetype,
        float(lat) if lat else None, float(lon) if lon else None, ref=wikidata,
        source="places_world", population=int(population) if population else None,
        refs=(f"wikidata:{wikidata}",) if wikidata else (), langs=tuple(dict.fromkeys(langs)),
    )


def actor_entity(entity: Entity) -> Entity:
    # The language names are aliases too, as the curated table will carry them.
    aliases = tuple(dict.fromkeys((*entity.aliases, *(n for _, n in entity.langs))))
    return Entity(entity.id, entity.canonical, entity.kind, entity.arabic, aliases, entity.country, source=entity.source, langs=entity.langs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", type=Path, default=DEFAULT_WORLD)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    wanted = set(PLACES)
    rows: dict[str, list[str]] = {}
    with gzip.open(args.world, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            wof_id = line.split("\t", 1)[0]
            if wof_id in wanted:
                rows[wof_id] = line.rstrip("\n").split("\t")
    missing = sorted(wanted - rows.keys())
    if missing:
        print(f"not in {args.world}: {', '.join(missing)}", file=sys.stderr)
        return 1
    entities = [place_entity(rows[i]) for i in PLACES] + [actor_entity(a) for a in ACTORS]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_entities(args.out, entities,
                   "Built by scripts/build_lang_test_gazetteer.py from places_world.tsv.gz "
                   "(Who's On First, CC-BY via GeoNames names) and a few actors.")
    print(f"{len(entities)} entities -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
