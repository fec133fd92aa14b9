"""meta.detect: headline, published date and body start, without spaCy."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from extractor.meta import Header, byline_authors, detect, parse_date

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

# Expected header of every sample file, read off the articles by hand.
SAMPLE_HEADERS = {
    "russia-tajikistan-border.txt": ("Army Steps Up Watch Of Tajikistan Border", "2016-07-27"),
    "airbus-boeing-airtanker-contract.txt": (
        "Northrop Grumman and Airbus parent EADS defeat Boeing for $40 billion US airtanker "
        "contract",
        "2008-03-01",
    ),
    "ford-cutting-30000-jobs.txt": ("Ford Motor Company cutting 30,000 jobs by 2012", "2006-01-23"),
    "global-warming-ozone-crops.txt": (
        "Scientists analyse effects of global warming, atmospheric ozone on crops",
        "2014-07-28",
    ),
    "texas-student-clock-movement.txt": (
        "Texas student Ahmed Mohamed inspires social movement",
        "2015-09-22",
    ),
    "uk-asylum-questionnaire.txt": (
        "Reports: 'streamlined' UK asylum process to replace interview with questionnaire "
        "for five nationalities",
        "2023-02-23",
    ),
}

BODY = (
    "Russia is laying antipersonnel mines and reinforcing its defensive positions along the "
    "border between Tajikistan and Afghanistan, as Taliban fighters have brought their forces "
    "within artillery range of the Russian army, which protects the gateway to Central Asia."
)
HEADLINE = "Army Steps Up Watch Of Tajikistan Border"


def _read(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_every_sample_has_an_expected_header():
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == sorted(SAMPLE_HEADERS)


@pytest.mark.parametrize("name", sorted(SAMPLE_HEADERS))
def test_samples(name):
    text = _read(name)
    title, published = SAMPLE_HEADERS[name]
    header = detect(text)
    assert (header.title, header.published) == (title, published)
    assert text[header.title_start : header.title_end] == title
    assert header.body_start > header.title_end
    assert not text[header.body_start].isspace()


def test_tajik_sample_skips_chrome_and_last_updated_line():
    text = _read("russia-tajikistan-border.txt")
    header = detect(text)
    assert text[header.body_start :].startswith("Russia is laying antipersonnel mines")
    assert "Get the latest" not in text[header.body_start :]


@pytest.mark.parametrize(
    "headline",
    ["GLOBAL MARKETS-Asian shares slip as yen hits 34-year low", "SOCCER-Salah double keeps "
     "Liverpool top as Arsenal stumble"],
)  # fmt: skip
def test_a_wire_slugs_hyphen_is_no_dateline(headline):
    text = (
        f"{headline}\nTOKYO, April 29, 2024 (Reuters) - Asian shares fell on Monday as the "
        "yen weakened past 160 per dollar for the first time since 1990, stoking "
        "speculation that Japanese authorities could intervene in the currency market.\n"
    )
    header = detect(text)
    assert (header.title, header.published) == (headline, "2024-04-29")


def test_wikinews_body_starts_after_date_line():
    text = _read("ford-cutting-30000-jobs.txt")
    assert text[detect(text).body_start :].startswith("The Ford Motor Company, the second")


@pytest.mark.parametrize("name", sorted(SAMPLE_HEADERS))
def test_sample_body_alone_has_no_title(name):
    """Cut the header off: what is left starts with a body paragraph, never a title."""
    text = _read(name)
    body = text[detect(text).body_start :]
    assert detect(body).title is None


@pytest.mark.parametrize("width", [50, 60, 72, 80])
@pytest.mark.parametrize("name", sorted(SAMPLE_HEADERS))
def test_hard_wrapped_body_has_no_title(name, width):
    """Text saved with hard line breaks: the first wrapped line is not a headline."""
    text = _read(name)
    body = text[detect(text).body_start :]
    paragraphs = [p for p in body.split("\n") if p.strip()]
    for joiner in ("\n", "\n\n"):
        wrapped = joiner.join(textwrap.fill(p, width) for p in paragraphs)
        assert detect(wrapped).title is None, wrapped[:200]
        # ...while a headline above the wrapped body is still found.
        assert detect(f"{HEADLINE}\n\n{wrapped}").title == HEADLINE
        assert detect(f"{HEADLINE}\nJuly 27, 2016\n{wrapped}").title == HEADLINE


def test_plain_paragraph_has_no_header():
    assert detect(BODY) == Header(title=None, published=None, body_start=0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n   \n",
        "Russia is laying mines. Ivanov said so.\nThe Taliban denied it.",
        '"Is this the end?"\nIvanov asked, looking at the map of the border.',
        "He admits that they were not technically qualified!\n" + BODY,
        "The A380 was revealed in January 2005\n" + BODY,
        "It makes you question: is global growth really that strong?\n" + BODY,
        "By 2050, undernourishment would increase\nby either 49 percent or by 27 percent.",
        "Russia is reinforcing its\n" + BODY,  # a line cut before its object
        HEADLINE,  # a headline needs a body under it
    ],
)
def test_no_title_when_unsure(text):
    assert detect(text).title is None


@pytest.mark.parametrize(
    ("first_lines", "published"),
    [
        (f"{HEADLINE}\nMarch 01, 2008", "2008-03-01"),
        (f"{HEADLINE}\nFriday, July 21, 2017", "2017-07-21"),
        (f"{HEADLINE}\nPublished: 2016-07-27", "2016-07-27"),
        (f"{HEADLINE}\nUpdated 27 July 2016 10:15 GMT", "2016-07-27"),
        (f"July 27, 2016\n\n{HEADLINE}", "2016-07-27"),
        (f". Last Updated: 07/27/2016\n\n{HEADLINE}", "2016-07-27"),
        (f"{HEADLINE}\nUpdated 10:15 a.m. EDT, July 27, 2016", "2016-07-27"),
        (f"{HEADLINE}\nWednesday 27 July 2016 10.15 BST", "2016-07-27"),
        (f"{HEADLINE}\n2016-07-27T10:15:00Z", "2016-07-27"),
        (f"{HEADLINE}\nPosted: Wed, Jul 27th 2016 10:15 PM", "2016-07-27"),
        (f"{HEADLINE}\nBy Michael R. Gordon | Published Jul 27, 2016", "2016-07-27"),
        (f"{HEADLINE}\nPublished: 2016-07-26 | Updated: 2016-07-27", "2016-07-26"),
        (f"Updated: 2016-07-28\nPublished: 2016-07-26\n{HEADLINE}", "2016-07-26"),
        (f"{HEADLINE}\nFebruary 30, 2016", None),
    ],
)
def test_header_variants(first_lines, published):
    text = f"{first_lines}\n\n{BODY}"
    header = detect(text)
    assert header.title == HEADLINE
    assert header.published == published
    assert text[header.title_start : header.title_end] == HEADLINE
    assert text[header.body_start :] == BODY


@pytest.mark.parametrize(
    "chrome",
    [
        "Get the latest updates as we post them — right on your browser",
        "Subscribe to our newsletter",
        "Sign in",
        "We use cookies to improve your experience",
        "Home | World | Europe | Politics",
        "Posted 3 hours ago",
        "Advertisement",
    ],
)
def test_chrome_is_never_the_title(chrome):
    text = f"{chrome}\n\n{HEADLINE}\n\n{BODY}"
    header = detect(text)
    assert header.title == HEADLINE
    assert text[header.body_start :] == BODY


def test_chrome_alone_moves_body_start():
    text = f"Subscribe to our newsletter\n{BODY}"
    header = detect(text)
    assert header.title is None
    assert text[header.body_start :] == BODY


def test_ap_dateline_starts_the_body():
    text = f"{HEADLINE}\n\nMOSCOW (AP) — {BODY}"
    header = detect(text)
    assert header.title == HEADLINE
    assert header.published is None
    assert text[header.body_start :].startswith("MOSCOW (AP) —")


@pytest.mark.parametrize(
    "dateline",
    ["MOSCOW (AP) —", "MOSCOW —", "Moscow (Reuters) -", "IRVING, Texas (AP) —"],
)
def test_dateline_first_is_body_not_title(dateline):
    header = detect(f"{dateline} {BODY}\n\nMore text follows here.")
    assert header == Header(body_start=0)


def test_dateline_with_full_date_gives_published():
    header = detect(f"LONDON, July 27, 2016 (Reuters) - {BODY}")
    assert (header.title, header.published) == (None, "2016-07-27")


def test_first_of_several_headline_lines_with_three_words_wins():
    text = f"World News\n{HEADLINE}\nJuly 27, 2016\n{BODY}"
    assert detect(text).title == HEADLINE


def test_headline_with_abbreviations_is_one_sentence():
    title = "Apple Inc. CEO Steve Jobs on medical leave in the U.S. again"
    assert detect(f"{title}\nJanuary 17, 2011\n{BODY}").title == title


def test_question_headline_in_title_case():
    title = "Is Russia Preparing For War In Central Asia?"
    assert detect(f"{title}\n\n{BODY}").title == title


def test_two_sentences_are_not_a_headline():
    assert detect(f"Crisis deepens. Markets fall\n{BODY}").title is None


def test_crlf_line_ends():
    text = f"{HEADLINE}\r\nJuly 27, 2016\r\n\r\n{BODY}\r\n"
    header = detect(text)
    assert (header.title, header.published) == (HEADLINE, "2016-07-27")
    assert text[header.body_start :].startswith("Russia is laying")


def test_long_single_line_is_cheap_body():
    header = detect("word " * 1_000_000)
    assert header == Header()


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("07/27/2016", False, "2016-07-27"),
        ("07/27/2016", True, "2016-07-27"),  # 27 cannot be a month
        ("27/07/2016", False, "2016-07-27"),
        ("03/04/2016", False, "2016-03-04"),  # US order by default
        ("03/04/2016", True, "2016-04-03"),
        ("2016-02-30", False, None),
        ("13/13/2016", False, None),
        ("29 February 2016", False, "2016-02-29"),
        ("29 February 2015", False, None),
        ("Sept. 27, 2016", False, "2016-09-27"),
        ("July 27", False, None),  # no year: not guessed
    ],
)
def test_parse_date(text, day_first, expected):
    assert parse_date(text, day_first=day_first) == expected


def test_day_first_reaches_detect():
    text = f"{HEADLINE}\n03/04/2016\n{BODY}"
    assert detect(text).published == "2016-03-04"
    assert detect(text, day_first=True).published == "2016-04-03"


def test_header_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        detect(BODY).title = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "title", "published"),
    [
        ("SAO PAULO 1997-01-05\nThe central bank raised rates on Sunday.\n", None, "1997-01-05"),
        (
            "Bank raises rates\nPERTH, Australia 1997-03-02\nThe bank raised rates on Sunday.\n",
            "Bank raises rates",
            "1997-03-02",
        ),
        # A wire headline in capitals, tokenized as the wire sends it, above the dateline.
        (
            "RUGBY UNION - FIJI BEAT TONGA .\nSUVA 1997-05-10\nFiji beat Tonga 30-12 on "
            "Saturday .\n",
            "RUGBY UNION - FIJI BEAT TONGA .",
            "1997-05-10",
        ),
        (
            "MARKETS - YEN FIRMS IN TOKYO\nTOKYO 1997-05-12\nThe yen firmed on Monday .\n",
            "MARKETS - YEN FIRMS IN TOKYO",
            "1997-05-12",
        ),
        # Tokenized wire text in sentence case: the line above the dateline is the headline.
        (
            "Farm ministers back quota reform .\nBRUSSELS 1997-05-12\nMinisters agreed on "
            "Monday to cut milk quotas .\n",
            "Farm ministers back quota reform .",
            "1997-05-12",
        ),
        # Untokenized, with its full stop.
        (
            "RUSSIA'S LEBED SAYS PEACE DEAL HOLDS.\nMOSCOW 1996-08-23\nLebed said on "
            "Friday the ceasefire held.\n",
            "RUSSIA'S LEBED SAYS PEACE DEAL HOLDS.",
            "1996-08-23",
        ),
        # ... but without a dateline under it a tokenized sentence is body text.
        ("Fiji beat Tonga 30-12 on Saturday .\nThe match was close .\n", None, None),
        ("Fiji beat Tonga 30-12 on Saturday.\nThe match was close.\n", None, None),
        # Not a dateline: a sentence that ends in a date.
        ("Bank raises rates\nThe board met on 1997-03-02 in Perth.\n", "Bank raises rates", None),
    ],
)
def test_a_wire_dateline_on_its_own_line_gives_the_date(text, title, published):
    header = detect(text)
    assert (header.title, header.published) == (title, published)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Doe, Staff Writer", ("Jane Doe",)),
        ("By Jane Doe and John Roe | Reuters", ("Jane Doe", "John Roe")),
        ("BY JANE DOE - AP", ("Jane Doe",)),
        ("By Jane Doe & Al Smith, Washington Post", ("Jane Doe", "Al Smith")),
        # No person named: an agency, a desk.
        ("By Reuters", ()),
        ("By Staff Reports", ()),
        ("By Associated Press", ()),
    ],
)
def test_a_bylines_names_are_its_authors(line, authors):
    assert byline_authors(line) == authors
