"""Component `citations`: authors cited with a year are people, one per surname.

Sentences written for these tests. The component reads tokens only, so it is tested alone
on `nlp.make_doc`, then once in the whole pipeline against the model's own error.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from extractor.components.citations import Citations, find_citations


def cited(nlp, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    return [doc[s:e].text for s, e in find_citations(doc)]


@pytest.mark.parametrize(
    "text, authors",
    [
        (
            "Sleep improves recall (Ngata & Oduya, 2014; Lind, Perez, & Hauser, 2009).",
            ["Ngata", "Oduya", "Lind", "Perez", "Hauser"],
        ),
        ("The effect is small (see van Rijn and Al-Masri, 2021b).", ["van Rijn", "Al-Masri"]),
        ("Okonkwo and Falk (2003) measured it first.", ["Okonkwo", "Falk"]),
        ("Rasmussen et al. (2018) found the opposite.", ["Rasmussen"]),
        ("The method (Tanaka-Lowe et al., 2020) is common.", ["Tanaka-Lowe"]),
        ("Our rats swam less than those of Brandt & Oyelaran [12].", ["Brandt", "Oyelaran"]),
    ],
)
def test_author_date_citations_name_each_author(nlp, text, authors):
    assert cited(nlp, text) == authors


@pytest.mark.parametrize(
    "text",
    [
        "Procter & Gamble said sales rose 4% in 2019.",
        "Marks and Spencer (M&S) will close 30 stores.",
        "Shares of Smith & Nephew (SN.L) fell.",
        "The report by Reuters (2010) was cited.",  # one name: left to name_sense
        "Johnson and Johnson (see below) recalled the powder.",
    ],
)
def test_firms_and_single_names_are_not_citations(nlp, text):
    assert cited(nlp, text) == []


def test_authors_cited_once_are_the_same_people_when_named_again(nlp):
    text = (
        "Mice slept more (Brandt & Oyelaran, 2015). In Brandt & Oyelaran's study the "
        "mice were older, and Brandt and Oyelaran fed them twice a day."
    )
    assert cited(nlp, text) == ["Brandt", "Oyelaran"] * 3


def test_a_firm_named_like_authors_elsewhere_is_not_made_people(nlp):
    # "Brandt" alone is cited; "Brandt & Sons" is no list of cited surnames.
    text = "Sleep matters (Brandt & Oyelaran, 2015). Brandt & Sons sells beds."
    assert cited(nlp, text) == ["Brandt", "Oyelaran"]


def test_the_component_replaces_the_models_organization_with_people(nlp):
    doc = nlp.make_doc("Attention improves with practice (Dye & Bavelier, 2010).")
    doc.ents = [Span(doc, 5, 8, label="ORG"), Span(doc, 9, 10, label="DATE")]
    Citations()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Dye", "PERSON"),
        ("Bavelier", "PERSON"),
        ("2010", "DATE"),
    ]


def test_in_the_pipeline_every_cited_author_is_a_person(nlp):
    text = (
        "Practice improves attention (Dye & Bavelier, 2010; Boot, Kramer, Simons, "
        "& Gratton, 2008). Other studies disagree."
    )
    with nlp.select_pipes(disable=["extractor_citations"]):
        before = {e.text: e.label_ for e in nlp(text).ents}
    assert before.get("Dye & Bavelier") == "ORG"  # the model's error
    people = [e.text for e in nlp(text).ents if e.label_ == "PERSON"]
    assert people == ["Dye", "Bavelier", "Boot", "Kramer", "Simons", "Gratton"]


def test_a_shorter_author_limit_set_in_the_config_leaves_a_longer_list_alone(nlp):
    text = "Ilunga and Brecht (2011) counted the nests twice."
    assert cited(nlp, text) == ["Ilunga", "Brecht"]
    one = spacy.blank("en").add_pipe("extractor_citations", config={"max_authors": 1})
    doc = one(nlp.make_doc(text))
    assert [e.label_ for e in doc.ents] == []  # no list of two: no people
