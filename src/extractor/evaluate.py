"""Score the pipeline against gold-annotated articles (`extract-evaluate GOLD.jsonl ...`).

Gold format: one JSON article a line (``text``, ``dct``, ``spans``), as in
``../shared/eval/README.md``. MEANTIME and GUM label sets are both understood.

The scorer is made of pure functions (spans in, counts out) so it can be tested on tiny
hand-made lists; only :func:`main` loads models and reads files.

Scoring rules (why each one is there is told where it is implemented):

* mention level: a predicted mention of the right category that overlaps a gold mention is
  a true positive; matching is one-to-one (maximum bipartite matching).
* entity level: gold mentions are grouped by gold entity (MEANTIME ``entity``, GUM
  ``eid``), predicted mentions by predicted entity; an edge joins a predicted and a gold
  entity when any of their mentions overlap, and the matching is again one-to-one, so a
  gold entity split into two predicted entities costs a false positive and two gold
  entities merged into one predicted entity cost a false negative.
* facts (figures, dates): span F1 strict (exact offsets) and relaxed (overlap); for dates
  also value F1 (overlap and equal TIMEX3 value, see :func:`normalize_timex`).
* only what the gold annotates is scored: named mentions; for MEANTIME only the opening
  lines; a category absent from a whole file is "n/a"; date kinds absent from a whole file
  (GUM has no durations or sets) are left out.
* place linking (GUM: `identity` on named places): of the gold named places with an
  identity, how many the first place entity overlapping them finds, links (a GeoNames
  id or a country code), names as the identity (:func:`identity_names`), and puts in
  the right country where the identity says which (:func:`score_links`).
* nested gold names: a flat extractor can output one level only; the outer name is
  optional (:func:`mark_optional`), and so are inner names inside a name the system
  found as a whole (:func:`credit_chosen_level`).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from extractor.labels import (
    DATE_KIND,
    DATES,
    FIGURES,
    LABEL_TO_CATEGORY,
    ORGANIZATIONS,
    PEOPLE,
    PLACES,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ENTITY_CATEGORIES = (PEOPLE, ORGANIZATIONS, PLACES)
FACT_CATEGORIES = (FIGURES, DATES)
LEVELS: dict[str, tuple[str, ...]] = {
    PEOPLE: ("mention", "entity"),
    ORGANIZATIONS: ("mention", "entity"),
    PLACES: ("mention", "entity"),
    FIGURES: ("strict", "relaxed"),
    DATES: ("strict", "relaxed", "value"),
}

# MEANTIME: entity labels and the syntactic types that are names (the README: compare these).
MEANTIME_ENTITY = {"PER": PEOPLE, "ORG": ORGANIZATIONS, "LOC": PLACES}
MEANTIME_NAMED = {"NAM", "PRE.NAM"}
# GUM coreference labels; only mentions with `has_propn` are names.
GUM_ENTITY = {"person": PEOPLE, "organization": ORGANIZATIONS, "place": PLACES}
GUM_DATE = {"DATE", "TIME"}
# Kinds of date a file may annotate; a file without durations or sets (GUM annotates only
# points in time) does not score the durations and sets a system finds.
DATE_KINDS = ("date", "time", "duration", "set")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Mention:
    """A character span; `entity` groups gold (or predicted) mentions of one entity.

    `optional` gold mentions count as true positives when matched but never as misses
    (see :func:`mark_optional`).
    """

    start: int
    end: int
    entity: str | None = None
    value: str | None = None
    optional: bool = False
    kind: str | None = None  # dates: date, time, duration, set


@dataclass
class Counts:
    """True/false positives, misses; `gold` = required gold items (optional ones excluded).

    A matched optional gold item is a true positive, so tp + fn can exceed `gold`.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    gold: int = field(default=0, compare=False)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "gold": self.gold,
        }


@dataclass
class GoldArticle:
    id: str
    text: str
    dct: str | None
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    # Only predictions starting before this offset are scored (None: the whole text).
    limit: int | None = None
    # Named places with a Wikipedia identity (GUM), the title in `value`.
    identities: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class PlaceLink:
    """One predicted place entity as linking sees it."""

    mentions: tuple[Mention, ...]
    names: tuple[str, ...]  # the entity's name, then its aliases
    linked: bool  # it carries a GeoNames id or a country code
    country_code: str | None = None


