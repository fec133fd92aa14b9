"""Count the place-link misses of `extract-evaluate` by class, on GUM-format gold.

`extract-evaluate` scores each gold place identity against the first place entity that
overlaps it; this script says why each found-but-unlinked or linked-but-named-otherwise
identity stopped short, so a target that cannot be reached is reported by class:

- the gold span and ours differ (a town inside a landmark's name, "Auckland" in "Auckland
  Castle"; a descriptive mention, "the capital city of Greece" = Athens, against our
  "Greece"): the scorer compares different things;
- a landmark (FAC) or a natural feature the gazetteer does not list;
- a name the gazetteer does not hold at all, or whose readings the article leaves open
  (the reason `extract -v` gives).

Usage: python scripts/link_misses.py ../shared/eval/gum-more-dev.jsonl [--examples N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from extractor import evaluate as ev
from extractor.api import extract_text
from extractor.linking import why_unlinked
from extractor.pipeline import load_pipeline

SPAN = "gold span differs from ours (nested or descriptive)"


def _same_span(start: int, end: int, text: str, gold: dict) -> bool:
    def bare(s: str) -> str:
        return s.lower().removeprefix("the ")

    return (start, end) == (gold["start"], gold["end"]) or bare(text) == bare(gold["text"])


def classify(path: Path) -> tuple[Counter[str], dict[str, list[str]]]:
    nlp = load_pipeline()
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        rec = extract_text(art["text"], nlp=nlp, source=art["id"], date=art.get("dct")).to_dict()
        places = rec["places"]
        context = {p["country_code"] for p in places if p.get("country_code")}
        mentions = sorted(
            ((m["start"], m["end"], m["text"], p) for p in places for m in p["mentions"]),
            key=lambda x: x[0],
        )
        for gold in art["spans"]:
            if gold["label"] != "place" or not gold.get("has_propn") or not gold.get("identity"):
                continue
            hit = next((x for x in mentions if x[0] < gold["end"] and gold["start"] < x[1]), None)
            if hit is None:
                continue  # not found: the accuracy side
            start, end, text, place = hit
            same = _same_span(start, end, text, gold)
            if place.get("geonames_id") is None and place.get("country_code") is None:
                if not same:
                    what = "unlinked: " + SPAN
                elif place.get("kind") in ("facility", "natural feature"):
                    what = f"unlinked: a {place['kind']} the gazetteer does not list"
                else:
                    what = "unlinked: " + why_unlinked(place["name"], context).split(" (")[0]
            elif ev.identity_names(gold["identity"]) in {
                ev.fold(n) for n in (place["name"], *place.get("aliases", []))
            }:
                continue
            else:
                what = "named otherwise: " + (SPAN if not same else "same span")
            classes[what] += 1
            title = ev.identity_title(gold["identity"])
            examples.setdefault(what, []).append(f"{gold['text']} = {title} / {place['name']}")
    return classes, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    classes, examples = classify(args.gold)
    for what, n in classes.most_common():
        print(f"{n:5d}  {what}")
        for ex in examples[what][: args.examples]:
            print(f"         {ex}")


if __name__ == "__main__":
    main()
