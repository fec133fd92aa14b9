"""Read articles (a path, or `-` for stdin) into text and metadata.

Three input formats, told apart by extension and, for stdin or an unknown extension, by
their first bytes: plain text, an HTML page (main text and metadata by trafilatura, in
`extractor.readers.html`), and JSON / JSON Lines (`extractor.readers.jsonin`), each a
module over `extractor.readers.base`. Every way an input can be unusable ends as an
`InputError` with a one-line message, so the CLI can print it and a batch run can turn
it into an error record and go on.

Whatever the format, the text is normalized here, once, before analysis (`clean_text`),
and `Article.text` is exactly the text the offsets of a record index.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from extractor.options import ExtractOptions
from extractor.readers.base import (
    BOMS,
    MAX_BYTES_PER_CHAR,
    Article,
    InputError,
    Kind,
    ManyArticles,
    clean_field,
    clean_text,
    decode,
    decode_bytes,
    markup_limit,
    printable,
    text_article,
    too_large,
)

# The readers' public names, read_article and read_articles first.
__all__ = [
    "STDIN",
    "STDIN_SOURCE",
    "Article",
    "InputError",
    "Kind",
    "ManyArticles",
    "clean_field",
    "clean_text",
    "decode",
    "decode_bytes",
    "is_feed",
    "markup_limit",
    "printable",
    "read_article",
    "read_articles",
    "sniff",
    "text_article",
]

STDIN = "-"
STDIN_SOURCE = "<stdin>"  # the record's `source` for text read from stdin
_SNIFF_BYTES = 512  # enough to see a doctype or an opening brace after a BOM and blanks

_EXTENSIONS: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".txt": "text",
    ".text": "text",
}
_HTML_START = re.compile(
    r"\A(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)


def is_feed(path: str) -> bool:
    """Does the name say JSON Lines, a file of many articles (`feed.jsonl`)?"""
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower()) == "jsonl"


def read_article(
    source: str | os.PathLike[str],
    options: ExtractOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Article:
    """Read one article from `source` (a path, or "-" for `stdin`); raise InputError if unusable.

    `options` gives max_chars, text_field and the date order of metadata dates.

    A JSON Lines file (or a JSON array) holding more than one article is an error here:
    read those with `read_articles`.
    """
    name = os.fspath(source)
    items = read_articles(name, options, stdin=stdin)
    first = next(items, None)
    if first is None:
        raise InputError(_source_name(name), "no article in it (an empty JSON Lines file)")
    if isinstance(first, InputError):
        raise first
    if next(items, None) is not None:
        raise ManyArticles(
            _source_name(name), "holds more than one article (a feed): read it with read_articles"
        )
    return first


def read_articles(
    path_or_dash: str | os.PathLike[str],
    options: ExtractOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Every article in one input: one for text, HTML and a JSON object, many for JSON Lines.

    Never raises InputError: each problem is *yielded* as an InputError instance, so a
    batch writes an error record for it and goes on. A problem with the whole input (no
    such file, too large, binary, malformed JSON document) is the only item; a problem
    with one line of a JSON Lines file (source `feed.jsonl:7`) is yielded in that line's
    place and the next lines are still read. JSON Lines are read one line at a time, so
    a feed of any length streams in bounded memory; each line is bounded by `max_chars`.
    `options.text_field` names the JSON field holding the text (dots reach into objects:
    "body.text"); `options.date_order` reads all-numeric dates of JSON fields.
    """
    options = options or ExtractOptions()
    name = os.fspath(path_or_dash)
    source = _source_name(name)
    try:
        if name == STDIN:
            if stdin is None:
                raise InputError(STDIN_SOURCE, "no standard input to read")
            yield from _read_stream(stdin, source, None, options)
            return
        try:
            with Path(name).open("rb") as stream:
                kind = _EXTENSIONS.get(Path(name).suffix.lower())
                yield from _read_stream(stream, source, kind, options)
        except FileNotFoundError:
            raise InputError(source, "no such file") from None
        except IsADirectoryError:
            raise InputError(source, "is a directory, expected a file") from None
        except PermissionError:
            raise InputError(source, "permission denied") from None
        except OSError as error:
            # Whatever else the OS refuses (device errors, bad names): its own words, one line.
            raise InputError(source, error.strerror or str(error)) from None
    except InputError as error:
        yield error


# --- reading -------------------------------------------------------------------------


def _source_name(name: str) -> str:
    return STDIN_SOURCE if name == STDIN else printable(name)


def sniff(head: bytes) -> Kind:
    """What the first bytes of an input of unknown type say it is."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            start = head[len(bom) :]
            head_text = start.decode(encoding.replace("-sig", ""), errors="ignore")
            break
    else:
        head_text = head.decode("latin-1")
    if _HTML_START.match(head_text):
        return "html"
    stripped = head_text.lstrip()
    if stripped[:1] in ("{", "["):
        return "json"
    return "text"


def _read_stream(
    stream: BinaryIO, source: str, kind: Kind | None, options: ExtractOptions
) -> Iterator[Article | InputError]:
    max_chars = options.max_chars
    text_limit = max_chars * MAX_BYTES_PER_CHAR
    head = b""
    if kind is None:
        # Only as much as plain text may have: a stream of text over the limit is refused
        # having read no more than the limit.
        head = stream.read(min(_SNIFF_BYTES, text_limit + 1))
        kind = sniff(head)
        if kind == "json" and source != STDIN_SOURCE:
            # Only a .json/.jsonl name says JSON: "[Read more](...)" opens many a .md file.
            kind = "text"
    limit = text_limit if kind == "text" else markup_limit(max_chars)
    # The format modules are imported when their format comes: HTML brings trafilatura,
    # which a run of text files should not pay for at start-up.
    if kind == "jsonl" or (kind == "json" and source == STDIN_SOURCE):
        from extractor.readers import jsonin

        yield from jsonin.read_lines(
            _Prefixed(head, stream),
            source=source,
            options=options,
            guess_document=kind == "json",
        )
        return
    _check_size(stream, source, limit, max_chars)
    data = _read_limited(stream, source, limit, max_chars, head=head)
    if kind == "html":
        from extractor.readers import html

        yield html.read_page(data, source=source, options=options)
    elif kind == "json":
        from extractor.readers import jsonin

        yield from jsonin.read_document(data, source=source, options=options)
    else:
        yield decode(data, source=source, max_chars=max_chars)


def _check_size(stream: BinaryIO, source: str, limit: int, max_chars: int) -> None:
    """A file (or stdin redirected from one) larger than the limit is refused unread."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return  # an in-memory stream or a pipe: _read_limited bounds it
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise InputError(source, too_large(None, max_chars, size=info.st_size))


def _read_limited(
    stream: BinaryIO, source: str, limit: int, max_chars: int, *, head: bytes = b""
) -> bytes:
    """`head` (already read) and the rest of the stream, refused once it passes `limit`."""
    # Read one byte past the limit: enough to know it is too large, without reading it all.
    data = head if len(head) > limit else head + stream.read(limit - len(head) + 1)
    if len(data) > limit:
        raise InputError(source, too_large(None, max_chars))
    return data


class _Prefixed(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream: one raw stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)
