"""The scorer on tiny hand-made gold/prediction lists, plus one run on real gold articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate import (
    Counts,
    GoldArticle,
    Mention,
    PlaceLink,
    Prediction,
    clip,
    drop_kinds,
    evaluate,
    gold_article,
    identity_names,
    iso_date,
    main,
    mark_optional,
    normalize_timex,
    read_gold,
    score_article,
    score_entities,
    score_links,
    score_spans,
    span_errors,
    timex_equal,
    unannotated_kinds,
)

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def m(start: int, end: int, entity: str | None = None, **kw: object) -> Mention:
    return Mention(start, end, entity, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- counts


def test_counts_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0
    assert Counts(1, 2, 3) + Counts(1, 1, 1) == Counts(2, 3, 4)


# --------------------------------------------------------------------------- mentions


def test_overlap_counts_as_hit_and_matching_is_one_to_one() -> None:
    gold = [m(0, 10), m(20, 30)]
    # Two predictions inside the first gold mention: only one can take it.
    pred = [m(0, 4), m(5, 10), m(25, 40), m(50, 55)]
    assert score_spans(pred, gold) == Counts(tp=2, fp=2, fn=0)


def test_matching_is_maximum_not_greedy() -> None:
    # Greedy would give p0 to g0 and leave p1 (which only overlaps g0) unmatched.
    gold = [m(0, 10), m(8, 20)]
    pred = [m(5, 12), m(0, 3)]
    assert score_spans(pred, gold) == Counts(tp=2, fp=0, fn=0)


def test_optional_gold_is_a_hit_when_matched_and_never_a_miss() -> None:
    gold = mark_optional([m(0, 30, "nesbit"), m(19, 30, "nesbit")])
    assert [g.optional for g in gold] == [True, False]
    assert score_spans([m(19, 30)], gold) == Counts(tp=1, fp=0, fn=0)
    assert score_spans([m(0, 10), m(19, 30)], gold) == Counts(tp=2, fp=0, fn=0)
    assert score_spans([], gold) == Counts(tp=0, fp=0, fn=1)
    assert score_spans([m(0, 10), m(19, 30)], gold).gold == 1  # only required items


def test_required_gold_is_preferred_over_optional() -> None:
    # "the United States Air Force (USAF" around "USAF": a lone "USAF" prediction must take
    # the required inner mention, not the optional outer one.
    gold = mark_optional([m(0, 33, "usaf"), m(29, 33, "usaf")])
    assert score_spans([m(29, 33)], gold) == Counts(tp=1, fp=0, fn=0)


def test_strict_spans_need_exact_offsets() -> None:
    from extractor.evaluate import exact

    gold = [m(0, 10), m(20, 30)]
    assert score_spans([m(0, 10), m(21, 30)], gold, exact) == Counts(tp=1, fp=1, fn=1)


def test_span_errors_lists_false_alarms_and_misses() -> None:
    fps, fns = span_errors([m(0, 5), m(40, 45)], [m(0, 10), m(20, 30)])
    assert fps == [m(40, 45)]
    assert fns == [m(20, 30)]


def test_inner_name_is_not_a_miss_when_the_system_found_the_enclosing_name() -> None:
    # "University of Texas Arlington" (organization) around "Texas" (place).
    text = "University of Texas Arlington"
    gold = GoldArticle(
        "a",
        text,
        None,
        {
            "organizations": mark_optional([m(0, 29, "uta")]),
            "places": [m(14, 19, "texas")],
        },
    )
    outer = Prediction(entities={"organizations": [[m(0, 29)]]})
    scores = score_article(gold, outer, ["organizations", "places"])
    assert scores["organizations"]["mention"] == Counts(1, 0, 0)
    assert scores["places"]["mention"] == Counts(0, 0, 0)
    assert scores["places"]["entity"] == Counts(0, 0, 0)
    # Found neither: the place is a miss. Found a person around it: still a miss.
    assert score_article(gold, Prediction(), ["places"])["places"]["mention"] == Counts(0, 0, 1)
    person = Prediction(entities={"people": [[m(0, 29)]]})
    assert score_article(gold, person, ["places"])["places"]["mention"] == Counts(0, 0, 1)


def test_inner_name_beside_the_found_span_stays_required() -> None:
    # "Texas student Ahmed Mohamed": person around place "Texas"; the system found the name.
    gold = GoldArticle(
        "a",
        "Texas student Ahmed Mohamed",
        None,
        {"people": mark_optional([m(0, 27, "ahmed")]), "places": [m(0, 5, "texas")]},
    )
    pred = Prediction(entities={"people": [[m(14, 27)]]})
    scores = score_article(gold, pred, ["people", "places"])
    assert scores["people"]["mention"] == Counts(1, 0, 0)
    assert scores["places"]["mention"] == Counts(0, 0, 1)


# --------------------------------------------------------------------------- entities


def test_entity_found_once_and_split_entity_costs_a_false_positive() -> None:
    gold = [m(0, 11, "jobs"), m(50, 54, "jobs"), m(70, 75, "apple")]
    grouped = [[m(0, 11), m(50, 54)], [m(70, 75)]]
    split = [[m(0, 11)], [m(50, 54)], [m(70, 75)]]
    assert score_entities(grouped, gold) == Counts(tp=2, fp=0, fn=0)
    assert score_entities(split, gold) == Counts(tp=2, fp=1, fn=0)


def test_merged_entities_cost_a_miss_and_unmatched_entities_are_false_positives() -> None:
    gold = [m(0, 6, "airbus"), m(10, 14, "eads")]
    assert score_entities([[m(0, 6), m(10, 14)]], gold) == Counts(tp=1, fp=0, fn=1)
    assert score_entities([[m(0, 6)], [m(10, 14)], [m(90, 95)]], gold) == Counts(2, 1, 0)


def test_entity_of_only_optional_mentions_is_optional() -> None:
    gold = [m(0, 20, "navy", optional=True), m(0, 13, "us")]
    assert score_entities([[m(0, 13)]], gold) == Counts(tp=1, fp=0, fn=0)
    assert score_entities([[m(0, 20)], [m(0, 13)]], gold) == Counts(tp=2, fp=0, fn=0)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2017-W28", "2017-07-10/2017-07-16"),
        ("2016-W35-WE", "2016-09-03/2016-09-04"),
        ("2017", "2017-01-01/2017-12-31"),
        ("2022-SU", "2022-06-01/2022-08-31"),
        ("2006-Q4", "2006-10-01/2006-12-31"),
        ("2024-02", "2024-02-01/2024-02-29"),
        ("197", "1970-01-01/1979-12-31"),
        ("18", "1800-01-01/1899-12-31"),
        ("2009-02-03", "03-02-2009"),
        ("2016-07-26", "2016-07-26/2016-07-26"),
        ("past_ref", "PAST_REF"),
        ("P4Y", " p4y "),
        ("XXXX-10", "--10"),
        ("XXXX-09-30", "--09-30"),
        ("XXXX-XX-XXT08:30", "08:30:00"),
    ],
)
def test_timex_values_written_differently_are_equal(a: str, b: str) -> None:
    assert timex_equal(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2017-W28", "2017-07-10"),
        ("2017", "2017-07"),
        ("P4Y", "2012"),
        ("2016-W99", "2016"),
        ("18", "1900-01-01/1999-12-31"),
        ("19", "199"),
        ("XXXX-10", "2010-10"),
        ("--10", "--11"),
        ("2011-03-10T08:30", "08:30:00"),
        ("XXXX-XX-XXT08:30", "09:30:00"),
    ],
)
def test_different_timex_values_differ(a: str, b: str) -> None:
    assert not timex_equal(a, b)


def test_timex_normalizer_never_raises_on_odd_values() -> None:
    for value in ("", "/", "2017-13", "2017-02-30", "notAfter=2008-01-19", "XXXX-WXX", "a/b"):
        normalize_timex(value)
    assert timex_equal(None, "2017") is False


def test_date_value_needs_overlap_and_equal_value() -> None:
    gold = GoldArticle("a", "x" * 100, None, {"dates": [m(0, 9, value="2017-W28")]})
    right = Prediction(facts={"dates": [m(0, 9, value="2017-07-10/2017-07-16")]})
    wrong = Prediction(facts={"dates": [m(0, 4, value="2017-07-10")]})
    missing = Prediction(facts={"dates": [m(0, 9, value=None)]})
    assert score_article(gold, right, ["dates"])["dates"]["value"] == Counts(1, 0, 0)
    assert score_article(gold, wrong, ["dates"])["dates"]["value"] == Counts(0, 1, 1)
    scores = score_article(gold, missing, ["dates"])["dates"]
    assert scores["value"] == Counts(0, 1, 1)
    assert scores["strict"] == Counts(1, 0, 0)


def test_unannotated_date_kinds_are_not_scored() -> None:
    gold = [GoldArticle("a", "", None, {"dates": [m(0, 4, kind="date")]})]
    assert unannotated_kinds(gold) == {"time", "duration", "set"}
    pred = Prediction(facts={"dates": [m(0, 4, kind="date"), m(9, 18, kind="duration")]})
    assert drop_kinds(pred, {"duration"}).facts["dates"] == [m(0, 4, kind="date")]


# --------------------------------------------------------------------------- gold reading

MEANTIME_LIKE = {
    "id": "1",
    "dct": "2008-03-01",
    "text": "Boeing loses to Airbus parent EADS\nMarch 01, 2008\nPaul Nesbit said.\nMore.\n",
    "spans": [
        {"start": 0, "end": 6, "label": "ORG", "syntactic_type": "NAM", "entity": "Boeing"},
        {"start": 16, "end": 34, "label": "ORG", "syntactic_type": "NAM", "entity": "EADS"},
        {"start": 16, "end": 22, "label": "ORG", "syntactic_type": "NAM", "entity": "Airbus"},
        {"start": 30, "end": 34, "label": "ORG", "syntactic_type": "NAM", "entity": "EADS"},
        {"start": 0, "end": 6, "label": "ORG", "syntactic_type": "PRO", "entity": "Boeing"},
        {"start": 35, "end": 49, "label": "TIMEX3:DATE", "value": "2008-03-01"},
        {"start": 50, "end": 61, "label": "PER", "syntactic_type": "NAM", "entity": "Nesbit"},
        {"start": 40, "end": 42, "label": "VALUE:QUANTITY"},
    ],
}


def test_meantime_gold_mapping_named_only_nested_optional_and_limit() -> None:
    art = gold_article(MEANTIME_LIKE)
    orgs = art.mentions["organizations"]
    assert [(g.start, g.end, g.optional) for g in orgs] == [
        (0, 6, False),
        (16, 34, True),
        (16, 22, False),
        (30, 34, False),
    ]
    assert [(g.start, g.entity) for g in art.mentions["people"]] == [(50, "Nesbit")]
    assert art.mentions["dates"][0].value == "2008-03-01"
    assert len(art.mentions["figures"]) == 1
    # The last gold span ends on line 3: nothing after that line is scored.
    assert art.text[: art.limit].endswith("Paul Nesbit said.")
    pred = Prediction(entities={"people": [[m(50, 61)], [m(69, 73)]]})
    assert score_article(art, pred, ["people"])["people"]["mention"] == Counts(1, 0, 0)


def test_gum_gold_mapping_uses_has_propn_and_eid() -> None:
    art = gold_article(
        {
            "text": "Donald Trump met the team. Trump left.",
            "dct": "2017-07-18",
            "spans": [
                {"start": 0, "end": 12, "label": "person", "has_propn": True, "eid": "22"},
                {"start": 17, "end": 25, "label": "person", "has_propn": False, "eid": "3"},
                {"start": 27, "end": 32, "label": "person", "has_propn": True, "eid": "22"},
                {"start": 33, "end": 37, "label": "DATE", "value": "2017"},
            ],
        }
    )
    assert [(g.start, g.entity) for g in art.mentions["people"]] == [(0, "22"), (27, "22")]
    assert art.limit is None  # GUM annotates whole articles
    assert art.mentions["dates"][0].kind == "date"


def test_iso_date_accepts_the_odd_meantime_dct() -> None:
    assert iso_date("2008-03-01") == "2008-03-01"
    assert iso_date("03-02-2009") == "2009-02-03"
    assert iso_date(None) is None
    assert iso_date("sometime") is None


def test_category_absent_from_the_file_is_not_scored() -> None:
    art = gold_article(MEANTIME_LIKE)
    art.mentions["figures"] = []
    scores = evaluate([art], lambda a: Prediction(facts={"figures": [m(0, 3)]}))
    assert "figures" not in scores
    assert scores["people"]["mention"] == Counts(0, 0, 1)


def test_main_reports_unreadable_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main([str(bad)]) == 2
    assert "cannot read" in capsys.readouterr().err


# --------------------------------------------------------------------------- real pipeline


def _gold_path(name: str) -> Path:
    path = EVAL / name
    if not path.exists():
        pytest.skip(f"gold file {path} is absent (it lives outside the repository)")
    return path


def _first_articles(name: str, n: int, tmp_path: Path) -> Path:
    lines = _gold_path(name).read_text(encoding="utf-8").splitlines()[:n]
    out = tmp_path / name
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("name", "which"), [("meantime-dev.jsonl", slice(0, 5)), ("gum-news-dev.jsonl", slice(1, 2))]
)
def test_real_pipeline_on_gold_articles(nlp, name: str, which: slice) -> None:
    """A few real articles: the bare model alone finds about 0.8 of the people there."""
    from extractor.evaluate import our_system

    articles = read_gold(_gold_path(name))[which]
    scores = evaluate(articles, our_system(nlp))
    for levels in scores.values():
        for counts in levels.values():
            for value in (counts.precision, counts.recall, counts.f1):
                assert 0.0 <= value <= 1.0
    assert scores["people"]["mention"].recall > 0.5
    assert scores["people"]["entity"].recall > 0.5


def test_cli_json_output(nlp, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    gold = _first_articles("gum-news-dev.jsonl", 1, tmp_path)
    assert main([str(gold), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    ours = result[str(gold)]["ours"]
    # No figures in GUM; its named places carry identities, so linking is scored.
    assert set(ours) == {"people", "organizations", "places", "dates", "place_links"}
    links = ours["place_links"]
    assert links["gold"] >= links["found"] >= links["linked"] >= links["named"]
    assert 0.0 <= ours["people"]["entity"]["f1"] <= 1.0


# --------------------------------------------------------------------------- place links


def test_identity_names_take_the_title_before_comma_or_parenthesis() -> None:
    assert identity_names("Durham%2C_England") == "durham"
    assert identity_names("Georgia_(country)") == "georgia"
    assert identity_names("M%C3%A9rida%2C_Yucat%C3%A1n") == "merida"


def test_gum_gold_keeps_named_place_identities() -> None:
    art = gold_article(
        {
            "text": "We drove to Lyon and the city.",
            "spans": [
                {
                    "start": 12,
                    "end": 16,
                    "label": "place",
                    "has_propn": True,
                    "eid": "1",
                    "identity": "Lyon",
                },
                {
                    "start": 21,
                    "end": 29,
                    "label": "place",
                    "has_propn": False,
                    "eid": "1",
                    "identity": "Lyon",
                },
            ],
        }
    )
    assert [(g.start, g.value) for g in art.identities] == [(12, "Lyon")]


def _link(
    start: int, end: int, *names: str, linked: bool = True, cc: str | None = None
) -> PlaceLink:
    return PlaceLink((Mention(start, end),), names, linked, cc)


def test_score_links_counts_found_linked_named_and_country() -> None:
    gold = [
        Mention(0, 5, value="Lyon"),  # found, linked, named, right country
        Mention(10, 15, value="Persia"),  # found, linked, named by an alias
        Mention(20, 25, value="Faaborg"),  # found, not linked
        Mention(30, 35, value="Nowhere"),  # not found
        Mention(40, 45, value="Paris%2C_Texas"),  # linked, named, wrong country
    ]
    places = [
        _link(0, 5, "Lyon", cc="FR"),
        _link(10, 15, "Iran", "Persia", cc="IR"),
        _link(20, 25, "Faaborg", linked=False),
        _link(40, 45, "Paris", cc="FR"),
    ]
    countries = {"Lyon": "FR", "Paris%2C_Texas": "US"}
    c = score_links(gold, places, countries.get)
    assert (c.gold, c.found, c.linked, c.named) == (5, 4, 3, 3)
    assert (c.country_known, c.country_right) == (2, 1)


def test_score_links_lists_each_place_that_stopped_short() -> None:
    text = "Lyon, Faaborg, Persia and Paris."
    gold = [
        Mention(0, 4, value="Lyon"),
        Mention(6, 13, value="Faaborg"),
        Mention(15, 21, value="Persia"),
        Mention(26, 31, value="Paris%2C_Texas"),
    ]
    places = [
        _link(0, 4, "Lyon", cc="FR"),
        _link(6, 13, "Faaborg", linked=False),
        _link(15, 21, "Iran", cc="IR"),
        _link(26, 31, "Paris", cc="FR"),
    ]
    errors: list[tuple[str, str, str]] = []
    score_links(gold, places, {"Paris%2C_Texas": "US"}.get, text=text, errors=errors)
    assert errors == [
        ("place_links", "UNLINKED", "Faaborg = Faaborg"),
        ("place_links", "NAMED", "Persia = Persia / ours: Iran"),
        ("place_links", "COUNTRY", "Paris = Paris, Texas / ours: Paris (FR)"),
    ]


def test_score_links_compares_the_first_overlapping_place_entity() -> None:
    gold = [Mention(0, 20, value="Cape_Canaveral")]
    places = [_link(15, 20, "Florida", cc="US"), _link(0, 14, "Cape Canaveral", cc="US")]
    c = score_links(gold, places, lambda _: None)
    assert (c.found, c.linked, c.named) == (1, 1, 1)


def test_place_links_survive_clipping_and_dropped_date_kinds() -> None:
    pred = Prediction(places=[_link(0, 5, "Lyon")])
    assert drop_kinds(pred, {"set"}).places == pred.places
    assert clip(pred, 100).places == pred.places


def _gold_value(text: str, value: str) -> str | None:
    article = gold_article(
        {
            "text": text,
            "dct": "2011-01-01",
            "spans": [
                {"start": 0, "end": len(text), "label": "DATE", "value": value, "text": text}
            ],
        }
    )
    return article.mentions["dates"][0].value


@pytest.mark.parametrize(
    ("text", "gold", "ours"),
    [
        ("the summer of 2010", "2010-06/2010-09", "2010-SU"),
        ("the winter of 1776-77", "1776-12/1777-03", "1776-WI"),
        ("winters", "--12/--03", "XXXX-WI"),
    ],
)
def test_gum_month_pair_season_is_the_season(text: str, gold: str, ours: str) -> None:
    assert timex_equal(_gold_value(text, gold), ours)


def test_month_pair_that_names_no_season_stays_four_months() -> None:
    value = _gold_value("from June to September 2010", "2010-06/2010-09")
    assert not timex_equal(value, "2010-SU")
    assert timex_equal(value, "2010-06-01/2010-09-30")


def test_a_usage_error_is_one_line_exit_2(capsys: pytest.CaptureFixture) -> None:
    assert main(["--bogus", "gold.jsonl"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("extract-evaluate: No such option: --bogus")
    assert len(err.strip().splitlines()) == 1


def test_help_names_every_option(capsys: pytest.CaptureFixture) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--baseline", "--model", "--json", "--errors", "--partial", "--no-partial"):
        assert option in out
