"""Shared fixtures: the pipeline is loaded once per test session (it is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Tests that start worker pools, subprocesses that fill disks, index builds or fuzzers:
# `make test-fast` leaves them out for the edit-test loop; `make test` runs everything.
SLOW = (
    "tests/test_batch.py::",
    "tests/test_cluster.py::",
    "tests/test_fuzz.py::",
    "tests/hostile/test_disk_full.py::",
    "tests/hostile/test_resume.py::",
    "tests/hostile/test_resume_property.py::",
    "tests/test_gazetteer.py::test_a_broken_or_stale_index_is_rebuilt",
    "tests/test_gazetteer.py::test_without_a_package_index_one_is_built_into_the_cache",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
SAMPLES = ROOT / "data" / "samples"
TAJIK = SAMPLES / "russia-tajikistan-border.txt"


@pytest.fixture(scope="session")
def nlp():
    # The same cached pipeline the CLI uses, so library and CLI tests load the model once.
    from extractor.api import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def tajik_text() -> str:
    return TAJIK.read_text(encoding="utf-8")
