"""Which files a batch reads: paths, folders walked, glob patterns, each once, in order.

A folder it may not list or a file it may not read is found here, and becomes an error
record in its place rather than an exception."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

# Files a folder walk takes as articles (a file named explicitly is read whatever its name):
# what the readers read, plain text, HTML pages and JSON / JSON Lines feeds, and Markdown.
ARTICLE_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".shtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".jsonlines",
)


@dataclass(frozen=True)
class Input:
    """One path to analyse, and its name relative to the folder or pattern it came from.

    `error` is set when the walk already knows it cannot be read (a folder it may not
    list): it gets an error record in its place without going to a worker.
    """

    path: str
    relative: str
    error: str | None = None


# --- finding the articles -------------------------------------------------------------


def find_inputs(
    sources: Iterable[str],
    *,
    expand: bool = True,
    problems: list[str] | None = None,
    seen: set[str] | None = None,
    skip: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Input]:
    """Expand folders (recursively) and glob patterns into article paths, in a stable order.

    A folder yields its files named *.txt, *.text, *.md (ARTICLE_SUFFIXES), skipping hidden
    files and folders; a pattern (`feeds/**/*.txt`) yields its matches sorted, folders among
    them walked. Anything else, and every source when `expand` is False (--files-from), is
    one article path as it is: a missing file or a directory becomes an error record when
    read. A folder or pattern that yields nothing is described in `problems`. A path already
    in `seen` (shared between calls) is skipped, and so are the files and folders in `skip`
    (our own output, which may lie inside the folder being read).
    """
    seen = set() if seen is None else seen
    outputs = _identities(skip)
    for source in sources:
        found = 0
        if expand:
            items = _expand(source, outputs)
        else:
            items = iter([Input(source, _plain_relative(source))])
        for item in items:
            found += 1
            key = os.path.normpath(item.path)
            if key not in seen:
                seen.add(key)
                yield item
        if not found and problems is not None and expand and expands(source):
            problems.append(
                f"{source}: is a directory with no articles in it ({', '.join(ARTICLE_SUFFIXES)})"
                if os.path.isdir(source)
                else f"{source}: no file matches this pattern"
            )


def expands(source: str) -> bool:
    """True when `source` names a folder or a glob pattern rather than one article."""
    return not _is_plain(source)


def _is_plain(source: str) -> bool:
    if os.path.isdir(source):
        return False
    return not glob.has_magic(source) or os.path.lexists(source)


def _expand(source: str, skip: frozenset[tuple[int, int]]) -> Iterator[Input]:
    if os.path.isdir(source):
        yield from _walk(source, source, skip)
    elif _is_plain(source):
        yield Input(source, _plain_relative(source))
    else:
        root = _pattern_root(source)
        for match in sorted(glob.iglob(source, recursive=True)):
            if os.path.isdir(match):
                for item in _walk(match, match, skip):
                    yield replace(item, relative=os.path.relpath(item.path, root))
            elif _identity(match) not in skip:
                yield Input(match, os.path.relpath(match, root))


def _walk(
    root: str,
    folder: str,
    skip: frozenset[tuple[int, int]],
    visited: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[Input]:
    try:
        info = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        # Its files cannot even be named: the folder itself gets the error record, so the
        # articles in it are not lost without a word.
        yield Input(folder, os.path.relpath(folder, root), error=os_reason(error))
        return
    here = (info.st_dev, info.st_ino)
    if here in visited or here in skip:  # a symlink back up the tree; our output folder
        return
    visited = visited | {here}
    inodes = {inode for _, inode in skip}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(root, entry.path, skip, visited)
        elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and _is_article_file(entry):
            if entry.inode() in inodes and _identity(entry.path) in skip:
                continue  # our own results.jsonl, read back as a feed on the next run
            yield Input(entry.path, os.path.relpath(entry.path, root))


def os_reason(error: OSError) -> str:
    """The OS's reason in the words the readers use for files ("permission denied")."""
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _identities(paths: Iterable[str | os.PathLike[str]]) -> frozenset[tuple[int, int]]:
    return frozenset(i for i in map(_identity, paths) if i is not None)


def _is_article_file(entry: os.DirEntry[str]) -> bool:
    # Regular files, and symlinks even when broken (reported when read); never a FIFO or a
    # device, whose read would block or never end.
    if entry.is_symlink():
        try:
            return stat.S_ISREG(os.stat(entry.path).st_mode)
        except OSError:
            return True
    return entry.is_file()


def _pattern_root(pattern: str) -> str:
    parts: list[str] = []
    for part in pattern.split(os.sep):
        if glob.has_magic(part):
            break
        parts.append(part)
    return os.sep.join(parts) or os.curdir


def _plain_relative(path: str) -> str:
    # Mirror the path as given, inside the output folder: no root, no "..".
    parts = [p for p in os.path.normpath(path).split(os.sep) if p not in ("", os.curdir, os.pardir)]
    return os.path.join(*parts) if parts else os.path.basename(path)
