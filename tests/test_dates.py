"""Dates: TIMEX3 values resolved against the reference date, tense-aware weekdays, kinds,
and the span fixes. Sentences are from data/samples and the Wikinews gold texts."""

from __future__ import annotations

import pytest

from extractor.date_values import is_timex3, normalize_date
from extractor.facts import date_fields

TAJIK_REF = "2016-07-27"


@pytest.fixture(scope="session")
def dnlp(nlp):
    """The full pipeline (conftest's, loaded once): the span fixes are part of it."""
    return nlp


def dates_of(nlp, text: str, reference: str | None, **kwargs) -> list[dict]:
    out = []
    for ent in nlp(text).ents:
        if ent.label_ in ("DATE", "TIME"):
            fields = date_fields(ent, reference, **kwargs)
            if fields is not None:
                out.append({"text": ent.text, **fields})
    return out


def value_of(nlp, text: str, needle: str, reference: str | None) -> str | None:
    found = [d for d in dates_of(nlp, text, reference) if d["text"] == needle]
    assert found, dates_of(nlp, text, reference)
    return found[0]["value"]


# ---------------------------------------------------------------- done when (Tajik sample)


@pytest.mark.parametrize(
    ("needle", "value"),
    [
        ("07/27/2016", "2016-07-27"), ("Tuesday", "2016-07-26"), ("last week", "2016-W29"),
        ("Last week", "2016-W29"), ("this summer", "2016-SU"), ("last month", "2016-06"),
        ("four years ago", "2012"), ("next week", "2016-W31"), ("recent weeks", "PAST_REF"),
        ("the weekend", "2016-W29-WE"),
    ],
)  # fmt: skip
def test_tajik_sample(dnlp, tajik_text, needle, value):
    assert value_of(dnlp, tajik_text, needle, TAJIK_REF) == value


def test_no_reference_gives_no_value_for_relative_dates(dnlp, tajik_text):
    dates = {d["text"]: d["value"] for d in dates_of(dnlp, tajik_text, None)}
    assert dates["Tuesday"] is None and dates["last week"] is None
    assert dates["07/27/2016"] == "2016-07-27"  # absolute dates need no reference


# ---------------------------------------------------------------- text-level classes


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("07/27/2016", "2016-07-27"), ("27 July 2016", "2016-07-27"),
        ("July 27", "2016-07-27"), ("2016", "2016"), ("the 1990s", "199"),
        ("the '70s", "197"), ("mid-March", "2016-03"), ("March 01, 2008", "2008-03-01"),
        ("Tuesday, September 22, 2015", "2015-09-22"), ("May 2008", "2008-05"),
        ("2016-07-27", "2016-07-27"), ("Jan. 5, 2009", "2009-01-05"),
        ("summer 2016", "2016-SU"), ("the third quarter of 2009", "2009-Q3"),
        ("the first half of 2016", "2016-H1"), ("fiscal 2016", "2016"),
    ],
)  # fmt: skip
def test_absolute(text, value):
    assert normalize_date(text, TAJIK_REF, tense="past").value == value


def test_date_order():
    # Month first by default (US wire style); --date-order DMY for day-first sources.
    assert normalize_date("03/04/2016", TAJIK_REF).value == "2016-03-04"
    assert normalize_date("03/04/2016", TAJIK_REF, date_order="DMY").value == "2016-04-03"
    # A component above 12 can only be the day, whatever the order.
    assert normalize_date("27/07/2016", TAJIK_REF).value == "2016-07-27"


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("yesterday", "2011-10-06", "2011-10-05"), ("today", "2009-06-09", "2009-06-09"),
        ("tomorrow", "2015-09-22", "2015-09-23"), ("next week", TAJIK_REF, "2016-W31"),
        ("this weekend", "2010-01-25", "2010-W04-WE"), ("last summer", "2023-02-23", "2022-SU"),
        ("earlier this year", TAJIK_REF, "2016"), ("the end of this year", "2006-01-23", "2006"),
        ("the previous year", "2009-02-03", "2008"), ("next month", "2011-08-08", "2011-09"),
        ("Seventeen years ago", "2017-07-18", "2000"), ("a decade ago", "2011-03-08", "2001"),
        ("a week ago", "2011-03-18", "2011-03-11"), ("in recent weeks", TAJIK_REF, "PAST_REF"),
        ("recently", TAJIK_REF, "PAST_REF"), ("currently", TAJIK_REF, "PRESENT_REF"),
        ("the future", TAJIK_REF, "FUTURE_REF"), ("this morning", "2008-01-09", "2008-01-09TMO"),
        ("08:30 UTC", "2005-04-27", "2005-04-27T08:30Z"),
        ("6:40 p.m.", "2007-10-17", "2007-10-17T18:40"),
    ],
)  # fmt: skip
def test_relative(text, reference, value):
    assert normalize_date(text, reference).value == value


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("four years", "P4Y", "duration"), ("thirty minutes", "PT30M", "duration"),
        ("the past decade", "P10Y", "duration"), ("fifty-year", "P50Y", "duration"),
        ("12-hour", "PT12H", "duration"), ("several years", "PXY", "duration"),
        ("the next six months", "P6M", "duration"), ("two consecutive quarters", "P2Q",
                                                     "duration"),
        ("every Monday", "XXXX-WXX-1", "set"), ("weekly", "P1W", "set"),
        ("twice a year", "P1Y", "set"),
    ],
)  # fmt: skip
def test_durations_and_sets(text, value, kind):
    result = normalize_date(text, TAJIK_REF)
    assert (result.value, result.kind) == (value, kind)


