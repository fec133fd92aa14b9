"""Cases 11 to 14: inputs that were refused or read wrongly."""

from __future__ import annotations

import json

import pytest

from .conftest import SAMPLE, TINY, batch_contract, cli


def record(result) -> dict:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout)


def people(result) -> set[str]:
    return {person["name"] for person in record(result)["people"]}


def test_one_stray_byte_in_utf8_is_replaced_and_said_with_verbose(tmp_path):
    data = SAMPLE.read_bytes()
    at = data.index(b" ", 500) + 1
    damaged, mended = tmp_path / "damaged.txt", tmp_path / "mended.txt"
    damaged.write_bytes(data[:at] + b"\xff" + data[at:])
    mended.write_bytes(data[:at] + "\ufffd".encode() + data[at:])
    result = cli(damaged, "-v")
    assert "encoding utf-8 (1 invalid byte replaced)" in result.stderr
    assert {**record(result), "source": None} == {**record(cli(mended)), "source": None}


def test_a_latin1_article_is_still_read_as_latin1(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gérald Darmanin visited the café in Paris.\n".encode("latin-1"))
    result = cli(path, "-v", "--show-text")
    assert record(result)["text"].startswith("Gérald Darmanin")


@pytest.mark.parametrize(
    "text",
    [
        "[Read more](http://x) Barack Obama visited Paris.\n",
        "{Draft} Barack Obama visited Paris.\n",
    ],
)
def test_a_text_file_opening_with_a_bracket_is_text(tmp_path, text):
    path = tmp_path / "n.md"
    path.write_text(text)
    assert "Barack Obama" in people(cli(path))


def test_stdin_opening_with_a_bracket_that_is_not_json_is_text():
    assert "Barack Obama" in people(cli("-", input="[Reuters] Barack Obama visited Paris.\n"))


def test_stdin_json_is_still_json():
    result = cli("-", input=json.dumps({"id": "a", "text": TINY}))
    assert record(result)["source"] == "<stdin>#a"


@pytest.mark.parametrize("layout", ["array", "lines"])
def test_a_json_file_of_many_articles_given_alone_is_a_feed(tmp_path, layout):
    items = [{"id": "a", "text": TINY}, {"id": "b", "text": "Angela Merkel met Joe Biden."}]
    path = tmp_path / "feed.json"
    if layout == "array":
        path.write_text(json.dumps(items))
    else:
        path.write_text("".join(json.dumps(item) + "\n" for item in items))
    result = cli(path, "-j", "1", "-q")
    batch_contract(result, 0, [f"{path}#a", f"{path}#b"])


@pytest.mark.parametrize(
    "text",
    [
        "Barack\x00Obama met Angela Merkel\x07in Paris.\n",
        "\x1bBarack Obama\x1b met Angela Merkel\x0bin Paris.\n",
    ],
    ids=["nul and bel", "esc and vertical tab"],
)
def test_control_characters_become_spaces_and_keep_offsets(tmp_path, text):
    text += "The talks went on for hours. " * 3  # a few controls in prose, not a binary file
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": text}))
    found = record(cli(path, "--show-text"))
    assert len(found["text"]) == len(text)
    assert {"Barack Obama", "Angela Merkel"} <= {p["name"] for p in found["people"]}
    for person in found["people"]:
        for mention in person["mentions"]:
            assert found["text"][mention["start"] : mention["end"]] == mention["text"]
