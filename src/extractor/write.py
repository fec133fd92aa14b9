"""Records out: every output format is chosen and rendered here, in one place.

JSON to a terminal is coloured for a person; anywhere else it is plain UTF-8 JSON and
nothing more, so `extract a.txt | jq` always works. A batch run reuses `to_text` for files
and `write_record` for stdout, one record at a time.
"""

from __future__ import annotations

import errno
import io
import json
import os
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import IO, Any

import msgspec
from rich.console import Console, Group, RenderableType
from rich.json import JSON
from rich.table import Table
from rich.text import Text

from extractor.labels import CATEGORIES
from extractor.schema import ErrorRecord, Record

# A typed record (the library's) or its dict (read back from JSON, or with --only applied).
AnyRecord = Record | ErrorRecord | Mapping[str, Any]


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


# Columns a person wants per category, in order; a column none of the items has is dropped.
_ENTITY_COLUMNS = ("name", "count", "salience", "aliases")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": (*_ENTITY_COLUMNS, "titles"),
    "organizations": _ENTITY_COLUMNS,
    "places": (*_ENTITY_COLUMNS, "kind", "country_code", "lat, lon"),
    "groups": _ENTITY_COLUMNS,
    "figures": ("text", "kind", "value", "unit", "qualifier", "currency", "start", "end"),
    "dates": ("text", "kind", "value", "start", "end"),
}


def as_dict(record: AnyRecord) -> Mapping[str, Any]:
    """The JSON-ready mapping of a record, typed or not."""
    return record.to_dict() if isinstance(record, Record | ErrorRecord) else record


def select(record: AnyRecord, only: Iterable[str] | None) -> dict[str, Any]:
    """The record with only the categories in `only` (all when None); metadata is kept."""
    record = as_dict(record)
    if only is None:
        return dict(record)
    keep = set(only)
    return {key: value for key, value in record.items() if key not in CATEGORIES or key in keep}


def to_text(record: AnyRecord, fmt: Format, *, compact: bool = False) -> str:
    """Plain text of one record in a machine format (json or jsonl), ending with a newline.

    The bytes are those `json.dumps` has always written. Its C encoder makes the one-line
    form (msgspec's encoder would be faster, but writes 1e16 where Python writes 1e+16);
    the indented form is that line re-indented by msgspec, which copies numbers and
    strings as they are and lays out exactly as `json.dumps(indent=2)`, whose pure-Python
    encoder took three times as long.
    """
    if fmt is Format.table:
        raise ValueError("the table format is for people, not files: use json or jsonl")
    # ensure_ascii=False: names stay readable; RFC 8259 JSON is UTF-8 anyway.
    line = json.dumps(as_dict(record), ensure_ascii=False, separators=(",", ":"))
    if fmt is Format.jsonl or compact:
        return line + "\n"
    return msgspec.json.format(line, indent=2) + "\n"


def write_record(
    record: AnyRecord, console: Console, fmt: Format = Format.json, *, compact: bool = False
) -> None:
    """Write one record to `console` (stdout) in `fmt`; colour only when it is a terminal."""
    record = as_dict(record)
    if fmt is Format.table:
        console.print(tables(record))
    elif console.is_terminal and fmt is Format.json:
        console.print(
            JSON.from_data(record, indent=None if compact else 2, ensure_ascii=False),
            soft_wrap=True,
        )
    else:
        _write_plain(console, to_text(record, fmt, compact=compact))


def tables(record: AnyRecord) -> RenderableType:
    """A header line and one Rich table per category present in the record."""
    record = as_dict(record)
    header = Text()
    header.append(str(record.get("title") or "(no title)"), style="bold")
    for key in ("published", "source"):
        if record.get(key):
            header.append(f"  {key}: {record[key]}", style="dim")
    parts: list[RenderableType] = [header]
    for category in CATEGORIES:
        if category not in record:
            continue  # left out with --only
        items = record[category] or []
        if not items:
            parts.append(Text(f"{category}: none", style="dim"))
            continue
        parts.append(_table(category, items))
    return Group(*parts)


def _table(category: str, items: list[Mapping[str, Any]]) -> Table:
    columns = [c for c in _COLUMNS.get(category, ()) if any(_cell(i, c) for i in items)]
    table = Table(title=f"{category} ({len(items)})", title_justify="left", title_style="bold")
    for column in columns:
        table.add_column(
            "country" if column == "country_code" else column,
            justify="right" if column in _NUMERIC else "left",
            no_wrap=column == "name",
        )
    for item in items:
        table.add_row(*(_cell(item, column) for column in columns))
    return table


_NUMERIC = {"count", "salience", "start", "end", "value", "lat, lon"}


def _cell(item: Mapping[str, Any], column: str) -> str:
    if column == "lat, lon":
        lat, lon = item.get("lat"), item.get("lon")
        return f"{lat:.2f}, {lon:.2f}" if lat is not None and lon is not None else ""
    value = item.get(column)
    if value is None:
        return ""
    if column == "salience":
        return f"{value:.3f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _write_plain(console: Console, text: str) -> None:
    # Bypass Rich: no wrapping, no markup, and UTF-8 bytes whatever the locale's encoding.
    write_stream(console.file, text)


def write_stream(stream: IO[str], text: str) -> None:
    """`text` as UTF-8 to a text stream; straight to its file descriptor when it has one, so
    a full disk raises here (Python's buffered writer loses the rest of a short write)."""
    stream.flush()
    fd = _fileno(stream)
    if fd is not None:
        write_all(fd, text.encode("utf-8"))
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def write_all(fd: int, data: bytes) -> None:
    """Every byte of `data` to `fd`, or OSError: a short write is retried, so a full disk or
    a file-size limit ends in ENOSPC / EFBIG, never in a file silently cut short."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _fileno(stream: IO[str]) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None  # a test runner's or an in-memory stream
