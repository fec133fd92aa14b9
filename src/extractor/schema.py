"""The output contract: what one record of `extract` holds, as typed msgspec structs.

This module is the contract. `docs/schema.json` (and `extract --schema`) is generated from
it by `json_schema()`, and a test fails when the two differ. Field order here is the key
order of the JSON output.

`SCHEMA_VERSION` is semver: the major part goes up when a field changes meaning or goes
away, the minor part when a field is added; consumers should accept fields they do not
know (the published schema allows them).

Structs are built by `record.build` from trusted code, so nothing is validated on
construction (that is what keeps them as cheap as the dicts they replace); `to_dict()`
gives the plain JSON-ready dict that `write.py` and `outputs.py` serialise.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from extractor.labels import CATEGORIES

# 1.0.0: the first published contract. Against the records written before it existed,
# only `schema_version` is new; a linked place's `name` is the gazetteer's name
# ("Tajikistan"), not the article's spelling (that is in `aliases` and `mentions`).
SCHEMA_VERSION = "1.0.0"

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

Version = Annotated[str, Meta(pattern=r"^\d+\.\d+\.\d+$", description="Semver of this contract.")]
Offset = Annotated[int, Meta(ge=0, description="Character offset into the analysed text.")]
IsoDate = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")]
CountryCode = Annotated[str, Meta(description="ISO 3166-1 alpha-2 code, e.g. TJ.")]
Salience = Annotated[
    float,
    Meta(ge=0, le=1, description="How central the entity is to the article, 0 to 1."),
]


class Mention(Struct):
    """One occurrence of an entity: `text[start:end]` of the analysed text."""

    start: Offset
    end: Offset
    text: str


class Entity(Struct, kw_only=True):
    """An organization; its fields are the ones every entity has."""

    name: str
    aliases: list[str]
    count: Annotated[int, Meta(ge=1, description="Number of mentions.")]
    salience: Salience
    mentions: list[Mention]


class Person(Struct, kw_only=True):
    """A person, with the titles and roles the article gives them."""

    name: str
    aliases: list[str]
    titles: list[str]
    count: Annotated[int, Meta(ge=1)]
    salience: Salience
    mentions: list[Mention]


class Group(Struct, kw_only=True):
    """A nationality, religious or political group ("Tajik" points to its country, TJ)."""

    name: str
    aliases: list[str]
    country_code: CountryCode | None
    count: Annotated[int, Meta(ge=1)]
    salience: Salience
    mentions: list[Mention]


class Place(Struct, kw_only=True):
    """A place; the gazetteer fields are null when it could not be linked."""

    name: Annotated[
        str,
        Meta(
            description="The gazetteer's name when the place is linked (the article's "
            "spellings are in aliases and mentions), else the most complete mention."
        ),
    ]
    aliases: list[str]
    kind: Annotated[
        str | None,
        Meta(
            description="Linked: country, region, city, continent or feature (a lake, "
            "river, peak, sea or airport); unlinked: natural feature, facility or null."
        ),
    ]
    country_code: CountryCode | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    admin_code: Annotated[str | None, Meta(description="A region's ISO 3166-2 code, e.g. US-TX.")]
    country: Annotated[str | None, Meta(description="The country a region or city is in.")]
    region: Annotated[str | None, Meta(description="The region a city is in, when known.")]
    region_code: Annotated[str | None, Meta(description="That region's ISO 3166-2 code.")]
    count: Annotated[int, Meta(ge=1)]
    salience: Salience
    mentions: list[Mention]


class Figure(Struct, kw_only=True):
    """One number in the text, normalized ("1.5 million" -> 1500000)."""

    text: str
    value: int | float | None
    value_max: Annotated[int | float | None, Meta(description="Upper end of a range ('3 to 5').")]
    unit: str | None
    qualifier: Annotated[
        str | None, Meta(description="'>', '>=', '<', '<=' or '~'; its words in qualifier_text.")
    ]
    qualifier_text: str | None
    kind: Annotated[str, Meta(description="count, money, percent, quantity, ordinal.")]
    currency: Annotated[str | None, Meta(description="ISO 4217 code, for money.")]
    start: Offset
    end: Offset


class Date(Struct, kw_only=True):
    """One date or time expression, resolved against the published date."""

    text: str
    value: Annotated[
        str | None,
        Meta(
            description="TIMEX3 value: 2016-07-26, 2016-W29, P4Y, PAST_REF...; null when "
            "it cannot be resolved (no reference date)."
        ),
    ]
    kind: Annotated[str, Meta(description="date, time, duration or set.")]
    start: Offset
    end: Offset


class Record(Struct, kw_only=True):
    """The record of one article: metadata, entities grouped, facts in text order."""

    schema_version: Version = SCHEMA_VERSION
    source: Annotated[
        str | None,
        Meta(description="The path as given, <stdin>, or feed.jsonl#<id> for a feed item."),
    ]
    title: str | None
    published: IsoDate | None
    authors: list[str] | None
    site: str | None
    url: str | None
    people: list[Person]
    organizations: list[Entity]
    places: list[Place]
    groups: list[Group]
    figures: list[Figure]
    dates: list[Date]
    text: Annotated[
        str | UnsetType,
        Meta(description="The analysed text (with --show-text): what every offset indexes."),
    ] = UNSET

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict, keys in contract order (`text` only when it was asked for)."""
        return msgspec.to_builtins(self)


class ErrorRecord(Struct, kw_only=True):
    """An article that could not be read or analysed, in the place of its record."""

    schema_version: Version = SCHEMA_VERSION
    source: str
    error: Annotated[str, Meta(description="One line saying why.")]

    def to_dict(self) -> dict[str, Any]:
        return msgspec.to_builtins(self)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one line of output: a record or an error record."""
    # Not schema(Record | ErrorRecord): msgspec takes a union of structs only when they
    # are tagged, and a tag would be a new key in every record.
    (record_ref, error_ref), defs = msgspec.json.schema_components(
        [Record, ErrorRecord], ref_template="#/$defs/{name}"
    )
    record = defs["Record"]
    # Present in every record the library returns; the CLI's --only may leave some out.
    record["required"] = [key for key in record["required"] if key not in CATEGORIES]
    for name in ("Record", "ErrorRecord"):  # a default in Python, always written
        defs[name]["required"] = ["schema_version", *defs[name]["required"]]
    record["description"] += " A category is absent only when --only left it out."
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "extract record",
        "description": f"One record of extract's output, schema_version {SCHEMA_VERSION}.",
        "anyOf": [record_ref, error_ref],
        "$defs": defs,
    }


def schema_text() -> str:
    """`json_schema()` as `extract --schema` prints it and docs/schema.json holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
