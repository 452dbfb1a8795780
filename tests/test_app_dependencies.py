"""The apps depend on each other in one direction only, read from their import statements.

The agreement apps (the block library and template pages, versioning, personalised agreements,
accounts) are used by home, guidance and the seeding command, never the other way round, and
nothing imports the seeding command. Tests and factories may build whole sites, so they are
left out; everything else in each app is read, imports inside functions included.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: app: the top-level packages its code must never import.
FORBIDDEN = {
    "agreements": {"home", "guidance", "seeding", "personalised", "evidence", "following"},
    "versioning": {"home", "guidance", "seeding", "personalised", "evidence", "following"},
    "personalised": {"home", "guidance", "seeding"},
    "accounts": {"home", "guidance", "seeding", "personalised"},
    "guidance": {"seeding", "personalised"},
    "home": {"seeding", "personalised"},
    "search": {"seeding", "personalised"},
}


def app_modules(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts and path.name != "factories.py"
    ]


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports (relative imports stay inside its own app)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_code_never_imports_the_apps_that_build_on_it(app):
    modules = app_modules(app)
    if not (ROOT / app).is_dir():
        pytest.skip(f"{app} is not an app of this project")
    assert modules, f"no modules found in {app}/"
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[app])
        for path in modules
        if imported_packages(path) & FORBIDDEN[app]
    }
    assert wrong == {}


def test_the_reader_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from guidance.models import GuidancePage\n    import home\n")
    assert imported_packages(module) == {"guidance", "home"}
