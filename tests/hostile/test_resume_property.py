"""Property: whatever mix of inputs, and wherever runs are stopped, `--resume` ends with
the bytes a clean run writes: nothing lost, nothing twice, input order kept.

Inputs are good articles, missing ones (broken links), folders the walk may not list
(an injected PermissionError), names that clash in --output-dir, and a feed with a bad
line. A stop is Ctrl-C after k articles (the CLI's own interrupt path), optionally
followed by a line cut short, as `kill -9` mid-write leaves it.

The articles are analysed in this process, on the session's model, by a serial stand-in
for the worker pool (whose order and crash handling test_batch.py covers): the property
is about the sinks and --resume, and a pool start per run would make it minutes.
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import batch, batchrun

from .conftest import cli

NAMES = ["Barack Obama", "Angela Merkel", "Joe Biden", "Boris Johnson", "Emmanuel Macron"]
KINDS = ["good", "missing", "locked", "clash", "feed"]


def build(folder: Path, kinds: list[str]) -> None:
    for n, kind in enumerate(kinds):
        name = f"{n:02}"
        text = f"{NAMES[n % len(NAMES)]} visited Paris on Monday.\n"
        if kind == "good":
            (folder / f"{name}.txt").write_text(text)
        elif kind == "missing":
            (folder / f"{name}.txt").symlink_to(folder / "nowhere")
        elif kind == "locked":
            (folder / f"{name}-locked").mkdir()
            (folder / f"{name}-locked" / "a.txt").write_text(text)
        elif kind == "clash":
            (folder / f"{name}.txt").write_text(text)
            (folder / f"{name}.md").write_text(f"{NAMES[(n + 1) % len(NAMES)]} left Rome.\n")
        else:
            items = [json.dumps({"id": "a", "text": text}), "{broken", json.dumps({"text": text})]
            (folder / f"{name}.jsonl").write_text("\n".join(items) + "\n")


class Serial:
    """batch.run's contract, in this process: (path, records) in order; Ctrl-C after
    `stop` results when set."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.stop: int | None = None

    def runner(self, scheduler: Any, *, jobs: int, timeout: Any) -> Any:
        return self.run

    def run(self, paths: Any, *, model: Any, **options: Any) -> Iterator[tuple[str, list]]:
        for count, path in enumerate(paths):
            if count == self.stop:
                raise KeyboardInterrupt
            yield path, batch.analyse(path, nlp=self.nlp, **options)


def snapshot(output: Path) -> dict[str, bytes]:
    """Every file the run left, by name relative to the output's folder."""
    root = output if output.is_dir() else output.parent
    prefix = "" if output.is_dir() else output.stem
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and str(p.relative_to(root)).startswith(prefix)
    }


def output_args(kind: str, where: Path) -> tuple[list[str], Path]:
    if kind == "dir":
        return ["--output-dir", str(where / "out")], where / "out"
    output = where / f"out.{kind}"
    return ["-o", str(output)], output


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=5),
    sink=st.sampled_from(["jsonl", "csv", "dir"]),
    stops=st.lists(st.tuples(st.integers(0, 6), st.booleans()), min_size=1, max_size=3),
)
def test_resume_ends_byte_identical_to_a_clean_run(nlp, monkeypatch, kinds, sink, stops):
    serial = Serial(nlp)
    monkeypatch.setattr(batchrun, "_runner", serial.runner)
    scandir = os.scandir

    def refusing(path: Any) -> Any:
        if str(path).endswith("-locked"):
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(batch.os, "scandir", refusing)
    with tempfile.TemporaryDirectory() as name:
        where = Path(name)
        folder = where / "in"
        folder.mkdir()
        build(folder, kinds)
        (where / "clean").mkdir()
        (where / "resumed").mkdir()

        args, clean = output_args(sink, where / "clean")
        result = cli(folder, *args)
        assert result.exit_code in (0, 1, 2), result.output
        expected = snapshot(clean)

        args, output = output_args(sink, where / "resumed")
        resume: list[str] = []
        for stop, cut in stops:
            serial.stop = stop
            result = cli(folder, *args, *resume)
            assert result.exit_code in (0, 1, 2, 130), result.output
            assert "Traceback" not in result.output
            part = Path(f"{output}.part")
            if cut and result.exit_code == 130 and part.is_file():
                with part.open("a") as file:
                    file.write('{"source": "cut short", "title": "Ba')
            resume = ["--resume"]
        serial.stop = None
        result = cli(folder, *args, "--resume")
        assert result.exit_code in (0, 1, 2), result.output
        assert snapshot(output) == expected


def test_an_interrupted_run_leaves_ctrl_c_working_in_its_process(nlp, monkeypatch, tmp_path):
    # Ctrl-C is ignored during cleanup only: children this process starts later (a test's
    # `extract` subprocess) would otherwise inherit an ignored SIGINT and never stop.
    serial = Serial(nlp)
    serial.stop = 0
    monkeypatch.setattr(batchrun, "_runner", serial.runner)
    (tmp_path / "a.txt").write_text("Barack Obama visited Paris.\n")
    before = signal.getsignal(signal.SIGINT)
    result = cli(tmp_path / "a.txt", tmp_path / "a.txt", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 130, result.output
    assert signal.getsignal(signal.SIGINT) is before
