"""A name that starts with a known given name is a person's name.

Classes of error fixed (the small model knows few names outside the US and UK):
- a person's full name labelled ORG: "founded by Dean Kamen", "was saved by Thibaut
  Courtois". A two- or three-word ORG made only of capitalized words, the first a given
  name (data/given_names.txt) and none of them an organization or site noun or a title,
  with no place first and no country or region in it, is relabelled PERSON. Companies
  named after their founders keep ORG when the sentence speaks of a company ("Shares
  of Ralph Lauren fell"), when the article gives a longer name containing them
  ("Charles Schwab Corporation"), or when data/organizations.txt lists them ("Morgan
  Stanley").
- a person's first name left out: "the Refugee Council Enver Solomon told Sky News"
  tags only "Solomon". An untagged given name right before a PERSON span joins it.
- a full name left untagged ("And, I'm Isabel Ruiz"): a run of two or three proper
  nouns no entity holds, read by the same tests as an ORG above, and not after "the".

Runs before `cleanup`, so the fixed spans get the same trimming and titles as the
model's own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.components.cleanup import title_words
from extractor.components.org_heads import known_organizations, sentence
from extractor.gazetteer import gazetteer
from extractor.lexicon import LEGAL_FORMS, given_names
from extractor.namewords import FACILITIES, ORG_HEADS

# Words in a sentence that speak of a company, not a person: "Shares of Morgan Stanley
# fell", "Dean Witter said it would close". "it"/"its" are the company's pronouns.
# fmt: off
COMPANY_CUES = frozenset({
    "it", "its", "company", "companies", "firm", "firms", "bank", "banks", "brand",
    "brands", "shares", "share", "stock", "stocks", "investors", "shareholders", "profit",
    "profits", "revenue", "revenues", "earnings", "sales", "store", "stores", "subsidiary",
    "merger", "acquired", "acquisition", "quarter", "customers", "products",
})
# fmt: on
# Longer ORG spans are rarely one person ("Bell Curve Trading" is three words too,
# so three is the limit).
MAX_WORDS = 3


class PersonNames:
    def __init__(self, max_words: int = MAX_WORDS) -> None:
        self.max_words = max_words

    def __call__(self, doc: Doc) -> Doc:
        names = given_names()
        orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
        fixed = [self.fix(e, names, orgs) for e in doc.ents]
        found = self.untagged(doc, names, orgs)
        if fixed != list(doc.ents) or found:
            doc.ents = sorted(fixed + found, key=lambda e: e.start)
        return doc

    def untagged(self, doc: Doc, names: frozenset[str], orgs: list[str]) -> list[Span]:
        """Full names the model left untagged ("And, I'm Isabel Ruiz"): a run of proper
        nouns alone between other words, read as `_person_like` reads an ORG, and not
        after "the" (a thing named after a person: "the Isabel Ruiz Prize")."""
        found = []
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and _free_name_word(doc[j]):
                j += 1
            if j == i:
                i += 1
                continue
            span = doc[i:j]
            if (
                (i == 0 or doc[i - 1].lower_ != "the")
                and (j == len(doc) or not _name_word(doc[j]))
                and not gazetteer().candidates(span.text)  # "Virginia Beach"
                and _person_like(span, names, orgs, self.max_words, place_first=True)
            ):
                found.append(Span(doc, i, j, label="PERSON"))
            i = j
        return found

    def fix(self, ent: Span, names: frozenset[str], orgs: list[str]) -> Span:
        if ent.label_ == "ORG" and _person_like(ent, names, orgs, self.max_words):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")
        if ent.label_ == "PERSON" and ent.start > 0:
            before = ent.doc[ent.start - 1]
            if _untagged_given_name(before, names):
                return Span(ent.doc, ent.start - 1, ent.end, label="PERSON")
        return ent


def _name_word(token: Token) -> bool:
    return token.is_alpha and token.is_title


def _person_like(
    ent: Span,
    names: frozenset[str],
    orgs: list[str],
    max_words: int = MAX_WORDS,
    place_first: bool = False,
) -> bool:
    # "Nana Akufo-Addo": a hyphen inside a surname joins two of its words into one.
    glued = [t for t in ent if t.text == "-" and not t.whitespace_ and t.i > ent.start]
    if not 2 <= len(ent) - 2 * len(glued) <= max_words or ent[0].text not in names:
        return False
    if not all(_name_word(t) or t in glued for t in ent):
        return False
    titles, _ = title_words()
    known = known_organizations()
    places = gazetteer()
    for i, t in enumerate(ent):
        if t in glued:
            continue
        low = t.lower_
        if low in ORG_HEADS or low in FACILITIES or low in LEGAL_FORMS or low in titles:
            return False
        # A place first ("Austin Energy") or a country or region anywhere ("Ford
        # Australia") makes a company; towns share many surnames ("Kamen", "Salem").
        # Untagged, a given name that is also a place starts a name as often
        # ("Isabel", "Georgia"): `place_first` lets it.
        kinds = {p.kind for p in places.candidates(t.text)}
        if kinds and ((i == 0 and not place_first) or (i > 0 and kinds - {"city"})):
            return False
    if any(t.lower_ in COMPANY_CUES for t in sentence(ent)):
        return False
    text = ent.text
    # "Walt Disney" beside "Walt Disney Company": the company's short name.
    return text not in known and not any(text in o and text != o for o in orgs)


def _free_name_word(token: Token) -> bool:
    """A proper noun the model left out of every entity."""
    return token.ent_iob_ == "O" and token.pos_ == "PROPN" and _name_word(token)


def _untagged_given_name(token: Token, names: frozenset[str]) -> bool:
    titles, _ = title_words()
    return (
        token.ent_iob_ == "O"
        and _name_word(token)
        and token.text in names
        and token.lower_ not in titles
    )


@Language.factory(
    "extractor_person_names", assigns=["doc.ents"], default_config={"max_words": MAX_WORDS}
)
def make_person_names(nlp: Language, name: str, max_words: int) -> PersonNames:
    return PersonNames(max_words)
