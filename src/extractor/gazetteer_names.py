"""How place names are compared: ASCII folding, lookup keys, near-spellings."""

from __future__ import annotations

import re
import unicodedata

_VOWELS = re.compile(r"[aeiouy\s'\-.]")
# Names worth indexing: Latin script, capitalized (GeoNames also lists codes and scripts).
# A comma is part of some official names ("Washington, D.C.").
LATIN = re.compile(r"^[A-Z][A-Za-z .,'\-]*[A-Za-z.]$")

# Letters that Unicode does not decompose into a base letter and an accent: without
# these, "Łódź" folded to "odz" and no name starting with Ł, Ø or Æ was indexed.
_UNDECOMPOSED = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Æ": "Ae",
        "æ": "ae",
        "Œ": "Oe",
        "œ": "oe",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Þ": "Th",
        "þ": "th",
        "ß": "ss",
        "ı": "i",
        "Ħ": "H",
        "ħ": "h",
    }
)


def ascii_fold(text: str) -> str:
    # "Herāt" and "Herat", "Düsseldorf" and "Dusseldorf" are written both ways in news.
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return text.encode("ascii", "ignore").decode()


def key(name: str) -> str:
    # Commas and hyphens do not tell names apart: "Washington, D.C." is GeoNames'
    # "Washington D.C.", "Guinea Bissau" is "Guinea-Bissau".
    text = name.replace("\u2019", "'").replace(",", " ").replace("-", " ")
    # "U. S." is "U.S.": spaced initials are one name.
    text = _SPACED_INITIALS.sub("", text)
    return " ".join(ascii_fold(text).split()).casefold()


_SPACED_INITIALS = re.compile(r"(?<=\b[A-Za-z]\.)\s+(?=[A-Za-z]\.)")


def variant(alt: str, name: str) -> bool:
    """Is `alt` a spelling of `name` ("Taliqan" for "Taloqan")?

    GeoNames' alternate names also hold codes ("TQN"), translations ("White House" for
    Casablanca) and jokes ("Google" for Topeka): only near-spellings are kept.
    """
    if alt.isupper() or abs(len(alt) - len(name)) > 3 or alt[:1] != name[:1]:
        return False
    return skeleton(alt) == skeleton(name)


def skeleton(text: str) -> str:
    """Consonants of the ASCII-folded name: transliterations differ mostly in vowels."""
    return _VOWELS.sub("", ascii_fold(text).lower())


def saint_form(name: str) -> str:
    """ "St. Petersburg", "St Petersburg" and "Saint Petersburg" are one name."""
    return re.sub(r"^(st\.?|saint|ste\.?|sainte)\s+", "saint ", key(name))
