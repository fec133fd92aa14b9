"""Mentions -> entities: grouping, canonical names, titles, place linking, salience.

Grouping rules (each a class of how news refers back to an entity):
- people: a shorter name whose tokens are a subsequence of a fuller name ending in the
  same surname joins it ("Ivanov", "Masoud", "Ahmed Masoud" -> "Ahmed Shah Masoud");
  a lone first name joins the one fuller name that starts with it. When two fuller names
  share the surname, the mention joins the nearest one mentioned before it.
- organizations: an acronym equal to the initials of a longer name ("USAF" ->
  "United States Air Force"), or to a country's and the name's ("USAF" -> "Air
  Force"); a leading part of a longer name ("Lockheed" -> "Lockheed Martin", but not
  "Ford" -> "Ford Australia", a branch), the nearest one before it when there are
  several; a headline's clipped form ("Penske Auto" -> "Penske Automotive Group"); the
  kind of body alone ("the Court" -> "Supreme Court"); an acronym the writer gives in
  brackets after the name ("Singapore Airlines (SIA)"); a national team by any of its
  country's names ("South Korea", "Korea Republic").
- places: mentions that `linking` links to the same GeoNames id ("U.S.", "United
  States"), otherwise the same name.
The canonical `name` is the fullest form (most tokens, then longest); a linked place's
is the gazetteer's name ("United States" for an article that writes only "US").

Salience: each mention weighs 3 in the headline, 2 in the lead paragraph, 1 elsewhere;
an entity's salience is its share of all entity weight in the article (the values of
all entities sum to 1).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor.doctext import doc_text
from extractor.gazetteer import Place, gazetteer
from extractor.labels import ENTITY_CATEGORIES, ORGANIZATIONS, PEOPLE, PLACES, category
from extractor.lexicon import LEGAL_FORMS, given_names
from extractor.linking import link_places
from extractor.namewords import ORG_HEADS
from extractor.surnames import misspelt_surname_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from extractor.meta import Header

HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0

_NATURAL = re.compile(
    r"\b(River|Mountains?|Sea|Lake|Ocean|Valley|Desert|Island|Islands|Gulf|Bay|Peninsula|"
    r"Strait|Canal|Basin|Plateau|Range|Falls|Glacier|Volcano|Coast)\b"
)
_ORG_STOP = {"of", "and", "the", "for", "&", "de", "on", "in"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    place: Place | None = None  # places only: the gazetteer's reading, in context


@dataclass
class Entity:
    category: str
    mentions: list[Mention]
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    place: Place | None = None
    kind: str | None = None
    salience: float = 0.0


def group_entities(doc: Doc, header: Header) -> dict[str, list[Entity]]:
    by_cat: dict[str, list[Mention]] = {c: [] for c in ENTITY_CATEGORIES}
    for span in doc.ents:
        cat = category(span.label_)
        if cat in by_cat:
            by_cat[cat].append(Mention(span.start_char, span.end_char, span.text, span.label_))
    link_places(by_cat[PLACES], doc_text(doc))
    expands = _bracketed(by_cat[ORGANIZATIONS], doc_text(doc))

    chains: dict[str, str] = {}

    def org_key(m: Mention, names: list[str], mentions: list[Mention]) -> str:
        key = _org_key(expands.get(_norm(m.text), m), names, mentions, header.body_start)
        if key not in chains:
            chains[key] = _follow_chain(key, names, mentions, header.body_start)
        return chains[key]

    out = {
        cat: _merge(
            mentions,
            _people_key
            if cat == PEOPLE
            else org_key
            if cat == ORGANIZATIONS
            else _place_key
            if cat == PLACES
            else _exact_key,
        )
        for cat, mentions in by_cat.items()
    }
    titles = _titles(doc)
    for cat, entities in out.items():
        for e in entities:
            _finish(e, cat, titles)
    _salience([e for es in out.values() for e in es], header, doc_text(doc))
    return out


def _follow_chain(key: str, names: list[str], mentions: list[Mention], body_start: int = 0) -> str:
    """ "the Court" -> "Supreme Court" -> "Italian Supreme Court of Cassation" are one
    body: a key that is itself a short form takes the key of the name it stands for."""
    seen = {key}
    while rep := next((x for x in mentions if _org_core(_norm(x.text)).casefold() == key), None):
        key = _org_key(rep, names, mentions, body_start)
        if key in seen:
            break
        seen.add(key)
    return key


# -- grouping ----------------------------------------------------------------
# A key function maps (mention, all distinct names in the category) -> a group key.


def _merge(mentions: list[Mention], key_fn) -> list[Entity]:
    names = _distinct(mentions)
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(key_fn(m, names, mentions), []).append(m)
    return [Entity("", ms) for ms in groups.values()]


def _distinct(mentions: list[Mention]) -> list[str]:
    seen: dict[str, None] = {}
    for m in mentions:
        seen.setdefault(_norm(m.text), None)
    return list(seen)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def _exact_key(m: Mention, names: list[str], mentions: list[Mention]) -> str:
    return _norm(m.text).casefold()


def _people_key(m: Mention, names: list[str], mentions: list[Mention]) -> str:
    toks = _norm(m.text).split()
    fuller = [n for n in names if len(n.split()) > len(toks) and _refers_to(toks, n.split())]
    # Only the fullest forms are keys: drop candidates that are themselves part of another.
    fuller = [
        n
        for n in fuller
        if not any(
            len(o.split()) > len(n.split()) and _refers_to(n.split(), o.split()) for o in fuller
        )
    ]
    if not fuller and len(toks) == 1:
        fuller = misspelt_surname_of(toks[0], names)
    if not fuller:
        return " ".join(toks).casefold()
    if len(fuller) == 1:
        return fuller[0].casefold()
    # Several people share the surname: the one the article named first, its subject
    # ("Harold Mabern" ... "his nephew, Michael Mabern" ... "Mabern moved to Chicago").
    pick = next(x.text for x in mentions if _norm(x.text) in fuller)
    return _norm(pick).casefold()


def _refers_to(short: list[str], full: list[str]) -> bool:
    """Is `short` a way of naming the person `full` (surname, first name, middle dropped)?
    Case aside: a capitals headline's "HINGIS" is the body's "Martina Hingis"."""
    # "Rafael Quispe Mamani" ... "Quispe": of two surnames, the first is the one used
    # alone (Spanish and Portuguese naming); not a second given name ("John Paul Jones").
    paternal = len(full) == 3 and full[1] not in given_names() and full[1][:1].isupper()
    short, full = [t.casefold() for t in short], [t.casefold() for t in full]
    if short[-1] == full[-1]:
        it = iter(full)
        return all(tok in it for tok in short)  # ordered subsequence
    if paternal and len(short) == 1 and short[0] == full[1]:
        return True
    if (
        len(short) == 1
        and len(full) >= 2
        and "-" in full[-1]
        and short[0] == full[-1].split("-")[0]
    ):
        return True  # "Solberg" for "Ingrid Solberg-Nakamura"
    return len(short) == 1 and short[0] == full[0] and len(full) >= 2


def _org_key(m: Mention, names: list[str], mentions: list[Mention], body_start: int = 0) -> str:
    text = _org_core(_norm(m.text))
    gaz = gazetteer()
    country = gaz.resolve(text)
    if country is None:  # "Korea" for the team "South Korea" named in the article
        country = gaz.fuller(text, map(_org_core, names), ("country",))
    if country and country.kind == "country":  # a national team, by any of its names
        return f"country:{country.geonames_id}"
    toks = text.split()
    raw = {_org_core(n): _strip_the(n).split() for n in names}  # core -> with legal form
    firsts: dict[str, int] = {}  # core -> where the article first uses it
    # The headline's short forms ("Shell" over "Royal Dutch Shell") are no first use:
    # where the body uses a name counts first.
    for x in [x for x in mentions if x.start >= body_start] + mentions:
        firsts.setdefault(_org_core(_norm(x.text)), x.start)
    # Class: a name with its legal form is a company's full name ("Ford Motor Co" is not
    # short for "Ford Motor Credit Co", its subsidiary): it refers to no longer name.
    legal = _strip_the(_norm(m.text)).rstrip(",") != text
    fuller = [
        n
        for n in sorted(raw, key=lambda n: -len(n))
        if not legal and len(n) > len(text) and _org_refers_to(text, toks, n, raw, firsts)
    ]
    if len(fuller) > 1:
        # "Ford" after the headline's "Ford Taurus" and then "Ford Motor Company": a
        # short form refers back to the nearest longer name before it.
        before = [x for x in mentions if x.start < m.start and _org_core(_norm(x.text)) in fuller]
        if before:
            return _org_core(_norm(before[-1].text)).casefold()
    return fuller[0].casefold() if fuller else text.casefold()


def _org_refers_to(
    text: str, toks: list[str], n: str, raw: dict[str, list[str]], firsts: dict[str, int]
) -> bool:
    """Is the organization name `text` a short form of the longer name `n`?"""
    full = n.split()
    if (
        text.isupper()
        and len(text) >= 2
        and text.replace(".", "") in (_initials(full), _initials(raw.get(n, full)))
    ):
        return True
    if (
        text.isupper()
        and len(text) > len(initials := _initials(full)) >= 2
        and text.endswith(initials)
        and _is_place([text[: -len(initials)]])
    ):
        # "USAF" for "Air Force": the acronym's first letters name the country.
        return True
    if len(toks) == 1 and toks[0].lower() in ORG_HEADS and full[-1] == toks[0]:
        # "the Court" after "the Supreme Court": the kind of body, capitalized, is
        # the writer's short name for it.
        return True
    if full[-len(toks) :] == toks and _is_place(full[: -len(toks)]):
        # "Air Force" for "United States Air Force", "Federal Reserve" for
        # "U.S. Federal Reserve": the place in front only says whose it is.
        return True
    if "of" in full and firsts.get(n, -1) < firsts.get(text, -1):
        # After "the Italian Supreme Court of Cassation", "the Supreme Court": the name
        # without whose it is and the "of" part. After "the Church of Scientology",
        # "Scientology": what the body is of names the body.
        of = full.index("of")
        if full[of + 1 :] == toks:
            return True
        start = of - len(toks)
        if start >= 0 and full[start:of] == toks and (start == 0 or _is_place(full[:start])):
            return True
    if (
        len(toks) == 1
        and len(full) > 1
        and full[-1] == toks[0]
        and firsts.get(n, -1) < firsts.get(text, -1)
        and toks[0].lower() not in ORG_HEADS
        and not _is_place(toks)
    ):
        # "Shell" after "Royal Dutch Shell", "Telekom" after "Deutsche Telekom": a name's
        # last word, used after it. Not a place ("France" is no "Air France") nor the
        # kind of body ("Bank").
        return True
    # A short form of a two-word name ("Lockheed" for "Lockheed Martin"), or one that
    # refers back to a longer name already given. Used first, a short form is its own
    # entity ("Google" ... "Google Science Fair"). A headline clips the last word of a
    # longer form ("Penske Auto" for "Penske Automotive Group"), never a lone word
    # ("Ford" is no "Fordham").
    head = full[: len(toks)]
    same = head == toks or (
        len(toks) > 1 and head[:-1] == toks[:-1] and head[-1].startswith(toks[-1])
    )
    # "Ford" is not "Ford Australia": a place after the name makes a branch of it.
    return (
        same
        and toks[-1][:1].isupper()
        and len(toks[-1]) > 2
        and (
            len(full) <= 2
            or firsts.get(n, -1) < firsts.get(text, -1)
            or toks[-1].endswith(("'s", "\u2019s"))  # "Moody's" for "Moody's Investors Service"
        )
        and not _is_branch(full[len(toks) :])
    )


def _is_branch(tokens: list[str]) -> bool:
    """A country or larger after a company's name ("Ford Australia"); not a town, which
    is as often a surname ("Lockheed Martin": Martin, Slovakia)."""
    place = gazetteer().resolve(" ".join(tokens)) if tokens else None
    return place is not None and place.kind in ("country", "region", "continent")


def _bracketed(mentions: list[Mention], text: str) -> dict[str, Mention]:
    """Acronym -> the name the writer gave it in brackets: "Singapore Airlines (SIA)".

    The writer's own pairing beats initials, which miss "SIA" and "EADS".
    """
    out: dict[str, Mention] = {}
    for a, b in zip(mentions, mentions[1:], strict=False):
        if (
            text[a.end : b.start] == " ("
            and text[b.end : b.end + 1] == ")"
            and b.text.isupper()
            and len(b.text.split()) == 1
        ):
            out.setdefault(_norm(b.text), a)
    return out


def _is_place(tokens: list[str]) -> bool:
    if not tokens:
        return False
    gaz = gazetteer()
    name = " ".join(tokens)
    return gaz.resolve(name) is not None or gaz.is_demonym(name)


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith("The ") else name


@lru_cache(maxsize=4096)
def _org_core(name: str) -> str:
    """The name without "The" and legal form: "The Apple Inc." -> "Apple"."""
    toks = _strip_the(name).split()
    while len(toks) > 1 and toks[-1].lower().rstrip(".,") in LEGAL_FORMS:
        toks = toks[:-1]
    return " ".join(toks).rstrip(",")


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t.lower() not in _ORG_STOP and t[:1].isalpha())


def _place_key(m: Mention, names: list[str], mentions: list[Mention]) -> str:
    place = _link(m)
    if place and place.geonames_id is not None:
        return f"geonames:{place.geonames_id}"
    return _norm(place.name if place else m.text).casefold()


def _link(m: Mention) -> Place | None:
    return m.place


# -- entity fields -----------------------------------------------------------


def _finish(e: Entity, cat: str, titles: dict[tuple[int, int], list[str]]) -> None:
    e.category = cat
    forms = Counter(_norm(m.text) for m in e.mentions)
    if cat == PLACES:
        e.place = next((p for p in map(_link, e.mentions) if p), None)
    if e.place:
        # The gazetteer's name, whatever form the article uses ("United States" for
        # "US", "Makkah" for "Mecca"): the text forms are the aliases.
        e.name = e.place.name
    else:
        # The longest form; of forms as long, one in ordinary case before a capitals
        # headline's ("England", not "ENGLAND").
        e.name = max(forms, key=lambda f: (len(f.split()), len(f), not f.isupper(), forms[f]))
    e.aliases = sorted(f for f in forms if f != e.name)
    if cat == PEOPLE:
        seen: dict[str, None] = {}
        for m in e.mentions:
            for t in titles.get((m.start, m.end), ()):
                seen.setdefault(t, None)
        # "President" adds nothing beside "U.S. President" from another mention.
        e.titles = [
            t
            for t in seen
            if not any(o != t and o.split()[-len(t.split()) :] == t.split() for o in seen)
        ]
    elif cat == PLACES:
        if e.place is None:
            labels = {m.label for m in e.mentions}
            e.kind = (
                "natural feature"
                if _NATURAL.search(e.name)
                else "facility"
                if labels == {"FAC"}
                else None
            )


def _titles(doc: Doc) -> dict[tuple[int, int], list[str]]:
    return doc._.titles if doc.has_extension("titles") and doc._.titles else {}


def _salience(entities: list[Entity], header: Header, text: str) -> None:
    t_start = getattr(header, "title_start", None)
    t_end = getattr(header, "title_end", None)
    body = getattr(header, "body_start", 0) or 0
    lead_end = _lead_end(text, body)
    weights = []
    for e in entities:
        w = 0.0
        for m in e.mentions:
            if t_start is not None and t_end is not None and t_start <= m.start < t_end:
                w += HEADLINE_WEIGHT
            elif body <= m.start < lead_end:
                w += LEAD_WEIGHT
            else:
                w += 1.0
        weights.append(w)
    total = sum(weights) or 1.0
    for e, w in zip(entities, weights, strict=True):
        e.salience = round(w / total, 4)


def _lead_end(text: str, body: int) -> int:
    """End of the first non-empty paragraph at or after `body`."""
    i = body
    while i < len(text) and text[i] in "\r\n \t":
        i += 1
    end = text.find("\n", i)
    return len(text) if end < 0 else end
