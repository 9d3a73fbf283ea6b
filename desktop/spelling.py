"""Spell checking in the answers: a red wavy underline, suggestions on right-click, one's own word list.

One `SpellService` per application loads the Swedish dictionary in a background thread on first
need (never on the start path: loading takes ~0.7 s) and tells every checked editor when it is ready
or when the words change. Each editor is checked by its own highlighter: a QSyntaxHighlighter for the
multi-line answers (Qt re-checks only the paragraph that changed), the preedit formats of a QLineEdit
for one-line answers. Words are cached, so a keystroke costs a dictionary look-up only for a new word.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QInputMethodEvent, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from desktop.settings import set_spelling_enabled, settings_store, spelling_enabled
from forms.spelling import Misspelling, SpellChecker, SpellingUnavailable, domain_words, load_dictionary

OWN_WORDS_KEY = "spelling/own_words"
IGNORED_PREFIX = "spelling/ignored"
UNDERLINE = QColor("#d00000")
LINE_EDIT_PAUSE_MS = 150  # one-line answers are re-checked after a short pause, not per key


def _spell_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(UNDERLINE)
    return fmt


class SpellService(QObject):
    """The application's spell checker: loaded once, in the background; on or off for every editor."""

    changed = Signal()  # ready, switched on/off, a word added or ignored: re-check what is shown
    failed = Signal(str)

    def __init__(self, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.checker: SpellChecker | None = None
        self.error = ""
        self._folder = folder
        self._thread: threading.Thread | None = None
        self._ignored: dict[str, frozenset[str]] = {}  # read from the settings once per report
        self._enabled = spelling_enabled()
        self._loaded.connect(self._on_loaded)
        self._suggesting: set[str] = set()
        self._made.connect(self._on_made)

    _loaded = Signal(object, str)
    suggestions_made = Signal(str, object)  # a word and its suggestions, made in a worker thread
    _made = Signal(str, object)

    # --- state -------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        set_spelling_enabled(on)
        self._enabled = on
        if on:
            self.ensure_loading()
        self.changed.emit()

    @property
    def active(self) -> bool:
        return self.enabled and self.checker is not None

    def ensure_loading(self) -> None:
        if self.checker is not None or self._thread is not None or not self.enabled:
            return
        folder = self._folder or Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.CacheLocation)) / "stavning"
        own = own_words()

        def load() -> None:
            try:
                checker = SpellChecker(load_dictionary(folder), domain_words(), own)
            except SpellingUnavailable as error:
                self._loaded.emit(None, str(error))
            except Exception as error:  # the word list unreadable, …: said, not a silent dead thread
                self._loaded.emit(None, f"Stavningskontrollen kunde inte starta ({error}). Allt annat fungerar som vanligt.")
            else:
                self._loaded.emit(checker, "")

        self._thread = threading.Thread(target=load, name="stavning", daemon=True)
        self._thread.start()

    def wait_until_loaded(self, timeout: float = 30.0) -> bool:
        """For tests and benchmarks: block until the background load has finished."""
        if self._thread is not None:
            self._thread.join(timeout)
            QCoreApplication.sendPostedEvents(self)  # the result, queued from the loading thread
        return self._thread is not None and not self._thread.is_alive()

    def _on_loaded(self, checker: SpellChecker | None, error: str) -> None:
        self.checker, self.error = checker, error
        if checker is None:
            self.failed.emit(error)
        self.changed.emit()

    def request_suggestions(self, word: str) -> list[str] | None:
        """The word's suggestions when they were made before; else None, and `suggestions_made` brings
        them. Hunspell takes 10–250 ms a word: made in a worker thread, so a right-click's menu opens
        at once."""
        known = self.checker.known_suggestions(word)
        if known is not None:
            return known
        if word not in self._suggesting:
            self._suggesting.add(word)
            checker = self.checker

            def make() -> None:
                try:
                    found = checker.suggestions(word)
                except Exception:  # noqa: BLE001 - a word Hunspell cannot take: no suggestions, not a dead menu
                    found = []
                self._made.emit(word, found)

            threading.Thread(target=make, name="stavningsförslag", daemon=True).start()
        return None

    def _on_made(self, word: str, found: list[str]) -> None:
        self._suggesting.discard(word)
        self.suggestions_made.emit(word, found)

    # --- words -------------------------------------------------------------------------------
    def add_own_word(self, word: str) -> None:
        words = own_words()
        if word not in words:
            settings_store().setValue(OWN_WORDS_KEY, sorted(words | {word}))
        if self.checker is not None:
            self.checker.add_own(word)
        self.changed.emit()

    def ignore(self, report_key: str, word: str) -> None:
        ignored = self.ignored(report_key) | {word}
        settings_store().setValue(f"{IGNORED_PREFIX}/{report_key}", sorted(ignored))
        self._ignored[report_key] = ignored
        self.changed.emit()

    def ignored(self, report_key: str) -> frozenset[str]:
        if not report_key:
            return frozenset()
        if report_key not in self._ignored:
            self._ignored[report_key] = frozenset(_as_set(settings_store().value(f"{IGNORED_PREFIX}/{report_key}", [])))
        return self._ignored[report_key]

    def forget_settings(self) -> None:
        """Read the own and ignored words again (tests: each test has its own settings)."""
        self._ignored.clear()
        self._enabled = spelling_enabled()
        if self.checker is not None:
            self.checker.own = {w for w in own_words()}

    def misspellings(self, text: str, report_key: str) -> list[Misspelling]:
        if not self.active or not text:
            return []
        return self.checker.misspellings(text, self.ignored(report_key))