@pytest.mark.parametrize(
    ("tense", "value"), [("past", "2016-07-26"), ("present", "2016-08-02"),
                         ("future", "2016-08-02"), (None, "2016-07-26")],
)  # fmt: skip
def test_weekday_follows_tense(tense, value):
    assert normalize_date("Tuesday", TAJIK_REF, tense=tense).value == value


# ---------------------------------------------------------------- tense from the parse


@pytest.mark.parametrize(
    ("sentence", "needle", "reference", "value"),
    [
        (
            "Taliban rulers Tuesday denied sending militants to Russia.",
            "Tuesday",
            TAJIK_REF,
            "2016-07-26",
        ),
        ("The ministers will meet on Tuesday in Geneva.", "Tuesday", TAJIK_REF, "2016-08-02"),
        # A schedule in the simple present is ahead; a headline's present is not.
        ("The summit opens on Friday in Geneva.", "Friday", TAJIK_REF, "2016-07-29"),
        ("Voting begins on Sunday and ends on Tuesday.", "Tuesday", TAJIK_REF, "2016-08-02"),
        ("Taliban deny sending militants on Tuesday", "Tuesday", TAJIK_REF, "2016-07-26"),
        ("He died on Sunday, his family says.", "Sunday", TAJIK_REF, "2016-07-24"),
        ("Rakhmonov is due to meet on Friday with Putin.", "Friday", TAJIK_REF, "2016-07-29"),
        (
            "The American auto company Chrysler filed for bankruptcy Thursday, however a deal "
            "with European auto maker Fiat went through.",
            "Thursday",
            "2009-05-01",
            "2009-04-30",
        ),
        (
            "A June 3 hearing has been scheduled in the US Bankruptcy Court to determine "
            "whether the move should be approved.",
            "June 3",
            "2009-05-14",
            "2009-06-03",
        ),
        ("The Japanese economy contracted by 0.9% in April.", "April", "2008-11-18", "2008-04"),
        ("The transaction should be completed in October.", "October", "2009-06-05", "2009-10"),
    ],
)
def test_tense_in_real_sentences(dnlp, sentence, needle, reference, value):
    assert value_of(dnlp, sentence, needle, reference) == value


def test_the_day_is_the_day_under_discussion(dnlp):
    text = (
        "Ford Motor Company said on Tuesday that its sales rose 43% in February. Ford's "
        "stock rose in morning trading, before declining later in the day."
    )
    assert value_of(dnlp, text, "the day", "2010-03-03") == "2010-03-02"


def test_same_period_last_year(dnlp):
    text = (
        "Ford Motor Company said on Tuesday that its sales in the United States rose 43% "
        "in February compared to the same period last year."
    )
    assert value_of(dnlp, text, "the same period last year", "2010-03-03") == "2009-02"


# ---------------------------------------------------------------- span fixes


def test_range_is_split(dnlp):
    sentence = "The Japanese economy contracted by 0.9% between April and June."
    values = [d["value"] for d in dates_of(dnlp, sentence, "2008-11-18")]
    assert values == ["2008-04", "2008-06"]


def test_headline_and_dateline_are_split(dnlp):
    text = "Apple Inc. co-founder Steve Jobs dies aged 56\nOctober 6, 2011\nThe co-founder died."
    dates = dates_of(dnlp, text, "2011-10-06")
    assert [d["value"] for d in dates] == ["2011-10-06"]


def test_last_month_counts_from_today_not_from_the_story_year(dnlp):
    text = "Rasi led the agency from 2011 and stepped down last November."
    assert value_of(dnlp, text, "last November", "2020-01-13") == "2019-11"


def test_a_later_year_ahead_dates_its_own_sentences_days(dnlp):
    text = "The next World Cup will be held in Russia in 2018, with the final on July 15."
    assert value_of(dnlp, text, "July 15", "2009-10-09") == "2018-07-15"
    # Left alone: not the next sentence's ("delivered in January 2006 ... first flight
    # in early March" read in February 2005 is March 2005).
    text = (
        "The first airliner will be delivered in January 2006. First flight is scheduled "
        "in early March."
    )
    assert value_of(dnlp, text, "early March", "2005-02-17") == "2005-03"


def test_a_ranges_start_takes_the_year_its_end_writes(dnlp):
    text = "The Games run from July 23 to August 8, 2021."
    assert value_of(dnlp, text, "July 23", "2009-10-09") == "2021-07-23"


