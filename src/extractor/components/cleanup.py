"""Trim entity spans to the name itself.

Classes of error fixed (the model includes material around names):
- a leading determiner: "the Security Council" -> "Security Council" (a capitalized
  "The" inside a sentence is part of the name: "The Associated Press", "The Hague");
- a trailing possessive: "Masoud's" -> "Masoud" (not in a place whose own name ends
  so: "St. John's");
- a plural name after "the" that the model calls a person ("the Beatles", "the Rolling
  Stones"): a band or a team, an organization (a person's name takes no article); a
  one-word "person" after "the" ("around the Moon", "the Louvre") is no person at all;
- a caption label glued to the name before it ("student Ahmed Mohamed Image: Twitter"):
  web pages put "Image:", "Photo:" credits right after the caption text;
- punctuation at either edge, an unclosed bracket and what follows it ("World Health
  Organisation (WHO"), and a span that runs across a line break (headline glued to the
  next line);
- titles and honorifics inside a person's name: "President Vladimir Putin" ->
  "Vladimir Putin", with "President" kept on `doc._.titles` for the roles component;
- a role that only people hold, before a name the model calls an organization or a
  place ("Spokeswoman Sandy Angers" ORG): the name is a person's, and the role a title;
- a kind of body capitalized without a name ("the Government said", "Police said"),
  which is no organization's name;
- a "name" with no capitalized word left, which is no name; an "organization" made of
  role words only ("Home" and "Shadow Home" of "Shadow Home Secretary", "Defense"),
  which is part of a title (an untagged name right after it is the person with that
  title: "CFO Margherita Della Valle", where the model tags "CFO" alone), and so is a
  "place" of role words the gazetteer does not
  know ("the Sheriff's detective"); a "place" whose every word holds a digit
  ("KC-30s"), which is a model designator;
- a "place" named in a picture credit ("Image: Friedrichstrasse"): a credit names who
  made the picture, so a name the gazetteer does not know there is an organization.
Figures and dates are left to their own normalizers.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.gazetteer import gazetteer
from extractor.labels import NAME_LABELS, PLACE_LABELS
from extractor.lexicon import entries, given_names
from extractor.namewords import FACILITIES, ORG_HEADS

DETERMINERS = {"the", "a", "an"}
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
# Roles no organization or place name starts with (unlike "General", "Major", "Home").
# fmt: off
PERSONAL_ROLES = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr.", "spokesman", "spokeswoman",
    "spokesperson", "senator", "sen.", "congressman", "congresswoman", "chairman",
    "chairwoman", "ceo", "cfo", "president", "mayor", "governor", "judge", "detective",
    "actor", "actress", "singer", "rapper", "novelist", "reporter", "correspondent",
    "striker", "goalkeeper", "midfielder", "defender", "coach",
}
# fmt: on
# fmt: off
# Kinds of body a writer capitalizes without naming one ("the Government", "the
# Administration", "Police said", "the Group's revenue"); not "Congress" or
# "Parliament", which name one.
GENERIC_BODIES = {"government", "administration", "police", "group"}
CAPTION_LABELS = {
    "image", "images", "photo", "photos", "picture", "video", "credit", "source", "file",
    "caption", "graphic",
}
# fmt: on
# Words that end an institution's or a building's name, not a person's ("Judge Business
# School"): the namewords lists, and the building words org_heads leaves to the model.
_ORG_ENDS = ORG_HEADS | FACILITIES | {"house", "hotel", "center", "centre", "hall", "fund"}

if not Doc.has_extension("titles"):
    # (start_char, end_char) of a PERSON span -> titles found for that mention.
    Doc.set_extension("titles", default=None)


@lru_cache(maxsize=1)
def title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(title words, honorifics) from data/titles.txt."""
    titles, honorifics = set(), set()
    for entry in entries("titles.txt"):
        word = entry.lower()
        if word.startswith("*"):
            honorifics.add(word[1:])
        else:
            titles.add(word)
    return frozenset(titles | honorifics), frozenset(honorifics)


def person_titles(doc: Doc) -> dict[tuple[int, int], list[str]]:
    if doc._.titles is None:
        doc._.titles = {}
    return doc._.titles


