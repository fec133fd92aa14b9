"""Figures and dates as facts: the fields of each item in `figures` and `dates`.

The text-only normalization lives in `figure_values.py` and `date_values.py`; this adds what
only the parse can tell: the counted noun of a figure, the tense governing a date, and
whether a number the model labelled is a figure or a date at all. Both functions return
None for a span that must not appear in the output (record.py drops it).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from extractor.date_values import (
    FIXED_HOLIDAYS,
    FOLLOWING,
    FUTURE,
    MONTHS,
    MOVABLE_HOLIDAYS,
    PAST,
    PRESENT,
    SEASONS,
    normalize_date,
    tense_of,
)
from extractor.doctext import doc_text
from extractor.figure_values import CURRENCY_WORDS, parse_figure
from extractor.labels import DATE_KIND, FIGURE_KIND
from extractor.lexicon import MONTH_NAMES, MONTH_WORD, WEEKDAY_NAMES, WEEKDAYS
from extractor.options import DEFAULT_DATE_ORDER

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Span, Token

_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d|2100)$")
# "4.12" alone is a number (a price, a score); with a dot, a time needs a.m./p.m.
_CLOCK = re.compile(
    r"^\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$|^\d{1,2}\.\d{2}\s*[ap]\.?m\.?$|"
    r"^\d{1,2}\s*[ap]\.?m\.?$",
    re.I,
)
# A phone number: 7+ digits in 3+ groups joined by spaces, dots, dashes or brackets.
# "555-123-4567", "(212) 859-1660"; with a country code the groups are freer ("+49 69
# 756525", a wire desk's number under the story).
_PHONE = re.compile(
    r"^\+?\(?\d{1,4}\)?(?:[\s.-]\(?\d{2,5}\)?){2,5}$|^\+\d{1,4}(?:[\s.-]\(?\d{1,8}\)?){1,5}$"
)
_NAME_DESIGNATORS = {"no.", "no", "#", "nr.", "num.", "number"}


def _is_year(span: Span) -> bool:
    """A bare four-digit year ("in 1999") that the model called a number."""
    if not _YEAR.match(span.text.strip()):
        return False
    root = span.root
    # "1500 troops" counts troops; a year does not modify a plural noun.
    return not (root.dep_ == "nummod" and root.head.tag_ in ("NNS", "NNPS"))


def _number_run(span: Span) -> str:
    """The run of digits and separators around the span in the text ("555-123-4567")."""
    text = doc_text(span.doc)
    start, end = span.start_char, span.end_char
    allowed = set("0123456789 .-()+/")
    while start > 0 and text[start - 1] in allowed and text[start - 1] != "\n":
        start -= 1
    while end < len(text) and text[end] in allowed and text[end] != "\n":
        end += 1
    return text[start:end].strip(" .-/")


def _is_phone(span: Span) -> bool:
    run = _number_run(span)
    digits = sum(c.isdigit() for c in run)
    return digits >= 7 and "," not in run and _PHONE.match(run) is not None


def _is_list_marker(span: Span) -> bool:
    """ "1." / "2)" / "(3)" opening a line: the number of an item, not a figure."""
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    before = text[line_start : span.start_char].strip()
    after = text[span.end_char : span.end_char + 1]
    return (
        span.text.strip().isdigit() and before in ("", "(", "-", "*") and after in (".", ")", ":")
    )


def _is_pronoun_one(span: Span) -> bool:
    """ "one of the victims", "the one who", "no one": 'one' as a pronoun, not a count."""
    if span.text.lower() != "one":
        return False
    root = span.root
    following = span.doc[span.end] if span.end < len(span.doc) else None
    previous = span.doc[span.start - 1] if span.start > 0 else None
    if following is not None and following.lower_ in ("of", "another", "who", "which", "that"):
        return True
    if previous is not None and previous.lower_ in (
        "the",
        "this",
        "that",
        "no",
        "any",
        "every",
        "which",
        "each",
        "someone",
    ):
        return True
    return (
        root.dep_ not in ("nummod", "quantmod", "compound")
        and root.head.pos_ != "NOUN"
        and following is not None
        and following.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ")
    )


def _name_numbers(doc) -> set[str]:  # noqa: ANN001  (a spaCy Doc)
    """Integers the document uses as names: written right after a proper noun somewhere
    ("Boeing 737", "FTSE 100", "Apollo 11") and not counting a plural noun there. One
    sense per document: "their 737 narrowbody airliner" is then a name too."""
    cached = doc.user_data.get("extractor_name_numbers")
    if cached is not None:
        return cached
    names = set()
    for token in doc[1:]:
        if not re.fullmatch(r"\d+", token.text):
            continue
        previous = doc[token.i - 1]
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        # After a proper noun ("Boeing 737") or a camel-case name ("iOS 5", "iPhone 4").
        camel = (
            previous.is_alpha
            and any(c.isupper() for c in previous.text[1:])
            and not previous.is_upper
        )
        if not previous.whitespace_ or not (
            previous.pos_ == "PROPN" and previous.text[:1].isupper() or camel
        ):
            continue
        if previous.ent_type_ in ("GPE", "LOC", "NORP", "DATE", "TIME", "PERSON"):
            continue
        if previous.lower_ in MONTHS or (
            following is not None and following.tag_ in ("NNS", "NNPS")
        ):
            continue
        names.add(token.text)
    doc.user_data["extractor_name_numbers"] = names
    return names


def _in_name(span: Span) -> bool:
    """A number that is part of a name ("Apollo 11", "Boeing 747", "Flight 370", "No. 10"),
    not a figure of the story. (A person's age is a figure: see `is_age`.)"""
    if span.label_ != "CARDINAL":
        return False
    doc, root = span.doc, span.root
    if span.start and doc[span.start - 1].lower_ in _NAME_DESIGNATORS:
        return True  # "No. 10", "number one"
    if span.start_char and doc_text(doc)[span.start_char - 1] in "'\u2019" and len(span.text) == 2:
        return True  # "iLife '11": a year written short, in a name
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", span.text.strip()):
        return False
    if span.text.strip() in _name_numbers(doc):
        return True
    previous = doc[span.start - 1] if span.start > 0 else None
    if previous is None:
        return False
    if previous.text.upper() in ("GMT", "UTC"):
        return True  # a time zone offset: "GMT +8"
    if (
        previous.pos_ == "PROPN"
        and previous.whitespace_
        and previous.ent_type_ not in ("GPE", "LOC", "NORP", "DATE")
    ):
        linked = (
            root.head == previous
            or (previous.head == root.head and previous.dep_ in ("compound", "nmod"))
            or previous.head == root
        )
        if linked:
            return True
    return False


def is_age(doc, start: int, end: int) -> bool:  # noqa: ANN001  (a spaCy Doc)
    """A bare number that is a person's age: "Smith, 49,", "aged 55", "the age of 56"."""
    span = doc[start:end]
    if not re.fullmatch(r"\d{1,3}", span.text) or not 0 < int(span.text) < 130:
        return False
    before = [t.lower_ for t in doc[max(0, start - 3) : start]]
    if before[-1:] in (["aged"], ["age"]) or before[-2:] == ["age", "of"]:
        return True
    if (
        start >= 2
        and doc[start - 1].text == ","
        and doc[start - 2].ent_type_ in ("PERSON", "ORG")
        and doc[start - 2].pos_ == "PROPN"
    ):
        following = doc[end] if end < len(doc) else None
        return following is None or following.text in (",", ")", ";", ".")
    return False


def _names_a_thing(span: Span) -> bool:
    """A bare integer modifying a singular noun names a model or an index, it counts
    nothing: "the 737 airliner", "their 737 narrowbody airliner", "the S&P 500 index".
    Counts take a plural noun ("two companies", "500 jobs")."""
    text = span.text.strip()
    if span.label_ != "CARDINAL" or not re.fullmatch(r"\d+(?:\.\d+)?", text):
        return False
    if float(text) <= 1:
        return False
    if span.end < len(span.doc) and span.doc[span.end].text.startswith("°"):
        return False  # "45.6 °C": a temperature, "C" its scale
    root = span.root
    head = root.head
    if root.dep_ not in ("nummod", "compound", "nmod", "amod", "quantmod") or head.i < span.end:
        return False
    between = span.doc[span.end : head.i]
    return (
        head.tag_ in ("NN", "NNP")
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in _COUNTABLE_SINGULAR
        and all(
            t.pos_ in ("ADJ", "NOUN", "PROPN") and t.tag_ not in ("NNS", "NNPS") for t in between
        )
    )


# Nouns that take a number in the singular: invariant plurals and thresholds.
_COUNTABLE_SINGULAR = {
    "aircraft", "spacecraft", "craft", "sheep", "fish", "deer", "personnel", "staff",
    "police", "cattle", "livestock", "offspring", "series", "species", "crew", "mark",
    "level", "barrier", "threshold", "point", "percent", "strong", "people",
}  # fmt: skip


def _capitalized_words(span: Span) -> bool:
    """Number words in title case inside a sentence are a name ("the Ford Five Hundred",
    "the Big Three"), not a count."""
    # Not a unit's letter ("100 °F").
    words = [t for t in span if t.is_alpha and not (t.i > 0 and t.doc[t.i - 1].text == "°")]
    if not words or not all(t.is_title for t in words) or span[0].is_sent_start or span.start == 0:
        return False
    previous = span.doc[span.start - 1]
    if previous.text in ('"', "``", "(", ":") or "\n" in previous.text_with_ws:
        return False
    # In a headline every word is capitalized: that says nothing.
    text = doc_text(span.doc)
    line = text[
        text.rfind("\n", 0, span.start_char) + 1 : text.find("\n", span.end_char)
        if "\n" in text[span.end_char :]
        else len(text)
    ]
    long_words = [w for w in re.findall(r"[A-Za-z]{4,}", line)]
    return sum(w[0].isupper() for w in long_words) < 0.6 * len(long_words)


def _definite_small(span: Span) -> bool:
    """ "the two companies", "both three ...": a definite description refers back to things
    already named; a small number in it is no new figure."""
    text = span.text.lower()
    if span.label_ != "CARDINAL" or text not in (
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ):
        return False
    previous = span.doc[span.start - 1] if span.start else None
    return previous is not None and previous.lower_ in ("the", "these", "those", "both")


def is_figure(span: Span) -> bool:
    """False for numbers the model labelled that are no figures of the story: years,
    clock times, phone numbers, list markers, 'one' as a pronoun, numbers in names."""
    text = span.text.strip()
    if not any(c.isdigit() for c in text) and not re.search(r"[a-z]", text, re.I):
        return False
    if span.label_ == "CARDINAL" and (_is_year(span) or _CLOCK.match(text)):
        return False
    return not (
        _is_phone(span)
        or _is_list_marker(span)
        or _is_pronoun_one(span)
        or _in_name(span)
        or _names_a_thing(span)
        or _capitalized_words(span)
        or _definite_small(span)
    )


def counted_noun(span: Span) -> str | None:
    """The thing counted, from the parse: the noun the number modifies ("more than 30,000
    troops" -> troops) or the noun of a partitive ("20,000 of the troops"); None for a
    pronoun ("20,000 of them") or when nothing is counted."""
    root = span.root
    head: Token = root.head
    if any("\n" in t.text_with_ws for t in span.doc[span.end - 1 : head.i]):
        return None  # "... injuring 31\nSunday, ...": the parse ran over a line break
    if (
        head is not root
        and head.i >= span.end
        and root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod")
    ):
        if head.pos_ in ("NOUN", "PROPN") and head.is_alpha:
            return head.text if head.pos_ == "PROPN" else head.lower_
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in ("NOUN", "PROPN") and objects[0].is_alpha:
                return objects[0].text if objects[0].pos_ == "PROPN" else objects[0].lower_
    return None


def figure_fields(span: Span) -> dict[str, Any] | None:
    """The normalized fields of a figure span, or None when the span is no figure."""
    if not is_figure(span):
        return None
    figure = parse_figure(span.text, span.label_)
    kind = FIGURE_KIND.get(span.label_, "count")
    if figure is None:
        return {
            "value": None, "value_max": None, "unit": None, "qualifier": None,
            "qualifier_text": None, "kind": kind, "currency": None,
        }  # fmt: skip
    fields = figure.fields()
    if fields["unit"] is None and is_age(span.doc, span.start, span.end):
        fields["kind"], fields["unit"] = "quantity", "years"  # "Papermaster, 49,"
    after = doc_text(span.doc)[span.end_char : span.end_char + 24]
    if fields["unit"] is None and (temperature := _DEGREES_AFTER.match(after)):
        # "above 30 °C": the model leaves the symbol out of the number.
        fields["kind"], fields["unit"] = "quantity", "°" + temperature[1].upper()
    if fields["currency"] is None and (
        fields["kind"] in ("count", "money") or fields["unit"] is None
    ):
        word = _WORD_AFTER.match(after)
        if word and word[1].lower() in CURRENCY_WORDS and word[1].lower() not in _AMBIGUOUS:
            # "about 1.6 billion lari": the currency's name outside the model's span.
            fields["kind"], fields["currency"] = "money", CURRENCY_WORDS[word[1].lower()]
            fields["unit"] = None
        elif fields["kind"] == "money" and _CENTS.search(span.text):
            # "fell 41 cents to $88.09": a sub-unit takes the sentence's currency.
            fields["currency"] = _sentence_currency(span)
    if fields["unit"] is None and fields["kind"] in ("count", "quantity"):
        fields["unit"] = counted_noun(span)
    return fields


# Currency names that are also English words ("two real-world applications").
_AMBIGUOUS = {"real", "won", "rand", "dong", "pound", "pounds", "mark", "lei", "leu", "lev",
              "crowns", "birr", "taka", "franc"}  # fmt: skip
_CENTS = re.compile(r"\bcents?\b", re.I)
_DEGREES_AFTER = re.compile(r"\s?°\s?([CcFf])\b")
_WORD_AFTER = re.compile(r"\s(\w+)")


_LOCAL_DOLLARS = {"AUD", "CAD", "NZD", "HKD", "SGD", "TWD"}
_BARE_DOLLAR = re.compile(r"^[^$]*(?<![A-Za-z])\$")  # the first "$" with no "US", "A" before


def local_dollars(figures: list[Any]) -> None:
    """ "A$2.3 million" ... "$450,000": an article that names its dollars once (one local
    dollar, and no "US$") means them by every bare "$" after; read as US dollars
    alone."""
    named = {f.currency for f in figures if f.currency in _LOCAL_DOLLARS}
    bare = [f for f in figures if f.currency == "USD" and _BARE_DOLLAR.match(f.text)]
    if len(named) != 1 or not bare or any(f.currency == "USD" and f not in bare for f in figures):
        return
    code = named.pop()
    for f in bare:
        f.currency = code


def _sentence_currency(span: Span) -> str | None:
    """The one currency the sentence's other sums are in, if there is one."""
    found = set()
    for e in span.sent.ents:
        if e.label_ == "MONEY" and e.start != span.start:
            figure = parse_figure(e.text, e.label_)
            if figure is not None and figure.currency:
                found.add(figure.currency)
    return found.pop() if len(found) == 1 else None


_AGE = re.compile(r"\b(?:years?|months?)[- ]old$|^aged? \d+", re.I)


_STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane",
                 "drive", "dr", "terrace", "plaza", "way", "place", "court", "highway",
                 "parkway", "square", "calle"}  # fmt: skip
