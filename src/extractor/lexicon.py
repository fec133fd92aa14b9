"""Word lists and closed word classes shared by the rules: one loader, one copy of each.

The lists under `data/` say where their entries come from in their own header lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

# Legal forms that end a company's name ("Chrysler LLC", "Siemens AG", "Acme Holdings"):
# joined to the name before them, stripped for its core ("Penske Automotive Group" ->
# "Penske Automotive"), and never the last word of a person's name.
# fmt: off
LEGAL_FORMS = frozenset({
    "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
    "limited", "llc", "llp", "lp", "plc", "ag", "gmbh", "n.v.", "n.v", "nv", "s.a.", "s.a",
    "sa", "holding", "holdings", "group",
})
# Month names and their abbreviations, for reading dates in the text and in headers.
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
# Weekday names and their abbreviations -> 0 (Monday) to 6, as datetime counts them.
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
# The eight points of the compass: directions in text ("east of Kunduz"), and regions'
# names that are only a direction (Cameroon's "North").
COMPASS_POINTS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
})
# fmt: on


def alternation(words: Iterable[str]) -> str:
    """Words as one regex alternation, escaped, longest first, so that "June" wins over
    "Jun" wherever the pattern may stop early."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# The month names as one alternation: every pattern that finds a written month reads it
# from here.
MONTH_NAMES = alternation(MONTHS)
MONTH_WORD = re.compile(rf"\b(?:{MONTH_NAMES})\b", re.I)  # a month named anywhere in a text
# Likewise the weekdays: every form, and the full names alone ("Mon" is also a word).
WEEKDAY_FORMS = alternation(WEEKDAYS)
WEEKDAY_NAMES = "|".join(name for name in WEEKDAYS if name.endswith("day"))


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `data/<name>`: one a line, stripped, without blanks and # comments."""
    text = files("extractor.data").joinpath(name).read_text(encoding="utf-8")
    lines = (x.strip() for x in text.splitlines())
    return tuple(x for x in lines if x and not x.startswith("#"))


@cache
def given_names() -> frozenset[str]:
    """First names (`data/given_names.txt`), read by the rules that tell people."""
    return frozenset(entries("given_names.txt"))