def test_the_day_an_event_is_called_for_is_ahead(dnlp):
    text = "The union has called a general strike for Thursday."
    assert value_of(dnlp, text, "Thursday", "2020-10-21") == "2020-10-22"
    # Left alone: no event noun before "for".
    text = "Workers struck for Monday and Tuesday last week."
    assert value_of(dnlp, text, "Monday", "2020-10-21") == "2020-10-19"


def test_a_year_ahead_sets_no_story_year(dnlp):
    # "until 2018" is ahead of the story; the month after it is this year's March. A
    # year the story is told in still gives its months their year.
    text = "His contract runs until 2018. The company was founded in March."
    assert value_of(dnlp, text, "March", "2016-10-14") == "2016-03"
    text = "The firm began in 2009. It was founded in March."
    assert value_of(dnlp, text, "March", "2016-10-14") == "2009-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LONDON, March 4, 2015 - Halvorsen Bank said it would cut jobs.",
         [("March 4, 2015", "2015-03-04")]),
        ("OSLO, May 2, 2016 - The ferry left late.", [("May 2, 2016", "2016-05-02")]),
        # Left alone: a dash between dates is a range; a hyphen inside a word is no dash.
        ("The talks will run from March 4 - March 6.",
         [("March 4", "2015-03-04"), ("March 6", "2015-03-06")]),
    ],
)  # fmt: skip
def test_a_dateline_dash_ends_the_date(dnlp, text, expected):
    got = [(d["text"], d["value"]) for d in dates_of(dnlp, text, "2015-03-04")]
    assert got == expected


def test_missed_clock_time_and_rate(dnlp):
    sentence = "At 0800 UTC, the Bank of Canada and the Bank of England acted."
    assert value_of(dnlp, sentence, "0800 UTC", "2008-09-18") == "2008-09-18T08:00Z"
    rate = "The Air Force gets new tankers at a rate of 15 a year."
    assert [(d["text"], d["value"], d["kind"]) for d in dates_of(dnlp, rate, None)] == [
        ("a year", "P1Y", "set")
    ]


def test_ages_are_no_dates(dnlp):
    sentence = "Steve Jobs has died yesterday at the age of 56, according to the company."
    assert [d["text"] for d in dates_of(dnlp, sentence, "2011-10-06")] == ["yesterday"]


def test_every_value_is_timex3(dnlp, tajik_text):
    for item in dates_of(dnlp, tajik_text, TAJIK_REF):
        assert item["value"] is None or is_timex3(item["value"])


# ---------------------------------------------------------------- fourth session classes


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the 19th century", "18"), ("19th-century", "18"), ("the late twentieth century", "19"),
        ("the second half of the 14th century", "13"), ("the twenty-first century", "20"),
        ("the 1st century", "00"),
    ],
)  # fmt: skip
def test_named_centuries(text, value):
    assert normalize_date(text, "2005-03-01").value == value


@pytest.mark.parametrize("text", ["the century", "the 7th century BC", "a 40th century"])
def test_centuries_left_alone(text):
    # No number, an era we do not read, no such century: no value rather than a wrong one.
    assert normalize_date(text, "2005-03-01").value is None


def test_century_in_a_sentence(dnlp):
    sentence = "The mill town grew fast during the 19th century and shrank after 1990."
    assert value_of(dnlp, sentence, "the 19th century", "2005-03-01") == "18"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The painter Anna Berg (1868 - 1912) worked in Oslo.",
         [("1868", "1868"), ("1912", "1912")]),
        ("Her early novels (1903 – 07) sold poorly.",
         [("1903", "1903"), ("07", "1907")]),
        ("The stories of his middle period (1921 – 24) were darker.",
         [("1921", "1921"), ("24", "1924")]),
        ("The mayor (1998 – 03) left office.", [("1998", "1998"), ("03", "2003")]),
        ("The architect Jean Roux (March 5, 1761 – October 9, 1830) designed the square.",
         [("March 5, 1761", "1761-03-05"), ("October 9, 1830", "1830-10-09")]),
        ("He visited Kenya between April and June in 1968.",
         [("April", "1968-04"), ("June in 1968", "1968-06")]),
    ],
)  # fmt: skip
def test_year_ranges_are_two_dates(dnlp, sentence, expected):
    got = [(d["text"], d["value"]) for d in dates_of(dnlp, sentence, "2005-01-01")]
    assert got == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Recovery will take between 6 and 9 weeks, doctors said.",
        "Recovery usually takes 6 to 9 weeks.",
    ],
)
def test_duration_ranges_give_each_end_the_unit(dnlp, sentence):
    got = [(d["value"], d["kind"]) for d in dates_of(dnlp, sentence, "2005-01-01")]
    assert got == [("P6W", "duration"), ("P9W", "duration")]


def test_a_single_duration_is_not_split(dnlp):
    # No joint: one duration, one value.
    sentence = "Recovery will take nine weeks, doctors said."
    assert [d["value"] for d in dates_of(dnlp, sentence, "2005-01-01")] == ["P9W"]


