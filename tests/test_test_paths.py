"""pytest collects only the folders `testpaths` names in pyproject.toml: an app whose tests are
missing from it is silently never tested (the `following` app's were, until this check)."""

import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_every_folder_with_tests_is_in_testpaths() -> None:
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    testpaths = set(config["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {
        folder.name
        for folder in PROJECT.iterdir()
        if folder.is_dir()
        and not folder.name.startswith(".")
        and folder.name not in {"node_modules", "media", "var", "static"}
        and (any(folder.glob("tests/test_*.py")) or any(folder.glob("test_*.py")))
    }

    assert with_tests, "no test folders found: the check itself is broken"
    assert "following" in with_tests
    assert with_tests <= testpaths, f"not collected: {sorted(with_tests - testpaths)}"
