"""Batch runs end to end: folders, patterns, lists of paths; JSONL, CSV, a folder of JSON;
bad files mixed with good ones; a worker killed mid-article; a run killed half-way and
resumed. Every good article must come out exactly once and right, every bad one as an
error record.

Each batch run starts worker processes that load the model (1-2 s), so runs are shared
through module-scoped fixtures and the corpus is small: copies of the sample articles.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import chunks, extract_many
from extractor.api import extract_text
from extractor.batch import ARTICLE_SUFFIXES, find_inputs
from extractor.cli import app
from extractor.labels import CATEGORIES, ENTITY_CATEGORIES, FACT_CATEGORIES
from extractor.options import ExtractOptions
from extractor.outputs import CSV_COLUMNS
from extractor.readers import read_article
from extractor.schema import SCHEMA_VERSION, ErrorRecord, Record

from .conftest import SAMPLES, TAJIK
from .test_read import latin1_text

runner = CliRunner()
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
COPIES = 4  # of each sample: 24 good articles, enough for a run to be stopped half-way
MAX_CHARS = "20000"  # the corpus's "very long" article is over it

# name in the corpus -> the error its record must give
BAD = {
    "binary.txt": "looks like a binary file",
    "broken-link.txt": "no such file",
    "very-long.txt": "over the limit of 20,000 characters",
}


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def by_source(records: list[dict]) -> dict[str, dict]:
    out = {record["source"]: record for record in records}
    assert len(out) == len(records), "an article came out twice"
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder of good articles and bad files, as people's folders are."""
    root = tmp_path_factory.mktemp("corpus") / "articles"
    for copy in range(COPIES):
        folder = root / f"batch-{copy}"
        folder.mkdir(parents=True)
        for sample in SAMPLE_FILES:
            shutil.copy(sample, folder / sample.name)
    (root / "empty.txt").write_bytes(b"")
    (root / "latin1.txt").write_bytes(latin1_text().encode("latin-1"))
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "very-long.txt").write_text(TAJIK.read_text(encoding="utf-8") * 7, encoding="utf-8")
    (root / "broken-link.txt").symlink_to(root / "nowhere.txt")
    (root / "named-like-an-article.txt").mkdir()  # a folder: walked, not read
    shutil.copy(TAJIK, root / "named-like-an-article.txt" / "inside.txt")
    (root / "notes.csv").write_text("not,an,article\n")  # not an article suffix: skipped
    (root / ".hidden.txt").write_text("Hidden files are skipped.\n")
    os.mkfifo(root / "pipe.txt")  # would block a reader for ever: skipped
    return root


@pytest.fixture(scope="module")
def expected(corpus, nlp) -> dict[str, dict]:
    """What the one-article library call gives for every good article of the corpus."""
    out = {}
    for path in corpus.rglob("*.txt"):
        name = str(path)
        if path.name in BAD or path.name.startswith(".") or path.is_dir() or path.is_fifo():
            continue
        out[name] = extract_text(read_article(path).text, nlp=nlp, source=name).to_dict()
    return out


@pytest.fixture(scope="module")
def two_jobs(corpus, tmp_path_factory):
    """The reference run: the folder, two workers, into a JSON Lines file."""
    output = tmp_path_factory.mktemp("two") / "results.jsonl"
    result = run(str(corpus), "-o", str(output), "--jobs", "2", "--max-chars", MAX_CHARS)
    return result, output


def test_every_good_article_once_and_right_every_bad_one_an_error(two_jobs, expected, corpus):
    result, output = two_jobs
    assert result.exit_code == 1, result.output  # some failed
    assert result.stdout == ""
    assert not Path(f"{output}.part").exists()
    records = by_source(jsonl(output.read_text(encoding="utf-8")))
    errors = {Path(s).name: r["error"] for s, r in records.items() if "error" in r}
    assert errors.keys() == BAD.keys()
    for name, message in BAD.items():
        assert message in errors[name]
        assert set(records[str(corpus / name)]) == {"schema_version", "source", "error"}
    good = {s: r for s, r in records.items() if "error" not in r}
    assert good == expected


