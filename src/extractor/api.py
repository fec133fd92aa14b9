"""Library entry points: text in, a typed `schema.Record` (the output contract) out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractor import chunks, record
from extractor import meta as meta_module
from extractor.meta import Header
from extractor.schema import Record

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def default_pipeline(model: str | None = None) -> Language:
    from extractor.pipeline import load_pipeline

    return load_pipeline(model)


def extract_text(
    text: str,
    *,
    nlp: Language | None = None,
    source: str | None = None,
    date: str | None = None,
    meta: Mapping[str, Any] | None = None,
    show_text: bool = False,
    date_order: str = "MDY",
) -> Record:
    """Extract one article into a `Record` (`record.to_dict()` is the JSON-ready dict).

    `date` (YYYY-MM-DD) overrides the published date found in the text.

    `meta` is what the input's container said (`read.Article.meta()`: title, published,
    authors, site, url). Given, it wins over what the first lines say (a page's JSON-LD
    knows its headline better than a guess from line 1), and the record gains the
    `authors`, `site` and `url` keys (null when unknown). `show_text` adds the analysed
    text as `text`, the string every offset indexes. `date_order` ("MDY" or "DMY") reads
    all-numeric dates such as "03/04/2016" (US month-first by default).
    """
    nlp = nlp or default_pipeline()
    header = meta_header(text, meta, day_first=date_order == "DMY")
    doc = chunks.parse(nlp, text)  # in pieces past chunks.CHUNK_CHARS: memory stays bounded
    published = date or (meta or {}).get("published") or header.published
    return record.build(
        doc,
        source=source,
        header=header,
        published=published,
        meta=meta,
        show_text=show_text,
        date_order=date_order,
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
