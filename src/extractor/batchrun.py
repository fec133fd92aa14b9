"""A batch run for the command line: inputs found, a sink chosen, the worker pool or a
Dask cluster driven, progress drawn, the tally and the exit code. The library's pool is
`extractor.batch`; this is what `extract` wraps around it."""

from __future__ import annotations

import functools
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.markup import escape

from extractor.batch import (
    BatchError,
    Input,
    Item,
    RecordDict,
    error_record,
    find_inputs,
    is_done,
    is_error,
    run,
)
from extractor.console import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    CliOptions,
    count_articles,
    drop_stdout,
    err,
    fail,
    out,
    say,
    warn,
)
from extractor.labels import ENTITY_CATEGORIES, FACT_CATEGORIES
from extractor.readers import (
    STDIN,
)
from extractor.write import Format, select

# --- batch runs -----------------------------------------------------------------------


@dataclass
class _Tally:
    analysed: int = 0
    failed: int = 0
    entities: int = 0
    facts: int = 0
    skipped: int = 0  # inputs and articles of feeds kept from the run being resumed

    def add(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            self.analysed += 1
            if is_error(record):
                self.failed += 1
                continue
            self.entities += sum(len(record.get(c) or ()) for c in ENTITY_CATEGORIES)
            self.facts += sum(len(record.get(c) or ()) for c in FACT_CATEGORIES)


def check_batch(
    sources: list[str],
    fmt: Format | None,
    output: Path | None,
    output_dir: Path | None,
    files_from: str | None,
    resume: bool,
) -> None:
    if STDIN in sources:
        fail("- (stdin) is one article on its own; for a list of paths use --files-from -")
    if fmt in (Format.json, Format.table):
        fail(f"--format {fmt.value} is for one article; many articles are written as jsonl")
    if output is not None and output_dir is not None:
        fail("choose one of -o/--output and --output-dir")
    if output is not None and output.suffix.lower() not in (".jsonl", ".ndjson", ".csv"):
        fail(f"-o {output}: name it .jsonl (JSON Lines) or .csv")
    if output is not None:
        # Found now, not by the rename after the whole run (which left a .part behind).
        from extractor.outputs import PART, errors_path

        written = [output, output.with_name(output.name + PART)]
        if output.suffix.lower() == ".csv":
            written.append(errors_path(output))
        for path in written:
            if path.is_dir():
                fail(f"-o {output}: {path} is a directory; name a file to write")
    if output_dir is not None and output_dir.exists() and not output_dir.is_dir():
        fail(f"--output-dir {output_dir}: is a file, not a folder")
    if resume and output is None and output_dir is None:
        fail("--resume needs -o FILE or --output-dir DIR to resume from")


def run_batch(
    sources: list[str],
    files_from: str | None,
    options: CliOptions,
    *,
    jobs: int,
    timeout: float | None,
    scheduler: str | None,
    sink_options: dict[str, Any],
) -> NoReturn:
    problems: list[str] = []
    seen: set[str] = set()
    inputs = list(find_inputs(sources, problems=problems, seen=seen, skip=_outputs(sink_options)))
    if files_from is not None:
        listed = _read_paths(files_from)
        inputs += find_inputs(listed, expand=False, seen=seen)
    for problem in problems:
        warn(problem, options.quiet and bool(inputs))
    if not inputs:
        if not problems:
            fail("no article paths given (the --files-from list is empty)")
        raise typer.Exit(EXIT_USAGE)

    from extractor.outputs import OutputError, sink_for

    try:
        sink = sink_for(**sink_options)
    except (OutputError, OSError) as error:
        fail(_output_problem(error))
    try:
        to_stdout = sink_options["output"] is None and sink_options["output_dir"] is None
        _run_batch(
            inputs,
            problems,
            sink,
            options,
            to_stdout,
            jobs=jobs,
            timeout=timeout,
            scheduler=scheduler,
        )
    finally:
        sink.release()


def _run_batch(
    inputs: list[Input],
    problems: list[str],
    sink: Any,
    options: CliOptions,
    to_stdout: bool,
    *,
    jobs: int,
    timeout: float | None,
    scheduler: str | None,
) -> NoReturn:
    from extractor.outputs import OutputError

    sink.plan(inputs)
    done = {item for item in inputs if item.error is None and sink.done(item)}
    todo = [item for item in inputs if item.error is None and item not in done]
    skip = sink.done_sources()
    if options.verbose:
        where = f"Dask: {scheduler}" if scheduler else f"{min(jobs, len(todo))} worker processes"
        say(f"{count_articles(len(inputs))}, {len(done):,} already done; {where}")
    tally = _Tally(skipped=len(done))
    started = time.perf_counter()
    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    results = _runner(scheduler, jobs=jobs, timeout=timeout)(
        (item.path for item in todo),
        model=options.model,
        options=options.extract,
        **({"skip": skip} if skip else {}),
    )
    try:
        with _progress(len(todo), options, to_stdout) as advance:
            for item, records in _in_order(inputs, done, results):
                if records is None:
                    sink.keep(item)
                    continue
                tally.skipped += sum(map(is_done, records))
                records = [
                    r if is_error(r) or is_done(r) else select(r, options.categories)
                    for r in records
                ]
                stored = sink.write(item, records)
                tally.add(stored)
                for record in stored:
                    if is_error(record) and not options.quiet:
                        warn(f"{record['source']}: {record['error']}", False, advance.console)
                if item.error is None:
                    advance()
            sink.finish()
    except KeyboardInterrupt:
        # A second Ctrl-C must not cut cleanup; the handler comes back after it, or a caller
        # in this process (a test) would pass an ignored SIGINT on to every child it starts.
        previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            results.close()
            sink.abort()
        finally:
            signal.signal(signal.SIGINT, previous_int)
        if not options.quiet:
            err.print(
                f"[bold]extract:[/bold] interrupted after {count_articles(tally.analysed)}; "
                "the finished ones are kept, --resume goes on from there"
            )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader of stdout went away (| head): stop quietly, as cat does.
        results.close()
        drop_stdout()
        raise typer.Exit(EXIT_SOME_FAILED) from None
    except (BatchError, OutputError, OSError) as error:
        results.close()
        sink.abort()
        fail(_output_problem(error))
    finally:
        signal.signal(signal.SIGTERM, previous_term)
    elapsed = time.perf_counter() - started
    if not options.quiet:
        _summary(tally, elapsed, problems)
    failed = tally.failed + len(problems)
    if failed and tally.analysed - tally.failed == 0 and not tally.skipped:
        raise typer.Exit(EXIT_USAGE)  # nothing could be read
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _in_order(
    inputs: list[Input], done: set[Input], results: Iterator[tuple[str, list[Item]]]
) -> Iterator[tuple[Input, list[RecordDict] | None]]:
    """(input, its records) for every input in input order: None for one already done, an
    error record for one the walk could not read, the runner's results for the others."""
    analysed = iter(results)
    for item in inputs:
        if item.error is not None:
            yield item, [error_record(item.path, item.error).to_dict()]
        elif item in done:
            yield item, None
        else:
            _, records = next(analysed)
            yield item, [record.to_dict() for record in records]
    for _ in analysed:  # nothing is left; this ends the runner (workers stopped and joined)
        pass


def _output_problem(error: BaseException) -> str:
    """One line for an error of the output: its path and the OS's reason when it has them."""
    if isinstance(error, OSError):
        where = error.filename or "stdout"
        return f"{where}: {error.strerror or error}"
    return str(error)


def _runner(scheduler: str | None, *, jobs: int, timeout: float | None) -> Any:
    """batch.run on our worker processes, or cluster.run on the Dask cluster asked for."""
    if scheduler is None:
        return functools.partial(run, jobs=jobs, timeout=timeout)
    try:
        from extractor import cluster
    except ImportError as error:
        fail(str(error))
    return functools.partial(cluster.run, scheduler=scheduler)


def _outputs(sink_options: dict[str, Any]) -> list[Path]:
    """What this run writes: never read back as articles when it lies in a folder given."""
    from extractor.outputs import PART, errors_path

    output, folder = sink_options["output"], sink_options["output_dir"]
    if folder is not None:
        return [folder]
    if output is None:
        return []
    files = [output, errors_path(output)]
    return files + [path.with_name(path.name + PART) for path in files]


def _read_paths(name: str) -> list[str]:
    """The lines of --files-from (a file or - for stdin): one path each, blank lines skipped."""
    try:
        if name == STDIN:
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                fail("--files-from -: no standard input to read")
            data = stream.read()
        else:
            data = Path(name).read_bytes()
    except OSError as error:
        fail(f"--files-from {name}: {error.strerror or error}")
    # Paths are bytes to the OS: undecodable ones survive the round trip (surrogateescape).
    lines = (os.fsdecode(line.rstrip(b"\r")) for line in data.split(b"\n"))
    return [line for line in lines if line.strip()]


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class _Advance:
    """Called once per article; `console` is where messages go while the bar is shown."""

    def __init__(self, progress: Any = None) -> None:
        self.progress = progress
        self.console = progress.console if progress is not None else err
        # Until the first article is done the workers are loading their models.
        self.task = progress.add_task("loading", rate="") if progress is not None else None

    def __call__(self) -> None:
        if self.progress is None:
            return
        self.progress.advance(self.task)
        speed = self.progress.tasks[0].speed
        rate = f"{speed:.1f} articles/s" if speed else ""
        self.progress.update(self.task, description="extracting", rate=rate)


@contextmanager
def _progress(total: int, options: CliOptions, to_stdout: bool) -> Iterator[_Advance]:
    # Only for a person watching stderr, and not over results scrolling in the same terminal.
    if options.quiet or not err.is_terminal or (to_stdout and out.is_terminal) or not total:
        yield _Advance()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        advance = _Advance(progress)
        progress.update(advance.task, total=total)
        yield advance


def _summary(tally: _Tally, elapsed: float, problems: list[str]) -> None:
    rate = tally.analysed / elapsed if elapsed > 0 else 0.0
    parts = [f"{count_articles(tally.analysed)} in {elapsed:.1f} s ({rate:.1f}/s)"]
    failed = tally.failed + len(problems)
    parts.append(f"{failed:,} failed" if failed else "none failed")
    parts.append(f"{tally.entities:,} entities, {tally.facts:,} figures and dates")
    if tally.skipped:
        parts.append(f"{tally.skipped:,} already done")
    err.print(f"[dim]{escape('; '.join(parts))}[/dim]")
