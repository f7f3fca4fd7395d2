"""The canonical name of an entity in rasm's house style, and its names in every style.

`news_name` picks the name an English-language reader knows from the spellings the sources give
(docs/house_style.md): a curated exception if one names the entity; else the spelling English
sources use, chosen by weighted vote over the entity's Latin spellings, each cleaned to house
style (`rasm.names.house_rules.clean`); else, with Arabic only, Wikidata's English rendering of each
word (`load_name_tokens`) or rasm's news transliteration. `styles_for` gives the entity's names
in every style of `rasm.model.STYLES`; `audit` lists the rules a canonical name breaks.

Pure functions over the spellings passed in: the table build calls them for every entity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rasm.errors import InputError, TableError
from rasm.model import STYLES
from rasm.names.house_rules import audit as audit_rules
from rasm.names.house_rules import clean, has_arabic_script, has_marks, repair_ayn_spaces

EXCEPTIONS_FILE = "curated/canonical_exceptions.tsv"
# Countries whose names are not Arabic: only marks and letters are folded there (Yeniköy ->
# Yenikoy, Qal'eh-ye Now -> Qaleh-ye Now), no Arabic article rules.
NON_ARABIC_COUNTRIES = frozenset({"IR", "TR", "AF", "IL"})
# Weights of a spelling by where it comes from (docs/house_style.md, "Choosing the spelling").
W_NAME, W_NAME_ALT, W_ENGLISH, W_TITLE, W_OTHER, W_TOKENS = 3.0, 1.5, 2.0, 5.0, 1.0, 1.0
W_MARKED_ENGLISH, W_MARKED_OTHER, W_TRANSLIT_AGREES = 1.0, 0.25, 0.5
# An English variant naming the entity with its admin level is the English Wikipedia title
# (Aleppo Governorate, Nineveh Governorate, Mecca Province): its bare name is the English name.
_ADMIN_SUFFIX_RE = re.compile(
    r"\s+(?:governorate|province|region|district|sub-?district|nahiyah?|municipality|emirate"
    r"|wilayat|wilaya|caza|qada|county)$", re.IGNORECASE)
_ADMIN_PREFIX_RE = re.compile(
    r"^(?:emirate of|governorate of|province of|mu\S*af\S*at|n\S*h\S*yat|mintaqat|qada)\s+",
    re.IGNORECASE)
_PAREN_RE = re.compile(r"\(([^)]*)\)")
_ARABIC_ARTICLE = "ال"
_BGN_LETTERS = set("ḩḨşŞţŢḑḐz̧‘’áÁ")
_ALALC_LETTERS = set("ḥḤṣṢṭṬḍḌẓẒʿʾ")


@dataclass(frozen=True, slots=True)
class _Spelling:
    cleaned: str
    weight: float
    plain: bool  # some source wrote it exactly as house style does (no repair needed)


def load_name_tokens(path: str | Path, *, min_count: int = 2, min_share: float = 0.4) -> dict[str, str]:
    """Arabic word -> the Latin spelling Wikidata's English labels use most for it, from a
    `arabic, latin, count, source` table (../shared/data/name_tokens.tsv): plain ASCII spellings
    only, kept when seen `min_count` times and in `min_share` of the word's plain spellings."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.rstrip("\n").split("\t")
            if number == 1 and fields[:2] == ["arabic", "latin"]:
                continue
            if len(fields) < 3 or not fields[2].isdigit():
                raise TableError(str(path), number, "expected arabic, latin, count[, source]")
            latin = fields[1].strip().lower()
            if latin.isascii() and latin.isalpha():
                counts[fields[0].strip()][latin] += int(fields[2])
    table: dict[str, str] = {}
    for word, seen in counts.items():
        latin, count = seen.most_common(1)[0]
        if count >= min_count and count >= min_share * sum(seen.values()):
            table[word] = latin
    return table


