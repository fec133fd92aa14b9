"""Place names -> gazetteer places, read in the context of the whole article.

Order of evidence, strongest first:
1. the name alone, when one reading clearly dominates (`Gazetteer.resolve`);
2. the article's fuller name of a country ("Korea" after "South Korea");
3. "City, Region" and "City, Country" pairs: the outer name decides the inner one
   ("Mérida, Yucatán" is the Mexican city; "Portland, Maine" the town in US-ME);
4. the countries the article already names: a reading inside them wins ("Florida" in
   an article about the US, "Mérida" in one about Spain);
5. kind and size: a state or province outranks a smaller foreign town of its name, a
   bigger place a much smaller one (`DOMINANCE`); a town under 15,000 or a minor
   subdivision only in a country the article names.
6. the continent most of the article's places are on, only to break a tie the rest
   leaves ("Heidelberg" in a story set in Basel and Vienna).
The dateline ("WASHINGTON (AP) —", "PERTH, Australia 1997-03-02") names a city, and
the article's home: a name the rest leaves open is read in the dateline's country, and
the dateline's own name again in the body is the dateline's place.
A name that none of these decides stays unlinked ("Washington" in an article about
the US that never says whether the city or the state); `why_unlinked` says why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import replace
from typing import Protocol

from extractor.gazetteer import DOMINANCE, Gazetteer, Place, gazetteer
from extractor.gazetteer_names import saint_form

# Kinds of a linked place (an unlinked one is a "natural feature", a "facility" or null).
LINKED_KINDS = frozenset({"continent", "country", "region", "city", "feature"})
# A city this big is what news means by a state's name it shares ("New York").
METROPOLIS = 1_000_000
# A dateline stands on one of the article's first lines (headline, date, byline).
MAX_DATELINE_LINE = 4
# A foreign city smaller than this does not rival a state or province of its name.
STATE_RIVAL = 500_000
# Readings the article's context may overrule: "St. Petersburg" alone is the Florida
# city (its own name) but, in an article about Russia, the Russian one.
REVISIT = ("region", "city")
# A facility the model found is linked only when its name is a bare town's ("Ziguinchor"
# tagged FAC), never when a word says what was built ("Auckland Castle").
_FACILITY = re.compile(
    r"\b(Airport|Stadium|Arena|Castle|Park|Bridge|Hall|Street|St|Avenue|Road|Square|"
    r"Mosque|Church|Cathedral|Museum|Tower|Station|Building|Centre|Center|Hotel|Palace|"
    r"Temple|House|Highway|Cemetery|Gate|Wall|Market|School|University|College|Hospital|"
    r"Prison|Theatre|Theater|Library|Garden|Gardens|Field|Dam|Port|Harbour|Harbor)\b"
)
_STATE_SUFFIX = re.compile(r" (State|state)$")
# A first-level unit's word after the name: "New York State", "Ishikawa prefecture",
# "the Belgorod region" (not "county" or "district": "Washington county" is no state).
_STATE_CUE = re.compile(r"^\s+(?:State|state|province|prefecture|region|oblast|governorate)\b")
_STATE_CUE_BEFORE = re.compile(r"\b(state of|upstate|State of)\s+$")


class PlaceMention(Protocol):
    start: int
    end: int
    text: str
    label: str
    place: Place | None


def link_places(mentions: Sequence[PlaceMention], text: str) -> None:
    """Set `place` on each mention that the article lets us decide."""
    gaz = gazetteer()
    for m in mentions:
        # A facility (FAC) is never a city or country of the same name.
        m.place = None if m.label == "FAC" else gaz.resolve(_norm(m.text))
    countries = [_norm(m.text) for m in mentions if m.place and m.place.kind == "country"]
    for m in mentions:
        if m.place is None and m.label != "FAC":
            # "Korea" in an article that says "South Korea": the article's own fuller name.
            m.place = gaz.fuller(_norm(m.text), countries, ("country",))
    paired = _pairs(gaz, mentions, text)
    paired |= _postal_pairs(gaz, mentions, text)
    home: Place | None = None
    if (d := _dateline(mentions, text)) is not None:
        mentions[d].place = _dateline_city(gaz, _norm(mentions[d].text)) or mentions[d].place
        home = mentions[d].place
        paired.add(d)
    # Twice: a name decided in the first round ("Virginia") decides others in the
    # second ("Richmond").
    for _ in range(2):
        context = _countries(mentions)
        # Each name's own votes, counted from the same snapshot as `context`: counted
        # live, a name repeated more often than its country's other places ("Coron"
        # 15 times, "Palawan" twice) lost its own context halfway through the article.
        own_votes: dict[str, Counter[str]] = {}
        for x in mentions:
            if x.place and x.place.country_code:
                own_votes.setdefault(_norm(x.text), Counter())[x.place.country_code] += 1
        regions = {
            m.place.admin_code
            for m in mentions
            if m.place and m.place.kind == "region" and m.place.admin_code
        }
        for i, m in enumerate(mentions):
            if i in paired or (m.place and m.place.kind not in REVISIT):
                continue
            # The name's own mentions do not vote for themselves.
            own = own_votes.get(_norm(m.text), Counter())
            if m.label == "FAC" and (_FACILITY.search(m.text) or len(m.text.split()) > 2):
                # "Tulsa International Airport": a landmark by its whole name, never
                # the town inside it.
                features = [
                    c for c in gaz.candidates(_norm(m.text), minor=True) if c.kind == "feature"
                ]
                m.place = _feature(features, context - own) or m.place
                continue
            name, cue = _norm(m.text), _state_cue(text, m)
            if (bare := _STATE_SUFFIX.sub("", name)) != name:
                name, cue = bare, True  # "Washington State"
            cands = gaz.candidates(name, minor=True) or _unwrapped(gaz, name)
            pick = choose(cands, context - own, cue, regions)
            if pick is None and home is not None:
                if _norm(m.text).casefold() == _norm(mentions[d].text).casefold() and not cue:
                    pick = home  # "WASHINGTON (AP) — ... lawmakers in Washington"
                else:  # the dateline's country breaks a tie the rest leaves
                    pick = choose(
                        [c for c in cands if c.country_code == home.country_code],
                        context - own,
                        cue,
                        regions,
                    )
            if pick is None:
                # "Heidelberg" (Germany or South Africa) in a story set in Europe.
                pick = _continental(gaz, cands, context - own, cue, regions)
            if m.label == "FAC" and pick and pick.kind not in ("city", "region", "feature"):
                continue  # the model's facility may be named after a country, never is one
            m.place = pick or m.place
    # One name, one country per article: a name a pair or the dateline placed ("St. Thomas,
    # Ontario") is that place at its other mentions the context alone sent to another
    # country ("the plant in Ontario": Ontario, California, in a US story). Within one
    # country the bare name may mean another place ("Brooklyn, New York" ... "New York"),
    # and a country is meant by its name ("Atlanta, Georgia" ... "the capital of Georgia").
    decided = {
        _norm(mentions[i].text): mentions[i].place
        for i in sorted(paired)
        if mentions[i].place is not None
    }
    for i, m in enumerate(mentions):
        place = decided.get(_norm(m.text))
        if (
            i not in paired
            and place is not None
            and m.place is not None
            and m.place.kind in REVISIT  # a country's name stays the country ("Georgia")
            and m.place.country_code != place.country_code
        ):
            m.place = place
    _pairs(gaz, mentions, text)


def choose(
    cands: Sequence[Place],
    context: Counter[str] | None = None,
    state_cue: bool = False,
    regions: Container[str] = (),
) -> Place | None:
    """The one reading of a name the article's countries (`context`) and regions (ISO
    3166-2 codes) and the places' kinds and sizes allow, or None."""
    if not cands:
        return None
    context = context or Counter()
    features = [c for c in cands if c.kind == "feature"]
    if len(features) == len(cands) or (
        any(not c.alternate for c in features)
        and all(c.alternate for c in cands if c.kind != "feature")
    ):
        # "Red Sea": the sea's own name, only another name of an Egyptian governorate.
        return _feature([c for c in features if not c.alternate] or features, context)
    # A town or region outranks a landmark named like it.
    cands = [c for c in cands if c.kind != "feature"]
    primary = [c for c in cands if not c.alternate]
    own = list(primary)
    biggest_own = max((p.population for p in own if p.kind == "city"), default=0)
    primary += [
        c for c in cands if c.alternate and c.kind == "city" and _as_own(c, own, biggest_own)
    ]
    # An exonym ("Mecca") stands only when no place has it as its own name, or when
    # the named place is far bigger than any that does.
    pool = primary or list(cands)
    if primary and all(c.minor for c in primary):
        # "Mecca": Makkah's English name beats a US town's own.
        pool = [c for c in cands if not c.minor] or pool
    # In the article's countries, a place's other name counts as its own: "St.
    # Petersburg" in an article about Russia.
    inside = [
        c
        for c in cands
        if c.country_code in context
        and (c in pool or not any(p.country_code == c.country_code for p in pool))
    ]
    if inside and all(c.kind == "city" for c in inside):
        # "Sydney" in a story that names the US: Sidney, Ohio, spelt so by some, does not
        # outweigh the Australian city many times its size; nor does Moscow, Idaho the
        # Russian capital, four hundred times its size, in a story from Washington.
        elsewhere = max(
            (c.population for c in pool if c.kind == "city" and c not in inside), default=0
        )
        here = max(c.population for c in inside)
        factor = DOMINANCE if all(c.alternate for c in inside) else DOMINANCE * DOMINANCE
        if elsewhere >= factor * here:
            inside = []
    if any(not c.minor for c in inside) or all(c.minor for c in pool):
        # The article's countries decide, but a town of 2,000 there ("Prague",
        # Oklahoma) does not outweigh a capital elsewhere.
        pool = inside or pool
    within = [c for c in pool if c.kind == "city" and c.admin_code in regions]
    if within:
        pool = within  # "Richmond" in an article about Virginia
    major = {c.country_code for c in pool if not c.minor}
    if major:
        # Towns under 15,000 compete only with places of their own country.
        pool = [c for c in pool if c.country_code in major]
    pool, rival = _same_country(pool, state_cue)
    pick = _pick(pool)
    if (
        pick is not None
        and pick.minor
        and pick.kind != "continent"
        and pick.country_code not in context
    ):
        # A town under 15,000 or a minor subdivision needs its country named in the
        # article: alone, "Korea" is no hamlet in Côte d'Ivoire.
        return None
    # A country whose places of the name cannot be told apart is a rival the pick must
    # dominate: "Frankfurt" am Main over the US Frankforts, not "Washington" in England
    # over the state and the capital.
    if pick is None or pick.kind in ("country", "continent") or not rival:
        return pick
    if pick.kind == "region":
        return pick if rival < STATE_RIVAL else None
    return pick if pick.population >= DOMINANCE * rival else None


