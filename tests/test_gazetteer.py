"""The gazetteer's index: safe, rebuilt when stale or broken, and what it knows."""

from __future__ import annotations

import sqlite3

from extractor import gazetteer as gz


def test_without_a_package_index_one_is_built_into_the_cache_and_reused(tmp_path, monkeypatch):
    monkeypatch.setattr(gz, "_DATA", tmp_path / "missing.sqlite")
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    path = gz.index_path()
    assert path.parent == tmp_path and path.suffix == ".sqlite"
    stamp = path.stat().st_mtime_ns
    assert gz.index_path() == path and path.stat().st_mtime_ns == stamp
    assert gz.Gazetteer(path).resolve("Dushanbe").country_code == "TJ"


def test_a_broken_or_stale_index_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(gz, "_DATA", tmp_path / "missing.sqlite")
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    path = gz.index_path()
    path.write_bytes(b"not a database")
    assert gz.index_path() == path
    assert gz.Gazetteer(path).resolve("Kabul").country_code == "AF"
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET v = 'old' WHERE k = 'version'")
    db.close()
    assert gz.Gazetteer(gz.index_path()).resolve("Moscow").country_code == "RU"


def test_the_index_survives_pickling_for_other_processes():
    import pickle

    gaz = pickle.loads(pickle.dumps(gz.gazetteer()))
    assert gaz.candidates("Tashkent", minor=True)[0].country_code == "UZ"


def test_uk_nations_capitals_and_currencies():
    gaz = gz.gazetteer()
    england = gaz.resolve("England")
    assert (england.kind, england.country_code, england.geonames_id) == ("country", "GB", 6269131)
    assert gaz.resolve("Dushanbe").capital and not gaz.resolve("Toulouse").capital
    assert gaz.resolve("Korea Republic").country_code == "KR"
    assert {"USD", "EUR", "TJS"} <= gaz.currencies


def test_a_leading_the_is_read_past_when_the_name_needs_it():
    gaz = gz.gazetteer()
    assert gaz.resolve("The United States").country_code == "US"
    assert gaz.resolve("the Netherlands").country_code == "NL"


def test_the_fuller_index_is_seen_only_when_asked():
    gaz = gz.gazetteer()
    assert gaz.candidates("Faaborg") == []  # a Danish town of 7,000: too small to find
    town = gaz.candidates("Faaborg", minor=True)[0]
    assert (town.kind, town.country_code, town.minor) == ("city", "DK", True)
    assert town.geonames_id and town.lat and town.lon


def test_regions_carry_iso_codes_and_us_towns_their_state():
    gaz = gz.gazetteer()
    florida = gaz.resolve_in("Florida", "US")
    assert (florida.kind, florida.admin_code) == ("region", "US-FL")
    yucatan = gaz.candidates("Yucatán", minor=True)[0]
    assert (yucatan.country_code, yucatan.admin_code) == ("MX", "MX-YUC")
    bavaria = [p for p in gaz.candidates("Bavaria", minor=True) if p.kind == "region"]
    assert bavaria and bavaria[0].admin_code == "DE-BY"
    tampa = gaz.resolve("Tampa")
    assert (tampa.region, tampa.admin_code) == ("Florida", "US-FL")


def test_exonyms_and_saint_forms_are_alternate_names():
    gaz = gz.gazetteer()
    assert any(p.name == "Makkah" and p.alternate for p in gaz.candidates("Mecca", minor=True))
    assert gaz.candidates("Persia", minor=True)[0].country_code == "IR"
    russian = [p for p in gaz.candidates("St Petersburg", minor=True) if p.country_code == "RU"]
    assert russian and russian[0].name == "Saint Petersburg"
    assert gaz.resolve("U.S").country_code == "US"
    assert gaz.resolve("these United States").country_code == "US"


def test_countries_that_no_longer_exist_by_their_short_names():
    gaz = gz.gazetteer()
    ussr = gaz.resolve("USSR")
    assert (ussr.kind, ussr.country_code) == ("country", "SU")
    assert gaz.resolve("Union of Soviet Socialist Republics") == ussr
    # CS is Serbia and Montenegro's code in GeoNames: Czechoslovakia keeps none.
    old = gaz.resolve("Czechoslovakia")
    assert (old.kind, old.country_code) == ("country", None)
    # A name a current country or region holds stays theirs; dependencies are left out.
    assert gaz.resolve("Burma").country_code == "MM"
    assert gaz.resolve("Sikkim").kind == "region"
    assert not any(c.kind == "country" for c in gaz.candidates("Wake Island", minor=True))


def test_a_province_by_geonames_other_name_is_the_iso_region():
    # countryinfo's "Guangdong" is pycountry's "Guangdong Sheng" (CN-GD): one place, by
    # the shorter name, with its ISO code and GeoNames id.
    gaz = gz.gazetteer()
    place = gaz.resolve("Guangdong")
    assert (place.name, place.admin_code, place.kind) == ("Guangdong", "CN-GD", "region")
    assert place.geonames_id is not None
    assert gaz.resolve("Guangdong Sheng") == place
    # A region named by a direction is not one the finding rules see ("North", CM-NO).
    assert gaz.resolve("North") is None
    assert all(c.minor for c in gaz.candidates("North", minor=True))


def test_spaced_initials_are_the_same_name():
    gaz = gz.gazetteer()
    assert gaz.resolve("U. S.").country_code == "US"
    assert gaz.resolve("these U. S.").country_code == "US"
    assert gaz.resolve("U. K.").country_code == "GB"
    assert gaz.resolve("St. Louis").country_code == "US"  # "St." is no initial


def test_a_countrys_initials_are_its_name_but_its_iso_codes_are_not():
    gaz = gz.gazetteer()
    assert gaz.resolve("UAE").country_code == "AE"
    assert gaz.resolve("RSA").country_code == "ZA"
    # ISO codes are codes, not names news writes ("ARE", "DEU"; "ANT" is a word).
    assert gaz.resolve("DEU") is None
    assert not any(c.kind == "country" for c in gaz.candidates("ANT", minor=True))
