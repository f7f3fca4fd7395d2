"""The chunk scanner's speed-ups (connector words as a prefix tree, a look-ahead on the first
letter) must find exactly the chunks of the plain pattern they replaced."""

from __future__ import annotations

import random
import re
from pathlib import Path

from rasm.text.tokens import _ARABIC_LETTERS, MARKS, _uppercase_class, chunks
from rasm.text.wordlists import ARTICLES, CONNECTORS, CYRILLIC_ARTICLES

DATA = Path(__file__).resolve().parents[1] / "data"


def _plain_pattern() -> re.Pattern[str]:
    """The chunk pattern written the plain way: alternations longest word first, no guard."""
    upper = _uppercase_class()
    body = rf"[^\W_]*(?:[{MARKS}](?!s\b)[^\W_]+)*"
    cap = rf"[{MARKS}]?[{upper}]{body}"
    low = rf"[^\W\d_]{body}"
    articles = "|".join(sorted(ARTICLES, key=len, reverse=True))
    connectors = "|".join(sorted(CONNECTORS - ARTICLES, key=len, reverse=True))
    cyrillic = "|".join(sorted(CYRILLIC_ARTICLES, key=len, reverse=True))
    inner = (
        rf"(?:(?:{articles})-{low}|(?:{articles}|{connectors})(?=[ \t\u00a0-])"
        rf"|(?=[\u0400-\u04ff])(?:{cyrillic})(?:-{low}|(?=[ \t\u00a0-])))"
    )
    sep = r"(?:[ \t\u00a0]+|-)"
    latin = rf"(?<![^\W_])(?:{inner}{sep})*{cap}(?:{sep}(?:{inner}{sep})*{cap})*"
    arabic_word = f"[{_ARABIC_LETTERS}]+"
    arabic = rf"{arabic_word}(?:[ \t\u00a0]+{arabic_word})*"
    return re.compile(rf"(?P<lat>{latin})|(?P<ara>{arabic})")


def _both(text: str, plain: re.Pattern[str]) -> tuple[list[tuple[int, int, bool]], ...]:
    expected = [(m.start(), m.end(), m.lastgroup == "ara") for m in plain.finditer(text)]
    return expected, [(c.start, c.end, c.arabic) for c in chunks(text)]


def test_same_chunks_as_the_plain_pattern_on_the_test_texts() -> None:
    plain = _plain_pattern()
    paths = sorted(DATA.glob("text_golden/*.txt")) + sorted(DATA.glob("lang/*.txt"))
    assert paths
    for path in paths:
        expected, found = _both(path.read_text(encoding="utf-8"), plain)
        assert expected, path
        assert found == expected, path


def test_same_chunks_as_the_plain_pattern_on_random_strings() -> None:
    # Strings made of the pieces the pattern turns on: connectors, articles with and without
    # hyphens, ayn marks, possessives, Cyrillic and Arabic letters, separators of every kind.
    pieces = [*"aAlLeEsShH -–'’ʿ_\t\u00a0.,\nBdDtTIiOoUuwWfF", *"дДэЭзЗаль", *"حلبال ",
              "al-", "Al ", "el-", "the ", "of ", "ash-", "ibn ", "bin ", "Abu ", "'s ", "’s",
              "an-", "аль-", "эз-"]
    plain = _plain_pattern()
    rng = random.Random(17)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        expected, found = _both(text, plain)
        assert found == expected, text
