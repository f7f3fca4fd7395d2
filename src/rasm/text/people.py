"""People in running text, judged by name parts once the whole document is read.

Two decisions the span-by-span linker cannot make:

- A person linked by a loose spelling (consonants, not the same name) is checked part by part
  (`rasm.names.party_score`); when the parts do not agree well enough, the mention stays a person
  mention without an entity: a news article's "Ahmad al-Saleh" is not the listed "AL-SALIH,
  Ahmad Mahdi" just because the consonants are close.
- A person named in full and later by the family name or the kunya alone ("al-Hout said", "Abu
  Mohammad said") is that same person: the later mentions link to the same entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from rasm.names.party_score import is_latin_name, pair_score
from rasm.names.person_names import FAMILY, KUNYA, parse_person
from rasm.text.context import Resolved
from rasm.text.lookup import Hit

STRING_SAME = frozenset({"exact", "folded", "phonetic", "arabic"})
COREFERENCE = "coreference"
# A family name or kunya alone: an optional article or Abu/Umm, then a capitalized word.
# (The look-ahead only says which letters a match can start with: a lowercase word other than
# "al"/"el" is passed over after one test.)
_SHORT_NAME_RE = re.compile(
    r"\b(?=[A-Zae])(?:(?:[Aa]l|[Ee]l)[-\s]|(?:Abu|Abou|Umm|Um)\s+(?:(?:al|el)[-\s])?)?"
    r"[A-Z][\w'’-]{2,}"
)


def link_people(text: str, resolved: Sequence[Resolved], threshold: float) -> list[Resolved]:
    """The document's mentions with people checked by parts and short mentions of people
    named in full linked to them."""
    checked = [
        r if r.hit is None or r.hit.entity.kind != "person" or r.hit.method in STRING_SAME
        else _checked(text, r, threshold)
        for r in resolved
    ]
    named: dict[str, Hit] = {}  # family-name or kunya key -> the person named in full
    first_at: dict[str, int] = {}
    for r in checked:
        if r.hit is None or r.hit.entity.kind != "person":
            continue
        parsed = parse_person(text[r.start : r.end])
        if len(parsed.parts) < 2:
            continue
        for part in parsed.parts:
            if part.role in (FAMILY, KUNYA) and part.phonetic:
                named.setdefault(part.phonetic, r.hit)
                first_at.setdefault(part.phonetic, r.end)
    if not named:
        return checked
    out: list[Resolved] = []
    for r in checked:
        if r.hit is None and r.kind in (None, "person"):
            hit = _short_mention(text[r.start : r.end], r.start, named, first_at)
            if hit is not None:
                out.append(Resolved(r.start, r.end, hit, (), "person"))
                continue
        out.append(r)
    before = len(out)
    overlaps: _Taken | None = None  # the mentions so far, made when first needed
    for m in _SHORT_NAME_RE.finditer(text):
        # Most capitalized words are no family name of anyone named: turned away by one look-up.
        key = _short_key(m.group())
        if key is None or key not in named or m.start() < first_at[key]:
            continue
        if overlaps is None:
            overlaps = _Taken([(r.start, r.end) for r in out[:before]])
        if overlaps(m.start(), m.end()):
            continue
        hit = named[key]
        out.append(Resolved(m.start(), m.end(), Hit(hit.entity, hit.score, COREFERENCE, hit.matched),
                            (), "person"))
    return sorted(out, key=lambda r: r.start)


class _Taken:
    """Whether a stretch overlaps one of the mentions already found: a binary search over the
    mentions by start, with the furthest end so far (a scan of every mention for every
    capitalized word made long documents quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # reach[k]: the furthest end among spans[: k + 1]
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def __call__(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # spans[:k] start before `end`
        return k > 0 and self.reach[k - 1] > start


def _checked(text: str, r: Resolved, threshold: float) -> Resolved:
    hit = r.hit
    if hit is None or hit.entity.kind != "person" or hit.method in STRING_SAME:
        return r
    surface = text[r.start : r.end]
    if not is_latin_name(surface) or not is_latin_name(hit.matched):
        return r
    scored = pair_score("person", surface, hit.matched)
    if scored.score >= threshold:
        return r
    return Resolved(r.start, r.end, None, (), "person")  # a person, not the listed one


def _short_mention(
    surface: str, start: int, named: dict[str, Hit], first_at: dict[str, int]
) -> Hit | None:
    key = _short_key(surface)
    hit = named.get(key) if key is not None else None
    if hit is None or key is None or start < first_at[key]:
        return None  # only after the person was named in full
    return Hit(hit.entity, hit.score, COREFERENCE, hit.matched)


@lru_cache(maxsize=65536)
def _short_key(surface: str) -> str | None:
    """The key a family name, kunya or given name alone is known by, or None when `surface`
    is not one name part."""
    parts = parse_person(surface).parts
    if len(parts) != 1 or parts[0].role not in (FAMILY, KUNYA, "given"):
        return None
    return parts[0].phonetic
