"""Figures: values, ranges, qualifiers, kinds, currencies and units; numbers that are no
figures. Sentences are from data/samples and the Wikinews gold texts in ../shared/eval."""

from __future__ import annotations

import pytest

from extractor.facts import figure_fields
from extractor.figure_values import parse_figure, words_to_number

FIGURE_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")


@pytest.fixture(scope="session")
def fnlp(nlp):
    """The full pipeline (conftest's, loaded once): the span fixes are part of it."""
    return nlp


def figures_of(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    out = []
    for ent in doc.ents:
        if ent.label_ in FIGURE_LABELS:
            fields = figure_fields(ent)
            if fields is not None:
                out.append({"text": ent.text, **fields})
    return out


def one(nlp, text: str, needle: str) -> dict:
    found = [f for f in figures_of(nlp, text) if needle in f["text"]]
    assert len(found) == 1, figures_of(nlp, text)
    return found[0]


# ---------------------------------------------------------------- text-level classes


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digits with separators
        ("30,000", 30000), ("1.5", 1.5), ("8,579.19", 8579.19),
        # scale words and abbreviations
        ("1.5 million", 1_500_000), ("3bn", 3_000_000_000), ("2.4 bln", 2_400_000_000),
        ("5 crore", 50_000_000), ("20k", 20000), ("3 lakh", 300_000),
        # numbers written as words
        ("four", 4), ("thirty thousand", 30000), ("a dozen", 12),
        ("half a million", 500_000), ("two hundred and five", 205), ("twenty-five", 25),
        ("one and a half million", 1_500_000),
        # fractions
        ("3/4", 0.75), ("three quarters", 0.75),
    ],
)  # fmt: skip
def test_numbers(text, value):
    assert words_to_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "foo", "20 30", "a", "million million", "one of"])
def test_not_numbers(text):
    assert words_to_number(text) is None


@pytest.mark.parametrize(
    ("text", "label", "value", "value_max"),
    [
        ("between 20 and 30", "CARDINAL", 20, 30),
        ("1,500 to 2,000", "CARDINAL", 1500, 2000),
        ("two or three", "CARDINAL", 2, 3),
        ("15-20%", "PERCENT", 15, 20),
        ("20 to 30 million", "CARDINAL", 20_000_000, 30_000_000),  # the scale covers both
        ("between $12 million and $20 million", "MONEY", 12_000_000, 20_000_000),
    ],
)
def test_ranges(text, label, value, value_max):
    figure = parse_figure(text, label)
    assert (figure.value, figure.value_max) == (value, value_max)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$3bn", 3_000_000_000, "USD"), ("US$40 billion", 40_000_000_000, "USD"),
        ("Rs 5 crore", 50_000_000, "INR"), ("€3bn", 3_000_000_000, "EUR"),
        ("£20", 20, "GBP"), ("50 yen", 50, "JPY"), ("10 million rubles", 10_000_000, "RUB"),
        ("422,000 euros", 422000, "EUR"), ("AU$52.5 million", 52_500_000, "AUD"),
        ("USD$23 billion dollar", 23_000_000_000, "USD"),
        ("$8.2 billion", 8_200_000_000, "USD"),  # not 8199999999.999999
        # Currencies the euro replaced, in older wire copy.
        ("198.50 marks", 198.5, "DEM"), ("1,000 lire", 1000, "ITL"),
        ("85 pfennigs", 0.85, "DEM"), ("GH¢120 million", 120_000_000, "GHS"),
        ("3.40 French francs", 3.4, "FRF"), ("2 million guilders", 2_000_000, "NLG"),
    ],
)  # fmt: skip
def test_money(text, value, currency):
    figure = parse_figure(text, "MONEY")
    assert (figure.kind, figure.value, figure.currency) == ("money", value, currency)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("12%", 12, None), ("12 per cent", 12, None), ("two per cent", 2, None),
     ("12 percentage points", 12, "points"), ("eight percent", 8, None)],
)  # fmt: skip
def test_percent(text, value, unit):
    figure = parse_figure(text, "PERCENT")
    assert (figure.kind, figure.value, figure.unit) == ("percent", value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("5 km", 5, "km"), ("300 tonnes", 300, "tonnes"), ("twenty tonnes", 20, "tonnes"),
     ("40 degrees", 40, "degrees"), ("340 points", 340, "points"),
     ("-366.94 points", -366.94, "points"),
     # a unit glued to its number as an adjective: "a 6.5-inch screen"
     ("6.5-inch", 6.5, "inches"), ("12-foot", 12, "feet")],
)  # fmt: skip
def test_quantity(text, value, unit):
    figure = parse_figure(text, "QUANTITY")
    assert (figure.kind, figure.value, figure.unit) == ("quantity", value, unit)


