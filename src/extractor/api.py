"""Library entry points: text in, a typed `schema.Record` (the output contract) out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from extractor.analyse import analyse, default_pipeline
from extractor.options import DEFAULT_DATE_ORDER, DateOrder, ExtractOptions
from extractor.readers import Article
from extractor.schema import ErrorRecord, Record

if TYPE_CHECKING:
    from spacy.language import Language

    from extractor.pipeline import PipelineSpec


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
        return analyse(self.nlp, text_or_article, self.options, source=source, meta=meta)

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
    date_order: DateOrder | str = DEFAULT_DATE_ORDER,
) -> Record:
    """One article's text into a `Record`: `Extractor(...).extract(text)` in one call.

    `date` (YYYY-MM-DD) overrides the published date found in the text; `date_order`
    ("MDY" or "DMY", exactly) reads all-numeric dates such as "03/04/2016"; see
    `Extractor.extract` for `meta` and `show_text`. Raises OptionError for a bad option.
    """
    options = ExtractOptions(date=date, date_order=date_order, show_text=show_text)
    return Extractor(options=options, nlp=nlp).extract(text, source=source, meta=meta)
