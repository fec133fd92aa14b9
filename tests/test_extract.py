"""The library end to end: extract_text on the sample articles."""

from __future__ import annotations

import pytest

from extractor.group import Mention, _org_key, _people_key

from .conftest import SAMPLES, extract_dict


@pytest.fixture(scope="module")
def tajik(nlp, tajik_text):
    return extract_dict(tajik_text, nlp=nlp, source="tajik.txt")


def names(record, category):
    return {e["name"] for e in record[category]}


def entity(record, category, name):
    return next(e for e in record[category] if e["name"] == name)


def test_tajik_people(tajik):
    assert names(tajik, "people") == {
        "Sergei Ivanov",
        "Vladimir Putin",
        "Sergei Yastrzhembsky",
        "Ahmed Shah Masoud",
        "Burhanuddin Rabbani",
        "Emomali Rakhmonov",
    }


def test_tajik_organizations_and_places(tajik):
    orgs = names(tajik, "organizations")
    assert {"Security Council", "Taliban", "The Associated Press"} <= orgs
    places = names(tajik, "places")
    # A linked place is named as the gazetteer names it; the article's form is an alias.
    assert {"Tajikistan", "Dushanbe", "Taloqan"} <= places
    assert "Taliqan" in entity(tajik, "places", "Taloqan")["aliases"]
    for name in ("Tajikistan", "Dushanbe", "Taliqan", "Taloqan"):
        assert name not in orgs and name not in names(tajik, "groups")
    assert entity(tajik, "groups", "Tajik")["country_code"] == "TJ"


def test_tajik_grouping_and_titles(tajik):
    ivanov = entity(tajik, "people", "Sergei Ivanov")
    assert ivanov["aliases"] == ["Ivanov"]
    assert ivanov["count"] == len(ivanov["mentions"]) >= 4
    assert "secretary of the Security Council" in ivanov["titles"]
    assert "Tajik President" in entity(tajik, "people", "Emomali Rakhmonov")["titles"]
    assert "President" in entity(tajik, "people", "Vladimir Putin")["titles"]
    assert entity(tajik, "people", "Ahmed Shah Masoud")["aliases"] == ["Masoud"]


def test_tajik_places_are_linked(tajik):
    tj = entity(tajik, "places", "Tajikistan")
    assert (tj["kind"], tj["country_code"], tj["geonames_id"]) == ("country", "TJ", 1220409)
    assert tj["lat"] is not None and tj["lon"] is not None
    taliqan = entity(tajik, "places", "Taloqan")  # the article spells it Taliqan
    assert (taliqan["kind"], taliqan["country_code"]) == ("city", "AF")
    # Not in the gazetteer: nothing invented.
    central_asia = entity(tajik, "places", "Central Asia")
    assert central_asia["geonames_id"] is None and central_asia["lat"] is None


