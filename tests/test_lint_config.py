"""`make lint` runs the pre-commit hooks, and they must work offline from a clean clone after
`make install`: each is a local hook running a tool that requirements.txt or package-lock.json
pins, never a hook repository pre-commit would fetch."""

import json
import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]


def hooks() -> list[dict]:
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "only local hooks: no fetching"
    return config["repos"][0]["hooks"]


def test_every_hook_runs_a_tool_that_make_install_pins() -> None:
    requirements = (PROJECT / "requirements.txt").read_text()
    npm_pins = json.loads((PROJECT / "package.json").read_text())["devDependencies"]
    pinned_python = {
        match.group(1).lower()
        for match in re.finditer(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==\S+$", requirements, re.M)
    }

    for hook in hooks():
        assert hook["language"] == "system", hook["id"]
        tool = hook["entry"].split()[0]
        if tool.startswith(".venv/bin/"):
            assert tool.removeprefix(".venv/bin/") in pinned_python, hook["id"]
        else:
            assert tool.startswith("node_modules/.bin/"), hook["id"]
            assert tool.removeprefix("node_modules/.bin/") in npm_pins, hook["id"]


def test_make_lint_runs_the_hooks_on_every_file() -> None:
    makefile = (PROJECT / "Makefile").read_text()
    lint_recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)

    assert "pre-commit run --all-files" in lint_recipe
    assert {hook["id"] for hook in hooks()} >= {"ruff-check", "ruff-format", "djhtml", "stylelint"}