_DATE_FORMAT = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")


def _is_number_code(span: Span) -> bool:
    """Phone numbers, postcodes and street numbers the model labelled DATE/TIME ("tel: 1
    415 555-0199", "0472315589", a five-digit postcode, "2210 Maple Avenue", ".287")."""
    text = span.text.strip()
    if _DATE_FORMAT.fullmatch(text):
        return False
    if text.startswith("."):
        return True  # a decimal written without its zero (a batting average)
    if not re.fullmatch(r"[\d\s+().-]+", text):
        return False  # words or a clock ("08:00 - 20:00") in it
    groups = re.findall(r"\d+", _number_run(span))
    if any(len(g) >= 5 for g in groups) or (len(groups) >= 3 and sum(map(len, groups)) >= 7):
        return True
    if re.fullmatch(r"\d{3,5}", text):
        # "2210 Maple Avenue": a number right before a name ending in a street word.
        name = []
        for token in span.doc[span.end : span.end + 4]:
            if not (token.is_title or token.is_upper) or not token.is_alpha:
                break
            name.append(token.lower_)
        return len(name) >= 2 and name[-1] in _STREET_WORDS
    return False


def is_date(span: Span) -> bool:
    """False for spans the model labelled DATE/TIME that are no dates: ages ("45", "45
    years old"), bare numbers other than years, phone numbers and street numbers."""
    text = span.text.strip()
    if _AGE.search(text):
        return False
    if re.fullmatch(r"\d{1,3}", text):
        return False
    return not _is_number_code(span)


