"""Spell checking in the wizard, on the real widgets: the underline as the user types, a suggestion
chosen from the right-click menu (and autosaved), one's own word list across restarts, "Ignorera" for
one report only, switching it off, and the review page's line per page."""

import threading

import pytest
import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor

from desktop.spelling import SpellCheck, SpellService, own_words
from forms.report import Report
from forms.store import Store
from tests.desktop.keyboard import type_text

pytestmark = pytest.mark.usefixtures("spelling_settings")


@pytest.fixture
def service(spelling_settings):
    spelling_settings.ensure_loading()
    spelling_settings.wait_until_loaded()
    return spelling_settings


def underlined(editor) -> list[str]:
    """The words drawn with the spell-check underline in a text editor, read from the layout."""
    found = []
    block = editor.document().firstBlock()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                found.append(block.text()[r.start:r.start + r.length])
        block = block.next()
    return found


def text_widget(qtbot, open_wizard, service, report=None):
    wizard = open_wizard(report or Report("fca-uppfoljning", "2022", "Lundby", 2022), "styrning")
    qtbot.waitUntil(lambda: service.checker is not None, timeout=10000)
    widget = wizard.currentPage().widgets["aktiviteter_samverkan"]
    return wizard, widget


def point_of(editor, position: int) -> QPoint:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return editor.cursorRect(cursor).center()


def menu_at(qtbot, widget, position: int):
    """The right-click menu at `position`, once its suggestions (made in a worker thread) are in."""
    menu = widget.spelling.build_menu(point_of(widget.editor, position))
    qtbot.waitUntil(lambda: not [a for a in menu.actions() if a.objectName() == "spelling_pending"], timeout=5000)
    return menu


def test_a_misspelt_word_is_underlined_as_it_is_typed(qtbot, open_wizard, service):
    _, widget = text_widget(qtbot, open_wizard, service)
    type_text(widget.editor, "Vi har gjort markansföring för föräldrar")
    qtbot.waitUntil(lambda: underlined(widget.editor) == ["markansföring"], timeout=2000)


def test_a_suggestion_replaces_the_word_and_is_saved(qtbot, open_wizard, service, db_path):
    wizard, widget = text_widget(qtbot, open_wizard, service)
    type_text(widget.editor, "Vi har gjort markansföring.")
    qtbot.waitUntil(lambda: underlined(widget.editor) == ["markansföring"], timeout=2000)
    menu = menu_at(qtbot, widget, 15)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "marknadsföring" and "Ignorera" in texts and "Lägg till i ordlistan" in texts
    assert len([a for a in menu.actions() if a.objectName() == "spelling_suggestion"]) <= 5
    menu.actions()[0].trigger()
    assert widget.editor.toPlainText() == "Vi har gjort marknadsföring."
    assert underlined(widget.editor) == []
    reader = Store(db_path)
    qtbot.waitUntil(lambda: reader.load_report(wizard.report.id).answer("aktiviteter_samverkan")
                    == "Vi har gjort marknadsföring.", timeout=3000)
    widget.editor.undo()  # the replacement is one step of Ångra, like typing
    assert widget.editor.toPlainText() == "Vi har gjort markansföring."


class SlowDictionary:
    """Hunspell with its suggestions held back until `go` is set (at most 3 s): a word that takes it long."""

    def __init__(self, real):
        self.real, self.go, self.asked_from = real, threading.Event(), []

    def check(self, word):
        return self.real.check(word)

    def suggest(self, word):
        self.asked_from.append(threading.current_thread().name)
        self.go.wait(3)
        return self.real.suggest(word)


def slowed_widget(qtbot, open_wizard, service, text: str, misspelt: str):
    """A text answer holding `text`, `misspelt` underlined, and Hunspell's suggestions held back."""
    _, widget = text_widget(qtbot, open_wizard, service)
    type_text(widget.editor, text)
    qtbot.waitUntil(lambda: underlined(widget.editor) == [misspelt], timeout=2000)
    slow = SlowDictionary(service.checker._dictionary)
    service.checker._dictionary = slow
    return widget, slow


