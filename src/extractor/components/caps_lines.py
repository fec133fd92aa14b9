"""Names in a line written in capitals take the label the body gives them.

Class of error fixed: wire headlines and datelines in capitals ("SOCCER - JAPAN GET LUCKY
WIN , CHINA IN SURPRISE DEFEAT") defeat the model's casing cues, so it tags common words
("LUCKY WIN") and mislabels or misses names ("CHINA"). The body below says what each name
is in ordinary case. A name in a capitals line that the body also names takes the body's
label (and is found when the model missed it there); a capitalized "name" whose every
word the body writes in lower case is a common word and is dropped.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.doctext import doc_text
from extractor.labels import NAME_LABELS

MIN_LETTERS = 8  # a line needs this many letters before its case says anything
CAPS_SHARE = 0.8  # share of a line's letters in upper case that makes it a capitals line
MAX_WORDS = 3  # longest run of words looked up in the body's names


class CapsLines:
    def __init__(
        self,
        min_letters: int = MIN_LETTERS,
        caps_share: float = CAPS_SHARE,
        max_words: int = MAX_WORDS,
    ) -> None:
        self.min_letters = min_letters
        self.caps_share = caps_share
        self.max_words = max_words

    def __call__(self, doc: Doc) -> Doc:
        caps = caps_tokens(doc, self.min_letters, self.caps_share)
        if not caps:
            return doc
        body = Counter(
            (e.text.casefold(), e.label_)
            for e in doc.ents
            if e.label_ in NAME_LABELS and e.start not in caps
        )
        labels: dict[str, str] = {}
        for (text, label), _n in body.most_common():
            labels.setdefault(text, label)  # the body's most frequent label per name
        lower = {t.text for t in doc if t.is_lower and t.i not in caps}
        self.set_annotations(doc, self.find(doc, caps, labels, lower))
        return doc

    def find(
        self, doc: Doc, caps: set[int], labels: dict[str, str], lower: set[str]
    ) -> tuple[list[Span], list[Span]]:
        """(entities kept or relabelled, names the model missed) on capitals lines."""
        kept = []
        for e in doc.ents:
            if e.start not in caps or e.label_ not in NAME_LABELS:
                kept.append(e)
                continue
            label = labels.get(e.text.casefold())
            if label is not None:
                kept.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
            elif cores := _body_names_inside(e, labels, lower):
                kept.extend(cores)  # "INTEL GAINS": the body's "Intel", and "gains"
            elif not all(t.lower_ in lower for t in e if t.is_alpha):
                kept.append(e)
            # else: every word is a common word of the body ("LUCKY WIN"): dropped
        taken = {i for e in kept for i in range(e.start, e.end)}
        missed = []
        for i in sorted(caps - taken):
            for n in range(self.max_words, 0, -1):
                span = doc[i : i + n]
                if len(span) == n and all(t.i in caps and t.i not in taken for t in span):
                    label = labels.get(span.text.casefold())
                    if label is not None:
                        missed.append(Span(doc, i, i + n, label=label))
                        taken.update(range(i, i + n))
                        break
        return kept, missed

    def set_annotations(self, doc: Doc, found: tuple[list[Span], list[Span]]) -> None:
        kept, missed = found
        doc.ents = filter_spans(kept + missed) if missed else kept


def _body_names_inside(e: Span, labels: dict[str, str], lower: set[str]) -> list[Span]:
    """The body's names inside a capitals entity, once it is cut at a spaced dash (the
    wire's slug: "CRICKET - ENGLAND BEAT") and the words the body writes in lower case are
    cut from each part's ends ("INTEL GAINS" -> "INTEL", as the body's "Intel")."""
    doc, parts, start = e.doc, [], e.start
    for t in e:
        if t.text in ("-", "--", "\u2013", "\u2014") and t.whitespace_ and t.i > e.start:
            if doc[t.i - 1].whitespace_:
                parts.append(doc[start : t.i])
                start = t.i + 1
    parts.append(doc[start : e.end])
    whole = len(parts) == 1
    found = [_body_name_inside(p, labels, lower, whole) for p in parts if len(p)]
    return [span for span in found if span is not None]


def _body_name_inside(
    e: Span, labels: dict[str, str], lower: set[str], whole: bool = True
) -> Span | None:
    start, end = e.start, e.end
    while start < end and e.doc[start].lower_ in lower:
        start += 1
    while end > start and e.doc[end - 1].lower_ in lower:
        end -= 1
    if whole and (start, end) == (e.start, e.end) or start == end:
        return None
    label = labels.get(e.doc[start:end].text.casefold())
    return Span(e.doc, start, end, label=label) if label else None


def caps_tokens(doc: Doc, min_letters: int = MIN_LETTERS, share: float = CAPS_SHARE) -> set[int]:
    """Indices of the tokens on lines written (almost) all in capitals."""
    # Lines are measured on the text (counted in C by map), and only the few capitals
    # lines are mapped to tokens: this runs on every article.
    out: set[int] = set()
    start = 0
    for line in doc_text(doc).split("\n"):
        end = start + len(line)
        letters = sum(map(str.isalpha, line))
        if letters >= min_letters and sum(map(str.isupper, line)) >= share * letters:
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None:
                out.update(t.i for t in span if "\n" not in t.text)
        start = end + 1
    return out


@Language.factory(
    "extractor_caps_lines",
    assigns=["doc.ents"],
    default_config={"min_letters": MIN_LETTERS, "caps_share": CAPS_SHARE, "max_words": MAX_WORDS},
)
def make_caps_lines(
    nlp: Language, name: str, min_letters: int, caps_share: float, max_words: int
) -> CapsLines:
    return CapsLines(min_letters, caps_share, max_words)
