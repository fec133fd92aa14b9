"""Many articles on a Dask cluster: the local batch's work, spread over machines.

Dask (`dask.distributed`) does the distributing; we add only what articles need:
- each worker process loads the model once (`ModelPlugin`, and a per-process cache for
  graphs that run without it) and keeps it for every task it runs;
- a task is a partition of paths; the worker reads them itself and returns records
  (msgspec structs), so neither article text nor a spaCy object crosses the network;
- one article becomes records through `batch.analyse`, the function the local pool runs,
  so a cluster run writes the same bytes as `--jobs 1`;
- the paths must be readable from every worker at the same place (a shared filesystem).
  Relative paths are resolved against the caller's directory on the worker, and the
  records still name them as given. A worker that cannot see an input is reported as
  such instead of as a plain "no such file".

`extract_bag` is for Dask users' own graphs; `run` is what `extract --scheduler` calls:
it submits a bounded window of partitions and yields results in input order as they
complete, as `batch.run` does.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from extractor import batch
from extractor.batch import BatchError, Item, RecordDict
from extractor.options import ExtractOptions
from extractor.readers import printable
from extractor.schema import ErrorRecord

MISSING = "Dask is not installed: pip install 'extractor[dask]'"

try:
    import dask.bag as db
    from distributed import Client, KilledWorker, LocalCluster, as_completed, get_worker
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as error:  # the core install stays light; say what to install
    raise ImportError(MISSING) from error

if TYPE_CHECKING:
    from spacy.language import Language

PARTITION_SIZE = 16  # paths per task: ~1 s of work, so Dask's per-task cost is noise
LOCAL = "local"  # --scheduler local:N starts a LocalCluster of N worker processes
NOT_SHARED = (
    "input paths must be readable from every worker at the same path (a shared "
    "filesystem); see docs/scale.md"
)


class ClusterError(BatchError):
    """The cluster run cannot go on (no scheduler, workers without extractor); one line."""


# --- on the workers -------------------------------------------------------------------

# One model per process, whichever thread of the worker asks first; and one article at a
# time per process: spaCy's memory_zone (batch.analyse) is not safe across threads.
_loading = threading.Lock()
_analysing = threading.Lock()


def pipeline(model: str | None = None) -> Language:
    """This process's pipeline for `model`, loaded on first use and kept."""
    from extractor.analyse import default_pipeline  # lru_cache: one per process and model

    with _loading:
        return default_pipeline(model)


class ModelPlugin(WorkerPlugin):
    """Loads the model on every worker as it joins, before any task: a missing model is
    one error at registration, not one per task, and the first tasks do not wait."""

    idempotent = True  # registered again by the next run: nothing to do

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self.name = f"extractor-model-{model or 'default'}"

    def setup(self, worker: Any) -> None:
        pipeline(self.model)


def analyse_paths(
    paths: Iterable[str],
    *,
    model: str | None,
    cwd: str | None,
    options: ExtractOptions,
    skip: frozenset[str] = frozenset(),
) -> tuple[str | None, list[list[Item]]]:
    """The records of each path (`batch.analyse`), and which worker read them."""
    nlp = pipeline(model)
    results = []
    with _analysing:
        for path in paths:
            opened = os.path.join(cwd, path) if cwd else path
            records = batch.analyse(opened, nlp=nlp, options=options, skip=skip)
            results.append(_renamed(records, opened, path) if opened != path else records)
    return _worker_address(), results


def _partition(
    paths: Iterable[str], *, model: str | None, cwd: str | None, options: ExtractOptions
) -> list[RecordDict]:
    # Dicts, not structs: a bag is taken apart by key (`.pluck("people")`).
    _, results = analyse_paths(paths, model=model, cwd=cwd, options=options)
    return [record.to_dict() for records in results for record in records]


def _renamed(records: list[Item], opened: str, given: str) -> list[Item]:
    # Sources are the path as given (`feed.jsonl:7` for a line of a feed), as --jobs 1 writes.
    prefix, name = printable(opened), printable(given)
    for record in records:
        source = record.source
        if source is not None and source.startswith(prefix):
            record.source = name + source[len(prefix) :]
    return records


