"""Headline, published date and body start from an article's first lines.

Runs before spaCy on every article, so it is plain regex over the first few non-empty
lines. It prefers to say nothing: a wrong title would be shown to users and would boost
the salience of whatever it contains, while a missing one costs little.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto

from extractor.lexicon import MONTH_NAMES, MONTHS, WEEKDAY_FORMS

__all__ = ["Header", "detect", "parse_date"]

# How many non-empty lines may form the header; news headers are short.
MAX_HEADER_LINES = 15
MAX_HEADER_LINE_CHARS = 300  # longer lines are body text
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
# Chrome words ("subscribe", "cookies") also occur in body text; only short lines are chrome.
MAX_CHROME_CHARS = 120
WRAP_FILL = 0.75  # a hard-wrapped line fills at least this share of its paragraph's width


@dataclass(frozen=True)
class Header:
    """What the first lines say about the article.

    `title_start`/`title_end` slice `title` out of the text (for salience); `body_start`
    is where the article proper begins, after chrome, date lines, byline and headline
    (0 when no header was recognised).
    """

    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    title_start: int | None = None
    title_end: int | None = None
    body_start: int = 0
    authors: tuple[str, ...] = ()  # from a byline ("By Jane Doe and John Roe, Reuters")


# --- dates -------------------------------------------------------------------------

_MONTH = rf"(?:{MONTH_NAMES})\.?"
_WEEKDAY = rf"(?:{WEEKDAY_FORMS})\.?"
_YEAR = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"

# Four layouts, each with its own groups: ISO (year first), all-numeric with the year
# last (num_a/num_b are day and month in either order), month-name first, day first.
_DATE_RE = re.compile(
    rf"""
    \b(?:
        (?P<iso_y>{_YEAR})(?P<sep>[-/.])(?P<iso_m>\d{{1,2}})(?P=sep)(?P<iso_d>\d{{1,2}})
            (?:T\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
      | (?P<num_a>\d{{1,2}})(?P<sep2>[-/.])(?P<num_b>\d{{1,2}})(?P=sep2)(?P<num_y>{_YEAR})
      | (?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}}){_ORD},?\s+(?P<mdy_y>{_YEAR})
      | (?P<dmy_d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>{_YEAR})
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


def _to_iso(year: int, month: int, day: int) -> str | None:
    """Calendar check through `datetime`: 2016-02-30 is not a date."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _match_to_iso(m: re.Match[str], day_first: bool) -> str | None:
    if m["iso_y"]:
        return _to_iso(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if m["num_y"]:
        a, b = int(m["num_a"]), int(m["num_b"])
        # The values decide when they can (27/07 can only be day-first); otherwise the
        # caller's convention does.
        if a > 12 >= b or (day_first and b <= 12):
            a, b = b, a
        return _to_iso(int(m["num_y"]), a, b)
    if m["mdy_y"]:
        return _to_iso(int(m["mdy_y"]), _month_number(m["mdy_m"]), int(m["mdy_d"]))
    return _to_iso(int(m["dmy_y"]), _month_number(m["dmy_m"]), int(m["dmy_d"]))


def _find_date(line: str, day_first: bool) -> tuple[str, re.Match[str]] | None:
    for m in _DATE_RE.finditer(line):
        iso = _match_to_iso(m, day_first)
        if iso:
            return iso, m
    return None


def parse_date(text: str, *, day_first: bool = False) -> str | None:
    """ISO date of the first complete, valid calendar date in `text` (None if none).

    Only dates with a four-digit year count: a bare "July 27" or "7/27/16" would need a
    guessed year. All-numeric dates are month-first ("03/04/2016" is 4 March) unless
    `day_first`; when one number is over 12 the order is unambiguous either way.
    """
    found = _find_date(text, day_first)
    return found[0] if found else None


# --- line classes --------------------------------------------------------------------


class _Kind(Enum):
    CHROME = auto()  # site furniture: consumed, never a title
    DATE = auto()  # a line that is (essentially) a date
    BYLINE = auto()  # "By Jane Doe"
    CANDIDATE = auto()  # could be the headline
    BODY = auto()  # article text: the header ends here


_CHROME_RE = re.compile(
    r"""
    \b(?:get\ the\ latest|subscribe|sign\ (?:in|up)|log\ ?in|cookies?|newsletter
      |advertisement|skip\ to|share\ (?:this|on)|follow\ us|read\ more|privacy\ policy
      |terms\ of\ (?:use|service)|all\ rights\ reserved|your\ browser|javascript
      |download\ (?:the|our)\ app|click\ here|you\ are\ here|breadcrumb|main\ menu
      |listen\ to\ this\ article|min(?:ute)?s?\ read)\b
    | ©
    | ^\d+\ (?:second|minute|hour|day|week)s?\ ago\b
    | ^(?:(?:first|last)\ )?(?:published|posted|updated|modified)\b  # a date we cannot read
    | ^(?:photo|image|picture|video|credit|source)s?\ ?:
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NON_SPACE_RE = re.compile(r"\S")
_NAV_SEPARATORS = re.compile(r"\s[|•·›»>]\s")

