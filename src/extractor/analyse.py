"""One article through the pipeline: the unit of work every path shares (the library's
`Extractor`, the worker pool, the Dask workers), below all of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractor import chunks, record
from extractor import meta as meta_module
from extractor.meta import Header
from extractor.options import ExtractOptions
from extractor.readers import Article
from extractor.schema import Record

if TYPE_CHECKING:
    from spacy.language import Language

    from extractor.pipeline import PipelineSpec


@lru_cache(maxsize=4)
def default_pipeline(model: str | PipelineSpec | None = None) -> Language:
    """The pipeline for a model name, or for a `PipelineSpec` (patterns, a config)."""
    from extractor.pipeline import load_spec

    return load_spec(model)


def analyse(
    nlp: Language,
    text_or_article: str | Article,
    options: ExtractOptions,
    *,
    source: str | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Record:
    """One article's record (see `api.Extractor.extract`)."""
    if isinstance(text_or_article, Article):
        article = text_or_article
        text = article.text
        source = article.source if source is None else source
        # Plain text has no container: its record keeps the contract's keys only.
        meta = (None if article.format == "text" else article.meta()) if meta is None else meta
    else:
        text = text_or_article
    header = meta_header(text, meta, day_first=options.day_first)
    if header.authors and not (meta or {}).get("authors"):
        meta = {**(meta or {}), "authors": list(header.authors)}  # the text's own byline
    doc = chunks.parse(nlp, text)  # in pieces past chunks.CHUNK_CHARS: memory bounded
    published = options.date or (meta or {}).get("published") or header.published
    return record.build(
        doc,
        source=source,
        header=header,
        published=published,
        meta=meta,
        show_text=options.show_text,
        date_order=options.date_order,
    )


def meta_header(text: str, meta: Mapping[str, Any] | None, *, day_first: bool = False) -> Header:
    """The header of `text`, with the container's title when it has one.

    The title's offsets (for salience) are kept only when that title is a line among the
    first ones (HTML pages get their headline as line 1); a title found nowhere in the
    text is the record's title only.
    """
    header = meta_module.detect(text, day_first=day_first)
    title = (meta or {}).get("title")
    if not title or title == header.title:
        return header
    start = _title_line(text, title)
    if start is None:
        return replace(header, title=title)
    end = start + len(title)
    body = max(header.body_start, end)
    return replace(header, title=title, title_start=start, title_end=end, body_start=body)


def _title_line(text: str, title: str) -> int | None:
    """Offset of `title` when it is a whole line among the first lines of `text`."""
    top = text[: meta_module.MAX_HEADER_LINES * meta_module.MAX_HEADER_LINE_CHARS]
    offset = 0
    for line in top.split("\n")[: meta_module.MAX_HEADER_LINES]:
        if line.strip() == title:
            return offset + line.index(title)
        offset += len(line) + 1
    return None
