"""The real application as a user runs it, in its own process: it starts on a database, a report is
opened and a new one started from it, the window is closed, and the process ends cleanly."""

import subprocess
import sys
import textwrap

from forms.store import Store
from tests.processes import child_env

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    import desktop.cli as cli
    import desktop.dialogs as dialogs
    import desktop.main_window as main_window

    dialogs.run_dialog = lambda dialog: True  # "Skapa från förra året": the suggested area, as a user who clicks Skapa

    show = main_window.MainWindow.show

    def show_and_use(self):
        show(self)
        def use():
            self.refresh(1)
            self.open_selected()
            self.create_from_previous()
            QTimer.singleShot(800, self.close)
        QTimer.singleShot(200, use)

    main_window.MainWindow.show = show_and_use
    sys.exit(cli.main(["--db", sys.argv[1]]))
""")


def test_start_use_and_quit(tmp_path):
    db = tmp_path / "rapporter.sqlite"
    assert subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--db", str(db)],
                          capture_output=True, text=True, check=True).stdout.strip() == "1"
    env = child_env(QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(db)], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    reports = Store(db).list_reports()
    assert [(r.area, r.year) for r in reports] == [("Hisingen", 2023), ("Lundby", 2022)]
