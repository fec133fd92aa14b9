"""Shared fixtures: the pipeline is loaded once per test session (it is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
TAJIK = SAMPLES / "russia-tajikistan-border.txt"


@pytest.fixture(scope="session")
def nlp():
    from extractor.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def tajik_text() -> str:
    return TAJIK.read_text(encoding="utf-8")