def _as_own(city: Place, own: list[Place], biggest_own: int) -> bool:
    """Does a city's other name count as its own beside the places whose own name it is?
    - "New York": the state's own name, the other name of the city in it (a metropolis);
      "Seville": the province's own name, the English name of the city it is named after;
    - "Calcutta": Kolkata's old name and a South African town's own: a city far bigger
      (25 times) than every place whose own name it is;
    - "St. Petersburg": Saint Petersburg spelt otherwise, beside a Florida city whose own
      name it is: spelt alike, the far bigger place; a namesake not far bigger stays out
      ("St. Louis" is not the French Saint-Louis)."""
    return (
        any(
            p.kind == "region"
            and p.country_code == city.country_code
            and (city.population >= METROPOLIS or p.province)
            for p in own
        )
        or bool(biggest_own)
        and city.population >= DOMINANCE * DOMINANCE * biggest_own
        or any(
            p.kind == "city"
            and saint_form(p.name) == saint_form(city.name)
            and city.population >= DOMINANCE * max(p.population, 1)
            for p in own
        )
    )


def _continental(
    gaz: Gazetteer,
    cands: Sequence[Place],
    context: Counter[str],
    state_cue: bool,
    regions: Container[str],
) -> Place | None:
    """The reading on the continent most of the article's places are on, when nothing
    else decides: a biography set in Basel and Groningen means Heidelberg in Germany.
    Only a tie-breaker (a reading the name alone decides stands: "Paris" in a US story),
    and only when that continent clearly leads (twice the votes of the next)."""
    votes: Counter[str] = Counter()
    for code, n in context.items():
        if code in gaz.continent_of:
            votes[gaz.continent_of[code]] += n
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    here = [c for c in cands if gaz.continent_of.get(c.country_code or "") == ranked[0][0]]
    if not here or len(here) == len(cands):
        return None
    pick = choose(here, context, state_cue, regions)
    elsewhere = [c.population for c in cands if c not in here and not c.minor]
    if pick is not None and elsewhere and max(elsewhere) >= DOMINANCE * max(pick.population, 1):
        # "Officials in Washington and Moscow": the English town of 67,000 is no
        # tie-break winner over the US capital.
        return None
    return pick


