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
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import IO, Any

from extractor.batch import Input, error_record, is_done, is_error
from extractor.batch import RecordDict as Record
from extractor.labels import CATEGORIES, ENTITY_CATEGORIES
from extractor.lock import LockHeld, OutputLock
from extractor.write import Format, to_text, write_all, write_stream

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
    """One batch output. Every input is handed over once, in input order: `write` for one
    analysed, `keep` for one whose results a resumed output already holds."""

    lock: OutputLock | None = None

    def plan(self, inputs: list[Input]) -> None:
        """See every input before any is analysed (to name output files without clashes)."""
        return None

    @abstractmethod
    def done(self, item: Input) -> bool:
        """True when a resumed output already holds this input's result."""

    def done_sources(self) -> frozenset[str]:
        """Sources of the records a resumed output holds: articles of a feed not to analyse
        again (their places come back as `done` placeholders)."""
        return frozenset()

    def keep(self, item: Input) -> None:
        """A done input, in its place in input order."""
        return None

    @abstractmethod
    def write(self, item: Input, records: list[Record]) -> list[Record]:
        """Store the records of one input; return those stored and the error records (a
        record that could not be stored becomes one), without placeholders."""

    @abstractmethod
    def finish(self) -> None:
        """The run is complete: move the results into place."""

    @abstractmethod
    def abort(self) -> None:
        """The run was interrupted: keep what was written, for --resume. Never raises: it
        runs while another error is being reported."""

    def release(self) -> None:
        """Let another run write this output (after finish or abort)."""
        if self.lock is not None:
            self.lock.release()


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


def lock_path(output: Path) -> Path:
    """The lock file of -o FILE: FILE.lock (--output-dir DIR has DIR/.extract.lock)."""
    return output.with_name(output.name + ".lock")


class _KeyedSink(Sink):
    """A file sink resumed by source: the sources it kept, and every key in input order
    (to put a resumed file back in that order)."""

    _sources: set[str]
    _done: set[str]
    _order: list[str]

    def done(self, item: Input) -> bool:
        return _key(item.path) in self._done

    def done_sources(self) -> frozenset[str]:
        return frozenset(self._sources)

    def keep(self, item: Input) -> None:
        self._order.append(_key(item.path))

    @contextmanager
    def _opening(self, path: Path, *, resume: bool) -> Iterator[Path]:
        """Lock `path` and give its .part to open, refused when an interrupted run left
        one and this run does not resume it. If opening fails, the lock is let go before
        the error goes on: the next run finds the output free."""
        self.lock = _lock(lock_path(path), path)
        try:
            part = _part(path)
            if part.exists() and not resume:
                raise OutputError(_interrupted(part))
            yield part
        except BaseException:
            self.release()
            raise


class JsonlSink(_KeyedSink):
    """One JSON object per line: records and error records, in input order."""

    def __init__(self, path: Path | None, *, resume: bool, stream: IO[str] | None = None) -> None:
        self.path = path
        self._sources: set[str] = set()  # of the records kept from the run being resumed
        self._done: set[str] = set()  # the same, as keys
        self._order: list[str] = []  # the key of every record, in input order
        self.resumed = False
        if path is None:
            self.file: _Out = _Stream(stream or sys.stdout)
            return
        with self._opening(path, resume=resume) as part:
            if resume:
                earlier = part if part.exists() else path
                lines = _resumable_lines(earlier) if earlier.exists() else iter(())
                self._sources = _rewrite(part, lines, key=_jsonl_source)
                self._done = {_key(source) for source in self._sources}
                self.resumed = True
            # The .part is this run's own: nothing to keep if it stays empty.
            self.fresh = not resume
            self.file = _File(part, append=resume)

    def write(self, item: Input, records: list[Record]) -> list[Record]:
        stored = []
        for record in records:
            key = _key(record["source"])
            self._order.append(key)
            if is_done(record) or key in self._done:
                continue
            self.file.write(to_text(record, Format.jsonl))
            self.fresh = False
            stored.append(record)
        return stored

    def finish(self) -> None:
        if self.path is None:
            return
        part = _part(self.path)
        self.file.close(sync=True)
        if self.resumed:
            # Kept records came first in the .part, retried ones after: input order again,
            # so a resumed run writes the bytes a clean run would.
            _reorder(part, self.path, self._order, _jsonl_spans(part), per_record=True)
        else:
            os.replace(part, self.path)

    def abort(self) -> None:
        if self.path is not None:
            _abort(self.file, _part(self.path), self.fresh)


