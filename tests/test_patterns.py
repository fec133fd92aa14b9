"""A user's own names without editing the package: spaCy entity_ruler patterns, run last."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import PatternsError, load_pipeline

TEXT = "Tamsin Reyes founded Quillfeather Works in Dunmore, the studio said on Monday."


def write(path: Path, *entries: object) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def with_patterns(tmp_path_factory):
    path = write(
        tmp_path_factory.mktemp("p") / "mine.jsonl",
        {"label": "ORG", "pattern": "Quillfeather Works"},
        {"label": "GPE", "pattern": [{"LOWER": "dunmore"}]},
    )
    return load_pipeline(patterns=path)


def test_the_users_patterns_name_what_the_model_does_not(nlp, with_patterns):
    before = {(e.text, e.label_) for e in nlp(TEXT).ents}
    assert ("Dunmore", "GPE") not in before  # the model reads a person
    after = {(e.text, e.label_) for e in with_patterns(TEXT).ents}
    assert {("Quillfeather Works", "ORG"), ("Dunmore", "GPE")} <= after
    assert ("Monday", "DATE") in after  # the rest of the pipeline still runs


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"label": "ORG"}\n', 'bad.jsonl:1: a pattern is {"label": ..., "pattern": ...}'),
        ('{"label": "ORG", "pattern": "A"}\nnot json\n', "bad.jsonl:2: not JSON"),
        ('{"label": "ORG", "pattern": [{"LOWERX": "a"}]}\n', "bad.jsonl: not a valid pattern"),
    ],
)
def test_a_bad_patterns_file_is_one_message_naming_the_line(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PatternsError) as error:
        load_pipeline(patterns=path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_missing_patterns_file_is_named(tmp_path):
    with pytest.raises(PatternsError, match="none.jsonl: No such file"):
        load_pipeline(patterns=tmp_path / "none.jsonl")