def _feature(features: Sequence[Place], context: Counter[str]) -> Place | None:
    """The one landmark or natural feature of the name, else the one in the article's
    countries, else (a lake two countries share) the one in the country most of the
    article's places are in; two "Faro Airport"s with neither country named stay apart."""
    if len(features) > 1:
        # None in the article's countries: the one that has the name as its own
        # ("Bay of Bengal", whose other listing is the Andaman Sea's other name).
        features = [c for c in features if c.country_code in context] or [
            c for c in features if not c.alternate
        ]
    by_name = [c for c in features if not c.alternate] or list(features)
    # One feature listed twice for one country (a lake that is also its lowest point).
    by_name = list({(c.name, c.country_code): c for c in by_name}.values())
    if len(by_name) > 1:
        by_name.sort(key=lambda c: -context[c.country_code or ""])
        if context[by_name[0].country_code or ""] > context[by_name[1].country_code or ""]:
            return by_name[0]
    return by_name[0] if len(by_name) == 1 else None


def _pick(pool: list[Place]) -> Place | None:
    if not pool:
        return None
    if len(pool) == 1:
        return pool[0]
    kinds = {c.kind for c in pool}
    if "country" in kinds or "continent" in kinds:
        top = [c for c in pool if c.kind in ("country", "continent")]
        return top[0] if len(top) == 1 else None
    regions = [c for c in pool if c.kind == "region"]
    cities = [c for c in pool if c.kind == "city"]
    if regions and all(c.population < STATE_RIVAL for c in cities):
        # "Virginia": the US state, not the South African town of 120,000.
        return _biggest(regions, _country_size)
    if not regions:
        return _biggest(cities, lambda c: c.population)
    return None


