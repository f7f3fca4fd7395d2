"""What the values of a reconciliation query mean in rasm's terms: type ids as entity kinds,
country names in any script as ISO codes, entity ids from any source, parents by name or id,
and whether an entity agrees with a property value.

Everything here is read-only over the gazetteer; the look-up tables are built on first use and
kept per gazetteer (the service has one for its whole life).
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer
    from rasm.model import Entity

KIND_NAMES = {"place": "Place", "org": "Organisation", "person": "Person"}
# Type ids other services use for rasm's kinds (OpenRefine users often reuse Wikidata's).
_TYPE_SYNONYMS = {
    "place": "place", "location": "place", "city": "place", "town": "place", "village": "place",
    "settlement": "place", "locality": "place", "governorate": "place", "district": "place",
    "country": "place", "region": "place",
    "org": "org", "organisation": "org", "organization": "org", "group": "org",
    "person": "person", "people": "person", "human": "person",
    # Wikidata: human; organization, political/armed/governmental organisations, business;
    # human settlement, city, big city, town, village, country, administrative entity.
    "q5": "person",
    "q43229": "org", "q7210356": "org", "q17149090": "org", "q2659904": "org", "q4830453": "org",
    "q486972": "place", "q515": "place", "q1637706": "place", "q3957": "place", "q532": "place",
    "q6256": "place", "q56061": "place", "q2221906": "place", "q618123": "place",
}
# Source prefixes of Entity.refs, and the bare forms a user may type for them.
_WIKIDATA = re.compile(r"(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9]\d*)",
                       re.IGNORECASE)
_GEONAMES = re.compile(r"(?:https?://(?:www\.|sws\.)?geonames\.org/)?([1-9]\d{0,11})/?(?:[\w.-]*)")
_COUNTRY_ALIASES = {
    "SY": ("Syrian Arab Republic", "سورية", "الجمهورية العربية السورية", "Sham"),
    "PS": ("Palestine", "State of Palestine", "فلسطين", "Palestinian Territory", "Filastin"),
    "AE": ("UAE", "U.A.E.", "Emirates", "الإمارات"),
    "SA": ("KSA", "Saudi", "السعودية"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "US": ("USA", "U.S.", "U.S.A.", "America"),
    "IR": ("Islamic Republic of Iran", "Persia"),
    "LY": ("Libyan Arab Jamahiriya",),
    "KW": ("State of Kuwait",),
    "MA": ("Maroc", "المغرب"),
    "EG": ("Misr", "Arab Republic of Egypt"),
}
_ADMIN_WORDS = ("Governorate", "District", "Province", "Subdistrict")
_LANGS = ("en", "ar", "fa", "ru", "uk", "tr", "fr", "de", "es", "it", "he", "ur", "ku", "ckb")


def type_of(kind: str) -> dict[str, str]:
    return {"id": kind, "name": KIND_NAMES.get(kind, kind)}


def kind_of_type(type_id: str, kinds: Iterable[str]) -> str | None:
    """The entity kind a type id names (a kind itself, its name, a synonym or a Wikidata class)."""
    known = set(kinds)
    if type_id in known:
        return type_id
    key = type_id.strip().casefold()
    key = key.rsplit("/", 1)[-1] if key.startswith("http") else key
    for kind, name in KIND_NAMES.items():
        if key == name.casefold() and kind in known:
            return kind
    synonym = _TYPE_SYNONYMS.get(key)
    return synonym if synonym in known else None


def fold_key(text: str) -> str:
    """Case, accents, Arabic orthography, spaces and punctuation set aside."""
    from rasm.names.arabic import normalize_arabic

    text = normalize_arabic(unicodedata.normalize("NFKC", text))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _country_keys(name: str) -> set[str]:
    """A country name's key, and the key without its article ("the", al-, ال)."""
    key = fold_key(name)
    words = name.split()
    out = {key} if key else set()
    if words and words[0].casefold() in ("the", "al", "el"):
        out.add(fold_key(" ".join(words[1:])))
    for article in ("al", "ال"):
        if key.startswith(article) and len(key) > len(article) + 2:
            out.add(key[len(article):])
    return out


@cache
def _icu_countries() -> tuple[dict[str, str], dict[str, str]]:
    """Country name key -> ISO code in the languages of _LANGS (ICU's display names), and
    ISO alpha-3 -> alpha-2 (alpha-2 -> itself too)."""
    import icu

    names: dict[str, str] = {}
    alpha3: dict[str, str] = {}
    for code in icu.Locale.getISOCountries():
        alpha3[code] = code
        region = icu.Locale("und", code)
        try:
            alpha3[region.getISO3Country()] = code
        except icu.ICUError:  # regions without an alpha-3 code
            pass
        for lang in _LANGS:
            for key in _country_keys(region.getDisplayCountry(icu.Locale(lang))):
                names.setdefault(key, code)
    for code, aliases in _COUNTRY_ALIASES.items():
        for alias in aliases:
            for key in _country_keys(alias):
                names.setdefault(key, code)
    return names, alpha3


