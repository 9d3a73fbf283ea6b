"""Child processes in tests: their environment is given explicitly (no developer settings leak in),
plus coverage.py's own variables, so a coverage run (docs/testing.md) measures the children too."""

from __future__ import annotations

import os


def child_env(**values: str) -> dict[str, str]:
    """Exactly `values`, and the COVERAGE_* variables of this process if there are any."""
    return {**{k: v for k, v in os.environ.items() if k.startswith("COVERAGE_")}, **values}
