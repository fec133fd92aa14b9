"""Component `extractor_dates`: fix the spans and labels of temporal expressions.

Classes of errors fixed:
- spans across lines: the model joins a headline's last word and the date line
  ("... since November\nMarch 13, 2009"): split at line breaks, keep the parts that read
  as dates;
- date ranges "between April and June", "from 2010 to 2012": one span for two dates;
  split so each date gets its own value;
- years labelled CARDINAL ("in 1999"): a year is a date;
- expressions the model misses: years after a preposition ("from 2004 to 2009"),
  complete written dates ("October 10, 2008" after a
  headline), all-numeric dates ("07/27/2016", "2016-07-27"), clock
  times with a zone or a.m./p.m. ("08:30 UTC", "0800 GMT", "6 p.m."), the TIMEX3
  reference adverbs ("recently", "currently", "in the future", "for the time being",
  "in the long term"), bare plural durations after a preposition ("in minutes",
  "for decades") and seasons in statements of climate ("hot summers").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.components.respan import apply_fixes, range_ends
from extractor.date_values import FIXED_HOLIDAYS, MOVABLE_HOLIDAYS, normalize_date
from extractor.doctext import doc_text
from extractor.facts import _is_year
from extractor.gazetteer import gazetteer
from extractor.lexicon import MONTH_NAMES, alternation

_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})"
    r"(?![\d/-])"
)
_MONTH = rf"(?:{MONTH_NAMES.title()})\.?"  # capitalized, as in running text
_WRITTEN_DATE = re.compile(
    rf"\b(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}|"
    rf"{_MONTH} \d{{4}})\b"
)
# A bare year after a preposition the model left unlabelled ("from 2004 to 2009").
_BARE_YEAR = re.compile(
    r"\b(?:in|since|by|until|till|to|from|before|after|during|between|"
    r"and|through|early|late|mid-)\s*(?P<x>1[5-9]\d\d|20\d\d)\b(?![,.]?\d)",
    re.I,
)
# A year alone in brackets after a title or a name ("Burning Man (2011)", "(1962)"),
# and the story's year named back ("That year", "in that same year"), which the model
# leaves untagged; date_fields keeps the latter only where a year was written before.
_BRACKET_YEAR = re.compile(r"\((?P<x>1[5-9]\d\d|20\d\d)\)")
_THAT_YEAR = re.compile(r"\b(?:that|the same|that same) year\b(?!'s|\u2019s)", re.I)
# A clock time. "6.40" with a dot is a time only with a.m./p.m. or a zone: bare, it is a
# price or a score ("$4.12 per share" was taken for 04:12).
_CLOCK = re.compile(
    r"(?<![\d:.$\u20ac\u00a3\u00a5])(?:"
    r"\d{1,2}:\d{2}(?:\s*(?:[ap]\.m\.|[ap]m\b))?(?:\s*(?:UTC|GMT)\b)?|"
    r"\d{1,2}\.\d{2}\s*(?:[ap]\.m\.|[ap]m\b|UTC\b|GMT\b)(?:\s*(?:UTC|GMT)\b)?|"
    r"\d{4}\s*(?:UTC|GMT)\b|\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b)(?:\s*(?:UTC|GMT)\b)?)"
)
# Reference adverbs and phrases (TIMEX3 PAST_REF / PRESENT_REF / FUTURE_REF).
_REF_PHRASES = re.compile(
    r"\b(?:(?:more |most |until |only )?recently|currently|(?:in|for) the (?:long|short|near|"
    r"medium) (?:term|run)|(?:in|of) the (?:past|future)|(?:for )?the time being|"
    r"(?:very )?soon)\b(?!-)",
    re.I,
)
# Years the model leaves untagged or calls a number, told from counts by an era or
# "circa": "347 AD", "AD842", "c. 347", "circa 900", "in the year 71".
_EARLY_YEAR = re.compile(
    r"(?<![\w$])(?:\d{1,4} ?(?:AD|A\.D\.|CE|C\.E\.)(?![\w.])|"
    r"(?:AD|A\.D\.) ?\d{1,4}\b|(?:c\.|ca\.|circa) ?\d{3,4}\b|"
    r"the year \d{1,4}\b)"
)
# Holidays the model calls an event or a place ("over Easter", "Thanksgiving 2008",
# "Independence Day"): dates with a day (extractor.date_values.FIXED_HOLIDAYS, MOVABLE_HOLIDAYS).
_HOLIDAYS = alternation(
    n.title().replace("'S", "'s") for n in (*FIXED_HOLIDAYS, *MOVABLE_HOLIDAYS)
).replace("'", "['\u2019]")  # either apostrophe
_HOLIDAY = re.compile(rf"\b(?:{_HOLIDAYS})(?:,? (?:1[6-9]|20)\d\d| (?:last|this|next) year)?\b")
# Seasons the model leaves untagged in statements of climate ("long, hot summers and mild
# winters"): found here, kept only where they get a value (facts.date_fields: generic
# seasons). "spring" and "fall" are also a well and a verb, so they are left out.
_SEASON_WORDS = re.compile(r"\b(?:summers?|winters?|autumns?)\b", re.I)
_PLURAL_UNITS = re.compile(
    r"\b(?:in|for|within|over|after) (?:just |only |mere )?"
    r"(?P<x>seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
    r"\b(?! (?:of|old|ago|later|earlier)\b)",
    re.I,
)


def _split_lines(doc: Doc, ent: Span) -> list[Span] | None:
    if ent.label_ not in ("DATE", "TIME") or "\n" not in ent.text:
        return None
    parts, start = [], ent.start
    for token in ent:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if "\n" in token.text else token.i + 1
            if end > start:
                parts.append(doc[start:end])
            start = token.i + 1
    if start < ent.end:
        parts.append(doc[start : ent.end])
    # Parts that read as dates stay dates; a bare number ("aged 56") becomes a number.
    spans = []
    for part in parts:
        if part.text.isspace():
            continue
        if normalize_date(part.text, "2000-01-01").value:
            spans.append(Span(doc, part.start, part.end, label=ent.label_))
        elif all(t.like_num for t in part):
            spans.append(Span(doc, part.start, part.end, label="CARDINAL"))
    return spans


# Joints of a range. "and" joins a range only after "between" ("Monday and Tuesday" may
# be one stretch); a dash, "to", "or", "through", "until" join one anywhere ("1903 - 1912").
_RANGE_JOINTS = ("to", "until", "through", "or", "-", "\u2013", "\u2014")
_BARE_NUMBER = re.compile(
    r"\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|a few|several"
)


def _range_sides_read(left: Span, right: Span) -> bool:
    """Both sides are dates, or they share what is written once: "6 and 9 weeks" (the
    unit), "1903 - 07" (the century). facts.date_fields gives the short side its value."""
    left_value = normalize_date(left.text, "2000-01-01")
    right_value = normalize_date(right.text, "2000-01-01")
    if left_value.value and right_value.value:
        return True
    if _BARE_NUMBER.fullmatch(left.text.lower()) and right_value.kind == "duration":
        return True
    return (
        re.fullmatch(r"\d{4}", left.text) is not None
        and re.fullmatch(r"\d{2}", right.text) is not None
    )


def _split_range(doc: Doc, ent: Span) -> list[Span] | None:
    # Class: one span for two dates or durations of a range ("between April and June",
    # "1903 - 1912", "March 5, 1761 - October 9, 1830", "between 6 and 9 weeks", "08:30
    # am - 7 pm"): each end gets its own span and value.
    if ent.label_ not in ("DATE", "TIME"):
        return None
    tokens = [t.lower_ for t in ent]
    opened = tokens[0] in ("between", "from") or (
        ent.start > 0 and doc[ent.start - 1].lower_ in ("between", "from")
    )
    joints = [t for t in ent if t.lower_ in _RANGE_JOINTS or (opened and t.lower_ == "and")]
    if len(joints) != 1:
        return None
    first_start = ent.start + (1 if tokens[0] in ("between", "from") else 0)
    left, right = doc[first_start : joints[0].i], doc[joints[0].i + 1 : ent.end]
    if not len(left) or not len(right) or not _range_sides_read(left, right):
        return None
    return range_ends(ent, left, right)


def _dash_tail(doc: Doc, ent: Span) -> list[Span] | None:
    # Class: a dateline's dash read into the date ("LONDON, March 4, 2015 - Barclays
    # said"): the words after the dash are the story's first, not the date's. A dash to
    # another date or number is a range (_split_range) and stays.
    if ent.label_ not in ("DATE", "TIME"):
        return None
    dashes = [
        t
        for t in ent
        if t.text in ("-", "\u2013", "\u2014", "--")
        and t.whitespace_
        and t.i > ent.start
        and doc[t.i - 1].whitespace_  # a spaced dash, not "present-day"
    ]
    if len(dashes) != 1:
        return None
    left, right = doc[ent.start : dashes[0].i], doc[dashes[0].i + 1 : ent.end]
    if len(right) and (any(t.like_num for t in right) or _range_sides_read(left, right)):
        return None
    if not normalize_date(left.text, "2000-01-01").value:
        return None
    return [Span(doc, left.start, left.end, label=ent.label_)]


_PLACE_BEFORE_ISO = re.compile(r"^([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}),? (\d{4}-\d{2}-\d{2})$")


def _place_before_iso(doc: Doc, ent: Span) -> list[Span] | None:
    # Class: a wire dateline's country read into its date ("NORTHAMPTON, England
    # 1996-06-07" gave the date "England 1996-06-07"): the name is the place, the ISO
    # date the date.
    m = _PLACE_BEFORE_ISO.match(ent.text)
    if ent.label_ != "DATE" or not m or gazetteer().resolve(m[1]) is None:
        return None
    place = doc.char_span(ent.start_char, ent.start_char + len(m[1]), label="GPE")
    date = doc.char_span(ent.end_char - len(m[2]), ent.end_char, label="DATE")
    if place is None or date is None:
        return None
    return [place, date]


def _year(doc: Doc, ent: Span) -> list[Span] | None:
    if (
        ent.label_ == "CARDINAL"
        and re.fullmatch(r"\d{2}", ent.text)
        and ent.start >= 2
        and doc[ent.start - 1].text in ("-", "\u2013", "\u2014", "to")
        and doc[ent.start - 2].ent_type_ == "DATE"
        and re.fullmatch(r"\d{4}", doc[ent.start - 2].text)
    ):
        # "(1903 - 07)": the short end of a year range, tagged a number, is a year too.
        return [Span(doc, ent.start, ent.end, label="DATE")]
    if ent.label_ == "CARDINAL" and _is_year(ent):
        previous = doc[ent.start - 1] if ent.start else None
        # A year follows a preposition or opens a phrase; "Russell 2000" is a name.
        if previous is None or previous.pos_ != "PROPN":
            return [Span(doc, ent.start, ent.end, label="DATE")]
    return None


def _split_date_and_length(doc: Doc, ent: Span) -> list[Span] | None:
    # Class: a date and a length of time the model joined at a comma ("ships on March 3,
    # four days before the tablet"): two expressions. "Tuesday, July 26" (two names
    # of one day) has no length in it and stays whole.
    if ent.label_ != "DATE":
        return None
    commas = [t for t in ent if t.text == ","]
    if len(commas) != 1:
        return None
    left, right = doc[ent.start : commas[0].i], doc[commas[0].i + 1 : ent.end]
    if not len(left) or not len(right):
        return None
    if (
        normalize_date(right.text, "2000-01-01").kind != "duration"
        or normalize_date(left.text, "2000-01-01").kind != "date"
        or not normalize_date(left.text, "2000-01-01").value
    ):
        return None
    return [
        Span(doc, left.start, left.end, label="DATE"),
        Span(doc, right.start, right.end, label="DATE"),
    ]


def _decade_apostrophe(doc: Doc, ent: Span) -> list[Span] | None:
    # Class: "the 1920's" / "the 1920\u2019s": the model leaves the "'s" out and the span
    # reads as the year 1920; with it, it is the decade.
    if ent.label_ != "DATE" or ent.end >= len(doc) or not re.fullmatch(r"\d{3}0", ent[-1].text):
        return None
    if doc[ent.end].text not in ("'s", "\u2019s") or ent[-1].whitespace_:
        return None
    return [Span(doc, ent.start, ent.end + 1, label="DATE")]


_DEICTIC = ("this", "last", "next", "that", "coming", "past", "previous")
_UNIT_NOUNS = (
    "year",
    "week",
    "month",
    "weekend",
    "quarter",
    "season",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "decade",
    "century",
)


def _deictic_left_out(doc: Doc, ent: Span) -> list[Span] | None:
    # Class: "This year's theme": the model tags "year" and leaves "This" out, so the
    # span names no particular year; the determiner belongs to the date.
    if ent.label_ != "DATE" or ent.start == 0 or ent[0].lower_ not in _UNIT_NOUNS:
        return None
    if doc[ent.start - 1].lower_ not in _DEICTIC or doc[ent.start - 1].ent_type_:
        return None
    return [Span(doc, ent.start - 1, ent.end, label="DATE")]


def _citation_year(doc: Doc, ent: Span) -> list[Span] | None:
    # Class: an author-year citation the model reads as one name ("(Larsen & Okafor 2011;",
    # "such as Meyer and Stone 2017 and ..."): the year is a date, the names stay as they
    # were labelled. A citation has two authors or ends at ";" / ")"; "Russell 2000 Index"
    # (a name goes on) and "Windows 2000 last week" are left alone.
    if ent.label_ in ("DATE", "TIME", "CARDINAL") or len(ent) < 2:
        return None
    year, before = ent[-1], ent[-2]
    if not re.fullmatch(r"(?:1[6-9]|20)\d\d[a-z]?", year.text) or before.pos_ != "PROPN":
        return None
    following = doc[ent.end].text if ent.end < len(doc) else ""
    authors = any(t.text in ("&", "and") for t in ent[:-1])
    if not (authors or following in (";", ")")):
        return None
    return [
        Span(doc, ent.start, ent.end - 1, label=ent.label_),
        Span(doc, ent.end - 1, ent.end, label="DATE"),
    ]


FIXES = (
    _place_before_iso,
    _citation_year,
    _split_lines,
    _split_range,
    _dash_tail,
    _split_date_and_length,
    _decade_apostrophe,
    _deictic_left_out,
    _year,
)


def _added(doc: Doc) -> list[Span]:
    """Temporal expressions the model missed, found in the text by pattern."""
    found = []
    for pattern, label in (
        (_NUMERIC_DATE, "DATE"),
        (_WRITTEN_DATE, "DATE"),
        (_BARE_YEAR, "DATE"),
        (_CLOCK, "TIME"),
        (_REF_PHRASES, "DATE"),
        (_PLURAL_UNITS, "DATE"),
        (_SEASON_WORDS, "DATE"),
        (_EARLY_YEAR, "DATE"),
        (_BRACKET_YEAR, "DATE"),
        (_THAT_YEAR, "DATE"),
        (_HOLIDAY, "DATE"),
    ):
        for match in pattern.finditer(doc_text(doc)):
            where = match.span("x") if "x" in pattern.groupindex else match.span()
            span = doc.char_span(where[0], where[1], label=label, alignment_mode="strict")
            if span is None:
                continue
            if pattern is _REF_PHRASES:
                # Keep the phrase proper: "the future" in "in the future".
                text = span.text.lower()
                if text.startswith(("in the", "of the", "for the")) and not text.endswith(
                    ("term", "run")
                ):
                    span = Span(doc, span.start + 1, span.end, label=label)
            found.append(span)
    return found


@Language.factory("extractor_dates", assigns=["doc.ents"], requires=["token.tag"])
def make_dates(nlp: Language, name: str) -> DateSpans:
    return DateSpans()


class DateSpans:
    """Re-spans, relabels and adds temporal expressions (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        ents, _ = apply_fixes(doc, FIXES)
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        for span in _added(doc):
            overlapping = [e for e in ents if e.start < span.end and span.start < e.end]
            # A missed date may replace numbers the model split it into ("07", "27/2016").
            # ("08:30" CARDINAL + "UTC" ORG): entities inside the pattern give way to it.
            if any(i in taken for i in range(span.start, span.end)) and not all(
                e.start >= span.start and e.end <= span.end for e in overlapping
            ):
                continue
            ents = [e for e in ents if e not in overlapping]
            ents.append(span)
            taken.update(range(span.start, span.end))
        doc.ents = filter_spans(ents)
        return doc