class Cleanup:
    def __call__(self, doc: Doc) -> Doc:
        found = [self.trim(span) for span in doc.ents]
        # "Prime Minister of India Narendra Modi": the place the title is of stays a place.
        found += [
            (Span(doc, e.start, e.start + 1, label="GPE"), None)
            for e in doc.ents
            if _portfolio_then_name(doc, e.start, e.end)
            and gazetteer().candidates(doc[e.start].text)
        ]
        self.set_annotations(doc, found)
        return doc

    def trim(self, span: Span) -> tuple[Span | None, str | None]:
        """The trimmed span (None to drop it) and a title taken out of a person's name."""
        if span.label_ not in NAME_LABELS:
            return span, None
        doc = span.doc
        start, end = span.start, span.end
        if _wire_slug(span) or _portfolio_before_title(span) or _speaker_initials(span):
            return None, None
        start, end = _one_line(doc, start, end)
        end = _before_open_bracket(doc, start, end)
        while start < end and (
            doc[start].is_punct or doc[start].is_space or _is_determiner(doc[start])
        ):
            start += 1
        if (
            span.label_ in PLACE_LABELS
            and end - start > 2
            and doc[start].text in ("D", "R", "I")
            and doc[start + 1].text == "-"
        ):
            start += 2  # "Sen. Patty Murray, D-Wash.": the party is no part of the state
        if (
            end - start > 1
            and doc[end - 1].lower_ in CAPTION_LABELS
            and end < len(doc)
            and doc[end].text == ":"
        ):
            end -= 1
        while start < end and (
            doc[end - 1].is_punct
            or doc[end - 1].is_space
            or doc[end - 1].text in POSSESSIVE
            # "Philips Electronics NV of the Netherlands": the model stops after "of".
            or doc[end - 1].text in ("of", "for", "and", "the")
        ):
            if span.label_ in PLACE_LABELS and _named_with_s(doc[start:end]):
                break  # "St. John's", whose "'s" is part of the name
            if span.label_ == "ORG" and _org_named_with_s(doc[start:end]):
                break  # "Moody's" beside "Moody's Investors Service"
            end -= 1
        if start >= end:
            return None, None  # punctuation only: "‚" tagged PERSON at the end of a text
        title = None
        label = span.label_
        if label != "PERSON" and _role_then_name(doc, start, end):
            label = "PERSON"
        elif _portfolio_then_name(doc, start, end):
            # "Deputy Minister of Health Olusegun Bakare" (ORG "Health Olusegun Bakare"):
            # the portfolio's word belongs to the title, the rest is the person.
            start, label = start + 1, "PERSON"
        elif label == "PERSON" and _the_plural(doc, start, end):
            label = "ORG"
        if label == "PERSON":
            start, title = _strip_titles(doc, start, end)
        if start >= end or not any(t.text[:1].isupper() for t in doc[start:end]):
            return None, None
        words, _ = title_words()
        name = doc[start:end]
        roles_only = all(t.lower_ in words for t in name)
        if label == "ORG" and end - start == 1 and doc[start].lower_ in GENERIC_BODIES:
            return None, None  # "the Government said": the kind of body, no name
        if roles_only and label == "ORG":
            person = _untagged_name_after(doc, end)
            if person is not None:  # "CFO Margherita Della Valle": "CFO" ORG, name untagged
                return person, name.text
            return None, None  # "Shadow Home"
        if (
            label in PLACE_LABELS
            and (roles_only or _credited(doc, start))
            and gazetteer().resolve(name.text) is None
        ):
            if roles_only:
                return None, None  # "the Sheriff's detective"
            label = "ORG"  # "Image: Friedrichstrasse": who made the picture, not where
        if label in PLACE_LABELS and all(any(c.isdigit() for c in t.text) for t in doc[start:end]):
            return None, None
        if (
            label == "PERSON"
            and end - start == 1
            and start > 0
            and doc[start - 1].lower_ == "the"
            and not (end < len(doc) and doc[end].pos_ == "NOUN")  # "the Jones family"
        ):
            return None, None  # "around the Moon": a person's name takes no article
        return Span(doc, start, end, label=label), title

    def set_annotations(self, doc: Doc, found: list[tuple[Span | None, str | None]]) -> None:
        titles = person_titles(doc)
        spans = [s for s, _ in found if s is not None]
        for span, title in found:
            if span is not None and title:
                titles.setdefault((span.start_char, span.end_char), []).append(title)
        doc.ents = filter_spans(spans)


def _credited(doc: Doc, start: int) -> bool:
    """Is the name right after a caption label's colon ("Image: Nick Moreau")?"""
    return start >= 2 and doc[start - 1].text == ":" and doc[start - 2].lower_ in CAPTION_LABELS


def _is_determiner(tok) -> bool:
    # "The" capitalized mid-sentence belongs to the name ("The Associated Press"); at a
    # line's start it opens a sentence, even where the parser ran the line before (a
    # dateline) into it.
    return tok.lower_ in DETERMINERS and (tok.is_lower or tok.is_sent_start or _line_start(tok))


def _line_start(tok) -> bool:
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is None or "\n" in before.text + before.whitespace_


def _before_open_bracket(doc: Doc, start: int, end: int) -> int:
    """Cut "World Health Organisation (WHO" before its unclosed bracket: the acronym that
    follows is a mention of its own. Likewise "PS) party" (from "Progressive Slovakia
    (PS) party") before a bracket it did not open: the acronym is the name."""
    texts = [t.text for t in doc[start:end]]
    if "(" in texts and ")" not in texts:
        return start + texts.index("(")
    if ")" in texts and "(" not in texts and texts.index(")") > 0:
        return start + texts.index(")")
    return end


def _portfolio_before_title(span: Span) -> bool:
    """ "Labour Minister Jeannette Jara" (ORG "Labour"): one word before "Minister" or
    "Secretary" and a name is the portfolio, part of the title. ("Labour leader Tony
    Blair": a party's leader, the party stays.)"""
    doc, end = span.doc, span.end
    return (
        span.label_ == "ORG"
        and len(span) == 1
        and end + 1 < len(doc)
        and doc[end].lower_ in ("minister", "secretary")
        and doc[end].is_title
        and doc[end + 1].ent_type_ == "PERSON"
    )


