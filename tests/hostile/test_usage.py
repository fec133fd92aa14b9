"""Cases 8, 10, 15 and 16: what the command says, and how."""

from __future__ import annotations

import pytest

from extractor import batch

from .conftest import SAMPLE, TINY, cli, failed_line

# args -> what the one line must name
USAGE = {
    "date order": (["--date-order", "XYZ"], "--date-order"),
    "jobs 0": (["--jobs", "0"], "--jobs"),
    "max chars 0": (["--max-chars", "0"], "--max-chars"),
    "timeout -1": (["--timeout", "-1"], "--timeout"),
    "unknown option": (["--nope"], "--nope"),
    "file named like an option": (["-dash.txt"], "extract -- -name.txt"),
}


@pytest.mark.parametrize(("args", "named"), USAGE.values(), ids=USAGE.keys())
def test_usage_errors_are_one_line_naming_the_option(args, named):
    assert named in failed_line(cli(SAMPLE, *args))


def test_a_file_whose_name_starts_with_a_dash_goes_after_double_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-dash.txt").write_text(TINY)
    result = cli("--compact", "--", "-dash.txt")
    assert result.exit_code == 0, result.output
    assert '"name":"Barack Obama"' in result.stdout


@pytest.mark.dask
def test_an_unknown_scheduler_scheme_is_one_line():
    pytest.importorskip("distributed")
    assert "bogus://x" in failed_line(cli(SAMPLE, "--scheduler", "bogus://x"))


def test_one_article_is_one_article_in_the_summary(tmp_path, monkeypatch):
    # The one input is a folder the walk may not list: no model is loaded for it.
    (tmp_path / "in" / "locked").mkdir(parents=True)

    def refusing(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(batch.os, "scandir", refusing)
    result = cli(tmp_path / "in")
    assert result.exit_code == 2
    assert "1 article in " in result.stderr


def test_help_shows_the_dask_extra():
    result = cli("--help")
    assert result.exit_code == 0
    assert "extractor[dask]" in " ".join(result.stdout.split())
