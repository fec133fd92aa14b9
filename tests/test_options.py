"""One options object: validated once, and the same for every reader and every path an
article can take (this process, the worker pool, a Dask graph)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from extractor.api import Extractor, extract_text
from extractor.options import DateOrder, ExtractOptions, OptionError
from extractor.readers import read_article
from extractor.schema import ErrorRecord, Record

BODY = "Sergei Ivanov visited Dushanbe on Monday to discuss the border with officials."
DMY = ExtractOptions(date_order=DateOrder.DMY)


@pytest.fixture
def inputs(tmp_path):
    """The same ambiguous date, 03/04/2016, as a JSON field, a feed line and a text line."""
    (tmp_path / "a.json").write_text(json.dumps({"date": "03/04/2016", "text": BODY}))
    (tmp_path / "b.jsonl").write_text(json.dumps({"pubDate": "03/04/2016", "text": BODY}))
    (tmp_path / "c.txt").write_text(f"Ivanov in Dushanbe\n03/04/2016\n\n{BODY}\n")
    return [tmp_path / name for name in ("a.json", "b.jsonl", "c.txt")]


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ({"date_order": "dmy"}, "date_order: 'dmy' is not one of MDY, DMY"),
        ({"date_order": "YMD"}, "date_order: 'YMD' is not one of MDY, DMY"),
        ({"date": "2016-13-01"}, "date: '2016-13-01' is not a date in the form YYYY-MM-DD"),
        ({"date": "20160727"}, "date: '20160727' is not a date"),
        ({"max_chars": 0}, "max_chars: 0 is not at least 1"),
        ({"text_field": ""}, "text_field: no field name given"),
    ],
)
def test_a_bad_option_is_refused_once_in_one_line(given, problem):
    with pytest.raises(OptionError, match=problem):
        ExtractOptions(**given)


def test_options_are_frozen_and_names_become_the_enum():
    options = ExtractOptions(date_order="DMY")
    assert options.date_order is DateOrder.DMY and options.day_first
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.max_chars = 5  # type: ignore[misc]
    with pytest.raises(OptionError):
        extract_text("Anything.", date_order="dmy")  # not silently read as MDY


def test_the_json_reader_gets_the_date_order(inputs):
    json_input = inputs[0]
    assert read_article(json_input).published == "2016-03-04"
    assert read_article(json_input, DMY).published == "2016-04-03"


def test_extractor_reads_an_article_with_its_source_and_metadata(nlp, inputs):
    extractor = Extractor(options=DMY, nlp=nlp)
    article = read_article(inputs[0], DMY)
    record = extractor.extract(article)
    assert isinstance(record, Record)
    assert record.source == str(inputs[0]) and record.published == "2016-04-03"
    assert record.authors is None and "Sergei Ivanov" in {p.name for p in record.people}
    as_text = extractor.extract(article.text, source="x.txt")
    assert as_text.source == "x.txt" and as_text.people == record.people


def test_the_worker_pool_gets_the_options(inputs, tmp_path):
    missing = tmp_path / "missing.txt"
    records = list(Extractor(options=DMY).extract_many([*inputs, missing], jobs=1))
    assert [r.published for r in records[:3]] == ["2016-04-03"] * 3
    assert records[3] == ErrorRecord(source=str(missing), error="no such file")


def test_a_dask_graph_gets_the_options(inputs):
    pytest.importorskip("distributed", reason="needs the dask extra")
    from extractor.cluster import extract_bag

    # The synchronous scheduler runs the graph here: the options cross the same path.
    records = extract_bag(inputs, options=DMY).compute(scheduler="synchronous")
    assert [r["published"] for r in records] == ["2016-04-03"] * 3
