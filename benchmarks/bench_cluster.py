"""Benchmark: the Dask row. `extract --jobs N` against the same run on a Dask cluster.

Issue 6 asks, in one run, for the throughput of a LocalCluster with as many workers as
cores against `--jobs` with the same number; the Dask overhead should stay under 15%
(ratio dask/jobs >= 0.85). Three systems, each a command timed from start to exit, as a
user waits for it:
  1. jobs-N   `extract SLICE -o out.jsonl --jobs N`;
  2. local-N  `extract SLICE -o out.jsonl --scheduler local:N` (starts a LocalCluster of N
              worker processes, loads the model on each, closes it: all in the time);
  3. tcp-N    `extract SLICE -o out.jsonl --scheduler tcp://...`, a LocalCluster of N
              workers started once by this script and kept, as a real cluster is: its
              workers load the model on the first slice and keep it.
The corpus is cut into --slices folders and the systems run on each slice in turn, the
order rotating per slice, so a slow spell on a shared machine hits them alike; times are
summed. Every system's output must be the same bytes as jobs-N's. The peak RSS of each
Dask worker process (VmHWM) is read at the end from the kept cluster.

The corpus is data/samples/*.txt plus the `text` of every gold article in
../shared/eval/*.jsonl (if present), repeated to --articles files.

Usage:
  python benchmarks/bench_cluster.py [--articles 2000] [--slices 4] [--workers N]
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import build_corpus  # noqa: E402  (the same corpus as the batch benchmark)

EXTRACT = str(Path(sys.executable).with_name("extract"))


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    """On a worker: this process's peak resident memory."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--slices", type=int, default=4)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    n = args.workers
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    slices = build_corpus(work / "corpus", args.articles, args.slices)
    words = sum(w for _, w in slices)
    print(f"{args.articles:,} articles, {words:,} words, {args.slices} slices, {n} workers")
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")

    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=True,
        dashboard_address="127.0.0.1:0",  # None still takes port 8787 for HTTP
        silence_logs=logging.ERROR,
    )
    systems = {
        f"jobs-{n}": ["--jobs", str(n)],
        f"local-{n}": ["--scheduler", f"local:{n}"],
        f"tcp-{n}": ["--scheduler", cluster.scheduler_address],
    }
    seconds = dict.fromkeys(systems, 0.0)
    try:
        for number, (folder, _) in enumerate(slices):
            names = list(systems)
            order = names[number % len(names) :] + names[: number % len(names)]
            for name in order:
                output = work / name / f"{folder.name}.jsonl"
                command = [EXTRACT, str(folder), "-o", str(output), "-q", *systems[name]]
                try:  # exit 0: every article of the corpus is good
                    seconds[name] += timed(command)
                except subprocess.CalledProcessError as error:
                    sys.exit(f"{name} failed on {folder}: exit {error.returncode}")
            print(f"slice {number + 1}/{len(slices)} done", file=sys.stderr)
        with Client(cluster) as client:
            peaks = client.run(peak_rss_mb)
    finally:
        cluster.close()
    report(seconds, words, n, peaks)
    different = [
        name
        for name in systems
        for folder, _ in slices
        if not filecmp.cmp(
            work / name / f"{folder.name}.jsonl",
            work / f"jobs-{n}" / f"{folder.name}.jsonl",
            shallow=False,
        )
    ]
    print("outputs identical to jobs-N:", "yes" if not different else f"NO: {different}")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)


def report(seconds: dict[str, float], words: int, n: int, peaks: dict[str, float]) -> None:
    base = seconds[f"jobs-{n}"]
    print(f"\n| system | time | words/s | ratio to jobs-{n} |\n|---|---:|---:|---:|")
    for name, spent in seconds.items():
        print(f"| {name} | {spent:.1f} s | {words / spent:,.0f} | {base / spent:.3f} |")
    print("\nDask worker peak RSS:", ", ".join(f"{mb:.0f} MB" for mb in sorted(peaks.values())))


if __name__ == "__main__":
    main()
