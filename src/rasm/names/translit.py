"""Arabic-script text to Latin script, in the schemes of `tables/translit/<scheme>.txt`.

A scheme is an ICU transform rule file (its header says what it is). The rules read vocalized
Arabic; normal text is unvowelled, so each Arabic word is first given its short vowels by
`rasm.names.vocalize`: from marks the writer gave, else from a known name (the gazetteer) or the token
table `tables/translit/tokens.tsv` (vowels read off observed Latin spellings), else by a
heuristic. Text that is not Arabic passes through unchanged (folded to ASCII in ASCII schemes).

Header lines `#@ key: value` set what the rules cannot:
  known-names: canonical   names the gazetteer knows are written in their canonical form
  known-names: vowels      (default) known names only lend their vowels to the rules
  output: ascii            the whole output is ASCII, Latin input folded too (unidecode)
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rasm.checks import check_text
from rasm.errors import ArgumentError, TableError, UnknownSchemeError
from rasm.model import Entity
from rasm.names.vocalize import (
    ARABIC_LETTERS,
    ARABIC_WORD_RE,
    Reading,
    Slot,
    Word,
    align_word,
    apply,
    heuristic,
    letters,
    pair_words,
    parse,
    render,
    repair,
    split_clitic,
    strip_marks,
)

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer

MAX_TEXT_CHARS = 1_000_000  # one call: a name or a paragraph; a book goes line by line
MAX_NAME_WORDS = 5  # the longest run of words looked up as one known name
_DIRECTIVE_RE = re.compile(r"^#@\s*([\w-]+)\s*:\s*(\S+)\s*$")
_INCLUDE_RE = re.compile(r"::\s*rasm-(\w+)\s*;")
_RUN_SPACE_RE = re.compile(r"[^\S\n]+")  # words of one name are separated by spaces, not lines
# Arabic punctuation and digits have plain equivalents in every scheme.
_PUNCTUATION = str.maketrans({
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": ".",
    **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
})
_TOKEN_SPLIT_RE = re.compile(f"({ARABIC_WORD_RE.pattern})")
# Arabic script as it may arrive: also presentation forms (ﺣﻠﺐ), which NFKC turns into letters.
# The ornate parentheses ﴾﴿ are punctuation and stay outside.
_SCRIPT_RE = re.compile(f"([{ARABIC_LETTERS}\ufb50-\ufd3d\ufd40-\ufdff\ufe70-\ufefc]+)")
_DIRECTIVES = {"known-names": ("canonical", "vowels"), "output": ("ascii", "unicode")}
_lock = threading.Lock()


class ArabicLookup(Protocol):
    """What transliteration needs of a gazetteer."""

    def by_arabic(self, text: str) -> list[Entity]: ...


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str
    description: str  # the first header line
    rules: str
    known_names: str  # "canonical" or "vowels"
    ascii: bool
    path: Path


def translit_dir() -> Path:
    from rasm.gazetteer.tables import tables_dir

    return tables_dir() / "translit"


def schemes() -> list[str]:
    """The scheme names, one per rule file in tables/translit/."""
    return sorted(p.stem for p in translit_dir().glob("*.txt"))


@cache
def load_scheme(name: str) -> Scheme:
    known = schemes()
    if name not in known:
        raise UnknownSchemeError(name, known)
    path = translit_dir() / f"{name}.txt"
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    if not header:
        problem = "a rule file starts with a comment header describing the scheme"
        raise TableError(str(path), 1, problem)
    settings = {"known-names": "vowels", "output": "unicode"}
    for number, line in enumerate(header, start=1):
        m = _DIRECTIVE_RE.match(line)
        if line.startswith("#@") and m is None:
            problem = f"malformed directive {line!r} (want '#@ key: value')"
            raise TableError(str(path), number, problem)
        if m is not None:
            key, value = m.groups()
            if value not in _DIRECTIVES.get(key, ()):
                raise TableError(str(path), number, f"unknown directive {key}: {value}")
            settings[key] = value
    description = header[0].lstrip("# ").strip()
    ascii_only = settings["output"] == "ascii"
    return Scheme(name, description, text, settings["known-names"], ascii_only, path)


_COMPILED: dict[str, Any] = {}  # scheme -> icu.Transliterator (PyICU ships no type hints)


def _transliterator(name: str, _seen: tuple[str, ...] = ()) -> Any:
    """The compiled rules of a scheme, registered as `rasm-<name>` so other rule files can
    build on them (`::rasm-alalc;`)."""
    with _lock:
        cached = _COMPILED.get(name)
    if cached is not None:
        return cached
    import icu  # PyICU, imported here so that `import rasm` stays light

    scheme = load_scheme(name)
    where = str(scheme.path)
    for base in _INCLUDE_RE.findall(scheme.rules):
        if base == name or base in _seen:
            raise TableError(where, None, f"rules include themselves through rasm-{base}")
        if base not in schemes():
            raise TableError(where, None, f"includes rasm-{base}, which no rule file defines")
        _transliterator(base, (*_seen, name))
    forward = icu.UTransDirection.FORWARD
    try:
        compiled = icu.Transliterator.createFromRules(f"rasm-{name}", scheme.rules, forward)
    except icu.ICUError as exc:
        raise TableError(where, None, f"ICU cannot compile the rules: {exc}") from exc
    with _lock:
        icu.Transliterator.registerInstance(compiled)
        _COMPILED[name] = compiled
    return compiled


def _apply_rules(name: str, vocalized: str) -> str:
    compiled = _transliterator(name)
    with _lock:  # an ICU transliterator is not promised to be safe across threads
        return str(compiled.transliterate(vocalized))


@cache
def _tokens() -> dict[str, Reading]:
    """Stem -> reading, from tables/translit/tokens.tsv (scripts/build_translit_tables.py)."""
    path = translit_dir() / "tokens.tsv"
    table: dict[str, Reading] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(("#", "stem\t")) or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 4:
                raise TableError(str(path), number, f"expected 4 columns, found {len(fields)}")
            stem = letters(fields[1])[0]
            if "".join(s.key for s in stem) != fields[0]:
                problem = f"vocalized form {fields[1]!r} does not spell {fields[0]!r}"
                raise TableError(str(path), number, problem)
            table[fields[0]] = (tuple(s.vowel for s in stem), tuple(s.shadda for s in stem))
    return table


def _resolve(gazetteer: Gazetteer | ArabicLookup | bool | None) -> ArabicLookup | None:
    if gazetteer is True:
        from rasm.gazetteer import builtin_gazetteer

        return builtin_gazetteer()
    if gazetteer is False or gazetteer is None:
        return None
    if not callable(getattr(gazetteer, "by_arabic", None)):
        kind = type(gazetteer).__name__
        hint = " (load a TSV with rasm.load_gazetteer(path))" if isinstance(gazetteer, str) else ""
        raise ArgumentError("gazetteer", f"must be a Gazetteer, True, False or None, not {kind}"
                                         + hint)
    return gazetteer


def _preferred(entities: Sequence[Entity]) -> Entity:
    """The entity whose canonical form a name gets when several share it: a hand-curated
    entity, else the town (Deir ez-Zor the city rather than its governorate)."""
    ranked = sorted(enumerate(entities), key=lambda ie: (
        not ("curated" in ie[1].source or ie[1].id.startswith("rasm:")),
        ie[1].placetype != "locality",
        -(ie[1].population or 0),  # of the many villages called Halab, the city of Aleppo
        not ie[1].ref,
        ie[0]))
    return ranked[0][1]


def _plausible(words: Sequence[str], entity: Entity) -> bool:
    """Whether a one-word match is the name and not a homograph: the preposition على is not the
    village علي (Ala Pir), so the final ى/ي must agree and the canonical form be one word too."""
    if len(words) > 1:
        return True
    word, arabic = strip_marks(words[0]), strip_marks(entity.arabic)
    if word.endswith("ى") != arabic.endswith("ى"):
        return False
    return pair_words(word, entity.canonical) is not None


def _known_readings(words: Sequence[str], entities: Sequence[Entity]) -> list[Reading | None]:
    """Each word's reading by majority over every Latin name of the entities; a spelling with
    diacritics (Ḩimş) counts twice, since it records vowels on purpose."""
    parsed = [parse(w) for w in words]
    votes: list[Counter[Reading]] = [Counter() for _ in words]
    for entity in entities:
        for name in (entity.canonical, *entity.aliases):
            pairs = pair_words(" ".join(words), name)
            if pairs is None:
                continue
            weight = 2 if not name.isascii() else 1
            for i, (_, latin) in enumerate(pairs):
                reading = align_word(parsed[i], latin)
                if reading is not None:
                    votes[i][reading] += weight
    return [v.most_common(1)[0][0] if v else None for v in votes]


@dataclass(slots=True)
class _Piece:
    """A token of the input: an Arabic word or the text between words."""

    text: str
    arabic: bool
    latin: str | None = None  # set when a known name replaces the word(s)
    reading: Reading | None = None
    skip: bool = False  # part of a known name that an earlier piece writes whole
    clitic: bool = False  # a known name follows a clinging particle on this word


def transliterate(
    text: str, scheme: str = "news", *, gazetteer: Gazetteer | ArabicLookup | bool | None = True
) -> str:
    """`text` with its Arabic-script words in Latin script, following `scheme`.

    gazetteer: True (the built-in tables), a `Gazetteer` (or any object with `by_arabic`), or
    None/False (no known names). Where it knows a name of up to five words, a scheme with
    `known-names: canonical` (news) writes the entity's canonical form; other schemes take the
    name's vowels from its Latin spellings.
    """
    check_text(text, "text", max_chars=MAX_TEXT_CHARS)
    if not isinstance(scheme, str):
        raise ArgumentError("scheme", f"must be a str, not {type(scheme).__name__}")
    spec = load_scheme(scheme)
    if not text:
        return text
    pieces = _pieces(text)
    lookup = _resolve(gazetteer)
    if lookup is not None:
        _apply_known_names(pieces, lookup, spec.known_names == "canonical")
    out = _render(pieces, spec)
    if spec.ascii:
        from unidecode import unidecode

        out = unidecode(out)
    return out


def _pieces(text: str) -> list[_Piece]:
    """Arabic words (NFKC-normalized) and the text around them (as it came)."""
    pieces: list[_Piece] = []
    for i, part in enumerate(_SCRIPT_RE.split(text)):
        if i % 2 == 0:
            pieces.append(_Piece(part, False))
            continue
        normal = unicodedata.normalize("NFKC", part)  # may part words: ﷺ is four
        for j, sub in enumerate(_TOKEN_SPLIT_RE.split(normal)):
            if sub:
                pieces.append(_Piece(sub, j % 2 == 1))
    return pieces


def _runs(pieces: list[_Piece]) -> list[list[int]]:
    """Indexes of the Arabic words of each run of words separated only by spaces."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, piece in enumerate(pieces):
        if piece.arabic:
            current.append(i)
        elif piece.text and not _RUN_SPACE_RE.fullmatch(piece.text):
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _find_name(words: list[str], lookup: ArabicLookup) -> tuple[list[Entity], bool]:
    """The entities named by `words`, or else by them without a clinging particle on the first
    (ودير الزور: wa- + Deir ez-Zor); and whether the particle was set aside."""
    entities = [e for e in lookup.by_arabic(" ".join(words)) if _plausible(words, e)]
    if entities or not split_clitic(parse(words[0])).clitic:
        return entities, False
    bare = [words[0][1:], *words[1:]]
    return [e for e in lookup.by_arabic(" ".join(bare)) if _plausible(bare, e)], True


