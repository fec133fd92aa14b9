"""Library entry points: text in, a typed `schema.Record` (the output contract) out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractor import chunks, record
from extractor import meta as meta_module
from extractor.meta import Header
from extractor.options import DateOrder, ExtractOptions
from extractor.read import Article
from extractor.schema import ErrorRecord, Record

if TYPE_CHECKING:
    from spacy.language import Language

    from extractor.pipeline import PipelineSpec


@lru_cache(maxsize=4)
def default_pipeline(model: str | PipelineSpec | None = None) -> Language:
    """The pipeline for a model name, or for a `PipelineSpec` (patterns, a config)."""
    from extractor.pipeline import load_spec

    return load_spec(model)


class Extractor:
    """A model and the options every article gets: the library's one entry point.

        extractor = Extractor(options=ExtractOptions(date_order=DateOrder.DMY))
        record = extractor.extract(text)                     # a schema.Record
        for record in extractor.extract_many(paths, jobs=4):  # Record or ErrorRecord
            ...

    `model` names an installed spaCy pipeline (default: the one `extract` uses); `nlp`,
    a pipeline already loaded here, is used by `extract` instead of loading one (worker
    processes of `extract_many` still load `model` themselves).
    """

    def __init__(
        self,
        model: str | PipelineSpec | None = None,
        options: ExtractOptions | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        self.model = model
        self.options = options or ExtractOptions()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = default_pipeline(self.model)
        return self._nlp

    def extract(
        self,
        text_or_article: str | Article,
        *,
        source: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Record:
        """One article: text, or an `Article` as read (its source and the metadata of its
        container come with it).

        `meta` is what the input's container said (`read.Article.meta()`: title, published,
        authors, site, url). Given, it wins over what the first lines say (a page's JSON-LD
        knows its headline better than a guess from line 1), and the record gains the
        `authors`, `site` and `url` keys (null when unknown). `options.date` overrides the
        published date found anywhere; `options.show_text` adds the analysed text.
        """
        if isinstance(text_or_article, Article):
            article = text_or_article
            text = article.text
            source = article.source if source is None else source
            # Plain text has no container: its record keeps the contract's keys only.
            meta = (None if article.format == "text" else article.meta()) if meta is None else meta
        else:
            text = text_or_article
        options = self.options
        header = meta_header(text, meta, day_first=options.day_first)
        doc = chunks.parse(self.nlp, text)  # in pieces past chunks.CHUNK_CHARS: memory bounded
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

    def extract_many(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        jobs: int | None = None,
        timeout: float | None = None,
    ) -> Iterator[Record | ErrorRecord]:
        """Records of many article files, in input order, by `jobs` worker processes
        (`batch.extract_many`): an article that fails yields an `ErrorRecord`."""
        from extractor.batch import extract_many

        return extract_many(
            paths, jobs=jobs, model=self.model, options=self.options, timeout=timeout
        )


def extract_text(
    text: str,
    *,
    nlp: Language | None = None,
    source: str | None = None,
    date: str | None = None,
    meta: Mapping[str, Any] | None = None,
    show_text: bool = False,
    date_order: DateOrder | str = DateOrder.MDY,
) -> Record:
    """One article's text into a `Record`: `Extractor(...).extract(text)` in one call.

    `date` (YYYY-MM-DD) overrides the published date found in the text; `date_order`
    ("MDY" or "DMY", exactly) reads all-numeric dates such as "03/04/2016"; see
    `Extractor.extract` for `meta` and `show_text`. Raises OptionError for a bad option.
    """
    options = ExtractOptions(date=date, date_order=date_order, show_text=show_text)
    return Extractor(options=options, nlp=nlp).extract(text, source=source, meta=meta)


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
