"""Typos in surnames: news copy misspells a name it gave correctly before.

Plain Python (no spaCy), shared by the consistency component and grouping.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

# A lone surname this close to one person's surname is that person, misspelt.
FUZZY_SURNAME_RATIO = 0.85
MIN_FUZZY_SURNAME = 6


def misspelt_surname_of(word: str, names: Iterable[str]) -> list[str]:
    """The one full name whose surname `word` misspells ("Ms Bauchtman said" after
    "Lydia Buchtmann"): a lone surname no one in the article bears is a typo when a
    single person's surname is that close. Short names differ by a letter too often
    ("Smith", "Smyth") to be matched."""
    if len(word) < MIN_FUZZY_SURNAME:
        return []
    close = [
        n
        for n in names
        if len(parts := n.split()) >= 2
        and parts[-1][0] == word[0]
        and SequenceMatcher(None, parts[-1], word).ratio() >= FUZZY_SURNAME_RATIO
    ]
    return close if len(close) == 1 else []