def _apply_known_names(pieces: list[_Piece], lookup: ArabicLookup, canonical: bool) -> None:
    for run in _runs(pieces):
        i = 0
        while i < len(run):
            for n in range(min(MAX_NAME_WORDS, len(run) - i), 0, -1):
                words = [pieces[j].text for j in run[i:i + n]]
                entities, clitic = _find_name(words, lookup)
                if not entities:
                    continue
                first, last = run[i], run[i + n - 1]
                pieces[first].clitic = clitic
                if canonical:
                    pieces[first].latin = _preferred(entities).canonical
                    for j in range(first + 1, last + 1):  # its other words and their spaces
                        pieces[j].skip = True
                else:
                    bare = [words[0][1:], *words[1:]] if clitic else words
                    for j, reading in zip(run[i:i + n], _known_readings(bare, entities)):
                        pieces[j].reading = reading
                i += n
                break
            else:
                i += 1


def _vocalized(piece: _Piece, construct: bool) -> str:
    word = parse(piece.text)
    keys = "".join(s.key for s in word.stem)
    tokens = _tokens()
    if piece.clitic or piece.reading is None and keys not in tokens and keys[1:] in tokens:
        split = split_clitic(word)  # وحمص: wa- + Ḥimṣ
        if split is not word:
            word, keys = split, keys[1:]
    stem: list[Slot] = word.stem
    given = [s.vowel if g else None for s, g in zip(stem, word.given)]
    reading = piece.reading or tokens.get(keys)
    if reading is not None and len(reading[0]) == len(stem):
        apply(stem, reading[0], reading[1])
    else:
        apply(stem, *heuristic(stem))
    for slot, vowel in zip(stem, given):
        if vowel is not None:
            slot.vowel = vowel
    repair(stem, construct=construct and not word.article)
    return render(word)


