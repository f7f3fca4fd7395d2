"""Documents in, translations out: language routing, splitting, batching, name protection.

    translate(texts, source="auto", target="en") -> list[Translation]
    translate_document(text, ...) -> Translation

For each document: identify its language (unless given); pass it through untouched when it is
already in the target language; else cut it into paragraphs and sentences, protect the names in
each sentence, cut sentences over the model's limit into pieces, and translate the pieces of all
documents that share a model together, in batches under a token budget. The translation keeps
the paragraph layout (the separators between paragraphs are copied; sentences within a paragraph
are joined by one space).
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rasm.checks import check_limit, check_text
from rasm.errors import ArgumentError, InputError
from rasm.translate.base import ProtectedName, Translation, Translator
from rasm.translate.langid import UNDETERMINED, identify
from rasm.translate.protect import (
    NameFinder,
    Protected,
    append_missing,
    contains_name,
    core_finder,
    glossary_finder,
    merge_finders,
    protect,
    restore,
)
from rasm.translate.registry import ModelChoice, choose_model
from rasm.translate.segment import (
    sentence_spans,
    split_paragraphs,
    split_to_limit,
    token_budget_batches,
)

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer

BACKENDS = ("marian", "ct2")
_BACKEND_ALIASES = {"marian": "marian", "transformers": "marian", "ct2": "ct2",
                    "ctranslate2": "ct2"}
ENV_BACKEND = "RASM_TRANSLATE_BACKEND"
ENV_CACHE_SIZE = "RASM_TRANSLATE_CACHE_SIZE"
ENV_CT2_COMPUTE_TYPE = "RASM_CT2_COMPUTE_TYPE"  # auto | default | int8 | float16 ...
# The stored precision. "auto" (int8 on CPU: 4x transformers in scripts/bench_translate.py;
# float16 on CUDA) is opt-in: int8 changes the output of small models (see ct2.py).
DEFAULT_CT2_COMPUTE_TYPE = "default"
# Padded source tokens per batch. 1024 was fastest on CPU in scripts/bench_translate.py (bigger
# batches decode their short sentences as long as their longest); on a GPU pass more (8192).
DEFAULT_BATCH_TOKENS = 1024
DEFAULT_BATCH_SENTENCES = 64

_cache: OrderedDict[tuple[str, str, str, int, str], Translator] = OrderedDict()
_cache_lock = threading.Lock()


def backend_name(backend: str | None) -> str:
    name = (backend or os.environ.get(ENV_BACKEND) or "marian").lower()
    if name not in _BACKEND_ALIASES:
        raise InputError(f"unknown translation backend {name!r}; known: {', '.join(BACKENDS)}")
    return _BACKEND_ALIASES[name]


def _cache_size() -> int:
    raw = os.environ.get(ENV_CACHE_SIZE, "2")
    try:
        return max(1, int(raw))
    except ValueError:
        raise InputError(f"{ENV_CACHE_SIZE} must be a whole number, got {raw!r}") from None


def translator_for(model: str, *, backend: str | None = None, device: str = "auto",
                   beam_size: int = 4) -> Translator:
    """The translator for a model id or folder, from a small LRU of loaded models (size
    RASM_TRANSLATE_CACHE_SIZE, default 2): routing a corpus between two languages does not
    reload, and a third model evicts the least recently used. The backend is `backend`, else
    RASM_TRANSLATE_BACKEND, else marian; CTranslate2's precision is RASM_CT2_COMPUTE_TYPE
    (default: the stored float32, float16 on CUDA; "auto": int8 on CPU, the fastest)."""
    kind = backend_name(backend)
    compute_type = (os.environ.get(ENV_CT2_COMPUTE_TYPE) or DEFAULT_CT2_COMPUTE_TYPE
                    if kind == "ct2" else "")
    key = (kind, model, device, beam_size, compute_type)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    translator: Translator
    if kind == "ct2":
        from rasm.translate.ct2 import CT2Translator

        translator = CT2Translator(model, device=device, beam_size=beam_size,
                                   compute_type=compute_type)
    else:
        from rasm.translate.marian import MarianTranslator

        translator = MarianTranslator(model, device=device, beam_size=beam_size)
    with _cache_lock:
        translator = _cache.setdefault(key, translator)
        _cache.move_to_end(key)
        while len(_cache) > _cache_size():
            _cache.popitem(last=False)
    return translator


def get_translator(source: str, target: str = "en", *, model: str | None = None,
                   backend: str | None = None, device: str = "auto",
                   beam_size: int = 4) -> Translator:
    """The translator for a language pair (see rasm.translate.registry for how the model is
    chosen). Nothing is loaded until it first translates."""
    for argument, value in (("source", source), ("target", target)):
        check_text(value, argument, max_chars=64)
    if model is not None:
        check_text(model, "model", max_chars=4096)
    check_limit(beam_size, "beam_size")
    choice = choose_model(source, target, model)
    return translator_for(choice.model, backend=backend, device=device, beam_size=beam_size)


def reset_caches() -> None:
    from rasm.translate import registry

    with _cache_lock:
        _cache.clear()
    registry.reset_caches()


@dataclass
class _Unit:
    """One piece of one sentence on its way through the model."""

    doc: int
    paragraph: int
    sentence: int
    protected: Protected
    text: str  # what the model gets (prefix + protected piece)
    output: str = ""
    names: list[ProtectedName] = field(default_factory=list)


@dataclass
class _Doc:
    text: str
    lang: str
    choice: ModelChoice | None
    script: str = ""
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    units: list[_Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    keep: set[int] = field(default_factory=set)  # paragraphs copied as they are


def _finder(protect_names: bool, gazetteer: Gazetteer | None,
            glossary: Mapping[str, str] | Sequence[str] | None,
            finder: NameFinder | None) -> NameFinder | None:
    finders: list[NameFinder] = []
    if glossary:
        finders.append(glossary_finder(glossary))  # the user's terms win over the core's names
    if protect_names:
        finders.append(finder if finder is not None else core_finder(gazetteer))
    return merge_finders(*finders) if finders else None


def translate(
    texts: Sequence[str],
    *,
    source: str = "auto",
    target: str = "en",
    model: str | None = None,
    backend: str | None = None,
    device: str = "auto",
    beam_size: int = 4,
    protect_names: bool = True,
    gazetteer: Gazetteer | None = None,
    glossary: Mapping[str, str] | Sequence[str] | None = None,
    finder: NameFinder | None = None,
    translator: Translator | None = None,
    batch_tokens: int = DEFAULT_BATCH_TOKENS,
    batch_sentences: int = DEFAULT_BATCH_SENTENCES,
) -> list[Translation]:
    """Translate documents into `target`, one Translation per document, in order.

    source: a language code, or "auto" to identify each document's language.
    model: a hub id or local folder to use instead of the registry's choice.
    protect_names: hide names the core recognizes (in `gazetteer`, default the built-in one)
        behind placeholders and restore their canonical English forms; `finder` replaces the
        core's name finder. glossary: do-not-translate terms (a list, or term -> rendering).
    translator: an already built Translator (then model/backend/device are not used).
    """
    from rasm.gazetteer import check_gazetteer  # the gazetteer only when translating

    if isinstance(texts, str):
        raise InputError("translate() takes a list of texts; use translate_document() for one")
    if not isinstance(texts, Sequence):
        raise ArgumentError("texts", f"must be a list of texts, not {type(texts).__name__}")
    for argument, value in (("source", source), ("target", target)):
        check_text(value, argument, max_chars=64)
    check_gazetteer(gazetteer)
    target = target.lower()
    names = _finder(protect_names, gazetteer, glossary, finder)
    docs = [_route(text, source, target, model) for text in texts]
    if translator is not None:  # the caller's translator serves every pair
        for doc in docs:
            if doc.choice is not None:
                doc.choice = replace(doc.choice, model=translator.name, origin="argument")
    groups: dict[int, tuple[Translator, list[_Doc]]] = {}
    for doc in docs:
        if doc.choice is None:
            continue
        chosen = translator or translator_for(doc.choice.model, backend=backend, device=device,
                                              beam_size=beam_size)
        groups.setdefault(id(chosen), (chosen, []))[1].append(doc)
    for chosen, group in groups.values():
        units = [u for i, doc in enumerate(group) for u in _prepare(doc, i, chosen, names, target)]
        outputs = _run(chosen, [u.text for u in units], batch_tokens, batch_sentences)
        for unit, output in zip(units, outputs):
            unit.output = output
        _repair(chosen, units, group, batch_tokens, batch_sentences)
    return [_assemble(doc, target) for doc in docs]


def translate_document(
    text: str,
    *,
    source: str = "auto",
    target: str = "en",
    model: str | None = None,
    backend: str | None = None,
    device: str = "auto",
    beam_size: int = 4,
    protect_names: bool = True,
    gazetteer: Gazetteer | None = None,
    glossary: Mapping[str, str] | Sequence[str] | None = None,
    finder: NameFinder | None = None,
    translator: Translator | None = None,
) -> Translation:
    """One document's translation; the options are those of `translate`."""
    check_text(text, "text")
    return translate(
        [text], source=source, target=target, model=model, backend=backend, device=device,
        beam_size=beam_size, protect_names=protect_names, gazetteer=gazetteer,
        glossary=glossary, finder=finder, translator=translator,
    )[0]


