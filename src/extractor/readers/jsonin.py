"""JSON input: one article as a JSON object, many as JSON Lines (or a JSON array).

Scrapers and feed readers store articles this way: `{"id": ..., "url": ..., "title": ...,
"published": ..., "text": ...}`. The text comes from `text_field` (`--text-field`); the
other fields fill the record, under the names feeds commonly use for them.

Each article's `source` says where it came from, so records can be joined back to the
feed: `feed.jsonl#<id>` when it has an id, else its `url`, else `feed.jsonl:<line>`
(`feed.json[<index>]` in an array; the path alone for a file of one object).

Untrusted JSON is bounded: every document or line is size-limited before parsing, deep
nesting (which makes the parser recurse) is refused, and a huge number is an error, not
a hang.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from extractor.meta import parse_date
from extractor.options import ExtractOptions
from extractor.readers.base import (
    Article,
    InputError,
    clean_field,
    decode_bytes,
    markup_limit,
    text_article,
)

# Field names feeds use for each piece of metadata, in order of preference.
_TITLE_FIELDS = ("title", "headline")
_DATE_FIELDS = ("published", "date", "datePublished", "published_at", "pubDate", "pubdate")
_AUTHOR_FIELDS = ("authors", "author", "byline")
_SITE_FIELDS = ("site", "sitename", "site_name", "source")
_URL_FIELDS = ("url", "link")
_ID_FIELDS = ("id", "_id", "guid")
# Stop a "JSON Lines" file whose first lines are all not JSON: it is something else.
_MAX_LEADING_BAD_LINES = 20
_SKIP_FACTOR = 4  # how far past the limit an over-long line is skipped before giving up
_MAX_LISTED_KEYS = 8


def read_document(
    data: bytes, *, source: str, options: ExtractOptions
) -> Iterator[Article | InputError]:
    """A .json file: one object (one article), or an array of them.

    A file of several objects one per line (JSON Lines saved as .json) is read as lines.
    """
    text, encoding = decode_bytes(data, source)
    try:
        value = _loads(text, source)
    except InputError as error:
        if "extra data" not in error.reason:
            raise
        yield from _text_lines(text, source=source, encoding=encoding, options=options)
        return
    yield from _articles(value, source, None, encoding, options)


def read_lines(
    raw: io.RawIOBase,
    *,
    source: str,
    options: ExtractOptions,
    guess_document: bool = False,
) -> Iterator[Article | InputError]:
    """JSON Lines from a stream, one line at a time, each line bounded.

    `guess_document`: the input (stdin) starts with "{" or "[" but may be one JSON
    document over several lines rather than JSON Lines; if its first line is not JSON by
    itself, the whole input is read (bounded) and parsed as one document.
    """
    max_chars = options.max_chars
    limit = markup_limit(max_chars)
    reader = io.BufferedReader(raw, buffer_size=64 * 1024)
    start = reader.peek(4)[:4]
    wide = next((enc for bom, enc in _WIDE_BOMS if start.startswith(bom)), None)
    if wide:
        lines: Iterator[tuple[int, bytes | str | None]] = _wide_lines(reader, wide, limit)
    else:
        if b"\x00" in reader.peek(512)[:512]:
            raise InputError(source, "looks like a binary file, not text")
        lines = _byte_lines(reader, limit)

    leading_bad = 0
    seen_good = False
    for number, line in lines:
        line_source = f"{source}:{number}"
        if line is None:
            yield InputError(line_source, _too_long(max_chars))
            continue
        try:
            line_text, encoding = _decode_line(line, wide, line_source)
        except InputError as error:
            yield error
            continue
        raw_line = line
        line_text = line_text.rstrip("\r\n")
        if not line_text.strip():
            continue
        try:
            value = _loads(line_text, line_source)
        except InputError as error:
            if guess_document and number == 1:
                # Not JSON Lines: a pretty-printed document, or text that opens with a
                # bracket ("[Reuters] ..."). Read it whole, bounded.
                yield from _rest_as_document(raw_line, lines, source=source, options=options)
                return
            yield error
            leading_bad += not seen_good
            if not seen_good and leading_bad >= _MAX_LEADING_BAD_LINES:
                yield InputError(
                    source,
                    f"stopped reading: its first {leading_bad} lines are not JSON "
                    "(is it JSON Lines?)",
                )
                return
            continue
        seen_good = True
        yield from _articles(value, source, number, encoding, options)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode_line(line: bytes | str, wide: str | None, source: str) -> tuple[str, str]:
    if isinstance(line, str):
        return line, wide or "utf-8"
    text, encoding = decode_bytes(line, source)
    return text, "utf-8" if encoding == "utf-8-sig" else encoding


def _rest_as_document(
    first: bytes | str,
    lines: Iterator[tuple[int, bytes | str | None]],
    *,
    source: str,
    options: ExtractOptions,
) -> Iterator[Article | InputError]:
    """The whole input (stdin) as one JSON document; as plain text if it is not JSON."""
    max_chars = options.max_chars
    limit = markup_limit(max_chars)
    parts, size = [first], len(first)
    for _, line in lines:
        if line is None or size > limit:
            raise InputError(source, _too_long(max_chars, what="JSON document"))
        parts.append(line)
        size += len(line)
    if isinstance(first, str):  # a UTF-16/32 stream, decoded as read
        text, encoding = "".join(str(part) for part in parts), "utf-16/32"
    else:
        text, encoding = decode_bytes(b"".join(bytes(part) for part in parts), source)
    try:
        value = _loads(text, source)
    except InputError:
        yield text_article(text, source=source, encoding=encoding, max_chars=max_chars)
        return
    yield from _articles(value, source, None, "utf-8", options)


def _byte_lines(reader: io.BufferedReader, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) from 1; None for a line over `limit`, which is skipped."""
    return _limited_lines(reader.readline, limit)


