"""Saved web pages: the article's main text and metadata, by trafilatura.

A page is mostly not the article: menus, cookie banners, "Get the latest updates" boxes,
related links, comments, footers. Analysed, they would give entities the article never
mentions (the site's owner, the places in other headlines). trafilatura is the
best-measured open main-text extractor, and it also reads the metadata news sites put in
`<meta>` tags and JSON-LD (headline, author, datePublished, site name, canonical URL).
We ask it for precision over recall: a lost caption costs less than a polluted record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.meta import parse_date
from extractor.options import ExtractOptions
from extractor.readers.base import (
    Article,
    InputError,
    clean_field,
    clean_text,
    decode_bytes,
    text_article,
)

# A declared charset, in the first bytes as the HTML standard says (1024; a bit more for
# pages with long comments before their <meta>).
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET_SCAN_BYTES = 4096
# What browsers do: pages labelled Latin-1 or ASCII are read as windows-1252 (WHATWG).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
}
# An article has at least one real sentence; a section front or an error page is lists
# of headlines and links, which trafilatura still returns as "text".
_MIN_SENTENCE_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_HTML_FRAGMENT = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html[\s>]|<(?:p|div|article|section|body|main|h[1-6])[\s>])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Page:
    """What trafilatura found in a page; `text` is its main text, unnormalized."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """A string that is an HTML document or starts with a block element (a feed's "content")."""
    return _HTML_FRAGMENT.match(text) is not None


def read_page(data: bytes, *, source: str, options: ExtractOptions) -> Article:
    """An HTML page's bytes -> Article: headline, a newline, the main text; metadata filled."""
    markup, encoding = decode_html(data, source)
    return page_article(markup, source=source, encoding=encoding, options=options)


def page_article(
    markup: str, *, source: str, encoding: str, options: ExtractOptions, **meta: object
) -> Article:
    """Decoded HTML -> Article; `meta` (from a JSON feed) wins over what the page says."""
    page = extract_page(markup, source=source, day_first=options.day_first)
    fields: dict[str, object] = {
        "title": clean_field(page.title),
        "published": page.published,
        "authors": tuple(a for a in (clean_field(a) for a in page.authors) if a),
        "site": clean_field(page.site),
        "url": page.url,
    }
    fields.update({key: value for key, value in meta.items() if value})
    title = fields["title"]
    body, _ = clean_text(page.text)
    # The headline is part of what is analysed (its names count, and meta.detect finds
    # it as line 1, as in a saved .txt); most pages keep it out of the main text.
    if isinstance(title, str) and _first_line(body).casefold() != title.casefold():
        body = f"{title}\n{body}"
    return text_article(
        body,
        source=source,
        encoding=encoding,
        max_chars=options.max_chars,
        format="html",
        **fields,
    )


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Bytes -> markup: a BOM, else the page's declared charset, else UTF-8 or a guess."""
    declared = _CHARSET_RE.search(data[:_CHARSET_SCAN_BYTES])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        label = declared.group(1).decode("ascii").lower()
        codec = _CHARSET_ALIASES.get(label, label)
        if b"\x00" not in data:
            try:
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # an unknown label, or a page that lies about its encoding
    return decode_bytes(data, source)


def extract_page(markup: str, *, source: str, day_first: bool = False) -> Page:
    """Main text and metadata of a page; InputError when it holds no article."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,  # readers' comments are not the article
            include_tables=True,  # results tables are; layout tables are unwrapped
            deduplicate=False,  # one page at a time: nothing to deduplicate against
            # The published date, not the last update; and only from markup that says
            # it is a date (JSON-LD, <meta>, <time>), not any year in the footer.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as error:  # noqa: BLE001 - a parser of untrusted markup may fail any way
        raise InputError(source, f"could not parse the HTML ({type(error).__name__})") from None
    text = (doc.text or "") if doc is not None else ""
    if not _has_sentence(text):
        raise InputError(source, "no article text found in the HTML page")
    return Page(
        text=text,
        title=doc.title,
        published=parse_date(doc.date, day_first=day_first) if doc.date else None,
        authors=_split_authors(doc.author),
        site=doc.sitename or doc.hostname,
        url=doc.url,
    )


def _has_sentence(text: str) -> bool:
    return any(
        len(line.split()) >= _MIN_SENTENCE_WORDS and _SENTENCE_END.search(line.strip())
        for line in text.splitlines()
    )


def _split_authors(author: str | None) -> tuple[str, ...]:
    # trafilatura joins several authors with "; ".
    if not author:
        return ()
    return tuple(dict.fromkeys(a.strip() for a in author.split(";") if a.strip()))


def _first_line(text: str) -> str:
    return " ".join(text.lstrip().split("\n", 1)[0].split())
