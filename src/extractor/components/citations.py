"""Authors cited in scholarly form are people, one per surname.

Class of error fixed: in-text citations ("(Dye & Bavelier, 2010)", "(Boot, Kramer,
Simons, & Gratton, 2008)", "Carrano and Biewener (1999) found", "Marsden et al. (2016)")
read to the model like firm names: it tags "Dye & Bavelier" or "Kramer, Simons" as one
organization, or a surname alone as a place. The author-date form (APA, Harvard,
Chicago) says they are people: a list of surnames joined by commas and "&"/"and",
closed by a year, inside parentheses or followed by a year in parentheses or by a
numbered reference ("Carrano & Biewener [7]"). The same list named again without a year
("In Carrano & Biewener's study") is the same people. Each surname becomes a PERSON;
what the model had over them goes. "Procter & Gamble" keeps its label: no year follows.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# A publication year as citations write it: "1999", "2010a", "n.d." is handled apart.
YEAR = re.compile(r"^(1[5-9]|20)\d\d[a-z]?$")
AND = frozenset({"&", "and"})
# Lower-case particles inside surnames ("van der Berg", "de Souza").
# fmt: off
PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos",
    "das", "bin", "ibn", "al",
})
# fmt: on
# Words that may open a parenthetical citation before its first author.
# fmt: off
LEAD_INS = frozenset({
    "see", "e.g.", "e.g", "cf.", "cf", "i.e.", "also", "and", "but", "for", "example",
    "review", "reviews", "as", "in", ",", ":",
})
# fmt: on
MAX_AUTHORS = 8  # the longest author list read as people; a longer one is no citation


def _surname(w: list[str], i: int, end: int) -> int | None:
    """End of a surname starting at token i ("Bavelier", "Morgan-Short", "van Dijk",
    "O'Brien"), or None."""
    j = i
    while j < end and w[j] in PARTICLES:
        j += 1
    if j >= end or not _cap(w[j]):
        return None
    j += 1
    while j + 1 < end and w[j] in ("-", "'") and _cap(w[j + 1]):
        j += 2
    return j


def _cap(text: str) -> bool:
    return (
        len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and text.replace("-", "").replace("'", "").isalpha()
    )


def _authors(
    w: list[str], i: int, end: int, max_authors: int = MAX_AUTHORS
) -> tuple[list[tuple[int, int]], int] | None:
    """An author list of two or more from token i: "A & B", "A, B, & C", "A et al."
    Returns the surnames' (start, end) and the token after the list. One surname alone
    is left to name_sense: "(Reuters, 2010)", "Inception (2010)" are no people."""
    names: list[tuple[int, int]] = []
    j = i
    while len(names) < max_authors:
        k = _surname(w, j, end)
        if k is None:
            return None
        names.append((j, k))
        j = k
        if j < end and w[j].lower() in ("et", "et al."):
            j += 1
            if j < end and w[j].lower() in ("al", "al."):
                j += 1
            if j < end and w[j] == ".":
                j += 1
            return names, j
        if j < end and w[j] in AND:
            j += 1
            continue
        if j + 1 < end and w[j] == "," and w[j + 1] in AND:
            j += 2
            continue
        if j + 1 < end and w[j] == "," and _surname(w, j + 1, end) and not YEAR.match(w[j + 1]):
            j += 1
            continue
        return (names, j) if len(names) > 1 else None
    return None


def _year(w: list[str], j: int, end: int) -> bool:
    return j < end and bool(YEAR.match(w[j]))


def find_citations(doc: Doc, max_authors: int = MAX_AUTHORS) -> list[tuple[int, int]]:
    """The token ranges of every surname cited with a year, in lists of at most
    `max_authors`."""
    found: list[tuple[int, int]] = []
    if "(" not in doc.text and "[" not in doc.text:
        return found  # every form needs a bracket: most news has none to read
    w = [t.text for t in doc]  # plain strings: this reads every word of every article
    n = len(w)
    i = 0
    while i < n:
        if w[i] == "(":
            close = next((k for k in range(i + 1, min(n, i + 80)) if w[k] == ")"), None)
            if close is not None:
                found += _parenthetical(w, i + 1, close, max_authors)
        elif _surname(w, i, n) is not None and (i == 0 or w[i - 1] not in PARTICLES):
            got = _authors(w, i, n, max_authors)
            # Narrative form: "Carrano and Biewener (1999)", "Marsden et al. (2016)", or a
            # numbered reference: "Carrano & Biewener [7]".
            if got is not None:
                names, j = got
                if j + 1 < n and (
                    w[j] == "(" and _year(w, j + 1, n) or w[j] == "[" and w[j + 1].isdigit()
                ):
                    found += names
                    i = j
                    continue
        i += 1
    return found + _repeats(doc, w, found, max_authors)


def _repeats(
    doc: Doc, w: list[str], found: list[tuple[int, int]], max_authors: int
) -> list[tuple[int, int]]:
    """The same authors named again without a year ("In Carrano & Biewener's study"):
    an author list made only of surnames cited elsewhere in the article."""
    if not found:
        return []
    known = {doc[s:e].text for s, e in found}
    firsts = {w[s] for s, _ in found}
    starts = {s for s, _ in found}
    again = []
    for i, word in enumerate(w):
        if word in firsts and i not in starts:
            got = _authors(w, i, len(w), max_authors)
            if got is not None and all(doc[s:e].text in known for s, e in got[0]):
                again += [r for r in got[0] if r[0] not in starts]
    return again


def _parenthetical(w: list[str], start: int, end: int, max_authors: int) -> list[tuple[int, int]]:
    """Inside "( ... )": citations separated by ";", each an author list and a year."""
    found: list[tuple[int, int]] = []
    seg = start
    while seg < end:
        stop = next((k for k in range(seg, end) if w[k] == ";"), end)
        i = seg
        while i < stop and w[i].lower() in LEAD_INS:
            i += 1
        got = _authors(w, i, stop, max_authors)
        if got is not None:
            names, j = got
            if j < stop and w[j] == ",":
                j += 1
            if _year(w, j, stop):
                found += names
        seg = stop + 1
    return found


CITED = "extractor_cited"  # doc.user_data: last token of each cited surname, for name_sense


class Citations:
    def __init__(self, max_authors: int = MAX_AUTHORS) -> None:
        self.max_authors = max_authors

    def __call__(self, doc: Doc) -> Doc:
        cited = find_citations(doc, self.max_authors)
        if not cited:
            return doc
        doc.user_data[CITED] = frozenset(e - 1 for _, e in cited)
        people = [Span(doc, s, e, label="PERSON") for s, e in cited]
        taken = {t for s, e in cited for t in range(s, e)}
        # Drop what the model had over a cited author ("Dye & Bavelier" ORG), keep the rest;
        # a year it had swallowed ("Larsen & Okafor 2011" ORG) is the citation's date.
        kept, years = [], []
        for e in doc.ents:
            if not any(t in taken for t in range(e.start, e.end)):
                kept.append(e)
                continue
            years += [
                Span(doc, t.i, t.i + 1, label="DATE")
                for t in e
                if t.i not in taken and YEAR.match(t.text)
            ]
        doc.ents = filter_spans(kept + people + years)
        return doc


@Language.factory(
    "extractor_citations", assigns=["doc.ents"], default_config={"max_authors": MAX_AUTHORS}
)
def make_citations(nlp: Language, name: str, max_authors: int) -> Citations:
    return Citations(max_authors)
