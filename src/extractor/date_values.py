"""Temporal expressions -> TIMEX3 values, resolved against the article's reference date.

Which code does what, and why:
- Absolute dates that carry a year ("27 July 2016", "March 01, 2008", "07/27/2016",
  "2016-07-27") go to `dateparser`: it knows many written formats and the day/month order
  of numeric dates, and its `period` tells the granularity (day, month, year).
- Everything else is our own rules below. dateparser cannot give TIMEX3 granularity for
  relative expressions ("last week" is a week, `2016-W29`, not a day), it knows no
  seasons, decades, quarters or `PAST_REF`, it resolves relative expressions against
  the machine's clock when it has no base, and it does not know the verb's tense
  ("Tuesday" in "denied on Tuesday" is past, in "will meet on Tuesday" is future).

Without a reference date, an expression that needs one gets value None: never a guess
from the clock. Nothing here raises on any input string.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import TYPE_CHECKING

from extractor.figure_values import parse_number
from extractor.lexicon import (
    MONTH_NAMES,
    MONTH_WORD,
    MONTHS,
    WEEKDAY_FORMS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)
from extractor.options import DEFAULT_DATE_ORDER

if TYPE_CHECKING:
    from spacy.tokens import Span

# Day/month order of all-numeric dates such as "03/04/2016": DEFAULT_DATE_ORDER (options)
# unless a day-first source passes "DMY" (--date-order). A component above 12 decides by
# itself ("27/07/2016" is always 27 July).
DATE_ORDERS = ("MDY", "DMY", "YMD")

PAST, PRESENT, FUTURE = "past", "present", "future"

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# First month of each season (northern hemisphere, meteorological), to order them.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI",
}  # fmt: skip
# Calendar units: TIMEX3 duration letter, and whether it is a time (PT...) unit.
UNITS = {
    "second": ("S", True), "sec": ("S", True), "minute": ("M", True), "min": ("M", True),
    "hour": ("H", True), "hr": ("H", True), "day": ("D", False), "night": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "yr": ("Y", False),
    "decade": ("Y", False), "century": ("Y", False), "millennium": ("Y", False),
}  # fmt: skip
UNIT_FACTOR = {"decade": 10, "century": 100, "millennium": 1000, "fortnight": 2}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}

# Values that do not depend on the reference date: adverbs of vague past/present/future.
REF_WORDS = {
    "PAST_REF": (
        "recently", "recent", "lately", "the past", "in the past", "formerly", "previously",
        "earlier", "once", "before", "some time ago", "years ago", "long ago",
        "in recent weeks", "in recent months", "in recent years", "in recent days",
        "recent weeks", "recent months", "recent years", "recent days", "the last years",
        "the past few years", "more recently", "of late", "the other day",
    ),
    "PRESENT_REF": (
        "now", "currently", "current", "at present", "presently", "nowadays", "today's",
        "right now", "at the moment", "the time being", "for the time being", "these days",
        "at this time", "present", "the present", "as of now", "so far", "to date",
    ),
    "FUTURE_REF": (
        "soon", "later", "in the future", "the future", "future", "eventually",
        "shortly", "in the coming weeks", "in the coming months", "in the coming years",
        "the coming weeks", "the coming months", "the coming years", "coming weeks",
        "coming months", "coming years", "the long term", "the near future",
        "the near term", "the long run", "very soon", "short-term", "long-term",
        "in due course", "someday", "one day", "later on",
    ),
}  # fmt: skip
REF_VALUE = {phrase: value for value, phrases in REF_WORDS.items() for phrase in phrases}

# A well-formed TIMEX3 value (dates, weeks, seasons, quarters, halves, decades and
# centuries, times, durations, and the *_REF words), used by the tests and as a last
# guard so that nothing malformed leaves this module.
TIMEX3_RE = re.compile(
    r"""^(?:
      (?:PAST|PRESENT|FUTURE)_REF
    | P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|H|DE|CE|L))+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?
    | PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+
    | (?:\d{4}|XXXX)-WXX-(?:[1-7]|WE)(?:T(?:MO|AF|EV|NI|MI))?
    | (?:
        (?:\d{1,4}|X{4})
        (?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?
          |-W\d{2}(?:-WE|-[1-7])?
          |-(?:SP|SU|FA|WI)
          |-Q[1-4]
          |-H[12])?
      )
      (?:T(?:MO|AF|EV|NI|MI|\d{2}(?::\d{2}(?::\d{2})?)?)(?:Z|[+-]\d{2}(?::?\d{2})?)?)?
    )$""",
    re.VERBOSE,
)


def is_timex3(value: str | None) -> bool:
    return value is not None and TIMEX3_RE.match(value) is not None


@dataclass(frozen=True)
class DateValue:
    value: str | None
    kind: str  # date | time | duration | set


# ---------------------------------------------------------------------------- helpers


def to_date(reference: str | dt.date | None) -> dt.date | None:
    """The reference date as a date: accepts an ISO string (a time part is ignored)."""
    if reference is None:
        return None
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    try:
        return dt.date.fromisoformat(str(reference).strip()[:10])
    except ValueError:
        return None


def _week(day: dt.date, offset: int = 0) -> str:
    year, week, _ = (day + dt.timedelta(weeks=offset)).isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month(day: dt.date, offset: int = 0) -> str:
    index = day.year * 12 + day.month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _season_of(day: dt.date) -> tuple[int, str]:
    """(year, code) of the season holding `day`; December belongs to that year's winter."""
    if day.month in (12, 1, 2):
        return (day.year if day.month == 12 else day.year - 1, "WI")
    code = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")
    return day.year, code


def _season(year: int, code: str) -> str:
    return f"{year:04d}-{code}"


def _valid_year(year: int) -> bool:
    return 1 <= year <= 9999


def _calendar(year: int, month: int, day: int | str | None) -> DateValue | None:
    """The day's value, or the month's when no day is given; None for no such day
    ("february 30") or a year out of range."""
    if not _valid_year(year):
        return None
    if day is None:
        return DateValue(f"{year:04d}-{month:02d}", "date")
    try:
        return DateValue(dt.date(year, month, int(day)).isoformat(), "date")
    except ValueError:
        return None


def _clean(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\s+", " ", text.strip().lower())
    text = text.strip(" .,;:!?\"'()[]")
    text = re.sub(
        r"^(?:on|in|at|during|by|from|since|until|till|of|for|over|around|about)\s+", "", text
    )
    return re.sub(r"^(?:just|only|even) (?=yesterday|today|tomorrow|last|this)", "", text)


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text)


def _number(text: str) -> float | None:
    """Number written in digits or words ("four", "a", "several" -> None for X)."""
    if text in ("a", "an", "one", "a single"):
        return 1
    parsed = parse_number(text)
    if parsed is None:
        return None
    return parsed[0]


