"""`NameIndex`: every spelling of every entity under its keys, so that candidates for a query
come from a few dictionary look-ups instead of a scan of the table.

Postings are name numbers; a name number leads to its spelling, its keys and its entity. The
index is plain lists and dicts of str/int, so it can be marshalled to disk and loaded fast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasm.model import Entity, entity_preference
from rasm.names.arabic import arabic_keys, has_arabic, latin_reading
from rasm.names.fold import (
    SURNAME_PREFIX,
    NameKeys,
    acronym_key,
    content_words,
    drop_generic,
    drop_qualifiers,
    keys_from_words,
    latin_keys,
    phonetic_word,
    special_keys,
    without_title,
)

if TYPE_CHECKING:
    from rasm.gazetteer.store import Store

# Name origins, stored per name: where in the entity row the spelling came from. REDUCED is a
# Latin spelling indexed a second time without its trailing qualifiers (fold.drop_qualifiers).
CANONICAL, ALIAS, ARABIC, REDUCED = 0, 1, 2, 3
# Keys under which a name is found only by a query read the same way: an organisation's
# initials, a person's family name.
ACRONYM, SURNAME = 4, 5
# Words too common to pull candidates on their own (postings longer than this are skipped).
MAX_WORD_POSTINGS = 300


STRING_COLUMNS = ("spelling", "folded", "phonetic", "skeleton", "words", "reading")
KEY_TABLES = ("by_phonetic", "by_skeleton", "by_tokens", "by_word")


@dataclass
class NameIndex:
    """Columns per name and key tables. Built in memory as lists and dicts (`build`), or opened
    from a compiled store as memory-mapped columns of the same shape (`from_store`)."""

    entity_of: Sequence[int] = field(default_factory=list)
    origin: Sequence[int] = field(default_factory=list)
    spelling: Sequence[str] = field(default_factory=list)
    folded: Sequence[str] = field(default_factory=list)
    phonetic: Sequence[str] = field(default_factory=list)
    skeleton: Sequence[str] = field(default_factory=list)
    words: Sequence[str] = field(default_factory=list)  # phonetic words joined by spaces
    # Arabic-script names only: their Latin readings (arabic.latin_reading, construct and
    # adjectival ta marbuta), "|"-joined; computed once here rather than for every query.
    reading: Sequence[str] = field(default_factory=list)
    by_phonetic: Mapping[str, Sequence[int]] = field(default_factory=dict)
    by_skeleton: Mapping[str, Sequence[int]] = field(default_factory=dict)
    by_tokens: Mapping[str, Sequence[int]] = field(default_factory=dict)
    by_word: Mapping[str, Sequence[int]] = field(default_factory=dict)  # word skeleton -> names

    @classmethod
    def from_store(cls, store: Store) -> NameIndex:
        return cls(
            entity_of=store.array("entity_of"),
            origin=store.array("origin"),
            **{name: store.strings(name) for name in STRING_COLUMNS},  # type: ignore[arg-type]
            **{name: store.keys(name) for name in KEY_TABLES},  # type: ignore[arg-type]
        )

    def columns(self) -> tuple[dict[str, Sequence[str]], dict[str, tuple[str, Sequence[int]]]]:
        """The string and integer columns, for writing a store."""
        strings = {name: getattr(self, name) for name in STRING_COLUMNS}
        return strings, {"entity_of": ("I", self.entity_of), "origin": ("B", self.origin)}

    def key_tables(self) -> dict[str, Mapping[str, Sequence[int]]]:
        return {name: getattr(self, name) for name in KEY_TABLES}

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> NameIndex:
        index = cls()
        lists: dict[str, defaultdict[str, list[int]]] = {
            name: defaultdict(list) for name in ("phonetic", "skeleton", "tokens", "word")
        }
        for entity_no, entity in enumerate(entities):
            for spelling, origin in _spellings(entity):
                for key_origin, keys in _name_keys(spelling, entity.kind, origin):
                    index._add(entity_no, key_origin, spelling, keys, lists)
        # Postings most important entity first: where a key is shared by hundreds of places
        # (Yenikoy x215), the candidate limit keeps the ones a reader most likely means.
        preference = [entity_preference(e) for e in entities]
        for table in lists.values():
            for names in table.values():
                if len(names) > 1:
                    names.sort(key=lambda n: preference[index.entity_of[n]], reverse=True)
        index.by_phonetic = dict(lists["phonetic"])
        index.by_skeleton = dict(lists["skeleton"])
        index.by_tokens = dict(lists["tokens"])
        index.by_word = dict(lists["word"])
        return index

    def _add(
        self,
        entity_no: int,
        origin: int,
        spelling: str,
        keys: NameKeys,
        lists: dict[str, defaultdict[str, list[int]]],
    ) -> None:
        if not keys.skeleton and not keys.folded:
            return
        name_no = len(self.spelling)
        assert isinstance(self.spelling, list), "a stored index is read-only"
        for column, value in (
            (self.entity_of, entity_no),
            (self.origin, origin),
            (self.spelling, spelling),
            (self.folded, keys.folded),
            (self.phonetic, keys.phonetic),
            (self.skeleton, keys.skeleton),
            (self.words, " ".join(keys.words)),
            (self.reading, _readings(spelling) if has_arabic(spelling) else ""),
        ):
            column.append(value)  # type: ignore[union-attr]
        if keys.phonetic:
            lists["phonetic"][keys.phonetic].append(name_no)
        if keys.skeleton:
            lists["skeleton"][keys.skeleton].append(name_no)
        if keys.tokens:
            lists["tokens"][keys.tokens].append(name_no)
        for word in set(keys.tokens.split()):
            lists["word"][word].append(name_no)

    def __len__(self) -> int:
        return len(self.spelling)

    def candidates(
        self,
        keys: Iterable[NameKeys],
        *,
        limit: int,
        accept: Callable[[int], bool] | None = None,
    ) -> dict[int, str]:
        """At most `limit` name numbers whose keys agree with the query keys, strongest key
        level first, each with the level that agreed; `accept` filters by entity number. When
        no phonetic or consonant key agrees, names sharing a distinctive word come instead.
        (Equal folded forms have equal phonetic keys, so no look-up by folded form is needed.)"""
        found: dict[int, str] = {}
        keys = list(keys)
        for level, table in (
            ("phonetic", self.by_phonetic),
            ("skeleton", self.by_skeleton),
            ("tokens", self.by_tokens),
        ):
            for key in keys:
                value = getattr(key, level)
                if value and self._collect(table.get(value, ()), level, found, limit, accept):
                    return found
        if not found or all(level == "tokens" for level in found.values()):
            for key in keys:
                if self._add_word_candidates(key, found, limit, accept):
                    break
        return found

    def _collect(
        self,
        names: Iterable[int],
        level: str,
        found: dict[int, str],
        limit: int,
        accept: Callable[[int], bool] | None,
    ) -> bool:
        """Add names to `found`; True once it holds `limit`."""
        for name_no in names:
            if name_no not in found and (accept is None or accept(self.entity_of[name_no])):
                found[name_no] = level
                if len(found) >= limit:
                    return True
        return False

    def _add_word_candidates(
        self,
        key: NameKeys,
        found: dict[int, str],
        limit: int,
        accept: Callable[[int], bool] | None,
    ) -> bool:
        words = [w for w in key.tokens.split() if len(w) >= 2]
        postings = sorted((self.by_word.get(w, ()) for w in words), key=len)
        for names in postings[:2]:
            if len(names) > MAX_WORD_POSTINGS:
                break
            if self._collect(names, "word", found, limit, accept):
                return True
        # One consonant too many in the query (a typo or an extra letter): try each deletion.
        skeleton = key.skeleton
        if 3 <= len(skeleton) <= 24:
            for i in range(len(skeleton)):
                names = self.by_skeleton.get(skeleton[:i] + skeleton[i + 1 :], ())
                if self._collect(names, "word", found, limit, accept):
                    return True
        return False


def _spellings(entity: Entity) -> Iterable[tuple[str, int]]:
    yield entity.canonical, CANONICAL
    seen = {entity.canonical, entity.arabic}
    for alias in entity.aliases:
        seen.add(alias)
        yield alias, ALIAS
    if entity.arabic:
        yield entity.arabic, ARABIC
    # Names in other languages (Хезболла, Hizbullah, حزب‌الله) that are not aliases already.
    for _language, name in entity.langs:
        if name not in seen:
            seen.add(name)
            yield name, ALIAS


def _readings(spelling: str) -> str:
    readings = (latin_reading(spelling), latin_reading(spelling, construct=False))
    return "|".join(dict.fromkeys(readings))


def name_keys(spelling: str) -> NameKeys:
    return arabic_keys(spelling) if has_arabic(spelling) else latin_keys(spelling)


def _name_keys(spelling: str, kind: str, origin: int) -> list[tuple[int, NameKeys]]:
    """Keys to index a spelling under, with the origin each is recorded with: the spelling
    itself; a person's name also without a leading title ("Sheikh", "Dr") and by its family
    name; a place name also without trailing qualifiers ("al-Gharbi", "Fawqani"); an
    organisation's name also without generic words ("Front") and by its initials."""
    keys = name_keys(spelling)
    out = [(origin, keys)]
    if has_arabic(spelling):
        adjectival = arabic_keys(spelling, construct=False)
        return out if adjectival == keys else [*out, (origin, adjectival)]
    words = content_words(keys.folded)
    if kind == "person":
        untitled = without_title(keys.folded)
        if untitled is not None:
            out.append((origin, latin_keys(untitled)))
            words = content_words(untitled)
        if len(words) > 1:
            out.append((SURNAME, special_keys(SURNAME_PREFIX + phonetic_word(words[-1]))))
        return out
    reduced = drop_qualifiers(words) if kind == "place" else drop_generic(words)
    if reduced is not None:
        out.append((REDUCED, keys_from_words(" ".join(reduced), reduced)))
    acronym = acronym_key(keys.folded) if kind == "org" else None
    if acronym is not None:
        out.append((ACRONYM, special_keys(acronym)))
    return out
