"""Words that end names and say what kind of thing is named, as plain data.

Apart from the components (which load spaCy) so that grouping can read them too.
"""

from __future__ import annotations

# Safe after a person-like name too: no one is surnamed "Ministry" (but "Jim Press" is).
INSTITUTIONS = frozenset(
    {
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "gmbh",
        "university",
        "institute",
        "academy",
        "ministry",
        "embassy",
        "consulate",
        "department",
        "agency",
        "commission",
        "committee",
        "council",
        "association",
        "federation",
        "foundation",
        "authority",
        "bureau",
        "parliament",
        "airlines",
        "airways",
        "organisation",
        "organization",
        # Reinsurers ("Munich Re", "Swiss Re") and football clubs ("Leeds United", "Blackburn
        # Rovers", "Wigan Athletic"): the model calls many of them people or places.
        "re",
        "united",
        "rovers",
        "wanderers",
        "athletic",
        "albion",
        "hotspur",
        "fc",
        "afc",
    }
)
# Last words of organizations' names: legal forms and kinds of institution.
ORG_HEADS = INSTITUTIONS | {
    "co.",
    "company",
    "ag",
    "n.v.",
    "s.a.",
    "group",
    "holdings",
    "college",
    "school",
    "union",
    "party",
    "bank",
    "office",
    "court",
    "senate",
    "assembly",
    "police",
    "army",
    "navy",
    "society",
    "club",
    "network",
    "newspaper",
    "times",
    "post",
    "news",
    "press",
    "org",
}
# Last words of buildings' and sites' names. Not "House", "Centre", "Hall" or "Park"
# alone: "Random House", "Pew Research Center", "Tammany Hall" are organizations.
# fmt: off
FACILITIES = frozenset({
    "airport", "station", "stadium", "arena", "terminal", "tower", "towers", "bridge",
    "square", "palace", "cathedral", "mosque", "temple", "castle", "building", "street",
    "avenue", "boulevard", "pier", "harbour", "harbor", "dam", "canal", "highway",
    "hotel", "motel", "hostel", "minster",
})
# fmt: on
# Kinds of place a writer defines a name by ("X is a peninsula", "X, a former kingdom")
# or names with it ("X Island"): geographic and administrative kinds, no buildings.
# fmt: off
PLACE_KINDS = frozenset({
    "island", "islands", "peninsula", "archipelago", "atoll", "village", "town", "city",
    "region", "province", "district", "county", "kingdom", "state", "country", "valley",
    "oasis", "suburb", "neighbourhood", "neighborhood", "municipality", "settlement",
    "destination", "port", "capital", "territory", "island nation", "emirate",
})
# fmt: on
