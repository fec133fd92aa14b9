"""Our spaCy components; importing this package registers their factories."""

from extractor.components import (  # noqa: F401
    caps_lines,
    citations,
    cleanup,
    consistency,
    dates,
    figures,
    name_sense,
    not_orgs,
    org_heads,
    person_names,
    places,
    roles,
    teams,
)
