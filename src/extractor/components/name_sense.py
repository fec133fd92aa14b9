"""Whether a name is a person, decided once per article from how the article uses it.

Class of error fixed: a person's name that the model calls an organization or a place,
or leaves unlabelled, at some or all of its mentions ("Nida was born in ...", "Holt bats
left-handed", "Maria Lyon ... Lyon said she ..."). The model labels each mention from its
few neighbouring words; a writer shows that a name is a person across the whole article.
Evidence is read at every mention of the name:
- a person: an author cited with a year ("Quilis (1993)", "(Quilis, 1993)", "Carrano
  et al."); the mention is the subject of a clause whose next pronoun is "he", "she",
  "his" or "her" (companies and places are "it"), "born" right after it, or a
  possessive before a word for kin or a life ("Lyon's father", "Nida's career");
- a thing: the next pronoun is "it"/"its", a place preposition before it ("in Lyon"),
  "-based" after it, or an article before it ("the Lyon").
A name the evidence calls a person (twice, or once when the article also gives a full
name ending with it, and never outweighed) becomes a person at every mention, untagged
ones too; a mention with evidence of its own for a thing keeps its label ("flights to
Lyon"). Countries, continents and regions the gazetteer knows are left alone ("Jordan").

The same reading decides the other cases of one name, one sense per article:
- a town the gazetteer knows (small ones too), found twice after place prepositions and
  never used as a person, is the place at every mention ("Lodz has been battling ...");
  a one-word "person" after such a preposition, never used as a person, is the place;
- "Ford said it would ..." beside "Ford Motor Company": the company;
- a surname of the article's people that the tagger calls a noun ("Rathbun requested")
  or the model a product ("Atwood, a Booker Prize-winner") is the person;
- a one-word place or organization the article tags one way is that where the model
  left it untagged ("York is an ancient city ... the population of York").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractor.components.citations import CITED, YEAR
from extractor.components.not_orgs import product_pattern
from extractor.components.places import preceded_by
from extractor.doctext import lower_words
from extractor.gazetteer import gazetteer
from extractor.labels import NAME_LABELS
from extractor.lexicon import given_names
from extractor.namewords import FACILITIES, ORG_HEADS, PLACE_KINDS

PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its"})  # not "itself": "the fire itself"
# After "X's": words for a person's kin and life, which no company or town has.
# fmt: off
PERSONAL = frozenset({
    "father", "mother", "wife", "husband", "son", "daughter", "brother", "sister",
    "parents", "children", "widow", "widower", "grandfather", "grandmother", "uncle",
    "aunt", "nephew", "niece", "cousin", "fiancée", "fiancee", "girlfriend", "boyfriend",
    "birth", "death", "childhood", "funeral", "youth", "marriage", "retirement", "career",
    "life", "lifetime", "autobiography", "biography", "mind", "body",
})
# fmt: on
# Before a place: not "to", "from", "by", "with", which take people as often.
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "into", "outside", "inside", "across", "throughout", "around", "within"}
)
SUBJECT = frozenset({"nsubj", "nsubjpass"})
# How far a pronoun may follow its name: the rest of the sentence and the next one.
PRONOUN_WINDOW = 40
MAX_GIVEN_NAMES = 3  # untagged given names joined before a surname ("Brock Wyatt Holt")


@dataclass
class Name:
    """The mentions of one word used as a name, and what they say it is."""

    person: int = 0
    thing: int = 0
    place: int = 0
    full_name: bool = False  # the article gives a longer name ending with it
    surname: bool = False  # ... and the model calls that longer name a person
    org_first: bool = False  # it begins an organization's longer name ("Ford Motor")
    defined: int = 0  # the article says it is a place: "X is a peninsula", "X Island"


class NameSense:
    def __init__(
        self, pronoun_window: int = PRONOUN_WINDOW, max_given_names: int = MAX_GIVEN_NAMES
    ) -> None:
        self.pronoun_window = pronoun_window
        self.max_given_names = max_given_names

    def __call__(self, doc: Doc) -> Doc:
        seen: dict[int, Evidence] = {}  # read once per token, by find and by the writer

        def read(tok: Token) -> Evidence:
            if tok.i not in seen:
                seen[tok.i] = evidence(tok, self.pronoun_window)
            return seen[tok.i]

        names = self.find(doc, read)
        if names:
            self.set_annotations(doc, names, read)
        return doc

    def find(self, doc: Doc, read: Callable[[Token], Evidence]) -> dict[str, Name]:
        names: dict[str, Name] = defaultdict(Name)
        for e in doc.ents:
            if e.label_ not in NAME_LABELS or not _name_word(e[-1]):
                continue
            name = names[e[-1].text]
            if len(e) > 1:
                if e.label_ == "PERSON" or e[0].text in given_names():
                    name.full_name = True
                name.surname = name.surname or e.label_ == "PERSON"
                if e.label_ == "ORG":
                    names[e[0].text].org_first = True
                if len(e) == 2 and e[-1].lower_ in PLACE_KINDS and _name_word(e[0]):
                    names[e[0].text].defined += 1  # "Socotra Island", then "Socotra"
        for tok in doc:
            if tok.pos_ == "PROPN" and _name_word(tok) and _cited(tok):
                names[tok.text]  # noqa: B018  (an untagged author is a candidate too)
        for tok in doc:
            # Only names used alone vote: "Bill Ford ... he" says nothing of "Ford".
            if tok.text in names and _name_word(tok) and _alone(tok):
                name = names[tok.text]
                found = read(tok)
                name.person += found.person
                name.thing += found.thing
                name.place += found.place
                name.defined += _defined_as_place(tok)
        return names

    def set_annotations(
        self, doc: Doc, names: dict[str, Name], read: Callable[[Token], Evidence]
    ) -> None:
        people = {w for w, n in names.items() if _is_person(w, n)}
        # "Ford said it would close plants" beside "Ford Motor Company" and "Bill Ford".
        companies = {w for w, n in names.items() if n.org_first and n.thing > n.person}
        # "Lodz has been battling ... the population of Lodz": a town the article puts
        # things in, and never uses as a person, is that town at every mention.
        # Any place of that name will do, small towns too ("Coron", 8,700 people): the
        # article's own prepositions say it is one.
        towns = {
            w
            for w, n in names.items()
            if n.place >= 2
            and not n.person
            and any(not p.alternate for p in gazetteer().candidates(w, minor=True))
        }
        # A place no gazetteer holds ("Mof-Avvi is a peninsula ... spoken in Mof-Avvi"):
        # the article defines it as one and puts things in it, never uses it as a person.
        towns |= {w for w, n in names.items() if n.defined and n.place and not n.person}
        ents, new = [], []
        for e in doc.ents:
            word = e[-1].text
            if _one_word(e) and e.label_ in ("PERSON", "ORG") and word in towns:
                e = Span(doc, e.start, e.end, label="GPE")
            elif (
                len(e) == 1
                and e.label_ in ("PERSON", "ORG")
                and word in names
                and (names[word].full_name or word in people)
                and _own_place(e[0])
            ):
                e = Span(doc, e.start, e.end, label="GPE")  # "flights to Lyon"
            elif (
                e.label_ != "PERSON"
                and e.label_ in NAME_LABELS
                and word in people
                and (len(e) == 1 or _plain_name(e))
                and not read(e[-1]).thing
            ):
                e = Span(doc, e.start, e.end, label="PERSON")
            elif (
                len(e) == 1
                and e.label_ == "PERSON"
                and not names[word].person
                and not names[word].full_name
                and preceded_by(doc, e.start, PLACE_PREPOSITIONS)
                and gazetteer().candidates(word)
            ):
                e = Span(doc, e.start, e.end, label="GPE")  # "lives in Valencia"
            elif len(e) == 1 and e.label_ == "PERSON" and word in companies:
                e = Span(doc, e.start, e.end, label="ORG")
            elif (
                len(e) == 1
                and e.label_ in ("PRODUCT", "WORK_OF_ART")
                and word in names
                and names[word].surname
                and not product_pattern().match(word)
                and not _after_tagged_name(e[0])
            ):
                e = Span(doc, e.start, e.end, label="PERSON")  # "Atwood, a Booker winner"
            ents.append(e)
        lower = lower_words(doc)
        new += _untagged_repeats(doc, ents, lower)
        for tok in doc:
            # The tagger calls some surnames nouns ("Rathbun requested donations").
            if (
                (
                    tok.text in people
                    or (
                        tok.text in names
                        and names[tok.text].surname
                        and not names[tok.text].org_first
                    )
                )
                and tok.ent_iob_ == "O"
                and tok.lower_ not in lower
                and (tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.is_title)
                and _name_word(tok)
                and _last_of_mention(tok)
                and not read(tok).thing
                and not _after_tagged_name(tok)
            ):
                start = tok.i
                while (
                    tok.i - start < self.max_given_names
                    and start > 0
                    and doc[start - 1].ent_iob_ == "O"
                    and doc[start - 1].text in given_names()
                ):
                    start -= 1
                new.append(Span(doc, start, tok.i + 1, label="PERSON"))
        doc.ents = filter_spans(ents + new) if new else ents


class Evidence(NamedTuple):
    person: int
    thing: int  # a company or a place: "it", an article, and the place cues
    place: int  # a place preposition before it, "-based" after it


def evidence(tok: Token, pronoun_window: int = PRONOUN_WINDOW) -> Evidence:
    """What one mention whose last word is `tok` says the name is; a pronoun counts
    within `pronoun_window` tokens after it."""
    doc = tok.doc
    person = thing = place = 0
    after = doc[tok.i + 1 : tok.i + 4]
    if any(t.lower_ == "born" for t in after):
        person += 1
    if _cited(tok):
        person += 2  # an author cited with a year is a person by itself
    if len(after) >= 2 and after[0].text in ("'s", "\u2019s") and after[1].lower_ in PERSONAL:
        person += 1
    if len(after) >= 2 and after[0].text == "-" and after[1].lower_ == "based":
        place += 1
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # to the first word of the mention
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in ("the", "a", "an"):
        thing += 1
        before = doc[start - 2] if start > 1 else None
    if before is not None and before.lower_ in PLACE_PREPOSITIONS or _own_place(tok):
        place += 1
    if tok.dep_ in SUBJECT or (tok.dep_ == "compound" and tok.head.dep_ in SUBJECT):
        pronoun = _next_pronoun(tok, pronoun_window)
        if pronoun in PERSON_PRONOUNS:
            person += 1
        elif pronoun in THING_PRONOUNS:
            thing += 1
    return Evidence(person, thing + place, place)


def _cited(tok: Token) -> bool:
    """An author cited in the text: "Quilis (1993)", "Carrano et al.", "(Quilis, 1993)",
    "(Quilis 1993: 12)"."""
    doc = tok.doc
    if tok.i in doc.user_data.get(CITED, ()):
        return True  # one of several authors (component citations)
    nxt = doc[tok.i + 1 : tok.i + 4]
    if len(nxt) >= 2 and nxt[0].text == "(" and YEAR.match(nxt[1].text):
        return True
    if len(nxt) >= 1 and nxt[0].lower_ in ("et", "et al."):
        return len(nxt) < 2 or nxt[0].lower_ == "et al." or nxt[1].lower_.startswith("al")
    if (
        len(nxt) >= 1
        and YEAR.match(nxt[0].text)
        or (len(nxt) >= 2 and nxt[0].text == "," and YEAR.match(nxt[1].text))
    ):
        return tok.i > 0 and doc[tok.i - 1].text == "("
    return False


def _untagged_repeats(doc: Doc, ents: list[Span], lower: frozenset[str]) -> list[Span]:
    """ "York is an ancient city ... the population of York (LOC) ... York was known as
    Eboracum": a one-word name the article tags, always as the same place or
    organization, is that at its untagged mentions too (proper nouns standing alone)."""
    labels: dict[str, set[str]] = defaultdict(set)
    for e in ents:
        if len(e) == 1 and e.label_ in NAME_LABELS:
            labels[e.text].add(e.label_)
    taken = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for tok in doc:
        label = labels.get(tok.text)
        if (
            label is not None
            and len(label) == 1
            and tok.i not in taken
            and not label & {"PERSON", "NORP"}
            and tok.pos_ == "PROPN"
            and _name_word(tok)
            and tok.lower_ not in lower
            and _alone(tok)
            and _last_of_mention(tok)
            and not _after_tagged_name(tok)
        ):
            found.append(Span(doc, tok.i, tok.i + 1, label=next(iter(label))))
    return found


def _defined_as_place(tok: Token) -> int:
    """1 if the sentence defines the name as a kind of place: "X is a peninsula", "X, a
    former kingdom of ten villages"."""
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        if any(c.dep_ == "attr" and c.lower_ in PLACE_KINDS for c in tok.head.children):
            return 1
    return int(any(c.dep_ == "appos" and c.lower_ in PLACE_KINDS for c in tok.children))


