"""Shared fixtures: the pipeline is loaded once per test session (it is the slow part);
every record a test makes the code write is checked against docs/schema.json."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
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
SCHEMA = ROOT / "docs" / "schema.json"


@functools.cache
def record_validator(*, strict: bool = True) -> jsonschema.Draft202012Validator:
    """A validator of docs/schema.json. `strict` also refuses keys the schema does not
    list: the published schema lets them through (for the minor versions to come), but
    our own records must have none."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    if strict:
        schema = copy.deepcopy(schema)
        for definition in schema["$defs"].values():
            definition["additionalProperties"] = False
    return jsonschema.Draft202012Validator(schema)


def schema_problems(record: Any, *, strict: bool = True) -> list[str]:
    """Why `record` breaks the schema, one line per problem; [] when it follows it."""
    errors = record_validator(strict=strict).iter_errors(record)
    source = record.get("source") if isinstance(record, Mapping) else None
    return [f"{source}: /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


@pytest.fixture(autouse=True)
def written_records_follow_the_schema(request, monkeypatch) -> Iterator[list[str]]:
    """Every record written while a test runs in this process (stdout, JSON Lines, CSV's
    and --output-dir's error files, --output-dir's files: all go through write.as_dict)
    is validated; a test that made the code write a bad record fails at teardown.
    Tests that write values which are not records say so with @pytest.mark.not_records."""
    problems: list[str] = []
    if request.node.get_closest_marker("not_records") is None:
        from extractor import write

        original = write.as_dict

        def checked(record: Any) -> Mapping[str, Any]:
            plain = original(record)
            problems.extend(schema_problems(plain))
            return plain

        monkeypatch.setattr(write, "as_dict", checked)
    yield problems
    assert not problems, "records that break docs/schema.json:\n" + "\n".join(problems[:10])


@pytest.fixture(scope="session")
def nlp():
    # The same cached pipeline the CLI uses, so library and CLI tests load the model once.
    from extractor.api import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def tajik_text() -> str:
    return TAJIK.read_text(encoding="utf-8")


def extract_dict(text: str, **options: Any) -> dict[str, Any]:
    """`extract_text`'s record as the dict written to JSON: most tests read the contract
    as a user of the output does, by key."""
    from extractor.api import extract_text

    record = extract_text(text, **options).to_dict()
    assert not schema_problems(record), schema_problems(record)[:10]
    return record