@cache
def _exceptions_at(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if fields[:3] == ["key", "name", "why"]:
                continue
            if len(fields) != 3 or not all(f.strip() for f in fields):
                raise TableError(str(path), number, "expected 3 filled columns: key, name, why")
            key, name, _why = (f.strip() for f in fields)
            if key in table:
                raise TableError(str(path), number, f"key {key!r} is listed twice")
            broken = audit_rules(name, style_rules=False)
            if broken:
                raise TableError(str(path), number, f"{name!r}: {'; '.join(broken)}")
            table[key] = name
    return table


def exceptions() -> dict[str, str]:
    """The curated exceptions: key (wof:N, wikidata:Q…, geonames:N, rasm:…, or arabic:<name>)
    -> canonical name, from tables/curated/canonical_exceptions.tsv."""
    from rasm.gazetteer.tables import tables_dir

    return dict(_exceptions_at(tables_dir() / EXCEPTIONS_FILE))


def _exception_for(ids: Iterable[str], arabic: str, table: Mapping[str, str]) -> str | None:
    for key in ids:
        if key in table:
            return table[key]
    if arabic:
        return table.get("arabic:" + " ".join(arabic.split()))
    return None


def _arabic_rules(country: str) -> bool:
    return country.upper() not in NON_ARABIC_COUNTRIES


def _strip_admin(spelling: str) -> tuple[str, bool]:
    """The spelling without an admin-level word, and whether it had one."""
    bare = _ADMIN_PREFIX_RE.sub("", _ADMIN_SUFFIX_RE.sub("", spelling)).strip()
    return (bare, bare != spelling.strip()) if bare else (spelling, False)


def _skeleton(name: str) -> str:
    """Consonants without the article, doubled letters once, no final h: what a romanization
    must share with the Arabic (Raqqa and al-Raqqah: rq; Rakka: rk)."""
    words = [w for w in re.split(r"[\s-]+", name.lower()) if w and w != "al"]
    letters = re.sub(r"[^a-z]|[aeiouy]", "", "".join(words))
    letters = re.sub(r"(.)\1+", r"\1", letters)
    return letters.removesuffix("h")


def _token_form(arabic: str, tokens: Mapping[str, str]) -> str | None:
    """The Arabic name written word by word as Wikidata's English labels write each word, when
    every word is known (الشيخ -> sheikh; النعمان -> al- + numan)."""
    out: list[str] = []
    for word in arabic.split():
        if word in tokens:
            out.append(tokens[word])
        elif word.startswith(_ARABIC_ARTICLE) and word[2:] in tokens:
            out.append("al-" + tokens[word[2:]])
        else:
            return None
    return " ".join(out) if out else None


def _from_arabic(arabic: str, tokens: Mapping[str, str], arabic_rules: bool) -> str:
    """rasm's news transliteration, each word Wikidata's English labels know written their way."""
    from rasm.names.translit import transliterate

    written = transliterate(arabic, "news", gazetteer=False)
    words, latin = arabic.split(), written.split()
    if len(words) == len(latin):
        latin = [_token_form(w, tokens) or t for w, t in zip(words, latin)]
    return clean(" ".join(latin), arabic_rules=arabic_rules)


def _spellings(english: str, variants: Sequence[str], english_variants: Sequence[str],
               arabic_rules: bool, ayn: bool) -> list[_Spelling]:
    """Every Latin spelling, cleaned, with its weight."""
    raw: list[tuple[str, float, float]] = []  # spelling, weight as written, weight if marked
    if english.strip():
        inside = _PAREN_RE.findall(english)
        raw.append((_PAREN_RE.sub(" ", english), W_NAME, W_MARKED_ENGLISH))
        raw += [(part, W_NAME_ALT, W_MARKED_ENGLISH) for part in inside]
    for variant in english_variants:
        bare, titled = _strip_admin(variant)
        raw.append((bare, W_TITLE if titled else W_ENGLISH, W_MARKED_ENGLISH))
    for variant in variants:
        raw.append((_strip_admin(variant)[0], W_OTHER, W_MARKED_OTHER))
    out: list[_Spelling] = []
    seen: set[str] = set()
    for spelling, weight, marked_weight in raw:
        spelling = " ".join(spelling.split())
        if spelling in seen:  # one spelling is one vote, however many fields repeat it
            continue
        seen.add(spelling)
        if not spelling or has_arabic_script(spelling) or not any(c.isalpha() for c in spelling):
            continue
        if spelling.isupper() and len(spelling) <= 5:  # an acronym (UNDOF), not a spelling
            continue
        cleaned = clean(spelling, arabic_rules=arabic_rules, ayn=ayn)
        if has_marks(spelling) or repair_ayn_spaces(spelling) != spelling:
            weight = marked_weight  # a scholarly spelling (Ma‘lūlā, H'alab, Dar a)
        elif cleaned != spelling:
            weight = (weight + marked_weight) / 2  # only the article or case to mend (Ar Raqqah)
        out.append(_Spelling(cleaned, weight, cleaned == spelling))
    return out


def _vote(spellings: Sequence[_Spelling], skeleton: str | None) -> str:
    """The cleaned spelling with the most weight behind it. Spellings that differ only in case,
    spaces or hyphens count together; agreeing with the Arabic's consonants adds a little; on a
    tie, a spelling some source printed exactly so beats one rasm had to mend."""
    score: dict[str, float] = defaultdict(float)
    plain: dict[str, bool] = defaultdict(bool)
    best_form: dict[str, tuple[float, str]] = {}
    for s in spellings:
        key = re.sub(r"[^a-z]", "", s.cleaned.lower())
        score[key] += s.weight
        plain[key] |= s.plain
        if key not in best_form or s.weight > best_form[key][0]:
            best_form[key] = (s.weight, s.cleaned)
    for key, (_, form) in best_form.items():
        if skeleton is not None and _skeleton(form) == skeleton:
            score[key] += W_TRANSLIT_AGREES
    order = {key: i for i, key in reversed(list(enumerate(best_form)))}
    winner = max(score, key=lambda k: (score[k], plain[k], -order[k]))
    return best_form[winner][1]


def _person_order(name: str) -> str:
    """OFAC's "LAST, First" as a reader writes it: "First Last"."""
    last, sep, first = name.partition(", ")
    if sep and "," not in first and last.isupper() and first.strip():
        return f"{first.strip()} {last.strip().title()}"
    return name


def news_name(
    english: str,
    variants: Sequence[str],
    arabic: str,
    kind: str,
    *,
    english_variants: Sequence[str] = (),
    tokens: Mapping[str, str] | None = None,
    ids: Sequence[str] = (),
    country: str = "",
    exception_table: Mapping[str, str] | None = None,
) -> str:
    """The canonical news-style name of an entity (docs/house_style.md).

    english: the source's English name (WOF `name`, "H'alab", "Homs (Hims)"); variants: its other
    Latin spellings (und_x_variant, GeoNames alternates, other languages); english_variants:
    spellings English-language sources use (eng_x_variant: "Aleppo Governorate", "Raqqa");
    arabic: its Arabic name (else the first Arabic-script spelling among the others); kind:
    place, org or person; tokens: `load_name_tokens` of
    name_tokens.tsv; ids: the entity's ids and refs (wof:N, wikidata:Q…), looked up in the
    curated exceptions (`exception_table`, default tables/curated/canonical_exceptions.tsv);
    country: ISO2, for the countries whose names are not Arabic.
    """
    table = exceptions() if exception_table is None else exception_table
    arabic = arabic.strip()
    if not arabic:  # an Arabic-script name among the others ("شرم", und_x_variant=اعزاز)
        arabic = next((" ".join(n.split()) for n in (english, *english_variants, *variants)
                       if has_arabic_script(n)), "")
    exception = _exception_for(ids, arabic, table)
    if exception is not None:
        return exception
    arabic_rules = _arabic_rules(country)
    ayn = not arabic or "ع" in arabic  # without an ayn in the Arabic, a mark is a hamza
    if kind != "place" and english.strip():
        named = _person_order(english) if kind == "person" else english
        return clean(named, arabic_rules=arabic_rules, ayn=ayn, parenthesized=True)
    spellings = _spellings(english, variants, english_variants, arabic_rules, ayn)
    tokens = tokens or {}
    if arabic and has_arabic_script(arabic):
        token_form = _token_form(arabic, tokens)
        if token_form is not None:
            spellings.append(_Spelling(clean(token_form, arabic_rules=arabic_rules), W_TOKENS, True))
        if not spellings:
            return _from_arabic(arabic, tokens, arabic_rules)
    if not spellings:
        raise InputError(f"no name to write for this {kind}: no Latin spelling and no Arabic name")
    skeleton = None
    if arabic and has_arabic_script(arabic) and arabic_rules:
        from rasm.names.translit import transliterate

        skeleton = _skeleton(clean(transliterate(arabic, "news", gazetteer=False)))
    return _vote(spellings, skeleton)


def _source_spelling(spellings: Iterable[str], wanted: set[str], unwanted: set[str],
                     written: str) -> str | None:
    """The sources' spelling in a marked scheme: one with its letters and none of the other
    scheme's; of several (BGN Ma‘arrat an Nu‘mān beside French Maret en Na‘man), the closest to
    the Arabic written in that scheme, else the first."""
    found = [s for s in dict.fromkeys(" ".join(s.split()) for s in spellings)
             if set(s) & wanted and not set(s) & unwanted and not has_arabic_script(s)]
    if not found:
        return None
    if not written:
        return found[0]
    from rapidfuzz.fuzz import ratio

    return max(found, key=lambda s: (ratio(s, written), -found.index(s)))


def _scheme(arabic: str, scheme: str) -> str:
    if not arabic:
        return ""
    from rasm.names.translit import transliterate

    return transliterate(arabic, scheme, gazetteer=False)


def styles_for(
    english: str,
    variants: Sequence[str],
    arabic: str,
    kind: str,
    *,
    english_variants: Sequence[str] = (),
    tokens: Mapping[str, str] | None = None,
    ids: Sequence[str] = (),
    country: str = "",
    news: str | None = None,
    exception_table: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The entity's name in each style of rasm.model.STYLES (docs/house_style.md).

    news: `news_name` (pass it when already computed); bgn: the sources' BGN/PCGN spelling with
    its marks, else the Arabic in rasm's bgn scheme; alalc: the sources' ALA-LC spelling, else
    the alalc scheme; ascii: the ascii scheme (ALA-LC folded to ASCII); arabic: the Arabic name;
    source: the source's own English name. A style with nothing to go on takes the source name.
    """
    from unidecode import unidecode

    if news is None:
        news = news_name(english, variants, arabic, kind, english_variants=english_variants,
                         tokens=tokens, ids=ids, country=country, exception_table=exception_table)
    source = " ".join(english.split()) or news
    latin = [english, *english_variants, *variants]
    usable = arabic.strip() if has_arabic_script(arabic) and _arabic_rules(country) else ""
    names: dict[str, str] = {"news": news, "source": source, "arabic": arabic.strip()}
    for style, wanted, unwanted in (("bgn", _BGN_LETTERS, _ALALC_LETTERS),
                                    ("alalc", _ALALC_LETTERS, _BGN_LETTERS)):
        written = _scheme(usable, style)
        names[style] = _source_spelling(latin, wanted, unwanted, written) or written or source
    names["ascii"] = _scheme(usable, "ascii") or unidecode(source)
    return {style: names[style] for style in STYLES}


def audit(name: str, *, exception_names: Iterable[str] | None = None) -> list[str]:
    """Every house-style rule a canonical name breaks (empty: it keeps them all). A curated
    exception's name (Deir ez-Zor, Hay'at Tahrir al-Sham) answers only to the rules no name may
    break: Arabic script, marks, non-ASCII letters, parentheses, stray spaces."""
    curated = set(exceptions().values()) if exception_names is None else set(exception_names)
    return audit_rules(name, style_rules=name not in curated)


def reset_caches() -> None:
    _exceptions_at.cache_clear()


__all__ = ["EXCEPTIONS_FILE", "audit", "exceptions", "load_name_tokens", "news_name", "reset_caches",
           "styles_for"]