def _fmt_amount(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P4Y, PT30M, P10Y for "a decade", PXY when the amount is vague."""
    letter, is_time = UNITS[unit]
    if amount is not None:
        amount = amount * UNIT_FACTOR.get(unit, 1)
    text = "X" if amount is None else _fmt_amount(amount)
    return f"PT{text}{letter}" if is_time else f"P{text}{letter}"


def _unit_of(word: str) -> str | None:
    word = word.rstrip(".")
    if word in UNITS:
        return word
    for suffix in ("s", "es"):
        if word.endswith(suffix) and word[: -len(suffix)] in UNITS:
            return word[: -len(suffix)]
    if word == "centuries":
        return "century"
    if word in ("millennia", "hrs", "mins", "secs", "yrs"):
        return {"millennia": "millennium"}.get(word, word[:-1])
    return None


def _shift(reference: dt.date, amount: int, unit: str) -> str | None:
    """The calendar unit `amount` units away from the reference, at that unit's granularity
    ("four years ago" -> the year 2012, "two weeks ago" -> a week, "3 days ago" -> a day)."""
    try:
        if unit in ("year", "yr"):
            year = reference.year + amount
            return f"{year:04d}" if _valid_year(year) else None
        if unit in ("decade", "century", "millennium"):
            year = reference.year + amount * UNIT_FACTOR[unit]
            return f"{year:04d}" if _valid_year(year) else None
        if unit == "month":
            return _month(reference, amount)
        if unit == "quarter":
            index = reference.year * 4 + (reference.month - 1) // 3 + amount
            return f"{index // 4:04d}-Q{index % 4 + 1}"
        if unit in ("week", "fortnight"):
            return _week(reference, amount * UNIT_FACTOR.get(unit, 1))
        if unit in ("day", "night"):
            return (reference + dt.timedelta(days=amount)).isoformat()
        if unit in ("hour", "hr", "minute", "min", "second", "sec"):
            return reference.isoformat()
    except (OverflowError, ValueError):
        return None
    return None


# ---------------------------------------------------------------------------- the rules
# Each rule takes the cleaned text and a context and returns a DateValue or None when
# the expression is not of its class. They are tried in order; the first match wins.


@dataclass(frozen=True)
class _Context:
    reference: dt.date | None
    tense: str | None
    date_order: str
    anchor: str | None = None  # the date under discussion (the last one mentioned)
    day: str | None = None  # the day written beside a clock time ("09:30 GMT Sunday")
    year: int | None = None  # the year last written out before the expression

    def anchor_day(self) -> dt.date | None:
        """The day under discussion: the last full date mentioned, else the reference."""
        if self.anchor and re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.anchor):
            return dt.date.fromisoformat(self.anchor)
        return self.reference


def _relative_needed(kind: str = "date") -> DateValue:
    """A relative expression with no reference date: the kind is known, the value is not."""
    return DateValue(None, kind)


_NUM = r"(?P<num>[\w.,-]+(?: [\w-]+)*?)"


_Rule = Callable[[str, _Context], "DateValue | None"]
_Read = Callable[[re.Match[str], _Context], "DateValue | None"]


def _whole(pattern: str | re.Pattern[str]) -> Callable[[_Read], _Rule]:
    """A rule that reads only text its pattern matches whole: the match is made here,
    once for every such rule, and the rule reads the match (its text is `m.string`)."""
    compiled = re.compile(pattern)

    def wrap(read: _Read) -> _Rule:
        @wraps(read)
        def rule(text: str, ctx: _Context) -> DateValue | None:
            m = compiled.fullmatch(text)
            return read(m, ctx) if m else None

        return rule

    return wrap


def _rule_ref_words(text: str, ctx: _Context) -> DateValue | None:
    # Class: vague past/present/future adverbs ("recently", "currently", "in recent
    # weeks", "the future") -> PAST_REF / PRESENT_REF / FUTURE_REF, no reference needed.
    for candidate in (text, _strip_the(text), f"the {text}"):
        if candidate in REF_VALUE:
            return DateValue(REF_VALUE[candidate], "date")
    if (
        re.fullmatch(
            r"(?:the )?(?:past|last|previous|recent) (?:few |several |many )?"
            r"(?:days|weeks|months|years|decades)",
            text,
        )
        and not ctx.tense == FUTURE
    ):
        # "the past few years" with no number is a vague stretch of the past.
        return DateValue("PAST_REF", "date")
    return None


@_whole(
    r"(?:(?:earlier|later) )?(?P<day>today|yesterday|tomorrow|tonight|this|the day before "
    r"yesterday|the day after tomorrow|last(?= night| evening))"
    r"(?: (?P<part>morning|afternoon|evening|night))?(?:'s)?"
)
def _rule_deictic_day(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: days named relative to today ("today", "yesterday", "tomorrow", "tonight",
    # "this morning", "yesterday afternoon", "earlier today", "the day before yesterday"),
    # and "last night", which is yesterday's night (it read as the length P1D).
    if m.group("day") == "this" and not m.group("part"):
        return None
    offset = {"yesterday": -1, "last": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}.get(m.group("day"), 0)  # fmt: skip
    part = m.group("part") or ("night" if m.group("day") == "tonight" else None)
    kind = "time" if part else "date"
    if ctx.reference is None:
        return _relative_needed(kind)
    day = (ctx.reference + dt.timedelta(days=offset)).isoformat()
    return DateValue(f"{day}T{PARTS_OF_DAY[part]}" if part else day, kind)


def _rule_sets(text: str, ctx: _Context) -> DateValue | None:
    # Class: recurring times ("every Monday", "each year", "weekly", "twice a year",
    # "15 a year" -> the span "a year" after a count): TIMEX3 SET, no reference needed.
    adverbs = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
               "annually": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q",
               "biweekly": "P2W", "fortnightly": "P2W", "biannually": "P6M"}  # fmt: skip
    if text in adverbs:
        return DateValue(adverbs[text], "set")
    # "a year" is a set only after a count ("15 a year"); the caller passes "per year".
    m = re.fullmatch(r"(?:every|each|per|once a|twice a|(?:\w+) times a) (?P<what>.+)", text)
    if not m:
        return None
    what = m.group("what")
    day = what if what in WEEKDAYS else what.rstrip("s")  # "every Monday", "on Mondays"
    if day in WEEKDAYS:
        return DateValue(f"XXXX-WXX-{WEEKDAYS[day] + 1}", "set")
    n = re.fullmatch(r"(?:(?P<num>\w+) )?(?P<unit>[a-z]+)", what)
    if n and _unit_of(n.group("unit")):
        amount = _number(n.group("num")) if n.group("num") else 1
        if amount is None or amount <= 0:
            return None
        unit = _unit_of(n.group("unit"))
        assert unit is not None
        return DateValue(_duration(amount, unit), "set")
    return None


@_whole(
    r"(?:about |some |nearly |almost |more than |over |roughly |just |only )?"
    r"(?:(?P<num>.+?) )?(?P<unit>[a-z]+) (?P<dir>ago|earlier|before|later|after|"
    r"from now|hence|previously|back)"
)
def _rule_ago(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: "four years ago", "a week ago", "two months earlier", "decades ago":
    # the calendar unit that far back, at that unit's granularity ("four years ago" ->
    # 2012, "a week ago" -> a week); vague amounts give PAST_REF.
    unit = _unit_of(m.group("unit"))
    if unit is None:
        return None
    back = m.group("dir") in ("ago", "earlier", "before", "previously", "back")
    # "ago" counts from the reference (the time of writing); "later", "earlier",
    # "before", "after" count from the time under discussion, which only an anchor gives.
    from_reference = m.group("dir") in ("ago", "from now", "hence", "back")
    num = m.group("num")
    amount = _number(num) if num else (1 if not m.group("unit").endswith("s") else None)
    if amount is None and num and num not in _VAGUE_AMOUNTS:
        return None  # "the same month a year ago": not a count of units
    if amount is None or not float(amount).is_integer():
        return DateValue("PAST_REF" if back else "FUTURE_REF", "date")
    if not from_reference and ctx.year and unit in ("year", "yr", "decade", "century"):
        # Class: "two years later", "a year earlier" in a story told in years ("printed
        # in 1748 ... two years later" -> 1750): count from the year last written out.
        year = ctx.year + int(amount if not back else -amount) * UNIT_FACTOR.get(unit, 1)
        return DateValue(f"{year:04d}", "date") if _valid_year(year) else None
    base = (
        ctx.reference
        if from_reference
        else (
            dt.date.fromisoformat(ctx.anchor)
            if ctx.anchor and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.anchor)
            else None
        )
    )
    if (
        base is None
        and unit in ("month", "year")
        and ctx.anchor
        and re.fullmatch(r"\d{4}-\d{2}", ctx.anchor)
    ):
        # Class: "In March 2009 the plant closed. Six months later ..." -> 2009-09: the
        # month under discussion, when no day was told.
        value = _shift(
            dt.date.fromisoformat(f"{ctx.anchor}-01"), int(-amount if back else amount), unit
        )
        return DateValue(value, "date") if value else None
    if base is None and back and unit not in ("day", "week", "fortnight", "night"):
        # Class: "sales were flat compared with a year earlier", "up from a month before":
        # with no date told before it, news counts back from the time of writing, as "ago".
        base = ctx.reference
    if base is None or UNITS[unit][1]:
        # No date to count from, or minutes/hours: the clock time is not known.
        return _relative_needed()
    ctx = _Context(base, ctx.tense, ctx.date_order)
    if unit in ("week", "fortnight"):
        # "a week ago" names a day (the same weekday a week back), not a week.
        unit, amount = "day", amount * 7 * UNIT_FACTOR.get(unit, 1)
    value = _shift(ctx.reference, int(-amount if back else amount), unit)
    return DateValue(value, "date") if value else None


@_whole(
    r"(?:(?:the )?(?:early|earlier|late|later|mid|middle|start|beginning|end|rest|"
    r"remainder|first half|second half)(?:-| of | in | )?)?"
    r"(?:the )?(?P<rel>last|past|previous|preceding|prior|this|current|next|coming|"
    r"following|same|present|(?:its|their|the) (?:best|worst|biggest|largest|strongest|"
    r"weakest|busiest|deadliest|worst-ever|best-ever))?(?: |-)?"
    r"(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|"
    r"fall|winter|season)(?:'s)?(?: (?P<tail>a year ago|last year|a year earlier|"
    r"of last year|of this year|of next year))?"
)
def _rule_relative_unit(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: a calendar unit named relative to the reference: "last week" -> 2016-W29,
    # "its worst week (since 2008)" -> the current week,
    # "this summer" -> 2016-SU, "next month", "the weekend", "earlier this year", "the
    # end of this year", "later this month", "the same month a year ago", "the previous
    # year". Granularity is the unit's (a week is a week: YYYY-Www).
    text, rel, unit, tail = m.string, m.group("rel"), m.group("unit"), m.group("tail")
    if (
        rel is None
        and unit in ("year", "month", "week")
        and re.match(
            r"(?:the )?(?:early|late|mid|middle|start|beginning|end|rest|remainder)\b.* the ", text
        )
    ):
        rel = "this"  # "the end of the year": the current one
    if re.match(r"(?:the )(?:past|last) ", text) and unit not in SEASONS and not tail:
        return None  # "the past decade" is a stretch of time: a duration (P10Y)
    if re.match(r"the (?:next|coming) ", text) and unit in ("decade", "century"):
        # Class: "(over) the next decade" is the stretch ahead, a duration (P10Y) like "the
        # past decade", not the 2030s; "next decade" without "the" stays the decade.
        return None
    if rel is None and unit not in ("weekend",) and not tail:
        return None  # a bare "year" or "the week" is not resolvable on its own
    if ctx.reference is None:
        return _relative_needed()
    ref = ctx.reference
    offset = 0
    # "their best week (since November)": a superlative names the current unit.
    if rel and " " in rel:
        rel = "this"
    if rel in ("last", "past", "previous", "preceding", "prior"):
        offset = -1
    elif rel in ("next", "coming", "following"):
        offset = 1
    if tail:
        offset += 1 if "next" in tail else (0 if "this" in tail else -1)
        if unit in ("month", "week") and rel in ("same", None):
            # "the same month a year ago": the reference's month, a year back.
            unit_year = ref.year - 1
            return (
                DateValue(f"{unit_year:04d}-{ref.month:02d}", "date")
                if unit == "month"
                else DateValue(f"{unit_year:04d}-W{ref.isocalendar()[1]:02d}", "date")
            )
        if unit == "year" and rel in ("same", None):
            unit, offset = "year", offset
    if unit == "weekend":
        # A weekend is named by its ISO week: YYYY-Www-WE. "the weekend" alone: the one
        # before the reference in past-tense reporting, the coming one otherwise.
        if rel is None or (rel == "this" and ctx.tense == PAST):
            # "this weekend" in past-tense reporting is the one just gone.
            offset = 0 if ctx.tense == FUTURE or ref.weekday() >= 5 else -1
        return DateValue(f"{_week(ref, offset)}-WE", "date")
    if unit == "week":
        return DateValue(_week(ref, offset), "date")
    if unit == "month":
        return DateValue(_month(ref, offset), "date")
    if unit == "year":
        year = ref.year + offset
        return DateValue(f"{year:04d}", "date") if _valid_year(year) else None
    if unit == "quarter":
        value = _shift(ref, offset, "quarter")
        return DateValue(value, "date") if value else None
    if unit == "decade":
        decade = ref.year // 10 + offset
        return DateValue(f"{decade:03d}", "date")
    if unit == "century":
        return DateValue(f"{ref.year // 100 + offset:02d}", "date")
    # Seasons: "this summer" is the reference year's summer; "last summer" the most recent
    # summer that has ended before the current season; "next summer" the next one to begin.
    if unit == "season":
        year, code = _season_of(ref)
        if offset:
            order = ["WI", "SP", "SU", "FA"]
            index = year * 4 + order.index(code) + offset
            year, code = index // 4, order[index % 4]
        return DateValue(_season(year, code), "date")
    code = SEASONS[unit]
    cur_year, cur_code = _season_of(ref)
    start = (ref.year, SEASON_START[code])
    if code == "WI" and ref.month <= 2:
        start = (ref.year - 1, 12)
    if offset == 0:
        year = start[0] if code != cur_code else cur_year
    elif offset < 0:
        year = (
            start[0] if (start[0], start[1]) < (cur_year, SEASON_START[cur_code]) else start[0] - 1
        )
    else:
        year = (
            start[0] if (start[0], start[1]) > (cur_year, SEASON_START[cur_code]) else start[0] + 1
        )
    return DateValue(_season(year, code), "date") if _valid_year(year) else None


@_whole(
    r"(?:(?P<rel>last|this|next|this coming|this past|past|coming|previous) )?"
    r"(?P<day>[a-z]+?)(?:'s)?(?: (?P<part>morning|afternoon|evening|night))?"
)
def _rule_weekday(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: weekdays ("Tuesday", "last Friday", "next Monday", "Tuesday night",
    # "Monday's"). Bare weekdays follow the governing verb's tense: past (or none, as in
    # headlines) -> the most recent such day on or before the reference; future and the
    # simple present of a body sentence -> the next one on or after it.
    if m.group("day") not in WEEKDAYS:
        return None
    part = m.group("part")
    kind = "time" if part else "date"
    if ctx.reference is None:
        return _relative_needed(kind)
    ref, target, rel = ctx.reference, WEEKDAYS[m.group("day")], m.group("rel")
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if rel in ("last", "this past", "past", "previous"):
        day = ref - dt.timedelta(days=back or 7)
    elif rel in ("next", "coming", "this coming"):
        day = ref + dt.timedelta(days=ahead or 7)
    elif rel == "this":
        day = (
            ref + dt.timedelta(days=ahead) if ctx.tense == FUTURE else ref - dt.timedelta(days=back)
        )
    elif ctx.tense in (FUTURE, PRESENT):
        # Class: "the summit opens on Friday", "voting begins on Sunday": a weekday under
        # a simple present is the schedule of what is ahead; reports of the past use the
        # past ("opened on Friday").
        day = ref + dt.timedelta(days=ahead)
    else:
        day = ref - dt.timedelta(days=back)
    value = day.isoformat()
    return DateValue(f"{value}T{PARTS_OF_DAY[part]}" if part else value, kind)


_DURATION_MODIFIERS = re.compile(
    r"^(?:(?:about|some|nearly|almost|more than|over|roughly|just|only|at least|up to|"
    r"less than|around|approximately|another|an additional|a further|the first|the last|"
    r"the past|the next|the previous|the coming|the following|last|past|next|first|the|"
    r"for|within|within the|in the|a period of|a total of|an|a)\s+)*"
)
_VAGUE_AMOUNTS = ("several", "few", "a few", "many", "some", "multiple", "numerous",
                  "couple of", "a couple of", "recent", "the past few", "the last few",
                  "a number of", "countless")  # fmt: skip


def _rule_compound_duration(text: str, ctx: _Context) -> DateValue | None:
    # Class: a length in two or more units ("2 hours 15 minutes" -> PT2H15M, "1 hour and
    # 30 minutes", "two years and six months" -> P2Y6M, "3 minutes, 49.04 seconds"): the
    # single-unit rule read only the last.
    words = re.sub(r",? and |, ", " ", text).split(" ")
    if len(words) < 4 or len(words) % 2:
        return None
    date, time = [], []
    for amount_text, unit_text in zip(words[0::2], words[1::2], strict=True):
        unit, amount = _unit_of(unit_text), _number(amount_text)
        if unit is None or amount is None:
            return None
        letter, is_time = UNITS[unit]
        amount = _fmt_amount(amount * UNIT_FACTOR.get(unit, 1))
        (time if is_time else date).append(f"{amount}{letter}")
    return DateValue("P" + "".join(date) + ("T" + "".join(time) if time else ""), "duration")


def _rule_duration(text: str, ctx: _Context) -> DateValue | None:
    # Class: lengths of time ("four years" -> P4Y, "30 minutes" -> PT30M, "the past
    # decade" -> P10Y, "fifty-year", "12-hour", "several years" -> PXY, "a day" -> P1D,
    # "the next six months", "two consecutive quarters", "24 hours", "decades" -> PXY).
    t = re.sub(r"-(?:long|old)$", "", text)
    t = re.sub(r"(?<=[a-z0-9])-(?=[a-z]+$)", " ", t)  # "fifty-year" -> "fifty year"
    words = t.split(" ")
    unit = _unit_of(words[-1])
    if unit is None:
        return None
    plural = words[-1] != unit and not words[-1].endswith(".")
    head = " ".join(words[:-1])
    head = re.sub(
        r"\s*\b(?:full|consecutive|straight|successive|long|trading|working|"
        r"business|calendar|more|additional|other)$",
        "",
        head,
    )
    article = re.match(r"(?:.*\s)?(?:a|an)$", head) is not None
    explicit = re.match(r"(?:the )?(?:past|last|next|previous|coming|following|first)\b", head)
    amount_text = _DURATION_MODIFIERS.sub("", head + " ").strip()
    if amount_text in ("", "the"):
        if plural:
            return DateValue(_duration(None, unit), "duration")  # "years", "decades"
        if article or explicit:
            return DateValue(_duration(1, unit), "duration")  # "a day", "the past decade"
        return None  # a bare "day" / "the year": not a duration
    if amount_text in _VAGUE_AMOUNTS:
        amount = 2 if "couple" in amount_text else None
        return DateValue(_duration(amount, unit), "duration")
    amount = _number(amount_text)
    if amount is None or amount < 0 or amount > 1e6:
        return None
    return DateValue(_duration(amount, unit), "duration")


_YEAR = r"(?P<year>\d{4}|'\d{2})"
# A month with its day before or after it, or none: "5th of july", "july 5", "july".
_DAY_AND_MONTH = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? )?(?P<month>{MONTH_NAMES})\.?"
    r"(?: (?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
)


def _parse_year(text: str | None, ctx: _Context) -> int | None:
    if text is None:
        return None
    if text.startswith("'"):
        two = int(text[1:])
        if ctx.reference is None:
            return None
        century = ctx.reference.year // 100 * 100
        year = century + two
        return year - 100 if year > ctx.reference.year + 20 else year
    return int(text)


_ERA = r"(?:ad|a\.d\.|ce|c\.e\.)"


@_whole(
    rf"(?:(?:c\.|ca\.|circa|about|around) ?)?(?:{_ERA} ?(?P<a>\d{{1,4}})|(?P<b>\d{{1,4}}) ?"
    rf"{_ERA})|(?:c\.|ca\.|circa|the year) ?(?P<c>\d{{1,4}})"
)
def _rule_early_year(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: years of the first millennium, which only an era or "circa" tells from a
    # count: "347 AD", "AD 842", "c. 347", "circa 900", "the year 71" -> 0347 ... (BC years
    # are left out: TIMEX3 and the corpora write them differently.)
    year = int(m.group("a") or m.group("b") or m.group("c"))
    return DateValue(f"{year:04d}", "date") if _valid_year(year) else None


def _rule_year_like(text: str, ctx: _Context) -> DateValue | None:
    # Class: years and parts of them without a month: "2016", "in 1999", "fiscal 2016",
    # "mid-2011" (TIMEX3 keeps the year; the "mid" is a modifier), "early 2009", "the
    # 1990s" -> 199, "the '70s" / "the 70s" -> 197, "2010-11" -> 2010, "summer 2016" ->
    # 2016-SU, "the third quarter of 2009" / "Q3 2009" -> 2009-Q3, "the first half of
    # 2016" -> 2016-H1.
    t = re.sub(
        r"^(?:the )?(?:early|earlier|late|later|mid|middle|end of|start of|"
        r"beginning of|fiscal|fy|calendar|year|the year|first half of|second half of)"
        r"[- ]?",
        "",
        text,
    )
    t = _strip_the(t)
    # "the 2011 season", "the 2010-11 season": a sports season is named by its year.
    t = re.sub(r"(?<=\d) season$", "", t)
    if m := re.fullmatch(r"(?:fy|fiscal year |fiscal )?(\d{4})(?:[-/](\d{2}|\d{4}))?", t):
        year = int(m.group(1))
        if 1000 <= year <= 2999:
            half = re.match(r"(?:the )?(first|second) half of", text)
            if half:
                return DateValue(f"{year:04d}-H{1 if half.group(1) == 'first' else 2}", "date")
            return DateValue(f"{year:04d}", "date")
        return None
    if m := re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)|([a-z]+(?:-first)?))[- ]century", t):
        # Class: named centuries ("the 19th century", "19th-century", "the late twentieth
        # century") -> TIMEX3 counts hundreds: the 19th century is "18" (1800-1899). The
        # "late"/"early" is a modifier, as for "mid-2011". (BC is not read: no match.)
        n = int(m.group(1)) if m.group(1) else _CENTURY_WORDS.get(m.group(2) or "")
        return DateValue(f"{n - 1:02d}", "date") if n and 1 <= n <= 30 else None
    if m := re.fullmatch(r"'?(\d{2})(\d{2})?'?s", t):
        if m.group(2):  # "1990s"
            digits = m.group(1) + m.group(2)
            if digits.endswith("00"):
                return DateValue(digits[:2], "date")  # "the 1900s": the century
            return DateValue(digits[:3], "date")
        two = int(m.group(1))
        if two % 10:
            return None
        century = 19 if ctx.reference is None or two > ctx.reference.year % 100 else 20
        return DateValue(f"{century}{two // 10}", "date")
    if m := re.fullmatch(r"(?P<season>spring|summer|autumn|fall|winter)(?: of)? " + _YEAR, t):
        year = _parse_year(m.group("year"), ctx)
        if year is None:
            return _relative_needed()
        return DateValue(_season(year, SEASONS[m.group("season")]), "date")
    m = re.fullmatch(
        r"(?:the )?(?:(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th) "
        r"(?P<what>quarter|half)|(?P<q>q[1-4])|(?P<h>h[12]))(?: of)?"
        r"(?: (?:(?P<year>\d{4})|(?P<rel>this|last|next|the) year|fiscal (?P<fy>\d{4})))?",
        text,
    )
    if m:
        if m.group("q") or m.group("h"):
            code = (m.group("q") or m.group("h")).upper()
        else:
            n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                 "fourth": 4, "4th": 4}.get(m.group("ord"), 4 if m.group("what") == "quarter"
                                             else 2)  # fmt: skip
            code = f"{'Q' if m.group('what') == 'quarter' else 'H'}{n}"
        year_text = m.group("year") or m.group("fy")
        if code[0] == "H" and not year_text and not m.group("rel"):
            return None  # "the first half" of a match, a season, ...: no calendar period
        if year_text:
            return DateValue(f"{year_text}-{code}", "date")
        if ctx.reference is None:
            return _relative_needed()
        year = ctx.reference.year + {"last": -1, "next": 1}.get(m.group("rel") or "", 0)
        if not m.group("rel"):
            # "the fourth quarter" alone: the most recent such period in past-tense
            # reporting (the next one when the verb is future).
            index = int(code[1])
            per_year = 4 if code[0] == "Q" else 2
            current = (ctx.reference.month - 1) // (12 // per_year) + 1
            previous = current - 1 or per_year
            if ctx.tense == FUTURE and index == previous:
                # "results for the third quarter are due" read in October: a period is
                # reported after it ends, so the one just ended is meant, not next year's.
                year -= 1 if current == 1 else 0
            elif ctx.tense == FUTURE:
                year += 1 if index < current else 0
            elif ctx.tense == PRESENT:
                # "sales are strong in the fourth quarter": the current one counts.
                year -= 1 if index > current else 0
            else:
                year -= 1 if index >= current else 0
        return DateValue(f"{year:04d}-{code}", "date")
    return None


_CENTURY_WORDS = {
    word: n
    for n, word in enumerate(
        (
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
            "twentieth twenty-first"
        ).split(),
        start=1,
    )
}


def _resolve_year(month: int, day: int | None, ctx: _Context) -> int | None:
    """Year of a month (and day) written without one: the most recent in past-tense
    reporting, the next in future, otherwise the nearest to the reference."""
    ref = ctx.reference
    if ref is None:
        return None
    key = (month, day or (ref.day if month == ref.month else 1))
    here = (ref.month, ref.day)
    if ctx.tense == PAST:
        return ref.year if key <= here or (day is None and month == ref.month) else ref.year - 1
    if ctx.tense == FUTURE:
        return ref.year if key >= here or (day is None and month == ref.month) else ref.year + 1
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            when = dt.date(year, month, min(day or 15, 28))
        except ValueError:
            continue
        candidates.append((abs((when - ref).days), year))
    return min(candidates)[1] if candidates else ref.year


# Holidays on a fixed day of the calendar (Western and international ones that news names
# without a date), and the movable ones as functions of the year.
FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's day": (1, 1), "new year's eve": (12, 31),
    "new year": (1, 1), "valentine's day": (2, 14), "st. patrick's day": (3, 17),
    "st patrick's day": (3, 17), "halloween": (10, 31), "independence day": (7, 4),
    "bastille day": (7, 14), "veterans day": (11, 11), "armistice day": (11, 11),
    "remembrance day": (11, 11), "may day": (5, 1), "all saints' day": (11, 1),
}  # fmt: skip


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return dt.date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


MOVABLE_HOLIDAYS = {
    "easter": _easter, "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
}  # fmt: skip


@_whole(
    r"(?P<name>[a-z.' ]+?)(?:,? (?P<year>\d{4})| (?:of )?(?P<rel>last|this|"
    r"next) year)?"
)
def _rule_holiday(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: holidays named without a date ("on Christmas Day", "over Easter",
    # "Thanksgiving 2009"): their day, in the year the tense points to, as for "July 4".
    name = m.group("name")
    if name not in FIXED_HOLIDAYS and name not in MOVABLE_HOLIDAYS:
        return None

    def on(year: int) -> dt.date:
        if name in FIXED_HOLIDAYS:
            return dt.date(year, *FIXED_HOLIDAYS[name])
        return MOVABLE_HOLIDAYS[name](year)

    if m.group("rel") and ctx.reference is not None:
        # "Christmas last year", "Easter this year": the holiday in that year.
        year = ctx.reference.year + {"last": -1, "this": 0, "next": 1}[m.group("rel")]
        return DateValue(on(year).isoformat(), "date")
    if m.group("year"):
        year = int(m.group("year"))
        return DateValue(on(year).isoformat(), "date") if _valid_year(year) else None
    ref = ctx.reference
    if ref is None:
        return _relative_needed()
    days = [on(y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if ctx.tense == PAST:
        when = max(d for d in days if d <= ref)
    elif ctx.tense == FUTURE:
        when = min(d for d in days if d >= ref)
    else:
        when = min(days, key=lambda d: abs((d - ref).days))
    return DateValue(when.isoformat(), "date")


def _rule_month_day(text: str, ctx: _Context) -> DateValue | None:
    # Class: a month name with or without a day and year: "July 27", "27 July", "the 5th
    # of July", "mid-March", "early June", "July", "May 2008", "Tuesday, July 26".
    # Without a year, the year comes from the reference and the verb's tense. With a
    # year and a day, dateparser reads the format (see _absolute).
    t = re.sub(rf"^(?:{WEEKDAY_NAMES}|the),? ", "", text)
    t = re.sub(
        r"^(?:the )?(?:early|earlier|late|later|mid|middle|end of|start of|"
        r"beginning of|first half of|second half of)[- ]?(?:in |of )?",
        "",
        t,
    )
    t = _strip_the(t)
    m = re.fullmatch(rf"{_DAY_AND_MONTH}(?:,? (?:of )?{_YEAR})?", t)
    if not m:
        return None
    month = MONTHS[m.group("month")]
    day_text = m.group("d1") or m.group("d2")
    day = int(day_text) if day_text else None
    year = _parse_year(m.group("year"), ctx)
    if (
        m.group("month") in ("may", "mar", "sun", "sat", "wed")
        and day is None
        and year is None
        and text == m.group("month")
    ):
        pass  # a bare "May" is still the month when the model labelled it a date
    if (
        year is None
        and ctx.year
        and ctx.reference
        and (
            ctx.year < ctx.reference.year
            and ctx.tense != FUTURE
            or ctx.year != ctx.reference.year
            and ctx.tense == PAST
            # "will be held in 2018, with the final on July 15": a later year ahead
            or ctx.year > ctx.reference.year
            and ctx.tense == FUTURE
        )
    ):
        # Class: a day or month without a year in a story of another year ("In 1821 ...
        # the fire broke out on 12 April"): that year, not the reference's. (A later year
        # told in the past: the reference date is older than the text.)
        year = ctx.year
    if year is None:
        year = _resolve_year(month, day, ctx)
        if year is None:
            return _relative_needed()
    return _calendar(year, month, day)


def _rule_time(text: str, ctx: _Context) -> DateValue | None:
    # Class: clock times ("6:40 p.m.", "08:30 UTC", "0800 GMT", "noon", "16:00 UTC
    # today", "3 pm local time", "midnight"): the reference day at that time, Z for
    # UTC/GMT.
    m = re.fullmatch(
        r"(?:(?:about|around|at|approximately|shortly after|shortly before|just after|"
        r"just before|before|after|until|by) )?"
        r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?P<hhmm>\d{2})?\s*"
        r"(?P<ampm>a\.?m\.?|p\.?m\.?)?(?: ?(?P<tz>utc|gmt|z|local time|[a-z]{2,4}t|et|pt))?"
        r"(?: \(.*)?(?: (?P<day>today|yesterday|tomorrow|tonight))?",
        text,
    )
    hour = minute = None
    tz = None
    day_word = None
    # "0800" is a time only with its zone ("0800 GMT"): bare, it is a number.
    if m and (m.group("m") or m.group("ampm") or m.group("tz")):
        hour = int(m.group("h"))
        minute = int(m.group("m") or m.group("hhmm") or 0)
        if m.group("hhmm") and m.group("m"):
            return None
        if m.group("ampm"):
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if m.group("ampm").startswith("p") else 0)
        tz, day_word = m.group("tz"), m.group("day")
    elif text in ("noon", "midday", "midnight"):
        hour, minute = (0, 0) if text == "midnight" else (12, 0)
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    if ctx.day and not day_word:
        day = ctx.day  # Class: a clock time is on the day written beside it, if any.
    elif ctx.reference is None:
        return _relative_needed("time")
    else:
        offset = {"yesterday": -1, "tomorrow": 1}.get(day_word or "", 0)
        day = (ctx.reference + dt.timedelta(days=offset)).isoformat()
    zone = "Z" if tz in ("utc", "gmt", "z") else ""
    return DateValue(f"{day}T{hour:02d}:{minute:02d}{zone}", "time")


def _rule_part_of_day(text: str, ctx: _Context) -> DateValue | None:
    # Class: a part of the reference day alone ("morning", "the evening", "overnight").
    t = _strip_the(text)
    if t not in PARTS_OF_DAY:
        return None
    day = ctx.anchor_day()
    if day is None:
        return _relative_needed("time")
    return DateValue(f"{day.isoformat()}T{PARTS_OF_DAY[t]}", "time")


def _rule_anaphora(text: str, ctx: _Context) -> DateValue | None:
    # Class: dates that point back to the one under discussion: "the day", "that day",
    # "the same day", "the end of the day" -> the last full date mentioned (else the
    # reference); "the same period last year", "the same month a year ago", "the same
    # quarter a year earlier" -> that date's period one year back, at its granularity.
    if re.fullmatch(
        r"(?:(?:the )?(?:start|end|beginning|rest|remainder|close|middle) of )?"
        r"(?:the|that|this) (?:same )?day|(?:a|the) (?:second|third|fourth|fifth|"
        r"sixth|seventh|\w+th) (?:straight|consecutive|successive) day",
        text,
    ):
        day = ctx.anchor_day()
        return DateValue(day.isoformat(), "date") if day else _relative_needed()
    if re.fullmatch(r"(?:later |earlier )?(?:in )?(?:that|the same|that same) year", text):
        # Class: "that year", "the same year": the year last written out.
        if ctx.year:
            return DateValue(f"{ctx.year:04d}", "date")
        return None
    m = re.fullmatch(
        r"(?:in )?(?:the|that) same (?:period|month|quarter|week|time|season)"
        r"(?: of)? (?:last year|a year ago|a year earlier|the previous year|"
        r"the year before|one year earlier|one year ago|(?P<y>\d{4}))",
        text,
    )
    if not m:
        return None
    anchor = ctx.anchor
    if not anchor or not re.match(r"\d{4}-", anchor):
        return _relative_needed()
    year = int(m.group("y")) if m.group("y") else int(anchor[:4]) - 1
    rest = anchor[4:]
    if re.fullmatch(r"-\d{2}-\d{2}", rest):
        rest = rest[:3]  # a period around a day: the month
    return DateValue(f"{year:04d}{rest}", "date")


_REL_OFFSET = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}


@_whole(rf"(?:the )?{_DAY_AND_MONTH},? (?:of )?(?P<rel>last|past|previous|this|next|coming) year")
def _rule_month_of_relative_year(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: a month or day placed in a year named from today: "March last year", "in May
    # of this year", "June 3 next year", "the 12th of May this year". Neither half alone
    # gives the value; read apart, both came out empty.
    if ctx.reference is None:
        return _relative_needed()
    year = ctx.reference.year + _REL_OFFSET[m.group("rel")]
    return _calendar(year, MONTHS[m.group("month")], m.group("d1") or m.group("d2"))


@_whole(r"(?P<day>[a-z]+?),? (?:of )?(?P<rel>last|past|previous|this|next|coming) week")
def _rule_weekday_of_relative_week(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: a weekday placed in a week named from today ("Tuesday last week").
    if m.group("day") not in WEEKDAYS:
        return None
    if ctx.reference is None:
        return _relative_needed()
    monday = ctx.reference - dt.timedelta(days=ctx.reference.weekday())
    day = monday + dt.timedelta(weeks=_REL_OFFSET[m.group("rel")], days=WEEKDAYS[m.group("day")])
    return DateValue(day.isoformat(), "date")


# "the next day", "the following month", "the previous year": a unit next to the time
# under discussion (the caller passes the anchor or story year only where the phrase is
# a point, not "over the next year").
FOLLOWING = re.compile(
    r"the (?P<rel>following|next|previous|preceding|prior) "
    r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)"
)


@_whole(FOLLOWING)
def _rule_following(m: re.Match[str], ctx: _Context) -> DateValue | None:
    # Class: a unit after or before the time the story is at ("The strike began in
    # October 2005. The previous month, talks had collapsed" -> 2005-09; "the next day"
    # after "on March 3, 2008" -> 2008-03-04). Counted from the reference date they land
    # in the wrong year; with nothing to count from, the other rules decide.
    step = 1 if m.group("rel") in ("following", "next") else -1
    unit, anchor = m.group("unit"), ctx.anchor or ""
    if unit == "year":
        base = ctx.year or (int(anchor[:4]) if re.match(r"\d{4}", anchor) else None)
        if base is None or not _valid_year(base + step):
            return None
        return DateValue(f"{base + step:04d}", "date")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", anchor):
        day = dt.date.fromisoformat(anchor)
        if unit == "day":
            return DateValue((day + dt.timedelta(days=step)).isoformat(), "date")
        if unit in PARTS_OF_DAY:
            # "He died the following morning": the day after, in the morning.
            value = (day + dt.timedelta(days=step)).isoformat()
            return DateValue(f"{value}T{PARTS_OF_DAY[unit]}", "time")
        return DateValue(_week(day, step) if unit == "week" else _month(day, step), "date")
    if unit == "month" and re.fullmatch(r"\d{4}-\d{2}", anchor):
        return DateValue(_month(dt.date.fromisoformat(f"{anchor}-01"), step), "date")
    if unit == "week" and (w := re.fullmatch(r"(\d{4})-W(\d{2})", anchor)):
        monday = dt.date.fromisocalendar(int(w[1]), int(w[2]), 1)
        return DateValue(_week(monday, step), "date")
    return None


_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")


@lru_cache(maxsize=4)
def _dateparser(order: str):  # noqa: ANN202  (dateparser's DateDataParser)
    """One parser per day/month order: building one costs more than parsing."""
    from dateparser.date import DateDataParser

    base = dt.datetime(2000, 1, 1)  # never used: the text holds a year (checked by caller)
    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": order,
            "RELATIVE_BASE": base,
            "PREFER_DAY_OF_MONTH": "first",
            "STRICT_PARSING": False,
        },
    )


# The written dates news uses most ("may 28, 2006", "sunday, may 28, 2006", "28 may
# 2006", "the 5th of july 2006", "november 2008", "march of 2008"), read here:
# dateparser gives the same value at some milliseconds a call, the largest cost of the
# rules (see _absolute).
_WRITTEN_DATE = re.compile(
    rf"(?:(?:{WEEKDAY_FORMS}),? )?(?:the )?{_DAY_AND_MONTH}(?:,| of| in)? (?P<year>\d{{4}})"
)


def _written_date(text: str) -> DateValue | None:
    m = _WRITTEN_DATE.fullmatch(text)
    if not m or (m.group("d1") and m.group("d2")):
        return None
    return _calendar(int(m.group("year")), MONTHS[m.group("month")], m.group("d1") or m.group("d2"))


def _numeric_date(parts: list[str], order: str) -> DateValue | None:
    """ "07/27/2016" read in the order already settled, where the year has four digits
    (dateparser decides the century of a two-digit one)."""
    fields = dict(zip(order, parts, strict=True))
    if len(fields["Y"]) != 4:
        return None
    return _calendar(int(fields["Y"]), int(fields["M"]), fields["D"])


def _absolute(text: str, ctx: _Context) -> DateValue | None:
    # Class: complete absolute dates in any written format that carries a year
    # ("March 01, 2008", "Tuesday, March 8, 2011", "07/27/2016", "2016-07-27",
    # "12.03.2009"): dateparser, with the configured day/month order.
    has_month = MONTH_WORD.search(text) is not None
    if not (_NUMERIC_DATE.search(text) or (has_month and re.search(r"\b\d{4}\b", text))):
        return None
    match = _NUMERIC_DATE.search(text)
    numeric = match.group(0) if match else text
    if match:
        parts = re.split(r"[/.-]", numeric)
        if len(parts[0]) == 4:
            order = "YMD"
        elif len(parts[-1]) == 4 or len(parts[-1]) == 2:
            order = ctx.date_order if ctx.date_order != "YMD" else DEFAULT_DATE_ORDER
        else:
            order = ctx.date_order
        try:
            a, b = (
                int(parts[0] if order != "YMD" else parts[1]),
                int(parts[1] if order != "YMD" else parts[2]),
            )
        except ValueError:
            return None
        # A component above 12 can only be the day, whatever the configured order.
        if order == "MDY" and a > 12 >= b:
            order = "DMY"
        elif order == "DMY" and b > 12 >= a:
            order = "MDY"
        text = numeric
        if numeric_date := _numeric_date(parts, order):
            return numeric_date
    elif written := _written_date(text):
        return written
    else:
        order = ctx.date_order
    try:
        data = _dateparser(order).get_date_data(text)
    except Exception:  # noqa: BLE001  (a third-party parser must not break extraction)
        return None
    when = data.date_obj if data else None
    if when is None or not _valid_year(when.year):
        return None
    if data.period == "year":
        return DateValue(f"{when.year:04d}", "date")
    if data.period == "month":
        return DateValue(f"{when.year:04d}-{when.month:02d}", "date")
    if data.period == "time" and (when.hour or when.minute):
        return DateValue(f"{when.date().isoformat()}T{when.hour:02d}:{when.minute:02d}", "time")
    return DateValue(when.date().isoformat(), "date")


RULES = (
    _rule_compound_duration,
    _rule_ref_words,
    _rule_anaphora,
    _rule_following,
    _rule_month_of_relative_year,
    _rule_weekday_of_relative_week,
    _rule_deictic_day,
    _rule_sets,
    _rule_ago,
    _rule_relative_unit,
    _rule_weekday,
    _rule_early_year,
    _rule_year_like,
    _absolute,
    _rule_holiday,
    _rule_month_day,
    _rule_time,
    _rule_part_of_day,
    _rule_duration,
)


# A range of days in one month: "june 5-7", "june 5-7, 2023", "5-7 june 2023".
_DAY_RANGE_MDY = re.compile(rf"^({MONTH_NAMES}) (\d{{1,2}})\s*[-\u2013]\s*\d{{1,2}}\b")
_DAY_RANGE_DMY = re.compile(rf"^(\d{{1,2}})\s*[-\u2013]\s*\d{{1,2}} ({MONTH_NAMES})\b")


def _first_day(text: str) -> str:
    """A range of days in one month, read from its first day as "June 5 to 7" is: "june
    5-7, 2023" -> "june 5, 2023", "5-7 june" -> "5 june"."""
    text = _DAY_RANGE_MDY.sub(r"\1 \2", text)
    return _DAY_RANGE_DMY.sub(r"\1 \2", text)


def _parts(text: str) -> list[str]:
    """Sub-expressions of a span the model joined ("Tuesday, July 26" is one date;
    "16:00 UTC today" a time; "between 2010 and 2012" two): try the whole, then parts."""
    pieces = re.split(
        r"\s*(?:,|\band\b|\bor\b|\bto\b|\bthrough\b|\buntil\b|\bbetween\b|"
        r"\bfrom\b|(?<=\d)\s*-\s*(?=\d{4})|\bthrough\b)\s*",
        text,
    )
    return [p for p in pieces if p]


@lru_cache(maxsize=8192)
def normalize_date(
    text: str,
    reference: str | dt.date | None = None,
    *,
    tense: str | None = None,
    date_order: str = DEFAULT_DATE_ORDER,
    label: str | None = None,
    anchor: str | None = None,
    day: str | None = None,
    year: str | None = None,
) -> DateValue:
    """TIMEX3 value and kind of a temporal expression; value None when not understood or
    when it needs a reference date that is not known.

    `day` (YYYY-MM-DD): the day written beside a clock time ("09:30 GMT Sunday"), which
    the time then falls on instead of the reference day. `year`: the year last written
    out before the expression, for stories told in years ("that year", "two years later",
    "on 12 April" after "in 1821").

    Cached: anaphoric dates re-read the dates before them, and news repeats expressions
    ("Tuesday", "last week") across a batch with one reference date.
    """
    default_kind = "time" if label == "TIME" else "date"
    if not isinstance(text, str):
        return DateValue(None, default_kind)
    ctx = _Context(
        to_date(reference),
        tense,
        date_order if date_order in DATE_ORDERS else DEFAULT_DATE_ORDER,
        anchor if is_timex3(anchor) else None,
        day if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None,
        int(year) if year and re.fullmatch(r"\d{4}", year) else None,
    )
    cleaned = _clean(text)
    if not cleaned or len(cleaned) > 200:
        return DateValue(None, default_kind)
    candidates = [cleaned]
    if (first_day := _first_day(cleaned)) != cleaned:
        candidates.append(first_day)
    stripped = _strip_the(cleaned)
    if stripped != cleaned:
        candidates.append(stripped)
    candidates += [p for p in _parts(cleaned) if p not in candidates]
    # "by the end of the day Saturday": the named day or month at the end.
    words = cleaned.split(" ")
    candidates += [
        " ".join(words[i:])
        for i in range(1, len(words))
        if re.search(rf"\d|\b(?:{MONTH_NAMES}|{WEEKDAY_FORMS})\b", " ".join(words[i:]))
    ]
    for candidate in candidates:
        for rule in RULES:
            try:
                result = rule(candidate, ctx)
            except (ValueError, OverflowError, KeyError, IndexError, AssertionError):
                result = None
            if result is None:
                continue
            if result.value is not None and not is_timex3(result.value):
                continue
            if result.value is None and ctx.reference is not None:
                continue
            return result
    return DateValue(None, default_kind)


# ---------------------------------------------------------------------------- tense

# Verbs and adjectives whose infinitive complement is in the future ("is due to meet",
# "is expected to sign", "plans to visit", "are to travel"), as word stems: the pipeline
# runs without a lemmatizer, so inflected forms are matched by their beginning.
FUTURE_GOVERNORS = (
    "due",
    "expect",
    "set",
    "schedul",
    "slate",
    "going",
    "plan",
    "intend",
    "hope",
    "aim",
    "want",
    "likely",
    "poised",
    "about",
    "ready",
    "prepar",
    "vow",
    "pledg",
    "promis",
    "agree",
    "decid",
    "threaten",
    "seek",
    "sought",
    "try",
    "tries",
    "propos",
    "is",
    "are",
    "am",
    "be",
)
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "going", "should", "may", "might", "must"}
# Verbs that put their object in the future unless they are in the simple past: "a
# hearing has been scheduled for June 3", "the vote is set for Thursday".
SCHEDULING = (
    "schedul",
    "plan",
    "set",
    "slate",
    "expect",
    "due",
    "book",
    "arrang",
    "postpon",
    "delay",
    "resched",
    "fix",
)