class CsvSink(_KeyedSink):
    """One row per entity or fact (CSV_COLUMNS); failures in results.errors.jsonl."""

    def __init__(self, path: Path, *, resume: bool) -> None:
        self.path = path
        with self._opening(path, resume=resume) as part:
            self.errors = ErrorLog(errors_path(path))
            self._sources: set[str] = set()
            if resume:
                earlier = part if part.exists() else path
                lines = (
                    _resumable_csv(earlier, complete=earlier == path) if earlier.exists() else None
                )
                if lines is not None:
                    self._sources = _rewrite(part, lines, key=_csv_source)
            self._done = {_key(source) for source in self._sources}
            self._order: list[str] = []
            self.resumed = resume and part.exists()
            self.fresh = not self.resumed  # the .part is this run's own: nothing to keep if no row
            self.file = _File(part, append=self.resumed)
            if not self.resumed:
                self.file.write(_csv_line(CSV_COLUMNS))

    def write(self, item: Input, records: list[Record]) -> list[Record]:
        stored = []
        for record in records:
            key = _key(record["source"])
            if is_done(record):
                self._order.append(key)
            elif is_error(record):
                self.errors.write(record)
                stored.append(record)
            elif key not in self._done:
                self.file.write(_csv_text(csv_rows(record)))
                self._order.append(key)
                self.fresh = False
                stored.append(record)
            else:
                self._order.append(key)
        return stored

    def finish(self) -> None:
        part = _part(self.path)
        self.file.close(sync=True)
        if self.resumed:
            spans, header = _csv_spans(part)
            _reorder(part, self.path, self._order, spans, per_record=False, header=header)
        else:
            os.replace(part, self.path)
        self.errors.finish()

    def abort(self) -> None:
        _abort(self.file, _part(self.path), self.fresh)
        self.errors.abort()


class DirSink(Sink):
    """One indented JSON file per article, mirroring the input tree; errors.jsonl beside.

    Two inputs that would have the same file (`a.txt` and `a.md` -> `a.json`; a feed
    `feed.jsonl` -> `feed/1.json` beside a folder `feed/`) are seen before any is
    analysed, and both keep their whole name: `a.txt.json`, `a.md.json`, `feed.jsonl/1.json`.
    """

    def __init__(self, folder: Path, *, resume: bool) -> None:
        self.folder = folder
        self.resume = resume
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{folder}: {error.strerror or error}") from None
        self.lock = _lock(folder / ".extract.lock", folder)
        self.errors = ErrorLog(folder / "errors.jsonl")
        self._written: dict[Path, str] = {}  # this run's files, to refuse a second writer
        self._whole: set[str] = set()  # relative names that keep their suffix (clashes)

    def plan(self, inputs: list[Input]) -> None:
        stems = Counter(_stem(item.relative) for item in inputs if item.error is None)
        folders = {
            parent.as_posix()
            for item in inputs
            for parent in PurePath(_stem(item.relative)).parents
        }
        for item in inputs:
            stem = _stem(item.relative)
            if stems[stem] > 1 or (stem in folders and _may_hold_many(item.relative)):
                self._whole.add(item.relative)

    def target(self, item: Input, number: int | None = None) -> Path:
        """out/<relative>.json for a file of one article; out/<relative>/<n>.json for the
        n-th article of a file of many (a JSON Lines feed)."""
        relative = Path(item.relative)
        base = relative if item.relative in self._whole else relative.with_suffix("")
        if number is None:
            return self.folder / f"{base}.json"
        return self.folder / base / f"{number}.json"

    def done(self, item: Input) -> bool:
        return self.resume and self.target(item).is_file()

    def write(self, item: Input, records: list[Record]) -> list[Record]:
        many = len(records) > 1
        stored = []
        for number, record in enumerate(records, 1):
            if is_done(record):
                continue
            if is_error(record):
                self.errors.write(record)
                stored.append(record)
                continue
            target = self.target(item, number if many else None)
            if self.resume and many and target.is_file():
                continue  # a feed's article written by the run being resumed
            taken = self._written.get(target)
            if taken is not None:
                message = f"its output {target} was written for {taken} in this run"
                record = error_record(record["source"], message).to_dict()
                self.errors.write(record)
                stored.append(record)
                continue
            self._written[target] = str(record["source"])
            write_atomic(target, to_text(record, Format.json))
            stored.append(record)
        return stored

    def finish(self) -> None:
        self.errors.finish()

    def abort(self) -> None:
        self.errors.abort()


class ErrorLog:
    """Error records as JSON Lines at `path`, which exists only if something failed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: _File | None = None
        self.count = 0

    def write(self, record: Record) -> None:
        if self.file is None:
            self.file = _File(_part(self.path), append=False)
        self.file.write(to_text(record, Format.jsonl))
        self.count += 1

    def finish(self) -> None:
        if self.file is not None:
            self.file.close(sync=True)
            os.replace(_part(self.path), self.path)
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
    """Write `text` to `path` so that a reader sees the old file or the new, never half.

    The bytes reach the disk before the rename (as `-o` does): after a power cut the name
    holds the whole record or the old one, never an empty file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        out = _File(temporary, append=False)
        try:
            out.write(text)
            out.close(sync=True)
        finally:
            out.close()  # after a failed write; a no-op once closed
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


