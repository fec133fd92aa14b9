"""write.py on real records: plain JSON when not a terminal, colour when it is, tables."""

from __future__ import annotations

import io
import json
import re

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from extractor.api import extract_text
from extractor.labels import CATEGORIES
from extractor.schema import Record
from extractor.write import Format, select, to_text, write_record

from .conftest import SAMPLES

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def typed(nlp) -> Record:
    # The UK article: non-ASCII names ("Gérald Darmanin") and lines longer than a terminal.
    path = SAMPLES / "uk-asylum-questionnaire.txt"
    return extract_text(path.read_text(encoding="utf-8"), nlp=nlp, source=str(path))


@pytest.fixture(scope="module")
def record(typed):
    return typed.to_dict()


def console(*, terminal: bool, width: int = 80) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=width), buffer


def people(record) -> set[str]:
    return {person["name"] for person in record["people"]}


def test_json_is_indented_and_round_trips(typed, record):
    text = to_text(typed, Format.json)
    assert text.startswith('{\n  "schema_version": "1.0.0",\n  "source": ')
    assert to_text(record, Format.json) == text  # the typed record or its dict: same bytes
    assert json.loads(text) == record
    assert msgspec.json.decode(text, type=Record) == typed
    assert "Gérald" in text  # not \u00e9: readable, and UTF-8 on the way out


@pytest.mark.parametrize(("fmt", "compact"), [(Format.json, True), (Format.jsonl, False)])
def test_compact_and_jsonl_are_one_line(record, fmt, compact):
    text = to_text(record, fmt, compact=compact)
    assert text.count("\n") == 1 and text.endswith("\n")
    assert json.loads(text) == record


def test_table_is_not_a_file_format(record):
    with pytest.raises(ValueError, match="json or jsonl"):
        to_text(record, Format.table)


def test_select_keeps_metadata_and_chosen_categories(record):
    chosen = select(record, ["places", "people"])
    assert list(chosen)[-2:] == ["people", "places"]
    assert {"source", "title", "published"} <= set(chosen)
    assert chosen["people"] == record["people"]
    assert select(record, None) == record


@pytest.mark.parametrize(
    ("fmt", "compact"), [(Format.json, False), (Format.json, True), (Format.jsonl, False)]
)
def test_not_a_terminal_gets_exactly_the_plain_text(record, fmt, compact):
    # Rich would wrap at 80 columns and colour; a pipe must get the bytes of to_text.
    out, buffer = console(terminal=False, width=40)
    write_record(record, out, fmt, compact=compact)
    assert buffer.getvalue() == to_text(record, fmt, compact=compact)


def test_plain_output_is_utf8_whatever_the_stream_encoding(record):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    write_record(record, Console(file=stream), Format.jsonl)
    assert json.loads(raw.getvalue().decode("utf-8")) == record


@pytest.mark.parametrize("compact", [False, True])
def test_terminal_gets_coloured_json_of_the_same_record(record, compact):
    out, buffer = console(terminal=True, width=300)
    write_record(record, out, Format.json, compact=compact)
    shown = buffer.getvalue()
    assert ANSI.search(shown)
    plain = ANSI.sub("", shown)
    assert json.loads(plain) == record
    assert (plain.strip().count("\n") == 0) == compact


def test_table_shows_names_per_category(record):
    out, buffer = console(terminal=False, width=120)
    write_record(record, out, Format.table)
    shown = buffer.getvalue()
    assert record["title"] in shown
    for category in ("people", "organizations", "places"):
        assert f"{category} ({len(record[category])})" in shown
        for entity in record[category]:
            assert entity["name"] in shown
    assert "Gérald Darmanin" in shown


def test_table_of_empty_and_left_out_categories(record):
    empty = {**select(record, ["people", "dates"]), "people": []}
    out, buffer = console(terminal=False)
    write_record(empty, out, Format.table)
    shown = buffer.getvalue()
    assert "people: none" in shown
    assert "dates (" in shown
    for category in set(CATEGORIES) - {"people", "dates"}:
        # Headings only: the source path may hold a category's word ("wt-places").
        assert f"{category}:" not in shown and f"{category} (" not in shown
    for name in people(record):
        assert name not in shown


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@pytest.mark.not_records
@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _JSON, max_size=6))
def test_indented_json_is_byte_for_byte_what_json_dumps_writes(value):
    # to_text re-indents the one-line form; the bytes must stay json.dumps's own.
    assert to_text(value, Format.json) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    assert to_text(value, Format.jsonl) == (
        json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
    )
