"""Shared by the fact components: run span fixes over the model's entities."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Span

# A fix returns the spans that replace `ent`, or None when it does not apply.
Fix = Callable[[Doc, Span], "Sequence[Span] | None"]


def apply_fixes(doc: Doc, fixes: Iterable[Fix]) -> tuple[list[Span], bool]:
    """Each entity through the first fix that applies; (new entities, whether any did)."""
    fixes = tuple(fixes)
    ents: list[Span] = []
    changed = False
    for ent in doc.ents:
        for fix in fixes:
            replacement = fix(doc, ent)
            if replacement is not None:
                ents.extend(replacement)
                changed = True
                break
        else:
            ents.append(ent)
    return ents, changed


def range_ends(ent: Span, left: Span, right: Span) -> list[Span]:
    """A range's two ends ("1903 - 1912", "from $5 to $7"), each with the range's label."""
    return [
        Span(ent.doc, left.start, left.end, label=ent.label_),
        Span(ent.doc, right.start, right.end, label=ent.label_),
    ]