def _worker_address() -> str | None:
    try:
        return get_worker().address
    except ValueError:  # run by a scheduler without workers (dask.bag's default)
        return None


def _probe(path: str) -> bool:
    """On a worker: can it read `path`? (Sent by `run` before any work.)"""
    return os.access(path, os.R_OK)


# --- on the caller --------------------------------------------------------------------


def extract_bag(
    paths: Iterable[str | os.PathLike[str]] | db.Bag,
    *,
    model: str | None = None,
    options: ExtractOptions | None = None,
    partition_size: int = PARTITION_SIZE,
) -> db.Bag:
    """A bag of records, one per article, in the order of `paths`: the records `extract_many`
    yields as dicts (`to_dict()`, as written to JSON), error records included.

    `paths` is a `dask.bag.Bag` of path strings (kept partitioned as it is) or an iterable
    of paths (cut into partitions of `partition_size`). Workers read the files: every path
    must be readable from every worker; relative paths are taken from this process's
    directory. Each worker process loads the model once (register `ModelPlugin(model)` to
    load it up front). Nothing runs until the bag is computed:

        from distributed import Client
        from extractor.cluster import extract_bag
        client = Client("tcp://scheduler:8786")
        people = extract_bag(paths).pluck("people", []).flatten().pluck("name").frequencies()
        people.topk(10, key=1).compute()
    """
    if not isinstance(paths, db.Bag):
        names = [os.fspath(path) for path in paths]
        paths = db.from_sequence(names, partition_size=max(1, partition_size))
    options = options or ExtractOptions()
    return paths.map_partitions(_partition, model=model, cwd=os.getcwd(), options=options)


def run(
    paths: Iterable[str],
    *,
    scheduler: str,
    model: str | None = None,
    partition_size: int | None = None,
    options: ExtractOptions | None = None,
    skip: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, list[Item]]]:
    """(path, its records) for every path, in input order, analysed on a Dask cluster.

    `scheduler` is a scheduler address (`tcp://host:8786`) or `local:N` (a LocalCluster of
    N single-threaded worker processes, closed at the end). `options` and `skip` go to
    `batch.analyse`, as `batch.run` passes them. At most a few partitions per
    worker thread are in flight, so neither the cluster nor this process holds more than
    a window of results. Raises ClusterError if the cluster cannot be used.
    """
    paths = list(paths)
    if not paths:
        return
    with _connect(scheduler) as client:
        threads = _prepare(client, paths, model)
        size = partition_size or _partition_size(len(paths), threads)
        chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
        work = {"model": model, "options": options or ExtractOptions(), "skip": skip}
        yield from _ordered(client, chunks, work, window=4 * threads)


class _connect:
    """A Client of the scheduler given, or of a LocalCluster started for this run."""

    def __init__(self, scheduler: str) -> None:
        self.scheduler = scheduler
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None

    def __enter__(self) -> Client:
        import logging

        address: Any = self.scheduler
        workers = _local_workers(self.scheduler)
        try:
            if workers is not None:
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",  # this machine only
                    dashboard_address="127.0.0.1:0",  # None still takes port 8787 for HTTP
                    silence_logs=logging.ERROR,
                )
                address = self.cluster
            self.client = Client(address)
        except (OSError, ValueError) as error:  # ValueError: an unknown scheme, bogus://x
            self.__exit__()
            what = "start a local Dask cluster" if workers else "reach the Dask scheduler at"
            target = "" if workers else f" {self.scheduler}"
            raise ClusterError(f"cannot {what}{target}: {_one_line(error)}") from None
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _local_workers(scheduler: str) -> int | None:
    """N for `local:N`, the machine's CPUs for `local`; None for a scheduler address."""
    name, _, count = scheduler.partition(":")
    if name != LOCAL:
        return None
    if not count:
        return batch.default_jobs()
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(
            f"--scheduler {scheduler} is not an address: use tcp://host:8786 or local:N"
        )
    return int(count)


