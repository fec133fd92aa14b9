"""Titles and roles of people, from the syntax around their names.

Classes handled (each a way news attaches a role to a name):
- apposition after the name: "Sergei Ivanov, secretary of the Security Council";
  relative clauses and participles are cut ("the Afghan leader ejected from Kabul"
  -> "Afghan leader");
- apposition before the name: "The envoy, Sergei Yastrzhembsky" -> "envoy";
- pre-modifiers: "Tajik President Emomali Rakhmonov", "UBS analyst David Strauss":
  the compound/adjective words right before the name, when they end in a title word or
  a common noun.
Results are appended to `doc._.titles[(start_char, end_char)]` of the person mention.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.components.cleanup import person_titles, title_words

MAX_TITLE_TOKENS = 10  # the longest role phrase, in tokens
_CUT_DEPS = {"relcl", "acl", "punct", "appos", "cc", "conj", "advcl"}
# Cut only at the head itself: "the Afghan leader" -> "Afghan leader", but keep "of the".
_HEAD_CUT_DEPS = {"det", "predet", "poss"}
_PREMOD_DEPS = {"compound", "amod", "nmod", "nn", "npadvmod"}


class Roles:
    def __init__(self, max_title_tokens: int = MAX_TITLE_TOKENS) -> None:
        self.max_title_tokens = max_title_tokens

    def __call__(self, doc: Doc) -> Doc:
        found = [(ent, self.find(ent)) for ent in doc.ents if ent.label_ == "PERSON"]
        self.set_annotations(doc, found)
        return doc

    def find(self, ent: Span) -> list[str]:
        out = []
        most = self.max_title_tokens
        after = _apposition_after(ent, most) or _comma_title(ent, most)
        before = _title_of(ent) or _premodifier(ent)
        for phrase in (before, after, _apposition_before(ent, most)):
            if phrase and phrase not in out:
                out.append(phrase)
        return out

    def set_annotations(self, doc: Doc, found: list[tuple[Span, list[str]]]) -> None:
        titles = person_titles(doc)
        for ent, phrases in found:
            have = titles.setdefault((ent.start_char, ent.end_char), [])
            for p in phrases:
                # "President" from the name itself is covered by "Tajik President".
                if p not in have:
                    have[:] = [h for h in have if h not in p.split()]
                    have.append(p)
            if not have:
                del titles[(ent.start_char, ent.end_char)]


def _premodifier(ent: Span) -> str | None:
    doc = ent.doc
    words, honorifics = title_words()
    i = ent.start
    while i > 0:
        tok = doc[i - 1]
        if tok.text == "-" and not tok.whitespace_ and i >= 2 and not doc[i - 2].whitespace_:
            i -= 1  # "Secretary-General António Guterres": a hyphen inside the title
            continue
        if tok.dep_ not in _PREMOD_DEPS or not (
            ent.start <= tok.head.i < ent.end or i <= tok.head.i < ent.start
        ):
            break
        if tok.is_punct or tok.ent_type_ == "PERSON":
            break
        i -= 1
    if i < ent.start and doc[i].text == "-":
        i += 1  # a hyphen the title did not go on past
    if i == ent.start:
        return None
    toks = [t for t in doc[i : ent.start] if t.lower_ not in honorifics]
    # The run must end in a role word: a title or a common noun ("analyst"), not a name.
    if not toks or not (toks[-1].lower_ in words or toks[-1].pos_ == "NOUN"):
        return None
    return _text(toks)


def _title_of(ent: Span) -> str | None:
    """ "U.S. Secretary of State Antony Blinken", "Polish Minister of Transport Sławomir
    Nowak": a title, "of" and its portfolio or place (one to three capitalized words)
    right before the name, with the title's own capitalized modifiers."""
    doc = ent.doc
    words, _ = title_words()
    i = ent.start
    while i > 0 and ent.start - i < 3 and doc[i - 1].is_title and doc[i - 1].lower_ != "of":
        i -= 1
    if i == ent.start or i < 2 or doc[i - 1].lower_ != "of":
        return None
    title = doc[i - 2]
    if title.lower_ not in words or not title.is_title:
        return None
    first = title.i
    while (
        first > 0 and title.i - first < 3 and (doc[first - 1].is_title or doc[first - 1].is_upper)
    ):
        if "\n" in doc[first - 1].text_with_ws:
            break
        first -= 1
        if doc[first].is_sent_start:
            break  # "Polish Minister of ...": the sentence's first word, and no further
    while doc[first].lower_ in ("the", "a", "an"):
        first += 1  # "The Prime Minister of India"
    return _text(list(doc[first : ent.start]))


