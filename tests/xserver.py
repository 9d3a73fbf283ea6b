"""A real X server for the GUI tests that offscreen Qt cannot answer (focus, key events, mnemonics,
window sizes against the screen): Xvfb at a given screen size with the openbox window manager, whose
bottom margin stands in for the Windows taskbar (it is taken off the screen's available geometry)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

TASKBAR = 40  # device pixels at the bottom of the screen, as Windows' taskbar at 100 %

OPENBOX_RC = f"""<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>{TASKBAR}</bottom><left>0</left><right>0</right></margins>
  <focus><focusNew>yes</focusNew><followMouse>no</followMouse></focus>
  <placement><policy>Smart</policy><center>yes</center></placement>
  <desktops><number>1</number></desktops>
</openbox_config>
"""

NEEDED = ("Xvfb", "openbox", "xdotool", "setxkbmap")


def missing_programs() -> list[str]:
    return [name for name in NEEDED if shutil.which(name) is None]


@contextmanager
def x_session(width: int, height: int):
    """Start Xvfb (a free display number, chosen by Xvfb itself) and openbox; yields the
    environment for a child process that should run on it."""
    if missing := missing_programs():
        raise RuntimeError(f"{', '.join(missing)} not installed: apt-get install xvfb openbox xdotool x11-xkb-utils "
                           "(scripts/debian-packages.txt)")
    with tempfile.TemporaryDirectory(prefix="realx-") as folder:
        read_fd, write_fd = os.pipe()
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
             "-noreset"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        wm = None
        try:
            with os.fdopen(read_fd) as pipe:
                number = pipe.readline().strip()
            if not number:
                raise RuntimeError(f"Xvfb did not start (exit {server.poll()})")
            display = f":{number}"
            rc = Path(folder) / "rc.xml"
            rc.write_text(OPENBOX_RC, encoding="utf-8")
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": folder}
            env.pop("WAYLAND_DISPLAY", None)
            wm = subprocess.Popen(["openbox", "--config-file", str(rc)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _wait_for_window_manager(env)
            # A Swedish keyboard, as the coordinators have: xdotool then types å, ä, ö with the keys
            # themselves (characters it has to map onto a spare key code reach Qt unreliably).
            subprocess.run(["setxkbmap", "se"], env=env, check=True)
            yield env
        finally:
            for process in (wm, server):
                if process is not None:
                    process.terminate()
                    try:
                        process.wait(5)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()


def _wait_for_window_manager(env: dict, timeout: float = 10) -> None:
    """openbox is ready when it has published the EWMH desktop count on the root window."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        probe = subprocess.run(["xdotool", "get_num_desktops"], env=env, capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip().isdigit():
            return
        time.sleep(0.1)
    raise RuntimeError("openbox did not start on the Xvfb display")