@pytest.mark.parametrize(
    ("sentence", "needle", "reference", "value"),
    [
        # Future: modality and scheduling words put the date ahead of the reference.
        ("The summit will open on November 21 in Lima.", "November 21", "2025-11-03",
         "2025-11-21"),
        ("Shops stay shut until Monday, the council said.", "Monday", "2025-11-05",
         "2025-11-10"),
        ("The road is closed until March 2.", "March 2", "2025-11-05", "2026-03-02"),
        ("The board published a report expected in April.", "April", "2025-02-10",
         "2025-04"),
        ("The report is due in April.", "April", "2025-02-10", "2025-04"),
        ("Results for the third quarter are due next week.", "the third quarter",
         "2025-10-20", "2025-Q3"),
        ("On Thursday, the delegates are to fly to Geneva.", "Thursday", "2025-09-22",
         "2025-09-25"),
        # A gerund after a future verb: "would begin pulling out on Saturday".
        ("He said troops would begin pulling out on Saturday.", "Saturday", "2025-09-24",
         "2025-09-27"),
        ("Troops began pulling out on Saturday.", "Saturday", "2025-09-24", "2025-09-20"),
        # What stands between "said" and the reported clause's subject tells when it was
        # said, though the parser hangs it on the clause's verb ("would cut").
        ("The bank said on Tuesday it would cut 500 jobs.", "Tuesday", "2015-03-04",
         "2015-03-03"),
        ("The company said on Monday it will close two plants.", "Monday", "2015-03-04",
         "2015-03-02"),
        ("The union said on Friday its members would strike.", "Friday", "2015-03-04",
         "2015-02-27"),
        # The present progressive with a time of its own is an arrangement.
        ("I am going to Rome in January.", "January", "2015-03-04", "2016-01"),
        # What is awaited is ahead, whatever the verb; a forecast in the present is of
        # what is ahead, and in the present the current quarter counts.
        ("Stocks rose ahead of Friday's jobs report.", "Friday", "2015-11-18", "2015-11-20"),
        ("Analysts expect growth in the fourth quarter.", "the fourth quarter", "2015-11-18",
         "2015-Q4"),
        ("Sales are strong in the fourth quarter.", "the fourth quarter", "2015-11-18",
         "2015-Q4"),
        ("Stocks rose after Tuesday's meeting.", "Tuesday", "2015-11-18", "2015-11-17"),
        ("Sales rose in the fourth quarter.", "the fourth quarter", "2015-11-18", "2014-Q4"),
        # An infinitive on a noun is its plan; "likely" is a schedule's word.
        ("The debate, to be held on Wednesday, is the last.", "Wednesday", "2016-10-14",
         "2016-10-19"),
        ("A ruling is likely by June.", "June", "2016-10-14", "2017-06"),
        ("The debate, held on Wednesday, was the last.", "Wednesday", "2016-10-14",
         "2016-10-12"),
        ("A ruling was likely by June.", "June", "2016-10-14", "2016-06"),
        # Left alone: after "that" the date is the clause's; "figures for January" are
        # January's; the simple past stays past.
        ("The group said that on Friday it would hold a vote.", "Friday", "2015-03-04",
         "2015-03-06"),
        ("The agency is publishing figures for January.", "January", "2015-03-04",
         "2015-01"),
        ("I went to Rome in January.", "January", "2015-03-04", "2015-01"),
        # Left alone: the same dates after a verb in the past stay in the past.
        ("On Thursday, the delegates were to fly to Geneva.", "Thursday", "2025-09-22",
         "2025-09-18"),
        ("The summit opened on November 21 in Lima.", "November 21", "2025-11-03",
         "2024-11-21"),
        ("The shops were shut until Monday.", "Monday", "2025-11-05", "2025-11-03"),
        ("The board published a report in April.", "April", "2025-02-10", "2024-04"),
        ("The report was due on October 30.", "October 30", "2025-11-03", "2025-10-30"),
    ],
)  # fmt: skip
def test_future_dates_are_ahead_and_past_ones_behind(dnlp, sentence, needle, reference, value):
    assert value_of(dnlp, sentence, needle, reference) == value


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("the third quarter", "2025-10-20", "2025-Q3"),  # just ended: the one reported
        ("the fourth quarter", "2025-02-10", "2024-Q4"),
        ("the second quarter", "2025-10-20", "2026-Q2"),  # long past: next year's
        ("the fourth quarter", "2025-10-20", "2025-Q4"),  # the current one
    ],
)
def test_quarters_in_future_sentences(text, reference, value):
    assert normalize_date(text, reference, tense="future").value == value


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The quake struck at 09:30 GMT Sunday, officials said.", "09:30 GMT",
         "2025-03-09T09:30Z"),
        ("The launch happened at 08:45 UTC, March 3rd.", "08:45 UTC", "2025-03-03T08:45Z"),
        ("On March 3 at 08:45 UTC the rocket lifted off.", "08:45 UTC", "2025-03-03T08:45Z"),
        # Left alone: a date further off is another event; the time stays on the reference.
        ("The rocket lifted off at 08:45 UTC and landed on March 3.", "08:45 UTC",
         "2025-03-10T08:45Z"),
        ("The first flight left at 06:40 GMT.", "06:40 GMT", "2025-03-10T06:40Z"),
    ],
)  # fmt: skip
def test_clock_time_stays_with_its_day(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2025-03-10") == value


def test_clock_time_beside_an_absolute_day_needs_no_reference():
    assert normalize_date("08:45 UTC", None, day="2008-03-03").value == "2008-03-03T08:45Z"


@pytest.mark.parametrize(
    ("sentence", "needle", "value", "kind"),
    [
        ("The firm will invest $5 billion over the next decade.", "the next decade", "P10Y",
         "duration"),
        ("Prices should fall during the coming decade.", "the coming decade", "P10Y",
         "duration"),
        ("Prices will rise over the next year, the bank said.", "the next year", "P1Y",
         "duration"),
        ("The firm will hire staff within the coming month.", "the coming month", "P1M",
         "duration"),
        # Left alone: the past decade stays a stretch of the past; "next decade" a decade.
        ("The firm invested $5 billion over the past decade.", "the past decade", "P10Y",
         "duration"),
        ("Cars will fly next decade.", "next decade", "203", "date"),
        ("Talks will resume next year.", "next year", "2026", "date"),
    ],
)  # fmt: skip
def test_the_next_decade_is_a_duration(dnlp, sentence, needle, value, kind):
    found = [d for d in dates_of(dnlp, sentence, "2025-03-10") if d["text"] == needle]
    assert [(d["value"], d["kind"]) for d in found] == [(value, kind)]


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The poet settled in Rome in 1821. The fire broke out on 12 April.", "12 April",
         "1821-04-12"),
        ("Her first atlas was printed in 1748. Two years later she sailed for Java.",
         "Two years later", "1750"),
        ("She moved to Lisbon in 1911 and opened a school there that year.", "that year",
         "1911"),
        # Left alone: a date told from the time of writing ends the story's year...
        ("The firm was founded in 1998. On Tuesday it said profits rose in March.", "March",
         "2004-03"),
        # ... and so does a future verb.
        ("The firm, founded in 1998, will hold its meeting on June 5.", "June 5",
         "2005-06-05"),
        ("The vote was delayed, with no ballot held until 9 June.", "9 June", "2004-06-09"),
    ],
)  # fmt: skip
def test_story_told_in_an_earlier_year(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2004-08-18") == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Joe's Cabs, 42 Harbor Road, tel: 1 415 555-0199.",
        "The Community Center, 2210 Maple Avenue, has a new gym.",
        "She batted .287 before her promotion.",
        "Call the office on 0472315589 for bookings.",
    ],
)
def test_phone_and_street_numbers_are_no_dates(dnlp, sentence):
    assert dates_of(dnlp, sentence, "2011-03-10") == []


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        # Left alone: years, ranges of years, numeric dates and clock times with digits.
        ("In 1355 the town received its charter.", ["1355"]),
        ("She lectured in Boston (1931), St. Louis (1934) and Rome.", ["1931", "1934"]),
        ("The meeting was held on 2010-07-27.", ["2010-07-27"]),
        ("The plane landed at 0800 GMT.", ["2011-03-10T08:00Z"]),
    ],
)  # fmt: skip
def test_numbers_that_are_dates_stay(dnlp, sentence, values):
    assert [d["value"] for d in dates_of(dnlp, sentence, "2011-03-10")] == values


