"""Names the model calls organizations that are not: products, events, time zones.

Classes of error fixed:
- a maker followed by a model designator is a product, not the maker: "Airbus A380",
  "Boeing 747", "KC-45" -> PRODUCT (the span grows to cover the designator); so is a
  maker's name after "a"/"an" ("flew on an Airbus"; but "a Boeing spokesman");
- a name ending in an event noun is an event: "Worldwide Developers Conference",
  "Google Science Fair", "Fan Expo" -> EVENT;
- a time-zone abbreviation after a clock time ("15:00 UTC") is part of the time, not an
  organization: the ORG span is dropped.
PRODUCT and EVENT are not output categories, so these names leave `organizations`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# "747", "A380", "KC-45", "787-8", "A350XWB": letters optional, then digits.
DESIGNATOR = re.compile(r"^(?:[A-Z]{1,4}-?)?\d{2,4}(?:-\d{1,3})?[A-Z]{0,3}s?$")
EVENT_NOUNS = {
    "conference", "summit", "fair", "expo", "exposition", "festival", "games",
    "olympics", "championship", "championships", "cup", "forum", "convention",
    "symposium", "congress", "tournament", "marathon", "awards", "week",
}
TIME_ZONES = {"UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
              "CET", "CEST", "BST", "IST", "JST", "AEST", "AEDT", "MSK"}


CLOCK = re.compile(r"^\d{1,2}(?:[:.]\d{2})?(?:[ap]\.?m\.?)?$|^[ap]\.?m\.?$", re.I)


def _clock(tok) -> bool:
    return bool(CLOCK.match(tok.text)) or tok.ent_type_ == "TIME"


class NotOrgs:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, [self.fix(e) for e in doc.ents])
        return doc

    def fix(self, ent: Span) -> Span | None:
        if ent.label_ != "ORG":
            return ent
        doc = ent.doc
        if ent.text in TIME_ZONES and ent.start > 0 and _clock(doc[ent.start - 1]):
            return None
        if ent.start > 0 and doc[ent.start - 1].lower_ in ("a", "an") and \
                ent.root.dep_ not in ("compound", "amod", "nmod", "poss"):
            # "an Airbus", "a Boeing": one of the maker's products, not the maker.
            return Span(doc, ent.start, ent.end, label="PRODUCT")
        end = ent.end
        # The model often tags the designator alone ("A380" PRODUCT, "787" CARDINAL).
        while (end < len(doc) and DESIGNATOR.match(doc[end].text)
               and doc[end].ent_type_ in ("", "PRODUCT", "CARDINAL")):
            end += 1
        if end > ent.end or DESIGNATOR.match(ent[-1].text):
            return Span(doc, ent.start, end, label="PRODUCT")
        if ent[-1].lower_ in EVENT_NOUNS and len(ent) > 1:
            return Span(doc, ent.start, ent.end, label="EVENT")
        return ent

    def set_annotations(self, doc: Doc, fixed: list[Span | None]) -> None:
        doc.ents = filter_spans([e for e in fixed if e is not None])


@Language.factory("extractor_not_orgs", assigns=["doc.ents"])
def make_not_orgs(nlp: Language, name: str) -> NotOrgs:
    return NotOrgs()