def test_records_come_in_input_order_and_stderr_reports(two_jobs, corpus):
    result, output = two_jobs
    sources = [r["source"] for r in jsonl(output.read_text(encoding="utf-8"))]
    assert sources == [item.path for item in find_inputs([str(corpus)])]
    assert sources[0] == str(corpus / "batch-0" / SAMPLE_FILES[0].name)
    assert "Traceback" not in result.output
    failures = [line for line in result.stderr.splitlines() if line.startswith("extract: ")]
    assert len(failures) == len(BAD)
    summary = result.stderr.splitlines()[-1]
    assert f"{len(sources)} articles in" in summary
    assert "3 failed" in summary


def test_one_job_gives_the_same_records_as_two(two_jobs, corpus):
    result = run(str(corpus), "--jobs", "1", "--max-chars", MAX_CHARS, "--quiet")
    assert result.exit_code == 1, result.output
    assert result.stderr == ""  # --quiet
    # Default output: JSON Lines on stdout, identical to the file the two workers wrote.
    assert result.stdout == two_jobs[1].read_text(encoding="utf-8")


def test_folder_walk_takes_articles_only(corpus):
    problems: list[str] = []
    found = [Path(item.path) for item in find_inputs([str(corpus)], problems=problems)]
    names = {path.name for path in found}
    assert "inside.txt" in names  # inside the folder named like an article
    assert not names & {".hidden.txt", "notes.csv", "pipe.txt", "named-like-an-article.txt"}
    assert "broken-link.txt" in names  # reported when read, not silently skipped
    assert all(path.suffix in ARTICLE_SUFFIXES for path in found)
    assert problems == []


def test_our_own_output_inside_the_folder_is_not_read_back(tmp_path):
    shutil.copy(TAJIK, tmp_path / "a.txt")
    (tmp_path / "results.jsonl").write_text("{}\n")  # an earlier run's results
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.json").write_text("{}\n")
    skip = [tmp_path / "results.jsonl", tmp_path / "out"]
    for sources in ([str(tmp_path)], [str(tmp_path / "*")]):
        found = [Path(item.path).name for item in find_inputs(sources, skip=skip)]
        assert found == ["a.txt"]
    assert len(list(find_inputs([str(tmp_path)]))) == 3


def test_patterns_and_paths_are_expanded_once_in_order(corpus):
    pattern = str(corpus / "batch-*" / "russia-*.txt")
    problems: list[str] = []
    items = list(
        find_inputs(
            [pattern, str(corpus / "batch-0"), str(corpus / "none-*.txt")], problems=problems
        )
    )
    paths = [item.path for item in items]
    assert paths[:COPIES] == [str(corpus / f"batch-{i}" / TAJIK.name) for i in range(COPIES)]
    assert len(paths) == len(set(paths)) == COPIES + len(SAMPLE_FILES) - 1  # no repeat
    # Names for --output-dir are relative to the folder or the pattern's fixed part.
    assert items[0].relative == os.path.join("batch-0", TAJIK.name)
    assert items[COPIES].relative == SAMPLE_FILES[0].name
    assert problems == [f"{corpus / 'none-*.txt'}: no file matches this pattern"]


def test_csv_has_one_row_per_entity_and_fact(corpus, tmp_path, expected):
    output = tmp_path / "results.csv"
    result = run(str(corpus / "batch-0"), str(corpus / "binary.txt"), "-o", str(output))
    assert result.exit_code == 1, result.output
    with output.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert tuple(rows[0]) == CSV_COLUMNS
    for sample in SAMPLE_FILES:
        source = str(corpus / "batch-0" / sample.name)
        record = expected[source]
        mine = [row for row in rows if row["source"] == source]
        assert len(mine) == sum(len(record[c]) for c in CATEGORIES)
        for category in ENTITY_CATEGORIES:
            names = [row["name"] for row in mine if row["category"] == category]
            assert names == [entity["name"] for entity in record[category]]
        figures = [row for row in mine if row["category"] == "figures"]
        assert [(r["name"], int(r["start"])) for r in figures] == [
            (f["text"], f["start"]) for f in record["figures"]
        ]
    ivanov = next(row for row in rows if row["name"] == "Sergei Ivanov")
    assert "Ivanov" in ivanov["aliases"].split("; ") and int(ivanov["count"]) >= 4
    errors = jsonl((tmp_path / "results.errors.jsonl").read_text(encoding="utf-8"))
    assert errors == [
        {
            "schema_version": SCHEMA_VERSION,
            "source": str(corpus / "binary.txt"),
            "error": errors[0]["error"],
        }
    ]