class _Lookups:
    """Per-gazetteer tables: source ref -> entity, country name -> code."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.refs: dict[str, Entity] = {}
        self.countries: dict[str, str] = {}
        self.codes: set[str] = set()
        for entity in gazetteer:
            if entity.country:
                self.codes.add(entity.country)
            for ref in entity.refs:
                self.refs.setdefault(ref.casefold(), entity)
            if entity.ref:
                self.refs.setdefault(_ref_key(entity.ref), entity)
            if entity.placetype == "country" and entity.country:
                spellings = [*entity.names(), *(n for _, n in entity.styles),
                             *(n for _, n in entity.langs)]
                for name in spellings:
                    for key in _country_keys(name):
                        self.countries.setdefault(key, entity.country)


_lookups: weakref.WeakKeyDictionary[Gazetteer, _Lookups] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _tables(gazetteer: Gazetteer) -> _Lookups:
    with _lock:
        found = _lookups.get(gazetteer)
        if found is None:
            found = _lookups[gazetteer] = _Lookups(gazetteer)
        return found


def _ref_key(ref: str) -> str:
    """`Q123` (a table's `ref` column) as the `wikidata:Q123` form of Entity.refs."""
    return f"wikidata:{ref}".casefold() if _WIKIDATA.fullmatch(ref) else ref.casefold()


def entity_by_any_id(gazetteer: Gazetteer, text: str) -> Entity | None:
    """The entity an id from any source names: rasm's own id, `wof:N`, `wikidata:Q…` or a bare
    Q-id (or its Wikidata URL), `geonames:N` or a bare GeoNames number (or its URL), `ofac:N`.

    One function on purpose: Gazetteer is gaining a by-ref look-up, which replaces the scan of
    Entity.refs here."""
    text = text.strip()
    if not text or len(text) > 200:
        return None
    entity = gazetteer.get(text)
    if entity is not None:
        return entity
    if ":" not in text and not text[:1].isdigit() and not _WIKIDATA.fullmatch(text) \
            and not text.startswith("http"):
        return None  # a name, not an id: spare the table
    refs = _tables(gazetteer).refs
    wikidata = _WIKIDATA.fullmatch(text)
    if wikidata:
        return refs.get(f"wikidata:{wikidata.group(1)}".casefold())
    geonames = _GEONAMES.fullmatch(text)
    if geonames:
        number = geonames.group(1)
        return refs.get(f"geonames:{number}") or refs.get(f"wof:{number}")
    return refs.get(text.casefold())


def country_code(value: str, gazetteer: Gazetteer) -> str | None:
    """The ISO 3166 alpha-2 code a value names: the code itself (either case), an alpha-3
    code, or the country's name in any of many languages and scripts."""
    text = value.strip()
    if not text or len(text) > 100:
        return None
    names, alpha3 = _icu_countries()
    if len(text) in (2, 3) and text.isascii() and text.isalpha() and text.upper() in alpha3:
        return alpha3[text.upper()]
    if len(text) == 2 and text.upper() in _tables(gazetteer).codes:
        return text.upper()  # a code the tables use that ICU does not know (XK, ...)
    own = _tables(gazetteer).countries
    for key in _country_keys(text):
        code = own.get(key) or names.get(key)
        if code:
            return code
    return None


def parent_ids(value: str, value_id: str | None, gazetteer: Gazetteer) -> frozenset[str]:
    """The entities a `parent` value may name: the one its id names, or the places its name
    fits well (a city and its same-named governorate both: either may be the parent)."""
    from rasm.names.matcher import match

    if value_id:
        found = entity_by_any_id(gazetteer, value_id)
        return frozenset({found.id if found else value_id})
    direct = entity_by_any_id(gazetteer, value)
    if direct is not None:
        return frozenset({direct.id})
    # "Nineveh" is "Nineveh Governorate" in many tables: try the admin words too.
    for name in (value, *(f"{value} {word}" for word in _ADMIN_WORDS)):
        try:
            m = match(name, gazetteer=gazetteer, kind="place", limit=10)
        except ValueError:  # RasmError: not a usable name
            return frozenset()
        if m.best is not None:
            return frozenset(c.entity.id for c in (m.best, *m.alternatives)
                             if c.score >= m.best.score - 0.02)
    return frozenset()


def arabic_agrees(value: str, entity: Entity) -> bool | None:
    """True when `value` is one of the entity's Arabic-script spellings (orthographic variants
    and the consonant skeleton set aside), False when it has some and none fits, None when
    it has none."""
    from rasm.names.arabic import arabic_keys, has_arabic, normalize_arabic

    spellings = [n for n in (entity.arabic, *entity.aliases) if n and has_arabic(n)]
    if not spellings:
        return None
    wanted = normalize_arabic(value)
    if any(normalize_arabic(s) == wanted for s in spellings):
        return True
    skeleton = arabic_keys(value).skeleton
    return bool(skeleton) and any(arabic_keys(s).skeleton == skeleton for s in spellings)


def located_mentions(entity: Entity, value: str) -> bool:
    """The entity's `located` text names `value` ("Aleppo" in "Aleppo Governorate, Syria")."""
    wanted = fold_key(value)
    return bool(wanted) and any(fold_key(part).startswith(wanted)
                                for part in entity.located.split(","))