# Verbs of forecasting: in the present, their object is ahead ("analysts expect growth
# in the fourth quarter"); "estimate" also reports the past, so it is not here.
FORECASTS = ("expect", "forecast", "predict", "anticipat", "foresee", "project")

_DUE_WORDS = ("due", "expect", "schedul", "slate", "set", "poised", "likely")


def _is(token, stems: tuple[str, ...]) -> bool:  # noqa: ANN001  (a spaCy Token)
    word = (token.lemma_ or token.lower_).lower()
    return word in stems or any(len(stem) > 3 and word.startswith(stem) for stem in stems)


def tense_of(span: Span) -> str | None:
    """Tense of the verb governing a temporal expression, from the dependency parse:
    past, present or future ("will meet on Tuesday", "is due to meet next week" are
    future). None when no verb governs it (headlines, fragments)."""
    token = span.root
    verb = None
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
            verb = token
            break
        if token.head.i == token.i:
            break
        token = token.head
    if verb is None:
        return None
    tense = _verb_tense(_reporting_verb(span, verb))
    if tense == PRESENT and not _ends_like_a_sentence(span.sent):
        # A headline's present tells of what has happened ("Taliban deny sending
        # militants"): no tense to read, as for any fragment.
        return None
    if _for_an_event(span) and tense != FUTURE and span.root.lower_ in WEEKDAYS:
        # Class: "has called a general strike for Thursday", "a rally for Saturday": the
        # day an event is called for is ahead, whatever the verb that called it.
        return FUTURE
    if _ahead_of(span) or tense == PRESENT and _is(verb, FORECASTS):
        # Class: "stocks rose ahead of Friday's jobs report", "in advance of the Feb. 12
        # vote": what is awaited is ahead of the story, whatever the verb's tense. And a
        # forecast in the present is of what is ahead ("analysts expect growth in the
        # fourth quarter").
        return FUTURE
    if tense == PRESENT and _arranged(span, verb):
        return FUTURE
    if tense == PRESENT and _after_until(span):
        # Class: "shops stay shut until Monday", "the road is closed till March": an end
        # point after a verb in the present is ahead; "were shut until Monday" stays past.
        return FUTURE
    return tense


