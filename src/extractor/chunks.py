"""Long articles: parsed in pieces cut on paragraph or sentence breaks, merged into one Doc.

spaCy refuses a text over `nlp.max_length`, and below that its memory still grows with
the text: one 100,000-character Doc peaks near 550 MB in en_core_web_sm, which would
take a batch worker past its budget. A text over `CHUNK_CHARS` is therefore cut on the
last paragraph break in each window (else line break, sentence end, space), the pieces go
through the model one by one, and `Doc.from_docs` joins them without adding a
character; our own components then run on the joined Doc. Offsets index the whole text,
and our rules and grouping see the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from extractor.doctext import remember_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Measured (docs/performance.md): a 50,000-character piece adds ~170 MB at its peak.
# News articles are far shorter, so they are never cut.
CHUNK_CHARS = 50_000

# Where to cut, best first; each match ends after the whitespace of the break, so a
# piece never starts with the space that belongs to the end of the one before.
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraph
    re.compile(r"\n\s*"),  # line
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),  # sentence end, closing quotes
    re.compile(r"\s+"),  # any space
)


def chunk_limit(nlp: Language) -> int:
    """Longest text `parse` sends through the pipeline in one piece."""
    return min(CHUNK_CHARS, nlp.max_length)


def split(text: str, limit: int) -> Iterator[str]:
    """Consecutive pieces of at most `limit` characters whose concatenation is `text`."""
    if limit < 2:
        raise ValueError("limit must be at least 2 characters")
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        yield text[start:end]
        start = end
    yield text[start:]


def parse(nlp: Language, text: str, *, limit: int | None = None) -> Doc:
    """`nlp(text)` for a text of any length: in pieces when over `limit` (default chunk_limit)."""
    limit = limit or chunk_limit(nlp)
    if len(text) <= limit:
        return nlp(remember_text(nlp.make_doc(text), text))
    from spacy.tokens import Doc

    from extractor.pipeline import COMPONENTS

    # The model's own components see one piece at a time; ours run once on the whole
    # article, so "one label per name per article" and grouping still hold across pieces.
    steps = [(name, step) for name, step in nlp.pipeline if name not in COMPONENTS]
    ours = [(name, step) for name, step in nlp.pipeline if name in COMPONENTS]
    docs = [_apply(nlp.make_doc(piece), steps) for piece in split(text, limit)]
    # ensure_whitespace=False: the pieces already hold every character, spaces included.
    # No user_data: a piece's cached values (doctext's text) would be wrong for the whole.
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])
    if joined.text != text:  # from_docs promises this; offsets would silently be wrong otherwise
        raise RuntimeError("merging the pieces of a long text changed the text")
    return _apply(remember_text(joined, text), ours)


def _cut(text: str, start: int, stop: int) -> int:
    # The last break in the second half of the window: pieces stay near the limit.
    floor = start + (stop - start) // 2
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, floor, stop):  # noqa: B007  (the last one wins)
            pass
        if last is not None:
            return last.end()
    return stop


def _apply(doc: Doc, steps: list[tuple[str, Any]]) -> Doc:
    for _, step in steps:
        doc = step(doc)
    return doc
