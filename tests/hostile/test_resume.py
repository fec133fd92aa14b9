"""Cases 6 and 7: --resume analyses only what is missing, and ends with the bytes of a
clean run: input order kept, a retried failure in its own place."""

from __future__ import annotations

import json

from .conftest import TINY, cli, records_of


def test_resuming_a_finished_feed_analyses_none_of_its_articles(tmp_path):
    feed = tmp_path / "feed.jsonl"
    items = [
        {"id": n, "text": f"{name} visited Paris."}
        for n, name in enumerate(["Barack Obama", "Angela Merkel", "Joe Biden"])
    ]
    feed.write_text("".join(json.dumps(item) + "\n" for item in items))
    output = tmp_path / "r.jsonl"
    assert cli(feed, "-o", output, "-j", "1").exit_code == 0
    clean = output.read_bytes()
    result = cli(feed, "-o", output, "-j", "1", "--resume")
    assert result.exit_code == 0, result.output
    assert "0 articles in" in result.stderr
    assert "3 already done" in result.stderr
    assert output.read_bytes() == clean


def test_a_retried_failure_comes_back_in_its_place(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "c"):
        (folder / f"{name}.txt").write_text(f"{name.upper()}: {TINY}")
    (folder / "b.txt").symlink_to(tmp_path / "not-yet.txt")  # fails: no such file
    output = tmp_path / "r.jsonl"
    first = cli(folder, "-o", output, "-j", "1")
    assert first.exit_code == 1, first.output
    assert records_of(output.read_text())[1]["error"] == "no such file"

    (tmp_path / "not-yet.txt").write_text(f"B: {TINY}")  # the failure is mended
    resumed = cli(folder, "-o", output, "-j", "1", "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert "2 already done" in resumed.stderr

    clean = tmp_path / "clean.jsonl"
    assert cli(folder, "-o", clean, "-j", "1").exit_code == 0
    assert output.read_bytes() == clean.read_bytes()
