"""A name whose last word is an organization type is an organization; one whose last
word is a kind of building or site is a place.

Class of error fixed: the model calls "Saturn Corporation" a person, "Irving Police
Department" or "Colorado State University" a place, because the first words look like
a name or a place. English names put the kind of organization last, so a multi-word
GPE, LOC or FAC span ending in a legal form ("Corporation", "Inc.") or an institution
noun ("University", "Police", "Council") is relabelled ORG; a PERSON span only for words
that are never surnames.

The reverse error: "Changi International Airport", "Terminal 3", "Century City Towers",
"NTU Hospital Station" and "the White House" are called ORG, but they are buildings and
sites, places a reader can go to: an ORG span ending in a facility noun (maybe with a
number after it) is relabelled FAC, which `places` reports.

A well-known organization named alone is one whatever the model called it ("Twitter"
PERSON, "Ubisoft" GPE), or where it left it untagged ("Facebook co-founder Mark
Zuckerberg"): the names are data, `data/organizations.txt`. So is a listed company's full
name that the model calls a person ("Lockheed Martin"): `data/listed_companies.txt`.

A legal form right after an organization is part of its name: the model splits
"Chrysler LLC" into "Chrysler" and "LLC", two organizations; they are joined. So are two
organizations joined by "for" or "of" ("Federal Service for the Financial Markets"):
the model breaks long institution names at the lower-case word; and two joined by "and"
when the writer's acronym after them spells both ("Union of Rationalist Atheists and
Agnostics (UAAR)"). Two bodies sharing one plural head are two organizations ("the
State and Homeland Security Departments"); the model tags them in part or not at all.
A name right after the kind of organization it is ("the company Hitwise UK", "German
magazine Der Spiegel") is that organization, whatever the model called it; after the
plural, names it tagged as one are split at "and" ("the schools Santo Spirito and
Immacolata").

The model also leaves some organizations untagged ("The Deseret News observed", "the
Sea Org group", "- Apple Inc. -"), or tags a long name only in part ("European
Aeronautic Defence" ORG, "and Space Company" nothing): a run of two or more untagged
capitalized proper nouns ending in an organization head is an organization, joined to
an organization right before it by "and"; ending in a facility noun, a site ("walking
from Shandao Station"). Not in a Title Case headline, where every word is capitalized.

Airlines are named "Air" and a country or city ("Air China", "Air India", "Air Berlin");
the model tags the place alone, so a place right after a capitalized "Air" is the
airline.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractor.doctext import doc_text
from extractor.gazetteer import gazetteer
from extractor.lexicon import LEGAL_FORMS, entries, given_names
from extractor.namewords import FACILITIES, INSTITUTIONS, ORG_HEADS

RELABEL = {"PERSON", "GPE", "LOC", "FAC"}
# Heads shared by states and bodies of people: the model tags trade and credit unions
# ORG, and its GPE is a union of states ("the Soviet Union"), which stays a place.
STATE_HEADS = frozenset({"union"})
# What the model tags of an airline's name ("Air" + "China" GPE); not a building.
AIRLINE_HOMES = {"GPE", "LOC"}
KNOWN_RELABEL = {"PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"}
# "... Centre" after these words is a site, not a body ("Convention Centre").
# fmt: off
ACTIVITY_CENTRES = {
    "convention", "exhibition", "conference", "shopping", "sports", "leisure", "delivery",
    "distribution", "visitor", "visitors", "community", "trade", "data", "civic", "aquatic",
    "aquatics", "detention", "transit",
}
# fmt: on
# Sites an untagged name can end in. Not streets: the famous ones the model leaves
# untagged mostly stand for an industry or a government ("Wall Street had its best
# week", "Downing Street said").
UNTAGGED_SITES = FACILITIES - {"street", "avenue", "boulevard", "highway"}
# Kinds of organization a writer puts before its name ("the company Hitwise UK", "German
# magazine Der Spiegel"); the name after one is that organization.
# fmt: off
ORG_KINDS = frozenset({
    "company", "firm", "newspaper", "magazine", "broadcaster", "airline", "carmaker",
    "automaker", "bank", "retailer", "publisher", "charity", "insurer", "startup",
    "drugmaker", "chipmaker", "steelmaker", "planemaker", "toymaker", "shipbuilder",
    "lender", "conglomerate",
})
# fmt: on
# Kinds of body an apposition calls a name ("Meteo France, the national weather service"):
# the name is that body, not a person.
# fmt: off
APPOSITION_KINDS = ORG_KINDS | {
    "service", "agency", "ministry", "network", "union", "association", "organisation",
    "organization", "utility", "operator", "manufacturer", "maker", "authority",
    "watchdog", "regulator", "institute", "foundation", "party", "club", "band",
    "branch", "arm", "wing", "unit", "subsidiary", "division", "affiliate", "chapter",
}
# fmt: on
# The same kinds in the plural, before a list of names ("the schools Santo Spirito and
# Immacolata").
# fmt: off
PLURAL_KINDS = frozenset({
    "companies", "firms", "newspapers", "magazines", "broadcasters", "airlines",
    "carmakers", "automakers", "banks", "retailers", "publishers", "charities", "schools",
    "universities", "clubs", "parties", "drugmakers", "chipmakers", "steelmakers",
    "planemakers", "lenders", "insurers",
})
# fmt: on
# Labels the model gives such a name by mistake; an ORG stays as it is.
RETAG = frozenset({"ORG", "PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})
# Plural heads two bodies can share ("the Defense and State Departments").
# fmt: off
PLURAL_INSTITUTIONS = frozenset({
    "departments", "ministries", "committees", "agencies", "commissions", "councils",
    "offices", "services", "courts",
})
# fmt: on
# First words of places' names that no one's name starts with ("Fort Lee", "Lake Erie",
# "Cape Canaveral", "Mount Kenya", "Port Hutt"): the model calls many of them people.
PLACE_PREFIXES = frozenset({"fort", "ft.", "mount", "mt.", "lake", "cape", "port", "isle", "loch"})
# Last words of buildings and grounds a person's name never ends with ("the Lyndon Space
# Center", "the Getty Museum"), beyond the facility nouns an ORG is relabelled for.
PERSON_NEVER_ENDS = FACILITIES | {
    "center",
    "centre",
    "museum",
    "hospital",
    "library",
    "gallery",
    "theatre",
    "theater",
    "zoo",
    "park",
    "church",
    "chapel",
    "cemetery",
    "monument",
    "memorial",
    "observatory",
}
# Prefixes of ships' and flights' names: a vessel or a flight, not a person ("USS Cole",
# "Space Shuttle Endeavour", "Flight 212").
VEHICLE_PREFIXES = frozenset(
    {"uss", "hms", "rms", "hmas", "hmcs", "hmnzs", "ss", "mv", "flight", "shuttle"}
)
# Buildings known by a name that does not end in a facility noun.
LANDMARKS = {"White House", "Blue House"}


@lru_cache(maxsize=1)
def known_organizations() -> frozenset[str]:
    return frozenset(entries("organizations.txt"))


@lru_cache(maxsize=1)
def listed_companies() -> frozenset[str]:
    """Listed companies' names of two or more words (`data/listed_companies.txt`)."""
    return frozenset(entries("listed_companies.txt"))


