"""The unit of work of a batch: one path's articles, each analysed or an error record in
its place; never raises for one bad article. Runs in the worker processes and on Dask."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from extractor import readers
from extractor.options import ExtractOptions
from extractor.readers import Article, InputError
from extractor.schema import ErrorRecord, Record

RecordDict = dict[str, Any]  # a record as written: what `Item.to_dict()` gives


class Done(msgspec.Struct):
    """The place of an article whose record a resumed run already holds (never written)."""

    source: str

    def to_dict(self) -> RecordDict:
        return {"source": self.source, "done": True}


Item = Record | ErrorRecord | Done  # what analysing one article gives


# --- one unit of work -----------------------------------------------------------------


def read_articles(path: str, options: ExtractOptions) -> Iterator[Article | InputError]:
    """The articles in one input file, or the reasons they cannot be read, in file order.

    The one place that knows what a path holds: a text or HTML file or a JSON object is
    one article, a JSON Lines feed many (read.read_articles streams them).
    """
    return readers.read_articles(path, options)


def analyse(
    path: str,
    *,
    nlp: Any,
    options: ExtractOptions | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[Item]:
    """Records (or error records) of the articles in `path`; never raises for one bad article.

    An article whose source is in `skip` (its record is kept from the run being resumed)
    is not analysed: a placeholder `{"source": ..., "done": True}` holds its place, so the
    articles of a feed keep their order.
    """
    from extractor.analyse import analyse as analyse_article

    options = options or ExtractOptions()
    records: list[Item] = []
    for article in read_articles(path, options):
        if isinstance(article, InputError):
            records.append(error_record(article.source, article.reason))
            continue
        if article.source in skip:
            records.append(done_record(article.source))
            continue
        try:
            # Strings spaCy interns for this article are freed when the zone ends.
            with nlp.memory_zone():
                record = analyse_article(nlp, article, options)
        except Exception as error:  # one article's bug must not end a 100,000-article run
            record = error_record(article.source, _describe(error))
        records.append(record)
    return records


def error_record(source: str, message: str) -> ErrorRecord:
    return ErrorRecord(source=source, error=message)


def is_error(record: RecordDict) -> bool:
    return "error" in record


def done_record(source: str) -> Done:
    """The place of an article whose record a resumed run already holds."""
    return Done(source)


def is_done(record: RecordDict) -> bool:
    return record.get("done") is True and len(record) == 2


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split()) or "no message"
    return f"internal error: {type(error).__name__}: {text}"
