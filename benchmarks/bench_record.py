"""Benchmark: what a record costs after `nlp(text)`: building it, and writing it as JSON.

bench_pipeline.py times the whole of `extract_text`, where spaCy's share hides a change
in the record. Here every article of its corpus is parsed once, up front; then only
`record.build` (grouping, linking, the record) and `write.to_text` (indented JSON and
JSON Lines) are timed, --rounds times, best round kept.

Usage:
  python benchmarks/bench_record.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import load_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from extractor import chunks, record
    from extractor.meta import detect
    from extractor.pipeline import load_pipeline
    from extractor.write import Format, to_text

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes; the best is kept")
    args = parser.parse_args(argv)

    nlp = load_pipeline()
    parsed = []
    for text, date in load_corpus():
        header = detect(text)
        parsed.append((chunks.parse(nlp, text), header, date or header.published))
    clock = time.perf_counter
    best = {"build": float("inf"), "json": float("inf"), "jsonl": float("inf")}
    for _ in range(args.rounds):
        spent = dict.fromkeys(best, 0.0)
        for doc, header, published in parsed:
            t0 = clock()
            built = record.build(doc, source="a.txt", header=header, published=published)
            t1 = clock()
            to_text(built, Format.json)
            t2 = clock()
            to_text(built, Format.jsonl)
            t3 = clock()
            spent["build"] += t1 - t0
            spent["json"] += t2 - t1
            spent["jsonl"] += t3 - t2
        best = {key: min(best[key], spent[key]) for key in best}
    n = len(parsed)
    print(f"{n} articles, best of {args.rounds} rounds, milliseconds per article:")
    for key, seconds in best.items():
        print(f"  {key:6s} {1000 * seconds / n:7.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
