"""Case 2: a folder the walk may not list is an error record, not a silent gap.

As a user other than root, chmod 000 does it (under root the test runs the command as
`nobody`, when that user can run it); an injected PermissionError does it everywhere.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys

import pytest

from extractor import batch
from extractor.schema import SCHEMA_VERSION

from .conftest import ROOT, SAMPLE, batch_contract, cli, is_root, records_of


def nobody() -> dict[str, int] | None:
    """subprocess arguments to run as `nobody`, if it exists and can import extractor."""
    try:
        user = pwd.getpwnam("nobody")
    except KeyError:
        return None
    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import extractor.cli"],
            user=user.pw_uid,
            group=user.pw_gid,
            capture_output=True,
            cwd="/",
        )
    except OSError:  # the interpreter itself is out of its reach (under /root, say)
        return None
    return {"user": user.pw_uid, "group": user.pw_gid} if probe.returncode == 0 else None


def test_a_folder_without_permission_is_an_error_record_as_a_user(world_dir):
    # Only the locked folder: no article can be read, so no model is loaded (exit 2).
    locked = world_dir / "d" / "locked"
    locked.mkdir(parents=True)
    shutil.copy(SAMPLE, locked / "a.txt")
    locked.chmod(0o000)
    as_user = {} if not is_root() else nobody()
    if as_user is None:
        locked.chmod(0o755)
        pytest.skip("running as root, and user nobody cannot run extract here")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "extractor", str(world_dir / "d")],
            capture_output=True,
            text=True,
            cwd="/",
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            **as_user,
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert records_of(result.stdout) == [
        {"schema_version": SCHEMA_VERSION, "source": str(locked), "error": "permission denied"}
    ]
    assert f"extract: {locked}: permission denied" in result.stderr.splitlines()


def test_a_folder_without_permission_is_an_error_record_everywhere(tmp_path, monkeypatch):
    folder = tmp_path / "d"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "a.txt")
    shutil.copy(SAMPLE, folder / "locked" / "b.txt")
    scandir = os.scandir

    def refusing(path):
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(batch.os, "scandir", refusing)
    result = cli(folder, "-j", "1", "--only", "people")
    batch_contract(result, 1, [str(folder / "a.txt"), str(folder / "locked")])
    locked = {"source": str(folder / "locked"), "error": "permission denied"}
    assert {"schema_version": SCHEMA_VERSION, **locked} in records_of(result.stdout)
    assert "1 failed" in result.stderr
