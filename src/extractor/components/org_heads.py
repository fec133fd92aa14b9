"""A name whose last word is an organization type is an organization.

Class of error fixed: the model calls "Saturn Corporation" a person, "Irving Police
Department" or "Colorado State University" a place, because the first words look like
a name or a place. English names put the kind of organization last, so a multi-word
GPE, LOC or FAC span ending in a legal form ("Corporation", "Inc.") or an institution
noun ("University", "Police", "Council") is relabelled ORG; a PERSON span only for words
that are never surnames.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

# Safe after a person-like name too: no one is surnamed "Ministry" (but "Jim Press" is).
INSTITUTIONS = {
    "inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "llc", "plc", "gmbh",
    "university", "institute", "academy", "ministry", "department", "agency",
    "commission", "committee", "council", "association", "federation", "foundation",
    "authority", "bureau", "parliament", "airlines", "airways", "organisation",
    "organization",
}
ORG_HEADS = INSTITUTIONS | {
    # legal forms
    "inc", "inc.", "corp", "corp.", "corporation", "co.", "company", "ltd", "ltd.",
    "llc", "plc", "ag", "gmbh", "n.v.", "s.a.", "group", "holdings",
    # institutions
    "university", "college", "institute", "academy", "school", "ministry", "department",
    "agency", "commission", "committee", "council", "association", "federation",
    "union", "party", "bank", "authority", "bureau", "office", "court", "parliament",
    "senate", "assembly", "police", "army", "navy", "foundation", "society", "club",
    "airlines", "airways", "network", "newspaper", "times", "post", "news", "press",
    "organisation", "organization",
}
RELABEL = {"PERSON", "GPE", "LOC", "FAC"}


class OrgHeads:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, [self.fix(e) for e in doc.ents])
        return doc

    def fix(self, ent: Span) -> Span:
        heads = INSTITUTIONS if ent.label_ == "PERSON" else ORG_HEADS
        if ent.label_ in RELABEL and len(ent) > 1 and ent[-1].lower_ in heads:
            return Span(ent.doc, ent.start, ent.end, label="ORG")
        return ent

    def set_annotations(self, doc: Doc, fixed: list[Span]) -> None:
        doc.ents = fixed


@Language.factory("extractor_org_heads", assigns=["doc.ents"])
def make_org_heads(nlp: Language, name: str) -> OrgHeads:
    return OrgHeads()
