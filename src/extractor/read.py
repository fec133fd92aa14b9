"""Read one article (a path, or `-` for stdin) into text.

Every way an input can be unusable ends as an `InputError` with a one-line message, so
the CLI can print it and a batch run can turn it into an error record and go on.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

STDIN = "-"
STDIN_SOURCE = "<stdin>"  # the record's `source` for text read from stdin
# spaCy's own default `nlp.max_length`: its parser and NER need about 1 GB of memory per
# 100,000 characters, and a news article is a few thousand.
DEFAULT_MAX_CHARS = 1_000_000

# Longest encoded size of one character (UTF-8 and UTF-32): bytes beyond max_chars * 4
# cannot decode to fewer than max_chars characters, so we stop reading there.
_MAX_BYTES_PER_CHAR = 4
# Text that survived decoding but is this full of control characters is not prose.
_MAX_CONTROL_RATIO = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """An input that cannot be analysed; `str(error)` is a one-line message for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Article:
    source: str  # the path as given, or STDIN_SOURCE
    text: str  # decoded, BOM removed, newlines normalized to "\n"; offsets index this
    encoding: str  # the codec that decoded the bytes, e.g. "utf-8", "cp1252"


def read_article(
    source: str | os.PathLike[str],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
) -> Article:
    """Read `source` (a path, or "-" for `stdin`) and decode it; raise InputError if unusable."""
    name = os.fspath(source)
    if name == STDIN:
        if stdin is None:
            raise InputError(STDIN_SOURCE, "no standard input to read")
        data = _read_limited(stdin, STDIN_SOURCE, max_chars)
        return decode(data, source=STDIN_SOURCE, max_chars=max_chars)
    data = _read_file(Path(name), name, max_chars)
    return decode(data, source=name, max_chars=max_chars)


def decode(data: bytes, *, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Bytes -> Article: UTF-8 (or a BOM's encoding) first, else what charset-normalizer finds."""
    text, encoding = _decode(data, source)
    # The same newlines `open()` and `Path.read_text()` give, so offsets agree with them.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > max_chars:
        raise InputError(source, _too_large(len(text), max_chars))
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_RATIO:
        raise InputError(source, "looks like a binary file, not text")
    return Article(source=source, text=text, encoding=encoding)


def _read_file(path: Path, source: str, max_chars: int) -> bytes:
    try:
        with path.open("rb") as stream:
            return _read_limited(stream, source, max_chars)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, expected a file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as error:
        # Whatever else the OS refuses (device errors, bad names): its own words, one line.
        raise InputError(source, error.strerror or str(error)) from None


def _read_limited(stream: BinaryIO, source: str, max_chars: int) -> bytes:
    # Read one byte past the limit: enough to know it is too large, without reading it all.
    limit = max_chars * _MAX_BYTES_PER_CHAR
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(source, _too_large(None, max_chars))
    return data


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                # utf-8-sig drops its BOM; the utf-16/32 codecs consume theirs.
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(source, f"invalid {encoding} after its byte-order mark") from None
    # NUL never occurs in text in a BOM-less 8-bit encoding; it does in every binary format.
    if b"\x00" in data:
        raise InputError(source, "looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess(data, source)


def _guess(data: bytes, source: str) -> tuple[str, str]:
    # Imported here: only non-UTF-8 input pays for it.
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    # charset-normalizer ranks by "chaos" alone, and an English article with one "é" in
    # cp1252 comes out as Big5 (no language recognised). A match in which it recognises a
    # language is the one to trust; the ranking decides only when none has one.
    best = next((m for m in matches if m.coherence > 0), matches[0] if matches else None)
    if best is None:
        raise InputError(source, "not UTF-8 and no text encoding fits; is it a binary file?")
    # Several codecs give the same text; name the one people know (Windows "Latin-1").
    encoding = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    return str(best), encoding


def _too_large(chars: int | None, max_chars: int) -> str:
    size = f"{chars:,} characters" if chars is not None else "too large"
    return f"{size}, over the limit of {max_chars:,} characters (raise it with --max-chars)"
