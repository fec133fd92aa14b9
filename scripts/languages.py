"""Regenerate src/extractor/data/languages.txt from pycountry's ISO 639 data.

Run by hand after upgrading pycountry: `python scripts/languages.py`.

The languages with a two-letter ISO 639-1 code (the ones news and papers name:
"Swahili", "Yoruba", "Aymara"), by their English names without the qualifier in
brackets ("Swahili (macrolanguage)" -> "Swahili"). The model calls many of them
organizations; `not_orgs` reads this list.
"""

from __future__ import annotations

import re
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "extractor" / "data" / "languages.txt"


def main() -> None:
    names = sorted(
        {
            re.sub(r" \(.*\)$", "", lang.name)
            for lang in pycountry.languages
            if hasattr(lang, "alpha_2")
        }
    )
    header = (
        "# Languages with an ISO 639-1 code, English names (pycountry; scripts/languages.py).\n"
    )
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(names)} languages")


if __name__ == "__main__":
    main()