def _speaker_initials(span: Span) -> bool:
    """ "KAB: We started in 2009." in an interview: a speaker's initials before a colon
    at a line's start, the initials of a person the article names (Kwame Asante-Boateng),
    name no organization."""
    doc = span.doc
    text = span.text
    if not (text.isupper() and text.isalpha() and 2 <= len(text) <= 4):
        return False
    if span.end >= len(doc) or doc[span.end].text != ":" or not _line_start(doc[span.start]):
        return False
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e) > 1:
            initials = "".join(p[0] for t in e for p in t.text.split("-") if p[:1].isupper())
            if initials == text:
                return True
    return False


def _wire_slug(span: Span) -> bool:
    """ "CRICKET-India beat Australia": the wire's subject slug in capitals, glued by a
    hyphen to the headline at a line's start, names no body."""
    doc, end = span.doc, span.end
    return (
        _line_start(doc[span.start])
        and all(t.is_upper for t in span)
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_title
    )


def _one_line(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Keep the longest single-line part of a span that crosses a line break."""
    parts, s = [], start
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            parts.append((s, i + 1 if "\n" not in doc[i].text else i))
            s = i + 1
    if not parts:
        return start, end
    parts.append((s, end))
    return max(parts, key=lambda p: p[1] - p[0])


def _the_plural(doc: Doc, start: int, end: int) -> bool:
    """ "the Beatles", "The Rolling Stones": an article, then a name ending in a plural."""
    first = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    if doc[first].lower_ != "the" or first == end - 1:
        return False
    last = doc[end - 1]
    if end < len(doc) and doc[end].pos_ == "NOUN":
        return False  # a modifier: "the Jones family"
    return last.text.endswith("s") and not last.text.endswith("ss") and last.is_title


def _role_then_name(doc: Doc, start: int, end: int) -> bool:
    """ "Spokeswoman Sandy Angers": a personal role, then one to three capitalized words."""
    rest = doc[start + 1 : end]
    return (
        doc[start].lower_ in PERSONAL_ROLES
        and 1 <= len(rest) <= 3
        and all(t.is_title and t.is_alpha for t in rest)
        and rest[-1].lower_ not in _ORG_ENDS
    )


def _portfolio_then_name(doc: Doc, start: int, end: int) -> bool:
    """ "Minister of Health Olusegun Bakare", "Mayor of Lagos Babajide Sanwo-Olu": after
    a title and "of", one capitalized word that is no given name, then a name of two or
    more capitalized words."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    words, _ = title_words()
    rest = doc[start + 1 : end]
    return (
        doc[start - 2].lower_ in words
        and doc[start - 2].is_title
        and doc[start].is_title
        and (doc[start].text not in given_names() or gazetteer().resolve(doc[start].text))
        and len([t for t in rest if t.is_alpha]) >= 2
        and all(t.is_title or t.text == "-" for t in rest)
    )


def _untagged_name_after(doc: Doc, end: int) -> Span | None:
    """Two to four untagged capitalized words right after a title: a person's name."""
    j = end
    while (
        j < len(doc)
        and j - end < 4
        and doc[j].ent_iob_ == "O"
        and doc[j].is_title
        and doc[j].is_alpha
        and doc[j].pos_ == "PROPN"
    ):
        j += 1
    if j - end < 2 or (j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN"):
        return None
    return Span(doc, end, j, label="PERSON")


def _strip_titles(doc: Doc, start: int, end: int) -> tuple[int, str | None]:
    """Move leading title words (and a demonym before them) out of a person's name."""
    words, honorifics = title_words()
    gaz = gazetteer()
    i = start
    while i < end - 1 and (
        doc[i].lower_ in words or (gaz.is_demonym(doc[i].text) and doc[i + 1].lower_ in words)
    ):
        i += 1
    if i == start:
        return start, None
    kept = [t.text for t in doc[start:i] if t.lower_ not in honorifics]
    return i, (" ".join(kept) or None)


@Language.factory("extractor_cleanup", assigns=["doc.ents", "doc._.titles"], requires=["token.tag"])
def make_cleanup(nlp: Language, name: str) -> Cleanup:
    return Cleanup()


def _org_named_with_s(span: Span) -> bool:
    """Class: companies named with a possessive ("Moody's", "McDonald's", "Sainsbury's"):
    the short form keeps its "'s" when the article's own longer name of a body goes on
    from it ("Moody's Investors Service"). "Apple's" alone is Apple."""
    if len(span) < 2 or span[-1].text not in POSSESSIVE:
        return False
    prefix = span.text + " "
    return any(e.label_ == "ORG" and e.text.startswith(prefix) for e in span.doc.ents)


def _named_with_s(span: Span) -> bool:
    """Is a place named exactly so, "'s" and all ("St. John's")?"""
    return (
        len(span) > 1
        and span[-1].text in POSSESSIVE
        and any(not c.alternate for c in gazetteer().candidates(span.text))
    )
