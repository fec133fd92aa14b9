"""Headline and published date from an article's first lines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Header:
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD


def detect(text: str) -> Header:
    # TODO(helper: samples+meta): real detection of headline and dateline.
    return Header()
