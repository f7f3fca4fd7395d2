"""Names in running text: find the mentions of places, organisations and people, link each to
its entity, and rewrite the text to canonical spellings.

    >>> from rasm.text import normalize_text
    >>> normalize_text("Shelling hit Deir Ezzur.", gazetteer=g).text   # doctest: +SKIP
    'Shelling hit Deir ez-Zor.'

Offsets are Python string indices (Unicode code points) into the input: for every mention,
`text[m.start:m.end] == m.surface`. Everything that is not a mention is returned unchanged.

How: the text is scanned once for name-shaped chunks (`rasm.text_tokens`); each chunk's spans
are looked up by exact keys in the gazetteer's indexes (`rasm.text_link`, cached per chunk);
the document then decides short and ambiguous names (`rasm.text_context`). Unknown names that
look Arabic ("Zaid al-Saleh", "Tal X") are reported unlinked, with the key that groups their
spellings.
"""

from __future__ import annotations

import re
import threading
import warnings
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasm.checks import check_gazetteer, check_kind, check_text, check_threshold, excerpt
from rasm.errors import ArgumentError, InputError
from rasm.gazetteer import Gazetteer
from rasm.matcher import DEFAULT_THRESHOLD, prepare
from rasm.model import STYLES as NAME_STYLES
from rasm.model import Entity
from rasm.text_context import Placed, Resolved, resolve
from rasm.text_lang import MAYBE_TURKISH, MORPH_LANGS, DocumentLanguages, chunk_script, turkish
from rasm.text_link import Hit, Linker, Span
from rasm.text_people import link_people
from rasm.text_tokens import MARKS, Chunk, chunk_pattern

REWRITES = ("replace", "append", "identity")  # how the text is rewritten: the `rewrite=` mode
STYLES = REWRITES  # the old name of REWRITES; `style=` is now the name style (docs/house_style.md)
MAX_DOCUMENT_CHARS = 50_000_000  # one document; a corpus goes through `rasm batch`


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another entity the mention could name about as well as the chosen one."""

    id: str
    canonical: str
    kind: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "canonical": self.canonical, "kind": self.kind,
                "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text. `id`/`canonical` are None for a name no table knows; `key` groups
    the spellings of one name either way."""

    start: int
    end: int
    surface: str
    id: str | None
    canonical: str | None
    kind: str | None
    score: float
    method: str  # exact, folded, phonetic, skeleton, tokens, arabic; "pattern" when unlinked
    key: str
    alternatives: tuple[Alternative, ...] = ()
    # The form looked up when the language's grammar changed the surface: "Дамаск" for
    # "Дамаске", "Halep" for "Halep'i", "الرقة" for "للرقة"; None when the surface itself matched.
    lemma: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "surface": self.surface, "id": self.id,
            "canonical": self.canonical, "kind": self.kind, "score": round(self.score, 4),
            "method": self.method, "key": self.key,
            "alternatives": [a.to_dict() for a in self.alternatives], "lemma": self.lemma,
        }


@dataclass(frozen=True, slots=True)
class TextResult:
    text: str  # the rewritten text
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "mentions": [m.to_dict() for m in self.mentions]}


_linkers: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[Any, ...], Linker]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def _linker(gazetteer: Gazetteer, kinds: frozenset[str] | None, threshold: float) -> Linker:
    with _lock:
        per_gazetteer = _linkers.setdefault(gazetteer, {})
        key = (kinds, threshold)
        linker = per_gazetteer.get(key)
        if linker is None:
            linker = per_gazetteer[key] = Linker(gazetteer, kinds, threshold)
        return linker


@lru_cache(maxsize=65536)
def _key(surface: str) -> str:
    return prepare(surface).key


def name_style_and_rewrite(style: str | None, rewrite: str | None) -> tuple[str, str]:
    """(name style, rewrite mode) from the keywords; `style="append"` (the old spelling of the
    rewrite mode) still works, with a DeprecationWarning."""
    if style in REWRITES:
        warnings.warn(f"style={style!r} names the rewrite mode; use rewrite={style!r} (style= is "
                      "now the name style: " + ", ".join(NAME_STYLES) + ")",
                      DeprecationWarning, stacklevel=3)
        if rewrite is None:
            rewrite = style
        style = None
    if style is not None and style not in NAME_STYLES:
        known = ", ".join(NAME_STYLES)
        raise ArgumentError("style", f"unknown name style {excerpt(style)}; known: {known} "
                                     "(rewrite modes go in rewrite=)")
    rewrite = "replace" if rewrite is None else rewrite
    if rewrite not in REWRITES:
        raise ArgumentError("rewrite", f"unknown rewrite mode {excerpt(rewrite)}; known: "
                                       f"{', '.join(REWRITES)}")
    return style or "news", rewrite


