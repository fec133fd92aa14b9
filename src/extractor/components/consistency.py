"""One name, one label per article ("one sense per discourse").

Classes of error fixed:
- the model labels the same name differently in one article ("Northrop Grumman" ORG
  five times and PERSON once): every mention takes the name's majority label; on a tie
  between organization and place, a name the gazetteer does not know as a place is the
  organization ("Scientology" five times each);
- a surname alone labelled ORG or GPE ("Braverman said", "Mohamed's family") when the
  article names a person with that surname: it is the person, unless the one-word form
  is itself used more often than the person is and the model never calls it a person
  on its own (then it is, say, "Ford" the company); a one-word name used once that
  misspells one person's surname is that person ("DesRoiser" after "Dennis DesRosier");
- a one-word name the model calls both PERSON and ORG ("Ryanair") that is no part of any
  full name of a person in the article: it is the organization, because news
  introduces people by full name before using a single name; likewise a one-word PERSON
  that is the first word of an organization's name in the article and of no person's
  ("Cerberus" after "Cerberus Capital Management"), or that is joined by "and" to an
  organization ("Lockheed and Sikorsky"); and a longer name the model calls PERSON and
  ORG as often ("Ford Credit") whose first word is no given name;
- a person's name the model splits or mislabels: "Dries" (ORG) right before "Mertens"
  (PERSON) is one person, as is a given name the model calls a place before an untagged
  surname the article uses for a person ("Steffi" GPE + "Graf"), and so is "Dries
  Mertens" (PRODUCT) when the article uses "Mertens" as a person's name: a short
  capitalized name whose last word is a surname of the article's people is that person;
  and every repeat of a person's full name that the model tagged only in part or not at
  all is that person;
- a name the model calls a place but the gazetteer does not know, used as a company is
  used: in a list with organizations ("Ubisoft, Microsoft, and PlayStation VR") or as
  the subject of what companies do and places do not ("Cisco sues Apple", "Cisco
  states that it has received the trademark"): it is the organization, at every
  mention;
- two names joined by a hyphen into one ("Boeing-Air Force" ORG) when the article also
  gives each alone, or by a dash between spaces with one side given alone ("based in
  San Jose - Cisco", GPE): two mentions, each with its own label;
- a one-word "person" the article also writes as a lower-case noun ("Iodine deficiency
  can lead to ..." beside "intake of iodine") is that noun, capitalized at a sentence
  start: it is dropped;
- a surname alone that the model left unlabelled ("said Rathbun") after the article
  named the person in full: it is a mention of that person, also where it opens a
  sentence and the tagger took it for a common noun ("Rathbun requested donations");
  so is a given name alone after the full name ("I'm Isabel Ruiz" ... "me and
  Isabel"), though not inside a hyphenated coinage ("i-Nick");
  likewise an acronym the writer gives in brackets after an organization ("European
  Central Bank (ECB)");
- an acronym the model calls an organization though the writer defined it as something
  else ("iPhones Software Development Kit (SDK)" ... "the SDK"): every mention takes
  the category of the name it stands for; and the last word of a product's name
  alone ("Lion" after "Mac OS X Lion") is that product.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractor.components.org_heads import known_organizations
from extractor.doctext import doc_text, lower_words
from extractor.gazetteer import gazetteer
from extractor.labels import NAME_LABELS, PLACE_LABELS
from extractor.lexicon import given_names
from extractor.surnames import misspelt_surname_of

# Labels the model gives a person's first name or whole name by mistake (not NORP:
# "Tajik Rakhmonov" is a nationality and a name).
SPLIT_LABELS = {"ORG", "GPE", "PRODUCT", "WORK_OF_ART", "FAC"}
# Labels the model gives a person's surname used alone ("Braverman said" ORG, "spoke to
# Sarma" LOC).
SURNAME_MISREAD = {"ORG", "GPE", "LOC", "FAC"}
# Names an acronym in brackets can stand for (not people: "(R-AZ)" is a party and state).
ACRONYM_LABELS = {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "INDEX"}
DASHES = {"-", "\u2013", "\u2014"}
# What a company does and a town does not (inflected: no lemmatizer in the pipeline).
# Not "say": "Moscow said" is a government speaking, and the place is right.
COMPANY_VERBS = {
    verb + ending
    for verb, endings in {
        "sue": ("", "s", "d"),
        "state": ("s", "d"),
        "claim": ("", "s", "ed"),
        "announce": ("", "s", "d"),
        "release": ("s", "d"),
        "launch": ("", "es", "ed"),
        "unveil": ("", "s", "ed"),
        "acquire": ("", "s", "d"),
        "hire": ("s", "d"),
        "manufacture": ("s", "d"),
        "ship": ("s", "ped"),
        "declare": ("s", "d"),
        "sell": ("s",),
        "sold": ("",),
        "buy": ("s",),
        "bought": ("",),
    }.items()
    for ending in endings
}


def _subject_noun(t: Token, lowered: frozenset[str]) -> bool:
    """A surname opening a sentence as its subject, which the tagger read as a common noun
    ("Rathbun requested donations"): not a word the article also writes in lower case
    ("Price rose" beside "the price")."""
    after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return (
        t.tag_ == "NN"
        and t.is_sent_start
        and t.lower_ not in lowered
        and after is not None
        and after.pos_ in ("VERB", "AUX")
    )


class Consistency:
    def __call__(self, doc: Doc) -> Doc:
        self.split_hyphen_pairs(doc)
        self.join_split_names(doc)
        # Surnames the model left unlabelled vote too ("Papermaster" ORG three times,
        # unlabelled five), so they are added before the labels are settled.
        defined = _defined_acronyms(doc)
        self.add(doc, self.missed_surnames(doc) + self.bracketed_acronyms(doc, defined))
        self.set_annotations(doc, self.relabel(doc, defined))
        self.drop_common_nouns(doc)
        return doc

    def drop_common_nouns(self, doc: Doc) -> None:
        """ "Iodine deficiency can lead to ..." beside "an adequate intake of iodine": a
        one-word "person" the article also writes as a lower-case noun is that noun,
        capitalized at a sentence start. Part of a full name it stays ("Mark" of "Mark
        Zuckerberg"). So is a "place" or an organization opening a line or a sentence
        that the index does not know ("Rebels shell Kabul" over "Taleban rebels fired
        rockets", "Cholera outbreak spreads" over "cases of cholera")."""
        nouns = {t.text for t in doc if t.is_lower and t.pos_ == "NOUN"}
        headings = _headings(doc)
        if headings:
            doc.ents = [e for e in doc.ents if e.start not in headings]
        if not nouns:
            return
        parts = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        doc.ents = [
            e
            for e in doc.ents
            if not (
                len(e) == 1
                and _as_noun(e.text.lower(), nouns)
                and e.text not in parts
                and (
                    e.label_ == "PERSON"
                    or e.label_ in PLACE_LABELS | {"ORG"}
                    and _opens_unknown(e)
                    and e.text not in known_organizations()
                )
            )
        ]

    def missed_surnames(self, doc: Doc) -> list[Span]:
        first_full: dict[str, int] = {}
        for e in doc.ents:
            if e.label_ == "PERSON" and len(e) > 1 and len(e[-1]) > 2 and e[-1].is_title:
                first_full.setdefault(e[-1].text, e.end)
                if e[0].text in given_names():
                    # A given name alone after the full name ("I'm Isabel Ruiz" ... "me
                    # and Isabel"): interviews and profiles call people so.
                    first_full.setdefault(e[0].text, e.end)
        if not first_full:
            return []
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        lowered = lower_words(doc)
        return [
            Span(doc, t.i, t.i + 1, label="PERSON")
            for t in doc
            if t.text in first_full
            and t.i not in taken
            and t.i >= first_full[t.text]
            and (t.pos_ == "PROPN" or _subject_noun(t, lowered))
            and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
            and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
            and not (t.i > 0 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_)
        ]

    def split_hyphen_pairs(self, doc: Doc) -> None:
        """ "Boeing-Air Force" (ORG): two names the article also gives alone; "San Jose -
        Cisco" (GPE): a dash between spaces, with a name the article gives alone on one
        side, is punctuation."""
        alone = {e.text: e.label_ for e in doc.ents if not any(t.text in DASHES for t in e)}
        out: list[Span] = []
        for e in doc.ents:
            dash = next((t for t in e[1:-1] if t.text in DASHES), None)
            if dash is None or e.label_ not in SPLIT_LABELS | NAME_LABELS:  # not "2006 - 2009"
                out.append(e)
                continue
            parts = (doc[e.start : dash.i], doc[dash.i + 1 : e.end])
            # Tokenized text spaces every hyphen ("Council on American - Islamic
            # Relations"), so a part must stand alone somewhere too.
            if (
                dash.whitespace_
                and doc[dash.i - 1].whitespace_
                and any(p.text in alone for p in parts)
            ):
                out += [Span(doc, p.start, p.end, label=alone.get(p.text, e.label_)) for p in parts]
                continue
            labels = [alone.get(part.text) for part in parts]
            # Not people's names: "Hewlett-Packard", "Rolls-Royce" are one company.
            if dash.text == "-" and None not in labels and "PERSON" not in labels:
                out += [
                    Span(doc, part.start, part.end, label=label)
                    for part, label in zip(parts, labels, strict=True)
                ]
            else:
                out.append(e)
        doc.ents = out

    def join_split_names(self, doc: Doc) -> None:
        ents = list(doc.ents)
        # Surnames from other names: "Northrop Grumman" once called PERSON says nothing.
        surnames: dict[str, set[str]] = {}
        for e in ents:
            if e.label_ == "PERSON" and e[-1].is_title:
                surnames.setdefault(e[-1].text, set()).add(e.text)
        out: list[Span] = []
        for e in ents:
            prev = out[-1] if out else None
            if (
                prev is not None
                and e.label_ == "PERSON"
                and len(e) == 1
                and prev.label_ in SPLIT_LABELS
                and len(prev) == 1
                and prev.end == e.start
                and prev[0].is_title
                and prev[0].is_alpha
                and prev[0].whitespace_
            ):
                out[-1] = Span(doc, prev.start, e.end, label="PERSON")
                continue
            if (
                e.label_ in SPLIT_LABELS
                and len(e) == 1
                and e[0].text in given_names()
                and e.end < len(doc)
                and doc[e.end].ent_type_ == ""
                and doc[e.end].is_title
                and doc[e.end].is_alpha
                and doc[e.end].text in surnames
                and e[0].whitespace_
            ):
                # "beat Steffi Graf" ("Steffi" GPE, "Graf" untagged) where the article
                # calls "Graf" a person: a given name and that surname are the person.
                out.append(Span(doc, e.start, e.end + 1, label="PERSON"))
                continue
            if (
                e.label_ in SPLIT_LABELS
                and 2 <= len(e) <= 3
                and surnames.get(e[-1].text, set()) - {e.text}
                and all(t.is_title and t.is_alpha for t in e)
            ):
                e = Span(doc, e.start, e.end, label="PERSON")
            out.append(e)
        doc.ents = out
        self.add(doc, self.repeated_full_names(doc))

    def repeated_full_names(self, doc: Doc) -> list[Span]:
        """Every other occurrence of a person's full name, where the model tagged it only
        in part or not at all ("Dries" ORG + "Mertens" unlabelled, after "Dries Mertens")."""
        names: dict[str, list[tuple[str, ...]]] = {}
        for e in doc.ents:
            if e.label_ == "PERSON" and len(e) > 1:
                names.setdefault(e[0].text, []).append(tuple(t.text for t in e))
        if not names:
            return []
        tagged = {(e.start, e.end) for e in doc.ents}
        found = []
        for tok in doc:
            for name in names.get(tok.text, ()):
                end = tok.i + len(name)
                if (
                    end <= len(doc)
                    and (tok.i, end) not in tagged
                    and tuple(t.text for t in doc[tok.i : end]) == name
                ):
                    span = doc[tok.i : end]
                    # Only where no entity crosses the name's edges, and the surname is
                    # untagged or a person ("Lockheed" ORG + "Martin" PRODUCT is no
                    # evidence for a person "Lockheed Martin").
                    if (
                        all(t.ent_iob_ != "I" or t.i > tok.i for t in span)
                        and (end == len(doc) or doc[end].ent_iob_ != "I")
                        and span[-1].ent_type_ in ("", "PERSON")
                    ):
                        found.append(Span(doc, tok.i, end, label="PERSON"))
        return found

    def bracketed_acronyms(self, doc: Doc, defined: list[tuple[Span, Token]]) -> list[Span]:
        """'European Central Bank (ECB)': the writer names the acronym; it is the org
        (or the product, index, place ... the name before it is)."""
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        found = []
        for e, acronym in defined:
            if acronym.i not in taken:
                found.append(Span(doc, acronym.i, acronym.i + 1, label=e.label_))
        return found

    def add(self, doc: Doc, spans: list[Span]) -> None:
        if spans:
            doc.ents = filter_spans([*doc.ents, *spans])

    def relabel(self, doc: Doc, acronyms: list[tuple[Span, Token]]) -> dict[int, str]:
        """Index in doc.ents -> new label."""
        ents = list(doc.ents)
        votes: dict[str, Counter[str]] = {}
        for e in ents:
            if e.label_ in NAME_LABELS:
                votes.setdefault(e.text, Counter())[e.label_] += 1
        people = [e for e in ents if e.label_ == "PERSON" and len(e) > 1]
        person_count = Counter(_surname(e) for e in people)
        name_parts = {t.text for e in people for t in e}
        full_names = {e.text for e in people}
        org_words = {e[0].text for e in ents if e.label_ == "ORG" and len(e) > 1}
        org_words |= {e.text for e in ents if len(e) == 1 and _coordinated_with_org(e)}
        companies = {e.text for e in ents if e.label_ in PLACE_LABELS and _acts_as_company(e)}
        # "iPhones Software Development Kit (SDK)": every "SDK" is the product.
        defined = {acronym.text: e.label_ for e, acronym in acronyms}
        # "Lion" after "Mac OS X Lion": a product's last word alone is the product.
        products = {
            e[-1].text
            for e in ents
            if e.label_ == "PRODUCT" and len(e) > 1 and e[-1].is_alpha and e[-1].is_title
        }
        changes: dict[int, str] = {}
        for i, e in enumerate(ents):
            if e.label_ not in NAME_LABELS:
                continue
            vote = votes[e.text]
            (top, n), *rest = vote.most_common()
            if e.text in defined:
                if defined[e.text] != e.label_:
                    changes[i] = defined[e.text]
            elif len(e) == 1 and e.text in products and e.label_ != "NORP":
                changes[i] = "PRODUCT"
            elif _one_name(e) and e.text in person_count and e.label_ in SURNAME_MISREAD:
                if (
                    sum(vote.values()) <= person_count[e.text]
                    or vote["PERSON"] >= vote[e.label_]
                    # "Percoco, 49, was convicted" (GPE twice): no place has the name, so
                    # however often it is used alone, it is the person's.
                    or (e.label_ in PLACE_LABELS and not gazetteer().candidates(e.text))
                ):
                    changes[i] = "PERSON"
            elif (
                len(e) == 1
                and e.label_ in SURNAME_MISREAD
                and sum(vote.values()) == 1
                and e.text[:1].isupper()
                and misspelt_surname_of(e.text, full_names)
            ):
                changes[i] = "PERSON"  # "DesRoiser" once, after "Dennis DesRosier"
            elif (
                len(e) == 1
                and vote["PERSON"]
                and e.text not in name_parts
                and (vote["ORG"] or e.text in org_words)
                # Not a town the model mostly calls a place ("Tulsa", with "Tulsa
                # Transit" ORG): the majority below decides that one.
                and vote["ORG"] + vote["PERSON"] > sum(vote[x] for x in PLACE_LABELS)
            ):
                if e.label_ != "ORG":
                    changes[i] = "ORG"
            elif e.text in companies and e.label_ in PLACE_LABELS:
                changes[i] = "ORG"
            elif top != e.label_ and (not rest or n > rest[0][1]):
                changes[i] = top
            elif (
                rest
                and n == rest[0][1]
                and e.label_ in PLACE_LABELS
                and vote["ORG"] == n
                and gazetteer().resolve(e.text) is None
            ):
                changes[i] = "ORG"  # a tie, and no gazetteer place by that name
            elif (
                len(e) > 1
                and e.label_ == "PERSON"
                and vote["ORG"] == n
                and vote["PERSON"] == n
                and e[0].text not in given_names()
            ):
                # "Ford Credit" ORG in the headline, PERSON in the body: a tie, and a
                # person's full name opens with a given name, which "Ford" is not.
                changes[i] = "ORG"
        return changes

    def set_annotations(self, doc: Doc, changes: dict[int, str]) -> None:
        if changes:
            doc.ents = [
                Span(doc, e.start, e.end, label=changes[i]) if i in changes else e
                for i, e in enumerate(doc.ents)
            ]


def _surname(person: Span) -> str:
    """The last word of a person's name, a hyphenated one whole ("Akufo-Addo")."""
    if len(person) >= 4 and person[-2].text == "-" and not person[-2].whitespace_:
        return person[-3:].text
    return person[-1].text


def _one_name(ent: Span) -> bool:
    """One word, or two joined by a hyphen ("Akufo-Addo")."""
    return len(ent) == 1 or (len(ent) == 3 and ent[1].text == "-" and not ent[0].whitespace_)


def _headings(doc: Doc) -> set[int]:
    """ "Biography", "Legacy" on lines of their own: a section's heading, which the model
    calls an organization or a person. Only a word the text uses nowhere else, and no
    place ("Porto" as a guide's title) nor a listed organization ("Disney" over a photo)."""
    text = doc_text(doc)
    found = set()
    for e in doc.ents:
        if len(e) != 1 or e.label_ not in ("ORG", "PERSON") or not e[0].is_alpha:
            continue
        line_end = text.find("\n", e.end_char)
        line_end = len(text) if line_end < 0 else line_end
        if (
            text[e.end_char : line_end].strip()
            or text[text.rfind("\n", 0, e.start_char) + 1 : e.start_char].strip()
        ):
            continue  # other words on its line
        if (
            text.count(e.text) == 1
            and not gazetteer().candidates(e.text)
            and e.text not in known_organizations()
        ):
            found.add(e.start)
    return found


def _as_noun(word: str, nouns: set[str]) -> bool:
    """ "Trains between Kraków and Zakopane" beside "the train": the word, or its singular."""
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


def _opens_unknown(ent: Span) -> bool:
    doc = ent.doc
    opens = ent.start == 0 or ent[0].is_sent_start or "\n" in doc[ent.start - 1].text_with_ws
    return opens and not gazetteer().candidates(ent.text, minor=True)


def _coordinated_with_org(ent: Span) -> bool:
    """ "Lockheed and Sikorsky": a name joined by "and"/"or" to an organization is one."""
    doc = ent.doc
    before = ent.start - 2
    after = ent.end + 1
    return (
        before >= 0 and doc[before + 1].lower_ in ("and", "or") and doc[before].ent_type_ == "ORG"
    ) or (
        after < len(doc) and doc[ent.end].lower_ in ("and", "or") and doc[after].ent_type_ == "ORG"
    )


def _defined_acronyms(doc: Doc) -> list[tuple[Span, Token]]:
    """(name, acronym) for each "Name (ACRONYM)" the writer gives."""
    found = []
    for e in doc.ents:
        i = e.end
        if (
            e.label_ in ACRONYM_LABELS
            and i + 2 < len(doc)
            and doc[i].text == "("
            and doc[i + 2].text == ")"
            and doc[i + 1].is_upper
            and len(doc[i + 1]) >= 2
            and not _dateline_agency(e, i)
        ):
            found.append((e, doc[i + 1]))
    return found


def _dateline_agency(ent: Span, i: int) -> bool:
    """ "SEATTLE (AP) —", "WASHINGTON (Reuters) -": the bracket after a dateline's place
    holds the wire agency, not the place's acronym ("the United Kingdom (UK)")."""
    doc = ent.doc
    return (
        ent.label_ in ("GPE", "LOC")
        and i + 3 < len(doc)
        and doc[i + 3].text in ("-", "\u2013", "\u2014", "--")
        and doc[i + 1].text[0] != ent.text[0].upper()
    )


def _acts_as_company(ent: Span) -> bool:
    """A name no gazetteer place has, listed with organizations or doing what they do."""
    root = ent.root
    listed_with = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        listed_with.append(root.head)
    return (
        any(t.ent_type_ == "ORG" for t in listed_with)
        or (root.dep_ == "nsubj" and root.head.lower_ in COMPANY_VERBS)
    ) and gazetteer().resolve(ent.text) is None


@Language.factory("extractor_consistency", assigns=["doc.ents"], requires=["token.dep"])
def make_consistency(nlp: Language, name: str) -> Consistency:
    return Consistency()
