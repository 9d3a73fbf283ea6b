"""Tests that need something of the machine (LibreOffice, root for a tmpfs, chattr): where it is
missing the test is skipped with what to install, but never on CI — `.ci/run` installs everything and
sets AVTAL_TESTS_NEED_ALL=1, so a missing program there fails the run instead of passing it silently."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def missing(reason: str) -> None:
    """Skip the test (a developer's machine without the program), or fail it on CI."""
    if os.environ.get("AVTAL_TESTS_NEED_ALL") == "1":
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)


def soffice_convert(source: Path | list[Path], to: str, outdir: Path, profile: Path, timeout: int = 180) -> Path:
    """LibreOffice converts `source` (one file or several in one run; `to`: "docx", "pdf", a csv
    filter…) into `outdir`, with its own profile folder; returns the folder. Needs the real program:
    skipped without it (failed on CI)."""
    if shutil.which("soffice") is None:
        missing("LibreOffice (soffice) is not installed: apt-get install $(grep -v '^#' "
                "scripts/debian-packages-render.txt)")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", to,
                    "--outdir", str(outdir), *map(str, source if isinstance(source, list) else [source])],
                   check=True, capture_output=True, timeout=timeout)
    return outdir
