"""Component `extractor_figures`: fix the spans and labels of numbers the model gets wrong.

Classes of errors fixed (each a function below):
- rates: the model joins a count and its period into one DATE ("15 a year"): the count
  becomes a CARDINAL figure and "a year" stays a date (a set);
- changes: "from US$55 billion to US$110 billion" is one MONEY span for two values:
  when both ends are complete figures after "from", they become two figures (a range
  written "between $12 million and $20 million" stays one figure);
- ages: "Papermaster, 49," / "aged 55" / "at the age of 56" are labelled DATE: an age is
  a figure (QUANTITY, unit years, see facts.py), and the span is the number alone;
- numbers with thousands separators or decimals labelled DATE ("closing at 8,579.19")
  are figures;
- shares labelled DATE ("about a quarter, of its dealers") are figures;
- spans that leave out the currency or the scale word ("US$ [7.2] bn") take them in, and
  a temperature its scale ("59.3 degrees [Celsius]"), and an earthquake's size its word
  ("[magnitude] 7.5");
- a unit glued to a number ("16GB", "5kg") is one quantity, never a name.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.components.respan import apply_fixes, range_ends
from extractor.doctext import doc_text
from extractor.facts import is_age
from extractor.figure_values import (
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    NOT_GLUED,
    SCALES,
    UNITS,
    parse_figure,
)
from extractor.lexicon import MONTHS

_RATE = re.compile(r"^(?P<count>.+?) (?:a|an|per|each) (?:day|week|month|year|hour|quarter)$", re.I)
_SEPARATED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})*\.\d+$|^[+-]?\d{1,3}(?:,\d{3})+$")
_CHANGE = re.compile(r"^(?P<a>.+?) to (?P<b>.+)$")


def _split_rate(doc: Doc, ent: Span) -> list[Span] | None:
    if ent.label_ != "DATE" or not _RATE.match(ent.text):
        return None
    for i, token in enumerate(ent):
        if token.lower_ in ("a", "an", "per", "each") and i > 0:
            count = ent[:i]
            if parse_figure(count.text) is None:
                return None
            return [
                Span(doc, count.start, count.end, label="CARDINAL"),
                Span(doc, ent.start + i, ent.end, label="DATE"),
            ]
    return None


def _split_change(doc: Doc, ent: Span) -> list[Span] | None:
    if ent.label_ not in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY") or ent.start == 0:
        return None
    if doc[ent.start - 1].lower_ != "from":
        return None
    to = [t for t in ent if t.lower_ == "to"]
    if len(to) != 1 or to[0].i in (ent.start, ent.end - 1):
        return None
    left, right = doc[ent.start : to[0].i], doc[to[0].i + 1 : ent.end]
    a, b = parse_figure(left.text, ent.label_), parse_figure(right.text, ent.label_)
    if a is None or b is None or a.value is None or b.value is None:
        return None
    # Both ends must be written as complete figures ("US$55 billion", "12%").
    if ent.label_ == "MONEY" and not (a.currency and b.currency):
        return None
    return range_ends(ent, left, right)


def _age(doc: Doc, ent: Span) -> list[Span] | None:
    if ent.label_ not in ("DATE", "CARDINAL"):
        return None
    tokens = [t for t in ent if t.like_num]
    if len(tokens) != 1:
        return None
    number = tokens[0]
    if ent.text.strip() != number.text and not re.fullmatch(
        r"(?:the )?age(?:d| of) \d+", ent.text.lower()
    ):
        return None
    if not is_age(doc, number.i, number.i + 1):
        return None
    return [Span(doc, number.i, number.i + 1, label="QUANTITY")]


def _separated_number(doc: Doc, ent: Span) -> list[Span] | None:
    if ent.label_ in ("DATE", "TIME") and _SEPARATED_NUMBER.match(ent.text):
        return [Span(doc, ent.start, ent.end, label="CARDINAL")]
    return None


_FRACTION = re.compile(
    r"^(?:(?:about|around|nearly|almost|roughly|some|more than|less than|"
    r"over|under|just over|just under) )?(?:a|one|two|three) "
    r"(?:quarters?|thirds?|half)$",
    re.I,
)


def _fraction(doc: Doc, ent: Span) -> list[Span] | None:
    """ "about a quarter, of its dealers", "a third of the staff": a share, not a quarter of
    a year. Needs a qualifier, or "of" after it, to tell it from the period."""
    if ent.label_ != "DATE" or not _FRACTION.match(ent.text):
        return None
    following = doc[ent.end] if ent.end < len(doc) else None
    qualified = " " in ent.text and ent.text.split(" ")[0].lower() not in (
        "a",
        "one",
        "two",
        "three",
    )
    if (following is not None and following.lower_ == "of") or qualified:
        return [Span(doc, ent.start, ent.end, label="CARDINAL")]
    return None


_SYMBOLS = {prefix for prefix, _ in CURRENCY_PREFIXES if len(prefix) > 1 or not prefix.isalpha()}
_SCALE_WORDS = {word for word in SCALES if len(word) > 1 and word != "hundred"}


def _extend(doc: Doc, ent: Span) -> list[Span] | None:
    """The model left the currency or the scale word out of the span ("US$ [7.2] bn",
    "$ [99]", "Rs [30] crore"): take them in, so the value has its scale and currency."""
    if ent.label_ not in ("CARDINAL", "MONEY") or not any(t.like_num for t in ent):
        return None
    start, end, label = ent.start, ent.end, ent.label_
    if start > 0 and doc[start - 1].lower_ in _SYMBOLS and not doc[start - 1].ent_type_:
        start, label = start - 1, "MONEY"
    if end < len(doc) and not doc[end].ent_type_ and doc[end].lower_ in _SCALE_WORDS:
        end += 1
    if (
        end < len(doc)
        and not doc[end].ent_type_
        and doc[end].lower_ in CURRENCY_WORDS
        and doc[end].lower_ not in ("pound", "pounds", "real", "won", "rand")
    ):
        end, label = end + 1, "MONEY"
    if (start, end, label) == (ent.start, ent.end, ent.label_):
        return None
    return [Span(doc, start, end, label=label)]


_SCALE_OF_DEGREES = {"celsius", "fahrenheit", "centigrade", "c", "f"}


def _temperature(doc: Doc, ent: Span) -> list[Span] | None:
    """ "59.3 degrees [Celsius]": the model ends the span at "degrees" (and calls
    "Fahrenheit" an organization); the scale is the unit."""
    end = ent.end
    if (
        ent.label_ in ("QUANTITY", "CARDINAL")
        and ent[-1].lower_ in ("degree", "degrees")
        and end < len(doc)
        and doc[end].lower_ in _SCALE_OF_DEGREES
        and (doc[end].is_title or doc[end].is_upper)
    ):
        return [Span(doc, ent.start, end + 1, label="QUANTITY")]
    return None


def _magnitude(doc: Doc, ent: Span) -> list[Span] | None:
    """ "A magnitude 7.5 earthquake": the model tags the number alone, which then reads
    as a number naming a thing ("Flight 370"); with its word it is the quake's size."""
    if (
        ent.label_ == "CARDINAL"
        and len(ent) == 1
        and ent.start > 0
        and doc[ent.start - 1].lower_ == "magnitude"
        and not doc[ent.start - 1].ent_type_
    ):
        return [Span(doc, ent.start - 1, ent.end, label="QUANTITY")]
    return None


