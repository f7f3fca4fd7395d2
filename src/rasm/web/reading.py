"""A text and its mentions as the reading page shows them: segments to highlight, one colour per
entity, the side panel (entities with counts and spellings, unlinked names), and the data the
page's download buttons write."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rasm.gazetteer import Gazetteer
from rasm.model import Entity
from rasm.text import Mention, TextResult
from rasm.web.relations import parents

PALETTE_SIZE = 12  # colours the stylesheet defines (.c0 .. .c11); entities beyond share them


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    mention: int | None = None  # index into ReadingView.mentions


@dataclass
class EntitySummary:
    entity: Entity | None  # None when the gazetteer no longer has the id
    id: str
    canonical: str
    kind: str
    colour: int
    count: int = 0
    spellings: Counter[str] = field(default_factory=Counter)
    parents: list[Entity] = field(default_factory=list)

    @property
    def ranked_spellings(self) -> list[tuple[str, int]]:
        return sorted(self.spellings.items(), key=lambda item: (-item[1], item[0]))


@dataclass
class UnlinkedSummary:
    key: str
    kind: str
    count: int = 0
    spellings: Counter[str] = field(default_factory=Counter)


@dataclass
class ReadingView:
    text: str
    rewritten: str
    mentions: list[Mention]
    segments: list[Segment]
    entities: list[EntitySummary]  # by count, then first appearance
    unlinked: list[UnlinkedSummary]
    colour_of: dict[str, int]

    def mentions_json(self) -> list[dict[str, Any]]:
        return [m.to_dict() for m in self.mentions]


def segments_of(text: str, mentions: list[Mention]) -> list[Segment]:
    """The text cut at mention boundaries; a mention overlapping an earlier one stays plain."""
    out: list[Segment] = []
    pos = 0
    for number, m in enumerate(mentions):
        if m.start < pos or m.end > len(text):
            continue
        if m.start > pos:
            out.append(Segment(text[pos:m.start]))
        out.append(Segment(text[m.start:m.end], number))
        pos = m.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def reading_view(text: str, result: TextResult, gazetteer: Gazetteer) -> ReadingView:
    mentions = sorted(result.mentions, key=lambda m: (m.start, m.end))
    colour_of: dict[str, int] = {}
    entities: dict[str, EntitySummary] = {}
    unlinked: dict[str, UnlinkedSummary] = {}
    for m in mentions:
        if m.id is not None:
            summary = entities.get(m.id)
            if summary is None:
                colour_of[m.id] = len(colour_of) % PALETTE_SIZE
                entity = gazetteer.get(m.id)
                summary = EntitySummary(
                    entity, m.id, m.canonical or m.id, m.kind or "", colour_of[m.id],
                    parents=parents(gazetteer, entity) if entity else [],
                )
                entities[m.id] = summary
            summary.count += 1
            summary.spellings[m.surface] += 1
        else:
            loose = unlinked.setdefault(m.key or m.surface, UnlinkedSummary(m.key, m.kind or ""))
            loose.count += 1
            loose.spellings[m.surface] += 1
    ranked = sorted(entities.values(), key=lambda s: -s.count)  # stable: first seen first
    return ReadingView(
        text=text, rewritten=result.text, mentions=mentions,
        segments=segments_of(text, mentions), entities=ranked,
        unlinked=sorted(unlinked.values(), key=lambda u: -u.count), colour_of=colour_of,
    )

