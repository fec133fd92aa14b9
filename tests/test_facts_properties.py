"""Properties: normalization never raises on any string, and what it returns is usable:
a finite number (or None) for figures, a TIMEX3 value (or None) for dates."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.date_values import is_timex3, normalize_date
from extractor.figure_values import parse_figure, words_to_number

FAST = settings(max_examples=150, deadline=None)

# Strings made of the pieces real expressions are made of, so that the rules are reached
# (pure random text mostly stops at the first check), plus arbitrary text.
PIECES = [
    "more than", "about", "between", "and", "to", "-", "or", "$", "US$", "€", "£", "Rs",
    "million", "bn", "k", "thousand", "half", "a", "dozen", "quarter", "percent", "%",
    "per cent", "points", "km", "tonnes", "euros", "yen", "30,000", "1.5", "0", "-7",
    "1e400", "99999999999999999999", "3/0", "four", "twenty-five", "hundreds of", "last",
    "next", "this", "week", "weekend", "month", "year", "years", "ago", "Tuesday",
    "July", "27", "2016", "07/27/2016", "03/04/2016", "the", "summer", "1990s", "'70s",
    "mid-", "early", "every", "Monday", "today", "yesterday", "6:40", "p.m.", "UTC",
    "recently", "Q3", "fiscal", "decade", "minutes", "same", "period", "(", ")", ",",
]  # fmt: skip
phrases = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(" ".join)
anything = st.one_of(phrases, st.text(max_size=60))
references = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12))
labels = st.sampled_from([None, "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"])


def finite_or_none(value) -> bool:
    return value is None or (isinstance(value, int | float) and math.isfinite(value))


@FAST
@given(anything, labels)
def test_figure_values_are_finite_numbers(text, label):
    figure = parse_figure(text, label)
    if figure is not None:
        assert finite_or_none(figure.value)
        assert finite_or_none(figure.value_max)
        assert figure.qualifier in (None, ">", ">=", "<", "<=", "~", "=")
        assert figure.kind in ("count", "money", "percent", "quantity", "ordinal")


@FAST
@given(anything)
def test_number_words_are_finite(text):
    assert finite_or_none(words_to_number(text))


@FAST
@given(
    anything,
    references,
    st.sampled_from([None, "past", "present", "future"]),
    st.sampled_from(["MDY", "DMY", "YMD", "nonsense"]),
)
def test_date_values_are_timex3(text, reference, tense, order):
    result = normalize_date(text, reference, tense=tense, date_order=order)
    assert result.value is None or is_timex3(result.value)
    assert result.kind in ("date", "time", "duration", "set")


@FAST
@given(
    phrases.filter(
        lambda p: any(
            w in p for w in ("ago", "last", "next", "this", "Tuesday", "today", "yesterday")
        )
    )
)
def test_no_reference_never_guesses_relative_dates(text):
    # Without a reference date a relative expression has no value: never the clock.
    result = normalize_date(text, None)
    if result.value is not None:
        assert normalize_date(text, "1950-01-01").value == normalize_date(text, "2030-06-15").value
