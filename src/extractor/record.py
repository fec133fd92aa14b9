"""Doc -> record: the typed output contract of `schema.py`, filled from a parsed article."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from extractor import facts, schema
from extractor.gazetteer import Place, gazetteer
from extractor.group import Entity, group_entities
from extractor.labels import (
    DATES,
    FIGURES,
    GROUPS,
    ORGANIZATIONS,
    PEOPLE,
    PLACES,
    category,
)
from extractor.options import DEFAULT_DATE_ORDER

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
    date_order: str = DEFAULT_DATE_ORDER,
) -> schema.Record:
    """The record of one article: entities grouped, facts in text order.

    `meta` is what the input's container said (authors, site, url); every record has
    those keys, null when unknown. With `show_text`, the analysed text comes last.
    """
    entities = group_entities(doc, header)
    figures: list[schema.Figure] = []
    dates: list[schema.Date] = []
    for span in doc.ents:
        cat = category(span.label_)
        if cat == FIGURES:
            fields = facts.figure_fields(span)
            if fields is not None:  # None: the normalizer judged it no figure (a year)
                figures.append(
                    schema.Figure(
                        text=span.text, **fields, start=span.start_char, end=span.end_char
                    )
                )
        elif cat == DATES:
            fields = facts.date_fields(span, published, date_order)
            if fields is not None:  # None: no date after all (a list marker, a code)
                dates.append(
                    schema.Date(text=span.text, **fields, start=span.start_char, end=span.end_char)
                )
    facts.local_dollars(figures)
    return schema.Record(
        source=source,
        title=header.title,
        published=published,
        **_meta_keys(meta or {}),
        people=[_person(e) for e in entities[PEOPLE]],
        organizations=[_organization(e) for e in entities[ORGANIZATIONS]],
        places=[_place(e) for e in entities[PLACES]],
        groups=[_group(e) for e in entities[GROUPS]],
        figures=figures,
        dates=dates,
        text=doc.text if show_text else schema.UNSET,
    )


def empty(source: str | None = None, meta: Mapping[str, Any] | None = None) -> schema.Record:
    """The record of an article with no text: every list empty."""
    meta = meta or {}
    return schema.Record(
        source=source,
        title=meta.get("title"),
        published=meta.get("published"),
        **_meta_keys(meta),
        people=[],
        organizations=[],
        places=[],
        groups=[],
        figures=[],
        dates=[],
    )


def _meta_keys(meta: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "authors": list(meta.get("authors") or []) or None,
        "site": meta.get("site"),
        "url": meta.get("url"),
    }


def _mentions(e: Entity) -> list[schema.Mention]:
    return [schema.Mention(m.start, m.end, m.text) for m in e.mentions]


_S = TypeVar("_S", schema.Entity, schema.Person, schema.Group, schema.Place)


def _entity(struct: type[_S], e: Entity, /, **own: Any) -> _S:
    """`e` as a `struct`: the fields every entity has, and the category's `own`."""
    return struct(
        name=e.name,
        aliases=e.aliases,
        **own,
        count=len(e.mentions),
        salience=e.salience,
        mentions=_mentions(e),
    )


def _person(e: Entity) -> schema.Person:
    return _entity(schema.Person, e, titles=e.titles)


def _organization(e: Entity) -> schema.Entity:
    return _entity(schema.Entity, e)


def _group(e: Entity) -> schema.Group:
    # A nationality points to its country ("Tajik" -> TJ), so a program can join them.
    place = gazetteer().demonym_place(e.name)
    return _entity(schema.Group, e, country_code=place.country_code if place else None)


def _place(e: Entity) -> schema.Place:
    p = e.place
    return _entity(
        schema.Place,
        e,
        kind=p.kind if p else e.kind,
        country_code=p.country_code if p else None,
        geonames_id=p.geonames_id if p else None,
        lat=p.lat if p else None,
        lon=p.lon if p else None,
        **_place_context(p),
    )


def _place_context(p: Place | None) -> dict[str, Any]:
    """Where a linked place is: a region's ISO 3166-2 code and country, a city's region
    (where the data or the article's "City, Region" says) and country."""
    country = gazetteer().by_code.get(p.country_code or "") if p else None
    in_country = p is not None and p.kind in ("region", "city", "feature") and country is not None
    is_city = p is not None and p.kind == "city"
    return {
        "admin_code": p.admin_code if p and p.kind == "region" else None,
        "country": country.name if in_country and country else None,
        "region": p.region if is_city and p else None,
        "region_code": p.admin_code if is_city and p else None,
    }
