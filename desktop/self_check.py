"""`avtalsuppfoljning self-check`: open the windows a user would see and print what they show.

For CI and a new installation (the frozen bundle above all): it proves that Qt's platform plugin and
Swedish translation, the templates, the database, the report list and the wizard all load. It checks
nothing itself: the caller compares the printed lines with what it expects (scripts/smoke-app.sh).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWizard

from desktop.app import create_app, load_templates
from desktop.main_window import MainWindow
from forms.store import Store

QT_BUTTONS = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
              QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)


def spelling_line() -> str:
    """What the spell checker makes of a misspelt word, as in an answer: the Swedish dictionary and
    the Enchant/Hunspell libraries are in the bundle and load."""
    from desktop.spelling import spell_service

    service = spell_service()
    service.ensure_loading()
    if not service.wait_until_loaded() or service.checker is None:
        return f"stavning: fungerar inte ({service.error or 'laddades inte'})"
    flagged = [m.word for m in service.checker.misspellings("Vi har gjort markansföring i stadsområdet.")]
    suggestions = service.checker.suggestions("markansföring") if flagged else []
    return f"stavning: flaggar {', '.join(flagged) or 'inget'}; förslag: {', '.join(suggestions[:3])}"


def run(db_path: Path, open_report: int | None = None) -> int:
    app = create_app()
    library = load_templates()  # as the app's start does, its cache included
    store = Store(db_path)
    try:
        window = MainWindow(store, library)
        window.show()
        seen = []

        def shown_then_quit():  # inside one pass of the event loop, as at a real start
            seen.append(f"rapportlista: {window.table.rowCount()} rapporter, visas: {'ja' if window.isVisible() else 'nej'}")
            app.quit()

        QTimer.singleShot(0, shown_then_quit)
        app.exec()
        print(*seen)
        plain = QWizard()  # Qt's own texts, from qtbase_sv.qm (our wizard sets its own)
        print("Qt:s knappar:", " | ".join(plain.buttonText(button) for button in QT_BUTTONS))
        sizes = sorted(size.width() for size in app.windowIcon().availableSizes())
        print(f"fönsterikon: {', '.join(map(str, sizes)) or 'saknas'} px")
        if open_report is not None:
            wizard = window.open_report(open_report)
            app.processEvents()
            print(f"guiden: {wizard.windowTitle()} – {len(wizard.pageIds())} sidor, "
                  f"sida: {wizard.currentPage().title()}")
            print(spelling_line())
            wizard.close()
        window.close()
        QTimer.singleShot(0, app.quit)  # closing is finished in the event loop (the wizard's autosave)
        app.exec()
    finally:
        store.close()
    return 0