_YEAR_RANGE = re.compile(r"^(1[5-9]\d\d|20\d\d)\s*[-\u2013\u2014]\s*(1[5-9]\d\d|20\d\d)$")


def _year_range(doc: Doc, ent: Span) -> list[Span] | None:
    """ "(1932–1935)", "data for 2000–2020": two years joined by a dash, the second
    later, are a stretch of time, not a count from 1932 to 1935: two dates."""
    m = _YEAR_RANGE.match(ent.text)
    if ent.label_ != "CARDINAL" or not m or int(m[2]) <= int(m[1]):
        return None
    if ent.end < len(doc) and doc[ent.end].tag_ in ("NNS", "NNPS"):
        return None  # "1500-2000 units" counts units
    first = doc.char_span(ent.start_char, ent.start_char + len(m[1]))
    last = doc.char_span(ent.end_char - len(m[2]), ent.end_char)
    if first is None or last is None:  # one token, "1932–1935": one date, from its start
        return [Span(doc, ent.start, ent.end, "DATE")]
    return [Span(doc, first.start, first.end, "DATE"), Span(doc, last.start, last.end, "DATE")]


FIXES = (
    _year_range,
    _split_rate,
    _split_change,
    _age,
    _separated_number,
    _fraction,
    _extend,
    _temperature,
    _magnitude,
)

