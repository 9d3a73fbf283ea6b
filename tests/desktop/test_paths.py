"""The default database lives in the user's data folder, whose name has å and ö: Qt's standard
paths give …/Göteborgs Stad/Avtalsuppföljning (on Windows %APPDATA%\\Göteborgs Stad\\Avtalsuppföljning,
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