def _name(entity: Entity, style: str) -> str:
    return entity.canonical if style == "news" else entity.name_in(style) or entity.canonical


def _check(text: object, gazetteer: object, kinds: Iterable[str] | None,
           threshold: float | None) -> tuple[frozenset[str] | None, float]:
    if isinstance(text, str) and len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            f"document is {len(text)} characters long; the limit is {MAX_DOCUMENT_CHARS} "
            "(split a corpus into documents)"
        )
    check_text(text, "text")
    check_gazetteer(gazetteer)
    kind_set: frozenset[str] | None = None
    if kinds is not None:
        if isinstance(kinds, str):
            kinds = [kinds]
        if not isinstance(kinds, Iterable):
            raise ArgumentError("kinds", f"must be a list of kinds, not {type(kinds).__name__}")
        kind_set = frozenset(check_kind(k, "kinds") or "" for k in kinds)
    cutoff = check_threshold(threshold)
    return kind_set, DEFAULT_THRESHOLD if cutoff is None else cutoff


def _turkish_suffix(text: str) -> bool:
    split = turkish.split
    return any((cut := split(word)) is not None and cut.harmonic for word in text.split())


def find_mentions(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    kinds: Iterable[str] | None = None,
    threshold: float | None = None,
    style: str | None = None,
) -> list[Mention]:
    """The mentions of `text`, in order, without overlaps (the longest name wins); `canonical`
    in name style `style` (default news)."""
    style, _ = name_style_and_rewrite(style, None)
    kind_set, cutoff = _check(text, gazetteer, kinds, threshold)
    if not text:
        return []
    if gazetteer is None:
        from rasm.gazetteer import builtin_gazetteer

        gazetteer = builtin_gazetteer()
    linker = _linker(gazetteer, kind_set, cutoff)
    # People by name parts, and later short mentions of people named in full (issue 13).
    resolved = link_people(text, resolve(text, _placed(text, linker)), cutoff)
    alternatives = linker.alternatives
    if len(alternatives) > _ALTERNATIVES_CACHED:
        alternatives.clear()
    return [_mention(text, r, style, alternatives) for r in resolved]


_ALTERNATIVES_CACHED = 100_000


def _placed(text: str, linker: Linker) -> list[Placed]:
    """The spans of every chunk, placed in the document, each chunk read with the rules of its
    language. A chunk of plain ASCII letters without an apostrophe (English prose, nearly
    always) needs none and takes the plain path at the cost of three string tests."""
    languages: DocumentLanguages | None = None  # identifies nothing until asked
    plain_cache = linker.plain_chunks
    rule_free = linker.rule_free
    out: list[Placed] = []
    for m in chunk_pattern().finditer(text):
        piece = m.group()
        if piece.isascii() and "'" not in piece and "`" not in piece:
            # Most chunks: seen before ("The", "Aleppo"), read from the cache untouched.
            spans = plain_cache.get(piece)
            if spans is None:
                spans = linker.analyse(Chunk(m.start(), m.end(), piece, m.lastgroup == "ara"))
        else:
            spans = rule_free.get(piece)
            if spans is None:
                chunk = Chunk(m.start(), m.end(), piece, m.lastgroup == "ara")
                if not chunk.arabic and _latin_without_rules(piece):
                    spans = rule_free[piece] = linker.analyse(chunk)
                else:
                    if languages is None:
                        languages = DocumentLanguages(text)
                    spans = _spans(text, chunk, _language(chunk, languages), linker)
        if spans:
            at = m.start()
            out.extend([Placed(at + span.start, at + span.end, span) for span in spans])
    return out


def _spans(text: str, chunk: Chunk, lang: str, linker: Linker) -> tuple[Span, ...]:
    if not lang:
        return linker.analyse(chunk)
    spans = linker.analyse(chunk, lang)
    if lang in _CAPITALIZING and spans and spans[0].start == 0 and spans[0].weak and (
        _sentence_initial(text, chunk.start)
    ):
        return spans[1:]  # "Heyet" (delegation) opening a sentence is no village Hayyat
    return spans


