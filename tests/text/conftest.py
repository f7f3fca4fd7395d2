from __future__ import annotations

import pytest

from rasm.gazetteer import Gazetteer
from rasm.model import Entity


def place(id: str, name: str, arabic: str = "", *aliases: str, country: str = "SY",
          placetype: str = "locality", lat: float | None = None, lon: float | None = None) -> Entity:
    return Entity(id, name, "place", arabic, tuple(aliases), country, placetype, lat, lon, source="test")


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """A small hand-made gazetteer: fast to index, one entity per phenomenon the text tests need."""
    return Gazetteer.from_entities([
        place("p:deir", "Deir ez-Zor", "دير الزور", "Deir Ezzor", "Dayr az Zawr", placetype="region"),
        place("p:aleppo", "Aleppo", "حلب", "Halab", placetype="region", lat=36.2, lon=37.16),
        place("p:homs", "Homs", "حمص", placetype="region", lat=34.73, lon=36.71),
        place("p:hama", "Hama", "حماة", placetype="region", lat=35.13, lon=36.75),
        place("p:idlib", "Idlib", "إدلب", placetype="region", lat=35.93, lon=36.63),
        place("p:palmyra", "Palmyra", "تدمر", "Tadmur", lat=34.56, lon=38.28),
        place("p:karm", "Karm al-Qatirji", "", "Karm al-Qaterji"),
        place("p:shaar", "al-Shaar", "الشعار"),
        place("p:sheikh-said", "Sheikh Said", "الشيخ سعيد", lat=36.17, lon=37.17),
        place("p:sheikh-said-iq", "Sheikh Said", "الشيخ سعيد", country="IQ", lat=33.1, lon=44.2),
        place("p:al-khan", "Al Khan", "الخان", lat=33.0, lon=40.0),
        place("p:sham", "Al Sham", "الشام"),
        Entity("o:nusra", "Jabhat al-Nusra", "org", "جبهة النصرة", ("Nusra Front", "al-Nusra Front"),
               "SY", source="curated"),
        Entity("o:jfs", "Jabhat Fateh al-Sham", "org", "جبهة فتح الشام", (), "SY", source="curated"),
        Entity("o:hamas", "Hamas", "org", "حماس", (), "PS", source="curated"),
        Entity("h:assad", "Bashar al-Assad", "person", "بشار الأسد", ("Assad",), "SY", source="curated"),
    ])
