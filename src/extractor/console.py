"""What the command line shows a person: the two consoles (results on stdout, messages
on stderr), the exit codes, one-line messages, and the options of a run."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from extractor.options import ExtractOptions

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # batch runs: some inputs could not be read (not used for one article)
EXIT_USAGE = 2  # bad options, or nothing could be read, or no model
EXIT_INTERRUPTED = 130  # batch runs: Ctrl-C (or SIGTERM); finished results are kept

# Results only on stdout; everything meant for a person on stderr.
out = Console()
# emoji=False: a file named "a:x:b.txt" must not print as an emoji in a message.
err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)


@dataclass(frozen=True)
class CliOptions:
    """What every article gets, in one run or many: the library's options, and the CLI's."""

    model: str | None
    categories: tuple[str, ...] | None
    extract: ExtractOptions
    verbose: bool
    quiet: bool


def say(message: str) -> None:
    err.print(f"[dim]{escape(message)}[/dim]")


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    err.print(f"[bold red]extract:[/bold red] {escape(message)}")
    raise typer.Exit(code) from None


def drop_stdout() -> None:
    """stdout to /dev/null: what is left in its buffer must not fail again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's): nothing is flushed at exit


def count_articles(count: int) -> str:
    return f"{count:,} article" if count == 1 else f"{count:,} articles"


def warn(message: str, quiet: bool, console: Console | None = None) -> None:
    if not quiet:
        (console or err).print(f"[bold red]extract:[/bold red] {escape(message)}")


@contextmanager
def nothing() -> Iterator[None]:
    yield
