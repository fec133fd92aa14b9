"""One writer per output: an exclusive lock held for the whole batch run.

Two runs writing the same `results.jsonl` (a second `--resume` started by mistake) would
swap its `.part` under each other and lose records. The lock is `flock` on a small file
beside the output (`results.jsonl.lock`, `DIR/.extract.lock`) holding the writer's pid, so
the second run is refused with who holds it. The kernel drops the lock when the holder
dies, however it dies; the file is removed when the run ends.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class LockHeld(Exception):
    """Another process holds the lock; `pid` is what it wrote (None if unreadable)."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(pid)
        self.pid = pid


class OutputLock:
    """`flock(LOCK_EX)` on `path`, taken at once or not at all (LockHeld)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = _read_pid(fd)
                os.close(fd)
                raise LockHeld(pid) from None
            # The holder before us may have removed the file after we opened it: a lock on
            # a removed file locks nothing another run can see, so take the new one.
            if _same_file(fd, path):
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        self.path.unlink(missing_ok=True)  # while still held: no one locks a file going away
        os.close(self.fd)
        self.fd = None


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
