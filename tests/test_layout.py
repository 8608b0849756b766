"""The import contract of watcher's sub-packages, checked on the source with `ast`.

Why a test and not a convention: the pure core stays pure only while nothing lets a shell import
slip in, and a lazy import inside a function is as real a dependency as one at the top. Arrows
run app -> (demo, mail, store) -> settings -> core; each sub-package's `__init__` says the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "watcher"

# What each sub-package may import of watcher (besides itself and the top-level `watcher` package).
ALLOWED = {
    "core": set(),
    "settings": {"core"},
    "store": {"core", "settings"},
    "mail": {"core", "settings", "store"},
    "demo": {"core", "settings", "store", "mail"},
    "app": {"core", "settings", "store", "mail", "demo"},
}
# Third-party libraries that do I/O or drive a terminal: never in the core.
SHELL_LIBRARIES = {
    "imapclient", "sqlmodel", "sqlalchemy", "apprise", "apscheduler", "rich", "pymap", "psycopg",
}
# The only modules that may import demo: the CLI wiring.
DEMO_IMPORTERS = {"watcher.app.cli", "watcher.app.commands"}


def imports_of(source: str) -> list[tuple[int, str]]:
    """Every module a source imports, lazy imports included, as (line, dotted name)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found += [(node.lineno, node.module if node.module != "watcher" else name) for name in names]
    return found


def violations(root: Path) -> list[str]:
    """Each import that breaks the contract, as 'path:line: module imports target (why)'."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if len(parts) < 2 or parts[0] not in ALLOWED:
            continue
        package, module = parts[0], ".".join(("watcher", *parts)).removesuffix(".__init__")
        for line, target in imports_of(path.read_text("utf-8")):
            top, _, rest = target.partition(".")
            where = f"{path.relative_to(root.parent)}:{line}: {module} imports {target}"
            if top == "watcher" and rest:
                other = rest.split(".")[0]
                if other in ALLOWED and other != package and other not in ALLOWED[package]:
                    problems.append(f"{where} ({package} may not import {other})")
                elif other == "demo" and package != "demo" and module not in DEMO_IMPORTERS:
                    problems.append(f"{where} (only the CLI wiring imports demo)")
            elif package == "core" and top in SHELL_LIBRARIES:
                problems.append(f"{where} (the core does no I/O)")
    return problems


def test_the_package_keeps_the_contract() -> None:
    assert violations(PACKAGE) == []


def test_every_module_lives_in_a_sub_package() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}
    assert loose == set()


@pytest.mark.parametrize(("package", "module", "line", "why"), [
    ("core", "message", "import sqlmodel", "the core does no I/O"),
    ("core", "alerts", "def f():\n    from apprise import Apprise", "the core does no I/O"),
    ("core", "classify", "from watcher.store import tables", "core may not import store"),
    ("store", "ingest", "from watcher.mail.imap import SyncContext", "store may not import mail"),
    ("mail", "push", "from watcher import app", "mail may not import app"),
    ("settings", "config", "from watcher.app.logs import scrub", "settings may not import app"),
    ("app", "service", "from watcher.demo.run import run_demo", "only the CLI wiring imports demo"),
])
def test_a_wrong_import_is_caught(tmp_path: Path, package: str, module: str, line: str, why: str) -> None:
    (tmp_path / package).mkdir()
    (tmp_path / package / f"{module}.py").write_text(f"import json\n{line}\n", "utf-8")
    [problem] = violations(tmp_path)
    assert problem.endswith(f"({why})") and f"watcher.{package}.{module}" in problem


def test_allowed_imports_pass(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "cli.py").write_text("from watcher.demo.run import run_demo\nimport rich\n", "utf-8")
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "imap.py").write_text("from watcher.store.tables import Store\n", "utf-8")
    assert violations(tmp_path) == []