class _Out(ABC):
    """Where a sink's text goes: written through at once, so a full disk raises at the
    write that hit it and nothing is left in a buffer to fail again at close."""

    @abstractmethod
    def write(self, text: str) -> None: ...

    def close(self, *, sync: bool = False) -> None:
        return None


class _Stream(_Out):
    """stdout."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        write_stream(self.stream, text)


class _File(_Out):
    """A file opened for this run (`append` to go on with a resumed one)."""

    def __init__(self, path: Path, *, append: bool) -> None:
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.fd: int | None = os.open(path, flags, 0o666)
        except OSError as error:
            raise OutputError(f"{path}: {error.strerror or error}") from None

    def write(self, text: str) -> None:
        if self.fd is None:
            raise ValueError("write to a closed output file")
        try:
            write_all(self.fd, text.encode("utf-8"))
        except OSError as error:
            raise self._named(error) from None

    def close(self, *, sync: bool = False) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            if sync:
                os.fsync(fd)
        except OSError as error:
            raise self._named(error) from None
        finally:
            os.close(fd)

    def _named(self, error: OSError) -> OSError:
        # os.write's errors name no file; the user's one line should.
        return type(error)(error.errno, error.strerror, str(self.path))


def _lock(path: Path, output: Path) -> OutputLock:
    try:
        return OutputLock(path)
    except LockHeld as held:
        who = f" (pid {held.pid})" if held.pid is not None else ""
        raise OutputError(f"another extract is writing {output}{who}") from None
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror or error}") from None


def _abort(file: _Out, part: Path, fresh: bool) -> None:
    try:
        file.close()
        if fresh:  # e.g. the model could not be loaded: no .part to block the next run
            part.unlink(missing_ok=True)
    except OSError:
        pass  # the error being reported is the one that matters


def _stem(relative: str) -> str:
    return PurePath(relative).with_suffix("").as_posix() if relative not in ("", ".") else "."


def _may_hold_many(relative: str) -> bool:
    # JSON Lines feeds and JSON arrays become a folder of numbered files.
    return PurePath(relative).suffix.lower() in (".json", ".jsonl", ".ndjson", ".jsonlines")


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


def _csv_text(rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO(newline="")
    csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore").writerows(rows)
    return out.getvalue()


def _jsonl_source(line: str) -> str:
    return json.loads(line)["source"]


def _csv_source(line: str) -> str | None:
    row = next(csv.reader([line]))
    return None if tuple(row) == CSV_COLUMNS else row[0]


def _rewrite(part: Path, lines: Iterable[str], *, key: Callable[[str], str | None]) -> set[str]:
    """Write `lines` to `part` atomically (it may be their source); their sources."""
    done: set[str] = set()
    temporary = part.with_name(f".{part.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as file:
            for line in lines:
                file.write(line)
                source = key(line)
                if source is not None:
                    done.add(source)
        os.replace(temporary, part)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return done


# --- putting a resumed output back in input order ---------------------------------------

Span = tuple[str, int, int]  # (key, start, end): one record's line (or one CSV row), in bytes


def _jsonl_spans(path: Path) -> Iterator[Span]:
    with path.open("rb") as file:
        start = 0
        for line in file:
            yield _key(_jsonl_source(line.decode("utf-8"))), start, start + len(line)
            start += len(line)


def _csv_spans(path: Path) -> tuple[list[Span], int]:
    """The rows of a CSV file as spans (a quoted field may hold a line break), and where
    its header ends."""
    end = 0

    def lines() -> Iterator[str]:
        nonlocal end
        with path.open("rb") as file:
            for line in file:
                end += len(line)
                yield line.decode("utf-8")

    reader = csv.reader(lines())
    next(reader, None)
    header = start = end
    spans = []
    for row in reader:
        spans.append((_key(row[0]), start, end))
        start = end
    return spans, header


def _reorder(
    part: Path,
    path: Path,
    order: list[str],
    spans: Iterable[Span],
    *,
    per_record: bool,
    header: int = 0,
) -> None:
    """Write `part` to `path` with its records in `order` (keys; one line per record when
    `per_record`, else all rows of a key at its first place), then remove `part`. Records
    no input of this run named (an earlier run's) follow, as they were: none is dropped."""
    places: dict[str, deque[tuple[int, int]]] = {}
    for key, start, end in spans:
        places.setdefault(key, deque()).append((start, end))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with part.open("rb") as source:
            out = _File(temporary, append=False)
            try:
                out.write(source.read(header).decode("utf-8"))
                for key in order:
                    queue = places.get(key)
                    while queue:
                        start, end = queue.popleft()
                        source.seek(start)
                        out.write(source.read(end - start).decode("utf-8"))
                        if per_record:
                            break
                rest = sorted(place for queue in places.values() for place in queue)
                for start, end in rest:
                    source.seek(start)
                    out.write(source.read(end - start).decode("utf-8"))
            finally:
                out.close(sync=True)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    part.unlink()