@pytest.mark.parametrize(
    ("sentence", "needle", "reference", "value"),
    [
        ("She arrived in Oslo in 1936. She painted there for a while. She sold two works. "
         "One year later, she left for Bergen.", "One year later", "2019-07-20", "1937"),
        ("Ruiz made his debut in 2013. He was recalled on August 3.", "August 3",
         "2011-04-13", "2013-08-03"),
        ("Jazz clubs flourished across the city in the 1920’s.", "1920’s",
         "2009-04-04", "192"),
        ("She began the 2015 season with the Rockets.", "the 2015 season", "2016-04-13",
         "2015"),
        ("Only yesterday the council approved the plan.", "Only yesterday", "2006-05-28",
         "2006-05-27"),
        # Left alone: a later year in a future sentence, and a year that is no decade.
        ("The stadium opens in 2012. Tickets go on sale on September 1.", "September 1",
         "2011-04-13", "2011-09-01"),
        ("The strike of 1930 spread fast.", "1930", "2009-04-04", "1930"),
    ],
)  # fmt: skip
def test_story_years_decades_and_seasons(dnlp, sentence, needle, reference, value):
    assert value_of(dnlp, sentence, needle, reference) == value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The update ships on March 3, four days before the new tablet goes on sale.",
         [("March 3", "2025-03-03"), ("four days", "P4D")]),
        # Left alone: two names of one day stay one date.
        ("Talks resumed on Tuesday, March 4, officials said.",
         [("Tuesday, March 4", "2025-03-04")]),
    ],
)  # fmt: skip
def test_date_and_length_joined_at_a_comma(dnlp, sentence, expected):
    got = [(d["text"], d["value"]) for d in dates_of(dnlp, sentence, "2025-03-10")]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The shares lost half their value in just minutes.", ["minutes"]),
        ("Crews cleared the road within only hours.", ["hours"]),
        ("He has waited for decades.", ["decades"]),
        ("The minutes of the meeting were read.", []),
    ],  # left alone: no preposition
)
def test_missed_plural_lengths_after_a_preposition(dnlp, text, found):
    # The adder alone, on a document the model has not tagged (it sometimes misses these).
    from extractor.components.dates import DateSpans

    doc = DateSpans()(dnlp.make_doc(text))
    assert [e.text for e in doc.ents] == found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Young people enjoyed it. This year's contest drew 160 teams.", [("This year", "2017")]),
        ("Last year's winner returned to defend the cup.", [("Last year's", "2016")]),
        # Left alone: no determiner before the unit, nothing to take in.
        ("Each team builds a robot; the year ends with a final.", []),
    ],
)  # fmt: skip
def test_determiner_left_out_of_a_date(dnlp, sentence, expected):
    got = [(d["text"], d["value"]) for d in dates_of(dnlp, sentence, "2017-07-18")]
    assert [g for g in got if g[1]] == expected