def _same_country(pool: list[Place], state_cue: bool) -> tuple[list[Place], int]:
    """A region and a city of one name in one country: which the article means. Also
    the population of the biggest place in a country whose places of the name cannot
    be told apart (a state's counts as its biggest city's)."""
    out: list[Place] = []
    rival = 0
    for cc in dict.fromkeys(c.country_code for c in pool):
        here = [c for c in pool if c.country_code == cc]
        regions = [c for c in here if c.kind == "region"]
        cities = sorted((c for c in here if c.kind == "city"), key=lambda c: -c.population)
        others = [c for c in here if c.kind not in ("region", "city")]
        if regions and cities:
            city = cities[0]
            if state_cue:
                cities = []
            elif city.population >= METROPOLIS or (
                all(r.province for r in regions) and not city.minor
            ):
                # "New York" in news is the city; a province named after its capital
                # ("Dushanbe") is the city and the district around it.
                regions, cities = [], [city]
            elif all(c.minor for c in cities) or city.population < STATE_RIVAL:
                # A state outranks a town of its name ("Oregon", Ohio, 20,000), as it
                # does a foreign one; "Washington" (the capital) stays open.
                cities = []
            else:
                # "Washington": the state and a city in it; nothing tells them apart.
                rival = max(rival, city.population, 1)
                continue
        elif len(cities) > 1 and cities[0].population < DOMINANCE * cities[1].population:
            # Two towns of one name in one country, neither dominant.
            rival = max(rival, cities[0].population, 1)
            continue
        elif cities:
            cities = cities[:1]
        if len(regions) > 1:
            regions = [r for r in regions if not r.minor][:1] or []
        out += others + regions + cities
    return out, rival