@pytest.mark.parametrize(
    ("text", "qualifier", "words"),
    [
        ("more than 30,000", ">", "more than"), ("over 2,000 points", ">", "over"),
        ("at least 5", ">=", "at least"), ("20 or more", ">=", "or more"),
        ("fewer than 10", "<", "fewer than"), ("nearly 24%", "<", "nearly"),
        ("almost three percent", "<", "almost"), ("up to 20,000", "<=", "up to"),
        ("as much as 3%", "<=", "as much as"), ("about 400", "~", "about"),
        ("some 400", "~", "some"), ("roughly 5", "~", "roughly"),
        ("exactly 12", "=", "exactly"), ("thousands of", ">=", "thousands"),
        ("1,500", None, None),
    ],
)  # fmt: skip
def test_qualifiers(text, qualifier, words):
    figure = parse_figure(text)
    assert (figure.qualifier, figure.qualifier_text) == (qualifier, words)


def test_vague_plurals_give_a_lower_bound():
    figure = parse_figure("tens of thousands")
    assert (figure.value, figure.qualifier) == (20000, ">=")


# ---------------------------------------------------------------- on real sentences


def test_tajik_done_when(fnlp, tajik_text):
    figure = one(fnlp, tajik_text, "30,000")
    assert figure["value"] == 30000
    assert figure["unit"] == "troops"
    assert figure["qualifier"] == ">"
    assert figure["qualifier_text"] == "more than"
    assert figure["kind"] == "count"


def test_count_unit_from_syntax(fnlp):
    sentence = "This is thought likely to create 1,500 to 2,000 jobs and support 25,000 others."
    figure = one(fnlp, sentence, "1,500")
    assert (figure["value"], figure["value_max"], figure["unit"]) == (1500, 2000, "jobs")


def test_partitive_pronoun_has_no_unit(fnlp):
    figure = one(fnlp, "The company said on Monday it had cut 20,000 of them.", "20,000")
    assert figure["unit"] is None


def test_money_range_in_a_real_sentence(fnlp):
    sentence = (
        "Airbus have announced that they will be willing to contribute between $12 "
        "million and $20 million (about US$16 million to $28 million) to fund an "
        "extended search for the black boxes from Air France Flight 447."
    )
    figures = figures_of(fnlp, sentence)
    money = [f for f in figures if f["kind"] == "money"]
    assert money[0]["value"] == 12_000_000 and money[0]["currency"] == "USD"
    assert all(f["text"] != "447" for f in figures)  # a flight number is a name


def test_change_from_to_is_two_figures(fnlp):
    sentence = (
        "Totaling US$180 billion, the Federal Reserve arranged to increase existing "
        "swap lines with the European Central Bank from US$55 billion to US$110 "
        "billion."
    )
    values = [f["value"] for f in figures_of(fnlp, sentence)]
    assert values == [180e9, 55e9, 110e9]


def test_rate_splits_count_from_period(fnlp):
    sentence = (
        "Northrop Grumman will supply the United States Air Force with 179 new aerial "
        "refueling tankers at a rate of 15 a year."
    )
    values = [f["value"] for f in figures_of(fnlp, sentence)]
    assert values == [179, 15]


def test_age_is_a_quantity_in_years(fnlp):
    sentence = (
        "Apple confirmed that Papermaster, 49, had left the company, but did not say "
        "whether he decided to leave or was forced out."
    )
    figure = one(fnlp, sentence, "49")
    assert (figure["value"], figure["kind"], figure["unit"]) == (49, "quantity", "years")


def test_share_labelled_date_is_a_figure(fnlp):
    sentence = (
        "American automobile manufacturer Chrysler LLC has said that it wants to "
        "eliminate 789, or about a quarter, of its 3,200 dealers by early June."
    )
    figure = one(fnlp, sentence, "quarter")
    assert (figure["value"], figure["qualifier"]) == (0.25, "~")