def _route(text: str, source: str, target: str, model: str | None) -> _Doc:
    check_text(text, "texts")
    guess = identify(text)
    lang = guess.lang if source.lower() == "auto" else source.lower()
    if lang in (target, UNDETERMINED) or not text.strip():
        return _Doc(text, lang, None, guess.script)
    return _Doc(text, lang, choose_model(lang, target, model), guess.script)


def _prepare(doc: _Doc, doc_index: int, translator: Translator, names: NameFinder | None,
             target: str) -> list[_Unit]:
    assert doc.choice is not None
    prefix = f"{doc.choice.prefix} " if doc.choice.prefix else ""
    limit = translator.max_input_tokens - (translator.count_tokens([prefix])[0] if prefix else 0)
    doc.paragraphs = split_paragraphs(doc.text)
    for p, (paragraph, _) in enumerate(doc.paragraphs):
        # A paragraph without words (numbers, a date) or already in the target language stays
        # as it is: a quote, or a Latin dateline in an Arabic article. Within the document's
        # own script, a paragraph counts as the target language only on clear evidence.
        guess = identify(paragraph)
        if guess.lang == UNDETERMINED or (guess.lang == target and (
                guess.confidence > 0.5 or guess.script != doc.script)):
            doc.keep.add(p)
            continue
        spans = list(names(paragraph)) if names else []
        sentences = []
        for s, (start, end) in enumerate(sentence_spans(paragraph)):
            inside = [type(sp)(sp.start - start, sp.end - start, sp.target, sp.id)
                      for sp in spans if start <= sp.start and sp.end <= end]
            sentences.append((s, protect(paragraph[start:end], inside)))
        sizes = translator.count_tokens([pr.text for _, pr in sentences])
        for (s, protected), size in zip(sentences, sizes):
            pieces = ([protected.text] if size <= limit
                      else split_to_limit(protected.text, translator.count_tokens, limit))
            for piece in pieces:
                slots = tuple(sl for sl in protected.slots
                              if re.search(rf"\b{sl.placeholder}\b", piece))
                doc.units.append(_Unit(doc_index, p, s, Protected(piece, slots), prefix + piece))
    return doc.units