def test_salience_is_a_share(tajik):
    values = [
        e["salience"] for c in ("people", "organizations", "places", "groups") for e in tajik[c]
    ]
    assert all(0 <= v <= 1 for v in values)
    assert sum(values) == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_offsets_slice_back_to_the_text(nlp, path):
    text = path.read_text(encoding="utf-8")
    record = extract_dict(text, nlp=nlp, source=str(path))
    for cat in ("people", "organizations", "places", "groups"):
        for e in record[cat]:
            for m in e["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]
                assert m["text"] == m["text"].strip(' ,;:"') and not m["text"].endswith("'s")
    for cat in ("figures", "dates"):
        for f in record[cat]:
            assert text[f["start"] : f["end"]] == f["text"]


@pytest.mark.parametrize(
    ("sample", "category", "present", "absent"),
    [
        # Captions ("Image: Twitter / NASA") glued to names; a platform the model calls
        # a person; a building it calls an organization.
        (
            "texas-student-clock-movement.txt",
            "organizations",
            {"Twitter", "Facebook"},
            {"White House"},
        ),
        (
            "texas-student-clock-movement.txt",
            "people",
            {"Ahmed Mohamed"},
            {"Twitter", "Ahmed Mohamed Image"},
        ),
        (
            "texas-student-clock-movement.txt",
            "places",
            {"White House"},
            {"International Space Station Image", "Google Science Fair"},
        ),
        # "Lockheed and Sikorsky" (Lockheed, Lockheed Martin's short name); "KC-30s" is an
        # aircraft.
        (
            "airbus-boeing-airtanker-contract.txt",
            "organizations",
            {"Sikorsky", "Lockheed Martin"},
            {"Lockheed"},
        ),
        ("airbus-boeing-airtanker-contract.txt", "places", {"Toulouse"}, {"KC-30s"}),
        # "Shadow Home Secretary Yvette Cooper": the role is no organization.
        ("uk-asylum-questionnaire.txt", "organizations", {"Border Force"}, {"Home", "Shadow Home"}),
        # "CEO of the Refugee Council Enver Solomon": the model tags only the surname.
        ("uk-asylum-questionnaire.txt", "people", {"Enver Solomon"}, {"Solomon"}),
        # "DesRoiser said": the analyst's surname misspelt, which the model calls ORG.
        ("ford-cutting-30000-jobs.txt", "organizations", {"UAW"}, {"DesRoiser"}),
    ],
)
def test_samples_keep_each_name_in_its_category(nlp, sample, category, present, absent):
    record = extract_dict((SAMPLES / sample).read_text(encoding="utf-8"), nlp=nlp)
    names = {e["name"] for e in record[category]}
    assert present <= names
    assert not absent & names


def test_empty_text_gives_empty_lists(nlp):
    record = extract_dict("", nlp=nlp)
    assert all(record[c] == [] for c in ("people", "organizations", "places", "figures"))


# -- grouping rules on their own -----------------------------------------------


def _m(text, start):
    return Mention(start, start + len(text), text, "PERSON")


def test_a_surname_shared_by_several_people_is_the_one_named_first():
    # An obituary or a profile names its subject first, then relatives with the same
    # surname; the surname alone stays the subject's ("Mabern moved to Chicago").
    ms = [_m("Harold Mabern", 0), _m("Mabern", 20), _m("Michael Mabern", 40), _m("Mabern", 60)]
    names_ = ["Harold Mabern", "Mabern", "Michael Mabern"]
    assert _people_key(ms[1], names_, ms) == "harold mabern"
    assert _people_key(ms[3], names_, ms) == "harold mabern"
    assert _people_key(ms[2], names_, ms) == "michael mabern"  # the full name is its own


def test_a_capitals_headlines_surname_joins_the_bodys_person():
    ms = [_m("NOVAK", 0), _m("Dana Novak", 30), _m("Novak", 60), _m("NOVAKOVA", 90)]
    names_ = ["NOVAK", "Dana Novak", "Novak", "NOVAKOVA"]
    assert _people_key(ms[0], names_, ms) == "dana novak"
    assert _people_key(ms[3], names_, ms) == "novakova"  # another name stays apart


@pytest.mark.parametrize(
    ("names", "key"),
    [
        # GUM iodine: "Lydia Buchtmann" ... "Ms Bauchtman said".
        (("Lydia Buchtmann", "Mu Li", "Bauchtman"), "lydia buchtmann"),
        # Too short to tell a typo from another name; two close surnames: no guess.
        (("Adam Smith", "Smyth"), "smyth"),
        (("Ann Johnson", "Bob Johnston", "Jonson"), "jonson"),
        (("Lydia Buchtmann", "Kaufmann"), "kaufmann"),
    ],
)
def test_a_misspelt_lone_surname_joins_the_one_close_full_name(names, key):
    ms = [_m(t, 30 * i) for i, t in enumerate(names)]
    assert _people_key(ms[-1], list(names), ms) == key


def _orgs(*texts):
    ms, pos = [], 0
    for t in texts:
        ms.append(Mention(pos, pos + len(t), t, "ORG"))
        pos += len(t) + 10
    return ms, list(dict.fromkeys(texts))


def test_acronym_and_leading_part_join_an_organization():
    ms, names_ = _orgs("United States Air Force", "USAF", "Lockheed Martin", "Lockheed")
    assert _org_key(ms[1], names_, ms) == "united states air force"
    assert _org_key(ms[3], names_, ms) == "lockheed martin"


def test_legal_form_and_the_do_not_split_an_organization():
    ms, names_ = _orgs("Apple", "The Apple Inc.", "General Motors Corporation")
    assert _org_key(ms[1], names_, ms) == _org_key(ms[0], names_, ms) == "apple"
    assert _org_key(ms[2], names_, ms) == "general motors"


def test_acronym_of_the_name_with_its_legal_form_and_a_place_prefix_join():
    ms, names_ = _orgs("Penske Automotive Group", "PAG", "United States Air Force", "Air Force")
    assert _org_key(ms[1], names_, ms) == "penske automotive"
    assert _org_key(ms[3], names_, ms) == "united states air force"


# Each row: the article's organization names in order, which one, the group it joins.
# Wikinews sentences: "the Supreme Court ruled ... the Court has ruled"; "assistance for
# Ford" ... "Ford Australia"; headline "Ford Taurus to be revived", then "Ford Motor
# Company CEO Alan Mulally has reported that Ford will ..."; "Penske Auto selected to
# buy ..." ... "the Penske Automotive Group (PAG)"; "the USAF has announced ... the Air
# Force's interests".
@pytest.mark.parametrize(
    ("names", "which", "key"),
    [
        (("Supreme Court", "Court"), 1, "supreme court"),
        (("World Bank", "European Central Bank", "Bank"), 2, "european central bank"),
        (("Ford", "Ford Australia"), 0, "ford"),  # a branch in a country is its own
        (("Google", "Google UK"), 0, "google"),
        (("Lockheed Martin", "Lockheed"), 1, "lockheed martin"),  # Martin: a town too
        (("Ford Taurus", "Ford Motor Company", "Ford"), 2, "ford motor"),  # the nearest
        (("Penske Auto", "Penske Automotive Group"), 0, "penske automotive"),
        (("Ford", "Fordham University"), 0, "ford"),  # a lone word is never clipped
        (("USAF", "Air Force"), 0, "air force"),
        (("USDA", "Department of Agriculture"), 0, "department of agriculture"),
        (("XYAF", "Air Force"), 0, "xyaf"),  # "XY" is no country
        # "The Italian Supreme Court of Cassation ruled ... the Supreme Court said".
        (
            ("Italian Supreme Court of Cassation", "Supreme Court"),
            1,
            "italian supreme court of cassation",
        ),
        (("Church of Scientology", "Scientology"), 1, "church of scientology"),
        (("Scientology", "Church of Scientology"), 0, "scientology"),  # named first
        # A name's last word used after it; not a place, not the kind of body.
        (("Royal Dutch Shell", "Shell"), 1, "royal dutch shell"),
        (("Air Berlin", "Berlin"), 1, "berlin"),
        (("Shell", "Royal Dutch Shell"), 0, "shell"),  # named first
    ],
)
def test_an_organization_short_form_joins_its_full_name(names, which, key):
    ms, names_ = _orgs(*names)
    assert _org_key(ms[which], names_, ms) == key


def test_a_headlines_short_form_is_no_first_use():
    from extractor.api import extract_text

    text = (
        "Dutch court orders Shell to cut emissions\nWednesday, May 26, 2021\n"
        "A court in The Hague ordered Royal Dutch Shell to cut its emissions. Shell said "
        "it would appeal.\n"
    )
    orgs = {o["name"]: len(o["mentions"]) for o in extract_text(text).to_dict()["organizations"]}
    assert orgs == {"Royal Dutch Shell": 3}


def test_short_forms_of_short_forms_join_the_full_name(nlp):
    text = (
        "The Italian Supreme Court of Cassation ruled on Monday that the schools must "
        "pay the tax. The Supreme Court said the law was clear. Lawyers said the Court "
        "had ruled against the Church of Scientology before. The protest against "
        "Scientology drew 200 people."
    )
    orgs = extract_dict(text, nlp=nlp)["organizations"]
    court = next(e for e in orgs if e["name"] == "Italian Supreme Court of Cassation")
    assert {"Supreme Court", "Court"} <= set(court["aliases"])
    church = next(e for e in orgs if e["name"] == "Church of Scientology")
    assert "Scientology" in church["aliases"]


def test_a_short_form_used_before_the_long_name_stays_its_own_organization():
    ms, names_ = _orgs("Google", "Google Science Fair")
    assert _org_key(ms[0], names_, ms) == "google"


def test_a_province_and_a_foreign_city_of_one_name_stay_unlinked():
    from extractor.gazetteer import gazetteer

    gaz = gazetteer()
    # Ontario is a Canadian province and a Californian city: nothing invented.
    assert gaz.resolve("Ontario") is None
    assert gaz.resolve("Alberta").kind == "region"
    assert gaz.resolve("Birmingham").kind == "city"


def test_names_with_and_without_diacritics_resolve_alike():
    from extractor.gazetteer import gazetteer

    gaz = gazetteer()
    assert gaz.resolve("Herat") == gaz.resolve("Herāt")  # city wins over its province
    assert gaz.resolve("Herat").kind == "city"
    assert gaz.resolve("Sao Paulo").country_code == "BR"


def test_city_region_pairs_are_read_together(nlp):
    record = extract_dict(
        "He flew from Atlanta, Georgia to Paris, Texas, then on to "
        "Tbilisi, the capital of Georgia.",
        nlp=nlp,
    )
    linked = {
        (m["start"], e["country_code"], e["kind"]) for e in record["places"] for m in e["mentions"]
    }
    text = "He flew from Atlanta, Georgia to Paris, Texas, then on to "
    georgia_state, paris = text.find("Georgia"), text.find("Paris")
    georgia_country = len(text) + len("Tbilisi, the capital of ")
    assert (georgia_state, "US", "region") in linked
    assert (paris, "US", "city") in linked
    assert (georgia_country, "GE", "country") in linked


def test_a_title_contained_in_a_fuller_one_is_not_repeated(nlp):
    record = extract_dict(
        "U.S. President Donald Trump spoke on Monday. Later, President Trump left for Texas.",
        nlp=nlp,
    )
    assert entity(record, "people", "Donald Trump")["titles"] == ["U.S. President"]


@pytest.mark.parametrize(
    ("order", "published", "value"),
    [("MDY", "2016-03-04", "2016-03-05"), ("DMY", "2016-04-03", "2016-04-05")],
)
def test_date_order_reads_all_numeric_dates(nlp, order, published, value):
    text = (
        "Border talks resume\n03/04/2016\nThe talks resumed on 03/05/2016 in Dushanbe, "
        "officials said."
    )
    text = text.replace("03/05/2016", "03/05/2016" if order == "MDY" else "05/04/2016")
    record = extract_dict(text, nlp=nlp, date_order=order)
    assert record["published"] == published
    assert value in [d["value"] for d in record["dates"]]


def test_acronym_in_brackets_joins_the_name_before_it(nlp):
    # Initials would give "SA"; the writer's brackets say "SIA".
    text = (
        "Singapore Airlines (SIA) took delivery of its first jet on Monday. "
        "SIA said the aircraft would fly to Sydney."
    )
    orgs = extract_dict(text, nlp=nlp)["organizations"]
    assert [(o["name"], o["aliases"], o["count"]) for o in orgs] == [
        ("Singapore Airlines", ["SIA"], 3)
    ]


def test_a_national_team_is_one_organization_under_its_names():
    ms, names_ = _orgs("South Korea", "Korea Republic", "Korea")
    assert {_org_key(m, names_, ms) for m in ms} == {"country:1835841"}


def test_a_short_country_name_is_read_through_the_articles_fuller_name(nlp):
    text = "South Korea and Japan met. Officials in Korea said the talks in Seoul went well."
    places = {p["name"]: p for p in extract_dict(text, nlp=nlp)["places"]}
    assert places["South Korea"]["aliases"] == ["Korea"]
    alone = extract_dict("Officials in Korea said the talks went well.", nlp=nlp)["places"]
    assert [(p["name"], p["country_code"]) for p in alone] == [("Korea", None)]


def test_a_town_outside_the_us_names_its_region_too(nlp):
    text = "She studied in Heidelberg, Germany, and taught in Lyon, France."
    places = {p["name"]: p for p in extract_dict(text, nlp=nlp)["places"]}
    assert (places["Heidelberg"]["region"], places["Heidelberg"]["region_code"]) == (
        "Baden-Württemberg",
        "DE-BW",
    )
    assert places["Lyon"]["region_code"] == "FR-ARA"


def test_a_linked_place_says_where_it_is(nlp):
    text = "Storms hit Tampa, Florida, on Monday, and the US sent help to Yucatán in Mexico."
    places = {p["name"]: p for p in extract_dict(text, nlp=nlp)["places"]}
    tampa, florida = places["Tampa"], places["Florida"]
    assert (tampa["kind"], tampa["country"], tampa["region"], tampa["region_code"]) == (
        "city",
        "United States",
        "Florida",
        "US-FL",
    )
    assert (florida["kind"], florida["admin_code"], florida["country"]) == (
        "region",
        "US-FL",
        "United States",
    )
    us = places["United States"]  # the gazetteer's name; the article's form an alias
    assert us["aliases"] == ["US"] and us["admin_code"] is None and us["country"] is None


def test_a_title_ends_neither_in_a_dangling_preposition_nor_a_line_break(nlp):
    # The parser cuts the organization after "at"; the title stops before the "at".
    text = (
        '"The market is calm," said Hugh Johnson, chief investment officer at First '
        "Albany Corp. Jane Roe, an analyst, agreed."
    )
    people = {p["name"]: p["titles"] for p in extract_dict(text, nlp=nlp)["people"]}
    assert people["Hugh Johnson"] == ["chief investment officer"]
    text = '"Calm," said Hugh Johnson, chief investment officer at First Albany Corp.\n'
    people = {p["name"]: p["titles"] for p in extract_dict(text, nlp=nlp)["people"]}
    assert all(not t.endswith("\n") for t in people["Hugh Johnson"])


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # Of two surnames, the first alone is the person (not his father's).
        ("Rafael Quispe Mamani\nRafael Quispe Mamani (1902 – 1977) was a Bolivian poet. "
         "He was the son of Tomás Quispe, a farmer. Quispe studied law in La Paz, and "
         "Quispe died in Cochabamba in 1977.\n",
         {"Rafael Quispe Mamani": 4, "Tomás Quispe": 1}),
        # The first part of a hyphenated surname alone.
        ("Ingrid Solberg-Nakamura\nIngrid Solberg-Nakamura (born 1961) is a Norwegian "
         "marine biologist. Solberg was born in Tromsø to Harald Solberg, a fisherman.\n",
         {"Ingrid Solberg-Nakamura": 3, "Harald Solberg": 1}),
    ],
)  # fmt: skip
def test_a_part_of_a_double_surname_alone_is_the_person(text, counts):
    from extractor.api import extract_text

    people = {p["name"]: len(p["mentions"]) for p in extract_text(text).to_dict()["people"]}
    assert {name: people[name] for name in counts} == counts


def test_a_sections_heading_is_no_name():
    from extractor.api import extract_text

    text = (
        "Rafael Quispe Mamani\nRafael Quispe Mamani (12 January 1902 – 23 June 1977) was a "
        "Bolivian poet, journalist and politician.\nBiography\nQuispe was born in "
        "Achacachi, near Lake Titicaca, the son of Aymara farmers Tomás Quispe and Rosa "
        "Mamani.\nLegacy\nQuispe died in Cochabamba on 23 June 1977. A street in El Alto "
        "bears his name.\n"
    )
    record = extract_text(text).to_dict()
    names = {e["name"] for cat in ("people", "organizations") for e in record[cat]}
    assert not {"Biography", "Legacy"} & names
