"""Library entry points: text in, record (a plain dict, the output contract) out."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractor import meta, record

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
) -> dict[str, Any]:
    """Extract one article. `date` (YYYY-MM-DD) overrides the published date found in the text."""
    nlp = nlp or default_pipeline()
    header = meta.detect(text)
    doc = nlp(text)
    return record.build(doc, source=source, header=header, published=date or header.published)