def test_the_menu_opens_at_once_and_takes_the_suggestions_when_they_are_made(qtbot, open_wizard, service):
    """Suggestions take Hunspell 10–250 ms a word: the menu must not wait for them on the GUI thread."""
    widget, slow = slowed_widget(qtbot, open_wizard, service, "Vi har ett samverkansavtallet.", "samverkansavtallet")
    menu = widget.spelling.build_menu(point_of(widget.editor, 15))
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Söker förslag …" and not menu.actions()[0].isEnabled()  # Hunspell still at work
    assert "Ignorera" in texts and "Lägg till i ordlistan" in texts  # the rest of the menu is there now
    menu.popup(widget.editor.mapToGlobal(point_of(widget.editor, 15)))
    slow.go.set()
    qtbot.waitUntil(lambda: menu.actions()[0].text() == "samverkansavtalet", timeout=5000)
    assert "Söker förslag …" not in [a.text() for a in menu.actions()] and menu.isVisible()
    assert slow.asked_from == ["stavningsförslag"]  # made in the worker thread, not the GUI's
    menu.actions()[0].trigger()
    assert widget.editor.toPlainText() == "Vi har ett samverkansavtalet."
    menu.close()
    # Asked again: the suggestions are remembered, the menu has them at once.
    type_text(widget.editor, " Och samverkansavtallet")
    qtbot.waitUntil(lambda: underlined(widget.editor) == ["samverkansavtallet"], timeout=2000)
    again = widget.spelling.build_menu(point_of(widget.editor, 40))
    assert again.actions()[0].text() == "samverkansavtalet" and slow.asked_from == ["stavningsförslag"]


def test_a_menu_closed_before_its_suggestions_come_is_left_alone(qtbot, open_wizard, service):
    widget, slow = slowed_widget(qtbot, open_wizard, service, "Vi har ett hälsofrämande arbete.", "hälsofrämande")
    menu = widget.spelling.build_menu(point_of(widget.editor, 15))
    menu.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(menu), timeout=2000)
    with qtbot.waitSignal(service.suggestions_made, timeout=5000):
        slow.go.set()
    assert widget.editor.toPlainText() == "Vi har ett hälsofrämande arbete."  # nothing replaced, nothing raised


def test_own_words_last_across_restarts_and_ignore_lasts_for_one_report(qtbot, open_wizard, service, tmp_path):
    wizard, widget = text_widget(qtbot, open_wizard, service)
    type_text(widget.editor, "Träff med Öbergg och Zylkowska")
    qtbot.waitUntil(lambda: underlined(widget.editor) == ["Öbergg", "Zylkowska"], timeout=2000)
    menu = menu_at(qtbot, widget, 12)
    next(a for a in menu.actions() if a.text() == "Lägg till i ordlistan").trigger()
    menu = menu_at(qtbot, widget, 25)
    next(a for a in menu.actions() if a.text() == "Ignorera").trigger()
    assert underlined(widget.editor) == []
    assert own_words() == {"Öbergg"}
    # A restart: a new checker reads the word list from the settings.
    restarted = SpellService(tmp_path / "stavning")
    restarted.ensure_loading()
    restarted.wait_until_loaded()
    qtbot.waitUntil(lambda: restarted.checker is not None, timeout=5000)
    assert [m.word for m in restarted.misspellings("Öbergg och Zylkowska", "annan-rapport")] == ["Zylkowska"]
    # Another report: the ignored word is flagged there.
    other = SpellCheck(widget.editor, lambda: "en-annan-rapport", service)
    assert [m.word for m in other.flagged()] == ["Zylkowska"]


