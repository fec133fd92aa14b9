"""Many articles on all cores: worker processes, results in input order, nothing lost.

Why our own small pool rather than `nlp.pipe(n_process=...)` or concurrent.futures:
- each worker loads the model once and reads its own files (paths go out, records
  come back: no text and no spaCy object crosses a pipe);
- a worker that dies (killed, out of memory, a crash in compiled code) must cost only its
  article: `ProcessPoolExecutor` breaks the whole pool on a dead worker, and
  `multiprocessing.Pool` replaces it but loses its task, so the run hangs. Here each
  worker has one pipe and at most one task, so the parent knows which article was lost,
  reports it as an error record and starts a new worker;
- memory stays flat: at most `window` articles are between "sent" and "written", and
  every article is analysed inside `nlp.memory_zone()`, which frees the strings spaCy
  would otherwise keep in its vocabulary forever.

Workers are started with "spawn": a fresh interpreter is safe whatever threads the
parent runs (Rich's progress bar has one), and behaves the same on Linux and macOS. As
with every spawned process, a script that calls `extract_many` must do so under
`if __name__ == "__main__":`.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from extractor.inputs import (
    ARTICLE_SUFFIXES,
    Input,
    expands,
    find_inputs,
    os_reason,
)
from extractor.options import ExtractOptions
from extractor.schema import ErrorRecord, Record
from extractor.work import (
    Done,
    Item,
    RecordDict,
    analyse,
    done_record,
    error_record,
    is_done,
    is_error,
    read_articles,
)

# The pool's public names, and those of the inputs and the unit of work it runs.
__all__ = [
    "ARTICLE_SUFFIXES",
    "BatchError",
    "Done",
    "Input",
    "Item",
    "RecordDict",
    "analyse",
    "default_jobs",
    "done_record",
    "error_record",
    "expands",
    "extract_many",
    "find_inputs",
    "is_done",
    "is_error",
    "os_reason",
    "read_articles",
    "run",
]


class BatchError(RuntimeError):
    """The run cannot go on at all (e.g. the model is not installed); one line for the user."""


def default_jobs() -> int:
    """The CPUs this process may run on (respects taskset and cpusets), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- the pool -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Config:
    model: str | None
    options: ExtractOptions
    skip: frozenset[str]  # sources whose records a resumed output holds


def _worker_main(conn: Connection, config: _Config) -> None:
    """A worker process: load the model once, then analyse one path per message."""
    # Ctrl-C is the parent's to handle: it terminates us (see _start).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from extractor.analyse import default_pipeline
    from extractor.pipeline import ModelNotFound

    try:
        nlp = default_pipeline(config.model)
    except ModelNotFound as error:
        conn.send(("fatal", str(error)))
        return
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, path = task
        records = analyse(path, nlp=nlp, options=config.options, skip=config.skip)
        try:
            conn.send(("done", index, records))
        except OSError:
            return


class _Worker:
    def __init__(self, context: Any, config: _Config) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_worker_main, args=(child, config), name="extract-worker", daemon=True
        )
        _start(self.process)
        child.close()  # ours closed, so the child's death is EOF on self.conn
        self.ready = False  # the model is loaded
        self.task: tuple[int, str] | None = None  # (index, path) being analysed
        self.started: float | None = None  # when it began on the task (after loading)
        self.overdue: float | None = None  # the time limit it was stopped at

    def send(self, index: int, path: str) -> None:
        self.conn.send((index, path))
        self.task = (index, path)
        self.started = time.monotonic() if self.ready else None

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.terminate()

    def close(self, timeout: float) -> None:
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()

    def death(self) -> str:
        self.process.join(1)
        if self.overdue is not None:
            return f"was stopped after {self.overdue:g} s (the --timeout for one input)"
        code = self.process.exitcode
        if code is None:
            return "stopped answering"
        if code < 0:
            try:
                return f"was killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"was killed by signal {-code}"
        return f"exited with code {code}"


def _start(process: Any) -> None:
    # The child inherits an ignored SIGINT through exec, so a Ctrl-C during its start-up
    # (before _worker_main runs) cannot print a traceback from it.
    if threading.current_thread() is not threading.main_thread():
        process.start()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.start()
    finally:
        signal.signal(signal.SIGINT, previous)


