"""Case 1 and 9: a full disk. The record must not be cut short with exit 0, and the error
is one line with the OS's reason, exit 2, never a traceback (not even a second one from
closing the file).

A full disk without root: /dev/full for stdout; RLIMIT_FSIZE in the child for files (its
writes stop at the limit with EFBIG, as a full disk stops them with ENOSPC); and an
OSError injected at the sink's one write function, in this process.
"""

from __future__ import annotations

import errno
import os

import pytest

from extractor import outputs

from .conftest import SAMPLE, TINY, cli, file_size_limit, one_line_error, spawn


def test_one_article_to_dev_full_is_one_line_exit_2():
    with open("/dev/full", "w") as full:
        result = spawn(SAMPLE, stdout=full)
    line = one_line_error(2, "", result.stderr, result.returncode)
    assert "No space left on device" in line


def test_the_schema_to_dev_full_is_one_line_exit_2():
    with open("/dev/full", "w") as full:
        result = spawn("--schema", stdout=full)
    line = one_line_error(2, "", result.stderr, result.returncode)
    assert line == "extract: cannot write the schema to stdout: No space left on device"


FORMATS = {"json": [], "compact": ["--compact"], "jsonl": ["-f", "jsonl"]}


@pytest.mark.parametrize("flags", FORMATS.values(), ids=FORMATS.keys())
def test_one_article_to_a_file_that_fills_up_is_not_cut_short_with_exit_0(tmp_path, flags):
    target = tmp_path / "x.json"
    with target.open("w") as file:
        result = spawn(SAMPLE, *flags, stdout=file, preexec=file_size_limit(4096))
    line = one_line_error(2, "", result.stderr, result.returncode)
    assert "File too large" in line


def test_csv_batch_on_a_full_disk_is_one_line_exit_2(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"{n}.txt").write_text(TINY * 40)
    output = tmp_path / "out.csv"
    result = spawn(tmp_path / "in", "-o", output, "-j", "1", preexec=file_size_limit(2048))
    line = one_line_error(2, result.stdout, result.stderr, result.returncode)
    assert line == f"extract: {output}.part: File too large"


class FullDisk:
    """outputs.write_all that takes `room` bytes, then fails as a full disk does."""

    def __init__(self, room: int) -> None:
        self.room = room

    def __call__(self, fd: int, data: bytes) -> None:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        os.write(fd, data)


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_a_batch_file_filling_up_keeps_what_was_written_for_resume(tmp_path, monkeypatch, suffix):
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"{n}.txt").write_text(TINY)
    output = tmp_path / f"out.{suffix}"
    # Room for the first article's records, not for all three.
    room = {"jsonl": 1000, "csv": 700}[suffix]
    monkeypatch.setattr(outputs, "write_all", FullDisk(room=room))
    result = cli(tmp_path / "in", "-o", output, "-j", "1")
    assert "No space left on device" in one_line_error(
        2, result.stdout, result.stderr, result.exit_code
    )
    assert not output.exists()
    assert (tmp_path / f"out.{suffix}.part").exists()  # finished records, for --resume
    assert not (tmp_path / f"out.{suffix}.lock").exists()  # the next run may go on
