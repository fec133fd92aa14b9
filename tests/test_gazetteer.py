"""The gazetteer's on-disk cache: fresh, rebuilt when broken, optional."""

from __future__ import annotations

from extractor import gazetteer as gz


def test_cache_is_written_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    built = gz.gazetteer.__wrapped__()
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    cached = gz.gazetteer.__wrapped__()
    assert cached.resolve("Dushanbe") == built.resolve("Dushanbe")
    assert cached.demonym_place("Tajik").country_code == "TJ"


def test_a_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    path = gz._cache_path()
    path.write_bytes(b"not a pickle")
    assert gz.gazetteer.__wrapped__().resolve("Kabul").country_code == "AF"
    assert path.read_bytes() != b"not a pickle"


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACT_CACHE_DIR", "off")
    assert gz._cache_path() is None
    assert gz.gazetteer.__wrapped__().resolve("Moscow").country_code == "RU"


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
