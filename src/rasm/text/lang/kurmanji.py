"""Kurmanji Kurdish (Latin script): a name in the oblique case takes -ê, after a vowel -yê
("li Helebê" in Aleppo, "ji Efrînê" from Afrin, "Reqayê" Raqqa). The world data gives the
Kurmanji names (kur_x_preferred: Heleb, Efrîn, Reqa); this reads them back out of the oblique.
No language test decides it: the ending ê is Kurmanji's own among the languages rasm reads,
and a base counts only where the tables spell it exactly.
"""

from __future__ import annotations

MIN_BASE = 3


def oblique_bases(word: str) -> tuple[str, ...]:
    """Nominatives `word` may be the oblique of; empty when it does not end in -ê."""
    if not word.endswith("ê") or len(word) <= MIN_BASE:
        return ()
    if word.endswith("yê") and len(word) - 2 >= MIN_BASE:
        return (word[:-2], word[:-1])  # Reqayê -> Reqa; Şêxmeqsûdê -> ...
    return (word[:-1],)
