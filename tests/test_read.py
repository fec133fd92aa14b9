"""read.py on real sample articles saved in the ways people save them, and on bad inputs."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.options import ExtractOptions
from extractor.readers import (
    STDIN_SOURCE,
    InputError,
    clean_text,
    decode,
    markup_limit,
    printable,
    read_article,
    read_articles,
)

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
        read_article(saved, ExtractOptions(max_chars=1000))
    assert read_article(saved, ExtractOptions(max_chars=size)).text  # the limit itself is allowed


def test_too_many_bytes_is_refused_before_reading_it_all():
    # Far more bytes than max_chars characters could take: refused after the first chunk.
    stream = io.BytesIO(TAJIK.read_bytes() * 10)
    with pytest.raises(InputError, match="over the limit of 100 characters"):
        read_article("-", ExtractOptions(max_chars=100), stdin=stream)
    assert stream.tell() == 401


def test_invalid_utf16_after_bom_is_an_error():
    with pytest.raises(InputError, match="invalid utf-16"):
        decode(b"\xff\xfe" + b"\x00\xd8", source="x.txt")


# --- odd text: normalized before analysis, so offsets index what was analysed ---------


def test_clean_articles_come_out_unchanged():
    for path in sorted(SAMPLES.glob("*.txt")):
        article = read_article(path)
        assert article.text == path.read_text(encoding="utf-8"), path.name
        assert article.fixes == ()


def test_utf16_big_endian_with_bom(tmp_path):
    text = UK.read_text(encoding="utf-8")
    saved = tmp_path / "be.txt"
    saved.write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    assert read_article(saved).text == text


def test_mixed_line_endings_become_newlines(tmp_path):
    lines = TAJIK.read_text(encoding="utf-8").split("\n")
    endings = ["\r\n", "\r", "\n"]
    # ("\r" before an empty line then "\n" would be one "\r\n": keep those apart.)
    mixed = "".join(
        line + (endings[i % 3] if lines[i + 1 : i + 2] != [""] else "\n")
        for i, line in enumerate(lines)
    )
    saved = tmp_path / "mixed.txt"
    saved.write_bytes(mixed.encode("utf-8"))
    assert read_article(saved).text == "\n".join(lines) + "\n"


def test_mojibake_is_repaired(tmp_path):
    # UTF-8 read as Windows-1252 and saved again: "GÃ©rald", "â€™", the way it happens.
    import ftfy.bad_codecs  # noqa: F401 - registers "sloppy-windows-1252"

    text = UK.read_text(encoding="utf-8")
    garbled = text.encode("utf-8").decode("sloppy-windows-1252")
    assert "GÃ©rald" in garbled
    saved = tmp_path / "mojibake.txt"
    saved.write_bytes(garbled.encode("utf-8"))
    article = read_article(saved)
    assert article.text == text
    assert "repaired mojibake" in article.fixes


def test_no_break_spaces_become_spaces_in_place():
    text = "Sergei\u00a0Ivanov met officials in Dushanbe\u202fon 27\u2009July.\u2028Next line."
    cleaned, fixes = clean_text(text)
    assert cleaned == "Sergei Ivanov met officials in Dushanbe on 27 July.\nNext line."
    assert len(cleaned) == len(text)  # one for one: offsets agree with the original
    assert fixes == ("odd spaces and line separators made plain",)


def test_zero_width_characters_and_soft_hyphens_are_removed():
    text = "Taji\u200bkistan and Af\u00adghan\u00adistan\ufeff share a border.\u2060"
    cleaned, fixes = clean_text(text)
    assert cleaned == "Tajikistan and Afghanistan share a border."
    assert fixes == ("removed zero-width characters",)


def test_decomposed_accents_are_composed():
    cleaned, fixes = clean_text("Que\u0301bec and Ge\u0301rald Darmanin")
    assert cleaned == "Québec and Gérald Darmanin"
    assert fixes == ("composed accents (NFC)",)


def test_smart_punctuation_is_kept():
    text = "“We’ll stay,” he said — and left… in 2016–17."
    assert clean_text(text) == (text, ())


def test_very_long_line_is_read_whole(tmp_path):
    line = " ".join(TAJIK.read_text(encoding="utf-8").split()) + " "
    text = line * (2_000_000 // len(line))
    saved = tmp_path / "one-line.txt"
    saved.write_bytes(text.encode("utf-8"))
    assert read_article(saved, ExtractOptions(max_chars=len(text))).text == text


# --- hostile input: one line, no traceback, no hang ------------------------------------


class Endless(io.RawIOBase):
    """A stdin that never ends (`yes | extract -`)."""

    def __init__(self, start: bytes, chunk: bytes) -> None:
        self.pending = start
        self.chunk = chunk
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.pending:
            self.pending = self.chunk * (len(buffer) // len(self.chunk) + 1)
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        self.served += n
        return n


def one_line_error(path, *options, **keywords) -> str:
    with pytest.raises(InputError) as caught:
        read_article(path, *options, **keywords)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.json", "huge"])
def test_two_gigabyte_file_is_refused_by_its_size_unread(tmp_path, name):
    huge = tmp_path / name
    with huge.open("wb") as f:
        f.truncate(2 * 2**30)  # sparse: takes no disk space
    message = one_line_error(huge)
    assert message == (
        f"{huge}: a file of 2.0 GB, over the limit of 1,000,000 characters "
        "(raise it with --max-chars)"
    )


def test_ten_megabyte_line_is_refused_by_size_unless_allowed(tmp_path):
    line = tmp_path / "line.txt"
    line.write_bytes(b"word " * (2 * 2**20))
    assert "a file of 10.0 MB, over the limit of 1,000,000 characters" in one_line_error(line)
    assert len(read_article(line, ExtractOptions(max_chars=11_000_000)).text) == 10 * 2**20


def test_endless_stdin_is_bounded_by_max_chars():
    stdin = Endless(b"", b"y\n")
    message = one_line_error("-", ExtractOptions(max_chars=1000), stdin=io.BufferedReader(stdin))
    assert message == (
        "<stdin>: too large, over the limit of 1,000 characters (raise it with --max-chars)"
    )
    assert stdin.served < 100_000


def test_endless_html_stdin_is_bounded():
    stdin = Endless(b"<!DOCTYPE html><html><body>", b"<p>Spam and eggs.</p>\n")
    message = one_line_error("-", ExtractOptions(max_chars=1000), stdin=io.BufferedReader(stdin))
    assert "too large, over the limit of 1,000 characters" in message
    assert stdin.served <= markup_limit(1000) + 2**20


def test_endless_json_stdin_is_bounded():
    stdin = Endless(b'{"text": "', b"spam " * 1000)
    items = list(read_articles("-", ExtractOptions(max_chars=1000), stdin=io.BufferedReader(stdin)))
    assert [str(i) for i in items] == [
        "<stdin>:1: line longer than 16,777,216 bytes, the limit for 1,000 characters of "
        "text (raise it with --max-chars)"
    ]
    assert stdin.served < 6 * markup_limit(1000)


ODD_NAMES = {
    "spaces and quotes": "my \"saved\" article 'final'.txt",
    "leading dash": "-article.txt",
    "unicode": "статья — Dušanbe 記事.txt",
    "newline": "two\nlines.txt",
    "undecodable byte": os.fsdecode(b"caf\xe9.txt"),
}


@pytest.mark.parametrize("name", ODD_NAMES.values(), ids=ODD_NAMES.keys())
def test_path_with_odd_characters_is_read(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(TAJIK.read_bytes())
    article = read_article(path)
    assert article.text == TAJIK.read_text(encoding="utf-8")
    assert article.source.isprintable()
    str(article.source).encode("utf-8")  # printable and encodable: safe in JSON and on stderr


@pytest.mark.parametrize("name", ODD_NAMES.values(), ids=ODD_NAMES.keys())
def test_missing_path_with_odd_characters_is_one_printable_line(tmp_path, name):
    message = one_line_error(tmp_path / name)
    assert message.endswith(": no such file")
    assert message.isprintable()
    message.encode("utf-8")


def test_undecodable_byte_in_a_name_is_shown_escaped(tmp_path):
    message = one_line_error(tmp_path / os.fsdecode(b"caf\xe9.txt"))
    assert message == f"{tmp_path}/caf\\xe9.txt: no such file"


def test_read_articles_yields_errors_instead_of_raising(tmp_path):
    assert [str(e) for e in read_articles(tmp_path / "nope.txt")] == [
        f"{tmp_path}/nope.txt: no such file"
    ]
    assert [str(e) for e in read_articles("-")] == ["<stdin>: no standard input to read"]


def test_stdin_html_and_json_are_recognised_by_their_first_bytes():
    page = b"\xef\xbb\xbf\n  <!DOCTYPE html><html><head><title>Border watch</title></head><body>"
    page += b"<article><p>" + TAJIK.read_bytes().split(b"\n")[-1] + b"</p></article></body></html>"
    article = read_article("-", stdin=io.BytesIO(page))
    assert article.format == "html"
    assert article.title == "Border watch"
    assert article.text.startswith("Border watch\n")

    json_article = read_article("-", stdin=io.BytesIO(b'  {"text": "Hello Dushanbe."}'))
    assert json_article.format == "json"
    assert json_article.text == "Hello Dushanbe."


# --- the same hostile inputs through the command: exit code 2, one line, no traceback ---


def hostile_inputs(tmp_path: Path) -> dict[str, tuple[list[str], object, str]]:
    """(arguments, stdin, the message after "extract: <source>: ") of each hostile input."""
    huge = tmp_path / "huge.html"
    with huge.open("wb") as f:
        f.truncate(2 * 2**30)
    line = tmp_path / "line.txt"
    line.write_bytes(b"word " * (2 * 2**20))
    deep = tmp_path / "deep.json"
    deep.write_text('{"text": ' + "[" * 200_000 + "]" * 200_000 + "}")
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "Sergei Ivanov"')
    binary = tmp_path / "article.txt"
    binary.write_bytes(gzip.compress(TAJIK.read_bytes()))
    front = Path(__file__).resolve().parent / "data" / "section-front-no-article.html"
    limit = "over the limit of 1,000,000 characters (raise it with --max-chars)"
    return {
        "2 GB file": ([str(huge)], None, f"a file of 2.0 GB, {limit}"),
        "10 MB line": ([str(line)], None, f"a file of 10.0 MB, {limit}"),
        "deep JSON": ([str(deep)], None, "invalid JSON: nested too deeply"),
        "malformed JSON": (
            [str(broken)], None, "invalid JSON: expecting ',' delimiter at column 25"
        ),
        "binary": ([str(binary)], None, "looks like a binary file, not text"),
        "no article": ([str(front)], None, "no article text found in the HTML page"),
        "endless stdin": (
            ["--max-chars", "1000", "-"],
            "yes",  # a real endless pipe, into the real command
            "too large, over the limit of 1,000 characters (raise it with --max-chars)",
        ),
        "odd path": ([str(tmp_path / "a\nb.txt")], None, "no such file"),
    }  # fmt: skip


HOSTILE = ["2 GB file", "10 MB line", "deep JSON", "malformed JSON", "binary", "no article",
           "endless stdin", "odd path"]  # fmt: skip


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_input_through_the_command(tmp_path, kind):
    from typer.testing import CliRunner

    from extractor.cli import app

    args, stdin, reason = hostile_inputs(tmp_path)[kind]
    if stdin == "yes":
        with subprocess.Popen(["yes"], stdout=subprocess.PIPE) as yes:
            result = subprocess.run(
                [sys.executable, "-m", "extractor", *args],
                stdin=yes.stdout,
                capture_output=True,
                text=True,
                timeout=120,
            )
            yes.kill()
        code, stdout, stderr = result.returncode, result.stdout, result.stderr
    else:
        result = CliRunner().invoke(app, args)
        code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert code == 2, stderr
    assert stdout == ""
    source = "<stdin>" if args[-1] == "-" else printable(args[-1])
    assert stderr == f"extract: {source}: {reason}\n"
