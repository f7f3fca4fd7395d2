"""Russian and Ukrainian: the nominative forms an inflected name may come from ("в Дамаске" ->
Дамаск, "к Хаме" -> Хама, "Джебхат ан-Нусры" -> ...Нусра), through pymorphy3.

pymorphy3 knows the common geographic names (Дамаск, Хомс, Ракка) and guesses the rest with its
predictor, which for a foreign name often picks the wrong paradigm ("Хаме" -> хам, "Нусры" ->
нуср), and whose paradigm of the right lemma is then wrong too, so it cannot confirm one. So
beside its normal forms we propose the nominatives of the regular noun paradigms (the ending
swaps below). Every proposal is checked against the gazetteer by the caller, a guess only by an
exact match; a wrong lemma that names nothing costs one dictionary look-up.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from rasm.errors import MissingExtraError

# Case ending -> nominative endings of the noun paradigms that produce it (masculine hard/soft,
# feminine -а/-я/-ия, neuter -о/-е). Longest endings are tried first.
_RU_ENDINGS: dict[str, tuple[str, ...]] = {
    "ией": ("ия",), "ии": ("ия",), "ию": ("ия",), "ой": ("а",), "ей": ("я", "ь"),
    "ом": ("", "о"), "ем": ("ь", "й", "е"), "ам": ("а", ""), "ах": ("а", ""),
    "е": ("", "а", "я", "о", "ь"), "и": ("а", "я", "ь", "й"), "ы": ("а", ""),
    "у": ("", "а", "о"), "ю": ("ь", "й", "я"), "а": ("", "о"), "я": ("ь", "й", "е"),
}
_UK_ENDINGS: dict[str, tuple[str, ...]] = {
    "ією": ("ія",), "ії": ("ія",), "ію": ("ія",), "ою": ("а",), "ею": ("я",),
    "ом": ("", "о"), "ем": ("ь", "й"), "ам": ("а", ""), "ах": ("а", ""),
    "і": ("", "а", "я", "о", "ь"), "и": ("а", ""), "у": ("", "а", "о"), "ю": ("ь", "й", "я"),
    "а": ("", "о"), "я": ("ь", "й"), "ові": ("",), "еві": ("ь", "й"),
}
MIN_STEM = 2


@cache
def analyzer(lang: str) -> Any:
    """The pymorphy3 analyzer of `lang` ("ru" or "uk"), built once (it loads its dictionary)."""
    try:
        import pymorphy3
    except ImportError as exc:
        raise MissingExtraError(f"{lang} name forms in running text", "langs", str(exc)) from exc
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, OSError) as exc:  # the dictionary package of that language is missing
        raise MissingExtraError(f"{lang} name forms in running text", "langs", str(exc)) from exc


@lru_cache(maxsize=65536)
def normal_forms(word: str, lang: str = "ru") -> tuple[str, ...]:
    """pymorphy3's nominatives of `word` (nouns and adjectives), best first, capitalized as
    `word` is; without `word` itself."""
    lower = word.lower()
    found = [p.normal_form for p in analyzer(lang).parse(lower) if "NOUN" in p.tag or "ADJF" in p.tag]
    return tuple(_like(word, f) for f in dict.fromkeys(found) if f != lower)


@lru_cache(maxsize=65536)
def paradigm_guesses(word: str, lang: str = "ru") -> tuple[str, ...]:
    """Nominatives of the regular noun paradigms that would give `word` ("Хаме" -> Хама, Хам,
    ...), for the foreign names pymorphy3's predictor mis-reads. Pure rules (no pymorphy3): only
    an exact match in the gazetteer may confirm one."""
    lower = word.lower()
    endings = _UK_ENDINGS if lang == "uk" else _RU_ENDINGS
    out: list[str] = []
    for ending in sorted(endings, key=len, reverse=True):
        if not lower.endswith(ending) or len(lower) - len(ending) < MIN_STEM:
            continue
        stem = word[: len(word) - len(ending)]
        for nominative in endings[ending]:
            guess = stem + (nominative.upper() if word.isupper() else nominative)
            if guess != word and guess not in out:
                out.append(guess)
    return tuple(out)


def _like(model: str, word: str) -> str:
    """`word` with the capitalization of `model` (first letter, or all capitals)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def reset_caches() -> None:
    normal_forms.cache_clear()
    paradigm_guesses.cache_clear()
    analyzer.cache_clear()