def _as_set(value) -> set[str]:
    if isinstance(value, str):  # QSettings gives a one-element list back as a plain string
        return {value} if value else set()
    return {str(v) for v in value or []}


def own_words() -> set[str]:
    """The user's own word list ("Lägg till i ordlistan"), kept with the settings: it survives updates."""
    return _as_set(settings_store().value(OWN_WORDS_KEY, []))


def report_key(report) -> str:
    """What "Ignorera" is kept under: the report (its id and when it was made, so that another
    database's report with the same id does not share it)."""
    if report is None or report.id is None:
        return ""
    return f"{report.id}-{''.join(c for c in report.created_at if c.isdigit())}"


_service: SpellService | None = None


def spell_service() -> SpellService:
    global _service
    if _service is None:
        _service = SpellService()
    return _service


def set_spell_service(service: SpellService | None) -> None:
    """Tests give each test its own service (and settings)."""
    global _service
    _service = service


class _DocumentHighlighter(QSyntaxHighlighter):
    def __init__(self, editor: QPlainTextEdit, service: SpellService, key: Callable[[], str]):
        super().__init__(editor.document())
        self.service = service
        self.key = key
        self.format = _spell_format()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        for m in self.service.misspellings(text, self.key()):
            self.setFormat(m.start, m.end - m.start, self.format)


