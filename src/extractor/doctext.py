"""`Doc.text` once per document.

spaCy rebuilds `doc.text` from every token on each access; rules that look at the
characters around each span would pay that once per span (a third of our time). Even
once, it builds a Token for every word: `chunks.parse` hands over the text the Doc was
made from instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "extractor.text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text a Doc was made from, so `doc_text` never has to rebuild it."""
    doc.user_data[_KEY] = text
    return doc