class OrgHeads:
    def __call__(self, doc: Doc) -> Doc:
        surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        _split_shared_heads(doc)
        _split_speaker_tail(doc)
        _named_after_kind(doc)
        _split_listed_after_kind(doc)
        _add_untagged(doc)
        _add_known(doc)
        _described_as_kind(doc)
        _join_untagged_heads(doc)
        _join_listed(doc)
        _join_named_in_brackets(doc)
        self.set_annotations(doc, [self.fix(_airline(e), surnames) for e in _join_legal_forms(doc)])
        return doc

    def fix(self, ent: Span, surnames: set[str]) -> Span:
        if (
            ent.label_ in KNOWN_RELABEL
            and ent.text in known_organizations()
            and ent.text not in surnames
        ):
            return Span(ent.doc, ent.start, ent.end, label="ORG")
        if ent.label_ == "PERSON" and len(ent) > 1 and ent.text in listed_companies():
            # "Lockheed Martin", "Kinder Morgan": a listed company's full
            # name that reads like a person's.
            return Span(ent.doc, ent.start, ent.end, label="ORG")
        if ent.label_ == "ORG" and _facility(ent):
            return Span(ent.doc, ent.start, ent.end, label="FAC")
        if ent.label_ in ("PERSON", "ORG") and len(ent) > 1:
            kind = _named_like_a_person(ent)
            if kind:
                return Span(ent.doc, ent.start, ent.end, label=kind)
        heads = INSTITUTIONS if ent.label_ == "PERSON" else ORG_HEADS
        if ent.label_ == "GPE" and ent[-1].lower_ in STATE_HEADS:
            return ent  # the model's GPE "Union" is a state: "the Soviet Union"
        if ent.label_ in RELABEL and len(ent) > 1 and ent[-1].lower_ in heads:
            return Span(ent.doc, ent.start, ent.end, label="ORG")
        return ent

    def set_annotations(self, doc: Doc, fixed: list[Span]) -> None:
        doc.ents = fixed


