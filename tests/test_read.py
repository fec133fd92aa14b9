"""read.py on real sample articles saved in the ways people save them, and on bad inputs."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.read import STDIN_SOURCE, InputError, decode, read_article

from .conftest import SAMPLES, TAJIK

UK = SAMPLES / "uk-asylum-questionnaire.txt"  # has "Gérald", curly quotes and an em dash
NOBODY = 65534


def latin1_text() -> str:
    # Latin-1 has no curly quotes or dashes; someone saving as Latin-1 gets straight ones.
    text = UK.read_text(encoding="utf-8")
    for fancy, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("—", "-")):
        text = text.replace(fancy, plain)
    assert "é" in text
    return text


@contextlib.contextmanager
def unreadable(path: Path) -> Iterator[None]:
    """Make `path` unreadable for the code run inside, even when the tests run as root."""
    path.chmod(0)
    try:
        if os.geteuid() != 0:
            yield
            return
        # Root reads any file, so drop to nobody for the duration (seteuid is reversible).
        path.parent.chmod(0o755)
        os.seteuid(NOBODY)
        try:
            yield
        finally:
            os.seteuid(0)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.fixture
def world_dir() -> Iterator[Path]:
    # pytest's tmp_path lies under a root-only directory that nobody cannot enter.
    with tempfile.TemporaryDirectory() as name:
        os.chmod(name, 0o755)
        yield Path(name)


@pytest.mark.parametrize(
    ("path", "encoding", "expected"),
    [
        (TAJIK, "utf-8", "utf-8"),
        (TAJIK, "cp1252", "cp1252"),
        (UK, "cp1252", "cp1252"),
        (UK, "utf-8-sig", "utf-8-sig"),
        (UK, "utf-16", "utf-16"),
    ],
)
def test_decodes_article_saved_in_encoding(tmp_path, path, encoding, expected):
    text = path.read_text(encoding="utf-8")
    saved = tmp_path / "article.txt"
    saved.write_bytes(text.encode(encoding))
    article = read_article(saved)
    assert article.text == text
    assert article.encoding == expected
    assert article.source == str(saved)


def test_latin1_article_is_decoded(tmp_path):
    text = latin1_text()
    saved = tmp_path / "latin1.txt"
    saved.write_bytes(text.encode("latin-1"))
    article = read_article(saved)
    assert article.text == text
    assert "Gérald Darmanin" in article.text
    # cp1252 is the superset of Latin-1 that gives the same text here.
    assert article.encoding == "cp1252"


def test_bom_is_removed_so_offsets_start_at_the_text(tmp_path):
    text = TAJIK.read_text(encoding="utf-8")
    saved = tmp_path / "bom.txt"
    saved.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_article(saved).text == text


def test_crlf_becomes_newline_like_read_text(tmp_path):
    text = TAJIK.read_text(encoding="utf-8")
    saved = tmp_path / "dos.txt"
    saved.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    article = read_article(saved)
    assert article.text == text == saved.read_text(encoding="utf-8")


def test_stdin_is_read_from_the_stream():
    data = TAJIK.read_bytes()
    article = read_article("-", stdin=io.BytesIO(data))
    assert article.text == data.decode("utf-8")
    assert article.source == STDIN_SOURCE


def test_empty_file_is_empty_text(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    article = read_article(empty)
    assert article.text == ""


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of unusable input, with the words its message must contain."""
    (tmp_path / "folder").mkdir()
    gz = tmp_path / "article.txt.gz"
    gz.write_bytes(gzip.compress(TAJIK.read_bytes()))
    controls = tmp_path / "controls.dat"
    # No NUL, valid ASCII even, but no prose is a third control characters.
    controls.write_bytes(bytes(range(1, 9)) * 200 + TAJIK.read_bytes()[:3000])
    return {
        "missing": (tmp_path / "nope.txt", "no such file"),
        "directory": (tmp_path / "folder", "is a directory"),
        "binary": (gz, "binary"),
        "controls": (controls, "binary"),
        "long name": (tmp_path / ("x" * 300), "too long"),
    }


@pytest.mark.parametrize("kind", ["missing", "directory", "binary", "controls", "long name"])
def test_bad_input_is_one_line_input_error(tmp_path, kind):
    path, words = bad_inputs(tmp_path)[kind]
    with pytest.raises(InputError) as caught:
        read_article(path)
    message = str(caught.value)
    assert words in message.lower()
    assert message.startswith(str(path))
    assert "\n" not in message


def test_unreadable_file(world_dir):
    path = world_dir / "secret.txt"
    path.write_bytes(TAJIK.read_bytes())
    with unreadable(path), pytest.raises(InputError, match="permission denied"):
        read_article(path)


def test_too_many_characters_is_refused_with_the_limit(tmp_path):
    saved = tmp_path / "long.txt"
    saved.write_bytes(TAJIK.read_bytes())
    size = len(TAJIK.read_text(encoding="utf-8"))
    with pytest.raises(InputError, match=f"{size:,} characters, over the limit of 1,000"):
        read_article(saved, max_chars=1000)
    assert read_article(saved, max_chars=size).text  # the limit itself is allowed


def test_too_many_bytes_is_refused_before_reading_it_all():
    # Far more bytes than max_chars characters could take: refused after the first chunk.
    stream = io.BytesIO(TAJIK.read_bytes() * 10)
    with pytest.raises(InputError, match="over the limit of 100 characters"):
        read_article("-", stdin=stream, max_chars=100)
    assert stream.tell() == 401


def test_invalid_utf16_after_bom_is_an_error():
    with pytest.raises(InputError, match="invalid utf-16"):
        decode(b"\xff\xfe" + b"\x00\xd8", source="x.txt")
