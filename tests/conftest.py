"""Shared fixtures: the pipeline is loaded once per test session (it is the slow part)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


def extract_dict(text: str, **options: Any) -> dict[str, Any]:
    """`extract_text`'s record as the dict written to JSON: most tests read the contract
    as a user of the output does, by key."""
    from extractor.api import extract_text

    return extract_text(text, **options).to_dict()
