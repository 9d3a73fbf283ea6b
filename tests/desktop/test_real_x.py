"""Runs tests/desktop/realx under a real X server with a window manager (Xvfb + openbox), where
keyboard focus, key events, mnemonics and window sizes behave as on a user's desktop — offscreen Qt
does not. Each configuration is its own child pytest process on the xcb platform: the scale factor
(QT_SCALE_FACTOR, as Windows' 125/150/200 %) is fixed when Qt starts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.xserver import x_session

REALX = Path(__file__).parent / "realx"
ROOT = Path(__file__).parents[2]
SCREENS = [(1366, 768), (1920, 1080)]
SCALES = ["1", "1.25", "1.5", "2"]


def run_realx(env: dict, *args: str, scale: str = "1") -> str:
    """One child pytest run of tests/desktop/realx on the X display in `env`; fails with its output
    unless every selected test ran and passed (none skipped, at least one selected)."""
    child_env = {**env, "QT_SCALE_FACTOR": scale, "QT_ENABLE_HIGHDPI_SCALING": "0"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", str(REALX), *args],
                          env=child_env, cwd=ROOT, capture_output=True, text=True, timeout=540)
    output = done.stdout[-6000:] + done.stderr[-3000:]
    assert done.returncode == 0, output
    assert re.search(r"\d+ passed", output) and not re.search(r"skipped|deselected \d+ .*0 passed", output), output
    return output


@pytest.mark.timeout(600)
def test_keyboard_under_real_x():
    """Typing right after Nästa/Tillbaka/a jump, Alt+N and Alt+T, mnemonics: at 150 % on a 1920×1080
    laptop screen, the default of most Windows laptops."""
    with x_session(1920, 1080) as env:
        run_realx(env, "-m", "not screen_fit and not row_heights", scale="1.5")


@pytest.mark.timeout(600)
@pytest.mark.parametrize("scale", SCALES)
def test_capitals_whole_under_real_x(scale):
    """Å, Ä, Ö whole in every table, tree and list row, at 100, 125, 150 and 200 %."""
    with x_session(1366, 768) as env:
        run_realx(env, "-m", "row_heights", scale=scale)


@pytest.fixture(scope="module", params=SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def x_screen(request):
    with x_session(*request.param) as env:
        yield request.param, env


@pytest.mark.timeout(600)
@pytest.mark.parametrize("scale", SCALES)
def test_screen_fit_under_real_x(x_screen, scale):
    """The wizard and every dialog inside the available geometry, per screen size and scale factor."""
    run_realx(x_screen[1], "-m", "screen_fit", scale=scale)
