"""Names the model calls organizations that are not: products, indices, events, time zones.

Classes of error fixed:
- a known product or service ("iTunes Music Store", "MacBook Air", "Windows XP",
  "Firefox"), from data/products.txt, is a PRODUCT whatever the model called it (ORG,
  PERSON or GPE: "Chrome" is no person, "Windows XP" no place); so is a maker's name
  before one ("Apple Macintosh", "Microsoft Windows");
- a stock market index ("the Dow Jones fell", "FTSE 100", "the Standard & Poor's 500
  index"), from data/indices.txt or by the word "index" after it, is an INDEX, not an
  organization; a currency code the model calls an organization ("USD") is dropped;
- a maker followed by a model designator is a product, not the maker: "Airbus A380",
  "Boeing 747", "KC-45" -> PRODUCT (the span grows to cover the designator); so is a
  maker's name after "a"/"an" ("flew on an Airbus"; but "a Boeing spokesman");
- a name ending in an event noun is an event: "Worldwide Developers Conference",
  "Google Science Fair", "Fan Expo" -> EVENT, also with where or when after it ("Fan
  Expo Canada", "Web Summit 2016"), a war ("the Korean War", not "the Ministry of
  War") and the games known by one word ("the Paralympics"); so is a named
  operation ("Operation Clambake"), and a study or survey ("National Iodine Nutrition
  Study", or "the National Iodine Nutrition study" with the noun outside the name) is
  a WORK (not "Programme": the World Food Programme is an organization);
- a one-word "organization" naming an idea or attitude ("Islamophobia", "Zionism") is
  dropped;
- an acronym the writer defines after a lower-case phrase ("sea surface salinity
  (SSS)"), or spells out in lower case anywhere ("digital humanities ... in DH"), is a
  term, not an organization, at every mention: dropped (not a listed organization);
- a name the article uses as a language ("the Eegimaa language", "Jola speakers",
  "they speak Tamazight") is a LANGUAGE at every mention, not an organization or place;
- a people named in the plural ("Thais are modest", "most Afghans"), a demonym of
  countryinfo with "s", is a group (NORP), not an organization or a person;
- a name right after the kind of work it is ("the TV series Supernatural", "the novel
  Middlemarch") is a title (WORK_OF_ART) at every mention, not an organization or person;
- a storm named like a person ("Cyclone Phailin", "Typhoon Haiyan", and "Phailin" alone
  in the same article) is an event;
- an era after a year ("3000 BC") is the year's, not an organization; a name ending
  in "Act" is a law ("the HEROES Act", "the Act");
- a time-zone abbreviation after a clock time ("15:00 UTC") is part of the time, not an
  organization: the ORG span is dropped.
PRODUCT, INDEX and EVENT are not output categories, so these names leave
`organizations`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.components.org_heads import known_organizations
from extractor.gazetteer import gazetteer
from extractor.labels import NAME_LABELS
from extractor.lexicon import alternation, entries
from extractor.namewords import ORG_HEADS

# "747", "A380", "KC-45", "787-8", "A350XWB": letters optional, then digits.
DESIGNATOR = re.compile(r"^(?:[A-Z]{1,4}-?)?\d{2,4}(?:-\d{1,3})?[A-Z]{0,3}s?$")
# fmt: off
EVENT_NOUNS = {
    "conference", "summit", "fair", "expo", "exposition", "festival", "games", "olympics",
    "championship", "championships", "cup", "forum", "convention", "symposium", "congress",
    "tournament", "marathon", "awards", "week", "paralympics", "war", "wars",
}
# Events known by one word: the games, not the committees that run them.
ONE_WORD_EVENTS = {"olympics", "paralympics"}
# fmt: on
WORK_NOUNS = {"study", "survey", "census", "report", "index"}
# Words of research bodies that publish studies: their names stay organizations.
RESEARCH_HEADS = {"center", "centre", "lab", "labs", "laboratory", "laboratories"}
# Words for ideas and attitudes, never for a body of people ("Islamophobia", "Zionism").
IDEA_SUFFIXES = ("ism", "isms", "phobia", "philia")
# fmt: off
TIME_ZONES = {
    "UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET", "CEST",
    "BST", "IST", "JST", "AEST", "AEDT", "MSK",
}
# Eras after a year ("3000 BC", "776 BCE"), which the model calls organizations.
ERAS = {"BC", "BCE", "B.C.", "B.C.E.", "AD", "A.D.", "CE", "C.E."}
# fmt: on


INDEX_WORDS = {"index", "indices", "indexes", "average"}
# What the model calls a people named in the plural ("Thais", "Afghans"): a group.
PEOPLES_MISREAD = frozenset({"ORG", "PERSON", "GPE", "LOC"})
# Kinds of creative work a writer names a title after ("the sitcom Young MacGyver"). Not
# "magazine" or "newspaper" (their names are organizations), nor "programme".
# fmt: off
KINDS_OF_WORK = frozenset({
    "series", "film", "movie", "show", "sitcom", "drama", "documentary", "miniseries",
    "album", "novel", "book", "song", "single", "play", "musical", "opera", "episode",
    "franchise", "poem", "painting", "sculpture", "memoir", "novella", "soundtrack",
})
# fmt: on


@lru_cache(maxsize=1)
def product_pattern() -> re.Pattern[str]:
    """An entry at the start of a name, its first word maybe plural or versioned."""
    return re.compile(rf"^(?:{alternation(entries('products.txt'))})(?:e?s|\d+)?(?=\s|$)")


@lru_cache(maxsize=1)
def index_pattern() -> re.Pattern[str]:
    """The whole name is an index, maybe with its number and "Index" after it."""
    alts = alternation(entries("indices.txt"))
    return re.compile(rf"^(?:{alts})(?:\s+\d+)?(?:\s+(?:Index|Average))?$")


CLOCK = re.compile(r"^\d{1,2}(?:[:.]\d{2})?(?:[ap]\.?m\.?)?$|^[ap]\.?m\.?$", re.I)


def _clock(tok) -> bool:
    return bool(CLOCK.match(tok.text)) or tok.ent_type_ == "TIME"


class NotOrgs:
    def __call__(self, doc: Doc) -> Doc:
        terms = defined_terms(doc)
        tongues = languages(doc)
        titles = works(doc)
        storm_spans = storms(doc)
        storm_names = {s[-1].text for s in storm_spans}
        self.set_annotations(
            doc,
            # The storm spans first: filter_spans keeps the first of two equal spans.
            storm_spans
            + [
                None
                if e.label_ == "ORG" and e.text in terms
                else Span(doc, e.start, e.end, label="LANGUAGE")
                if e.text in tongues
                else Span(doc, e.start, e.end, label="WORK_OF_ART")
                if e.text in titles
                else Span(doc, e.start, e.end, label="EVENT")
                if e.text in storm_names
                else self.fix(e)
                for e in doc.ents
            ],
        )
        return doc

    def fix(self, ent: Span) -> Span | None:
        if (
            ent.label_ in PEOPLES_MISREAD
            and len(ent) == 1
            and ent.text.endswith("s")
            and gazetteer().is_demonym(ent.text[:-1])
        ):
            return Span(ent.doc, ent.start, ent.end, label="NORP")  # "most Thais"
        if ent.label_ in NAME_LABELS:
            product = _product(ent)
            if product is not None:
                return product
            # Events are named like places too ("Google Science Fair" GPE).
            if ent.label_ != "NORP" and _event(ent):
                return Span(ent.doc, ent.start, ent.end, label="EVENT")
        if ent.label_ != "ORG":
            return ent
        doc = ent.doc
        if _is_index(ent):
            return Span(doc, ent.start, ent.end, label="INDEX")
        if ent.text in gazetteer().currencies:
            return None
        if len(ent) == 1 and ent.text.lower().endswith(IDEA_SUFFIXES):
            return None  # "subject to Islamophobia": an idea, not a body
        if ent.text in TIME_ZONES and ent.start > 0 and _clock(doc[ent.start - 1]):
            return None
        if ent.text in ERAS and ent.start > 0 and doc[ent.start - 1].like_num:
            return None  # "in 3000 BC": the era of a year
        if ent[-1].text in ("Act", "Acts"):
            return Span(doc, ent.start, ent.end, label="LAW")  # "the HEROES Act", "the Act"
        if (
            ent.start > 0
            and doc[ent.start - 1].lower_ in ("a", "an")
            and ent.root.dep_ not in ("compound", "amod", "nmod", "poss")
        ):
            # "an Airbus", "a Boeing": one of the maker's products, not the maker.
            return Span(doc, ent.start, ent.end, label="PRODUCT")
        end = ent.end
        # The model often tags the designator alone ("A380" PRODUCT, "787" CARDINAL).
        while (
            end < len(doc)
            and DESIGNATOR.match(doc[end].text)
            and doc[end].ent_type_ in ("", "PRODUCT", "CARDINAL")
        ):
            end += 1
        if end > ent.end or DESIGNATOR.match(ent[-1].text):
            return Span(doc, ent.start, end, label="PRODUCT")
        if len(ent) > 1 and ent[0].lower_ == "operation":
            return Span(doc, ent.start, ent.end, label="EVENT")
        if len(ent) > 1 and ent[-1].lower_ in WORK_NOUNS:
            return Span(doc, ent.start, ent.end, label="WORK_OF_ART")
        if (
            len(ent) > 1
            and ent.end < len(doc)
            and doc[ent.end].lower_ in WORK_NOUNS
            and not any(t.lower_ in ORG_HEADS | RESEARCH_HEADS for t in ent)
        ):
            # "the National Iodine Nutrition study": the name of the study, not of who
            # made it ("the Pew Research Center survey", "a Harvard study" stay).
            return Span(doc, ent.start, ent.end, label="WORK_OF_ART")
        return ent

    def set_annotations(self, doc: Doc, fixed: list[Span | None]) -> None:
        doc.ents = filter_spans([e for e in fixed if e is not None])


LANGUAGE_NOUNS = {"language", "languages", "dialect", "dialects", "speakers", "speaker"}
SPEAK = {"speak", "speaks", "spoke", "spoken", "speaking"}
# Labels the model gives a language's name by mistake; NORP ("English") is a people too.
LANGUAGE_MISTAKES = {"ORG", "PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}


# Words that name a storm before its given name ("Hurricane Katrina", "Cyclone Phailin",
# "Tropical Storm Allison"); "Storm" alone only after "Tropical".
STORM_WORDS = {"Hurricane", "Cyclone", "Typhoon"}


def storms(doc: Doc) -> list[Span]:
    """Storms, named like people: "Cyclone Phailin" (PERSON), "Typhoon Haiyan" (the model
    tags "Typhoon" a place). The storm word and the one name after it are an event; the
    name alone elsewhere in the article is the storm too (see `__call__`)."""
    found = []
    for tok in doc[:-1]:
        word = tok.text in STORM_WORDS or (
            tok.text == "Storm" and tok.i > 0 and doc[tok.i - 1].text == "Tropical"
        )
        name = doc[tok.i + 1]
        after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        if (
            word
            and name.is_alpha
            and name.is_title
            and name.pos_ == "PROPN"
            and not (after is not None and after.is_title and after.pos_ == "PROPN")
        ):
            start = tok.i - 1 if tok.text == "Storm" else tok.i
            found.append(Span(doc, start, tok.i + 2, label="EVENT"))
    return found


def languages(doc: Doc) -> set[str]:
    """Names the article uses as a language: "the Eegimaa language", "Jola speakers",
    "they speak Tamazight". The model calls such names organizations or places at
    every mention; the writer says once what they are."""
    found = set()
    for e in doc.ents:
        if e.label_ not in LANGUAGE_MISTAKES:
            continue
        after = doc[e.end] if e.end < len(doc) else None
        before = doc[e.start - 1] if e.start else None
        if (
            (after is not None and after.lower_ in LANGUAGE_NOUNS)
            or (before is not None and before.lower_ in SPEAK)
            or (e.label_ == "ORG" and e.text in iso_languages())
        ):
            # The last: an organization by the name of a language of ISO 639-1 ("in
            # Swahili, Yoruba and Hausa"), from data/languages.txt.
            found.add(e.text)
    return found


@cache
def iso_languages() -> frozenset[str]:
    return frozenset(entries("languages.txt"))


def works(doc: Doc) -> set[str]:
    """Names the article gives right after the kind of work they are: "the TV series
    Supernatural", "the WB series, Supernatural", "the novel Middlemarch". A title, at
    every mention, whatever the model called it."""
    found = set()
    for tok in doc[:-1]:
        if not (tok.lower_ in KINDS_OF_WORK and tok.is_lower):
            continue
        start = tok.i + 2 if doc[tok.i + 1].text == "," else tok.i + 1
        ent = next((e for e in doc.ents if e.start == start), None)
        if ent is not None:
            if ent.label_ in NAME_LABELS:
                found.add(ent.text)
            continue
        end = start  # untagged: "the TV series Supernatural", a run of proper nouns
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].ent_iob_ == "O"
        ):
            end += 1
        if end > start:
            found.add(doc[start:end].text)
    return found


def defined_terms(doc: Doc) -> set[str]:
    """Acronyms the writer defines after a lower-case phrase whose initials spell them:
    "sea surface salinity (SSS)", "reactive oxygen species (ROS)". They name a term of
    the trade, not a body; the model calls them organizations at every mention."""
    terms = set()
    for i, tok in enumerate(doc):
        if not (tok.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")"):
            continue
        acronym = doc[i + 1].text
        if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6):
            continue
        words = [t for t in doc[max(0, i - 2 * len(acronym)) : i] if t.text != "-"]
        words = words[-len(acronym) :]
        if (
            len(words) == len(acronym)
            and all(t.is_lower and t.is_alpha for t in words)
            and "".join(t.text[0] for t in words) == acronym.lower()
        ):
            terms.add(acronym)
    # Spelled out elsewhere in lower case: "... in DH" beside "digital humanities".
    acronyms = {}
    for e in doc.ents:
        word = e.text[:-1] if e.text.endswith("s") else e.text  # "SIs"
        if (
            e.label_ == "ORG"
            and len(e) == 1
            and word.isupper()
            and word.isalpha()
            and 2 <= len(word) <= 6
            and e.text not in known_organizations()
        ):
            acronyms[e.text] = word
    if acronyms:  # the article's noun phrases are read only when there is one to explain
        spelled = _spelled_out(doc)
        terms.update(text for text, word in acronyms.items() if word in spelled)
    return terms


FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "NUM", "AUX"})


def _spelled_out(doc: Doc) -> set[str]:
    """Initials of the lower-case noun phrases of the article ("digital humanities" ->
    DH, "compact fluorescent light" -> CFL, FL): the terms an acronym may stand for."""
    found: set[str] = set()
    if not doc.has_annotation("DEP"):
        return found  # noun phrases need the parse
    for chunk in doc.noun_chunks:
        words: list[str] = []
        for t in chunk:
            if t.is_alpha and t.is_lower and t.pos_ not in FUNCTION_POS:
                words.append(t.text)
            elif t.text != "-":
                words = []
        for n in range(2, min(6, len(words)) + 1):
            found.add("".join(w[0] for w in words[-n:]).upper())
    return found


def _product(ent: Span) -> Span | None:
    """The product a name is, from data/products.txt, or None."""
    doc, pattern = ent.doc, product_pattern()
    whole = pattern.match(ent.text)
    # A person's name may start with a product's: "Mac Jones" is a quarterback.
    if whole and (ent.label_ != "PERSON" or whole.end() == len(ent.text)):
        return Span(doc, ent.start, ent.end, label="PRODUCT")
    # A maker before its product: "Apple Macintosh", "Microsoft Windows".
    rest = pattern.match(ent[1:].text) if len(ent) > 1 else None
    if rest and ent.label_ != "PERSON" and rest.end() == len(ent[1:].text):
        return Span(doc, ent.start, ent.end, label="PRODUCT")
    # "iTunes" left untagged before "Music Store" (PERSON): one product name.
    before = ent.start - 1
    if before >= 0 and not doc[before].ent_type_ and pattern.match(doc[before : ent.end].text):
        return Span(doc, before, ent.end, label="PRODUCT")
    return None


def _event(ent: Span) -> bool:
    """A name whose last event noun ends it, or is followed only by where or when it is
    held: "Fan Expo", "Fan Expo Canada", "Web Summit 2016", "the Korean War"; "the
    Olympics" alone."""
    if len(ent) == 1:
        return ent[0].lower_ in ONE_WORD_EVENTS
    last = max((t.i for t in ent[1:] if t.lower_ in EVENT_NOUNS), default=None)
    if last is None or ent.doc[last - 1].lower_ == "of":
        return False  # "the Department of War" is the body
    rest = ent.doc[last + 1 : ent.end]
    while len(rest) and re.fullmatch(r"(?:19|20)\d\d", rest[-1].text):
        rest = rest[:-1]
    return not len(rest) or gazetteer().resolve(rest.text) is not None


def _is_index(ent: Span) -> bool:
    """A listed index, or a name the writer follows with "index" ("S&P's 500 index")."""
    doc = ent.doc
    if index_pattern().match(ent.text):
        # "Dow" alone is the index, unless the article names "Dow Chemical".
        longer = any(
            e.label_ == "ORG" and len(e) > len(ent) and e[: len(ent)].text == ent.text
            for e in doc.ents
        )
        return not longer
    for tok in doc[ent.end : ent.end + 4]:
        if tok.lower_ in INDEX_WORDS:
            return True
        if not (tok.like_num or tok.text in ("'s", "\u2019s")):
            return False
    return False


@Language.factory("extractor_not_orgs", assigns=["doc.ents"], requires=["token.dep"])
def make_not_orgs(nlp: Language, name: str) -> NotOrgs:
    return NotOrgs()