@dataclass
class Prediction:
    """What a system found in one article: entities (lists of mentions) and facts."""

    entities: dict[str, list[list[Mention]]] = field(default_factory=dict)
    facts: dict[str, list[Mention]] = field(default_factory=dict)
    places: list[PlaceLink] = field(default_factory=list)


@dataclass
class LinkCounts:
    """Gold named places with an identity, and how far down the chain each one got."""

    gold: int = 0
    found: int = 0  # a place entity overlaps it
    linked: int = 0  # ... and that entity is linked
    named: int = 0  # ... and named as the identity
    country_known: int = 0  # linked, and the identity says its country
    country_right: int = 0  # ... and the entity's country code is that one

    def add(self, other: LinkCounts) -> None:
        for name in ("gold", "found", "linked", "named", "country_known", "country_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, float | int]:
        def share(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "gold": self.gold,
            "found": self.found,
            "linked": self.linked,
            "named": self.named,
            "found_rate": share(self.found, self.gold),
            "linked_rate": share(self.linked, self.found),
            "named_rate": share(self.named, self.linked),
            "country_known": self.country_known,
            "country_right": self.country_right,
            "country_rate": share(self.country_right, self.country_known),
        }


# --------------------------------------------------------------------------- matching


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def exact(a: Mention, b: Mention) -> bool:
    return a.start == b.start and a.end == b.end


def match(n_left: int, edges: Sequence[Sequence[int]], required: Sequence[bool]) -> dict[int, int]:
    """Maximum one-to-one matching, left (predicted) -> right (gold); returns right -> left.

    Two passes of Kuhn's augmenting paths: first only into required gold items, then into
    all. Augmenting never unmatches a gold item, so the first pass fixes the largest set of
    required items that can be matched and the second only adds optional ones.
    """
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int], allowed: Callable[[int], bool]) -> bool:
        for right in edges[left]:
            if right in seen or not allowed(right):
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen, allowed):
                owner[right] = left
                return True
        return False

    for allowed in (lambda r: required[r], lambda r: True):
        matched = set(owner.values())
        for left in range(n_left):
            if left not in matched:
                augment(left, set(), allowed)
                matched = set(owner.values())
    return owner


def _counts(n_pred: int, required: Sequence[bool], owner: dict[int, int]) -> Counts:
    tp = len(owner)
    fn = sum(1 for i, req in enumerate(required) if req and i not in owner)
    return Counts(tp=tp, fp=n_pred - tp, fn=fn, gold=sum(1 for req in required if req))


def score_spans(
    pred: Sequence[Mention],
    gold: Sequence[Mention],
    same: Callable[[Mention, Mention], bool] = overlaps,
) -> Counts:
    """Mention-level counts: each gold mention can be matched by one prediction."""
    edges = [[j for j, g in enumerate(gold) if same(p, g)] for p in pred]
    required = [not g.optional for g in gold]
    return _counts(len(pred), required, match(len(pred), edges, required))


def span_errors(
    pred: Sequence[Mention],
    gold: Sequence[Mention],
    same: Callable[[Mention, Mention], bool] = overlaps,
) -> tuple[list[Mention], list[Mention]]:
    """The unmatched predictions (false positives) and required gold mentions (misses)."""
    edges = [[j for j, g in enumerate(gold) if same(p, g)] for p in pred]
    required = [not g.optional for g in gold]
    owner = match(len(pred), edges, required)
    matched = set(owner.values())
    false_pos = [p for i, p in enumerate(pred) if i not in matched]
    misses = [g for j, g in enumerate(gold) if required[j] and j not in owner]
    return false_pos, misses


def score_entities(pred: Sequence[Sequence[Mention]], gold: Sequence[Mention]) -> Counts:
    """Entity-level counts: gold mentions grouped by `entity`, one predicted entity each.

    A gold entity whose mentions are all optional is itself optional.
    """
    groups: dict[str, list[Mention]] = {}
    for i, g in enumerate(gold):
        groups.setdefault(g.entity if g.entity is not None else f"#{i}", []).append(g)
    gold_entities = list(groups.values())
    pred_entities = [list(e) for e in pred if e]
    edges = [
        [j for j, ge in enumerate(gold_entities) if any(overlaps(p, g) for p in pe for g in ge)]
        for pe in pred_entities
    ]
    required = [any(not g.optional for g in ge) for ge in gold_entities]
    return _counts(len(pred_entities), required, match(len(pred_entities), edges, required))


