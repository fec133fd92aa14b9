"""A country, or a town, named as a sports team is an organization.

Class of error fixed: match reports name national teams by their country ("Sweden
defeated South Korea 1 – 0", "Tunisia lost 1 – 2 to England"); the model, and our
gazetteer rules, call them places. Only in an article about sport (several sport words)
is a country a team, and only when the text shows it playing: a score right beside the
name, or two countries as subject and object of a sports verb. Every other mention of a
team country (or state: college sport) then is the team too, except after a place
preposition ("in Russia": the venue; "from Brazil": a club's home) or as a modifier ("US
team Cloud9": the country of another team), unless what it modifies is one of the team's
own people ("Panama coach", "England captain"). A score's number that the model glues onto
a name ("Sweden 1") is cut off. Clubs named after their town ("Sevilla beat Valencia
2-1", "DENVER 3 Boston 2") are found the same way, whatever the model called them, and
so is every club of a results table or of a list of results after a colon ("matches on
Wednesday: Arsenal 2 Liverpool 0, Chelsea 1 Coventry 1"), then at its other mentions
("Newcastle striker Alan Shearer").
Not a team: a player's country ("Hingis of Switzerland beat Davenport 6-2 6-3"), a wire
dateline ("NEW YORK 1996-08-31"); a player's name with set scores glued on is the
player.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.components.places import bare_name, dateline_runs, preceded_by
from extractor.doctext import doc_text
from extractor.gazetteer import gazetteer
from extractor.lexicon import given_names

# Inflected forms: the pipeline runs without the lemmatizer.
# fmt: off
SPORT_VERBS = {
    "beat", "beats", "beating", "defeat", "defeats", "defeated", "defeating", "draw",
    "draws", "drew", "drawn", "drawing", "face", "faces", "faced", "facing", "play",
    "plays", "played", "playing", "lose", "loses", "lost", "losing", "win", "wins", "won",
    "winning", "edge", "edged", "thrash", "thrashed", "overcame", "overcome", "eliminate",
    "eliminated", "knock", "knocked", "rout", "routed", "tie", "tied", "trounced",
    "hammered", "outplayed", "host", "hosted", "hosts", "meet", "met", "meets",
}
# fmt: on
# Words that make an article a sports report; one of them is not enough.
# fmt: off
SPORT_WORDS = {
    "match", "matches", "goal", "goals", "scored", "scoring", "striker", "goalkeeper",
    "midfielder", "defender", "tournament", "league", "championship", "cup", "penalty",
    "referee", "innings", "wicket", "wickets", "halftime", "half-time", "fixture",
    "qualifier", "semifinal", "semi-final", "quarterfinal", "quarter-final", "final",
    "squad", "coach", "captain", "stadium", "olympic", "olympics", "medal", "try", "tries",
    "inning", "touchdown", "touchdowns", "playoff", "playoffs", "scoreboard", "quarterback",
    "pitcher", "batsman", "bowler", "goalscorer", "hat-trick", "kickoff", "soccer",
    "football", "rugby", "cricket", "tennis", "basketball", "baseball", "hockey",
    "division", "standings",
}
# fmt: on
MIN_SPORT_WORDS = 3
SCORE = re.compile(r"^\d{1,3}\s*[-\u2013\u2014:]\s*\d{1,3}$")
DASHES = {"-", "\u2013", "\u2014", ":"}
TEAM_KINDS = ("country", "region")  # national teams; states in US college sport
# Labels of names, which a score can be glued onto.
NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
# What the model calls a club named after its town: a place, a person, an organization.
CLUB_LABELS = {"GPE", "PERSON", "ORG"}
# Nouns a team's name modifies as the team itself: its staff and players, not "team"
# ("US team Cloud9" is another team from that country).
# fmt: off
TEAM_PEOPLE = {
    "coach", "coaches", "captain", "manager", "boss", "skipper", "goalkeeper", "keeper",
    "striker", "forward", "midfielder", "defender", "winger", "player", "players", "squad",
    "fans", "supporters",
}
# fmt: on
# Prepositions before a venue; not "to" or "against" ("lost 1 – 2 to England").
VENUE = {"in", "at", "inside", "within", "across", "throughout", "near", "outside", "from"}


class Teams:
    def __init__(self, min_sport_words: int = MIN_SPORT_WORDS) -> None:
        self.min_sport_words = min_sport_words  # what makes an article a sports report

    def __call__(self, doc: Doc) -> Doc:
        if players := players_with_countries(doc):
            starts = {p.start for p in players}
            doc.ents = [e for e in doc.ents if e.start not in starts] + players
        if sum(t.lower_ in SPORT_WORDS for t in doc) < self.min_sport_words:
            _trim_scores(doc, players_only=True)  # a short tennis item is still sport
            return doc
        _trim_scores(doc)
        listed = _result_lines(doc)
        teams = self.find(doc, listed)
        if teams:
            doc.ents = [
                Span(doc, e.start, e.end, label="ORG") if e.start in teams else e for e in doc.ents
            ]
        return doc

    def find(self, doc: Doc, listed: frozenset[str] | set[str] = frozenset()) -> set[int]:
        """Start tokens of country mentions that are teams; `listed`: the clubs a results
        table or list names, teams wherever else they play a part."""
        surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        country = {
            e.start: (_country(e) if e.label_ == "GPE" else None) or _club_town(e, surnames)
            for e in doc.ents
        }
        countries = [e for e in doc.ents if country.get(e.start)]
        seeds = {
            country[e.start]
            for e in countries
            if _beside_score(e) or _plays_another(e, countries, country)
        } | listed
        # "Korea" after "South Korea": a short form of a team's name is that team.
        names = {e.text for e in countries if country[e.start] in seeds}
        short = [
            e
            for e in doc.ents
            if e.label_ == "GPE"
            and not country.get(e.start)
            and gazetteer().fuller(bare_name(e), names, TEAM_KINDS)
        ]
        # "NEW YORK 1996-08-31": a wire dateline is where the story was filed.
        datelines = {i for i, j in dateline_runs(doc) if not (doc[j].is_digit and len(doc[j]) <= 3)}
        opponents = _opponents_of_teams(
            doc, {e.start for e in countries if country[e.start] in seeds}
        )
        clubs = {e.start for e in doc.ents if _town_club(e)}
        return (opponents | clubs) - datelines | {
            e.start
            for e in countries + short
            if (country[e.start] in seeds or e in short)
            and not _venue(e)
            and not _players_country(e)
            and e.start not in datelines
            and (e.root.dep_ != "compound" or e.root.head.lower_ in TEAM_PEOPLE)
        }


# A result: a line of a table ("Hamburg 3 Bochum 0", "Bayern Munich 2 Hansa Rostock 0"),
# or one of a list after a colon ("matches on Wednesday: Arsenal 2 Liverpool 0, Chelsea 1
# Coventry 1.").
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
RESULT_LINE = re.compile(
    rf"(?:^|(?<=[:;,] ))(?P<a>{_NAME}) \d{{1,3}} (?P<b>{_NAME}) \d{{1,3}}"
    # the end of the result, or its scorers in brackets: "... 3 (Cantona 25, Irwin 58)."
    r"(?=[.,;]?$|[,;] | \()",
    re.M,
)
# A line of a standings table: a name and its row of counts ("Bayern Munich 3 2 1 0 7 3
# 7": played, won, drawn, lost, goals for and against, points).
STANDINGS_LINE = re.compile(rf"^(?P<a>{_NAME})(?: \d{{1,3}}){{4,9}}$", re.M)


def _result_lines(doc: Doc) -> set[str]:
    """In a results or standings table each name is a team, whatever the model called it
    (a town, a person) or missed ("Schalke"). Returns the names, folded, as `_club_town` reads a
    club's town."""
    found = []
    text = doc_text(doc)
    tails = []  # (start, end) of what follows a result on its line
    for m in (*RESULT_LINE.finditer(text), *STANDINGS_LINE.finditer(text)):
        for side in m.re.groupindex:
            span = doc.char_span(m.start(side), m.end(side), label="ORG")
            if span is not None:
                found.append(span)
        end_of_line = text.find("\n", m.end())
        tails.append((m.end(), len(text) if end_of_line < 0 else end_of_line))
    if found:
        taken = {i for s in found for i in range(s.start, s.end)}
        doc.ents = sorted(
            [
                e
                for e in doc.ents
                if not taken & set(range(e.start, e.end)) and not _table_label(e, text, tails)
            ]
            + found,
            key=lambda e: e.start,
        )
    return {bare_name(s).casefold() for s in found}