def _wide_lines(
    reader: io.BufferedReader, encoding: str, limit: int
) -> Iterator[tuple[int, str | None]]:
    """Lines of a UTF-16/32 stream (its BOM says which), decoded as they are read."""
    text = io.TextIOWrapper(reader, encoding=encoding, errors="replace", newline=None)
    return _limited_lines(text.readline, limit)


def _limited_lines(readline: Any, limit: int) -> Iterator[tuple[int, Any]]:
    """(line number, line) from `readline` (bytes or text); None for an over-long line."""
    number = 0
    while True:
        line = readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n" if isinstance(line, bytes) else "\n"):
            yield number, None
            if not _skip_line(readline, limit):
                return
            continue
        yield number, line


def _skip_line(readline: Any, limit: int) -> bool:
    """Read past the rest of an over-long line; False when it does not end soon enough."""
    for _ in range(_SKIP_FACTOR):
        chunk = readline(limit)
        if not chunk:
            return False
        if chunk.endswith(b"\n" if isinstance(chunk, bytes) else "\n"):
            return True
    return False


def _text_lines(
    text: str, *, source: str, encoding: str, options: ExtractOptions
) -> Iterator[Article | InputError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = _loads(line, f"{source}:{number}")
        except InputError as error:
            yield error
            continue
        yield from _articles(value, source, number, encoding, options)


def _loads(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = (
            f"line {error.lineno} column {error.colno}"
            if error.lineno > 1
            else (f"column {error.colno}")
        )
        what = error.msg.removesuffix(" at")  # "Unterminated string starting at"
        raise InputError(source, f"invalid JSON: {what[:1].lower()}{what[1:]} at {where}") from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits rather than take quadratic time.
        raise InputError(source, "invalid JSON: a number too long to read") from None


def _articles(
    value: Any,
    source: str,
    line: int | None,
    encoding: str,
    options: ExtractOptions,
) -> Iterator[Article | InputError]:
    """One article per object: the value of a line or document, or each item of an array."""
    where = f"{source}:{line}" if line else source
    if not isinstance(value, list):
        yield _one(
            value,
            where=where,
            base=source,
            single=line is None,
            encoding=encoding,
            options=options,
        )
        return
    for index, item in enumerate(value):
        yield _one(
            item,
            where=f"{where}[{index}]",
            base=source,
            single=False,
            encoding=encoding,
            options=options,
        )


def _one(item: Any, **how: Any) -> Article | InputError:
    try:
        return _article(item, **how)
    except InputError as error:
        return error


def _article(
    item: Any,
    *,
    where: str,
    base: str,
    single: bool,
    encoding: str,
    options: ExtractOptions,
) -> Article:
    """`where` names the line or item (for errors); `base` is the file; `single`: the
    file is this one object, so its path alone names it."""
    text_field = options.text_field
    if not isinstance(item, Mapping):
        raise InputError(
            where, f"a JSON {_type(item)}, expected an object with a {text_field!r} field"
        )
    text = _field(item, text_field)
    if text is _MISSING:
        keys = ", ".join(str(k) for k in list(item)[:_MAX_LISTED_KEYS]) or "none"
        raise InputError(
            where, f"no {text_field!r} field (its fields: {keys}; choose one with --text-field)"
        )
    if not isinstance(text, str):
        raise InputError(where, f"{text_field!r} is a JSON {_type(text)}, expected a string")
    source_id = _scalar(_first(item, _ID_FIELDS))
    url = _string(_first(item, _URL_FIELDS))
    if source_id is not None:
        source = f"{base}#{source_id}"
    elif url and not single:
        source = url
    else:
        source = where
    meta: dict[str, Any] = {
        "title": _string(_first(item, _TITLE_FIELDS)),
        "published": _date(item, day_first=options.day_first),
        "authors": _authors(_first(item, _AUTHOR_FIELDS)),
        "site": _name(_first(item, _SITE_FIELDS)),
        "url": url,
        "source_id": source_id,
    }
    from extractor.readers.html import looks_like_html, page_article

    try:
        if looks_like_html(text):
            return page_article(text, source=source, encoding=encoding, options=options, **meta)
        return text_article(
            text,
            source=source,
            encoding=encoding,
            max_chars=options.max_chars,
            format="json",
            **meta,
        )
    except InputError as error:
        # Name the line or item, which the user can find, rather than the id.
        raise InputError(where, error.reason) from None


_MISSING = object()


def _field(item: Mapping[str, Any], name: str) -> Any:
    """`name`, or a dotted path into nested objects ("body.text") when there is no such key."""
    if name in item:
        return item[name]
    value: Any = item
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _first(item: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    return next((item[n] for n in names if item.get(n) not in (None, "", [])), None)


def _string(value: Any) -> str | None:
    return clean_field(value)


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return _string(str(value))


def _name(value: Any) -> str | None:
    # {"name": "Reuters"} as well as "Reuters" (schema.org and news APIs nest names).
    if isinstance(value, Mapping):
        value = value.get("name")
    return _string(value)


def _authors(value: Any) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    names = (_name(v) for v in values)
    return tuple(dict.fromkeys(n for n in names if n))


def _date(item: Mapping[str, Any], *, day_first: bool) -> str | None:
    # day_first: --date-order reaches the metadata too ("03/04/2016" as in the text).
    for name in _DATE_FIELDS:
        value = item.get(name)
        if isinstance(value, str) and (iso := parse_date(value, day_first=day_first)):
            return iso
    return None


def _type(value: Any) -> str:
    return {
        dict: "object",
        list: "array",
        str: "string",
        int: "number",
        float: "number",
        bool: "boolean",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _too_long(max_chars: int, what: str = "line") -> str:
    return (
        f"{what} longer than {markup_limit(max_chars):,} bytes, the limit for "
        f"{max_chars:,} characters of text (raise it with --max-chars)"
    )
