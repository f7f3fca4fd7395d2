from __future__ import annotations

import pytest

from rasm.gazetteer import Gazetteer
from rasm.model import Entity


def place(id: str, name: str, arabic: str = "", *aliases: str, country: str = "SY") -> Entity:
    return Entity(id, name, "place", arabic, tuple(aliases), country)


@pytest.fixture(scope="session")
def small_gazetteer() -> Gazetteer:
    """A hand-made gazetteer holding one entity per phenomenon the matcher must handle."""
    return Gazetteer.from_entities([
        place("p:deir", "Deir ez-Zor", "دير الزور"),
        place("p:maarrat", "Maarat al-Numan", "معرة النعمان"),
        place("p:sheikh-said", "Sheikh Said", "الشيخ سعيد"),
        place("p:raqqa", "Raqqa", "الرقة"),
        place("p:qamishli", "Qamishli", "القامشلي"),
        place("p:jubb", "Jubb ash Shami", ""),
        place("p:jabal-zawiya", "Jabal al-Zawiya", "جبل الزاوية"),
        place("p:tall-bisah", "Tall Bisah", "تل بيسة"),
        place("p:khirbet", "Khirbet Ghazaleh", "خربة غزالة"),
        place("p:hasakah", "Al-Hasakah", "الحسكة"),
        place("p:hama", "Hama", "حماة"),
        place("p:homs", "Homs", "حمص"),
        place("p:idlib", "Idlib", "إدلب"),
        place("p:aleppo", "Aleppo", "حلب", "Halab"),
        place("p:karm", "Karm al-Qatirji", ""),  # Latin only: Arabic queries need the skeleton
        place("p:tadmur", "Palmyra", "", "Tadmur"),
        place("p:damascus", "Damascus", "دمشق"),
        place("p:tal-abyad-sy", "Tall Abyad", "تل أبيض"),
        place("p:tal-abyad-iq", "Tall Abyad", "تل أبيض", country="IQ"),
        Entity("o:nusra", "Jabhat al-Nusra", "org", "جبهة النصرة", ("Nusra Front", "al-Nusra Front")),
        Entity("o:fatah", "Jaysh al-Fatah", "org", "جيش الفتح", ("Army of Conquest",)),
        Entity("o:hamas", "Hamas", "org", "حماس"),
        Entity("o:saa", "Syrian Arab Army", "org", "الجيش العربي السوري"),
        Entity("o:zenki", "Nour al-Din al-Zenki Movement", "org", "حركة نور الدين الزنكي"),
        Entity("o:hts", "Hay'at Tahrir al-Sham", "org", "هيئة تحرير الشام", ("HTS",)),
        Entity("h:abdulrahman", "Abd al-Rahman al-Qasim", "person"),
        Entity("h:abu-bakr", "Abu Bakr al-Baghdadi", "person", "أبو بكر البغدادي"),
        Entity("h:ibn", "Muhammad ibn Salman", "person"),
        Entity("h:nasrallah", "Hassan Nasrallah", "person", "حسن نصر الله"),
        Entity("h:lavrov", "Sergey Lavrov", "person", "", ("Sergei Lavrov",), "RU"),
        Entity("h:mustafa", "Mustafa Tlass", "person", "مصطفى طلاس"),
    ])
