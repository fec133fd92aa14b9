"""Batch runs on a real Dask cluster: the same bytes as `--jobs 1`, the same error records,
--resume, and one-line errors when the cluster cannot be used.

One LocalCluster (2 worker processes, 1 thread each, loopback only, no dashboard) serves
the whole module: its workers load the model once, on the first run.
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import sys
from contextlib import chdir
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

from .conftest import SAMPLES
from .test_read import latin1_text

distributed = pytest.importorskip("distributed", reason="needs the dask extra")
pytestmark = pytest.mark.dask

runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster of two single-threaded worker processes."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address="127.0.0.1:0",  # None still takes port 8787 for HTTP
        host="127.0.0.1",
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Good articles and bad files, and a feed of two articles and a bad line."""
    root = tmp_path_factory.mktemp("cluster")
    articles = root / "articles"
    articles.mkdir()
    for sample in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(sample, articles / sample.name)
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (articles / "latin1.txt").write_bytes(latin1_text().encode("latin-1"))
    (articles / "broken-link.txt").symlink_to(articles / "nowhere.txt")
    lines = [
        json.dumps({"id": "a", "text": "Angela Merkel met Emmanuel Macron in Paris on Monday."}),
        "{not json",
        json.dumps({"id": "b", "text": "Boeing cut 3,000 jobs in Seattle, the company said."}),
    ]
    (articles / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def extract(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def reference(folder) -> bytes:
    """`--jobs 1` on the folder, named relatively: what every cluster run must write."""
    with chdir(folder):
        result = extract("articles", "-o", "jobs1.jsonl", "--jobs", "1", "-q")
    assert result.exit_code == 1, result.output  # the bad files failed
    return (folder / "jobs1.jsonl").read_bytes()


def test_cluster_writes_the_same_bytes_as_one_job(folder, reference, scheduler):
    # Relative paths: the workers resolve them against our directory, records keep them.
    with chdir(folder):
        result = extract("articles", "-o", "dask.jsonl", "--scheduler", scheduler)
    assert result.exit_code == 1, result.output
    assert (folder / "dask.jsonl").read_bytes() == reference
    assert not (folder / "dask.jsonl.part").exists()
    records = [json.loads(line) for line in reference.splitlines()]
    errors = {r["source"]: r["error"] for r in records if "error" in r}
    assert set(errors) == {
        "articles/binary.txt",
        "articles/broken-link.txt",
        "articles/feed.jsonl:2",
    }, errors
    assert "looks like a binary file" in errors["articles/binary.txt"]
    assert errors["articles/broken-link.txt"] == "no such file"
    good = [r["source"] for r in records if "error" not in r]
    assert {"articles/empty.txt", "articles/latin1.txt", "articles/feed.jsonl#b"} <= set(good)


def test_resume_on_the_cluster_finishes_what_a_killed_run_left(folder, reference, scheduler):
    # A run that died after three articles left results.jsonl.part with their lines.
    output = folder / "resumed.jsonl"
    Path(f"{output}.part").write_bytes(b"".join(reference.splitlines(keepends=True)[:3]))
    with chdir(folder):
        result = extract("articles", "-o", output.name, "--resume", "--scheduler", scheduler)
    assert result.exit_code == 1, result.output
    assert "already done" in result.stderr
    assert sorted(output.read_bytes().splitlines()) == sorted(reference.splitlines())


def test_extract_bag_gives_the_records_of_one_job(folder, reference, scheduler):
    from extractor.batch import find_inputs
    from extractor.cluster import extract_bag

    with chdir(folder), distributed.Client(scheduler):
        paths = [item.path for item in find_inputs(["articles"])]
        records = extract_bag(paths, partition_size=3).compute()
    assert records == [json.loads(line) for line in reference.splitlines()]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(folder, tmp_path):
    import dask

    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    output = tmp_path / "out.jsonl"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = extract(str(folder / "articles"), "-o", str(output), "--scheduler", address)
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert message.startswith(f"extract: cannot reach the Dask scheduler at {address}:"), message
    assert len(message.splitlines()) == 1
    assert not output.exists() and not Path(f"{output}.part").exists()


def test_a_bad_local_scheduler_is_refused(folder):
    result = extract(str(folder / "articles"), "--scheduler", "local:many")
    assert result.exit_code == 2, result.output
    assert "use tcp://host:8786 or local:N" in result.stderr


def test_without_dask_the_error_says_what_to_install(folder):
    # A fresh interpreter in which dask's distributed cannot be imported.
    code = (
        "import sys; sys.modules['distributed'] = None\n"
        "from extractor.cli import main\n"
        f"sys.argv = ['extract', {str(folder / 'articles')!r}, '--scheduler', 'local:1']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == "extract: Dask is not installed: pip install 'extractor[dask]'"
    assert done.stdout == ""