def _recurring(span: Span) -> bool:
    """ "a year" after a count or "once"/"twice" ("15 a year") is a set, not a duration."""
    if not re.match(r"(?:a|an) \w+$", span.text.lower()) or span.start == 0:
        return False
    previous = span.doc[span.start - 1]
    return previous.like_num or previous.lower_ in ("once", "twice", "times")


_ANCHORABLE = re.compile(r"^\d{4}-(?:\d{2}(?:-\d{2})?|Q[1-4]|W\d{2})$")


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_OR_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_LATER = re.compile(r"\b(?:months?|years?) (?:later|earlier|after|before)$", re.I)
_PERIOD_ANAPHORA = re.compile(r"\bsame (?:period|month|quarter|week|season|time)\b", re.I)


def _date_ents(doc: Doc) -> list[Span]:
    """The DATE/TIME entities of a document, computed once (doc.ents builds new Spans on
    every access: per date that was quadratic in the article's length)."""
    key = "extractor.date_ents"
    ents = doc.user_data.get(key)
    if ents is None:
        ents = doc.user_data[key] = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    return ents


def _anchor(span: Span, reference: str | None, date_order: str) -> str | None:
    """The date under discussion at `span`: the value of the closest date before it in
    the document that names a day ("On Monday ... to end the day" -> Monday's date), or
    for "the same period last year" a day, week, month or quarter. Only expressions that
    point back use it."""
    wanted = _ANCHORABLE if _PERIOD_ANAPHORA.search(span.text) else _DAY
    if _LATER.search(span.text):
        wanted = _DAY_OR_MONTH  # "six months later": a month told is enough to count from
    if FOLLOWING.fullmatch(_lead_the(span.text)):
        if _stretch_ahead(span):
            return None  # "over the next month": a stretch from now, not a point
        wanted = _ANCHORABLE
    if _FROM_TODAY_FIRST.match(span.text):
        return None  # "to this day", "next month": counted from today, not the date before
    dates = _date_ents(span.doc)
    previous = dates[: bisect_left([e.end for e in dates], span.start + 1)]
    return _first_value(reversed(previous[-8:]), wanted, reference, date_order)


