"""Ablation: each of our components and word lists switched off alone, on every gold file.

A rule that pays only on the file it was written beside is fitted; this table shows which
ones those are. Run from the repository root (the gold files live outside it):

    .venv/bin/python scripts/ablation.py ../shared/eval/*-dev.jsonl > ablation.md

Each row is the change in F1 (mention level for names, value for dates, relaxed span for
figures) when that one thing is off, against the full pipeline: a negative number means
the thing helps on that file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

from extractor import evaluate
from extractor.components import not_orgs, org_heads, person_names
from extractor.pipeline import COMPONENTS, load_pipeline

NOTHING = re.compile(r"(?!x)x")  # a pattern that matches no text
# (row name, what switches the list off while the context is open)
LISTS: dict[str, Callable[[], object]] = {
    "list organizations.txt": lambda: _patched(
        [
            (org_heads, "known_organizations", frozenset),
            (org_heads, "_known_by_first_word", dict),
            (person_names, "known_organizations", frozenset),
        ]
    ),
    "list given_names.txt": lambda: mock.patch.object(
        person_names, "given_names", lambda: frozenset()
    ),
    "list products.txt": lambda: mock.patch.object(not_orgs, "product_pattern", lambda: NOTHING),
    "list indices.txt": lambda: mock.patch.object(not_orgs, "index_pattern", lambda: NOTHING),
}


@contextmanager
def _patched(targets: list[tuple[object, str, Callable[[], object]]]) -> Iterator[None]:
    """Each (module, name) replaced: a list imported by name elsewhere has a copy there."""
    with ExitStack() as stack:
        for module, name, value in targets:
            stack.enter_context(mock.patch.object(module, name, value))
        yield


# (category, level) pairs reported, in column order.
MEASURES = (
    ("people", "mention"),
    ("organizations", "mention"),
    ("places", "mention"),
    ("figures", "relaxed"),
    ("dates", "value"),
)


def score(nlp, gold: dict[str, list[evaluate.GoldArticle]]) -> dict[str, dict[str, float]]:
    system = evaluate.our_system(nlp)
    out = {}
    for path, articles in gold.items():
        scores = evaluate.evaluate(articles, system)
        out[path] = {cat: scores[cat][level].f1 for cat, level in MEASURES if cat in scores}
    return out


@contextmanager
def component_off(nlp, name: str) -> Iterator[None]:
    with nlp.select_pipes(disable=[name]):
        yield


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    args = parser.parse_args(argv)
    gold = {p.name.removesuffix(".jsonl"): evaluate.read_gold(p) for p in args.gold}
    nlp = load_pipeline()
    full = score(nlp, gold)
    variants: list[tuple[str, Callable[[], object]]] = [
        (f"component {c.removeprefix('extractor_')}", lambda c=c: component_off(nlp, c))
        for c in COMPONENTS
    ]
    variants += list(LISTS.items())
    header = "| off | " + " | ".join(
        f"{path} {cat[:6]}" for path in gold for cat, _ in MEASURES if cat in full[path]
    )
    print(header + " |")
    print("|---|" + "---:|" * (header.count("|") - 1))
    cells = [f"{full[p][c]:.3f}" for p in gold for c, _ in MEASURES if c in full[p]]
    print("| nothing (F1) | " + " | ".join(cells) + " |")
    for name, switch in variants:
        with switch():
            got = score(nlp, gold)
        cells = [
            f"{got[p][c] - full[p][c]:+.3f}" for p in gold for c, _ in MEASURES if c in full[p]
        ]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
