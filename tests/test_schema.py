"""The published contract: docs/schema.json is what the code generates, `extract --schema`
prints it, and every kind of output the CLI writes follows it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from typer.testing import CliRunner

from extractor.cli import app
from extractor.schema import SCHEMA_VERSION, schema_text
from extractor.write import Format, to_text

from .conftest import ROOT, SAMPLES, SCHEMA, schema_problems

runner = CliRunner()
HTML = sorted((ROOT / "tests" / "data").glob("*.html"))


def test_the_committed_schema_is_the_generated_one():
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "docs/schema.json is out of date: extract --schema > docs/schema.json "
        "(and bump SCHEMA_VERSION in schema.py if a field changed meaning or went away)"
    )


def test_extract_schema_prints_it_for_json_tool():
    extract = subprocess.run(
        [sys.executable, "-m", "extractor", "--schema"], capture_output=True, check=True
    )
    tool = subprocess.run(
        [sys.executable, "-m", "json.tool"], input=extract.stdout, capture_output=True
    )
    assert tool.returncode == 0, tool.stderr
    assert extract.stdout.decode("utf-8") == schema_text() and extract.stderr == b""
    assert json.loads(extract.stdout)["$defs"]["Record"]["properties"]["schema_version"]


def test_the_schema_refuses_what_the_contract_forbids():
    good = json.loads(runner.invoke(app, [str(SAMPLES / "ford-cutting-30000-jobs.txt")]).stdout)
    assert schema_problems(good) == []
    mention = good["people"][0]["mentions"][0]
    bad = [
        {key: value for key, value in good.items() if key != "schema_version"},
        {**good, "published": "27/07/2016"},
        {**good, "people": [{**good["people"][0], "mentions": [{**mention, "start": -1}]}]},
        {**good, "places": [{"name": "Paris"}]},
        {"schema_version": SCHEMA_VERSION, "source": "a.txt"},  # neither record nor error
    ]
    for record in bad:
        assert schema_problems(record), record
    # Keys the schema does not list: refused for our own records, allowed by the
    # published schema (a newer minor version may add some).
    assert schema_problems({**good, "new_key": 1})
    assert schema_problems({**good, "new_key": 1}, strict=False) == []


def test_the_suite_wide_check_sees_what_is_written(written_records_follow_the_schema):
    problems = written_records_follow_the_schema
    to_text({"schema_version": SCHEMA_VERSION, "source": "a.txt", "error": "x"}, Format.jsonl)
    assert problems == []
    to_text({"source": "a.txt", "title": None}, Format.jsonl)
    assert problems  # conftest's hook caught it...
    problems.clear()  # ...and this test made it on purpose


def test_every_kind_of_output_follows_the_schema(tmp_path):
    """Samples, HTML and JSON inputs, error records; JSON Lines, --output-dir, CSV's
    error file; one article on stdout: every record read back from what was written."""
    articles = tmp_path / "in"
    articles.mkdir()
    for path in [*SAMPLES.glob("*.txt"), *HTML]:
        shutil.copy(path, articles / path.name)
    text = (SAMPLES / "russia-tajikistan-border.txt").read_text(encoding="utf-8")
    feed = [
        json.dumps({"id": 1, "title": "Border", "date": "2016-07-27", "author": ["A B"],
                    "url": "https://news.example/1", "text": text}),
        "{broken",
        json.dumps({"id": 2, "body": "no text field"}),
    ]  # fmt: skip
    (articles / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    (articles / "array.json").write_text(json.dumps([{"text": text}, {"text": 5}]))
    missing = str(tmp_path / "missing.txt")

    written: list[dict] = []
    jsonl = tmp_path / "out.jsonl"
    result = runner.invoke(app, [str(articles), missing, "-j", "2", "-q", "-o", str(jsonl)])
    assert result.exit_code == 1, result.output
    written += [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    folder = tmp_path / "out"
    arguments = [str(articles), missing, "-j", "2", "-q", "--show-text", "--output-dir"]
    result = runner.invoke(app, [*arguments, str(folder)])
    assert result.exit_code == 1, result.output
    for path in sorted(folder.rglob("*.json")):
        written.append(json.loads(path.read_text(encoding="utf-8")))
    errors = (folder / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    written += [json.loads(line) for line in errors]
    for path in (SAMPLES / "uk-asylum-questionnaire.txt", HTML[0]):
        result = runner.invoke(app, [str(path), "--only", "people,dates"])
        assert result.exit_code == 0, result.output
        written.append(json.loads(result.stdout))

    kinds = {"record" if "error" not in r else "error" for r in written}
    assert kinds == {"record", "error"}
    assert any("text" in r for r in written) and any(r["authors"] for r in written if "title" in r)
    assert len(written) > 2 * len(list(articles.iterdir()))
    for record in written:
        assert record["schema_version"] == SCHEMA_VERSION
        assert schema_problems(record) == []
