"""forms/ and exports/ stay free of Qt: they are tested and used without a QApplication."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_packages_do_not_import_qt():
    offenders = []
    for package in ("forms", "exports"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ("PySide6", "desktop")]
    assert offenders == []
