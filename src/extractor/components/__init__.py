"""Our spaCy components; importing this package registers their factories."""

from extractor.components import cleanup, consistency, not_orgs, places, roles  # noqa: F401