def _named_like_a_person(ent: Span) -> str | None:
    """The label of a place, site or vessel the model took for a person (or, for a
    place's prefix, an organization): GPE/LOC, FAC or PRODUCT; None for anything else."""
    first, last = ent[0].lower_, ent[-1].lower_
    if last in ORG_HEADS:
        return None  # "Fort Worth Police", "Port Authority": the body
    if first in PLACE_PREFIXES and ent[1].is_title:
        return "GPE" if gazetteer().candidates(ent.text) else "LOC"
    if ent.label_ != "PERSON":
        return None
    if first in VEHICLE_PREFIXES or (first == "space" and ent[1].lower_ == "shuttle"):
        return "PRODUCT"
    if last in PERSON_NEVER_ENDS:
        return "FAC"
    return None


def _join_untagged_heads(doc: Doc) -> None:
    """ "Swiss Re", "Leeds United": the model tags "Swiss" (NORP) or "Leeds" (GPE) and
    leaves the untagged word that makes the name a company's or a club's."""
    ents = []
    for e in doc.ents:
        nxt = doc[e.end] if e.end < len(doc) else None
        if (
            e.label_ in RETAG
            and nxt is not None
            and nxt.ent_iob_ == "O"
            and nxt.is_title
            and nxt.lower_ in INSTITUTIONS
            and e[-1].whitespace_
        ):
            e = Span(doc, e.start, e.end + 1, label="ORG")
        ents.append(e)
    doc.ents = ents


def _join_legal_forms(doc: Doc) -> list[Span]:
    out: list[Span] = []
    for e in doc.ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "ORG"
            and (
                (
                    e.start == prev.end
                    and len(e) == 1
                    and e[0].lower_ in LEGAL_FORMS
                    and prev[-1].whitespace_
                )
                or (e.label_ == "ORG" and _joined_by_preposition(doc, prev.end, e.start))
                or _joined_by_acronym(doc, prev, e)
            )
        ):
            out[-1] = Span(doc, prev.start, e.end, label="ORG")
            continue
        out.append(e)
    return out


def _capitalized_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and (
        token.is_title or token.is_upper or token.lower_ in LEGAL_FORMS
    )


def _untagged_name_word(token: Token) -> bool:
    return token.ent_iob_ == "O" and _capitalized_name_word(token)


def _add(doc: Doc, found: list[Span]) -> None:
    """Add spans; where they overlap the model's, the longer wins."""
    if found:
        doc.ents = filter_spans(found + list(doc.ents))