def same_date(a: Mention, b: Mention) -> bool:
    return overlaps(a, b) and a.value is not None and timex_equal(a.value, b.value)


# --------------------------------------------------------------------------- place links


def fold(name: str) -> str:
    """Accents and case folded, spaces squeezed: "Mérida" == "merida"."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split()).casefold()


def identity_title(identity: str) -> str:
    """A Wikipedia identity as a name: URL-decoded, underscores as spaces."""
    from urllib.parse import unquote

    return unquote(identity).replace("_", " ").strip()


def identity_names(identity: str) -> str:
    """The identity's name, folded: the title before any comma or parenthesis
    ("Durham%2C_England" -> "durham", "Georgia_(country)" -> "georgia")."""
    title = re.split(r"[,(]", identity_title(identity), maxsplit=1)[0]
    return fold(title)


def identity_country(identity: str) -> str | None:
    """The country an identity names, where it says: the qualifier after the comma
    ("Durham, England"), or the title itself when it is a country or a region."""
    from extractor.gazetteer import gazetteer

    gaz = gazetteer()
    title = identity_title(identity)
    head, _, qualifier = title.partition(",")
    for name in (qualifier.strip(), re.split(r"\(", head)[0].strip()):
        place = gaz.resolve(name) if name else None
        if place and place.kind in ("country", "region") and place.country_code:
            return place.country_code
    return None


def score_links(
    gold: Sequence[Mention],
    places: Sequence[PlaceLink],
    country_of: Callable[[str], str | None] = identity_country,
    text: str = "",
    errors: list[tuple[str, str, str]] | None = None,
) -> LinkCounts:
    """Each gold identity against the first place entity (in text order of its mentions)
    that overlaps the gold mention: found, linked, named as the identity, right country.

    If `errors` is a list, ("place_links", UNLINKED | NAMED | COUNTRY, what) is appended
    for each found place that stopped short, so the classes of misses can be counted."""
    out = LinkCounts()
    by_start = sorted(((m, p) for p in places for m in p.mentions), key=lambda x: x[0].start)
    for g in gold:
        out.gold += 1
        place = next((p for m, p in by_start if overlaps(m, g)), None)
        if place is None:
            continue
        out.found += 1
        what = f"{text[g.start : g.end]} = {identity_title(g.value or '')}"
        if not place.linked:
            if errors is not None:
                errors.append(("place_links", "UNLINKED", what))
            continue
        out.linked += 1
        if identity_names(g.value or "") in {fold(n) for n in place.names}:
            out.named += 1
        elif errors is not None:
            errors.append(("place_links", "NAMED", f"{what} / ours: {place.names[0]}"))
        country = country_of(g.value or "")
        if country is not None:
            out.country_known += 1
            out.country_right += place.country_code == country
            if place.country_code != country and errors is not None:
                errors.append(
                    (
                        "place_links",
                        "COUNTRY",
                        f"{what} / ours: {place.names[0]} ({place.country_code})",
                    )
                )
    return out


# --------------------------------------------------------------------------- TIMEX3 values

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _interval(value: str) -> tuple[date, date] | None:
    """The first and last day a calendar TIMEX3 value covers, or None if it is not one."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            d = date(*map(int, m.groups()))
            return d, d
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
            year, week = int(m[1]), int(m[2])
            first = 6 if m[3] else 1
            return date.fromisocalendar(year, week, first), date.fromisocalendar(year, week, 7)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), _month_end(year, month)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            year, (first, last) = int(m[1]), _SEASONS[m[2]]
            return date(year, first, 1), _month_end(year, last)
        if m := re.fullmatch(r"(\d{4})-([QH])([1-4])", value):
            year, n = int(m[1]), int(m[3])
            months = 3 if m[2] == "Q" else 6
            return date(year, (n - 1) * months + 1, 1), _month_end(year, n * months)
        if m := re.fullmatch(r"(\d{4})", value):
            year = int(m[1])
            return date(year, 1, 1), date(year, 12, 31)
        if m := re.fullmatch(r"(\d{3})", value):  # decade: "197" = the 1970s
            decade = int(m[1]) * 10
            return date(decade, 1, 1), date(decade + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})", value):  # century: "18" = 1800-1899 (the 19th)
            first = int(m[1]) * 100
            return date(max(first, 1), 1, 1), date(first + 99, 12, 31)
        if m := re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value):
            # Not TIMEX3; one MEANTIME article writes DD-MM-YYYY ("February 03, 2009").
            d = date(int(m[3]), int(m[2]), int(m[1]))
            return d, d
    except ValueError:
        return None
    return None