# ---------------------------------------------------------------- numbers that are no figures


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        # a year is a date
        ("He fought pancreatic cancer in 2004 and took six months off.", "2004"),
        ("The case concerned taxes for the period from 2004 to 2009.", "2009"),
        # a clock time
        ("At 0800 UTC, the Bank of Canada and the Bank of England acted.", "0800"),
        # a phone number
        ("For details call 555-123-4567 before Friday.", "555"),
        ("-- Frankfurt Newsroom, +49 69 756525", "756525"),
        # "one of the" is a pronoun
        ('Ballmer described him as "one of the founders of our industry".', "one"),
        # numbers in names: a model, an index, a version
        ("Ryanair ordered the Boeing 737 and later bought more 737 airliners.", "737"),
        ("The primary British index, the FTSE 100, dropped in value by 2.36%.", "100"),
        ("They also demonstrated iOS 5, a new version of the operating system.", "5"),
    ],
)
def test_not_figures(fnlp, sentence, number):
    assert not any(number in f["text"] for f in figures_of(fnlp, sentence))


@pytest.mark.parametrize(
    ("sentence", "needle", "kind", "unit", "currency"),
    [
        # The currency's name outside the model's span.
        ("Tourists spent about 1.6 billion lari last year.", "1.6", "money", None, "GEL"),
        ("The repairs cost about 2 million złoty, the city said.", "2 million", "money",
         None, "PLN"),
        # Cents take the sentence's currency; pence are British.
        ("Brent fell 41 cents to $88.09 a barrel.", "41", "money", None, "USD"),
        ("Shares fell 7.5 pence on Friday.", "7.5", "money", None, "GBP"),
        # A temperature's symbol outside the span.
        ("Temperatures rose above 30 °C and hit 45.6 °C on Monday.", "45.6", "quantity",
         "°C", None),
        ("It was 100 °F in the shade.", "100", "quantity", "°F", None),
        ("A ticket costs 46 zł at the gate.", "46", "money", None, "PLN"),
        ("A tour costs 20,000 bolivianos.", "20,000", "money", None, "BOB"),
        ("It cost 500,000 CFA francs.", "500,000", "money", None, "XOF"),
        # Left alone: a currency's name that is an English word.
        ("The operators are applied to two real-world applications.", "two", "count",
         None, None),
    ],
)  # fmt: skip
def test_units_and_currencies_after_the_number(fnlp, sentence, needle, kind, unit, currency):
    figure = one(fnlp, sentence, needle)
    assert (figure["kind"], figure["currency"]) == (kind, currency)
    if unit:
        assert figure["unit"] == unit


def test_a_headlines_count_takes_no_unit_from_the_next_line(fnlp):
    text = "Train derails near Kraków, injuring 31\nSunday, March 4, 2014\nThe train left."
    assert one(fnlp, text, "31")["unit"] is None


def test_a_singular_pound_after_millions_is_money_and_plural_pounds_weight():
    money = parse_figure("15 million pound", "QUANTITY")
    assert (money.kind, money.currency) == ("money", "GBP")
    weight = parse_figure("2 million pounds", "QUANTITY")
    assert (weight.kind, weight.unit) == ("quantity", "lb")


def test_a_range_of_years_is_no_count(fnlp):
    text = "The mayor (1932–1935) built roads. Data for 2000–2020 were used."
    assert figures_of(fnlp, text) == []
    # Left alone: numbers like years that count something.
    assert [f["value"] for f in figures_of(fnlp, "It rose by 1500-2000 units.")] == [1500]


def test_the_level_an_index_falls_below_is_no_currency(fnlp):
    text = "The FTSE 100 fell 2.4%, to below the 5000 mark at 4907.20."
    assert [f["currency"] for f in figures_of(fnlp, text) if "5000" in f["text"]] == [None]


def test_list_marker_is_no_figure(fnlp):
    text = "The plan has three parts:\n1. Cut costs.\n2. Sell the plant.\n"
    figures = figures_of(fnlp, text)
    assert [f["value"] for f in figures] == [3]


def test_span_takes_in_currency_and_scale(fnlp):
    sentence = "Boeing sells 60 787 Dreamliners worth US$7.2 bn to six Chinese airlines."
    figure = one(fnlp, sentence, "7.2")
    assert (figure["value"], figure["currency"], figure["kind"]) == (7.2e9, "USD", "money")


# ---------------------------------------------------------------- fourth session classes


@pytest.mark.parametrize(
    ("sentence", "needle", "value"),
    [
        ("The company earned $4.12 per share in the quarter.", "$4.12", 4.12),
        ("Shares closed at $12.50 on Friday.", "$12.50", 12.5),
    ],
)
def test_small_money_amounts_are_money_not_clock_times(fnlp, sentence, needle, value):
    found = one(fnlp, sentence, needle)
    assert (found["kind"], found["value"], found["currency"]) == ("money", value, "USD")


