"""The pipeline as a spaCy config: shipped, in step with the code, and buildable."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from spacy.util import load_config

from extractor.pipeline import COMPONENTS, CONFIG, ModelNotFound, load_pipeline

from .conftest import SAMPLES


def test_the_shipped_config_lists_our_rules_in_the_codes_order():
    pipeline = load_config(CONFIG)["nlp"]["pipeline"]
    assert pipeline[-len(COMPONENTS) :] == list(COMPONENTS)
    assert "ner" in pipeline and "parser" in pipeline


def test_spacy_finds_our_factories_without_importing_us():
    found = {e.name for e in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= found
    # A fresh interpreter that imports spaCy only: the entry point registers the rule.
    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('extractor_citations'); "
        "print(nlp.pipe_names)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['extractor_citations']"


@pytest.fixture(scope="module")
def from_config():
    return load_pipeline(config=CONFIG)


@pytest.mark.parametrize("sample", ["uk-asylum-questionnaire.txt", "ford-cutting-30000-jobs.txt"])
def test_the_config_builds_the_pipeline_extract_runs(nlp, from_config, sample):
    # The asylum article holds "Labour", which the model reads apart without its norms.
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    ours = [(e.start, e.end, e.label_) for e in nlp(text).ents]
    assert [(e.start, e.end, e.label_) for e in from_config(text).ents] == ours


def test_a_users_config_may_leave_a_rule_out(tmp_path):
    text = CONFIG.read_text(encoding="utf-8").replace('"extractor_teams", ', "")
    text = re.sub(r"\[components\.extractor_teams\]\n(.+\n)+", "", text)
    path = tmp_path / "config.cfg"
    path.write_text(text, encoding="utf-8")
    nlp = load_pipeline(config=path)
    assert "extractor_teams" not in nlp.pipe_names and "extractor_dates" in nlp.pipe_names


def test_a_config_naming_no_such_component_is_one_line(tmp_path):
    path = tmp_path / "config.cfg"
    path.write_text(
        CONFIG.read_text(encoding="utf-8").replace(
            'factory = "extractor_teams"', 'factory = "extractor_tems"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(ModelNotFound) as error:
        load_pipeline(config=path)
    assert "config.cfg: not a usable config" in str(error.value)
    assert "\n" not in str(error.value)


def test_a_place_index_that_cannot_be_built_is_one_line_at_load(tmp_path, monkeypatch):
    """Not a traceback on the first article: the index is opened with the model."""
    from extractor import gazetteer

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "_DATA", tmp_path / "missing.sqlite")
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(blocker / "cache"))
    gazetteer.gazetteer.cache_clear()
    try:
        with pytest.raises(ModelNotFound) as error:
            load_pipeline()
    finally:
        gazetteer.gazetteer.cache_clear()
    assert str(error.value).startswith("cannot open or build the place index: ")
    assert "\n" not in str(error.value)


def test_a_rules_setting_is_changed_from_the_config_not_the_code():
    """Thresholds are the factories' default_config: a config overrides them."""
    import spacy

    import extractor.components  # noqa: F401  (registers the factories)
    from extractor.components.caps_lines import caps_tokens

    assert spacy.blank("en").add_pipe("extractor_teams").min_sport_words == 3
    keen = spacy.blank("en").add_pipe("extractor_teams", config={"min_sport_words": 1})
    assert keen.min_sport_words == 1
    loose = spacy.blank("en").add_pipe("extractor_caps_lines", config={"caps_share": 0.5})
    doc = spacy.blank("en").make_doc("Rates rose.\nMOSTLY CAPITALS here\n")
    assert caps_tokens(doc) == set()  # 14 of 18 letters: under the default 0.8
    assert caps_tokens(doc, share=loose.caps_share) == {4, 5, 6}


def test_the_shipped_config_lists_every_rules_settings_at_their_defaults():
    """A user copying config.cfg sees what each rule lets them tune, and the values it
    shows are the code's: the config cannot drift from the factories."""
    import spacy

    import extractor.components  # noqa: F401  (registers the factories)

    components = load_config(CONFIG)["components"]
    for name in COMPONENTS:
        listed = {k: v for k, v in components[name].items() if k != "factory"}
        assert listed == spacy.blank("en").get_factory_meta(name).default_config, name


def test_every_rule_says_what_it_writes_and_what_it_reads(nlp):
    """assigns/requires are complete: spaCy's analysis of the pipeline finds no gap."""
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not problems for problems in analysis["problems"].values())
    for name in COMPONENTS:
        assert nlp.get_pipe_meta(name).assigns, name