def test_switching_it_off_removes_the_underlines_and_the_review_lines(qtbot, open_wizard, service):
    wizard, widget = text_widget(qtbot, open_wizard, service)
    type_text(widget.editor, "Vi har gjort markansföring")
    qtbot.waitUntil(lambda: underlined(widget.editor) == ["markansföring"], timeout=2000)
    service.set_enabled(False)
    assert underlined(widget.editor) == []
    menu = widget.spelling.build_menu(point_of(widget.editor, 15))
    assert "marknadsföring" not in [a.text() for a in menu.actions()]
    assert wizard.review.spelling_lines() == []
    service.set_enabled(True)
    assert underlined(widget.editor) == ["markansföring"]


def test_the_review_lists_flagged_words_per_page_and_leads_to_the_field(qtbot, open_wizard, service, lundby):
    from desktop.wizard import REVIEW_PAGE_ID

    wizard = open_wizard(lundby)
    qtbot.waitUntil(lambda: service.checker is not None, timeout=10000)
    wizard.go_to_page(REVIEW_PAGE_ID)
    lines = wizard.review.spelling_lines()
    assert lines and all("ord kan vara felstavade på sidan" in text for text, _ in lines)
    shown = [wizard.review.problems.item(i).text() for i in range(wizard.review.problems.count())]
    assert all(text in shown for text, _ in lines)
    # never blocks "Klar": the blocking problems are only the validation's
    assert not any("stavningen" in p.message for p in wizard.review.current_problems())
    text, field_id = lines[0]
    item = next(wizard.review.problems.item(i) for i in range(wizard.review.problems.count())
                if wizard.review.problems.item(i).text() == text)
    wizard.review.problems.itemClicked.emit(item)
    qtbot.waitUntil(lambda: wizard.currentPage() is not wizard.review, timeout=2000)
    assert field_id in wizard.currentPage().widgets


def test_the_one_line_answers_are_checked_too(qtbot, open_wizard, service, lundby):
    from desktop.wizard import REVIEW_PAGE_ID

    wizard = open_wizard(lundby)
    qtbot.waitUntil(lambda: service.checker is not None, timeout=10000)
    wizard.go_to_page(REVIEW_PAGE_ID)
    line = wizard.review.compiled_by
    line.setText("")
    type_text(line, "Åsa Öbergg")
    spelling = line.findChild(SpellCheck)
    qtbot.waitUntil(lambda: [m.word for m in spelling.flagged()] == ["Öbergg"], timeout=2000)
    qtbot.waitUntil(lambda: red_pixels(line) > 10, timeout=2000)  # the wavy line is drawn
    service.set_enabled(False)
    assert red_pixels(line) == 0
    service.set_enabled(True)


def red_pixels(widget) -> int:
    image = widget.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if (c := image.pixelColor(x, y)).red() - max(c.green(), c.blue()) > 60)


def test_redrawing_the_underlines_never_saves_an_answer(qtbot, open_wizard, service, lundby, db_path):
    """The dictionary becomes ready (or a word is added) while pages not yet visited hold no text:
    re-drawing their underlines is no edit, and no stored answer may be emptied by it."""
    stored = {k: v for k, v in lundby.answers.items() if v}
    wizard = open_wizard(lundby)  # the checker is loaded: each page's editors are checked as they are made
    from desktop.wizard import REVIEW_PAGE_ID

    service.changed.emit()
    wizard.go_to_page(REVIEW_PAGE_ID)  # every page is built on the way
    for _ in range(3):
        service.changed.emit()
        qtbot.wait(400)  # the text widget's typing pause is 300 ms
    assert wizard.saver.flush()
    assert Store(db_path).load_report(wizard.report.id).answers == stored


def test_the_tools_menu_switches_it_for_every_open_answer(qtbot, store, library, service):
    from desktop.main_window import MainWindow
    from desktop.settings import spelling_enabled

    window = MainWindow(store, library)
    qtbot.addWidget(window)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Verktyg")
    action = next(a for a in menu.actions() if a.objectName() == "spelling")
    assert action.text() == "&Stavningskontroll" and action.isCheckable() and action.isChecked()
    action.trigger()
    assert not spelling_enabled() and not service.active
    action.trigger()
    assert spelling_enabled() and service.active