def _biggest(places: list[Place], size) -> Place | None:
    ranked = sorted(places, key=size, reverse=True)
    if len(ranked) == 1 or size(ranked[0]) >= DOMINANCE * max(size(ranked[1]), 1):
        return ranked[0]
    return None


def _country_size(place: Place) -> int:
    # Without other cues, a region of a bigger country is the likelier reading.
    country = gazetteer().by_code.get(place.country_code or "")
    return country.population if country else 0


def _countries(mentions: Sequence[PlaceMention]) -> Counter[str]:
    """The countries the article's linked places are in."""
    return Counter(m.place.country_code for m in mentions if m.place and m.place.country_code)


def _state_cue(text: str, m: PlaceMention) -> bool:
    """ "New York State", "the state of Washington", "Ishikawa prefecture": the region,
    not its city."""
    return bool(
        _STATE_CUE.match(text[m.end : m.end + 13])
        or _STATE_CUE_BEFORE.search(text[max(0, m.start - 12) : m.start])
    )


def _pairs(gaz: Gazetteer, mentions: Sequence[PlaceMention], text: str) -> set[int]:
    """ "Atlanta, Georgia" is the US state, not the country; "Paris, Texas" is not the
    French capital: the outer name, re-read inside the inner one's country, or the
    inner name re-read inside the outer one's country and region, wins. Returns the
    indices of the mentions a pair decided."""
    decided: set[int] = set()
    for i, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if text[a.end : b.start] != ", " or "FAC" in (a.label, b.label):
            continue
        if a.place and b.place and a.place.country_code == b.place.country_code:
            if a.place.kind == "city" and b.place.kind == "region":
                a.place = _in_region(gaz, a, b.place) or a.place
            decided |= {i, i + 1}
            continue
        outer = gaz.resolve_in(_norm(b.text), a.place.country_code, minor=True) if a.place else None
        if outer and outer.kind in ("region", "country"):
            b.place = outer
            decided |= {i, i + 1}
            continue
        if b.place is None:
            continue
        inner = _in_region(gaz, a, b.place) if b.place.kind == "region" else None
        inner = inner or gaz.resolve_in(_norm(a.text), b.place.country_code, minor=True)
        if inner and inner.kind == "city":
            a.place = inner
            decided |= {i, i + 1}
    return decided


def _in_region(gaz: Gazetteer, m: PlaceMention, region: Place) -> Place | None:
    """The town called `m` in `region`, its region named after it."""
    if region.admin_code:
        found = gaz.resolve_in(_norm(m.text), region.country_code, region.admin_code, minor=True)
        if found and found.kind == "city":
            return found
    found = gaz.resolve_in(_norm(m.text), region.country_code, minor=True)
    if found and found.kind == "city" and found.region is None:
        return replace(found, region=region.name, admin_code=region.admin_code)
    return None


_ADMIN_PREFIX = re.compile(
    r"^(?:the )?(?:(City|Town|Municipality|Village|Borough|Commune)|"
    r"(Province|County|Region|State|Prefecture|District)) of ",
    re.IGNORECASE,
)
_ADMIN_SUFFIX = re.compile(
    r" (?:(city|municipality)|(province|region|prefecture|district|oblast|governorate))$",
    re.IGNORECASE,
)


def _unwrapped(gaz: Gazetteer, name: str) -> list[Place]:
    """The places an administrative wrapper names ("Municipality of Livorno", "the City
    of Cleveland", "Jiangsu province"): the inner name, of the kind the word says."""
    for pattern in (_ADMIN_PREFIX, _ADMIN_SUFFIX):
        if (found := pattern.search(name)) is None:
            continue
        kind = "city" if found.group(1) else "region"
        inner = pattern.sub("", name)
        return [c for c in gaz.candidates(inner, minor=True) if c.kind == kind]
    return []