def _one_word(ent: Span) -> bool:
    """ "Lodz", or a hyphenated name in several tokens ("Mof-Avvi")."""
    return not any(t.whitespace_ for t in ent[:-1])


def _after_tagged_name(tok: Token) -> bool:
    """The end of a name the model tagged in part ("Lockheed" ORG, then "Martin")."""
    prev = tok.doc[tok.i - 1] if tok.i else None
    return prev is not None and prev.ent_iob_ != "O" and _name_word(prev)


def _own_place(tok: Token) -> bool:
    """A place preposition right before a word the gazetteer knows as a place: "flights
    to Lyon" in an article that also quotes Maria Lyon."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (
        before is not None
        and (before.lower_ in PLACE_PREPOSITIONS or before.lower_ in ("to", "from"))
        and bool(gazetteer().candidates(tok.text))
    )


def _next_pronoun(tok: Token, window: int = PRONOUN_WINDOW) -> str | None:
    """The first he/she/it-like pronoun after the subject `tok`, unless another name
    comes first (then the pronoun may be that name's)."""
    doc = tok.doc
    sent_end = tok.sent.end
    for t in doc[tok.i + 1 : min(len(doc), tok.i + window)]:
        if t.i >= sent_end and t.sent.start != sent_end:
            return None  # past the next sentence
        low = t.lower_
        if low in PERSON_PRONOUNS or low in THING_PRONOUNS:
            return low
        if t.ent_type_ in ("PERSON", "ORG") or (t.pos_ == "PROPN" and t.dep_ in SUBJECT):
            return None
    return None


def _is_person(word: str, name: Name) -> bool:
    if name.person <= 2 * name.thing:
        return False
    if name.person < 2 and not name.full_name and word not in given_names():
        return False  # "Debbie caused her own death": a first name alone needs one
    if name.org_first and name.person < 2:
        return False  # "Ford" beside "Ford Motor Company" needs more than the surname
    kinds = {p.kind for p in gazetteer().candidates(word)}
    return not kinds & {"country", "continent", "region"}


def _name_word(tok: Token) -> bool:
    text = tok.text
    return (
        len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and any(c.isalpha() for c in text)
    )


def _last_of_mention(tok: Token) -> bool:
    """Is the word a name's last word, not inside a longer run of names?"""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.ent_iob_ != "O":
        return nxt is None or nxt.ent_iob_ != "I"
    return nxt is None or not (nxt.pos_ == "PROPN" and _name_word(nxt))


def _alone(tok: Token) -> bool:
    """Is the word a name by itself: a one-word mention, or an untagged proper noun with
    no name word on either side?"""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if any(t.whitespace_ for t in doc[start : tok.i]):
        return False  # several words; "Mensah-Bonsu" is one, in three tokens
    prev = doc[start - 1] if start > 0 else None
    if (
        tok.ent_iob_ == "O"
        and prev is not None
        and prev.ent_iob_ == "O"
        and prev.pos_ == "PROPN"
        and _name_word(prev)
    ):
        return False
    return _last_of_mention(tok)


def _plain_name(ent: Span) -> bool:
    """A multi-word name that could be a person's: capitalized words, no kind of body
    or site among them ("Brock Holt", not "Holt Renfrew Bank")."""
    words = [t for t in ent if t.text != "-"]  # "Mensah-Bonsu" is three tokens
    return len(words) <= 4 and all(
        _name_word(t) and t.lower_ not in ORG_HEADS and t.lower_ not in FACILITIES for t in words
    )


@Language.factory(
    "extractor_name_sense",
    assigns=["doc.ents"],
    requires=["token.dep"],
    default_config={"pronoun_window": PRONOUN_WINDOW, "max_given_names": MAX_GIVEN_NAMES},
)
def make_name_sense(
    nlp: Language, name: str, pronoun_window: int, max_given_names: int
) -> NameSense:
    return NameSense(pronoun_window, max_given_names)