def test_story_year_needs_sentences_and_never_raises_without_them():
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")("In 1832 he left. The duel was on 30 May.")
    doc.ents = [Span(doc, 1, 2, "DATE"), Span(doc, 9, 11, "DATE")]
    assert [date_fields(e, "2004-08-18")["value"] for e in doc.ents] == ["1832", "2004-05-30"]


# ---------------------------------------------------------------- spans with no value


@pytest.mark.parametrize(
    "sentence",
    [
        "Rovers equalised in the 67th minute and held on for the rest of the second half.",
        "The mayor has led the town since his early years in office.",
    ],
)
def test_spans_that_name_no_time_are_no_dates(dnlp, sentence):
    # The model tags these DATE/TIME, but they name no point, stretch or frequency.
    assert dates_of(dnlp, sentence, "2021-05-04") == []


def test_dates_that_can_be_written_stay(dnlp):
    sentence = "Markets rallied last week after the bank cut rates in the spring of 2019."
    assert dates_of(dnlp, sentence, "2021-05-04") == [
        {"text": "last week", "value": "2021-W17", "kind": "date"},
        {"text": "the spring of 2019", "value": "2019-SP", "kind": "date"},
    ]
    # Without a reference date a relative date is still found, its value unknown.
    assert dates_of(dnlp, sentence, None)[0] == {"text": "last week", "value": None, "kind": "date"}