def _render(pieces: list[_Piece], spec: Scheme) -> str:
    follows = {i for run in _runs(pieces) for i in run[:-1]}  # construct state candidates
    out: list[str] = []
    batch: list[str] = []  # vocalized words and the spaces between them, transliterated together

    def flush() -> None:
        if batch:
            out.append(_apply_rules(spec.name, "".join(batch)))
            batch.clear()

    for i, piece in enumerate(pieces):
        if piece.skip:
            continue
        if piece.latin is not None:
            if piece.clitic:  # the particle, as the scheme writes it (wa-)
                batch.append(render(Word(split_clitic(parse(piece.text)).clitic, False, [], [])))
            flush()
            out.append(piece.latin)
        elif piece.arabic:
            batch.append(_vocalized(piece, i in follows))
        elif batch and _RUN_SPACE_RE.fullmatch(piece.text):
            batch.append(piece.text)
        else:
            flush()
            out.append(piece.text.translate(_PUNCTUATION))
    flush()
    return "".join(out)


def vocalize_text(text: str) -> str:
    """`text` with each Arabic word vocalized as the rules read it (for inspection and tests)."""
    pieces = _pieces(text)
    follows = {i for run in _runs(pieces) for i in run[:-1]}
    return "".join(_vocalized(p, i in follows) if p.arabic else p.text
                   for i, p in enumerate(pieces))


def reset_caches() -> None:
    load_scheme.cache_clear()
    _tokens.cache_clear()
    with _lock:  # ICU keeps the registered rasm-* ids; compiling again replaces them
        _COMPILED.clear()


__all__ = ["reset_caches", "schemes", "transliterate", "vocalize_text"]
