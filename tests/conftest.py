"""Shared fixtures: the shipped templates, a fresh database in a temp dir, the Lundby demo report."""

from __future__ import annotations

import os
from datetime import date, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import time_machine  # noqa: E402

from forms.demo import demo_report  # noqa: E402
from forms.store import Store  # noqa: E402
from forms.template import TemplateLibrary  # noqa: E402
from tests.dialog_guard import expect_dialog, pytest_runtest_makereport  # noqa: E402, F401  (autouse: unexpected dialogs fail)

FROZEN_DAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def windows_fsync(monkeypatch):
    """Every test runs under Windows' rule for `os.fsync` (it needs a descriptor opened for
    writing): the app must keep it everywhere, and Linux alone would never say so."""
    from tests.windows_rules import ON_WINDOWS, WindowsFsync

    if ON_WINDOWS:
        yield None
        return
    rule = WindowsFsync()
    monkeypatch.setattr(os, "fsync", rule)
    yield rule


@pytest.fixture
def frozen_today():
    """The wall clock set to noon on FROZEN_DAY (local time) and ticking on from there: a test that
    compares with "today" cannot fail because it ran across midnight. Returns that day."""
    with time_machine.travel(datetime(2026, 11, 23, 12, 0).astimezone(), tick=True):
        assert date.today() == FROZEN_DAY
        yield FROZEN_DAY


@pytest.fixture
def stockholm():
    """The machine's time zone set to Europe/Stockholm (summer time ends on the last Sunday of October,
    02:00–02:59 twice; begins on the last Sunday of March, 02:00–02:59 never), restored afterwards."""
    import time

    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset (setting the time zone in the running process) does not exist on Windows")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Stockholm"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def pytest_ignore_collect(collection_path, config):
    """tests/desktop/realx needs a real X server: tests/desktop/test_real_x.py runs it on one."""
    if collection_path.name == "realx" and os.environ.get("QT_QPA_PLATFORM") != "xcb":
        return True
    return None


@pytest.fixture(scope="session")
def library() -> TemplateLibrary:
    return TemplateLibrary.load()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "rapporter.sqlite"


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def lundby(library):
    """The filled Lundby 2022 FCA follow-up from the seed, not yet stored."""
    return demo_report(library)


@pytest.fixture
def fca2022(library):
    return library.get("fca-uppfoljning", "2022")


@pytest.fixture
def db(tmp_path, capsys):
    """A database file holding the demo report, made through the command line as a user would."""
    from desktop.cli import main

    path = tmp_path / "r.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def grid_widget(qtbot, fca2022):
    """The FCA 2022 money grid on its own (cells by id: tests/desktop/money_grid.py)."""
    from desktop.fields import FieldContext
    from desktop.money_table import MoneyTableWidget
    from forms.report import Report

    widget = MoneyTableWidget(fca2022.field("ekonomi"), FieldContext(fca2022, Report("fca-uppfoljning", "2022", "Lundby", 2022)))
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def fca2023(library):
    return library.get("fca-uppfoljning", "2023")