def test_output_dir_mirrors_the_tree(corpus, tmp_path, expected):
    out = tmp_path / "out"
    result = run(str(corpus), "--output-dir", str(out), "--max-chars", MAX_CHARS, "-q")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert len(written) == len(expected)
    assert "named-like-an-article.txt/inside.json" in written
    assert f"batch-3/{TAJIK.stem}.json" in written
    record = json.loads((out / "batch-3" / f"{TAJIK.stem}.json").read_text(encoding="utf-8"))
    assert record == expected[str(corpus / "batch-3" / TAJIK.name)]
    errors = by_source(jsonl((out / "errors.jsonl").read_text(encoding="utf-8")))
    assert {Path(source).name for source in errors} == BAD.keys()
    assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.part"))


def test_files_from_stdin_reads_each_line_as_one_article(corpus, expected):
    listed = [
        str(corpus / "batch-1" / TAJIK.name),
        str(corpus / "named-like-an-article.txt"),  # named: a directory is an error here
        str(corpus / "missing.txt"),
        str(corpus / "batch-0" / SAMPLE_FILES[0].name),
    ]
    stdin = "\n".join(listed) + "\n\n"
    result = run("--files-from", "-", "--only", "people", input=stdin)
    assert result.exit_code == 1, result.output
    records = jsonl(result.stdout)
    assert [r["source"] for r in records] == listed
    assert "is a directory" in records[1]["error"]
    assert records[2]["error"] == "no such file"
    assert list(records[0]) == [
        "schema_version",
        "source",
        "title",
        "published",
        "authors",
        "site",
        "url",
        "people",
    ]
    assert records[3]["people"] == expected[listed[3]]["people"]


def test_all_failed_is_exit_2(corpus):
    result = run(str(corpus / "binary.txt"), str(corpus / "broken-link.txt"))
    assert result.exit_code == 2, result.output
    assert len(jsonl(result.stdout)) == 2


USAGE = {
    "stdin among files": (["-", str(TAJIK)], "- (stdin) is one article on its own"),
    "json for many": (["-f", "json", str(TAJIK), str(TAJIK)], "--format json is for one"),
    "output suffix": (["-o", "out.json", str(TAJIK)], "name it .jsonl (JSON Lines) or .csv"),
    "two outputs": (["-o", "a.jsonl", "--output-dir", "d", str(TAJIK)], "choose one of"),
    "resume to stdout": (["--resume", str(SAMPLES)], "--resume needs -o FILE"),
    "pattern matches nothing": ([str(SAMPLES / "*.nothing")], "no file matches this pattern"),
    "empty list": (["--files-from", "-"], "no article paths given"),
}


@pytest.mark.parametrize("case", USAGE.values(), ids=USAGE.keys())
def test_usage_errors_are_one_line_exit_2_before_any_work(case):
    args, message = case
    result = run(*args, input="")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr


def test_a_missing_model_stops_the_run_with_one_line_and_no_part_file(tmp_path):
    output = tmp_path / "results.jsonl"
    result = run(str(SAMPLES), "-o", str(output), "--model", "xx_no_such_model")
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "'xx_no_such_model' is not installed" in result.stderr
    assert list(tmp_path.iterdir()) == []  # a later run needs no --resume


def test_an_unfinished_run_is_not_overwritten_without_resume(tmp_path):
    output = tmp_path / "results.jsonl"
    Path(f"{output}.part").write_text("")
    result = run(str(SAMPLES), "-o", str(output))
    assert result.exit_code == 2
    assert "add --resume to continue it" in result.stderr


# --- stopping and resuming -------------------------------------------------------------


