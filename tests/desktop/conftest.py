"""GUI tests: settings go to a temp folder, never to the developer's own Qt settings."""

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    from desktop.style import install_style

    install_style(qapp)  # the app's row style, as the main window installs it once shown (for every test alike)
    QCoreApplication.setOrganizationName("Avtalsuppföljning-test")
    QCoreApplication.setApplicationName("tester")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def open_wizard(qtbot, library, db_path):
    """Store `report` in a fresh database and open it in a shown wizard with the keyboard focus,
    on the page of section `page` when one is given."""
    from desktop.wizard import ReportWizard
    from forms.store import Store
    from tests.desktop.keyboard import show_active

    def open_(report, page: str | None = None) -> ReportWizard:
        store = Store(db_path)
        wizard = ReportWizard(store, library, store.create_report(report))
        qtbot.addWidget(wizard)
        show_active(qtbot, wizard)
        if page:
            wizard.go_to_page(wizard.section_pages[page])
        return wizard

    return open_


@pytest.fixture(scope="session")
def _spell_service(qapp, tmp_path_factory):
    """The app's one spell checker for the whole run (the dictionary loads once, in the background),
    its copy of the dictionary in a temp folder."""
    from desktop import spelling

    service = spelling.SpellService(tmp_path_factory.mktemp("stavning"))
    spelling.set_spell_service(service)
    yield service
    spelling.set_spell_service(None)


@pytest.fixture(autouse=True)
def spelling_settings(isolated_settings, _spell_service):
    """Each test starts with its own (empty) word list, as its settings are its own."""
    _spell_service.forget_settings()
    yield _spell_service


@pytest.fixture
def plan(tmp_path):
    """The test template (tests/data/testplan-2030.toml, an action plan with rows tables) copied into a
    temp folder, as a new revision would be dropped in."""
    from pathlib import Path

    from forms.template import TemplateLibrary

    folder = tmp_path / "mallar"
    folder.mkdir()
    data = Path(__file__).resolve().parent.parent / "data" / "testplan-2030.toml"
    (folder / data.name).write_bytes(data.read_bytes())
    return TemplateLibrary.load(folder)


@pytest.fixture
def plan_wizard(qtbot, plan, db_path):
    """A new Centrum 2030 report of the test plan, open and active in the wizard on its first page of
    rows: (wizard, the report's id, the delmål 1 rows widget)."""
    from desktop.wizard import ReportWizard
    from forms.report import Report
    from forms.store import Store
    from tests.desktop.keyboard import show_active

    store = Store(db_path)
    report_id = store.create_report(Report("testplan", "2030", "Centrum", 2030))
    wizard = ReportWizard(store, plan, report_id)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)
    return wizard, report_id, wizard.currentPage().widgets["delmal_1"]
