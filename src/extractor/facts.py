"""Figures and dates as facts: the fields of each item in `figures` and `dates`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractor.labels import DATE_KIND, FIGURE_KIND

if TYPE_CHECKING:
    from spacy.tokens import Span


def figure_fields(span: Span) -> dict[str, Any]:
    # Normalization (value, unit, qualifier, currency) is issue 3.
    return {
        "value": None,
        "value_max": None,
        "unit": None,
        "qualifier": None,
        "kind": FIGURE_KIND.get(span.label_, "count"),
        "currency": None,
    }


def date_fields(span: Span, reference: str | None) -> dict[str, Any]:
    return {"value": None, "kind": DATE_KIND.get(span.label_, "date")}