def start(*args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "extractor", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def workers_of(pid: int) -> list[int]:
    """The worker processes of a running `extract` (not multiprocessing's resource tracker)."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    found = [int(child) for task in tasks for child in (task / "children").read_text().split()]
    return [c for c in found if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def wait_for_lines(path: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8").count("\n") >= count:
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError(f"{path} never reached {count} lines")


@pytest.mark.parametrize("stop", ["ctrl-c", "kill -9"])
def test_resume_after_a_stopped_run_gives_the_clean_run_output(stop, corpus, two_jobs, tmp_path):
    output = tmp_path / "results.jsonl"
    part = Path(f"{output}.part")
    args = [str(corpus), "-o", str(output), "--jobs", "1", "--max-chars", MAX_CHARS]
    process = start(*args)
    wait_for_lines(part, 5, process)
    workers = workers_of(process.pid)
    assert len(workers) == 1
    if stop == "ctrl-c":
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr
        assert "--resume goes on from there" in stderr
        assert not Path(f"/proc/{workers[0]}").exists()  # terminated, not left running
    else:
        process.kill()
        process.communicate(timeout=30)
        # Killed while writing a line: the cut line must not survive the resume.
        with part.open("a", encoding="utf-8") as file:
            file.write('{"source": "cut short", "title": "Army Ste')
    assert not output.exists()
    kept = part.read_text(encoding="utf-8").count("\n")
    assert 5 <= kept < len(two_jobs[1].read_text(encoding="utf-8").splitlines())

    result = run(*args, "--resume")
    assert result.exit_code == 1, result.output
    assert f"{kept} already done" in result.stderr
    assert not part.exists()
    resumed = jsonl(output.read_text(encoding="utf-8"))
    clean = jsonl(two_jobs[1].read_text(encoding="utf-8"))
    assert by_source(resumed) == by_source(clean)


def test_resume_of_a_finished_run_changes_nothing(two_jobs, corpus, tmp_path):
    output = tmp_path / "results.jsonl"
    shutil.copy(two_jobs[1], output)
    good = [line for line in output.read_text().splitlines(True) if '"error":' not in line]
    output.write_text("".join(good))  # as if only the failures were left to do
    result = run(str(corpus / "batch-0"), "-o", str(output), "--resume", "-v")
    assert result.exit_code == 0, result.output
    assert f"{len(SAMPLE_FILES)} already done" in result.stderr
    assert output.read_text() == "".join(good)


# --- the library ------------------------------------------------------------------------


def test_extract_many_yields_what_extract_text_gives(nlp):
    paths = [*SAMPLE_FILES, SAMPLES / "missing.txt"]
    records = list(extract_many(paths, jobs=2, options=ExtractOptions(date="2016-07-27")))
    assert [r.source for r in records] == [str(p) for p in paths]
    for path, record in zip(SAMPLE_FILES, records, strict=False):
        text = read_article(path).text
        assert record == extract_text(text, nlp=nlp, source=str(path), date="2016-07-27")
    assert records[-1] == ErrorRecord(source=str(paths[-1]), error="no such file")


def test_a_killed_worker_costs_its_article_only(tmp_path):
    # One worker: after the record before the long article arrives, that worker is busy
    # with the long one (about two seconds), and is killed there.
    long = tmp_path / "long.txt"
    long.write_text((TAJIK.read_text(encoding="utf-8") + "\n\n") * 12, encoding="utf-8")
    paths = [SAMPLE_FILES[0], SAMPLE_FILES[1], long, TAJIK, SAMPLE_FILES[2]]
    records = []
    for record in extract_many(paths, jobs=1):
        records.append(record)
        if len(records) == 2:
            (worker,) = multiprocessing.active_children()
            os.kill(worker.pid, signal.SIGKILL)
    assert [r.source for r in records] == [str(p) for p in paths]
    assert records[2].error == "the worker process analysing this article was killed by SIGKILL"
    assert all(isinstance(r, Record) for i, r in enumerate(records) if i != 2)
    assert "Sergei Ivanov" in {p.name for p in records[3].people}  # a new worker did it
    assert multiprocessing.active_children() == []


def test_an_input_over_the_timeout_is_stopped_and_the_run_goes_on(tmp_path):
    # About eight seconds of work against a limit of three; the short ones around it take
    # a fraction of a second (the first includes a fresh worker's warm-up).
    long = tmp_path / "long.txt"
    long.write_text((TAJIK.read_text(encoding="utf-8") + "\n\n") * 48, encoding="utf-8")
    records = list(extract_many([TAJIK, long, TAJIK], jobs=1, timeout=3))
    assert records[1] == ErrorRecord(
        source=str(long),
        error="the worker process analysing this article was stopped after 3 s "
        "(the --timeout for one input)",
    )
    for record in records[0], records[2]:
        assert "Sergei Ivanov" in {p.name for p in record.people}


def test_stopping_early_ends_the_workers():
    records = extract_many(SAMPLE_FILES * 2, jobs=2)
    next(records)
    assert len(multiprocessing.active_children()) == 2
    records.close()
    assert multiprocessing.active_children() == []


# --- long articles ----------------------------------------------------------------------


def test_split_cuts_on_paragraphs_and_keeps_every_character(tajik_text):
    pieces = list(chunks.split(tajik_text, 1000))
    assert "".join(pieces) == tajik_text
    assert all(len(piece) <= 1000 for piece in pieces)
    assert all(piece.endswith("\n") for piece in pieces[:-1])
    words = list(chunks.split("word " * 100, 64))  # no line breaks: cut after a space
    assert "".join(words) == "word " * 100 and all(w.endswith(" ") for w in words[:-1])
    assert "".join(chunks.split("x" * 100, 30)) == "x" * 100  # nothing to cut on


def test_parse_in_pieces_keeps_offsets_and_our_rules_on_the_whole(nlp, tajik_text):
    whole, pieces = nlp(tajik_text), chunks.parse(nlp, tajik_text, limit=1000)
    assert pieces.text == tajik_text
    spans = lambda doc: {(e.start_char, e.end_char, e.label_) for e in doc.ents}  # noqa: E731
    # Only the model's view at a cut may differ; our components ran on the whole article.
    assert len(spans(whole) ^ spans(pieces)) <= 2
    assert pieces._.titles == whole._.titles


def test_an_article_over_the_chunk_size_is_one_record_with_whole_text_offsets(nlp, tajik_text):
    copies = chunks.CHUNK_CHARS // len(tajik_text) + 2
    text = "\n\n".join([tajik_text] * copies)
    record = extract_text(text, nlp=nlp, source="long.txt").to_dict()  # long texts in pieces
    single = extract_text(tajik_text, nlp=nlp).to_dict()
    ivanov = next(p for p in record["people"] if p["name"] == "Sergei Ivanov")
    alone = next(p for p in single["people"] if p["name"] == "Sergei Ivanov")
    assert ivanov["count"] == copies * alone["count"]
    assert ivanov["titles"] == alone["titles"]
    spans = [m for c in ENTITY_CATEGORIES for e in record[c] for m in e["mentions"]]
    spans += [fact for c in FACT_CATEGORIES for fact in record[c]]
    assert max(span["end"] for span in spans) > chunks.CHUNK_CHARS
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


# --- feeds: files of many articles --------------------------------------------------------


@pytest.fixture(scope="module")
def feeds(tmp_path_factory) -> Path:
    """A JSON Lines feed of three articles (one line broken) beside a text article."""
    root = tmp_path_factory.mktemp("feeds") / "in"
    root.mkdir()
    lines = [
        json.dumps({"id": "tajik", "title": "Border", "body": TAJIK.read_text("utf-8")}),
        "{not json",
        json.dumps({"url": "https://news.example/ford", "body": SAMPLE_FILES[1].read_text()}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(SAMPLE_FILES[0], root / "story.txt")
    return root


def test_a_feed_gives_one_record_per_line_and_resume_adds_none_twice(feeds, tmp_path):
    output = tmp_path / "results.jsonl"
    args = [str(feeds), "-o", str(output), "--text-field", "body", "--show-text", "-j", "2"]
    result = run(*args)
    assert result.exit_code == 1, result.output
    records = jsonl(output.read_text(encoding="utf-8"))
    feed = str(feeds / "feed.jsonl")
    assert [r["source"] for r in records] == [
        f"{feed}#tajik",
        f"{feed}:2",
        "https://news.example/ford",
        str(feeds / "story.txt"),
    ]
    assert records[1]["error"].startswith("invalid JSON")
    assert records[0]["title"] == "Border"  # from the feed's fields
    assert records[0]["text"] == TAJIK.read_text("utf-8")  # --show-text
    # Interrupted after the feed's first article: the resumed run reads the feed again
    # and adds only what is missing.
    Path(f"{output}.part").write_text(output.read_text().splitlines(True)[0])
    output.unlink()
    result = run(*args, "--resume")
    assert result.exit_code == 1, result.output
    assert by_source(jsonl(output.read_text())) == by_source(records)


def test_a_feed_in_output_dir_is_a_folder_of_numbered_files(feeds, tmp_path):
    out = tmp_path / "out"
    result = run(str(feeds), "--output-dir", str(out), "--text-field", "body", "-q")
    assert result.exit_code == 1, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["feed/1.json", "feed/3.json", "story.json"]
    third = json.loads((out / "feed" / "3.json").read_text())
    assert third["source"] == "https://news.example/ford"
    assert third["url"] == "https://news.example/ford"
    (error,) = jsonl((out / "errors.jsonl").read_text())
    assert error["source"] == str(feeds / "feed.jsonl:2")