_KEYWORDS_RE = re.compile(
    r"\b(?:first\s+|last\s+)?(?:published|posted|updated|modified|date[ds]?)\b(?:\s+on)?",
    re.IGNORECASE,
)
_UPDATED_RE = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?"
    r"|\b(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
    r"|\b(?:[ECMP][SD]?T|BST|CES?T|EES?T|IST|JST|MSK|AE[SD]T|Z)\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(rf"\b{_WEEKDAY}(?!\w)", re.IGNORECASE)
_FILLER_RE = re.compile(r"\b(?:at|on)\b", re.IGNORECASE)

_BYLINE_RE = re.compile(
    r"^(?:[Ww]ritten\s+)?(?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|\||and|&|-|—).*)?$"
)

# "MOSCOW (AP) —", "IRVING, Texas (Reuters) -", "LONDON, July 27, 2016 /PRNewswire/ --".
_DATELINE_RE = re.compile(
    r"""^(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})
        (?P<rest>,[^()—–\n]{1,40}?)?
        \s*(?P<agency>\([^()]{1,40}\)|/[^/]{1,40}/)?
        # A hyphen glued to the word before is a wire slug's ("GLOBAL MARKETS-Asian
        # shares slip"), not a dateline's dash.
        (?:\s*(?:—|–|--)|\s+-|(?<=[)/])-)\s*\S""",
    re.VERBOSE,
)

# A wire service's dateline on a line of its own, the place in capitals and then the
# date: "SAO PAULO 1997-01-05", "PERTH, Australia 1997-03-02".
_WIRE_DATELINE_RE = re.compile(
    rf"^[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){{0,3}}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?"
    rf"\s+{_YEAR}-\d{{2}}-\d{{2}}$"
)

# Words a headline does not end on but a hard-wrapped line often does.
_DANGLING_WORDS = frozenset(
    "a an the of and or but to for with from that which whose its their his her our your "
    "is are was were".split()
)
_NARRATIVE_RE = re.compile(r"\b(?:was|were|had)\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr inc corp co ltd plc gen gov sen rep no vs etc jan feb mar "
    "apr jun jul aug sep sept oct nov dec".split()
)
# A sentence end inside the line: ". Next" (not after an abbreviation or an initial).
_SENTENCE_BREAK_RE = re.compile(r"(\S+)[.!?][\"'”’)]*\s+[\"“‘(]?[A-Z0-9]")


def _is_abbreviation(token: str) -> bool:
    core = token.lstrip("\"'“‘(").rstrip(".")
    return (
        core.lower() in _ABBREVIATIONS
        or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", core) is not None  # U.S, J, e.g
    )