def _table_label(ent: Span, text: str, tails: list[tuple[int, int]]) -> bool:
    """ "... Beckham 89). Halftime 0-1. Attendance 25,786.": after a result on its line,
    outside the scorers' brackets, a word before a number is the summary's label."""
    for start, end in tails:
        if start <= ent.start_char < end:
            before = text[start : ent.start_char]
            if before.count("(") > before.count(")"):
                return False  # a scorer: "(Cantona 25, Irwin 58)"
            doc = ent.doc
            follows = doc[ent.end] if ent.end < len(doc) else None
            return any(t.like_num for t in ent) or (
                follows is not None and (follows.like_num or SCORE.match(follows.text) is not None)
            )
    return False


def _trim_scores(doc: Doc, *, players_only: bool = False) -> None:
    """ "Sweden 1 – 0 Korea Republic": the model glues a score's number onto a name.
    Outside a sports report only onto a person's name ("Lindsay Davenport 6-2 6-3"):
    elsewhere "Boeing 747-400" is no score."""
    ents = []
    for e in doc.ents:
        start, end = e.start, e.end
        if e.label_ not in NAMED or players_only and doc[start].text not in given_names():
            ents.append(e)  # "1996-08-31": a date's digits are no score
            continue
        while True:  # "Lindsay Davenport 6-2 6-3": a set score each
            if end - start > 1 and (
                SCORE.match(doc[end - 1].text)
                or (doc[end - 1].is_digit and _is_score(doc[end - 1 : end + 2], True))
            ):
                end -= 1  # "Sweden 1 - 0 Korea", "Valencia 2-1"
            elif end - start > 3 and _is_score(doc[end - 3 : end], True):
                end -= 3  # "Valencia 2 - 1", a score the tokenizer split
            else:
                break
        if (
            end - start > 1
            and start >= 2
            and doc[start].is_digit
            and _is_score(doc[start - 2 : start + 1], True)
        ):
            start += 1
        if (start, end) == (e.start, e.end):
            ents.append(e)
            continue
        span = Span(doc, start, end, label=e.label_)
        if _country(span):
            span = Span(doc, start, end, label="GPE")
        elif end - start in (2, 3) and doc[start].text in given_names():
            span = Span(doc, start, end, label="PERSON")  # a player: "Lindsay Davenport 6-2"
        ents.append(span)
    doc.ents = ents


