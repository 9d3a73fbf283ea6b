"""The default database lives in the user's data folder, whose name has å and ö: Qt's standard
paths give …/Göteborgs Stad/Avtalsuppföljning (on Windows %LOCALAPPDATA%\\Göteborgs Stad\\Avtalsuppföljning,
which cannot be tested here). Checked in a child process with an ASCII-only locale, as a fresh start."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def test_default_database_goes_to_the_data_folder_named_with_a_ring_and_o_umlaut(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path),
           "LC_ALL": "C", "LANG": "C", "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    env.pop("PYTHONUTF8", None)
    result = subprocess.run([sys.executable, "-m", "desktop", "demo"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    db = tmp_path / "data" / "Göteborgs Stad" / "Avtalsuppföljning" / "rapporter.sqlite"
    assert db.is_file()
    listed = subprocess.run([sys.executable, "-m", "desktop", "export-json", result.stdout.strip()], env=env,
                            cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert listed.returncode == 0, listed.stderr
    assert '"area": "Lundby"' in listed.stdout


def test_the_app_has_its_own_icon_at_small_and_large_sizes(qapp):
    from desktop.app import create_app

    app = create_app()
    sizes = {size.width() for size in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    small = app.windowIcon().pixmap(16, 16).toImage()
    assert small.pixelColor(8, 1).name() == "#0067b1"  # Göteborg's blue to the edge, not a blank square


def test_on_windows_the_app_sets_its_app_user_model_id(monkeypatch):
    """Windows only (imitated): without it the taskbar groups the window under python.exe."""
    import ctypes
    import sys
    from types import SimpleNamespace

    from desktop.paths import APP_USER_MODEL_ID, set_windows_identity

    given = []
    shell32 = SimpleNamespace(SetCurrentProcessExplicitAppUserModelID=given.append)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(shell32=shell32), raising=False)
    set_windows_identity()
    assert given == [APP_USER_MODEL_ID]