def normalize_timex(value: str | None) -> str | None:
    """A canonical form so that equal dates written differently compare equal.

    Calendar values become their day interval: TIMEX3 `2017-W28` and GUM's
    `2017-07-10/2017-07-16` both become `2017-07-10/2017-07-16`; `2017` equals
    `2017-01-01/2017-12-31`; the century `18` equals `1800-01-01/1899-12-31`; seasons
    are meteorological (GUM writes summer as `2022-06-01/2022-08-31`). Other values
    (durations, `PAST_REF`, times) compare as written, ignoring case and spaces.
    """
    if value is None:
        return None
    text = value.strip().upper()
    # ISO 8601 writes a month or day of no particular year "--10", "--09-30" (GUM); TIMEX3
    # writes the same "XXXX-10", "XXXX-09-30".
    text = re.sub(r"^--(?=\d{2}(?:-\d{2})?$)", "XXXX-", text)
    # A clock time of no particular day: ISO "08:30:00" (GUM), TIMEX3 "XXXX-XX-XXT08:30".
    if m := re.fullmatch(r"(\d{2}):(\d{2})(?::00)?", text):
        text = f"XXXX-XX-XXT{m[1]}:{m[2]}"
    if "/" in text:
        left, _, right = text.partition("/")
        a, b = _interval(left), _interval(right)
        if a and b:
            return _format(a[0], b[1])
        return text
    span = _interval(text)
    return _format(*span) if span else text


_SEASON_OF_MONTH = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_SEASON_WORD = re.compile(r"\b(?:spring|summer|autumn|fall|winter)s?\b", re.I)


def _month_pair_season(text: str) -> str | None:
    """GUM writes a season as the months it runs between: summer `2010-06/2010-09`,
    winter `1776-12/1777-03`, a summer of no year `--06/--09` (and in days, `2022-06-01/
    2022-08-31`). That is the TIMEX3 season (`2010-SU`, `1776-WI`, `XXXX-SU`). Read so
    only for gold spans that name a season: "from June to September 2010" is 4 months."""
    m = re.fullmatch(r"(\d{4}|XXXX|--)-?(\d{2})/(\d{4}|XXXX|--)-?(\d{2})", text)
    if not m or int(m[2]) not in _SEASON_OF_MONTH:
        return None
    first, last = int(m[2]), int(m[4])
    if last != (first + 3 - 1) % 12 + 1:
        return None
    code = _SEASON_OF_MONTH[first]
    if m[1] in ("XXXX", "--") and m[3] in ("XXXX", "--"):
        return f"XXXX-{code}"
    if m[1] in ("XXXX", "--") or m[3] in ("XXXX", "--"):
        return None
    year, end_year = int(m[1]), int(m[3])
    if end_year != year + (1 if first == 12 else 0):
        return None
    span = _interval(f"{year:04d}-{code}")
    return _format(*span) if span else None


def _format(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def timex_equal(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and normalize_timex(a) == normalize_timex(b)


# --------------------------------------------------------------------------- gold


def mark_optional(mentions: Sequence[Mention]) -> list[Mention]:
    """Gold name mentions that strictly contain another gold name mention become optional.

    Both corpora nest names: MEANTIME "JSA Research defence analysist Paul Nesbit" around
    "Paul Nesbit", "the United States Air Force (USAF" around "USAF"; GUM (whose
    `has_propn` also marks noun phrases that merely contain a name) "the U.S. border"
    around "U.S.". One prediction can match only one of the nested pair, so the outer one
    must not count as a miss; it still counts as a hit when a prediction matches it.
    """
    out = []
    for m in mentions:
        nested = any(contains(m, o) for o in mentions)
        out.append(replace(m, optional=nested))
    return out


def contains(outer: Mention, inner: Mention) -> bool:
    """`outer` strictly contains `inner` (same span is not containment)."""
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.start, outer.end) != (inner.start, inner.end)
    )


