"""Cases 4 and 5: -o names something that cannot take the results, or that another run
is writing. Both are refused before any article is analysed, in one line, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from extractor.lock import OutputLock
from extractor.outputs import lock_path

from .conftest import SAMPLE, TINY, cli, failed_line, records_of

# a directory in the way -> the -o it is in the way of
IN_THE_WAY = {
    "x.jsonl": "x.jsonl",
    "x.csv": "x.csv",
    "x.jsonl.part": "x.jsonl",
    "x.errors.jsonl": "x.csv",
}


@pytest.mark.parametrize(("name", "given"), IN_THE_WAY.items(), ids=IN_THE_WAY.keys())
def test_an_output_that_is_a_directory_is_refused_before_any_work(tmp_path, name, given):
    (tmp_path / name).mkdir()
    output = tmp_path / given
    line = failed_line(cli(SAMPLE, SAMPLE, "-o", output))
    assert "is a directory" in line
    assert sorted(os.listdir(tmp_path)) == [name]  # no .part, no lock left to block a rerun


@pytest.mark.parametrize("option", ["-o", "--output-dir"])
def test_an_output_being_written_is_refused_with_the_writer(tmp_path, option):
    output = tmp_path / ("c.jsonl" if option == "-o" else "out")
    if option == "-o":
        held = OutputLock(lock_path(output))  # as a running extract holds it
    else:
        held = OutputLock(output / ".extract.lock")
    try:
        line = failed_line(cli(SAMPLE, SAMPLE, option, output, "--resume"))
    finally:
        held.release()
    assert line == f"extract: another extract is writing {output} (pid {os.getpid()})"
    assert not (tmp_path / "c.jsonl.part").exists()


def test_a_second_run_is_refused_while_the_first_writes(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    for n in range(40):
        (articles / f"{n:02}.txt").write_text(TINY)
    output = tmp_path / "c.jsonl"
    first = subprocess.Popen(
        [sys.executable, "-m", "extractor", str(articles), "-o", str(output), "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    part = tmp_path / "c.jsonl.part"
    deadline = time.monotonic() + 120
    while not (part.exists() and part.read_text().count("\n") >= 1):
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.05)
    second = cli(articles, "-o", output, "--resume")
    _, stderr = first.communicate(timeout=300)
    if first.returncode == 0 and "another extract" not in second.stderr:
        pytest.skip("the first run ended before the second started")
    assert failed_line(second) == f"extract: another extract is writing {output} (pid {first.pid})"
    assert first.returncode == 0, stderr
    assert len(records_of(output.read_text())) == 40
