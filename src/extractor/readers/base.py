"""What every reader shares: the `Article`, the one-line `InputError`, decoding bytes to
text, and the cleaning every text gets once, before analysis (`clean_text`), so that
`Article.text` is exactly the text the offsets of a record index."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from extractor.options import DEFAULT_MAX_CHARS

# Longest encoded size of one character (UTF-8 and UTF-32): bytes beyond max_chars * 4
# cannot decode to fewer than max_chars characters, so we stop reading there.
MAX_BYTES_PER_CHAR = 4
# HTML and JSON carry markup, scripts and escapes around the text ("\u00e9" is 6 bytes
# for one character), so they may be larger than their text; but not without bound.
_MARKUP_BYTES_PER_CHAR = 8
_MIN_MARKUP_BYTES = 16 * 2**20
# Text that survived decoding but is this full of control characters is not prose.
_MAX_CONTROL_RATIO = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


Kind = Literal["text", "html", "json", "jsonl"]


class InputError(Exception):
    """An input that cannot be analysed; `str(error)` is a one-line message for the user."""

    def __init__(self, source: str, reason: str) -> None:
        # A file name may hold newlines or undecodable bytes: the message stays one
        # printable line whatever the name.
        super().__init__(f"{printable(source)}: {printable(reason)}")
        self.source = source
        self.reason = reason


class ManyArticles(InputError):
    """read_article was given a file of many articles (a JSON array): read it as a feed."""


@dataclass(frozen=True)
class Article:
    """One article as read: the text to analyse and what its container said about it.

    Metadata comes only from the container (HTML meta tags and JSON-LD, JSON fields);
    the headline and date lines of plain text are found later, by `meta.detect`.
    """

    source: str  # the path as given (`feed.jsonl#<id>` for items of a feed), or STDIN_SOURCE
    text: str  # decoded and normalized (see clean_text); offsets index this
    encoding: str  # the codec that decoded the bytes, e.g. "utf-8", "cp1252"
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None
    source_id: str | None = None  # the `id` field of a JSON article
    format: Kind = "text"
    fixes: tuple[str, ...] = field(default=())  # what clean_text changed, for --verbose

    def meta(self) -> dict[str, Any]:
        """Metadata for `api.extract_text(..., meta=...)`: it fills or overrides the record."""
        return {
            "title": self.title,
            "published": self.published,
            "authors": list(self.authors) or None,
            "site": self.site,
            "url": self.url,
        }


def decode(data: bytes, *, source: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Plain-text bytes -> Article: UTF-8 (or a BOM's encoding) first, else what
    charset-normalizer finds; then `clean_text`."""
    text, encoding = decode_bytes(data, source)
    return text_article(text, source=source, encoding=encoding, max_chars=max_chars)


def text_article(text: str, *, source: str, encoding: str, max_chars: int, **meta: Any) -> Article:
    """Decoded text -> Article: checked for binary content, normalized, checked for size."""
    # Before clean_text, which makes the control characters spaces.
    if text and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_RATIO:
        raise InputError(source, "looks like a binary file, not text")
    text, fixes = clean_text(text)
    if len(text) > max_chars:
        raise InputError(source, too_large(len(text), max_chars))
    return Article(source=source, text=text, encoding=encoding, fixes=fixes, **meta)


# --- normalization -----------------------------------------------------------------

