"""Gazetteer-backed fixes of the model's place errors.

Classes of error fixed:
- a country, continent or unambiguous city labelled NORP, ORG or PERSON is a place
  (the small model calls "Tajikistan" NORP and "Dushanbe" ORG). A one-word PERSON is
  left alone when the article also names a person with that surname ("Jordan" after
  "Michael Jordan"). Companies and people are named after towns ("Toyota", "Cisco",
  "Sandy Angers"), so a city other than a capital needs place context to overrule the
  model's ORG or PERSON: a locative preposition before it ("in Kunduz", "east of
  Kunduz", "the town of Kunduz"), an apposition that calls it a place ("Taliqan, the
  northern Afghan city"), a list of places it stands in ("Tulsa, Jenks, and Broken
  Arrow"), or a plural place noun it is an example of ("outer towns like Broken
  Arrow"). A name of two or more words the model calls a person needs that context
  and a first word no given-name list holds;
- a demonym labelled PERSON ("Tajik", "Afghan") is a group (NORP), never a person, and
  one labelled GPE or LOC ("Opposition gains in Slovak vote") is no place;
- a region of a town's own country after the town and a comma is a place ("Exeter,
  Devon"), and so is a name with an administrative word in it or after it ("Ishikawa
  Prefecture", "Punjab province"), whatever the model called it;
- a place the model missed entirely is added when the gazetteer knows the name
  unambiguously and the tagger calls every word of it a proper noun that stands alone
  (not part of a longer name such as "Paris Agreement"). Cities must be large
  (`min_population`) for this, because small towns share names with common words.
- provinces and states outside the US (countryinfo's list, without GeoNames ids) are
  used in both rules only when the article also names their country ("Tasmania" in an
  article about Australia), since alone they are too obscure ("Falcon" is a Venezuelan
  state) to overrule the model or the capitalization of a word.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractor.doctext import lower_words
from extractor.gazetteer import Gazetteer, Place, gazetteer
from extractor.lexicon import COMPASS_POINTS, given_names

MAX_NGRAM = 3
# fmt: off
LOCATIVE = {
    "in", "at", "from", "near", "to", "into", "outside", "across", "around", "throughout",
    "via", "toward", "towards", "between", "inside", "within",
}
# fmt: on
# fmt: off
PLACE_NOUNS = {
    "city", "town", "capital", "village", "port", "province", "district", "region", "state",
    "county", "municipality", "suburb", "island",
}
# fmt: on
# "east of X", "the outskirts of X", "the town of X": X is a place. Not "capital" (money)
# nor "centre"/"heart", which take companies too ("the heart of Toyota").
PLACE_OF = (
    COMPASS_POINTS | {"outskirts", "suburbs"} | (PLACE_NOUNS - {"capital", "state", "suburb"})
)
# Words after a name that make it a region ("Ishikawa Prefecture", "Punjab province"),
# whatever the model called the name. (Not a natural feature's: "the Noto peninsula" has
# no entry in the index, and its name would link to a town elsewhere.)
ADMIN_WORDS = {
    "province", "prefecture", "region", "district", "oblast", "governorate", "county", "state",
}  # fmt: skip
# Only in lower case after the name: "the Var department", "the Ticino canton" (but "the
# Justice Department" is a ministry).
ADMIN_WORDS_AFTER = ADMIN_WORDS | {"department", "canton"}
# "towns like X", "villages including X" (and "cities such as X"): X is one of them.
EXAMPLE_OF = {"like", "including"}
_STRIP = {"the"}


class PlaceRules:
    def __init__(self, min_population: int) -> None:
        self.min_population = min_population
        self.gaz: Gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        self.datelines(doc)
        named = self.countries_named(doc)
        ents = self.relabel(doc, named)
        ents += self.missed(doc, ents, named)
        doc.ents = filter_spans(ents)
        return doc

    def datelines(self, doc: Doc) -> None:
        """ "PERTH, Australia 1997-03-02", "SAO PAULO 1997-01-05": a wire dateline's
        capitals at a line's start are a place the gazetteer knows; the model reads
        them as an organization or a person, or as part of the date after them."""
        ents = list(doc.ents)
        for start, end in dateline_runs(doc):
            name = " ".join(t.text.capitalize() for t in doc[start:end])
            if not self.gaz.candidates(name):
                continue
            kept = []
            for e in ents:
                if e.end <= start or e.start >= end:
                    kept.append(e)
                elif e.end > end:  # "PAULO 1997-01-05" DATE: the date keeps its part
                    kept.append(Span(doc, end, e.end, label=e.label_))
            ents = [*kept, Span(doc, start, end, label="GPE")]
        if ents != list(doc.ents):
            doc.ents = sorted(ents, key=lambda e: e.start)

    def countries_named(self, doc: Doc) -> set[str]:
        codes = set()
        for e in doc.ents:
            if e.label_ in ("GPE", "NORP", "LOC"):
                place = self.gaz.resolve(bare_name(e)) or self.gaz.demonym_place(e.text)
                if place and place.kind == "country":
                    codes.add(place.country_code)
        return codes

    def _obscure(self, place: Place, named: set[str]) -> bool:
        """A province whose country the article does not name."""
        return place.province and place.country_code not in named

    # -- find ----------------------------------------------------------------
    def relabel(self, doc: Doc, named: set[str]) -> list[Span]:
        surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        out: list[Span] = []
        town: tuple[int, Place] | None = None  # (end, place) of the last place found
        for ent in doc.ents:
            label = ent.label_
            if label in ("ORG", "PERSON") and (region := self._region_after(ent, town)):
                # Class: "Exeter, Devon", "Rouen, Normandy": a region of the town's own
                # country after it and a comma is that region, even where the model read
                # the town as a person too (the tag the model gave the town is not used).
                out.append(Span(doc, ent.start, ent.end, label="GPE"))
                town = (ent.end, region)
                continue
            place = None
            if label in ("NORP", "ORG", "PERSON") and (kind := self._named_kind(ent)):
                # Class: "Ishikawa Prefecture" (ORG), "Punjab province" (NORP): a name that
                # an administrative word follows is that place.
                out.append(Span(doc, ent.start, ent.end, label=kind))
                town = None
                continue
            if label in ("NORP", "ORG", "PERSON"):
                place = self.gaz.resolve(bare_name(ent))
                context = None  # the sentence's use of the name, read at most once
                if place is None:
                    context = _place_context(ent) or _out_of(ent, label)
                    place = self._shared_name(ent) if context else None
                if place and self._obscure(place, named):
                    place = None
                if place is not None and context is None:
                    context = _place_context(ent) or _out_of(ent, label)
                placed = place is not None and bool(context)
                if place and place.kind == "city" and not place.capital and label != "NORP":
                    place = place if placed else None
                # A one-word "person" that is another person's surname ("Jordan").
                if place and not (label == "PERSON" and len(ent) == 1 and ent.text in surnames):
                    if (
                        label != "PERSON"
                        or place.kind in ("country", "continent")
                        or len(ent) == 1
                        or (placed and ent[0].text not in given_names())
                    ):
                        label = "GPE"
                if label in ("PERSON", "ORG") and all(self.gaz.is_demonym(t.text) for t in ent):
                    label = "NORP"
            elif label in ("GPE", "LOC") and _demonym_only(self.gaz, ent):
                # "Opposition gains in Slovak vote": a nationality the model took for the
                # country is no place.
                label = "NORP"
            elif label == "GPE":
                place = self.gaz.resolve(bare_name(ent))
            town = (ent.end, place) if label == "GPE" and place else None
            out.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label))
        return out

    def _shared_name(self, ent: Span) -> Place | None:
        """The biggest town of a name several places share ("Valencia" in Spain and in
        Venezuela, "Santarém"), for a name the sentence uses as a place ("in Seville,
        Málaga and Valencia", "the city of Santarém"): which one it is, linking decides
        from the whole article; that it is a place, the sentence says."""
        doc, i = ent.doc, ent.start
        # "the village of Wolbrom": the sentence says what kind of place, so a small town
        # of the index (minor) is enough.
        named_kind = i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_NOUNS
        towns = [
            c
            for c in self.gaz.candidates(bare_name(ent), minor=named_kind)
            if c.kind == "city" and not c.alternate and (named_kind or not c.minor)
        ]
        return max(towns, key=lambda c: c.population) if towns else None

    def _named_kind(self, ent: Span) -> str | None:
        """GPE for a name with an administrative word after it, in it ("Ishikawa
        Prefecture") or lower case after it ("Punjab province"), where the index knows
        the name as a region or a town."""
        doc = ent.doc
        if len(ent) > 1 and ent[-1].lower_ in ADMIN_WORDS and ent[-1].is_title:
            inner = ent[:-1]
        elif ent.end < len(doc) and doc[ent.end].is_lower and len(ent) <= 2:
            word = doc[ent.end].lower_
            after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
            if after is not None and after.pos_ in ("NOUN", "PROPN"):
                return None  # "the Labour district office": the word modifies a noun
            # "Tete and Niassa provinces": the plural after a list of names.
            singular = word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")
            if word not in ADMIN_WORDS_AFTER and not (
                singular in ADMIN_WORDS_AFTER
                and ent.start > 0
                and doc[ent.start - 1].lower_ == "and"
            ):
                return None
            inner = ent
        else:
            return None
        known = self.gaz.candidates(bare_name(inner), minor=True)
        return "GPE" if any(c.kind in ("region", "city") for c in known) else None

    def _region_after(self, ent: Span, town: tuple[int, Place] | None) -> Place | None:
        """The region of the town's country that `ent` names, where `ent` follows the
        town and a comma."""
        if town is None or ent.start != town[0] + 1 or ent.doc[town[0]].text != ",":
            return None
        found = self.gaz.resolve_in(bare_name(ent), town[1].country_code, minor=True)
        return found if found and found.kind == "region" else None

    def missed(self, doc: Doc, ents: list[Span], named: set[str]) -> list[Span]:
        taken = set()
        for e in ents:
            taken.update(range(e.start, e.end))
        lowered = lower_words(doc)
        found = []
        i = 0
        while i < len(doc):
            if i in taken or not _name_word(doc[i]):
                i += 1
                continue
            j = i
            while j < len(doc) and j not in taken and _name_word(doc[j]):
                j += 1
            # The whole run of proper nouns must be the place name, nothing more.
            if j - i <= MAX_NGRAM:
                span = doc[i:j]
                place = self.gaz.resolve(span.text)
                if place and self._confident(place, span, lowered, named):
                    found.append(Span(doc, i, j, label="GPE"))
            i = j
        return found

    def _confident(
        self, place: Place, span: Span, lowered: frozenset[str], named: set[str]
    ) -> bool:
        if place.alternate or self._obscure(place, named):
            return False
        if len(span) == 1 and span.text.lower() in lowered:
            return False  # the word is used in lower case too: a common word
        if place.kind in ("country", "continent") or place.province:
            return True  # a country, or a province of a country the article names
        return place.population >= self.min_population


MAX_DATELINE_WORDS = 3


def dateline_runs(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalized words that opens a line and is followed
    by a comma, a dash, a bracket or a number: where a wire story puts its dateline."""
    runs = []
    for i in range(len(doc)):
        if i and "\n" not in doc[i - 1].text + doc[i - 1].whitespace_:
            continue  # not at a line's start
        j = i
        while (
            j < len(doc)
            and j - i < MAX_DATELINE_WORDS
            and doc[j].is_upper
            and (doc[j].is_alpha and len(doc[j]) > 1)
        ):
            j += 1
        if j > i and j < len(doc) and (doc[j].text in (",", "-", "\u2013", "(") or doc[j].like_num):
            runs.append((i, j))
    return runs


def preceded_by(doc: Doc, start: int, words: Container[str]) -> bool:
    """Is the word before token `start`, past a "the", one of `words` ("in Kunduz",
    "from the Hague")?"""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in words


def _locative(ent: Span) -> bool:
    """Is the name the object of a place preposition ("in Kunduz", "from the Hague"), of
    a direction or a kind of place ("east of Kunduz", "the town of Kunduz"), or the
    region after a place ("Livorno, Tuscany")?"""
    doc = ent.doc
    i = ent.start - 1
    if i >= 1 and doc[i].text == "," and doc[i - 1].ent_type_ in ("GPE", "LOC"):
        return True
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PLACE_OF:
        return True
    first = _first_conjunct(ent.root)
    if first.i < ent.start and first.ent_type_ and first.dep_ == "pobj":
        # "from Marseille and Toulon": the preposition governs every name of the list.
        return first.head.lower_ in LOCATIVE and first.head.i == first.left_edge.i - 1
    return preceded_by(doc, ent.start, LOCATIVE)


def _place_context(ent: Span) -> bool:
    """Does the sentence use the name as a place: after a place preposition, before an
    apposition that calls it one, in a list of places, or as an example of a kind of
    place?"""
    return (
        _locative(ent)
        or _place_apposition(ent)
        or _place_predicate(ent)
        or _listed_with_places(ent)
        or _example_of(ent)
    )


def _place_predicate(ent: Span) -> bool:
    """ "Porto is Portugal's second-largest city": the subject of "is" whose complement
    is a place noun."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lower_ not in ("is", "was"):
        return False
    return any(c.dep_ == "attr" and c.lower_ in PLACE_NOUNS for c in root.head.children)


def _listed_with_places(ent: Span) -> bool:
    """ "Tulsa, Sand Springs, Jenks, and Broken Arrow": one of a list whose other
    members the model tags as places."""
    first = _first_conjunct(ent.root)
    listed, todo = [], [first]
    while todo and len(listed) < 20:  # the whole list: "A, B, C and D" chain their conj
        t = todo.pop()
        listed.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return any(t.ent_type_ in ("GPE", "LOC") and not (ent.start <= t.i < ent.end) for t in listed)


def _first_conjunct(token: Token) -> Token:
    for _ in range(20):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def _example_of(ent: Span) -> bool:
    """ "outer towns like Broken Arrow", "cities such as Jenks": an example of a plural
    place noun."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "such":
        i -= 1
    elif i < 0 or doc[i].lower_ not in EXAMPLE_OF:
        return False
    noun = doc[i - 1] if i >= 1 else None
    if noun is None or noun.tag_ != "NNS":
        return False
    # The pipeline has no lemmatizer: "cities" -> "city", "towns" -> "town".
    word = noun.lower_
    return (word[:-3] + "y" if word.endswith("ies") else word[:-1]) in PLACE_NOUNS


def _place_apposition(ent: Span) -> bool:
    """Does a comma and a short phrase headed by a place noun follow the name?"""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    for tok in doc[ent.end + 1 : ent.end + 7]:
        if tok.is_punct:
            return False
        if tok.lower_ in PLACE_NOUNS:
            return True
    return False


def _out_of(ent: Span, label: str) -> bool:
    """ "troops pulled out of Grozny": a "person" one moves out of is a place. Not for an
    organization ("spun out of Nokia", also a Finnish town)."""
    doc = ent.doc
    return (
        label == "PERSON"
        and ent.start >= 2
        and doc[ent.start - 1].lower_ == "of"
        and doc[ent.start - 2].lower_ == "out"
    )


def _demonym_only(gaz: Gazetteer, ent: Span) -> bool:
    return all(gaz.is_demonym(t.text) for t in ent) and gaz.resolve(bare_name(ent)) is None


def _name_word(tok) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha


def bare_name(ent: Span) -> str:
    """The name without a leading "the" or a trailing possessive, as written
    ("Guinea-Bissau" keeps its hyphen unspaced)."""
    start, end = ent.start, ent.end
    if end - start > 1 and ent.doc[start].lower_ in _STRIP:
        start += 1
    if end - start > 1 and ent.doc[end - 1].text in ("'s", "\u2019s"):
        end -= 1
    return ent.doc[start:end].text


@Language.factory(
    "extractor_places",
    assigns=["doc.ents"],
    default_config={"min_population": 100_000},
)
def make_places(nlp: Language, name: str, min_population: int) -> PlaceRules:
    return PlaceRules(min_population)
