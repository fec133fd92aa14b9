"""extract: people, organizations, places, figures and dates from news articles.

Library API (the CLI is a thin layer over it)::

    from extractor import DateOrder, ExtractOptions, Extractor
    extractor = Extractor(options=ExtractOptions(date_order=DateOrder.DMY))  # frozen, checked
    record = extractor.extract(text)                  # or an Article from read_article
    for record in extractor.extract_many(paths):      # worker processes, input order
        ...

    from extractor import load_pipeline, extract_text
    nlp = load_pipeline()              # load once, reuse
    record = extract_text(text, nlp=nlp, source="a.txt")   # an extractor.schema.Record
    record.people[0].name; record.to_dict()                  # typed, or the JSON dict

    from extractor import extract_many
    for record in extract_many(["a.txt", "b.html"], jobs=4):   # in input order
        ...                                                     # or an ErrorRecord
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "DateOrder",
    "ExtractOptions",
    "Extractor",
    "ModelNotFound",
    "extract_many",
    "extract_text",
    "load_pipeline",
]

if TYPE_CHECKING:
    from extractor.api import Extractor, extract_text
    from extractor.batch import extract_many
    from extractor.options import DateOrder, ExtractOptions
    from extractor.pipeline import ModelNotFound, load_pipeline


def __getattr__(name: str) -> Any:
    # Lazy: `extract --help` must not pay for importing spaCy.
    if name in ("Extractor", "extract_text"):
        from extractor import api

        return getattr(api, name)
    if name in ("DateOrder", "ExtractOptions"):
        from extractor import options

        return getattr(options, name)
    if name == "extract_many":
        from extractor.batch import extract_many

        return extract_many
    if name in ("load_pipeline", "ModelNotFound"):
        from extractor import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