# Same-length replacements: offsets into the cleaned text are offsets into the original.
_SAME_LENGTH = str.maketrans(
    {
        # No-break and fixed-width spaces: spaCy splits words on " " only, so "Sergei\xa0
        # Ivanov" would be one token and a name no alias matches.
        **dict.fromkeys(
            "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
            "\u200a\u202f\u205f\u3000",
            " ",
        ),
        # Unicode's own line and paragraph separators and NEL are line ends.
        **dict.fromkeys("\u2028\u2029\x85", "\n"),
    }
)
# Invisible characters that split a word for the tokenizer but not for the reader:
# zero-width space, word joiner, a BOM inside the text, soft hyphen, Mongolian vowel
# separator. (Zero-width joiner and non-joiner are kept: emoji and scripts need them.)
# C0 controls but tab and newline ("\r" is a line end, handled first): one space each.
_C0 = re.compile(r"[\x00-\x08\x0b-\x1f]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """The text to analyse, and what was changed: only what is broken or splits words.

    Line ends become "\\n" (as `open()` gives them). Mojibake ("CafÃ©", "â€™") is
    repaired with ftfy, which changes nothing it is not confident about; no-break and
    other fixed-width spaces become plain spaces; zero-width characters and soft hyphens
    are removed; decomposed accents are composed (NFC), so "Que\u0301bec" matches "Québec".
    Curly quotes, dashes and ellipses are kept: they are how the article is written and
    the tokenizer knows them. Clean UTF-8 text comes out unchanged.
    """
    fixes: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # NUL, BEL, ESC... glue to the words beside them and hide names from the tokenizer.
    spaced = _C0.sub(" ", text)
    if spaced != text:
        text = spaced
        fixes.append("control characters made spaces")
    if text.isascii():  # nothing below applies to ASCII: the common case stays fast
        return text, tuple(fixes)
    fixed = _fix_mojibake(text)
    if fixed != text:
        text = fixed
        fixes.append("repaired mojibake")
    spaced = text.translate(_SAME_LENGTH)
    if spaced != text:
        text = spaced
        fixes.append("odd spaces and line separators made plain")
    visible = _INVISIBLE.sub("", text)
    if visible != text:
        text = visible
        fixes.append("removed zero-width characters")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        fixes.append("composed accents (NFC)")
    # A lone surrogate (JSON's "\ud800") cannot be written as UTF-8; ftfy replaces most.
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        fixes.append("replaced lone surrogates")
    return text, tuple(fixes)


def clean_field(value: object) -> str | None:
    """A metadata string (title, author, id) cleaned like the text, on one line; None if empty."""
    if not isinstance(value, str):
        return None
    text, _ = clean_text(value)
    return " ".join(text.split()) or None


def _fix_mojibake(text: str) -> str:
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,  # "&amp;" in a text file may be meant; HTML is unescaped by its parser
        remove_terminal_escapes=False,
        fix_character_width=False,  # full-width forms are how CJK text is written
        uncurl_quotes=False,
        fix_line_breaks=False,  # done above, the way open() does it
        remove_control_chars=False,  # control characters are for the binary check to judge
        normalization=None,  # done after, and only when needed
        explain=False,
    )
    return ftfy.fix_text(text, config)


def printable(text: str) -> str:
    """`text` with control characters and undecodable bytes (surrogates) escaped."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return ch.encode("unicode_escape").decode("ascii")  # "\n", "\x07", "\u200b"


def markup_limit(max_chars: int) -> int:
    """Most bytes an HTML page or one JSON article may have for `max_chars` of text."""
    return max(max_chars * _MARKUP_BYTES_PER_CHAR, _MIN_MARKUP_BYTES)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Bytes -> (str, codec): a BOM's encoding, else UTF-8, else charset-normalizer's guess."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                # utf-8-sig drops its BOM; the utf-16/32 codecs consume theirs.
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(source, f"invalid {encoding} after its byte-order mark") from None
    # NUL never occurs in text in a BOM-less 8-bit encoding; it does in every binary format.
    if b"\x00" in data:
        raise InputError(source, "looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    return _guess(data, source)


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray bytes, read as UTF-8 with U+FFFD in their place; None when the
    bytes look like a legacy 8-bit encoding instead.

    One bad byte in a UTF-8 article must not make a guesser read the whole of it as cp775.
    It is damaged UTF-8 when its valid multi-byte characters are at least as many as its
    invalid sequences, or when the only invalid byte is not what cp1252 text holds (a lone
    "é" in "café" or a dash saved by a Windows editor)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if bad <= multibyte or (bad == 1 and not _looks_cp1252(data)):
        return text, f"utf-8 ({bad:,} invalid byte{'s' if bad != 1 else ''} replaced)"
    return None


# Accented letters of Western European words, as cp1252 (Latin-1) writes them.
_LATIN_LETTERS = frozenset("àáâãäåçèéêëìíîïñòóôõöøùúûüÀÁÂÄÅÇÈÉÊÍÎÑÓÔÖØÚÜß".encode("cp1252"))
# cp1252's punctuation (curly quotes, dashes, ellipsis, euro): what Windows editors type.
_CP1252_PUNCTUATION = frozenset(
    b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
)


def _looks_cp1252(data: bytes) -> bool:
    """Is the first non-ASCII byte what cp1252 text has: its punctuation ("\x97", a dash), or
    an accented letter touching an ASCII letter ("caf\xe9")? A stray "\xff" is neither."""
    at = next(i for i, byte in enumerate(data) if byte > 0x7F)
    if data[at] in _CP1252_PUNCTUATION:
        return True
    around = data[max(0, at - 1) : at] + data[at + 1 : at + 2]
    touching = any(chr(byte).isalpha() for byte in around if byte < 0x80)
    return data[at] in _LATIN_LETTERS and touching


def _guess(data: bytes, source: str) -> tuple[str, str]:
    # Imported here: only non-UTF-8 input pays for it.
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    # charset-normalizer ranks by "chaos" alone, and an English article with one "é" in
    # cp1252 comes out as Big5 (no language recognised). A match in which it recognises a
    # language is the one to trust; the ranking decides only when none has one.
    best = next((m for m in matches if m.coherence > 0), matches[0] if matches else None)
    if best is None:
        raise InputError(source, "not UTF-8 and no text encoding fits; is it a binary file?")
    # Several codecs give the same text; name the one people know (Windows "Latin-1").
    encoding = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    return str(best), encoding


def too_large(chars: int | None, max_chars: int, *, size: int | None = None) -> str:
    if chars is not None:
        what = f"{chars:,} characters"
    elif size is not None:
        what = f"a file of {_human(size)}"
    else:
        what = "too large"
    return f"{what}, over the limit of {max_chars:,} characters (raise it with --max-chars)"


def _human(size: int) -> str:
    if size < 2**20:
        return f"{size:,} bytes"
    return f"{size / 2**30:.1f} GB" if size >= 2**30 else f"{size / 2**20:.1f} MB"
