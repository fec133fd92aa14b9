"""Component `not_orgs` in the whole pipeline: titles of works named after their kind.

Sentences written for these tests; each pins the model's error, then the fix.
"""

from __future__ import annotations

import pytest


def labels(nlp, text: str, word: str, disable: tuple[str, ...] = ()) -> list[str]:
    with nlp.select_pipes(disable=list(disable)):
        return [e.label_ for e in nlp(text).ents if e.text == word]


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "Critics loved the novel Harrowgate. Harrowgate sold a million copies, and "
            "Harrowgate won a prize.",
            "Harrowgate",
        ),
        (
            "The film studio said the movie Tidewater would open in June. Tidewater cost $90 "
            "million.",
            "Tidewater",
        ),
    ],
)
def test_a_name_after_the_kind_of_work_it_is_is_a_title_at_every_mention(nlp, text, title):
    assert "ORG" in labels(nlp, text, title, ("extractor_not_orgs",))  # the model's error
    found = labels(nlp, text, title)
    assert found and set(found) == {"WORK_OF_ART"}


def test_a_name_after_a_kind_of_publisher_stays_an_organization(nlp):
    text = "The newspaper Ouest-France and the magazine Der Spiegel ran the story."
    assert labels(nlp, text, "Ouest-France") == ["ORG"]
    assert labels(nlp, text, "Der Spiegel") == ["ORG"]


@pytest.mark.parametrize(
    "text, error",
    [
        ("For business, most Thais will shake hands with foreigners.", "ORG"),
        ("In Bangkok, Thais will queue politely for the bus.", "GPE"),
    ],
)
def test_a_people_named_in_the_plural_is_a_group(nlp, text, error):
    assert labels(nlp, text, "Thais", ("extractor_not_orgs",)) == [error]  # the model's
    assert labels(nlp, text, "Thais") == ["NORP"]


def test_a_one_word_organization_ending_in_s_stays_one(nlp):
    text = "Reuters reported the deal, and Reuters said shares rose."
    assert labels(nlp, text, "Reuters") == ["ORG", "ORG"]


def test_an_organization_by_the_name_of_an_iso_language_is_a_language(nlp):
    text = (
        "We investigate cross-lingual transfer from English and Hausa to Swahili and "
        "Yoruba. Our best model achieves an F1 score of 87.3% on Swahili."
    )
    orgs = [e.text for e in nlp(text).ents if e.label_ == "ORG"]
    assert not {"Swahili", "Yoruba", "Hausa"} & set(orgs)
