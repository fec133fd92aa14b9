"""Where a batch run writes: JSON Lines (stdout or a file), CSV, or one JSON file per article.

Nothing a user opens is ever half-written. A JSONL or CSV file is built as `NAME.part`,
flushed after every article, so Ctrl-C or a crash keeps all finished work, and renamed to
NAME when the run completes; a file per article is written under a temporary name and
renamed. `--resume` reads what an earlier run left (the .part, else the finished file),
keeps every good record and skips those articles; articles that failed are tried again,
so their old error records are dropped. (A feed file of many articles is read again, and
only its articles not yet written are added.)

Error records `{"source": ..., "error": ...}` go inline in JSON Lines; CSV and
--output-dir put them in a JSON Lines file beside the results (`results.errors.jsonl`,
`out/errors.jsonl`), which exists only when something failed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from extractor.batch import Input, Record, is_error
from extractor.labels import CATEGORIES, ENTITY_CATEGORIES
from extractor.write import Format, to_text

PART = ".part"

# One row per entity or fact. Entities fill name..lon and the first mention's start/end;
# facts fill name (their text), kind, value..currency, start and end.
CSV_COLUMNS = (
    "source",
    "title",
    "published",
    "category",
    "name",
    "count",
    "salience",
    "kind",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "currency",
    "country_code",
    "geonames_id",
    "lat",
    "lon",
    "start",
    "end",
    "aliases",
    "titles",
)
LIST_SEPARATOR = "; "


class OutputError(Exception):
    """The output cannot be written or resumed; one line for the user."""


class Sink(ABC):
    """One batch output. `write` is called once per input, in input order."""

    @abstractmethod
    def done(self, item: Input) -> bool:
        """True when a resumed output already holds this input's result."""

    @abstractmethod
    def write(self, item: Input, records: list[Record]) -> None: ...

    @abstractmethod
    def finish(self) -> None:
        """The run is complete: move the results into place."""

    @abstractmethod
    def abort(self) -> None:
        """The run was interrupted: keep what was written, for --resume."""


def sink_for(
    *, output: Path | None, output_dir: Path | None, resume: bool, stdout: IO[str] | None = None
) -> Sink:
    """The sink the options ask for: --output-dir, -o *.csv, -o *.jsonl, else stdout."""
    if output_dir is not None:
        return DirSink(output_dir, resume=resume)
    if output is None:
        return JsonlSink(None, resume=False, stream=stdout or sys.stdout)
    if output.suffix.lower() == ".csv":
        return CsvSink(output, resume=resume)
    return JsonlSink(output, resume=resume)


def errors_path(output: Path) -> Path:
    """Where CSV output puts its error records: results.csv -> results.errors.jsonl."""
    return output.with_suffix(".errors.jsonl")


class JsonlSink(Sink):
    """One JSON object per line: records and error records, in input order."""

    def __init__(self, path: Path | None, *, resume: bool, stream: IO[str] | None = None) -> None:
        self.path = path
        self._done: set[str] = set()
        if path is None:
            self.file = stream or sys.stdout
            return
        part = _part(path)
        if resume:
            earlier = part if part.exists() else path
            lines = _resumable_lines(earlier) if earlier.exists() else iter(())
            self._done = _rewrite(part, lines, key=lambda line: json.loads(line)["source"])
        elif part.exists():
            raise OutputError(_interrupted(part))
        self.fresh = not resume  # the .part is this run's own: nothing to keep if it stays empty
        self.file = _open(part, "a" if resume else "w")

    def done(self, item: Input) -> bool:
        return _key(item.path) in self._done

    def write(self, item: Input, records: list[Record]) -> None:
        for record in records:
            if _key(record["source"]) not in self._done:
                _write_plain(self.file, to_text(record, Format.jsonl))
                self.fresh = False
        self.file.flush()

    def finish(self) -> None:
        if self.path is not None:
            _finish(self.file, _part(self.path), self.path)

    def abort(self) -> None:
        if self.path is not None:
            _abort(self.file, _part(self.path), self.fresh)


class CsvSink(Sink):
    """One row per entity or fact (CSV_COLUMNS); failures in results.errors.jsonl."""

    def __init__(self, path: Path, *, resume: bool) -> None:
        self.path = path
        part = _part(path)
        self.errors = ErrorLog(errors_path(path))
        self._done: set[str] = set()
        if resume:
            earlier = part if part.exists() else path
            lines = _resumable_csv(earlier, complete=earlier == path) if earlier.exists() else None
            if lines is not None:
                self._done = _rewrite(part, lines, key=_csv_source)
        elif part.exists():
            raise OutputError(_interrupted(part))
        resumed = resume and part.exists()
        self.fresh = not resumed  # the .part is this run's own: nothing to keep if no row
        self.file = _open(part, "a" if resumed else "w", newline="")
        self.writer = csv.DictWriter(self.file, CSV_COLUMNS, extrasaction="ignore")
        if not resumed:
            self.writer.writeheader()
            self.file.flush()

    def done(self, item: Input) -> bool:
        return _key(item.path) in self._done

    def write(self, item: Input, records: list[Record]) -> None:
        for record in records:
            if is_error(record):
                self.errors.write(record)
            elif _key(record["source"]) not in self._done:
                self.writer.writerows(csv_rows(record))
                self.fresh = False
        self.file.flush()

    def finish(self) -> None:
        _finish(self.file, _part(self.path), self.path)
        self.errors.finish()

    def abort(self) -> None:
        _abort(self.file, _part(self.path), self.fresh)
        self.errors.abort()