def credit_chosen_level(
    gold: dict[str, list[Mention]], pred: Prediction
) -> dict[str, list[Mention]]:
    """Gold names inside a gold name the system found as a whole become optional.

    A flat extractor outputs one level of a nest: for "University of Texas Arlington"
    (organization) around "Texas" (place) it can say the organization or the place, not
    both. When a predicted mention of category C strictly contains a gold name and
    overlaps a gold name of category C that also contains it, the system chose the outer
    level, and the inner name is not counted as a miss. Inner names the system could
    have found beside its spans ("Texas" in "Texas student Ahmed Mohamed" when it found
    "Ahmed Mohamed") stay required.
    """
    names = [(c, g) for c in ENTITY_CATEGORIES for g in gold.get(c, [])]
    found = [(c, m) for c in ENTITY_CATEGORIES for e in pred.entities.get(c, []) for m in e]
    out = dict(gold)
    for cat in ENTITY_CATEGORIES:
        marked = []
        for g in gold.get(cat, []):
            outers = [(c, o) for c, o in names if contains(o, g)]
            chosen = any(
                contains(p, g) and any(c == pc and overlaps(p, o) for c, o in outers)
                for pc, p in found
                if outers
            )
            marked.append(replace(g, optional=True) if chosen and not g.optional else g)
        out[cat] = marked
    return out


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def gold_article(obj: dict[str, Any], partial: bool | None = None, index: int = 0) -> GoldArticle:
    """Map one gold article (MEANTIME or GUM labels) to our categories.

    `partial`: score only up to the end of the line holding the last gold span (MEANTIME
    annotates only the opening sentences); None decides from the format (MEANTIME spans
    carry `syntactic_type`).
    """
    text: str = obj["text"]
    spans: list[dict[str, Any]] = obj.get("spans", [])
    by_cat: dict[str, list[Mention]] = {c: [] for c in (*ENTITY_CATEGORIES, *FACT_CATEGORIES)}
    identities: list[Mention] = []
    for s in spans:
        label = s.get("label", "")
        start, end = int(s["start"]), int(s["end"])
        if label in MEANTIME_ENTITY:
            if s.get("syntactic_type") in MEANTIME_NAMED:
                by_cat[MEANTIME_ENTITY[label]].append(Mention(start, end, entity=s.get("entity")))
        elif label in GUM_ENTITY:
            if s.get("has_propn"):
                by_cat[GUM_ENTITY[label]].append(Mention(start, end, entity=s.get("eid")))
                if label == "place" and s.get("identity"):
                    identities.append(Mention(start, end, value=s["identity"]))
        elif label.startswith("TIMEX3") or label in GUM_DATE:
            kind = label.removeprefix("TIMEX3:").lower()
            value = s.get("value")
            if value and _SEASON_WORD.search(s.get("text", text[start:end])):
                value = _month_pair_season(value.strip().upper()) or value
            by_cat[DATES].append(Mention(start, end, value=value, kind=kind))
        elif label.startswith("VALUE:"):
            by_cat[FIGURES].append(Mention(start, end))
    names = [m for c in ENTITY_CATEGORIES for m in by_cat[c]]
    optional = {(m.start, m.end, m.entity) for m in mark_optional(names) if m.optional}
    for c in ENTITY_CATEGORIES:
        by_cat[c] = [
            Mention(m.start, m.end, m.entity, optional=(m.start, m.end, m.entity) in optional)
            for m in by_cat[c]
        ]
    if partial is None:
        partial = any("syntactic_type" in s for s in spans)
    limit = None
    if partial and spans:
        limit = _line_end(text, max(int(s["end"]) for s in spans) - 1)
    return GoldArticle(
        id=str(obj.get("id", index)),
        text=text,
        dct=iso_date(obj.get("dct")),
        mentions=by_cat,
        limit=limit,
        identities=identities,
    )