class _Pool:
    """Workers, each with one task at most; finished results by input index."""

    def __init__(self, size: int, config: _Config, timeout: float | None) -> None:
        self.config = config
        self.timeout = timeout
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []
        self.results: dict[int, tuple[str, list[Item]]] = {}
        for _ in range(size):
            self.workers.append(_Worker(self.context, config))

    def idle(self) -> list[int]:
        return [i for i, worker in enumerate(self.workers) if worker.task is None]

    def busy(self) -> bool:
        return any(worker.task is not None for worker in self.workers)

    def send(self, i: int, index: int, path: str) -> None:
        try:
            self.workers[i].send(index, path)
        except OSError:  # it died since its last answer: the task goes to its successor
            self.workers[i].close(timeout=1)
            self.workers[i] = _Worker(self.context, self.config)
            self.workers[i].send(index, path)

    def collect(self) -> None:
        """Wait until a worker answers or dies; file its results; replace the dead."""
        conns = [worker.conn for worker in self.workers]
        sentinels = [worker.process.sentinel for worker in self.workers]
        signalled = set(wait(conns + sentinels, timeout=self._time_left()))
        self._stop_overdue()
        for i, worker in enumerate(self.workers):
            if worker.conn in signalled or worker.process.sentinel in signalled:
                if not self._receive(worker):
                    self.workers[i] = self._replace(worker)

    def _receive(self, worker: _Worker) -> bool:
        """Read what the worker sent; False if it is dead."""
        while worker.conn.poll():
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                return False
            if message[0] == "fatal":
                raise BatchError(message[1])
            if message[0] == "ready":
                worker.ready = True
                if worker.task is not None:  # sent while it was loading: starts now
                    worker.started = time.monotonic()
            elif message[0] == "done" and worker.task is not None:
                index, path = worker.task
                self.results[index] = (path, message[2])
                worker.task = None
        return worker.process.is_alive()

    def _time_left(self) -> float | None:
        starts = [w.started for w in self.workers if w.task is not None and w.started is not None]
        if self.timeout is None or not starts:
            return None
        return max(0.0, min(starts) + self.timeout - time.monotonic())

    def _stop_overdue(self) -> None:
        # A hang (a pathological input) would otherwise hold the ordered output for ever.
        if self.timeout is None:
            return
        now = time.monotonic()
        for worker in self.workers:
            if worker.task is not None and worker.started is not None:
                if now - worker.started >= self.timeout and worker.overdue is None:
                    worker.overdue = self.timeout
                    worker.process.kill()  # its sentinel wakes the next collect()

    def _replace(self, worker: _Worker) -> _Worker:
        if not worker.ready:
            # Dying while loading the model would repeat for every replacement.
            raise BatchError(f"a worker process {worker.death()} while loading the model")
        if worker.task is not None:
            index, path = worker.task
            message = f"the worker process analysing this article {worker.death()}"
            self.results[index] = (path, [error_record(path, message)])
            worker.task = None
        worker.close(timeout=1)
        return _Worker(self.context, self.config)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        for worker in self.workers:
            worker.close(timeout=10)

    def terminate(self) -> None:
        for worker in self.workers:
            worker.kill()
        for worker in self.workers:
            worker.close(timeout=5)


def run(
    paths: Iterable[str],
    *,
    jobs: int | None = None,
    model: str | None = None,
    window: int | None = None,
    timeout: float | None = None,
    options: ExtractOptions | None = None,
    skip: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, list[Item]]]:
    """(path, its records) for every path, in input order, analysed by `jobs` processes.

    An input taking over `timeout` seconds is stopped (its worker killed and replaced)
    and gets an error record. `options` and `skip` go to `analyse`. Paths are consumed
    lazily, and at most `window` of them (default 16 per job) are between sent and
    yielded, so memory does not grow with their number. A consumer that stops early, or a
    KeyboardInterrupt, terminates the workers.
    """
    jobs = jobs or default_jobs()
    window = window or 16 * jobs
    pending = iter(paths)
    head = list(itertools.islice(pending, jobs))  # no more workers than articles
    if not head:
        return
    pending = itertools.chain(head, pending)
    config = _Config(model=model, options=options or ExtractOptions(), skip=skip)
    pool = _Pool(len(head), config, timeout)
    sent = written = 0
    exhausted = False
    try:
        while True:
            for i in pool.idle():
                if exhausted or sent - written >= window:
                    break
                path = next(pending, None)
                if path is None:
                    exhausted = True
                    break
                pool.send(i, sent, path)
                sent += 1
            while written in pool.results:
                yield pool.results.pop(written)
                written += 1
            if exhausted and written == sent:
                break
            pool.collect()  # something is in flight: the window is never full of nothing
    except BaseException:
        pool.terminate()
        raise
    pool.close()


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    model: str | None = None,
    options: ExtractOptions | None = None,
    timeout: float | None = None,
) -> Iterator[Record | ErrorRecord]:
    """Records of many articles, in input order: the same `Record`s as `extract_text`.

    `options` (date, date order, max_chars, text_field, show_text) apply to every article.

    `paths` are article files (see `find_inputs` to expand folders and patterns): text,
    HTML, JSON, or JSON Lines feeds of many articles. They are read by `jobs` worker
    processes (default: every CPU), each with its own model. An article that cannot be
    read or analysed yields an `ErrorRecord(source, error)` instead, and the iteration
    goes on; so does an input that takes over `timeout` seconds (default: no limit).
    Raises BatchError if the model cannot be loaded.

        for record in extract_many(["a.txt", "b.html"], jobs=2):
            if isinstance(record, Record):
                print(record.source, [p.name for p in record.people])
    """
    names = (os.fspath(path) for path in paths)
    # closing(): a caller that stops early ends the workers now, not at garbage collection.
    results = run(names, jobs=jobs, model=model, timeout=timeout, options=options)
    with closing(results):
        for _, records in results:
            yield from records  # no Done: nothing is skipped here
