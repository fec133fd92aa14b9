"""Build the gazetteer index into the package: `python scripts/build_gazetteer.py [PATH]`.

`make install` runs it; without it, the first use builds the same file into the user's
cache. The output depends only on the data packages' versions and the build code.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from extractor import gazetteer
from extractor.gazetteer_build import build


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else gazetteer._DATA
    started = time.perf_counter()
    build(target)
    size = target.stat().st_size / 1e6
    print(f"{target}: {size:.1f} MB in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
