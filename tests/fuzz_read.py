"""Coverage-guided fuzzing of the readers with atheris (libFuzzer).

hypothesis (tests/test_fuzz.py) tries inputs we describe; atheris mutates inputs toward
new branches of the readers (readers/), finding the ones we did not think of.
Any exception other than InputError is a crash: atheris prints the input and exits
non-zero. test_fuzz.py runs this briefly; for a longer run:

    python tests/fuzz_read.py -runs=200000 -max_len=8192 [CORPUS_DIR]
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports(include=["extractor"]):
    # html and jsonin are imported lazily by readers; import them here to instrument them.
    import extractor.readers.html  # noqa: F401
    import extractor.readers.jsonin  # noqa: F401
    from extractor.readers import Article, InputError, clean_text, decode, read_articles
from extractor.options import ExtractOptions

MAX_CHARS = 5_000


def one_input(data: bytes) -> None:
    items = list(read_articles("-", ExtractOptions(max_chars=MAX_CHARS), stdin=io.BytesIO(data)))
    for item in items:
        if isinstance(item, Article):
            assert len(item.text) <= MAX_CHARS
            item.text.encode("utf-8")
        else:
            assert isinstance(item, InputError) and "\n" not in str(item)
    try:
        decode(data, source="fuzz", max_chars=MAX_CHARS)
    except InputError:
        pass
    clean_text(data.decode("utf-8", errors="replace"))


def main(argv: list[str]) -> None:
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