def _add_untagged(doc: Doc) -> None:
    """Untagged "Deseret News" -> ORG, "Shandao Station" -> FAC; "EADS" ORG + "and
    Space Company" -> one ORG."""
    found: list[Span] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and _untagged_name_word(doc[j]):
            j += 1
        last = doc[j - 1].lower_ if j > i else ""
        if (
            j - i >= 2
            and (last in ORG_HEADS or last in UNTAGGED_SITES)
            and not _title_case(sentence(doc[i:j]))
        ):
            start = i
            if (
                last in ORG_HEADS
                and i >= 2
                and doc[i - 1].lower_ == "and"
                and doc[i - 2].ent_type_ == "ORG"
            ):
                start = _ent_start(doc[i - 2])
            found.append(Span(doc, start, j, label="ORG" if last in ORG_HEADS else "FAC"))
        i = max(j, i + 1)
    _add(doc, found)


def _named_after_kind(doc: Doc) -> None:
    """ "the company Hitwise UK" (the model: "UK" GPE), "German magazine Der Spiegel"
    (PERSON): a name right after the kind of organization it is, is that organization."""
    found: list[Span] = []
    for tok in doc:
        if tok.lower_ not in ORG_KINDS or tok.pos_ != "NOUN" or not tok.is_lower:
            continue
        end = tok.i + 1
        while end < len(doc) and _capitalized_name_word(doc[end]):
            end += 1
        if end == tok.i + 1:
            continue
        run = doc[tok.i + 1 : end]
        if run.root.dep_ in ("nsubj", "nsubjpass") and run.root.head.dep_ == "relcl":
            continue  # "a company Steve Jobs founded": the subject of a relative clause
        overlapping = [e for e in doc.ents if e.start < run.end and run.start < e.end]
        # Only where the model found nothing, or a person or place, inside the run.
        if all(
            e.start >= run.start and e.end <= run.end and e.label_ in RETAG for e in overlapping
        ) and not (overlapping and overlapping[0].label_ == "ORG" and len(overlapping) == 1):
            found.append(Span(doc, run.start, run.end, label="ORG"))
    _add(doc, found)


def _join_named_in_brackets(doc: Doc) -> None:
    """ "Movement for Oneness and Jihad in West Africa (MUJAO)", "Stabilization Mission
    in Mali (MINUSMA)": the model stops the body's name at "in", making its place a
    place; an acronym in brackets right after, opening with the first letter of one of
    the name's words, says the name runs on to it. The acronym is the body too."""
    found: list[Span] = []
    ents = list(doc.ents)
    for e, nxt in zip(ents, ents[1:], strict=False):
        if (
            e.label_ != "ORG"
            or nxt.start != e.end + 1
            or doc[e.end].lower_ not in ("in", "of", "for", "on")
        ):
            continue
        j = nxt.end
        if j + 2 >= len(doc) or doc[j].text != "(" or doc[j + 2].text != ")":
            continue
        acronym = doc[j + 1]
        if not (acronym.is_upper and acronym.is_alpha and 3 <= len(acronym) <= 8):
            continue
        if acronym.text[0] not in {t.text[0] for t in e if t.is_title}:
            continue
        found += [Span(doc, e.start, nxt.end, label="ORG"), Span(doc, j + 1, j + 2, label="ORG")]
    if found:
        doc.ents = filter_spans(found + list(doc.ents))


def _join_listed(doc: Doc) -> None:
    """ "Lockheed" ORG + "Martin" PRODUCT (or untagged): a name and the words after it
    that together are a listed company's full name are that company."""
    names = listed_companies()
    text = doc_text(doc)
    found = []
    for e in doc.ents:
        if e.label_ not in RETAG:
            continue
        for n in (1, 2):
            end = e.end + n
            if end > len(doc) or end < len(doc) and doc[end].ent_iob_ == "I":
                continue  # the next entity would be cut
            last = doc[end - 1]
            if text[e.start_char : last.idx + len(last)] in names and all(
                t.is_title or t.is_upper for t in doc[e.end : end]
            ):
                found.append(Span(doc, e.start, end, label="ORG"))
                break
    _add(doc, found)