class SpellCheck(QObject):
    """Spell checking of one editor: underline, and the right-click menu with suggestions."""

    def __init__(self, editor: QPlainTextEdit | QLineEdit, key: Callable[[], str],
                 service: SpellService | None = None):
        super().__init__(editor)
        self.editor = editor
        self.service = service or spell_service()
        self.key = key
        self._highlighter = None
        self._line_timer = None
        if isinstance(editor, QPlainTextEdit):
            self._highlighter = _DocumentHighlighter(editor, self.service, key)
        else:
            self._line_timer = QTimer(self)
            self._line_timer.setSingleShot(True)
            self._line_timer.setInterval(LINE_EDIT_PAUSE_MS)
            self._line_timer.timeout.connect(self.recheck)
            editor.textChanged.connect(lambda _text: self._line_timer.start())
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self._show_menu)
        self.service.changed.connect(self.recheck)
        self.service.ensure_loading()
        if self.service.active:
            self.recheck()

    # --- underline ---------------------------------------------------------------------------
    def recheck(self) -> None:
        # Re-drawing the underlines changes formats, not text, but the editors announce it as a text
        # change: unannounced, or an answer not loaded into its page yet would be saved as empty.
        blocked = self.editor.blockSignals(True)
        try:
            self._recheck()
        finally:
            self.editor.blockSignals(blocked)

    def _recheck(self) -> None:
        if self._highlighter is not None:
            self._highlighter.rehighlight()
            return
        # QLineEdit has no document: its text is underlined through input-method formats, the way
        # an input method marks a word it is composing (positions relative to the cursor).
        editor: QLineEdit = self.editor
        cursor = editor.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, m.start - cursor,
                                        m.end - m.start, _spell_format())
            for m in self.service.misspellings(editor.text(), self.key())]
        event = QInputMethodEvent("", attributes)
        editor.inputMethodEvent(event)

    def flagged(self) -> list[Misspelling]:
        """The words underlined now (what the user sees)."""
        return self.service.misspellings(self._text(), self.key())

    def _text(self) -> str:
        return self.editor.toPlainText() if isinstance(self.editor, QPlainTextEdit) else self.editor.text()

    # --- right-click -------------------------------------------------------------------------
    def word_at(self, position: int) -> Misspelling | None:
        """The flagged word at a character position of the editor's text."""
        for m in self.flagged():
            if m.start <= position <= m.end:
                return m
        return None

    def _position_at(self, point) -> int:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.cursorForPosition(point).position()
        return self.editor.cursorPositionAt(point)

    def build_menu(self, point) -> QMenu:
        standard = self.editor.createStandardContextMenu()
        menu = QMenu(self.editor)
        flagged = self.word_at(self._position_at(point)) if self.service.active else None
        if flagged is not None:
            suggestions = self.service.request_suggestions(flagged.word)
            if suggestions is None:  # being made: the menu opens now and takes them when they come
                pending = menu.addAction("Söker förslag …")
                pending.setObjectName("spelling_pending")
                pending.setEnabled(False)
                self._suggest_later(menu, pending, flagged)
            else:
                self._add_suggestions(menu, None, suggestions, flagged)
            menu.addSeparator()
            menu.addAction("Ignorera", lambda m=flagged: self.service.ignore(self.key(), m.word)).setObjectName(
                "spelling_ignore")
            menu.addAction("Lägg till i ordlistan", lambda m=flagged: self.service.add_own_word(m.word)).setObjectName(
                "spelling_add")
            menu.addSeparator()
        for act in standard.actions():
            act.setParent(menu)
            menu.addAction(act)
        menu.addSeparator()
        toggle = menu.addAction("Stavningskontroll")
        toggle.setObjectName("spelling_toggle")
        toggle.setCheckable(True)
        toggle.setChecked(self.service.enabled)
        toggle.toggled.connect(self.service.set_enabled)
        standard.deleteLater()
        return menu

    def _add_suggestions(self, menu: QMenu, before: QAction | None, suggestions: list[str],
                         flagged: Misspelling) -> None:
        made = []
        for suggestion in suggestions or ["(Inga förslag)"]:
            act = QAction(suggestion, menu)
            if suggestions:
                act.setObjectName("spelling_suggestion")
                act.triggered.connect(lambda _=False, s=suggestion, m=flagged: self.replace(m, s))
            else:
                act.setEnabled(False)
            made.append(act)
        if before is None:
            menu.addActions(made)
        else:
            menu.insertActions(before, made)

    def _suggest_later(self, menu: QMenu, pending: QAction, flagged: Misspelling) -> None:
        def made(word: str, found: list[str]) -> None:
            if word != flagged.word:
                return
            self.service.suggestions_made.disconnect(made)
            if not shiboken6.isValid(menu):  # closed meanwhile: nothing to fill
                return
            self._add_suggestions(menu, pending, found, flagged)
            menu.removeAction(pending)
            if menu.isVisible():
                menu.adjustSize()

        self.service.suggestions_made.connect(made)

    def _show_menu(self, point) -> None:
        menu = self.build_menu(point)
        # popup, not exec(): no nested event loop (autosave timers and the background load go on)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.editor.mapToGlobal(point))

    def replace(self, flagged: Misspelling, word: str) -> None:
        """Put a suggestion in the misspelt word's place, as if typed: undoable and autosaved."""
        if isinstance(self.editor, QPlainTextEdit):
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(flagged.start)
            cursor.setPosition(flagged.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(word)
        else:
            self.editor.setSelection(flagged.start, flagged.end - flagged.start)
            self.editor.insert(word)  # emits textEdited, like typing


def check_spelling(editor: QPlainTextEdit | QLineEdit, report_of: Callable[[], object]) -> SpellCheck:
    """Spell-check `editor`, an answer of the report `report_of()` returns."""
    return SpellCheck(editor, lambda: report_key(report_of()))


def spelling_widgets(root: QWidget) -> list[SpellCheck]:
    return root.findChildren(SpellCheck)