def _apposition_after(ent: Span, most: int = MAX_TITLE_TOKENS) -> str | None:
    # The role must follow the name's comma directly (after a determiner at most): the
    # parser also calls a noun far away an apposition ("Sunak defended ...: 'The Home
    # Secretary and I ...'").
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i > ent.end and child.ent_type_ != "PERSON":
            left = child.left_edge.i
            while left < child.i and doc[left].dep_ in ("det", "predet", "punct"):
                left += 1
            if left - ent.end > 2:
                return None
            return _phrase(child, most)
    return None


def _comma_title(ent: Span, most: int = MAX_TITLE_TOKENS) -> str | None:
    """`NAME, the Afghan leader ...` when the parser missed the apposition.

    Only a noun phrase ending in a title word qualifies, so a clause after the comma
    ("Rabbani, the government said") is never taken for a role.
    """
    doc = ent.doc
    words, _ = title_words()
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    j = i
    while j < len(doc) and j - i < most and doc[j].pos_ in ("ADJ", "NOUN", "PROPN"):
        j += 1
    if j == i or doc[j - 1].lower_ not in words:
        return None
    return _text(doc[i:j])


def _apposition_before(ent: Span, most: int = MAX_TITLE_TOKENS) -> str | None:
    root = ent.root
    head = root.head
    # A comma or nothing must separate them ("The envoy, Sergei Yastrzhembsky"; "His
    # father Mohamed El-Hassan Mohamed"): "Image: Brian Burnell" is a caption, not a role.
    if (
        root.dep_ == "appos"
        and head.i < ent.start
        and head.ent_type_ == ""
        and head.pos_ == "NOUN"
        and ent.start > 0
        and (ent.doc[ent.start - 1].text == "," or head.i == ent.start - 1)
    ):
        return _phrase(head, most)
    return None


def _phrase(head: Token, most: int = MAX_TITLE_TOKENS) -> str | None:
    """The noun phrase headed by `head`, without clauses, determiners or appositions,
    if it has at most `most` tokens."""
    keep = []
    stack = [head]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(
            c
            for c in tok.children
            if c.dep_ not in _CUT_DEPS and not (tok is head and c.dep_ in _HEAD_CUT_DEPS)
        )
    keep.sort(key=lambda t: t.i)
    # Only a contiguous run from the head's left edge counts (no gaps from cut parts).
    run = [keep[0]]
    for t in keep[1:]:
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    # "chief investment officer at [First Albany Corp.]": a preposition whose object was
    # cut (a name) does not end the title.
    while len(run) > 1 and run[-1] is not head and run[-1].pos_ in _DANGLING:
        run.pop()
    if head not in run or len(run) > most:
        return None
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    return _text(run)


_DANGLING = {"ADP", "CCONJ", "DET", "PUNCT", "PART"}


def _text(toks) -> str:
    return "".join(t.text_with_ws for t in toks).strip().strip(",;:").strip()


@Language.factory(
    "extractor_roles",
    assigns=["doc._.titles"],
    requires=["token.dep"],
    default_config={"max_title_tokens": MAX_TITLE_TOKENS},
)
def make_roles(nlp: Language, name: str, max_title_tokens: int) -> Roles:
    return Roles(max_title_tokens)