def _reporting_verb(span: Span, verb):  # noqa: ANN001, ANN202  (spaCy Tokens)
    """Class: "Barclays said on Tuesday it would cut jobs": the parser hangs the date on
    the reported clause's verb ("would cut", ahead), but what stands between the reporting
    verb and that clause's subject tells when it was said. After "that" ("said that on
    Friday it would vote") the date is the clause's again."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return verb
    subject = next(
        (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < verb.i),
        None,
    )
    if subject is None or not head.i < span.start or span.end > subject.left_edge.i:
        return verb
    if any(t.dep_ == "mark" or t.lower_ == "that" for t in span.doc[head.i + 1 : span.start]):
        return verb
    return head


def _for_an_event(span: Span) -> bool:
    root = span.root
    prep = root.head
    # "a general strike for Thursday": "for" right after the event's noun, wherever the
    # parser hangs it ("struck for Monday" has no event noun).
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.i > 0
        and span.doc[prep.i - 1].pos_ == "NOUN"
    )


def _ahead_of(span: Span) -> bool:
    head = span.root
    while head.dep_ in ("poss", "nmod", "compound", "amod", "nummod") and head.head.i != head.i:
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ != "of":
        return False
    return head.head.head.lower_ in ("ahead", "advance")


def _arranged(span: Span, verb) -> bool:  # noqa: ANN001  (a spaCy Token)
    """Class: "I am going to Rome in January", "the minister is visiting Kyiv in May": the
    present progressive with a time of its own is an arrangement, ahead. Only a time that
    modifies the verb itself ("in May", "on Friday"): "is publishing figures for January"
    is about January's."""
    present = ("is", "are", "am", "'s", "'re", "'m")
    if verb.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lower_ in present for c in verb.lefts):
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "on", "at", "during"):
        root = root.head
    return root.head.i == verb.i and root.dep_ in ("prep", "npadvmod", "tmod")


