"""Model labels -> output categories. The one place the mapping lives."""

from __future__ import annotations

PEOPLE = "people"
ORGANIZATIONS = "organizations"
PLACES = "places"
GROUPS = "groups"
FIGURES = "figures"
DATES = "dates"

ENTITY_CATEGORIES = (PEOPLE, ORGANIZATIONS, PLACES, GROUPS)
FACT_CATEGORIES = (FIGURES, DATES)
CATEGORIES = (PEOPLE, ORGANIZATIONS, PLACES, GROUPS, FIGURES, DATES)

# OntoNotes labels of en_core_web_* models. NORP (nationalities, religious and political
# groups) is exposed as the extra `groups` category. Labels not listed (EVENT, PRODUCT,
# WORK_OF_ART, LAW, LANGUAGE, ORDINAL) are not reported.
LABEL_TO_CATEGORY: dict[str, str] = {
    "PERSON": PEOPLE,
    "ORG": ORGANIZATIONS,
    "GPE": PLACES,
    "LOC": PLACES,
    "FAC": PLACES,
    "NORP": GROUPS,
    "CARDINAL": FIGURES,
    "MONEY": FIGURES,
    "PERCENT": FIGURES,
    "QUANTITY": FIGURES,
    "DATE": DATES,
    "TIME": DATES,
}

# Model labels that name an entity, and those of them that name a place: what the rule
# components read and rewrite.
NAME_LABELS = frozenset(
    label for label, cat in LABEL_TO_CATEGORY.items() if cat in ENTITY_CATEGORIES
)
PLACE_LABELS = frozenset(label for label, cat in LABEL_TO_CATEGORY.items() if cat == PLACES)

# Figure kind before full normalization: what the model's label alone tells.
FIGURE_KIND: dict[str, str] = {
    "CARDINAL": "count",
    "MONEY": "money",
    "PERCENT": "percent",
    "QUANTITY": "quantity",
}
DATE_KIND: dict[str, str] = {"DATE": "date", "TIME": "time"}


def category(label: str) -> str | None:
    return LABEL_TO_CATEGORY.get(label)