def iso_date(value: str | None) -> str | None:
    """The gold `dct` as YYYY-MM-DD, or None (one MEANTIME dct is written DD-MM-YYYY)."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    span = _interval(value)
    return span[0].isoformat() if span and span[0] == span[1] else None


def read_gold(path: Path, partial: bool | None = None) -> list[GoldArticle]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    return [gold_article(json.loads(line), partial, i) for i, line in enumerate(lines)]


def annotated(articles: Iterable[GoldArticle]) -> set[str]:
    """Categories the file annotates at all; the others are not scored ("n/a")."""
    return {c for a in articles for c, ms in a.mentions.items() if ms}


def unannotated_kinds(articles: Iterable[GoldArticle]) -> set[str]:
    """Date kinds no gold date of the file has (GUM: duration and set)."""
    kinds = {m.kind for a in articles for m in a.mentions.get(DATES, [])}
    return set(DATE_KINDS) - kinds


# --------------------------------------------------------------------------- scoring


def drop_kinds(pred: Prediction, kinds: set[str]) -> Prediction:
    """Leave out predicted dates of kinds the gold file never annotates."""
    if not kinds:
        return pred
    dates = [m for m in pred.facts.get(DATES, []) if m.kind not in kinds]
    return replace(pred, facts={**pred.facts, DATES: dates})


def clip(pred: Prediction, limit: int | None) -> Prediction:
    """Drop predicted mentions that start at or after `limit` (unannotated text)."""
    if limit is None:
        return pred

    def keep(ms: Iterable[Mention]) -> list[Mention]:
        return [m for m in ms if m.start < limit]

    entities = {c: [kept for e in es if (kept := keep(e))] for c, es in pred.entities.items()}
    facts = {c: keep(fs) for c, fs in pred.facts.items()}
    return replace(pred, entities=entities, facts=facts)


Scores = dict[str, dict[str, Counts]]


def clip_places(pred: Prediction, limit: int | None) -> list[PlaceLink]:
    if limit is None:
        return pred.places
    return [
        replace(p, mentions=tuple(m for m in p.mentions if m.start < limit)) for p in pred.places
    ]


def score_article(gold: GoldArticle, pred: Prediction, categories: Iterable[str]) -> Scores:
    """Counts per category and level for one article (only `categories` are scored)."""
    pred = clip(pred, gold.limit)
    gold_mentions = credit_chosen_level(gold.mentions, pred)
    out: Scores = {}
    for cat in categories:
        g = gold_mentions.get(cat, [])
        if cat in ENTITY_CATEGORIES:
            entities = pred.entities.get(cat, [])
            found = [m for e in entities for m in e]
            out[cat] = {
                "mention": score_spans(found, g),
                "entity": score_entities(entities, g),
            }
        else:
            facts = pred.facts.get(cat, [])
            out[cat] = {
                "strict": score_spans(facts, g, exact),
                "relaxed": score_spans(facts, g, overlaps),
            }
            if cat == DATES:
                out[cat]["value"] = score_spans(facts, g, same_date)
    return out


def add_scores(total: Scores, part: Scores) -> Scores:
    for cat, levels in part.items():
        for level, counts in levels.items():
            total.setdefault(cat, {})[level] = total.get(cat, {}).get(level, Counts()) + counts
    return total


# --------------------------------------------------------------------------- systems


def from_record(record: dict[str, Any]) -> Prediction:
    """Our output contract -> Prediction."""
    entities = {
        c: [
            [Mention(m["start"], m["end"], entity=str(i)) for m in e.get("mentions", [])]
            for i, e in enumerate(record.get(c) or [])
        ]
        for c in ENTITY_CATEGORIES
    }
    facts = {
        c: [
            Mention(f["start"], f["end"], value=f.get("value"), kind=f.get("kind"))
            for f in record.get(c) or []
        ]
        for c in FACT_CATEGORIES
    }
    places = [
        PlaceLink(
            mentions=tuple(Mention(m["start"], m["end"]) for m in e.get("mentions", [])),
            names=(e.get("name") or "", *(e.get("aliases") or [])),
            linked=bool(e.get("geonames_id") or e.get("country_code")),
            country_code=e.get("country_code"),
        )
        for e in record.get(PLACES) or []
    ]
    return Prediction(entities=entities, facts=facts, places=places)


def from_doc(doc: Doc) -> Prediction:
    """The bare model's entities; an "entity" is the mentions with the same exact text."""
    entities: dict[str, dict[str, list[Mention]]] = {c: {} for c in ENTITY_CATEGORIES}
    facts: dict[str, list[Mention]] = {c: [] for c in FACT_CATEGORIES}
    for ent in doc.ents:
        cat = LABEL_TO_CATEGORY.get(ent.label_)
        mention = Mention(ent.start_char, ent.end_char, entity=ent.text)
        if cat in entities:
            entities[cat].setdefault(ent.text, []).append(mention)
        elif cat in facts:
            kind = DATE_KIND.get(ent.label_) if cat == DATES else None
            facts[cat].append(Mention(ent.start_char, ent.end_char, kind=kind))
    return Prediction({c: list(g.values()) for c, g in entities.items()}, facts)