def _first_value(
    ents: Iterable[Span], wanted: re.Pattern[str], reference: str | None, date_order: str
) -> str | None:
    """The value of the first of the date entities `ents` whose value `wanted` matches."""
    for ent in ents:
        value = _own_value(ent, reference, date_order)
        if value and wanted.match(value):
            return value
    return None


def _own_value(ent: Span, reference: str | None, date_order: str) -> str | None:
    """The value of a date entity read alone, computed once per document: every later
    date that points back reads the eight before it."""
    cache = ent.doc.user_data.setdefault("extractor.own_values", {})
    key = (ent.start, ent.end, ent.label_, reference, date_order)
    if key not in cache:
        cache[key] = normalize_date(
            ent.text, reference, tense=tense_of(ent), date_order=date_order, label=ent.label_
        ).value
    return cache[key]


def _lead_the(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


_NEXT_UNIT = re.compile(r"(?:the )?(?:next|coming) (week|month|year|quarter)")


def _stretch_ahead(span: Span) -> bool:
    """ "over the next year", "within the following week": a stretch, not the unit next to
    the time under discussion."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in (
        "over",
        "within",
        "during",
        "for",
        "throughout",
    )


_CLOCK_TEXT = re.compile(r"\d[:.]?\d\d\b|\d\s*[ap]\.?m\b", re.I)
_RANGE_JOINTS = {"and", "to", "until", "through", "or", "-", "\u2013", "\u2014"}
_SHORT_YEAR = re.compile(r"^\d{2}$")
_COUNT = re.compile(
    r"^(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|a few|several)$",
    re.I,
)


def _range_partner(span: Span, after: bool) -> Span | None:
    """The date across a range joint right next to `span` ("1903 - 07", "6 and 9 weeks")."""
    doc = span.doc
    joint = span.end if after else span.start - 1
    if not 0 <= joint < len(doc) or doc[joint].lower_ not in _RANGE_JOINTS:
        return None
    for ent in _date_ents(doc):
        if (ent.start == joint + 1) if after else (ent.end == joint):
            return ent
    return None


def _range_text(span: Span) -> str | None:
    """The text of one end of a range completed with what the other end writes once:
    "6" in "between 6 and 9 weeks" -> "6 weeks", "07" in "1903 - 07" -> "1907", "May" in
    "between April and June 1968" -> "April 1968". None when `span` is no such end."""
    text = span.text.strip()
    if _COUNT.match(text) and (right := _range_partner(span, after=True)) is not None:
        words = right.text.split()
        if len(words) == 2 and _COUNT.match(words[0]):
            return f"{text} {words[1]}"  # the unit written once
    if _SHORT_YEAR.match(text) and (left := _range_partner(span, after=False)) is not None:
        if re.fullmatch(r"\d{4}", left.text.strip()):
            start = int(left.text)
            year = start // 100 * 100 + int(text)
            return str(year + 100 if year < start else year)
    if (
        re.fullmatch(r"[A-Za-z]+\.?", text)
        and text.lower().rstrip(".") in MONTHS
        and (right := _range_partner(span, after=True)) is not None
    ):
        year = re.search(r"\b(\d{4})$", right.text)
        if year:
            return f"{text} {year.group(1)}"  # the year written once
    return None


# What may stand between a clock time and its day: "09:30 GMT Sunday", "08:45 UTC, March
# 3rd", "Sunday at 09:30", "on March 3 at 08:45".
_TIME_DAY_GLUE = {",", "on", "at", "of", "local", "time"}


def _day_beside(span: Span, reference: str | None, date_order: str) -> str | None:
    """The day (YYYY-MM-DD) of a date written right before or after a clock time."""
    return _first_value(_beside(span), _DAY, reference, date_order)


def _beside(span: Span) -> Iterator[Span]:
    """The date entities right before or after `span`: "3:15 a.m. local time on
    Tuesday", up to three words of glue between them."""
    doc = span.doc
    for ent in _date_ents(doc):
        if ent.start >= span.end:
            between = doc[span.end : ent.start]
        elif ent.end <= span.start:
            between = doc[ent.end : span.start]
        else:
            continue
        if len(between) <= 3 and all(t.lower_ in _TIME_DAY_GLUE for t in between):
            yield ent


_TOLD_FROM_TODAY = re.compile(
    r"\b(?:today|yesterday|tomorrow|tonight|now|ago|(?:this|last|next) (?:week|month|year)|"
    rf"{WEEKDAY_NAMES})\b",
    re.I,
)
_FROM_TODAY_FIRST = re.compile(r"(?:last|next|this|coming|past)\b", re.I)
_WRITTEN_YEAR = re.compile(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?!\d)")


def _range_end_year(span: Span) -> str | None:
    """ "from July 23 to August 8, 2021": the range's start takes the year its end
    writes."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("to", "-", "until", "through"):
        return None
    if _WRITTEN_YEAR.search(span.text):
        return None
    nxt = next((e for e in _date_ents(doc) if e.start == span.end + 1), None)
    years = _WRITTEN_YEAR.findall(nxt.text) if nxt is not None else []
    return years[-1] if years else None


def _tense(span: Span) -> str | None:
    """`tense_of`, read once per span of a Doc (a story's dates ask it of each other)."""
    cache = span.doc.user_data.setdefault("extractor.tense", {})
    key = (span.start, span.end)
    if key not in cache:
        cache[key] = tense_of(span)
    return cache[key]


def _year_written(span: Span) -> str | None:
    """The year last written out in a date before `span` ("in 1821", "May 1, 1821"): the
    year a story is being told in. For a bare day or month, only within the sentence and
    the two before it; "that year", "two years later" point back to it from further."""
    if _FROM_TODAY_FIRST.match(span.text):
        return None  # "stepped down last November": counted from today, not the story
    dates = _date_ents(span.doc)
    previous = dates[: bisect_left([e.end for e in dates], span.start + 1)]
    sentence_start = 0
    if MONTH_WORD.search(span.text):
        if not span.doc.has_annotation("SENT_START"):
            return None  # no sentences to bound the look-back: no story year
        sentence_start = span.sent.start
        for _ in range(2):
            if sentence_start > 0:
                sentence_start = span.doc[sentence_start - 1].sent.start
    for ent in reversed(previous[-8:]):
        if ent.start < sentence_start or _TOLD_FROM_TODAY.search(ent.text):
            break  # "On Tuesday it said ...": the story is back at the time of writing
        years = _WRITTEN_YEAR.findall(ent.text)
        ent_tense = _tense(ent) if years else None
        if (
            ent_tense == FUTURE
            and (_tense(span) != FUTURE or ent.sent.start != span.sent.start)
            or (ent_tense == PRESENT and _tense(span) == PAST)
        ):
            # "his contract runs until 2018. The company was founded in March": what is
            # ahead sets no year for the past; "will be held in 2018, with the final on
            # July 15" it does for what is ahead in its own sentence (a delivery "in
            # January 2006" does not date the next sentence's "first flight in March").
            continue
        if years:
            return years[-1]
    return None


# Words of a sentence that states what recurs every year rather than what happened or
# will happen once: habitual adverbs, and the vocabulary of climate and seasons.
_HABITUAL = {
    "usually",
    "generally",
    "regularly",
    "typically",
    "normally",
    "often",
    "always",
    "sometimes",
    "occasionally",
    "traditionally",
    "rarely",
    "seldom",
    "every",
    "each",
    "annually",
    "yearly",
    "average",
    "climate",
    "temperature",
    "temperatures",
    "rain",
    "rains",
    "rainfall",
    "rainy",
    "monsoon",
    "humid",
    "humidity",
    "wind",
    "winds",
    "weather",
    "season",
    "seasons",
    "seasonal",
    "snow",
    "sunny",
    "storm",
    "storms",
    "thunderstorms",
    "cyclones",
    "hurricanes",
    "tourism",
    "tourists",
    "hot",
    "cold",
    "warm",
    "mild",
    "dry",
    "wet",
    "cool",
    "freezing",
    "daily",
    "hours",
    "mornings",
    "afternoons",
    "evenings",
    "nights",
    "weekends",
    "weekdays",
}
_ONCE = {"will", "'ll", "shall", "wo", "ago", "yesterday", "tomorrow", "today", "tonight"}
_DEICTIC_UNIT = re.compile(
    r"\b(?:this|next|last|coming|past) (?:year|month|week|season|"
    r"spring|summer|autumn|fall|winter)\b",
    re.I,
)
_GENERIC_MONTH = re.compile(
    r"(?:(?:early|mid|late|the (?:start|beginning|middle|end) of)[- ]?)?(?P<month>"
    + MONTH_NAMES
    + r")",
    re.I,
)
_GENERIC_SEASON = re.compile(
    r"(?:the )?(?P<season>spring|summer|autumn|fall|winter)s?"
    r"(?: months)?",
    re.I,
)


def _habitual_sentence(span: Span) -> bool:
    """The sentence of `span` states what recurs (a habitual or climate word, or "per
    week"), in the present, with no year, no past verb, no "will", no scheduling word and
    no "this/next/last <unit>"."""
    if not span.doc.has_annotation("SENT_START"):
        return False
    sentence = span.sent
    words = {t.lower_ for t in sentence}
    if not (words & _HABITUAL or _PER_UNIT.search(sentence.text)):
        return False
    if words & _ONCE or _tense(span) == PAST or _DEICTIC_UNIT.search(sentence.text):
        return False
    if any(t.tag_ == "VBD" or _WRITTEN_YEAR.fullmatch(t.text) for t in sentence):
        return False
    return not any(
        t.lower_.startswith(("schedul", "plan", "expect", "slate", "due")) for t in sentence
    )


_PER_UNIT = re.compile(r"\b(?:per|a|each|every) (?:week|day|month)\b", re.I)
_WEEKLY = re.compile(
    rf"(?:the )?(?:(?P<day>{WEEKDAY_NAMES})(?P<days>s)?(?:'s)?"
    r"|(?P<weekend>weekend)s?)?(?: ?(?P<part>morning|afternoon|evening|night)(?P<parts>s)?)?",
    re.I,
)
_PART_CODE = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _weekly_set(span: Span) -> str | None:
    """TIMEX3 SET for a weekday, weekend or part of the day that recurs: "on a Monday",
    "on Saturday mornings", "flights per week on Thursday morning", "busy at night" in a
    habitual sentence -> `XXXX-WXX-1`, `XXXX-WXX-6TMO`, `XXXX-XX-XXTNI`. None for one day
    ("on Monday, the minister said")."""
    m = _WEEKLY.fullmatch(re.sub(r"\s+", " ", span.text.strip()))
    if not m or not (m.group("day") or m.group("weekend") or m.group("part")):
        return None
    doc = span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    plural_part = following in ("mornings", "afternoons", "evenings", "nights")
    # "on a Monday", but not "a Wednesday media event": there "a" is the event's.
    indefinite = (
        span.start > 0
        and doc[span.start - 1].lower_ in ("a", "an")
        and span.root.dep_ not in ("compound", "nmod", "amod")
        and not (span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN"))
    )
    if not (
        indefinite or m.group("days") or m.group("parts") or plural_part or _habitual_sentence(span)
    ):
        return None
    part = m.group("part") or (following[:-1] if plural_part else None)
    time = f"T{_PART_CODE[part.lower()]}" if part else ""
    if m.group("weekend"):
        return "XXXX-WXX-WE"
    if m.group("day"):
        number = WEEKDAYS[m.group("day").lower()] + 1
        return f"XXXX-WXX-{number}{time}"
    return f"XXXX-XX-XX{time}"


def _generic_value(span: Span) -> str | None:
    """TIMEX3 for a month or season named as what recurs every year ("Monsoon rains
    usually come in July", "winters are mild"): `XXXX-07`, `XXXX-WI`. None when the
    sentence tells of one year: a year, a past or future verb, a scheduling word."""
    text = re.sub(r"\s+", " ", span.text.strip())
    month = _GENERIC_MONTH.fullmatch(text)
    season = _GENERIC_SEASON.fullmatch(text)
    holiday = FIXED_HOLIDAYS.get(text.lower().replace("\u2019", "'"))
    if not (month or season or holiday) or not _habitual_sentence(span):
        return None
    if holiday:
        return f"XXXX-{holiday[0]:02d}-{holiday[1]:02d}"  # "Christmas is usually quiet"
    if month:
        return f"XXXX-{MONTHS[month.group('month').lower()]:02d}"
    return f"XXXX-{SEASONS[season.group('season').lower()]}"


_HOLIDAY_NAMES = frozenset((*FIXED_HOLIDAYS, *MOVABLE_HOLIDAYS))


def _holiday_in_a_name(span: Span) -> bool:
    """ "illustrator Johnnie Christmas", "Christmas St Nicholas' Fair": a holiday's word
    inside a person's or an event's name is no date."""
    if span.text.lower().replace("\u2019", "'") not in _HOLIDAY_NAMES:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    named_before = (
        before is not None
        and before.is_title
        and before.pos_ == "PROPN"
        and not before.is_sent_start
    )
    named_after = after is not None and after.is_title and after.pos_ == "PROPN"
    return named_before or named_after


def date_fields(
    span: Span, reference: str | None, date_order: str = DEFAULT_DATE_ORDER
) -> dict[str, Any] | None:
    """TIMEX3 value and kind of a date/time span, resolved against `reference` (ISO date
    or None), or None when the span is no date. `date_order` ("MDY" or "DMY") reads
    all-numeric dates such as "03/04/2016"."""
    text = _range_text(span) or span.text
    if text == span.text and not is_date(span) or _holiday_in_a_name(span):
        return None
    if _recurring(span):
        text = "per " + text.split(" ", 1)[1]
    if _stretch_ahead(span) and (ahead := _NEXT_UNIT.fullmatch(_lead_the(text))):
        # Class: "over the next year", "within the coming month": the stretch ahead, a
        # duration (P1Y) like "over the past year", not the year after this one.
        text = "one " + ahead.group(1)
    day = _day_beside(span, reference, date_order) if _CLOCK_TEXT.search(text) else None
    generic = _generic_value(span)
    if generic is not None:
        return {"value": generic, "kind": "date"}
    weekly = _weekly_set(span)
    if weekly is not None:
        return {"value": weekly, "kind": "set"}
    if end_year := _range_end_year(span):
        text = f"{text}, {end_year}"  # "from July 23 to August 8, 2021"
    result = normalize_date(
        text,
        reference,
        tense=_tense(span),
        date_order=date_order,
        label=span.label_,
        anchor=_anchor(span, reference, date_order),
        day=day,
        year=None if _stretch_ahead(span) else _year_written(span),
    )
    if result.value is None and (
        reference is not None or not normalize_date(text, "2000-01-01", label=span.label_).value
    ):
        # Class: spans the model tags DATE/TIME that name no point, stretch or
        # frequency we can write ("the age of six", "the 20th minute", "season four",
        # "the early days"): a date without a value is noise to a reader, and TIMEX3
        # taggers leave out what they cannot normalize.
        return None
    kind = result.kind or DATE_KIND.get(span.label_, "date")
    clock = re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}Z?)", result.value or "")
    if clock and day is None and _habitual_sentence(span):
        # Class: opening hours and timetables ("Store hours: Mon-Fri 08:30 am - 7 pm",
        # "buses leave at 8 pm in the evenings"): a time of every such day, no date.
        return {"value": f"XXXX-XX-XX{clock.group(1)}", "kind": kind}
    return {"value": result.value, "kind": kind}