def _country(ent: Span) -> str | None:
    """The country (or region: "Texas" in college sport) a name denotes, else None."""
    place = gazetteer().resolve(bare_name(ent))
    return place.name if place and place.kind in TEAM_KINDS else None


def _club_town(ent: Span, surnames: set[str]) -> str | None:
    """The town a club is named after ("Sevilla beat Valencia 2-1", "DENVER 3 Boston
    2"), whatever the model called it, but not a surname of the article's people."""
    if ent.label_ not in CLUB_LABELS or ent.text in surnames:
        return None
    name = bare_name(ent)
    if any(p.kind == "city" for p in gazetteer().candidates(name)):
        return name.casefold()
    return None


# Last words of clubs named after their town ("Manchester City", "Ipswich Town", "Derby
# County", "Nottingham Forest"), which the model calls the town or a person.
# fmt: off
CLUB_ENDS = {
    "City", "Town", "County", "Forest", "Villa", "Wednesday", "Argyle", "Orient",
    "Rangers", "Celtic", "Athletic", "United", "Rovers", "Wanderers", "Albion", "Hotspur",
}
# fmt: on


def _town_club(ent: Span) -> bool:
    """In a sports report, "Manchester City" (GPE) and "Nottingham Forest" (PERSON): a
    town and a club's last word, where the index has no place of the whole name
    ("Mexico City", "Cape Town" are places)."""
    if ent.label_ not in ("GPE", "PERSON", "FAC", "LOC") or len(ent) < 2:
        return False
    if ent[-1].text not in CLUB_ENDS or gazetteer().candidates(bare_name(ent), minor=True):
        return False
    town = ent.doc[ent.start : ent.end - 1].text
    return any(p.kind == "city" for p in gazetteer().candidates(town))