def _is_title_case(line: str) -> bool:
    """Most words of four letters or more capitalised ("Army Steps Up Watch Of ...")."""
    words = [w for w in _WORD_RE.findall(line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _is_dateline(line: str) -> bool:
    m = _DATELINE_RE.match(line)
    if not m:
        return False
    place = m["place"]
    return bool(m["agency"]) or (place.upper() == place and sum(c.isalpha() for c in place) > 1)


def _dateline_date(line: str, day_first: bool) -> str | None:
    """A full date in the dateline itself ("LONDON, July 27, 2016 (Reuters) -"), not after it."""
    head = re.split(r"—|–|--|\s-\s", line, maxsplit=1)[0]
    return parse_date(head, day_first=day_first)


def _stated_date(line: str, day_first: bool) -> tuple[str | None, bool]:
    """First valid date in a header line, and whether an "Updated" keyword introduces it.

    In "Published: 2016-07-26 | Updated: 2016-07-27" the keyword before the date counts.
    """
    found = _find_date(line, day_first)
    if not found:
        return None, False
    iso, m = found
    keywords = _KEYWORDS_RE.findall(line[: m.start()])
    return iso, bool(keywords and _UPDATED_RE.search(keywords[-1]))


def _is_date_line(line: str) -> bool:
    """True when the line says nothing but dates (with times, weekdays, "Updated:"...)."""
    residue = line
    for pattern in (_DATE_RE, _KEYWORDS_RE, _TIME_RE, _WEEKDAY_RE, _FILLER_RE):
        residue = pattern.sub(" ", residue)
    return not any(c.isalnum() for c in residue)


def _looks_like_headline(line: str) -> bool:
    """A short line that is not a sentence of body text.

    Headlines are sentence-case on many sites (Wikinews), so title case is not required;
    what rules a line out is what body text has: a final period, a sentence break, a
    lower-case start, or length.
    """
    if line.isupper() and line.endswith(" ."):
        line = line[:-2]  # a wire headline in capitals, tokenized: "JAPAN GET LUCKY WIN ."
    words = line.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS:
        return False
    first = line.lstrip("\"'“‘`(")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    if re.search(r"[.,;:!—-]$|[.!?]\s*[\"'”’`]+$", line):
        return False  # ends like a sentence, or is a quoted utterance
    title_case = _is_title_case(line)
    if line.endswith("?") and not title_case:
        return False  # "Is global growth really that strong?" opens many a feature
    if not title_case and _NARRATIVE_RE.search(line):
        return False  # headlines are written in the present: "was"/"had" is body or caption
    if words[-1].lower() in _DANGLING_WORDS:
        return False  # "... reinforcing its" goes on in the next line
    for m in _SENTENCE_BREAK_RE.finditer(line):
        if not _is_abbreviation(m.group(1)):
            return False
    return True


def _classify(line: str, day_first: bool) -> tuple[_Kind, str | None, bool]:
    """Kind of one stripped line, the date it gives, and whether that date is an update."""
    if len(line) > MAX_HEADER_LINE_CHARS:
        # Only body text is this long; skip the costly tests but keep a dateline's date.
        head = line[:MAX_HEADER_LINE_CHARS]
        return _Kind.BODY, (_dateline_date(head, day_first) if _is_dateline(head) else None), False
    if _DATE_RE.search(line) and _is_date_line(line):
        # An invalid date ("February 30, 2016") still makes a date line, without a date.
        return _Kind.DATE, *_stated_date(line, day_first)
    # "SOCCER - JAPAN GET LUCKY WIN ." is a wire headline, not "CITY - story": a
    # dateline's story goes on in lower case.
    if _is_dateline(line) and not line.isupper():
        return _Kind.BODY, _dateline_date(line, day_first), False
    if _WIRE_DATELINE_RE.match(line):
        return _Kind.DATE, *_stated_date(line, day_first)
    if _BYLINE_RE.match(line) and not line.endswith("."):
        return _Kind.BYLINE, *_stated_date(line, day_first)
    if len(line) <= MAX_CHROME_CHARS and (
        _CHROME_RE.search(line) or len(_NAV_SEPARATORS.findall(line)) >= 2
    ):
        return _Kind.CHROME, None, False
    if len(line.split()) == 1 and not line.endswith((".", "!", "?", '"', "”")):
        return _Kind.CHROME, None, False  # "Home", "Politics", "Advertisement"
    if _looks_like_headline(line):
        return _Kind.CANDIDATE, None, False
    return _Kind.BODY, None, False


def _wrapped(text: str, start: int) -> bool:
    """Whether the line at `start` is filled to the width of the lines under it.

    A hard-wrapped paragraph's lines are all about as long as the longest; a headline
    over an unwrapped paragraph is much shorter than the paragraph's line.
    """
    block = []
    for raw in text[start : start + 6 * MAX_HEADER_LINE_CHARS].split("\n")[:6]:
        if not raw.strip():
            break
        block.append(len(raw.strip()))
    return len(block) > 1 and block[0] >= WRAP_FILL * max(block)


def _lines(text: str) -> Iterator[tuple[int, int, int, str]]:
    """(line number, start, end, stripped line) of each non-empty line; offsets in `text`.

    Lazy, so a long article is not split whole for a look at its first lines.
    """
    start, number = 0, 0
    while start <= len(text):
        newline = text.find("\n", start)
        stop = len(text) if newline < 0 else newline
        raw = text[start:stop]
        stripped = raw.strip()
        if stripped:
            first = start + len(raw) - len(raw.lstrip())
            yield number, first, first + len(stripped), stripped
        start, number = stop + 1, number + 1


def detect(text: str, *, day_first: bool = False) -> Header:
    """Headline, published date and body offset from the first lines of `text`.

    Lines are read from the top until the first body line (at most `MAX_HEADER_LINES`).
    Chrome, date lines and bylines are skipped; of the headline-like lines before the
    body, the first with three or more words wins (else the first). If no body line
    follows, there is no headline to speak of: title is None. `published` is the first
    "Published"/plain date line, else the first "Updated" one, else a full date in a
    "CITY (AP) —" dateline. `day_first` reads "03/04/2016" as 3 April (default 4 March).
    """
    dates: list[tuple[str, bool]] = []  # (iso, is_update), in line order
    authors: tuple[str, ...] = ()
    candidates: list[tuple[int, int, int, str]] = []  # (line number, start, end, line)
    body_line: int | None = None
    lead_end = 0  # end of the leading run of chrome/date/byline lines

    lines = _lines(text)
    following = next(lines, None)
    for _ in range(MAX_HEADER_LINES):
        if following is None:
            break
        number, start, end, line = following
        following = next(lines, None)
        kind, iso, is_update = _classify(line, day_first)
        if (
            kind is _Kind.BODY
            and line.endswith(".")
            and following is not None
            and _WIRE_DATELINE_RE.match(following[3])
            and _looks_like_headline(line[:-1].rstrip())
        ):
            # A wire headline over its dateline keeps its full stop: "RUSSIA'S LEBED SAYS
            # PEACE DEAL HOLDS.", and tokenized "EU rejects call to boycott lamb ."
            kind = _Kind.CANDIDATE
        if iso:
            dates.append((iso, is_update))
        if kind is _Kind.BYLINE and not authors:
            authors = byline_authors(line)
        if kind is _Kind.BODY:
            body_line = start
            # Hard-wrapped text: candidates right above the body line (no blank line
            # between) that it continues are the paragraph's first lines, not a headline.
            while candidates and candidates[-1][0] == number - 1:
                previous = candidates[-1]
                if not (line[0].islower() or _wrapped(text, previous[1])):
                    break
                number, body_line = candidates.pop()[:2]
            break
        if kind is _Kind.CANDIDATE:
            candidates.append((number, start, end, line))
        elif not candidates:
            lead_end = end

    published = next((d for d, upd in dates if not upd), None) or next((d for d, _ in dates), None)
    if body_line is None:
        # Nothing but short lines: a headline needs a body under it, so no title.
        return Header(
            published=published,
            body_start=_skip_space(text, lead_end) if lead_end else 0,
            authors=authors,
        )
    if not candidates:
        return Header(published=published, body_start=body_line if lead_end else 0, authors=authors)
    long_ones = [c for c in candidates if len(c[3].split()) >= 3]
    _, start, end, title = (long_ones or candidates)[0]
    return Header(
        title=title,
        published=published,
        title_start=start,
        title_end=end,
        body_start=body_line,
        authors=authors,
    )


# What follows the names in a byline: a role, a desk or an agency ("By Jane Doe, Staff
# Writer", "By Jane Doe | Reuters", "BY JANE DOE - AP").
_BYLINE_TAIL = re.compile(r"\s*(?:,|\||\s[-—–]\s).*$")
_BYLINE_HEAD = re.compile(r"^(?:[Ww]ritten\s+)?(?:By|BY)\s+")
_AUTHOR = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}")
# Words of a byline that names no person ("By Staff Reports", "By Wire Services").
# fmt: off
_NOT_NAMES = frozenset({
    "staff", "reports", "report", "reporter", "reporters", "writer", "writers", "editor",
    "editors", "desk", "correspondent", "correspondents", "news", "wire", "wires",
    "service", "services", "agency", "agencies", "press",
})
# fmt: on


def byline_authors(line: str) -> tuple[str, ...]:
    """The names a byline gives: "By Jane Doe and John Roe, Staff Writers" -> ("Jane Doe",
    "John Roe"); a byline in capitals gives them in title case."""
    names = _BYLINE_TAIL.sub("", _BYLINE_HEAD.sub("", line.strip()))
    out = []
    for name in re.split(r"\s+(?:and|AND|&)\s+", names):
        name = name.strip()
        words = name.lower().split()
        if not _AUTHOR.fullmatch(name) or len(words) < 2 or _NOT_NAMES.intersection(words):
            return ()  # "By Reuters", "By Staff Reports": no names; say nothing
        out.append(name.title() if name.isupper() else name)
    return tuple(out)


def _skip_space(text: str, offset: int) -> int:
    """Offset of the first non-space character at or after `offset` (len(text) if none)."""
    m = _NON_SPACE_RE.search(text, offset)
    return m.start() if m else len(text)