class DirSink(Sink):
    """One indented JSON file per article, mirroring the input tree; errors.jsonl beside."""

    def __init__(self, folder: Path, *, resume: bool) -> None:
        self.folder = folder
        self.resume = resume
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{folder}: {error.strerror or error}") from None
        self.errors = ErrorLog(folder / "errors.jsonl")
        self._written: dict[Path, str] = {}  # this run's files, to refuse a second writer

    def target(self, item: Input, number: int | None = None) -> Path:
        """out/<relative>.json for a file of one article; out/<relative>/<n>.json for the
        n-th article of a file of many (a JSON Lines feed)."""
        relative = Path(item.relative)
        if number is None:
            return self.folder / relative.with_suffix(".json")
        return self.folder / relative.with_suffix("") / f"{number}.json"

    def done(self, item: Input) -> bool:
        return self.resume and self.target(item).is_file()

    def write(self, item: Input, records: list[Record]) -> None:
        many = len(records) > 1
        for number, record in enumerate(records, 1):
            if is_error(record):
                self.errors.write(record)
                continue
            target = self.target(item, number if many else None)
            if self.resume and many and target.is_file():
                continue  # a feed's article written by the run being resumed
            taken = self._written.get(target)
            if taken is not None:
                message = f"its output {target} was written for {taken} in this run"
                self.errors.write({"source": record["source"], "error": message})
                continue
            self._written[target] = str(record["source"])
            write_atomic(target, to_text(record, Format.json))

    def finish(self) -> None:
        self.errors.finish()

    def abort(self) -> None:
        self.errors.abort()


class ErrorLog:
    """Error records as JSON Lines at `path`, which exists only if something failed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: IO[str] | None = None
        self.count = 0

    def write(self, record: Record) -> None:
        if self.file is None:
            self.file = _open(_part(self.path), "w")
        _write_plain(self.file, to_text(record, Format.jsonl))
        self.file.flush()
        self.count += 1

    def finish(self) -> None:
        if self.file is not None:
            _finish(self.file, _part(self.path), self.path)
        else:
            # A stale list from an earlier run: its articles were tried again and passed.
            _part(self.path).unlink(missing_ok=True)
            self.path.unlink(missing_ok=True)

    def abort(self) -> None:
        if self.file is not None:
            self.file.close()


def csv_rows(record: Record) -> Iterator[dict[str, Any]]:
    """The CSV rows of one record: one per entity or fact, categories in contract order."""
    meta = {key: record.get(key) for key in ("source", "title", "published")}
    for category in CATEGORIES:
        for item in record.get(category) or ():
            row = dict(meta, category=category)
            for column in CSV_COLUMNS[4:]:
                value = item.get(column)
                if isinstance(value, list):
                    value = LIST_SEPARATOR.join(str(v) for v in value)
                row[column] = value
            if category in ENTITY_CATEGORIES:
                first = (item.get("mentions") or [{}])[0]
                row["start"], row["end"] = first.get("start"), first.get("end")
            else:
                row["name"] = item.get("text")
            yield row


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(text.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _part(path: Path) -> Path:
    return path.with_name(path.name + PART)


def _key(source: str) -> str:
    # "./a.txt" and "a.txt" are the same article when resuming.
    return os.path.normpath(source)


def _interrupted(part: Path) -> str:
    return (
        f"{part}: results of an interrupted run are there; "
        "add --resume to continue it, or delete it to start again"
    )


def _open(path: Path, mode: str, newline: str | None = None) -> IO[str]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open(mode, encoding="utf-8", newline=newline)
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror or error}") from None


def _finish(file: IO[str], part: Path, path: Path) -> None:
    file.flush()
    os.fsync(file.fileno())
    file.close()
    os.replace(part, path)


def _abort(file: IO[str], part: Path, fresh: bool) -> None:
    file.close()
    if fresh:  # e.g. the model could not be loaded: no .part to block the next run
        part.unlink(missing_ok=True)


def _write_plain(file: IO[str], text: str) -> None:
    buffer = getattr(file, "buffer", None)
    if buffer is None:
        file.write(text)
        return
    # stdout: UTF-8 whatever the locale, as write.py does for one record.
    file.flush()
    buffer.write(text.encode("utf-8"))


def _resumable_lines(path: Path) -> Iterator[str]:
    """Complete good records of an earlier JSONL output; a line cut by a crash is not one."""
    with path.open(encoding="utf-8", errors="replace") as file:
        for line in file:
            if not line.endswith("\n"):
                break  # the run died while writing it
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "source" in record and not is_error(record):
                yield line


def _resumable_csv(path: Path, *, complete: bool) -> Iterator[str]:
    """The header and the rows of an earlier CSV output, as text. Of an interrupted run,
    all but the last article's rows, which may have been cut short: it is analysed again."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        if tuple(next(reader, ())) != CSV_COLUMNS:
            raise OutputError(f"{path}: not a CSV written by extract; cannot resume it")
        yield _csv_line(CSV_COLUMNS)
        group: list[list[str]] = []
        for row in reader:
            if len(row) != len(CSV_COLUMNS):
                break  # cut short
            if group and row[0] != group[0][0]:
                yield from map(_csv_line, group)
                group = []
            group.append(row)
        if complete:
            yield from map(_csv_line, group)


def _csv_line(row: Iterable[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(row)
    return out.getvalue()


def _csv_source(line: str) -> str | None:
    row = next(csv.reader([line]))
    return None if tuple(row) == CSV_COLUMNS else row[0]


def _rewrite(part: Path, lines: Iterable[str], *, key: Callable[[str], str | None]) -> set[str]:
    """Write `lines` to `part` atomically (it may be their source); their keys (sources)."""
    done: set[str] = set()
    temporary = part.with_name(f".{part.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as file:
            for line in lines:
                file.write(line)
                source = key(line)
                if source is not None:
                    done.add(_key(source))
        os.replace(temporary, part)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return done
