"""Benchmark: a folder of articles through plain spaCy, `extract --jobs 1`, `extract --jobs N`.

Issue 4 asks, in one run, for words per second of
  1. plain    spaCy `nlp.pipe` over the same files, one process, the result thrown away;
  2. jobs-1   `extract FOLDER -o out.jsonl --jobs 1` (reading, our rules, grouping, JSON);
  3. jobs-N   the same with `--jobs N` (default: every CPU);
the ratios 2/1 (target >= 0.85: our product costs at most 15% over the bare model) and
3/2 (target >= 0.8 x N), and the peak memory (RSS) of each worker process, which must
stay under 600 MB and not grow with the corpus (run it with --articles 2000 and 10000).

Every system runs as its own command, timed from start to exit (model loading included,
as a user waits for it). On a shared machine a slow spell would favour whichever system
ran at a quiet moment, so the corpus is cut into --slices folders and the three systems
run on each slice in turn (the order rotating per slice); the times are summed.

Memory is measured in a separate run of `extract --jobs N` over the whole corpus, so a
worker lives through every article: a sampler thread records the VmHWM (peak RSS) of
the command and of every process under it from /proc, twice a second.

The corpus is data/samples/*.txt plus the `text` of every gold article in
../shared/eval/*.jsonl, repeated to --articles files in a temporary folder (removed
afterwards unless --keep).

Usage:
  python benchmarks/bench_batch.py [--articles 2000] [--slices 8] [--jobs N] [--model NAME]
  python benchmarks/bench_batch.py --articles 10000 --memory-only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
EVAL = ROOT.parent / "shared" / "eval"

# Plain spaCy, as a user would run it over the same files: read each, nlp.pipe, discard.
PLAIN = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
paths = sorted(Path(sys.argv[2]).iterdir())
for _ in nlp.pipe(p.read_text(encoding="utf-8") for p in paths):
    pass
"""


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for path in sorted(EVAL.glob("*.jsonl")):
        with path.open(encoding="utf-8") as file:
            out += [json.loads(line)["text"] for line in file if line.strip()]
    return out


def build_corpus(folder: Path, count: int, slices: int) -> list[tuple[Path, int]]:
    """`count` article files in `slices` sub-folders of `folder`: (sub-folder, words)."""
    source = texts()
    out = []
    for number in range(slices):
        sub = folder / f"slice-{number:02d}"
        sub.mkdir(parents=True)
        words = 0
        for i in range(number, count, slices):
            text = source[i % len(source)]
            (sub / f"{i:06d}.txt").write_text(text, encoding="utf-8")
            words += len(text.split())
        out.append((sub, words))
    return out


@dataclass
class Run:
    name: str
    seconds: float
    peaks_kb: dict[int, int] = field(default_factory=dict)  # pid -> peak RSS
    main_pid: int = 0

    workers: set[int] = field(default_factory=set)  # pids of extract's worker processes

    def workers_mb(self) -> list[float]:
        return [kb / 1024 for pid, kb in self.peaks_kb.items() if pid in self.workers]

    def main_mb(self) -> float:
        return self.peaks_kb.get(self.main_pid, 0) / 1024


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _peak_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _is_worker(pid: int) -> bool:
    # A spawned worker runs multiprocessing's spawn_main; its resource tracker does not.
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def measure(name: str, command: list[str]) -> Run:
    """Run `command`, timing it and sampling the peak RSS of it and its descendants."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    run = Run(name=name, seconds=0.0, main_pid=process.pid)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pending = [process.pid]
            while pending:
                pid = pending.pop()
                peak = _peak_kb(pid)
                if peak is not None:
                    run.peaks_kb[pid] = max(peak, run.peaks_kb.get(pid, 0))
                    if pid not in run.workers and _is_worker(pid):
                        run.workers.add(pid)
                pending += _children(pid)
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    run.seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if code not in (0, 1):
        raise SystemExit(f"{name}: {' '.join(command)} exited with {code}")
    return run


def commands(model: str, jobs: int, folder: Path, out: Path) -> dict[str, list[str]]:
    extract = [sys.executable, "-m", "extractor", str(folder), "--quiet", "-m", model]
    return {
        "plain": [sys.executable, "-c", PLAIN, model, str(folder)],
        "jobs-1": [*extract, "-o", str(out / "one.jsonl"), "--jobs", "1"],
        f"jobs-{jobs}": [*extract, "-o", str(out / "many.jsonl"), "--jobs", str(jobs)],
    }


def speed(corpus: list[tuple[Path, int]], model: str, jobs: int, work: Path) -> None:
    names = list(commands(model, jobs, work, work))
    seconds = dict.fromkeys(names, 0.0)
    same = True
    for number, (folder, _) in enumerate(corpus):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            out = work / folder.name
            out.mkdir(exist_ok=True)
            seconds[name] += measure(name, commands(model, jobs, folder, out)[name]).seconds
        one, many = (out / "one.jsonl").read_bytes(), (out / "many.jsonl").read_bytes()
        same = same and one == many
        print(f"  slice {number + 1}/{len(corpus)} done", file=sys.stderr)
    words = sum(w for _, w in corpus)
    articles = sum(len(list(folder.iterdir())) for folder, _ in corpus)
    for name in names:
        print(
            f"{name:>7}: {seconds[name]:7.1f} s, {words / seconds[name]:8,.0f} words/s, "
            f"{articles / seconds[name]:6.1f} articles/s"
        )
    plain, one, many = (seconds[name] for name in names)
    print(f"ratio jobs-1 / plain: {plain / one:.2f} (target >= 0.85)")
    print(f"ratio jobs-{jobs} / jobs-1: {one / many:.2f} (target >= {0.8 * jobs:.1f})")
    print(f"jobs-1 and jobs-{jobs} outputs identical: {same}")


def memory(folder: Path, articles: int, model: str, jobs: int, work: Path) -> None:
    name = f"jobs-{jobs}"
    run = measure(name, commands(model, jobs, folder, work)[name])
    workers = ", ".join(f"{mb:.0f}" for mb in run.workers_mb())
    print(
        f"memory, {articles:,} articles in one run of {name} ({run.seconds:.0f} s): "
        f"worker peak RSS {workers} MB; main process {run.main_mb():.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (files)")
    parser.add_argument("--slices", type=int, default=8, help="interleaved timing rounds")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: ours)")
    parser.add_argument("--memory-only", action="store_true", help="skip the timing rounds")
    parser.add_argument("--keep", action="store_true", help="keep the corpus folder")
    options = parser.parse_args()
    from extractor.pipeline import model_name

    model = model_name(options.model)
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        corpus = build_corpus(folder / "articles", options.articles, options.slices)
        words = sum(w for _, w in corpus)
        print(f"corpus: {options.articles:,} articles, {words:,} words; model {model}")
        print(
            f"python {platform.python_version()}, {os.cpu_count()} CPUs, "
            f"load average before {os.getloadavg()[0]:.2f}"
        )
        if not options.memory_only:
            speed(corpus, model, options.jobs, folder)
        memory(folder / "articles", options.articles, model, options.jobs, folder)
        print(f"load average after {os.getloadavg()[0]:.2f}")
    finally:
        if options.keep:
            print(f"corpus kept in {folder}")
        else:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