System = Callable[[GoldArticle], Prediction]


def our_system(nlp: Language) -> System:
    from extractor.api import extract_text

    def run(article: GoldArticle) -> Prediction:
        record = extract_text(article.text, nlp=nlp, source=article.id, date=article.dct)
        return from_record(record.to_dict())

    return run


def bare_system(nlp: Language) -> System:
    return lambda article: from_doc(nlp(article.text))


def article_errors(
    gold: GoldArticle, pred: Prediction, categories: Iterable[str]
) -> list[tuple[str, str, str]]:
    """(category, "FP" | "FN", text) for each mention-level error (relaxed for facts)."""
    pred = clip(pred, gold.limit)
    mentions = credit_chosen_level(gold.mentions, pred)
    out = []
    for cat in categories:
        if cat in ENTITY_CATEGORIES:
            found = [m for e in pred.entities.get(cat, []) for m in e]
        else:
            found = pred.facts.get(cat, [])
        false_pos, misses = span_errors(found, mentions.get(cat, []))
        for kind, ms in (("FP", false_pos), ("FN", misses)):
            out += [(cat, kind, gold.text[m.start : m.end]) for m in ms]
    return out


def evaluate(
    articles: Sequence[GoldArticle],
    system: System,
    errors: list[tuple[str, str, str, str]] | None = None,
    links: LinkCounts | None = None,
) -> Scores:
    """Micro-averaged counts over the articles, for the categories the file annotates.

    Dates of a kind the file never annotates are left out (see `unannotated_kinds`).
    If `errors` is a list, (article id, category, FP/FN, text) tuples are appended to it.
    If `links` is given, place-linking counts (:func:`score_links`) are added to it.
    """
    categories = [c for c in (*ENTITY_CATEGORIES, *FACT_CATEGORIES) if c in annotated(articles)]
    skip_kinds = unannotated_kinds(articles)
    total: Scores = {c: {lv: Counts() for lv in LEVELS[c]} for c in categories}
    for article in articles:
        try:
            pred = drop_kinds(system(article), skip_kinds)
        except Exception as exc:  # say which article, keep the traceback for the fix
            exc.add_note(f"while extracting gold article {article.id!r}")
            raise
        add_scores(total, score_article(article, pred, categories))
        link_errors: list[tuple[str, str, str]] | None = [] if errors is not None else None
        if links is not None and article.identities:
            links.add(
                score_links(
                    article.identities,
                    clip_places(pred, article.limit),
                    text=article.text,
                    errors=link_errors,
                )
            )
        if errors is not None:
            errors += [(article.id, *e) for e in article_errors(article, pred, categories)]
            errors += [(article.id, *e) for e in link_errors or ()]
    return total


# --------------------------------------------------------------------------- output


def to_json(results: dict[str, dict[str, Scores]]) -> dict[str, Any]:
    return {
        path: {
            system: {
                cat: {lv: c.as_dict() for lv, c in levels.items()} for cat, levels in scores.items()
            }
            for system, scores in systems.items()
        }
        for path, systems in results.items()
    }


def links_line(path: str, c: LinkCounts) -> str:
    d = c.as_dict()
    return (
        f"{path}: place links: {c.gold} gold named places with an identity; found "
        f"{c.found} ({d['found_rate']:.2f}); linked {c.linked} ({d['linked_rate']:.2f}); "
        f"named as the identity {c.named} ({d['named_rate']:.2f}); right country "
        f"{c.country_right}/{c.country_known} ({d['country_rate']:.2f})"
    )


