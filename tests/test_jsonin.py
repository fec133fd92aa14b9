"""JSON and JSON Lines input: fields, sources, and every way a feed can be broken."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from extractor.labels import CATEGORIES
from extractor.options import ExtractOptions
from extractor.readers import Article, InputError, read_article, read_articles

from .conftest import SAMPLES, TAJIK, extract_dict

FORD = SAMPLES / "ford-cutting-30000-jobs.txt"
UK = SAMPLES / "uk-asylum-questionnaire.txt"


def sample(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def write_lines(path: Path, *values: object, raw: list[str] | None = None) -> Path:
    lines = [json.dumps(v) for v in values] + (raw or [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def messages(items) -> list[str]:
    return [str(i) for i in items if isinstance(i, InputError)]


def test_json_object_with_metadata(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(
        json.dumps(
            {
                "id": "tajik-1",
                "url": "https://news.example/army-steps-up-watch",
                "title": "Army Steps Up Watch Of Tajikistan Border",
                "published": "2016-07-27T08:15:00Z",
                "author": [{"name": "Jane Doe"}, "John Roe"],
                "site": {"name": "Example News"},
                "text": sample(TAJIK),
            }
        ),
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.text == sample(TAJIK)
    assert article.source == f"{path}#tajik-1"
    assert article.source_id == "tajik-1"
    assert article.title == "Army Steps Up Watch Of Tajikistan Border"
    assert article.published == "2016-07-27"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.site == "Example News"
    assert article.url == "https://news.example/army-steps-up-watch"
    assert article.format == "json"


def test_json_object_without_id_is_named_by_its_path(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(json.dumps({"text": "Hello.", "url": "https://news.example/a"}))
    article = read_article(path)
    assert article.source == str(path)
    assert article.url == "https://news.example/a"


def test_json_lines_sources_id_then_url_then_line(tmp_path):
    feed = write_lines(
        tmp_path / "feed.jsonl",
        {"id": 17, "text": sample(TAJIK), "pubDate": "Wed, 27 Jul 2016 10:00:00 GMT"},
        {"url": "https://news.example/ford", "text": sample(FORD)},
        {"text": sample(UK), "date": "sometime last week"},
        raw=["", "   "],
    )
    articles = list(read_articles(feed))
    assert all(isinstance(a, Article) for a in articles)
    assert [a.source for a in articles] == [
        f"{feed}#17",
        "https://news.example/ford",
        f"{feed}:3",
    ]
    assert [a.text for a in articles] == [sample(TAJIK), sample(FORD), sample(UK)]
    assert [a.published for a in articles] == ["2016-07-27", None, None]


def test_bad_lines_are_errors_in_their_place_and_reading_goes_on(tmp_path):
    feed = write_lines(
        tmp_path / "feed.jsonl",
        {"id": "a", "text": "First article."},
        raw=[
            '{"id": "b", "text": "unterminated',
            '{"id": "c", "body": "no text field"}',
            '{"id": "d", "text": ["a", "list"]}',
            '"just a string"',
            "[" * 100_000,
            '{"id": "e", "text": "x", "n": ' + "9" * 5000 + "}",
            json.dumps({"id": "f", "text": "Last article."}),
        ],
    )
    items = list(read_articles(feed))
    assert [i.source for i in items if isinstance(i, Article)] == [f"{feed}#a", f"{feed}#f"]
    assert messages(items) == [
        f"{feed}:2: invalid JSON: unterminated string starting at column 21",
        f"{feed}:3: no 'text' field (its fields: id, body; choose one with --text-field)",
        f"{feed}:4: 'text' is a JSON array, expected a string",
        f"{feed}:5: a JSON string, expected an object with a 'text' field",
        f"{feed}:6: invalid JSON: nested too deeply",
        f"{feed}:7: invalid JSON: a number too long to read",
    ]
    assert all("\n" not in m for m in messages(items))


def test_text_field_names_another_field_or_a_path(tmp_path):
    feed = write_lines(
        tmp_path / "feed.jsonl",
        {"id": 1, "body": "In the body."},
        {"id": 2, "content": {"text": "Nested."}},
    )
    assert next(read_articles(feed, ExtractOptions(text_field="body"))).text == "In the body."
    items = list(read_articles(feed, ExtractOptions(text_field="content.text")))
    assert items[1].text == "Nested."
    assert messages(items[:1]) == [
        f"{feed}:1: no 'content.text' field (its fields: id, body; choose one with --text-field)"
    ]


def test_json_array_of_articles(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([{"id": "x", "text": "One."}, {"text": "Two."}, 3]))
    items = list(read_articles(path))
    assert [i.source for i in items] == [f"{path}#x", f"{path}[1]", f"{path}[2]"]
    assert str(items[2]) == f"{path}[2]: a JSON number, expected an object with a 'text' field"


def test_json_lines_saved_as_json_are_read_as_lines(tmp_path):
    path = write_lines(tmp_path / "feed.json", {"text": "One."}, {"text": "Two."})
    assert [a.text for a in read_articles(path)] == ["One.", "Two."]


def test_read_article_refuses_a_feed_of_several(tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", {"text": "One."}, {"text": "Two."})
    with pytest.raises(InputError, match="holds more than one article"):
        read_article(path)
    one = write_lines(tmp_path / "one.jsonl", {"text": "Only."})
    assert read_article(one).text == "Only."
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    assert list(read_articles(empty)) == []
    with pytest.raises(InputError, match="no article in it"):
        read_article(empty)


def test_malformed_and_deep_json_documents(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "x",\n "title": }')
    assert str(read_article_error(bad)) == (
        f"{bad}: invalid JSON: expecting value at line 2 column 11"
    )
    deep = tmp_path / "deep.json"
    deep.write_text('{"text": "x", "a": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}")
    assert str(read_article_error(deep)) == f"{deep}: invalid JSON: nested too deeply"


def read_article_error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_article(path)
    return caught.value


def test_ten_megabyte_line_is_refused_and_the_next_is_read(tmp_path):
    feed = write_lines(
        tmp_path / "feed.jsonl", {"id": "big", "text": "word " * (2 * 2**20)}, {"text": "Next."}
    )
    items = list(read_articles(feed))
    assert messages(items) == [
        f"{feed}:1: 10,485,760 characters, over the limit of 1,000,000 characters "
        "(raise it with --max-chars)"
    ]
    assert items[1].text == "Next."


def test_line_over_the_byte_limit_is_skipped(tmp_path):
    feed = write_lines(tmp_path / "feed.jsonl", {"text": "x" * 20_000_000}, {"text": "Next."})
    items = list(read_articles(feed, ExtractOptions(max_chars=100)))
    assert messages(items) == [
        f"{feed}:1: line longer than 16,777,216 bytes, the limit for 100 characters of text "
        "(raise it with --max-chars)"
    ]
    assert items[1].text == "Next."


def test_text_file_named_jsonl_stops_early(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text(sample(TAJIK) * 5, encoding="utf-8")
    items = list(read_articles(path))
    assert len(items) == 21
    assert str(items[-1]) == (
        f"{path}: stopped reading: its first 20 lines are not JSON (is it JSON Lines?)"
    )


def test_binary_jsonl_is_one_error(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_bytes(bytes(range(256)) * 100)
    assert messages(read_articles(path)) == [f"{path}: looks like a binary file, not text"]


def test_encodings_of_json_lines(tmp_path):
    text = sample(UK)
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes(
        (json.dumps({"text": text}) + "\n" + json.dumps({"text": "Two."})).encode("utf-16")
    )
    assert [a.text for a in read_articles(utf16)] == [text, "Two."]
    # Windows-1252, not escaped: curly quotes and "é" as single bytes.
    latin = tmp_path / "cp1252.jsonl"
    line = json.dumps({"text": "“Gérald Darmanin” said."}, ensure_ascii=False)
    latin.write_bytes(line.encode("cp1252") + b"\n")
    (article,) = read_articles(latin)
    assert article.text == "“Gérald Darmanin” said."
    assert article.encoding == "cp1252"


def test_lone_surrogates_and_odd_spaces_in_fields_are_cleaned(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a\\ud800", "title": "Border\\u00a0watch\\n", "author": "X\\udfff",'
        ' "text": "Hello \\ud800 world."}\n'
    )
    (article,) = read_articles(feed)
    assert article.text == "Hello \ufffd world."
    assert "replaced lone surrogates" in article.fixes or "repaired mojibake" in article.fixes
    assert (article.source, article.title, article.authors) == (
        f"{feed}#a\ufffd",
        "Border watch",
        ("X\ufffd",),
    )


def test_html_in_the_text_field_is_extracted(tmp_path):
    paragraphs = [p for p in sample(FORD).split("\n")[2:] if p.strip()]
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/autos'>Autos</a></nav><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><footer>© Example Media Group</footer></body></html>"
    )
    feed = write_lines(
        tmp_path / "feed.jsonl",
        {"id": "ford", "title": "Ford Motor Company cutting 30,000 jobs by 2012", "text": html},
    )
    (article,) = read_articles(feed)
    assert article.format == "html"
    assert article.title == "Ford Motor Company cutting 30,000 jobs by 2012"
    assert article.text.startswith("Ford Motor Company cutting 30,000 jobs by 2012\nThe Ford")
    assert "Example Media Group" not in article.text
    assert "Home" not in article.text


def test_stdin_json_lines_and_pretty_json():
    lines = b'{"id": 1, "text": "One."}\n{"id": 2, "text": "Two."}\n'
    items = list(read_articles("-", stdin=io.BytesIO(lines)))
    assert [(a.source, a.text) for a in items] == [("<stdin>#1", "One."), ("<stdin>#2", "Two.")]
    pretty = json.dumps({"id": 3, "text": "Three."}, indent=2).encode()
    (article,) = read_articles("-", stdin=io.BytesIO(pretty))
    assert (article.source, article.text) == ("<stdin>#3", "Three.")


# --- the record: metadata from the container fills it ---------------------------------


def test_record_gets_metadata_and_the_analysed_text(nlp, tmp_path):
    path = tmp_path / "article.json"
    body = sample(TAJIK).split("Army Steps Up Watch Of Tajikistan Border", 1)[1].lstrip()
    path.write_text(
        json.dumps(
            {
                "id": "t1",
                "title": "Russia reinforces the Tajik border",
                "published": "2016-07-27",
                "authors": ["Jane Doe"],
                "url": "https://news.example/t1",
                # Non-breaking spaces and a zero-width space the reader cleans first.
                "text": body.replace("Sergei Ivanov", "Sergei\u00a0Iva\u200bnov"),
            }
        )
    )
    article = read_article(path)
    record = extract_dict(
        article.text, nlp=nlp, source=article.source, meta=article.meta(), show_text=True
    )
    assert list(record) == [
        "schema_version", "source", "title", "published", "authors", "site", "url",
        *CATEGORIES, "text",
    ]  # fmt: skip
    assert record["source"] == f"{path}#t1"
    assert record["title"] == "Russia reinforces the Tajik border"
    assert record["published"] == "2016-07-27"
    assert record["authors"] == ["Jane Doe"]
    assert record["site"] is None
    assert record["url"] == "https://news.example/t1"
    assert record["text"] == article.text
    ivanov = next(p for p in record["people"] if p["name"] == "Sergei Ivanov")
    for mention in ivanov["mentions"]:
        assert record["text"][mention["start"] : mention["end"]] == mention["text"]


def test_date_option_beats_metadata_beats_first_lines(nlp):
    text = sample(TAJIK)  # its "Last Updated" line says 2016-07-27
    assert extract_dict(text, nlp=nlp)["published"] == "2016-07-27"
    meta = {"published": "2016-07-28"}
    assert extract_dict(text, nlp=nlp, meta=meta)["published"] == "2016-07-28"
    assert extract_dict(text, nlp=nlp, meta=meta, date="2016-07-29")["published"] == "2016-07-29"


def test_without_metadata_the_record_has_the_same_keys_all_null(nlp):
    record = extract_dict("Sergei Ivanov visited Dushanbe.", nlp=nlp)
    assert list(record) == [
        "schema_version",
        "source",
        "title",
        "published",
        "authors",
        "site",
        "url",
        *CATEGORIES,
    ]
    assert record["authors"] is record["site"] is record["url"] is None


def test_a_plain_texts_byline_gives_the_authors_and_a_containers_authors_win(nlp):
    text = "Aide sentenced\nBy Jane Doe and John Roe, Staff Writers\nA former aide was jailed."
    assert extract_dict(text, nlp=nlp)["authors"] == ["Jane Doe", "John Roe"]
    meta = {"authors": ["Ann Lee"]}
    assert extract_dict(text, nlp=nlp, meta=meta)["authors"] == ["Ann Lee"]
    # A byline that names no one gives no authors.
    text = "Aide sentenced\nBy Staff Reports\nA former aide was jailed."
    assert extract_dict(text, nlp=nlp)["authors"] is None