def _described_as_kind(doc: Doc) -> None:
    """ "Meteo France, the national weather service, said" (PERSON): a name that an
    apposition calls a kind of body is that body. "John Smith, the company's chairman"
    stays a person: the apposition's head is the role."""
    found = [
        Span(doc, e.start, e.end, label="ORG")
        for e in doc.ents
        if e.label_ == "PERSON"
        and (
            any(
                c.dep_ == "appos"
                and c.lower_ in APPOSITION_KINDS
                and c.is_lower
                and any(d.dep_ == "det" for d in c.children)
                for c in e.root.children
            )
            # "Your publisher, Penguin Random House, has sold": the kind before the name.
            or e.root.dep_ == "appos"
            and e.root.head.lower_ in APPOSITION_KINDS
            and e.root.head.is_lower
            and e.root.head.i < e.start
        )
    ]
    if found:
        starts = {f.start for f in found}
        doc.ents = [e for e in doc.ents if e.start not in starts] + found


def _split_listed_after_kind(doc: Doc) -> None:
    """ "the religious schools Santo Spirito and Immacolata" (one ORG to the model): after
    a plural kind of organization, names joined by "and" are that many organizations."""
    out: list[Span] = []
    for e in doc.ents:
        ands = [t.i for t in e if t.lower_ == "and"]
        if (
            e.label_ == "ORG"
            and len(ands) == 1
            and e.start > 0
            and doc[e.start - 1].lower_ in PLURAL_KINDS
            and e.start < ands[0] < e.end - 1
        ):
            out += [
                Span(doc, e.start, ands[0], label="ORG"),
                Span(doc, ands[0] + 1, e.end, label="ORG"),
            ]
        else:
            out.append(e)
    if len(out) != len(doc.ents):
        doc.ents = out


def _split_shared_heads(doc: Doc) -> None:
    """ "the State and Homeland Security Departments" -> "State", "Homeland Security
    Departments": two bodies sharing one plural head, which the model tags in part or
    not at all."""
    found: list[Span] = []
    region: set[int] = set()
    for tok in doc:
        if tok.tag_ != "NNPS" or tok.lower_ not in PLURAL_INSTITUTIONS:
            continue
        start = tok.i
        while start > 0 and _name_word(doc[start - 1]):
            start -= 1
        and_i = start - 1
        if start == tok.i or and_i < 1 or doc[and_i].lower_ != "and":
            continue
        first = and_i
        while first > 0 and _name_word(doc[first - 1]):
            first -= 1
        if first < and_i:
            # The second keeps the head, as the text has it; the first has only its name.
            found += [
                Span(doc, first, and_i, label="ORG"),
                Span(doc, start, tok.i + 1, label="ORG"),
            ]
            region.update(range(first, tok.i + 1))
    if found:
        doc.ents = sorted(
            found + [e for e in doc.ents if not any(i in region for i in range(e.start, e.end))],
            key=lambda e: e.start,
        )


def _split_speaker_tail(doc: Doc) -> None:
    """ "the Council on American-Islamic Relations Alia Salem said": a body's name run on,
    with no comma, into the name of the person who speaks for it. An ORG span of four or
    more words whose last two are a given name and a capitalized word, followed by a verb,
    is the body and the person; "Santa Catarina", "St. Louis Cardinals", "the Brooklyn
    Paper," are followed by no verb, and a head word last ("Webber Douglas Academy")
    keeps the name whole."""
    out: list[Span] = []
    for e in doc.ents:
        after = doc[e.end] if e.end < len(doc) else None
        if (
            e.label_ == "ORG"
            and len(e) >= 4
            and e[-2].text in given_names()
            and e[-1].is_title
            and e[-1].lower_ not in ORG_HEADS
            and after is not None
            and after.pos_ in ("VERB", "AUX")
        ):
            out += [
                Span(doc, e.start, e.end - 2, label="ORG"),
                Span(doc, e.end - 2, e.end, label="PERSON"),
            ]
        else:
            out.append(e)
    if len(out) > len(doc.ents):
        doc.ents = out