def _ends_like_a_sentence(sent: Span) -> bool:
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and (
        last.text in (".", "!", "?")
        or last.is_quote
        and len(sent) > 1
        and sent[-2].text in (".", "!", "?")
    )


def _after_until(span: Span) -> bool:
    start = span.start
    if span[0].lower_ in ("until", "till", "til"):
        return True
    return start > 0 and span.doc[start - 1].lower_ in ("until", "till", "til")


def _verb_tense(verb, depth: int = 0) -> str | None:  # noqa: ANN001  (a spaCy Token)
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in FUTURE_AUX for c in aux):
        return FUTURE  # "will meet", "is going to meet"
    # A gerund complement takes its tense from its verb too: "would begin pulling out on
    # Saturday" is ahead, "began pulling out on Saturday" past.
    to_form = any(c.lower_ == "to" for c in aux) or verb.dep_ in ("xcomp", "advcl")
    # "to be held" is an infinitive too, in the passive: "the debate, to be held on
    # Wednesday" is ahead.
    passive_infinitive = (
        verb.tag_ == "VBN"
        and any(c.lower_ == "to" for c in aux)
        and any(c.lower_ == "be" for c in aux)
    )
    infinitive = (
        (verb.tag_ == "VB" and to_form)
        or (verb.tag_ == "VBG" and verb.dep_ == "xcomp" and not aux)
        or passive_infinitive
    )
    governor = verb.head
    if infinitive and verb.dep_ in ("relcl", "acl") and governor.pos_ in ("NOUN", "PROPN"):
        # Class: an infinitive on a noun is its plan ("the debate, to be held on
        # Wednesday", "a meeting to discuss the plan on Friday"), ahead unless the
        # sentence tells the past.
        return PAST if _finite_tense(verb.sent.root) == PAST else FUTURE
    if infinitive and governor.i != verb.i and depth < 4:
        # "is due to meet", "plans to visit": the infinitive of a future-looking verb or
        # adjective is future unless that governor is itself past ("was due to meet").
        governor_tense = (
            _finite_tense(governor) if governor.pos_ == "ADJ" else _verb_tense(governor, depth + 1)
        )
        if _is(governor, FUTURE_GOVERNORS):
            return PAST if governor_tense == PAST else FUTURE
        return governor_tense
    tense = _finite_tense(verb)
    if (
        tense != PAST
        and verb.lower_ in ("is", "are", "am", "'s", "'re")
        and any(
            c.dep_ == "xcomp" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children)
            for c in verb.children
        )
    ):
        # Class: "On Thursday, the delegates are to fly ...": the date hangs on "are", whose
        # "to"-infinitive is a plan (the infinitive itself is handled above).
        return FUTURE
    if (
        _is(verb, SCHEDULING)
        and verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        # Class: a scheduling participle after its noun ("a report expected in April", "the
        # vote scheduled for Tuesday") looks ahead; tagged VBN, it read as past.
        return FUTURE
    if _is(verb, SCHEDULING) and verb.tag_ == "VBN" and tense != PAST:
        return FUTURE
    if tense != PAST and any(
        c.dep_ in ("acomp", "attr") and _is(c, _DUE_WORDS) for c in verb.children
    ):
        # Class: "the report is due in April", "the vote is set for May": the copula with
        # a scheduling complement is future; "was due" stays past.
        return FUTURE
    if (
        _is(verb, SCHEDULING)
        and verb.tag_ == "VBN"
        and any(c.lower_ in ("has", "have", "is", "are", "been") for c in verb.children)
        and not any(c.tag_ == "VBD" for c in verb.children)
    ):
        return FUTURE
    return tense


def _finite_tense(token) -> str | None:  # noqa: ANN001
    """Past or present from the verb or its auxiliaries (or the copula of an adjective)."""
    candidates = [token] + [c for c in token.children if c.dep_ in ("aux", "auxpass", "cop")]
    if token.pos_ == "ADJ" and token.head.i != token.i:
        candidates.append(token.head)
    if any(c.lower_ in FUTURE_AUX and c.tag_ == "MD" for c in candidates):
        return FUTURE
    if any(
        c.tag_ == "VBD" or "Past" in c.morph.get("Tense") and c.tag_ != "VBN" for c in candidates
    ):
        return PAST
    if token.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in candidates):
        return PAST
    if any(c.tag_ in ("VBZ", "VBP") for c in candidates):
        return PRESENT
    if token.tag_ == "VBN":
        return PAST
    return None
