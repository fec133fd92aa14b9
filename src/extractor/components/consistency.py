"""One name, one label per article ("one sense per discourse").

Classes of error fixed:
- the model labels the same name differently in one article ("Northrop Grumman" ORG
  five times and PERSON once): every mention takes the name's majority label;
- a surname alone labelled ORG or GPE ("Braverman said", "Mohamed's family") when the
  article names a person with that surname: it is the person, unless the one-word form
  is itself used more often than the person is (then it is, say, "Ford" the company).
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


class Consistency:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.relabel(doc))
        return doc

    def relabel(self, doc: Doc) -> dict[int, str]:
        """Index in doc.ents -> new label."""
        ents = list(doc.ents)
        votes: dict[str, Counter[str]] = {}
        for e in ents:
            if e.label_ in NAME_LABELS:
                votes.setdefault(e.text, Counter())[e.label_] += 1
        people = [e for e in ents if e.label_ == "PERSON" and len(e) > 1]
        person_count = Counter(e[-1].text for e in people)
        changes: dict[int, str] = {}
        for i, e in enumerate(ents):
            if e.label_ not in NAME_LABELS:
                continue
            (top, n), *rest = votes[e.text].most_common()
            if top != e.label_ and (not rest or n > rest[0][1]):
                changes[i] = top
            elif (len(e) == 1 and e.label_ in ("ORG", "GPE", "FAC")
                  and e.text in person_count
                  and sum(votes[e.text].values()) <= person_count[e.text]):
                changes[i] = "PERSON"
        return changes

    def set_annotations(self, doc: Doc, changes: dict[int, str]) -> None:
        if changes:
            doc.ents = [
                Span(doc, e.start, e.end, label=changes[i]) if i in changes else e
                for i, e in enumerate(doc.ents)
            ]


@Language.factory("extractor_consistency", assigns=["doc.ents"])
def make_consistency(nlp: Language, name: str) -> Consistency:
    return Consistency()