# Numbers the model left unlabelled ("closed at -366.94 points", "a USD$23 billion dollar
# deal"): digits, with a sign, a currency before and a scale word after.
_MISSED = re.compile(
    r"(?<![\w.,/:-])(?P<cur>(?:US\$|USD\$?|AU\$|C\$|\$|€|£|¥)\s?)?[-+−]?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:billion|million|trillion|bn|m)\b)?(?P<pct>\s?%|\s(?:percent|per cent)\b)?"
    r"(?![\w/:-]|[.,]\d)",
    re.I,
)


def _missed(doc: Doc, ents: list[Span]) -> list[Span]:
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    found = []
    for match in _MISSED.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        if span.start and doc[span.start - 1].lower_.rstrip(".") in MONTHS:
            continue  # the day of a date the model did not label ("October 10")
        label = "MONEY" if match.group("cur") else "PERCENT" if match.group("pct") else "CARDINAL"
        found.append(Span(doc, span.start, span.end, label=label))
    return found


_FIGURE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


def _glued_units(doc: Doc, ents: list[Span]) -> list[Span]:
    """A unit glued to a number ("16GB", "5kg", "500mg") is a quantity. The tokenizer cuts
    it in two and the model tags the number alone, or the unit as an organization, or
    nothing: the two tokens become one QUANTITY; a name span on them gives way."""
    out = ents
    for token in doc[:-1]:
        if token.whitespace_ or not token.like_num:
            continue
        unit = doc[token.i + 1]
        if not unit.is_alpha or unit.lower_ not in UNITS or unit.lower_ in NOT_GLUED:
            continue
        span = Span(doc, token.i, token.i + 2, label="QUANTITY")
        overlapping = [e for e in out if e.start < span.end and span.start < e.end]
        if any(
            e.label_ in _FIGURE_LABELS and (e.start < span.start or e.end > span.end)
            for e in overlapping
        ):
            continue  # a larger figure holds it already ("0-60mph")
        kept = [e for e in out if e not in overlapping]
        for e in overlapping:  # a name reaching past the quantity keeps its other words
            if e.start < span.start:
                kept.append(Span(doc, e.start, span.start, label=e.label_))
            if e.end > span.end:
                kept.append(Span(doc, span.end, e.end, label=e.label_))
        out = kept + [span]
    return out


@Language.factory("extractor_figures", assigns=["doc.ents"])
def make_figures(nlp: Language, name: str) -> FigureSpans:
    return FigureSpans()


class FigureSpans:
    """Re-spans and relabels numbers (see the module docstring for the classes)."""

    def __call__(self, doc: Doc) -> Doc:
        ents, changed = apply_fixes(doc, FIXES)
        added = _missed(doc, ents)
        glued = _glued_units(doc, ents + added)
        if changed or added or glued != ents + added:
            doc.ents = filter_spans(glued)
        return doc
