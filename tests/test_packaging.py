"""Every third-party module the package imports is one of its declared dependencies."""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "extractor"


def imported_top_level() -> set[str]:
    names = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"extractor"}


def test_every_imported_package_is_declared():
    declared = {
        r.split(";")[0]
        .split("[")[0]
        .split(">")[0]
        .split("=")[0]
        .split("<")[0]
        .strip()
        .lower()
        .replace("_", "-")
        for r in requires("extractor") or []
    }
    dists = packages_distributions()
    missing = []
    for module in sorted(imported_top_level()):
        owners = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        if not owners & declared:
            missing.append(module)
    # `distributed` comes with the declared `dask[distributed]` extra.
    assert [m for m in missing if m != "distributed"] == []