def print_tables(results: dict[str, dict[str, Scores]], n_articles: dict[str, int]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # piped or redirected: do not squeeze the table to 80 columns
        console = Console(width=max(console.width, 100))
    for path, systems in results.items():
        names = list(systems)
        table = Table(title=f"{path} ({n_articles[path]} articles)", title_justify="left")
        table.add_column("category")
        table.add_column("level")
        for name in names:
            for metric in ("P", "R", "F1"):
                table.add_column(f"{name}\n{metric}", justify="right")
        table.add_column("gold\nn", justify="right")
        for cat in (*ENTITY_CATEGORIES, *FACT_CATEGORIES):
            for level in LEVELS[cat]:
                row = [cat, level]
                gold = ""
                for name in names:
                    counts = systems[name].get(cat, {}).get(level)
                    if counts is None:
                        row += ["n/a", "n/a", "n/a"]
                        continue
                    row += [f"{counts.precision:.2f}", f"{counts.recall:.2f}", f"{counts.f1:.2f}"]
                    # Required gold items for the first system (optional ones depend on it).
                    gold = gold or str(counts.gold)
                table.add_row(*row, gold or "n/a")
            table.add_section()
        console.print(table)


app = typer.Typer(
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command(
    help="Precision, recall and F1 per category against gold-annotated articles (JSON "
    "lines: text, dct, spans; MEANTIME or GUM labels).",
    epilog="Example: extract-evaluate ../shared/eval/meantime-dev.jsonl --baseline",
)
def evaluate_command(
    gold_files: Annotated[list[Path], typer.Argument(metavar="GOLD...", help="gold JSONL file(s)")],
    baseline: Annotated[
        bool, typer.Option("--baseline", help="also score the bare spaCy model, side by side")
    ] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy pipeline name or path (default: as `extract`)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of tables")] = False,
    show_errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="also list our mention-level errors (FP: false alarm, FN: miss) and "
            "place-link misses (UNLINKED, NAMED other than the identity, wrong COUNTRY) "
            "on stderr",
        ),
    ] = False,
    partial: Annotated[
        bool | None,
        typer.Option(
            "--partial/--no-partial",
            help="score only up to the line of the last gold span (default: for MEANTIME "
            "files) / the whole text",
            show_default=False,
        ),
    ] = None,
) -> None:
    code = _run(gold_files, baseline, model, as_json, show_errors, partial)
    if code:
        raise typer.Exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """`extract-evaluate`: the exit code (0, or 2 for bad usage or unreadable input);
    a usage error is one line, as for `extract`."""
    try:
        code = app(
            args=list(argv) if argv is not None else None,
            prog_name="extract-evaluate",
            standalone_mode=False,
        )
    except typer.TyperException as error:  # click's usage errors
        message = " ".join(error.format_message().split())
        print(
            f"extract-evaluate: {message} (extract-evaluate --help lists the options)",
            file=sys.stderr,
        )
        return error.exit_code
    except typer.Abort:
        return 130
    return code if isinstance(code, int) else 0


def _run(
    paths: list[Path],
    baseline: bool,
    model: str | None,
    as_json: bool,
    show_errors: bool,
    partial: bool | None,
) -> int:
    gold: dict[str, list[GoldArticle]] = {}
    for path in paths:
        try:
            gold[str(path)] = read_gold(path, partial)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"extract-evaluate: cannot read {path}: {exc}", file=sys.stderr)
            return 2

    import spacy

    from extractor.pipeline import ModelNotFound, load_pipeline, model_name

    try:
        systems: dict[str, System] = {"ours": our_system(load_pipeline(model))}
        if baseline:
            systems["baseline"] = bare_system(spacy.load(model_name(model)))
    except (ModelNotFound, OSError) as exc:
        print(f"extract-evaluate: {exc}", file=sys.stderr)
        return 2

    results: dict[str, dict[str, Scores]] = {}
    links: dict[str, LinkCounts] = {}
    for path, articles in gold.items():
        errors: list[tuple[str, str, str, str]] = []
        links[path] = LinkCounts()
        results[path] = {
            name: evaluate(
                articles,
                system,
                errors if name == "ours" else None,
                links[path] if name == "ours" else None,
            )
            for name, system in systems.items()
        }
        if show_errors:
            for article_id, cat, kind, text in sorted(errors, key=lambda e: (e[1], e[2])):
                print(f"{path}\t{article_id}\t{cat}\t{kind}\t{text!r}", file=sys.stderr)
    if as_json:
        out = to_json(results)
        for path, counts in links.items():
            if counts.gold:
                out[path]["ours"]["place_links"] = counts.as_dict()
        print(json.dumps(out, indent=2))
    else:
        print_tables(results, {p: len(a) for p, a in gold.items()})
        for path, counts in links.items():
            if counts.gold:
                print(links_line(path, counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