def _name_word(token: Token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper) and token.pos_ == "PROPN"


def _add_known(doc: Doc) -> None:
    """A listed organization the model left untagged ("Facebook co-founder Mark
    Zuckerberg", "their Google Science Fair") is one: the list holds only names with no
    other reading."""
    by_first = _known_by_first_word()
    found = []
    for tok in doc:
        if tok.ent_iob_ != "O":
            continue
        for words in by_first.get(tok.text, ()):
            end = tok.i + len(words)
            span = doc[tok.i : end]
            if (
                end <= len(doc)
                and [t.text for t in span] == words
                and all(t.ent_iob_ == "O" for t in span)
            ):
                found.append(Span(doc, tok.i, end, label="ORG"))
                break
    _add(doc, found)


@lru_cache(maxsize=1)
def _known_by_first_word() -> dict[str, list[list[str]]]:
    by_first: dict[str, list[list[str]]] = {}
    for name in known_organizations():
        words = name.split()
        by_first.setdefault(words[0], []).append(words)
    return by_first


def _title_case(sent: Span) -> bool:
    """A headline in Title Case ("Man Arrested At Bus Station") capitalizes every word,
    so a run of capitals there is no name."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.is_title or t.is_upper for t in words)


def sentence(span: Span) -> Span:
    """The sentence around `span`; the whole text when the pipeline sets no sentences
    (a user's NER-only model)."""
    return span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]


def _ent_start(token: Token) -> int:
    for e in token.doc.ents:
        if e.start <= token.i < e.end:
            return e.start
    return token.i


def _joined_by_acronym(doc: Doc, first: Span, second: Span) -> bool:
    """ "Union of Rationalist Atheists" and "Agnostics" (UAAR): the writer's acronym
    spells both parts, so they are one name the model split at "and"."""
    if [t.lower_ for t in doc[first.end : second.start]] not in (["and"], ["&"]):
        return False
    after = doc[second.end : second.end + 3]
    if len(after) < 3 or after[0].text != "(" or after[2].text != ")":
        return False
    initials = "".join(t.text[0] for t in doc[first.start : second.end] if t.is_title or t.is_upper)
    # As a multiset: a translated name keeps its own word order ("UAAR" is the Italian
    # Unione degli Atei e degli Agnostici Razionalisti).
    return len(initials) >= 3 and sorted(after[1].text) == sorted(initials)


def _airline(ent: Span) -> Span:
    """ "Air" + "China" (GPE) -> "Air China" (ORG)."""
    doc = ent.doc
    if (
        ent.label_ in AIRLINE_HOMES
        and ent.start > 0
        and doc[ent.start - 1].text == "Air"
        and doc[ent.start - 1].ent_type_ == ""
    ):
        return Span(doc, ent.start - 1, ent.end, label="ORG")
    return ent


def _joined_by_preposition(doc: Doc, end: int, start: int) -> bool:
    between = [t.lower_ for t in doc[end:start]]
    return between in (["for"], ["of"], ["for", "the"], ["of", "the"])


def _facility(ent: Span) -> bool:
    if ent.text in LANDMARKS:
        return True
    words = [t for t in ent if not t.is_digit]
    if len(words) > 1 and words[-1].lower_ in ("centre", "center"):
        # "Metro Toronto Convention Centre", "Delivery Center": a centre for an activity
        # is a site; "Pew Research Center" is an organization.
        return words[-2].lower_ in ACTIVITY_CENTRES
    return len(ent) > 1 and bool(words) and words[-1].lower_ in FACILITIES


@Language.factory("extractor_org_heads", assigns=["doc.ents"], requires=["token.dep"])
def make_org_heads(nlp: Language, name: str) -> OrgHeads:
    return OrgHeads()