def test_clock_times_written_with_a_dot_stay_times(fnlp):
    # Left alone: with p.m. the dotted form is a time, not a figure.
    doc = fnlp("The polls closed at 6.40 p.m. on Tuesday.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ in ("TIME", *FIGURE_LABELS)] == [
        ("6.40 p.m.", "TIME")
    ]


@pytest.mark.parametrize(
    ("sentence", "needle", "value", "unit"),
    [
        ("The new model ships with 16GB of memory.", "16GB", 16, "GB"),
        ("The phone has 64GB of storage and weighs 5kg.", "5kg", 5, "kg"),
        ("A 500mg dose was given to each patient.", "500mg", 500, "mg"),
    ],
)
def test_unit_glued_to_a_number_is_a_quantity(fnlp, sentence, needle, value, unit):
    found = one(fnlp, sentence, needle)
    assert (found["kind"], found["value"], found["unit"]) == ("quantity", value, unit)
    names = [e.text for e in fnlp(sentence).ents if e.label_ not in (*FIGURE_LABELS, "DATE")]
    assert not any(needle in n for n in names)


@pytest.mark.parametrize(
    ("needle", "value", "unit"),
    [("59.3 degrees Celsius", 59.3, "°C"), ("104 degrees Fahrenheit", 104, "°F")],
)
def test_a_temperature_takes_its_scale(fnlp, needle, value, unit):
    sentence = "It reached 59.3 degrees Celsius, or 104 degrees Fahrenheit, at noon."
    found = one(fnlp, sentence, needle)
    assert (found["kind"], found["value"], found["unit"]) == ("quantity", value, unit)
    assert not [e for e in fnlp(sentence).ents if e.label_ == "ORG"]  # "Fahrenheit"


def test_an_angle_in_degrees_keeps_degrees(fnlp):
    assert one(fnlp, "The road turns 90 degrees at the bridge.", "90 degrees")["unit"] == "degrees"


@pytest.mark.parametrize(("text", "value", "unit"), [("5G", None, None), ("5m", 5000000, None)])
def test_ambiguous_glued_letters_are_left_alone(text, value, unit):
    # "5G" is a network, "5m" five million: no unit is read from them.
    figure = parse_figure(text, "CARDINAL")
    assert (figure.value if figure else None, figure.unit if figure else None) == (value, unit)


def test_glued_quantity_tagged_as_a_name_becomes_a_quantity(fnlp):
    from spacy.tokens import Span

    from extractor.components.figures import FigureSpans

    doc = fnlp.make_doc("Kingston sells 16GB drives and 2TB disks.")
    gb = next(t.i for t in doc if t.text == "16")
    tb = next(t.i for t in doc if t.text == "2")
    doc.ents = [Span(doc, gb, gb + 2, label="ORG"), Span(doc, tb, tb + 3, label="PRODUCT")]
    doc = FigureSpans()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("16GB", "QUANTITY"),
        ("2TB", "QUANTITY"),
        ("disks", "PRODUCT"),
    ]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("11 to 10", None),  # a ratio: "to" is no counted noun
        ("3 to 1", None),
        ("30,000 troops", "troops"),  # left alone: the counted noun
    ],
)
def test_a_function_word_after_a_count_is_no_unit(text, unit):
    assert parse_figure(text, "CARDINAL").unit == unit


@pytest.mark.parametrize(
    ("sentence", "needle"),
    [
        ("A magnitude 7.5 earthquake struck the coast on Monday.", "magnitude 7.5"),
        ("A 6.2-magnitude quake hit the region.", "6.2-magnitude"),
    ],
)
def test_an_earthquakes_magnitude_is_a_quantity(fnlp, sentence, needle):
    found = one(fnlp, sentence, needle)
    assert (found["kind"], found["unit"]) == ("quantity", "magnitude")
    assert found["value"] in (7.5, 6.2)


def test_a_bare_dollar_sign_takes_the_articles_one_named_dollar():
    from extractor.api import extract_text

    text = (
        "Ruling\nHOBART, March 3, 2020 - The court awarded A$2.3 million in damages. It "
        "also ordered costs of $450,000.\n"
    )
    got = [(f["text"], f["currency"]) for f in extract_text(text).to_dict()["figures"]]
    assert got == [("A$2.3 million", "AUD"), ("$450,000", "AUD")]
    # Left alone: an article that also names US dollars keeps "$" as US dollars.
    text = "Deal\nThe firm paid US$2 million, then $450,000, for a C$3 million stake.\n"
    got = {f["text"]: f["currency"] for f in extract_text(text).to_dict()["figures"]}
    assert got["$450,000"] == "USD" and got["C$3 million"] == "CAD"