def _opponents_of_teams(doc: Doc, team_starts: set[int]) -> set[int]:
    """ "Liverpool thrashed Tottenham Hotspur 6-3", "Chelsea drew 0-0 with Everton": the
    other side of a sports verb whose one side is a team (an organization the model
    found, or a national team) is a team too, whatever the model called it; teams play
    teams and players players ("Seles beat Graf" has no team)."""
    sides: dict[int, list[Span]] = {}
    for e in doc.ents:
        root = e.root
        # Only the verb's two sides: its subject, its object, or the object of "with",
        # "to", "against" on it ("drew with Everton", "lost to Chelsea").
        side = root.dep_ in ("nsubj", "dobj") or (
            root.dep_ == "pobj" and root.head.lower_ in ("with", "to", "against")
        )
        if (
            side
            and e.label_ in ("ORG", "PERSON", "GPE", "LOC", "FAC")
            and (verb := _sport_verb(root))
            and not _venue(e)
            and not _players_country(e)
        ):
            sides.setdefault(verb.i, []).append(e)
    found = set()
    for ents in sides.values():
        if any(_with_country(e) for e in ents):
            continue  # "Seles (U.S.) beat Miyagi (Japan)": players, with their countries
        if len(ents) == 2 and any(e.label_ == "ORG" or e.start in team_starts for e in ents):
            found |= {e.start for e in ents if e.label_ != "ORG"}
    return found


def _with_country(ent: Span) -> bool:
    """A name with a country in brackets after it: a player in an individual sport."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
        return False
    close = next((t.i for t in doc[ent.end : ent.end + 6] if t.text == ")"), None)
    place = gazetteer().resolve(doc[ent.end + 1 : close].text) if close else None
    return place is not None and place.kind == "country"


def players_with_countries(doc: Doc) -> list[Span]:
    """ "Monica Seles (U.S.) beat Nana Miyagi (Japan) 6-0 6-1" (Miyagi ORG): in a line of
    results where a person with a country in brackets plays a name with one, that name
    is a person too."""
    people_lines = {e.sent.start for e in doc.ents if e.label_ == "PERSON" and _with_country(e)}
    return [
        Span(doc, e.start, e.end, label="PERSON")
        for e in doc.ents
        if e.label_ in ("ORG", "GPE", "LOC", "FAC")
        and e.sent.start in people_lines
        and len(e) > 1
        and all(t.is_title for t in e)
        and e[-1].text not in CLUB_ENDS
        and _with_country(e)
    ]


def _players_country(ent: Span) -> bool:
    """ "Monica Seles (U.S.) beat Steffi Graf (Germany)": a country in brackets after a
    player's name is the player's, not a team."""
    doc = ent.doc
    return (
        ent.start >= 2
        and doc[ent.start - 1].text == "("
        and doc[ent.start - 2].ent_type_ == "PERSON"
        and ent.end < len(doc)
        and doc[ent.end].text == ")"
    )


def _beside_score(ent: Span) -> bool:
    """ "Sweden 1 – 0 Korea Republic", "defeated South Korea 1 – 0"."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 3]
    before = doc[max(ent.start - 3, 0) : ent.start]
    return _is_score(after, first=True) or _is_score(before, first=False)


def _is_score(toks: Span, first: bool) -> bool:
    if not len(toks):
        return False
    one = toks[0] if first else toks[-1]
    if SCORE.match(one.text):
        return True
    if len(toks) < 3:
        return False
    a, dash, b = toks[0], toks[1], toks[2]
    # Scores have at most three digits a side: "1996-12-07" in a dateline is no score.
    return dash.text in DASHES and a.is_digit and b.is_digit and len(a) <= 3 and len(b) <= 3


def _plays_another(ent: Span, countries: list[Span], country: dict[int, str | None]) -> bool:
    """Subject or object of a sports verb whose other side is another country."""
    verb = _sport_verb(ent.root)
    if verb is None:
        return False
    for other in countries:
        theirs = _sport_verb(other.root)
        if theirs is not None and theirs.i == verb.i and country[other.start] != country[ent.start]:
            return True
    return False


def _sport_verb(tok: Token) -> Token | None:
    """The sports verb a name depends on, through at most one noun or preposition."""
    for _ in range(3):
        if tok.dep_ == "ROOT" and tok.lower_ not in SPORT_VERBS:
            return None
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in ("of", "from")
            and tok.head.head.ent_type_ == "PERSON"
        ):
            return None  # "Hingis of Switzerland beat ...": the player's country
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or tok.lower_ in SPORT_VERBS:
            return tok if tok.lower_ in SPORT_VERBS else None
    return None


def _venue(ent: Span) -> bool:
    return preceded_by(ent.doc, ent.start, VENUE)


@Language.factory(
    "extractor_teams",
    assigns=["doc.ents"],
    requires=["token.dep"],
    default_config={"min_sport_words": MIN_SPORT_WORDS},
)
def make_teams(nlp: Language, name: str, min_sport_words: int) -> Teams:
    return Teams(min_sport_words)
