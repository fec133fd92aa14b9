"""The hostile tester's contract, checked on every case of tests/hostile/.

Whatever is thrown at `extract`, the result is one of: records on stdout (valid JSON, or
JSON Lines) and nothing on stderr but messages; or nothing on stdout and one line
`extract: ...` on stderr; never a traceback; the documented exit code; and in a batch,
records + error records = the inputs given, none lost.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "ford-cutting-30000-jobs.txt"
# Tiny articles: the model's time goes into loading, not analysing.
TINY = "Barack Obama visited Paris on Monday.\n"


def cli(*args: str, input: str | bytes | None = None) -> Any:
    """`extract ARGS` in this process (Typer's runner keeps stdout and stderr apart)."""
    return runner.invoke(app, [str(arg) for arg in args], input=input)


def spawn(*args: str, stdout: Any = subprocess.PIPE, preexec: Any = None, **kw: Any):
    """`extract ARGS` as its own process: for real file descriptors (/dev/full, limits)."""
    command = [sys.executable, "-m", "extractor", *map(str, args)]
    return subprocess.run(
        command, stdout=stdout, stderr=subprocess.PIPE, text=True, preexec_fn=preexec, **kw
    )


def one_line_error(code: int, stdout: str, stderr: str, rc: int) -> str:
    """Exit `code`, nothing on stdout, one `extract:` line on stderr, no traceback."""
    assert rc == code, stderr
    assert stdout == "", stdout[:300]
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("extract: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def failed_line(result: Any, code: int = 2) -> str:
    return one_line_error(code, result.stdout, result.stderr, result.exit_code)


def records_of(text: str) -> list[dict[str, Any]]:
    """Every line is one JSON object (or there are none)."""
    return [json.loads(line) for line in text.splitlines()]


def no_record_lost(records: list[dict[str, Any]], inputs: list[str]) -> None:
    """Records + error records = inputs, each once."""
    sources = sorted(record["source"] for record in records)
    assert sources == sorted(inputs)


def batch_contract(result: Any, code: int, inputs: list[str], stdout: str | None = None) -> None:
    """A batch: the exit code, no traceback, valid JSON Lines, none lost."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    for line in result.stderr.splitlines():
        assert line.startswith("extract: ") or " in " in line, result.stderr
    no_record_lost(records_of(result.stdout if stdout is None else stdout), inputs)


def file_size_limit(size: int) -> Any:
    """For a child: files it writes stop at `size` bytes, as on a full disk (EFBIG)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the writer
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def is_root() -> bool:
    return os.geteuid() == 0


@pytest.fixture
def world_dir() -> Iterator[Path]:
    """A folder anyone may enter (pytest's tmp_path is private to its owner)."""
    with tempfile.TemporaryDirectory() as name:
        os.chmod(name, 0o755)
        yield Path(name)