# "Coffeyville, KS", "Washington, D.C.", "Portland, Ore.": a US postal code after a town.
_POSTAL = re.compile(r"^,? (?:([A-Z])\.?([A-Z])\.?)(?![\w])")


def _postal_pairs(gaz: Gazetteer, mentions: Sequence[PlaceMention], text: str) -> set[int]:
    """A town followed by a US state's postal code is the town in that state; the code
    is seldom tagged as a place, so it is read from the text."""
    decided: set[int] = set()
    for i, m in enumerate(mentions):
        if m.label == "FAC" or (found := _POSTAL.match(text[m.end : m.end + 8])) is None:
            continue
        code = "US-" + found.group(1) + found.group(2)
        town = gaz.resolve_in(_norm(m.text), "US", code, minor=True)
        if town is not None and town.kind == "city":
            m.place = town
            decided.add(i)
    return decided


def _dateline(mentions: Sequence[PlaceMention], text: str) -> int | None:
    """The mention that is the article's dateline: a place opening one of the first
    lines, in capitals or before an agency, then a dash ("MOSCOW (AP) —", "IRVING,
    Texas (Reuters) -"), or before a wire date ("SAO PAULO 1997-01-05")."""
    from extractor.meta import _DATELINE_RE, _WIRE_DATELINE_RE

    for i, m in enumerate(mentions):
        if text.count("\n", 0, m.start) > MAX_DATELINE_LINE:
            break
        if m.start and text[m.start - 1] != "\n":
            continue
        end = text.find("\n", m.start)
        line = text[m.start : end if end >= 0 else len(text)]
        if _WIRE_DATELINE_RE.match(line):
            return i
        found = _DATELINE_RE.match(line)
        if (
            found
            and found.end("place") >= len(m.text)
            and (m.text.isupper() or found.group("agency"))
        ):
            return i
    return None


def _dateline_city(gaz: Gazetteer, name: str) -> Place | None:
    """A dateline names a city: "WASHINGTON" is the capital, "NEW YORK" the city (whose
    "New York" is a minor name: in a body it is as often the state)."""
    name = name.title() if name.isupper() else name
    return choose([c for c in gaz.candidates(name, minor=True) if c.kind == "city"])


def why_unlinked(name: str, context: Container[str], facility: bool = False) -> str:
    """Why a place name the article did not let us decide stayed unlinked, in words:
    the same evidence `choose` weighs, read back."""
    gaz = gazetteer()
    cands = gaz.candidates(_STATE_SUFFIX.sub("", _norm(name)), minor=True) or _unwrapped(
        gaz, _norm(name)
    )
    if facility and not any(c.kind == "feature" for c in cands):
        return "a facility or landmark the gazetteer does not list"
    if not cands:
        return "no place of that name in the gazetteer"
    inside = [c for c in cands if c.country_code in context]
    # As in `choose`: the article's countries decide unless all they hold is a hamlet
    # beside a bigger place elsewhere.
    pool = inside if any(not c.minor for c in inside) or all(c.minor for c in cands) else cands
    pool = pool or cands
    for cc in dict.fromkeys(c.country_code for c in pool):
        here = [c for c in pool if c.country_code == cc]
        if any(c.kind == "region" for c in here) and any(
            c.kind == "city" and not c.minor for c in here
        ):
            return f"city and {'state' if cc == 'US' else 'region'} both fit"
    if not inside and all(c.minor for c in cands):
        return (
            f"only small places of that name ({_where(cands)}), and the article names "
            "none of their countries"
        )
    major = [c for c in pool if not c.minor] or pool
    if len(major) == 1:
        return f"one place of that name ({_where(major)}), but it is not one of this kind"
    if len({c.country_code for c in major}) == 1:
        return f"several places of that name in {_where(major)}, none much bigger"
    return f"places of that name in {_where(major)}, and nothing in the article decides"


def _where(places: Sequence[Place]) -> str:
    codes = sorted({c.country_code or "?" for c in places})
    return ", ".join(codes[:4]) + (" ..." if len(codes) > 4 else "")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())