# ------------------------------------------------ the unit next to the story's time


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        (
            "The strike began in October 2005. The previous month, talks had collapsed.",
            "The previous month",
            "2005-09",
        ),
        (
            "The company announced the deal on March 3, 2008. The next day, shares rose.",
            "The next day",
            "2008-03-04",
        ),
        (
            "The bridge opened in 1932. The following year, a second span was added.",
            "The following year",
            "1933",
        ),
    ],
)
def test_following_unit_counts_from_the_time_under_discussion(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2010-05-04") == value


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("Next month the council will vote on the plan.", "Next month", "2010-06"),
        ("Profits fell compared with the previous year.", "the previous year", "2009"),
    ],
)
def test_following_unit_without_a_story_time_counts_from_today(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2010-05-04") == value


# ---------------------------------------------------------------- months of no particular year


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("Monsoon rains usually arrive in June and last until late September.", "June", "XXXX-06"),
        (
            "Monsoon rains usually arrive in June and last until late September.",
            "late September",
            "XXXX-09",
        ),
        (
            "This is the high season for tourism; between December and April few people visit.",
            "December",
            "XXXX-12",
        ),
    ],
)
def test_month_of_what_recurs_every_year_has_no_year(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2010-05-04") == value


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The museum reopens in June after a two-year renovation.", "June", "2010-06"),
        ("Temperatures reached 40C in July, the hottest month on record.", "July", "2009-07"),
    ],
)
def test_month_of_one_event_keeps_its_year(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2010-05-04") == value


# -------------------------------------------- a month in a year named from today


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The firm was sold in March last year to a rival.", "March last year", "2009-03"),
        (
            "The minister resigned on Tuesday last week after the vote.",
            "Tuesday last week",
            "2010-04-27",
        ),
    ],
)
def test_month_or_day_in_a_year_or_week_named_from_today(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2010-05-04") == value


def test_month_and_a_separate_relative_year_stay_two(dnlp):
    dates = dates_of(dnlp, "Shares rose in March and fell last year.", "2010-05-04")
    assert [(d["text"], d["value"]) for d in dates] == [("March", "2010-03"), ("last year", "2009")]


def test_seasons_of_a_climate_statement_are_found(dnlp):
    sentence = "The valley has a dry climate with long, hot summers and mild winters."
    assert [(d["text"], d["value"]) for d in dates_of(dnlp, sentence, "2010-05-04")] == [
        ("summers", "XXXX-SU"),
        ("winters", "XXXX-WI"),
    ]


def test_a_season_of_one_story_without_a_year_is_no_date(dnlp):
    assert (
        dates_of(dnlp, "The team trained through the winter before the race.", "2010-05-04") == []
    )


# ---------------------------------------------------------------- news forms (TempEval style)


def test_last_night_is_yesterdays_night(dnlp):
    value = value_of(
        dnlp, "Last night the council voted to close the school.", "Last night", "1998-03-05"
    )
    assert value == "1998-03-04TNI"
    # "the last night of the festival" is no night named from today.
    assert (
        value_of(
            dnlp,
            "Crowds gathered on the last night of the festival.",
            "the last night",
            "1998-03-05",
        )
        != "1998-03-04TNI"
    )


def test_a_year_earlier_with_nothing_told_before_counts_from_today(dnlp):
    assert (
        value_of(
            dnlp,
            "Revenue rose to $3 billion from $2.5 billion a year earlier.",
            "a year earlier",
            "1998-03-05",
        )
        == "1997"
    )
    # After a date, "later"/"earlier" count from it; days back from nothing stay unknown.
    assert (
        value_of(
            dnlp,
            "The plant closed on June 3, 1995. Two years later it reopened.",
            "Two years later",
            "1998-03-05",
        )
        == "1997"
    )
    assert (
        dates_of(dnlp, "Three days earlier, the rebels had crossed the river.", "1998-03-05") == []
    )


def test_clock_time_in_local_time_falls_on_the_day_beside_it(dnlp):
    assert (
        value_of(
            dnlp,
            "The earthquake struck at 3:15 a.m. local time on Tuesday.",
            "3:15 a.m.",
            "1998-03-05",
        )
        == "1998-03-03T03:15"
    )
    assert (
        value_of(
            dnlp,
            "The quake struck at 3:15 a.m. local time, officials said.",
            "3:15 a.m.",
            "1998-03-05",
        )
        == "1998-03-05T03:15"
    )


# ---------------------------------------------------------------- weekdays that recur


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The airline offers one flight per week on Thursday morning.", "Thursday", "XXXX-WXX-4"),
        ("We read the headlines on a Monday and pick an issue.", "Monday", "XXXX-WXX-1"),
        ("The city is usually quiet at night.", "night", "XXXX-XX-XXTNI"),
    ],
)
def test_weekday_or_night_that_recurs_is_a_set(dnlp, sentence, needle, value):
    found = [d for d in dates_of(dnlp, sentence, "2006-07-04") if d["text"] == needle]
    assert found == [{"text": needle, "value": value, "kind": "set"}]


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The minister resigned on Monday after the vote.", "Monday", "2006-07-03"),
        (
            "In a Wednesday media event, the company released a new laptop.",
            "Wednesday",
            "2006-06-28",
        ),
        ("Police said the fire broke out at night.", "night", "2006-07-04TNI"),
    ],
)
def test_weekday_or_night_of_one_story_keeps_its_day(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2006-07-04") == value


# ---------------------------------------------------------------- opening hours


def test_opening_hours_are_times_of_no_particular_day(dnlp):
    dates = dates_of(dnlp, "The museum is open daily 08:00 - 20:00.", "2011-03-10")
    assert [(d["text"], d["value"]) for d in dates if d["kind"] == "time"] == [
        ("08:00", "XXXX-XX-XXT08:00"),
        ("20:00", "XXXX-XX-XXT20:00"),
    ]
    assert (
        value_of(
            dnlp,
            "The last buses leave at around 8 pm in the evenings.",
            "around 8 pm",
            "2011-03-10",
        )
        == "XXXX-XX-XXT20:00"
    )


def test_clock_times_of_one_day_keep_the_day(dnlp):
    assert (
        value_of(dnlp, "The quake struck at 3:15 a.m., officials said.", "3:15 a.m.", "2011-03-10")
        == "2011-03-10T03:15"
    )
    assert (
        value_of(dnlp, "The talks ended at 6 p.m. on Tuesday.", "6 p.m.", "2011-03-10")
        == "2011-03-08T18:00"
    )


# ---------------------------------------------------------------- years of the first millennium


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The saint was born around 347 AD and died in Gaul.", "347 AD", "0347"),
        ("The mosque was started in AD842 by the caliph.", "AD842", "0842"),
        ("The town was founded in the year 71 by the Romans.", "the year 71", "0071"),
    ],
)
def test_early_years_with_an_era_or_circa(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2011-03-10") == value


def test_counts_without_an_era_are_no_years(dnlp):
    assert dates_of(dnlp, "The team scored 347 points in the final.", "2011-03-10") == []
    assert dates_of(dnlp, "The CE mark is on 300 products.", "2011-03-10") == []


# ---------------------------------------------------------------- author-year citations


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Earlier work (Larsen & Okafor 2011; Brandt 2010) found the same effect.", "2011"),
        ("There are replication studies, such as Meyer and Stone 2017 and a longer one.", "2017"),
    ],
)
def test_year_of_a_citation_read_as_a_name_is_a_date(dnlp, sentence, year):
    assert value_of(dnlp, sentence, year, "2018-03-05") == year


