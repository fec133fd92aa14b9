"""Fuzzing the readers and extract_text: any input gives an Article or an InputError.

Random bytes and text, in every format the reader tells apart, from a file and from
stdin. Whatever comes in, the result is an Article whose text obeys the reader's
contract, or an InputError with a one-line message: never another exception, a hang or
a traceback. Examples are few and small so the suite stays fast; a fixed seed per run
is not used, so each run tries new inputs (hypothesis replays any failure it found).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.options import ExtractOptions
from extractor.readers import Article, InputError, clean_text, read_articles

from .conftest import TAJIK, extract_dict

MAX_CHARS = 5_000
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SUFFIXES = (".txt", ".html", ".json", ".jsonl", "")

# Pieces real inputs are made of, so random inputs reach past the first check.
FRAGMENTS = st.sampled_from(
    [
        b"<!DOCTYPE html>", b"<html>", b"<p>", b"</p>", b"<article>", b"<script>", b"<meta ",
        b'charset="utf-8">', b'charset="x-unknown">', b"{", b"}", b"[", b"]", b'"text": ',
        b'"id": ', b",", b"\n", b"\r\n", b"\r", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
        b"\xfe\xff", b"\x92", b"\xc3\xa9", b"\xe2\x80\x99", b"\xc3\x83\xc2\xa9", b"\xa0",
        b"\xe2\x80\x8b", b"Sergei Ivanov said on Tuesday that Tajikistan was safe. ",
        b"1e999999", b"9" * 50, b"\\u00e9", b"\\ud800", b"<!--", b"-->", b"\t",
    ]
)  # fmt: skip
CRAFTED = st.lists(st.one_of(FRAGMENTS, st.binary(max_size=20)), max_size=30).map(b"".join)
ANY_BYTES = st.one_of(st.binary(max_size=2_000), CRAFTED)
# JSON strings may hold lone surrogates ("\ud800"), which Python strings keep.
JSON_TEXT = st.text(st.characters() | st.characters(categories=["Cs"]), max_size=50)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=15,
)
ARTICLE_OBJECTS = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=300), JSON_TEXT, JSON_VALUES)},
    optional={
        "id": JSON_VALUES,
        "url": JSON_VALUES,
        "title": JSON_VALUES,
        "published": JSON_VALUES,
        "author": JSON_VALUES,
        "site": JSON_VALUES,
    },
)


def check(items: list[Article | InputError]) -> None:
    """The reader's contract for whatever it returned."""
    for item in items:
        if isinstance(item, InputError):
            message = str(item)
            assert message and "\n" not in message and message.isprintable(), message
            message.encode("utf-8")  # printable on any UTF-8 terminal
            continue
        assert isinstance(item, Article)
        assert len(item.text) <= MAX_CHARS
        assert "\r" not in item.text
        assert "\u00a0" not in item.text and "\u200b" not in item.text
        # No lone surrogates anywhere: the record can be written as UTF-8 JSON.
        for value in (item.text, item.source, item.title, item.site, item.url, *item.authors):
            (value or "").encode("utf-8")


def read_file(data: bytes, suffix: str) -> list[Article | InputError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_articles(path, ExtractOptions(max_chars=MAX_CHARS)))


@FAST
@given(data=ANY_BYTES, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_file(data, suffix):
    check(read_file(data, suffix))


@FAST
@given(data=ANY_BYTES)
def test_any_bytes_on_stdin(data):
    check(list(read_articles("-", ExtractOptions(max_chars=MAX_CHARS), stdin=io.BytesIO(data))))


@FAST
@given(text=st.text(max_size=1_000), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_text_in_any_encoding(text, encoding):
    data = text.encode(encoding, errors="replace")
    check(read_file(data, ".txt"))
    check(read_file(b"<html><body><p>" + data + b"</p></body></html>", ".html"))


@FAST
@given(objects=st.lists(st.one_of(ARTICLE_OBJECTS, JSON_VALUES), max_size=5))
def test_any_json_lines(objects):
    lines = "\n".join(json.dumps(o) for o in objects).encode("utf-8")
    items = read_file(lines, ".jsonl")
    check(items)
    check(read_file(json.dumps(objects).encode("utf-8"), ".json"))
    check(list(read_articles("-", ExtractOptions(max_chars=MAX_CHARS), stdin=io.BytesIO(lines))))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_clean_text_leaves_no_odd_spaces_or_line_ends(text):
    cleaned, fixes = clean_text(text)
    assert not set(cleaned) & set("\r\u00a0\u202f\u200b\u2060\ufeff\u2028\u2029")
    assert bool(fixes) == (cleaned != text.replace("\r\n", "\n").replace("\r", "\n"))


# Words as articles write them: accents, curly quotes on words, currencies, dashes. (ftfy
# may read a lone "”£" between spaces as mojibake; prose does not have those.)
WORDS = (
    "the minister said Gérald Darmanin Zürich São Paulo Kraków naïve café déjà-vu façade "
    "“We’ll ‘maybe’ don’t” cost £5 €30 ¥200 $7 — – … 2016–17 50% ½ 3×4 1,000 Ivanov, Tajik."
).split()
PROSE = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", "\n", ", ", ". "])),
    max_size=80,
).map(lambda pairs: "".join(w + sep for w, sep in pairs))


@settings(max_examples=200, deadline=None)
@given(text=PROSE)
def test_clean_text_leaves_prose_alone(text):
    assert clean_text(text) == (text, ())


@settings(max_examples=25, deadline=None)
@given(data=st.one_of(ANY_BYTES, st.text(max_size=400).map(lambda t: t.encode("utf-8"))))
def test_extract_on_whatever_the_reader_accepts(nlp, data):
    """Random input end to end: a record whose offsets index the analysed text."""
    # A real article around the noise, so the pipeline has entities to find in it.
    data = TAJIK.read_bytes()[:1_500] + data
    for item in read_articles("-", ExtractOptions(max_chars=MAX_CHARS), stdin=io.BytesIO(data)):
        if isinstance(item, InputError):
            continue
        record = extract_dict(item.text, nlp=nlp, source=item.source, meta=item.meta())
        json.dumps(record, ensure_ascii=False).encode("utf-8")
        for category in ("people", "organizations", "places", "groups"):
            for entity in record[category]:
                for m in entity["mentions"]:
                    assert item.text[m["start"] : m["end"]] == m["text"]
        for category in ("figures", "dates"):
            for fact in record[category]:
                assert item.text[fact["start"] : fact["end"]] == fact["text"]


def test_fuzz_inputs_do_not_leak_files():
    # The helpers above use their own temporary folders; nothing is left in the cwd.
    assert not any(name.startswith("input") for name in os.listdir("."))


def test_short_atheris_run(tmp_path):
    """A few hundred coverage-guided mutations of real pages and a feed (tests/fuzz_read.py)."""
    pytest.importorskip("atheris")
    data = Path(__file__).resolve().parent / "data"
    corpus = tmp_path / "corpus"  # libFuzzer adds the inputs it finds here
    corpus.mkdir()
    for page in data.glob("*.html"):
        (corpus / page.name).write_bytes(page.read_bytes())
    (corpus / "feed.jsonl").write_text('{"id": 1, "text": "Hello."}\n{"text": 2}\n')
    run = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("fuzz_read.py")), "-runs=600",
         "-max_len=4096", str(corpus)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Done 600 runs" in run.stderr
