"""What rules read of a whole Doc, computed once per document: its text, its words in
lower case.

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
_LOWER_KEY = "extractor.lower_words"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text a Doc was made from, so `doc_text` never has to rebuild it."""
    doc.user_data[_KEY] = text
    return doc


def lower_words(doc: Doc) -> frozenset[str]:
    """The words the article writes in lower case ("price", "iodine"): a capitalized form
    of one of them is that word at a sentence start, not a name. Read from the token
    array, without building a Token per word."""
    words = doc.user_data.get(_LOWER_KEY)
    if words is None:
        from spacy.attrs import IS_LOWER, ORTH

        table = doc.to_array([IS_LOWER, ORTH])
        strings = doc.vocab.strings
        orths = set(table[table[:, 0] == 1, 1].tolist()) if len(doc) else set()
        words = doc.user_data[_LOWER_KEY] = frozenset(strings[o] for o in orths)
    return words
