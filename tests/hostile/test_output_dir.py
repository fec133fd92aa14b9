"""Case 3: two inputs that would write the same file of --output-dir.

Clashes are found before any article is analysed, and the inputs concerned keep their
whole name (`a.txt.json`, `feed.jsonl/1.json`). One no name can tell apart is still
caught when written: an error record, a line on stderr, counted, exit 1.
"""

from __future__ import annotations

import json

from .conftest import TINY, cli, no_record_lost, records_of


def test_clashing_names_are_told_apart_and_the_rest_is_an_error(tmp_path):
    col = tmp_path / "col"
    (col / "feed").mkdir(parents=True)
    (col / "a.txt").write_text(TINY)
    (col / "a.md").write_text("Angela Merkel met Emmanuel Macron in Berlin.\n")
    (col / "feed" / "1.txt").write_text("Vladimir Putin spoke in Moscow.\n")
    feed = [{"id": "x", "text": "Joe Biden flew to Tokyo."}, {"id": "y", "text": TINY}]
    (col / "feed.jsonl").write_text("".join(json.dumps(item) + "\n" for item in feed))
    # Its own name is a.txt's whole name: a clash no renaming can foresee.
    (col / "a.txt.json").write_text(json.dumps({"text": "Boris Johnson left London."}))
    out = tmp_path / "out"
    result = cli(col, "--output-dir", out, "-j", "1", "--only", "people")

    files = sorted(out.rglob("*.json"))
    written = {p.relative_to(out).as_posix(): json.loads(p.read_text()) for p in files}
    assert {name: record["source"] for name, record in written.items()} == {
        "a.md.json": str(col / "a.md"),
        "a.txt.json": str(col / "a.txt"),
        "feed/1.json": str(col / "feed" / "1.txt"),
        "feed.jsonl/1.json": f"{col / 'feed.jsonl'}#x",
        "feed.jsonl/2.json": f"{col / 'feed.jsonl'}#y",
    }
    errors = records_of((out / "errors.jsonl").read_text())
    assert [e["source"] for e in errors] == [str(col / "a.txt.json")]
    assert "was written for" in errors[0]["error"]
    inputs = [str(col / name) for name in ("a.md", "a.txt", "a.txt.json", "feed/1.txt")]
    inputs += [f"{col / 'feed.jsonl'}#{item['id']}" for item in feed]
    no_record_lost([*written.values(), *errors], inputs)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert f"extract: {col / 'a.txt.json'}: its output" in result.stderr
    assert "1 failed" in result.stderr


def test_an_article_file_reaches_the_disk_before_its_rename(tmp_path, monkeypatch):
    """--output-dir writes each article's file through a temporary renamed over it; the
    temporary is fsynced first, as `-o` is, so a power cut leaves the old or the new."""
    import os

    from extractor import outputs

    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))))
        real_fsync(fd)

    def replace(src, dst) -> None:
        events.append(("replace", os.path.basename(src)))
        real_replace(src, dst)

    monkeypatch.setattr(outputs.os, "fsync", fsync)
    monkeypatch.setattr(outputs.os, "replace", replace)
    target = tmp_path / "out" / "a.json"
    outputs.write_atomic(target, '{"source": "a.txt"}\n')
    temporary = f".a.json.{os.getpid()}.tmp"
    assert events == [("fsync", temporary), ("replace", temporary)]
    assert target.read_text(encoding="utf-8") == '{"source": "a.txt"}\n'
