"""Our spaCy components; importing this package registers their factories."""

from extractor.components import cleanup, consistency, not_orgs, org_heads, places, roles  # noqa: F401
