"""Offline place gazetteer: countries, regions, continents, cities and towns.

The index is one SQLite file built from installed data packages by
`extractor.gazetteer_build` (see there for the sources): at install time into the
package (`make install`, `scripts/build_gazetteer.py`), else on first use into the user's
cache. SQLite holds only data, so a file in a shared folder cannot run code; opening it
costs milliseconds, and each name is looked up once per process.

A name *resolves* only when one candidate clearly dominates: a country or continent
beats cities of the same name; among cities and states, the most populous must have at
least `DOMINANCE` times the population of the next. Otherwise nothing is invented.
`resolve` and `candidates` see the places of the old index only (cities over 15,000,
US states, countryinfo's provinces); `candidates(name, minor=True)` adds towns down to
1,000 people, ISO 3166-2 subdivisions and exonyms, for linking in context (`linking.py`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractor.gazetteer_names import key as _key

DOMINANCE = 5.0
_CACHE_SIZE = 200_000
_DETERMINERS = ("the ", "these ", "this ")
_DATA = Path(__file__).with_name("data") / "gazetteer.sqlite"


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # continent | country | region | city | feature
    country_code: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    population: int = 0
    # The name matched only through an alternate spelling ("Taliqan" for Taloqan).
    alternate: bool = False
    capital: bool = False  # a country's capital city
    admin_code: str | None = None  # ISO 3166-2 of a region ("US-FL") or a town's region
    region: str | None = None  # a city's region by name, where the data says
    minor: bool = False  # only in the fuller index (a small town, a subdivision, an exonym)

    @property
    def province(self) -> bool:
        """A region outside the US. Named after its capital more often than not ("Herat",
        "Dushanbe"), so a city of its name in its country is that city; a US state is a
        place of its own ("Washington"). (Until the index carried GeoNames ids for
        regions outside the US, a missing id marked these.)"""
        return self.kind == "region" and self.country_code != "US"


# Kind order when several candidates share a name: continents and countries win; a US
# state and a city of the same name ("Washington") rank alike and stay ambiguous.
_RANK = {"continent": 0, "country": 1, "region": 2, "city": 2, "feature": 3}


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        db = self._conn()
        self.demonyms: dict[str, str] = dict(db.execute("SELECT k, code FROM demonyms"))
        self.currencies: set[str] = {c for (c,) in db.execute("SELECT code FROM currencies")}
        # GeoNames' continent of each country ("DE" -> "EU"), for the article's continent.
        self.continent_of: dict[str, str] = dict(
            db.execute("SELECT code, continent FROM continents")
        )
        self.by_code: dict[str, Place] = {}  # "TJ" -> Tajikistan; "continent:EU" -> Europe
        for row in db.execute(
            f"SELECT {_COLUMNS}, 0 FROM places p WHERE kind IN ('country', 'continent') ORDER BY id"
        ):
            place = _place(row)
            code = row[2] if place.kind == "country" else row[8]
            self.by_code.setdefault(code, place)
        self._cache: dict[tuple[str, bool], list[Place]] = {}

    def __getstate__(self) -> dict:
        # A connection cannot travel to another process (Dask workers); it is reopened.
        return {**self.__dict__, "_db": None, "_pid": -1}

    def _conn(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # never share one across fork
            self._db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            self._pid = os.getpid()
        return self._db

    # -- lookup --------------------------------------------------------------
    def candidates(self, name: str, minor: bool = False) -> list[Place]:
        k = _key(name)
        found = self._lookup(k, minor)
        for det in _DETERMINERS:
            if not found and k.startswith(det):
                # "The United States" at the start of a sentence keeps its "The".
                found = self._lookup(k[len(det) :], minor)
        return found

    def _lookup(self, k: str, minor: bool) -> list[Place]:
        found = self._cache.get((k, minor))
        if found is None:
            sql = (
                f"SELECT {_COLUMNS}, n.alternate FROM names n JOIN places p "
                "ON p.id = n.place WHERE n.k = ?"
                + ("" if minor else " AND n.minor = 0")
                + " ORDER BY p.id"
            )
            found = [_place(row) for row in self._conn().execute(sql, (k,))]
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()  # a long batch must not hold every n-gram it tried
            self._cache[(k, minor)] = found
        return found

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
            provinces = [c for c in top if c.province]
            if (
                len(provinces) < len([c for c in top if c.kind == "region"])
                or len({c.country_code for c in top}) > 1
            ):
                return None
            top = [c for c in top if c.kind == "city"]
        top.sort(key=lambda c: c.population, reverse=True)
        if len(top) == 1 or top[0].population >= DOMINANCE * max(top[1].population, 1):
            # A city that a same-named region (a US state, say) rivals stays ambiguous.
            return top[0]
        return None

    def resolve_in(
        self,
        name: str,
        country_code: str | None,
        admin_code: str | None = None,
        minor: bool = False,
    ) -> Place | None:
        """The place called `name` inside one country ("Georgia" in the US: the state),
        or inside one region when `admin_code` is given ("Portland" in US-ME)."""
        cands = [
            c
            for c in self.candidates(name, minor)
            if c.country_code == country_code and (admin_code is None or c.admin_code == admin_code)
        ]
        cands.sort(key=lambda c: (c.alternate, _RANK[c.kind], c.minor, -c.population))
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


_COLUMNS = (
    "p.name, p.kind, p.country_code, p.geonames_id, p.lat, p.lon, p.population, "
    "p.capital, p.admin_code, p.region, p.minor"
)


def _place(row: tuple) -> Place:
    name, kind, cc, gid, lat, lon, pop, capital, admin, region, minor, alternate = row
    return Place(
        name,
        kind,
        cc,
        gid,
        lat,
        lon,
        pop or 0,
        bool(alternate),
        bool(capital),
        None if kind == "continent" else admin,
        region,
        bool(minor),
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer: the package's index if fresh, else one in the user cache."""
    return Gazetteer(index_path())


def index_path() -> Path:
    """The index to read, built first if none is fresh (EXTRACT_CACHE_DIR: where)."""
    from extractor.gazetteer_build import build, version_key

    version = version_key()
    if _fresh(_DATA, version):
        return _DATA
    root = os.environ.get("EXTRACT_CACHE_DIR")
    base = (
        Path(root)
        if root and root != "off"
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extractor"
    )
    path = base / f"gazetteer-{version}.sqlite"
    if not _fresh(path, version):
        build(path)
    return path


def _fresh(path: Path, version: str) -> bool:
    if not path.is_file():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
    except sqlite3.Error:
        return False  # a broken file is rebuilt
    return row is not None and row[0] == version