def _prepare(client: Client, paths: list[str], model: str | None) -> int:
    """Check the workers can work (extractor, model, the files); their number of threads."""
    threads = sum(client.nthreads().values())
    if not threads:
        raise ClusterError(f"the Dask scheduler at {client.scheduler.address} has no workers")
    try:
        client.register_plugin(ModelPlugin(model))
    except ModuleNotFoundError as error:
        raise ClusterError(
            f"a worker cannot load extractor ({_one_line(error)}): {_INSTALL}"
        ) from None
    except Exception as error:  # ModelNotFound, and anything else setup raised over there
        raise ClusterError(f"a worker cannot load the model: {_one_line(error)}") from None
    # One input the caller can read, asked of every worker: a cluster without the shared
    # filesystem fails here, once, rather than with an error record per article.
    sample = next((p for p in paths if os.access(p, os.R_OK) and os.path.isfile(p)), None)
    if sample is not None:
        where = os.path.abspath(sample)
        answers = client.run(_probe, where)
        blind = sorted(worker for worker, readable in answers.items() if not readable)
        if blind:
            raise ClusterError(f"worker {blind[0]} cannot read {where}: {NOT_SHARED}")
    return threads


_INSTALL = "install extractor[dask] on every worker (the same version as here)"


def _partition_size(count: int, threads: int) -> int:
    # Small inputs still spread over every worker; large ones in PARTITION_SIZE pieces.
    return max(1, min(PARTITION_SIZE, math.ceil(count / (4 * threads))))


def _ordered(
    client: Client,
    chunks: list[list[str]],
    work: dict[str, Any],
    *,
    window: int,
) -> Iterator[tuple[str, list[Item]]]:
    """Submit chunks, at most `window` in flight; yield their paths' records in order."""
    cwd = os.getcwd()
    done: dict[int, list[tuple[str, list[Item]]]] = {}
    inflight: dict[str, tuple[int, Any]] = {}  # future key -> (chunk number, future)
    running = as_completed()
    submitted = written = 0

    def submit(number: int) -> None:
        future = client.submit(
            analyse_paths,
            chunks[number],
            cwd=cwd,
            **work,  # model, options, skip: analyse_paths's keywords
            pure=False,
            priority=-number,  # earlier chunks first: the ordered output moves on
        )
        inflight[future.key] = (number, future)
        running.add(future)

    try:
        while submitted < min(window, len(chunks)):
            submit(submitted)
            submitted += 1
        for future in running:
            number, _ = inflight.pop(future.key)
            try:
                worker, results = future.result()
            except KilledWorker as error:  # a worker died on it, the allowed times over
                results, worker = [_lost(path, error) for path in chunks[number]], None
            except Exception as error:
                raise ClusterError(f"a task failed on the cluster: {_one_line(error)}") from None
            done[number] = [
                (path, _explained(path, records, worker))
                for path, records in zip(chunks[number], results, strict=True)
            ]
            while written in done:
                yield from done.pop(written)
                written += 1
                if submitted < len(chunks):
                    submit(submitted)
                    submitted += 1
    finally:  # stopped early (Ctrl-C, a failed task): the cluster drops the rest
        client.cancel([future for _, future in inflight.values()])


def _lost(path: str, error: BaseException) -> list[Item]:
    message = f"the worker processes analysing this input died ({type(error).__name__})"
    return [batch.error_record(printable(path), message)]


def _explained(path: str, records: list[Item], worker: str | None) -> list[Item]:
    # "no such file" for a file we can read here: the worker does not see our filesystem.
    if (
        worker is not None
        and len(records) == 1
        and isinstance(records[0], ErrorRecord)
        and records[0].error == "no such file"
        and os.path.isfile(path)
    ):
        return [batch.error_record(records[0].source, f"not found on {worker}: {NOT_SHARED}")]
    return records


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__
