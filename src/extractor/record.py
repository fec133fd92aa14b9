"""Doc -> record: the output contract of design.md, as plain JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from extractor import facts
from extractor.gazetteer import Place, gazetteer
from extractor.group import Entity, group_entities
from extractor.labels import (
    DATES,
    ENTITY_CATEGORIES,
    FIGURES,
    GROUPS,
    PEOPLE,
    PLACES,
    category,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from extractor.meta import Header

CATEGORY_KEYS = ("people", "organizations", "places", "groups", "figures", "dates")


def build(
    doc: Doc,
    *,
    source: str | None,
    header: Header,
    published: str | None,
    meta: Mapping[str, Any] | None = None,
    show_text: bool = False,
    date_order: str = "MDY",
) -> dict[str, Any]:
    """The record of one article: entities grouped, facts in text order.

    With `meta` (what the input's container said) the record has `authors`, `site` and
    `url` after `published`; with `show_text`, the analysed text last.
    """
    entities = group_entities(doc, header)
    record: dict[str, Any] = {
        "source": source,
        "title": header.title,
        "published": published,
    }
    # Every record has the same keys, whatever the input format: null when unknown.
    record |= _meta_keys(meta or {})
    for cat in ENTITY_CATEGORIES:
        record[cat] = [_entity(e) for e in entities[cat]]
    record[FIGURES] = []
    record[DATES] = []
    for span in doc.ents:
        cat = category(span.label_)
        if cat == FIGURES:
            fields = facts.figure_fields(span)
        elif cat == DATES:
            fields = facts.date_fields(span, published, date_order)
        else:
            continue
        if fields is None:  # the normalizer judged it not a figure/date (a year, a list marker)
            continue
        record[cat].append(
            {"text": span.text, **fields, "start": span.start_char, "end": span.end_char}
        )
    if show_text:
        record["text"] = doc.text
    return record


def empty(source: str | None = None, meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The record of an article with no text: every list empty."""
    record: dict[str, Any] = {"source": source, "title": None, "published": None}
    if meta is not None:
        record |= {"title": meta.get("title"), "published": meta.get("published")}
    record |= _meta_keys(meta or {})
    return record | {cat: [] for cat in CATEGORY_KEYS}


def _meta_keys(meta: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "authors": list(meta.get("authors") or []) or None,
        "site": meta.get("site"),
        "url": meta.get("url"),
    }


def _entity(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"name": e.name, "aliases": e.aliases}
    if e.category == PEOPLE:
        out["titles"] = e.titles
    if e.category == GROUPS:
        # A nationality points to its country ("Tajik" -> TJ), so a program can join them.
        place = gazetteer().demonym_place(e.name)
        out["country_code"] = place.country_code if place else None
    if e.category == PLACES:
        p = e.place
        out |= {
            "kind": p.kind if p else e.kind,
            "country_code": p.country_code if p else None,
            "geonames_id": p.geonames_id if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
        }
        out |= _place_context(p)
    out |= {
        "count": len(e.mentions),
        "salience": e.salience,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
    }
    return out


def _place_context(p: Place | None) -> dict[str, Any]:
    """Where a linked place is: a region's ISO 3166-2 code and country, a city's region
    (where the data or the article's "City, Region" says) and country."""
    country = gazetteer().by_code.get(p.country_code or "") if p else None
    in_country = p is not None and p.kind in ("region", "city", "feature") \
        and country is not None
    is_city = p is not None and p.kind == "city"
    return {
        "admin_code": p.admin_code if p and p.kind == "region" else None,
        "country": country.name if in_country and country else None,
        "region": p.region if is_city and p else None,
        "region_code": p.admin_code if is_city and p else None,
    }