def test_number_inside_a_name_stays_in_it(dnlp):
    dates = dates_of(
        dnlp, "The Russell 2000 Index of smaller companies dropped by 3%.", "2018-03-05"
    )
    assert dates == []


# ---------------------------------------------------------------- years the model leaves untagged


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        (
            "He starred in the drama Burning Man (2011), which earned him a nomination.",
            "2011",
            "2011",
        ),
        (
            "He obtained a degree in 1939. In that same year he became pastor of a church.",
            "that same year",
            "1939",
        ),
        (
            "She moved to Ohio in 2009 and studied dance. That year, she joined a band.",
            "That year",
            "2009",
        ),
    ],
)
def test_bracketed_and_story_years_are_found(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2011-03-10") == value


def test_that_year_with_no_year_told_is_no_date(dnlp):
    assert dates_of(dnlp, "Sales rose that year, the company said.", "2011-03-10") == []


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        (
            "He was wounded in a duel on 30 May 1832. He died the following morning in hospital.",
            "the following morning",
            "1832-05-31TMO",
        ),
        (
            "In March 2009 the plant closed. Six months later it reopened.",
            "Six months later",
            "2009-09",
        ),
    ],
)
def test_morning_after_and_months_later_count_from_the_story(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2011-03-10") == value


def test_months_later_with_nothing_told_before_has_no_value(dnlp):
    assert dates_of(dnlp, "Six months later the plant reopened.", "2011-03-10") == []


# ---------------------------------------------------------------- holidays


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The shops will close on Christmas Day, the union said.", "Christmas Day", "2010-12-25"),
        ("Sales rose sharply over Easter, retailers reported.", "Easter", "2010-04-04"),
        ("The family gathered for Thanksgiving 2008 in Ohio.", "Thanksgiving 2008", "2008-11-27"),
    ],
)
def test_holidays_get_their_day(dnlp, sentence, needle, value):
    assert value_of(dnlp, sentence, needle, "2010-05-04") == value


def test_holiday_words_in_names_are_no_dates(dnlp):
    assert (
        dates_of(dnlp, "She wrote the novel with illustrator Johnnie Christmas.", "2010-05-04")
        == []
    )
    assert dates_of(dnlp, "Tourists flew to Easter Island.", "2010-05-04") == []


def test_holiday_in_a_year_named_from_today(dnlp):
    dates = dates_of(
        dnlp, "Sales fell at Christmas last year but rose over Easter this year.", "2016-09-07"
    )
    assert [(d["text"], d["value"]) for d in dates] == [
        ("Christmas last year", "2015-12-25"),
        ("Easter this year", "2016-03-27"),
    ]


@pytest.mark.parametrize(
    "text, value",
    [
        ("may 28, 2006", "2006-05-28"),
        ("sunday, may 28, 2006", "2006-05-28"),
        ("28 may 2006", "2006-05-28"),
        ("the 5th of july 2006", "2006-07-05"),
        ("sept. 3, 2010", "2010-09-03"),
        ("november 2008", "2008-11"),
        ("march of 2008", "2008-03"),
        ("february 30, 2016", None),  # no such day
        ("07/27/2016", "2016-07-27"),
        ("27.07.2016", "2016-07-27"),  # a part above 12 is the day, whatever the order
        ("2016-07-27", "2016-07-27"),
        ("02/30/2016", None),
    ],
)
def test_common_written_dates_are_read_as_dateparser_reads_them(monkeypatch, text, value):
    # The common forms skip dateparser (its calls were the rules' largest cost, and its
    # first call in a process the largest part of a single article's wait); what they
    # give must be what dateparser gives.
    from extractor import date_values

    ctx = date_values._Context(None, None, "MDY")
    fast = date_values._absolute(text, ctx)
    assert (fast.value if fast else None) == value
    monkeypatch.setattr(date_values, "_written_date", lambda text: None)
    monkeypatch.setattr(date_values, "_numeric_date", lambda parts, order: None)
    assert date_values._absolute(text, ctx) == fast


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A range of days in one month is read from its first day, as "June 5 to 7" is.
        ("June 5-7", "2024-06-05"),
        ("5-7 June", "2024-06-05"),
        ("June 5-7, 2023", "2023-06-05"),  # the year written once is the range's
        ("5\u20137 June 2023", "2023-06-05"),
        # Left alone: a season of two years, and a span of years.
        ("1990-91", "1990"),
        ("2010-2012", "2010"),
    ],
)
def test_a_range_of_days_in_one_month_has_its_first_days_value(text, value):
    assert normalize_date(text, "2024-03-01").value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 hours 15 minutes", "PT2H15M"),
        ("1 hour and 30 minutes", "PT1H30M"),
        ("two years and six months", "P2Y6M"),
        ("3 minutes, 49.04 seconds", "PT3M49.04S"),
        ("two days, three hours", "P2DT3H"),
        # Left alone: one unit, and two days that are no length.
        ("six months", "P6M"),
        ("Monday and Tuesday", "2019-12-30"),
    ],
)
def test_a_length_in_several_units(text, value):
    assert normalize_date(text, "2020-01-01").value == value
    assert is_timex3(value)