def _run(translator: Translator, texts: Sequence[str], batch_tokens: int,
         batch_sentences: int) -> list[str]:
    """Translations of `texts`, in order, computed in length-sorted batches under the budget."""
    outputs = [""] * len(texts)
    if not texts:
        return outputs
    lengths = translator.count_tokens(texts)
    for batch in token_budget_batches(lengths, max_tokens=batch_tokens,
                                      max_sentences=batch_sentences):
        for i, out in zip(batch, translator.translate_batch([texts[i] for i in batch])):
            outputs[i] = out
    return outputs


def _repair(translator: Translator, units: Sequence[_Unit], docs: Sequence[_Doc],
            batch_tokens: int, batch_sentences: int) -> None:
    """Put names back; retry once, names inline, the pieces whose placeholders got lost."""
    retry: list[tuple[_Unit, list[str]]] = []
    for unit in units:
        restored = restore(unit.output, unit.protected.slots)
        unit.output = restored.text
        unit.names = [ProtectedName(sl.source, sl.target, sl.id) for sl in unit.protected.slots]
        if restored.unknown:
            docs[unit.doc].notes.append(
                f"paragraph {unit.paragraph + 1}, sentence {unit.sentence + 1}: removed "
                f"placeholder(s) the input did not have: {', '.join(restored.unknown)}")
        if restored.missing:
            retry.append((unit, [sl.target for sl in restored.missing]))
    if not retry:
        return
    inline = [u.text[: len(u.text) - len(u.protected.text)] + u.protected.inline()
              for u, _ in retry]
    # Names written out are longer than placeholders: a piece that no longer fits is not retried.
    fits = [n <= translator.max_input_tokens for n in translator.count_tokens(inline)]
    outputs = iter(_run(translator, [t for t, ok in zip(inline, fits) if ok], batch_tokens,
                        batch_sentences))
    for (unit, lost), ok in zip(retry, fits):
        second = next(outputs) if ok else ""
        where = f"paragraph {unit.paragraph + 1}, sentence {unit.sentence + 1}"
        if ok and all(contains_name(second, sl.target) for sl in unit.protected.slots):
            unit.output = second
            unit.names = [ProtectedName(sl.source, sl.target, sl.id, "inline")
                          for sl in unit.protected.slots]
            docs[unit.doc].notes.append(
                f"{where}: the model lost placeholder(s) for {', '.join(lost)}; "
                "translated again with the names inline")
            continue
        unit.output = append_missing(unit.output, lost)
        unit.names = [ProtectedName(n.source, n.target, n.id,
                                    "appended" if n.target in lost else n.restored)
                      for n in unit.names]
        docs[unit.doc].notes.append(
            f"{where}: the model lost {', '.join(lost)}; appended in parentheses")


def _assemble(doc: _Doc, target: str) -> Translation:
    if doc.choice is None:
        return Translation(doc.text, doc.lang, target, None, passthrough=True)
    by_paragraph: dict[int, dict[int, list[str]]] = {}
    for unit in doc.units:
        by_paragraph.setdefault(unit.paragraph, {}).setdefault(unit.sentence, []).append(
            unit.output)
    parts: list[str] = []
    for p, (paragraph, separator) in enumerate(doc.paragraphs):
        if p in doc.keep:
            parts.append(paragraph)
        else:
            sentences = by_paragraph.get(p, {})
            parts.append(" ".join(" ".join(pieces) for _, pieces in sorted(sentences.items())))
        parts.append(separator)
    return Translation(
        text="".join(parts),
        source_lang=doc.lang,
        target_lang=target,
        model=doc.choice.model,
        protected=tuple(n for u in doc.units for n in u.names),
        passthrough=False,
        sentences=len({(u.paragraph, u.sentence) for u in doc.units}),
        notes=tuple(doc.notes),
    )