# Languages that capitalize only names and sentence starts, and have no list of common words
# here: a weak name (short, or not well known) at a sentence start is taken for a common word.
_CAPITALIZING = frozenset({"ru", "uk", "tr", MAYBE_TURKISH})
_OPENERS = " \t\u00a0«\"„“”'‘(—–-"


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 20) : pos].rstrip(_OPENERS)
    return not before or before[-1] in ".!?…:;\n" or (pos <= 20 and not before.strip())


_APOSTROPHE_RE = re.compile(f"[{MARKS}]")


def _language(chunk: Chunk, languages: DocumentLanguages) -> str:
    """The language whose rules apply to `chunk`, or "" (none: English and the like). Only
    Cyrillic and Arabic-script chunks, and Latin ones with a word that may carry a Turkish
    suffix ("Şam'da", not "Sha'ar"), ask the identifier."""
    text = chunk.text
    script = "arabic" if chunk.arabic else chunk_script(text)
    if script == "latin" and _latin_without_rules(text):
        return ""
    lang, sure = languages.at(chunk.start, script)
    if script == "latin" and not sure:
        return MAYBE_TURKISH
    return lang if lang in MORPH_LANGS else ""


def _latin_without_rules(text: str) -> bool:
    """A Latin-script chunk that no language's rules apply to, in any document: accented
    ("Ḩamāh"), or with an apostrophe but no Turkish suffix ("Sha'ar")."""
    return chunk_script(text) == "latin" and (
        _APOSTROPHE_RE.search(text) is None or not _turkish_suffix(text)
    )


def _mention(text: str, r: Resolved, style: str = "news",
             cache: dict[tuple[int, str], tuple[Hit, Alternative]] | None = None) -> Mention:
    surface = text[r.start : r.end]
    alternatives = tuple(_alternative(h, style, cache) for h in r.alternatives)
    if r.hit is None:
        return Mention(r.start, r.end, surface, None, None, r.kind, 0.0, "pattern", _key(surface))
    entity = r.hit.entity
    return Mention(r.start, r.end, surface, entity.id, _name(entity, style), entity.kind, r.hit.score,
                   r.hit.method, _key(r.lemma or surface), alternatives, r.lemma)


def _alternative(hit: Hit, style: str,
                 cache: dict[tuple[int, str], tuple[Hit, Alternative]] | None) -> Alternative:
    """The Alternative a hit makes, kept per hit object (the linker's hits are cached and
    recur in every document that names them); the entry holds the hit, so its id stays its."""
    key = (id(hit), style)
    found = cache.get(key) if cache is not None else None
    if found is not None:
        return found[1]
    entity = hit.entity
    alternative = Alternative(entity.id, _name(entity, style), entity.kind, hit.score)
    if cache is not None:
        cache[key] = (hit, alternative)
    return alternative


def rewrite(text: str, mentions: Iterable[Mention], style: str = "replace") -> str:
    """`text` with each linked mention replaced by its canonical name ("replace"), followed by
    it in brackets ("append"), or left as it is ("identity")."""
    if style == "identity":
        return text
    parts: list[str] = []
    pos = 0
    for m in mentions:
        if m.canonical is None or m.surface == m.canonical:
            continue  # nothing to say: "Aleppo [Aleppo]" would only add noise
        parts.append(text[pos : m.start])
        parts.append(m.canonical if style == "replace" else f"{m.surface} [{m.canonical}]")
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts)


_rewrite = rewrite  # normalize_text's `rewrite=` keyword shadows the function


def normalize_text(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    kinds: Iterable[str] | None = None,
    threshold: float | None = None,
    rewrite: str | None = None,
    style: str | None = None,
) -> TextResult:
    """Mentions of `text` and the text rewritten: `rewrite` replace (default), append or
    identity; names in name style `style` (news by default; bgn, alalc, ascii, arabic, source)."""
    style, mode = name_style_and_rewrite(style, rewrite)
    mentions = find_mentions(text, gazetteer=gazetteer, kinds=kinds, threshold=threshold, style=style)
    return TextResult(_rewrite(text, mentions, mode), tuple(mentions))


def reset_caches() -> None:
    from rasm import text_tokens, text_wordlists
    from rasm.text_lang import russian

    with _lock:
        _linkers.clear()
    _key.cache_clear()
    russian.reset_caches()
    text_tokens.reset_caches()
    text_wordlists.reset_caches()
