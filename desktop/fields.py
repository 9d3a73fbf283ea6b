"""Field widgets, one per field kind, created through one registry.

Each widget has `value()`, `set_value()` and a `value_changed` signal; the wizard page does not know
which kind it holds. Answers are plain strings (text, "ja"/"nej", a percentage as stored text);
the money table's value is its amounts (see desktop/money_table.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.colors import color, text_style
from desktop.spelling import check_spelling
from exports.content import render
from forms.answers import format_number
from forms.numbers import NumberError, decimal_to_text, parse_amount, parse_percent
from forms.report import Report
from forms.template import Field, Template
from forms.validate import number_problem


def info_html(template: Template, report: Report, f: Field) -> str:
    """A fixed text of the template (heading, paragraph, bullets) as Qt rich text for the wizard's label."""
    out = []
    if f.heading:
        out.append(f"<p><b>{html.escape(render(template, report, f.heading))}</b></p>")
    if f.text:
        out.append(f"<p>{html.escape(render(template, report, f.text))}</p>")
    if f.bullets:
        out.append("<ul>" + "".join(f"<li>{html.escape(render(template, report, b))}</li>" for b in f.bullets)
                   + "</ul>")
    return "".join(out)


TYPING_PAUSE_MS = 300  # with the autosave's 500 ms, an edit is on disk within a second


@dataclass
class FieldContext:
    """What a field widget needs besides its definition."""

    template: Template
    report: Report
    previous: Report | None = None
    # For a table whose rows come from other reports (the finance summary): row id -> where its
    # figures come from, worked out from the report as it is now.
    origins: Callable[[Report], dict[str, str]] | None = None
    # Offers Ångra after a removal (desktop/undo.py: message, a function that undoes and says so).
    offer_undo: Callable[[str, Callable[[], str]], None] | None = None

    def render(self, text: str) -> str:
        return self.template.render(text, self.report.area, self.report.year)


class TypingPause(QObject):
    """Hands an edit on TYPING_PAUSE_MS after its first unsaved key, not restarted by later keys, so a
    typist who never pauses is saved too; `commit()` hands it on at once (before every save)."""

    def __init__(self, hand_over: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self._hand_over = hand_over
        self.pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.commit)

    def touch(self) -> None:
        """A key was typed."""
        self.pending = True
        if not self._timer.isActive():
            self._timer.start()

    def forget(self) -> None:
        """The edit was replaced from outside (a stored value shown): nothing to hand on."""
        self.pending = False
        self._timer.stop()

    def commit(self) -> None:
        if self.pending:
            self.forget()
            self._hand_over()


class FieldWidget(QWidget):
    value_changed = Signal(object)

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.context = context
        self.setObjectName(f"field_{field.id}")

    def value(self):
        raise NotImplementedError

    def set_value(self, value) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        """The widget that gets the keyboard focus when a problem list sends the user here."""
        return self

    def commit(self) -> None:
        """Hand over an edit still held back (see TextFieldWidget); called before every save."""

    def focus_in_view(self, widget: QWidget, around: QWidget | None = None) -> None:
        """Give `widget` the keyboard and scroll the page so that it (and `around`: its question, the
        row it is in) can be seen — now, and again once the layout has settled: setFocus alone does not
        scroll, and a row just added (or a page not shown yet) has no place until the layouts ran."""
        import shiboken6
        from PySide6.QtWidgets import QScrollArea

        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is None:
            return

        def scroll() -> None:
            for target in (around, widget):  # a row rebuilt again since (pressed twice) is gone: skip it
                if target is not None and shiboken6.isValid(target):
                    area.ensureWidgetVisible(target, 0, 40)

        bar = area.verticalScrollBar()
        settled = []

        def once_settled(*_) -> None:
            # the page took its new height (the scroll bar's range changed), or a moment passed (a
            # moved row leaves the height as it was)
            if not settled:
                settled.append(True)
                bar.rangeChanged.disconnect(once_settled)
                scroll()

        scroll()
        bar.rangeChanged.connect(once_settled)
        QTimer.singleShot(50, area, once_settled)

    def _question_label(self, buddy: QWidget) -> QLabel:
        label = QLabel(html.escape(self.context.render(self.field.label)))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setStyleSheet("font-weight: 600;")
        label.setBuddy(buddy)
        buddy.setAccessibleName(self.context.render(self.field.label))
        return label


class InfoWidget(FieldWidget):
    """Fixed text of the template (purpose, instructions): read, not answered."""

    def __init__(self, field: Field, context: FieldContext, parent=None):
        super().__init__(field, context, parent)
        label = QLabel(info_html(context.template, context.report, field))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)

    def value(self):
        return None

    def set_value(self, value) -> None:
        pass


class TextFieldWidget(FieldWidget):
    """Free text with a live character counter; text over the limit is kept and shown in red."""

    def __init__(self, field: Field, context: FieldContext, parent=None):
        super().__init__(field, context, parent)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName(f"text_{field.id}")
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(110)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.counter = QLabel()
        self.counter.setObjectName(f"counter_{field.id}")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._question_label(self.editor))
        layout.addWidget(self.editor)
        bottom = QHBoxLayout()
        self.previous_box = self._previous_answer_box(layout, bottom)
        bottom.addStretch(1)
        bottom.addWidget(self.counter)
        layout.addLayout(bottom)
        if self.previous_box is not None:
            layout.addWidget(self.previous_box)
        # While typing, the text is handed on after a short pause, not per keystroke: copying out a
        # long answer (a pasted megabyte) for every key would make typing lag.
        self._pause = TypingPause(lambda: self.value_changed.emit(self.value()), self)
        self._over = None
        self.editor.textChanged.connect(self._on_text_changed)
        self._update_counter()
        self.spelling = check_spelling(self.editor, lambda: context.report)

    def _previous_answer_box(self, layout, bottom) -> QWidget | None:
        previous = self.context.previous
        text = previous.answer(self.field.id) if previous else ""
        if not text:
            return None
        toggle = QPushButton(f"Visa svaret från {previous.year}")
        toggle.setCheckable(True)
        toggle.setObjectName(f"previous_toggle_{self.field.id}")
        bottom.addWidget(toggle)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(12, 0, 0, 0)
        shown = QPlainTextEdit(text)
        shown.setReadOnly(True)
        shown.setMaximumHeight(110)
        shown.setAccessibleName(f"Svaret från {previous.year}")
        shown.setBackgroundRole(QPalette.ColorRole.AlternateBase)  # set apart, in the scheme's own colours
        shown.viewport().setBackgroundRole(QPalette.ColorRole.AlternateBase)
        copy = QPushButton("Kopiera in svaret")
        copy.setObjectName(f"previous_copy_{self.field.id}")
        copy.clicked.connect(lambda: self._copy_previous(text))
        box_layout.addWidget(QLabel(f"Svar i rapporten för {previous.year}:"))
        box_layout.addWidget(shown)
        box_layout.addWidget(copy, alignment=Qt.AlignmentFlag.AlignLeft)
        box.setVisible(False)
        toggle.toggled.connect(box.setVisible)
        return box

    def _copy_previous(self, text: str) -> None:
        current = self.value()
        self.set_value(f"{current}\n\n{text}" if current.strip() else text)
        self.value_changed.emit(self.value())

    def _on_text_changed(self) -> None:
        self._update_counter()
        self._pause.touch()

    def commit(self) -> None:
        self._pause.commit()

    def _update_counter(self) -> None:
        count = self.editor.document().characterCount() - 1  # without copying the text out
        limit = self.field.max_chars
        if limit is None:
            self.counter.setText(f"{count} tecken")
            return
        over = count > limit
        # Over the limit is a warning (forms/validate.py: it does not block "Klar"), said and painted as one.
        self.counter.setText(f"⚠ Varning: {count} / {limit} – {count - limit} tecken över mallens gräns" if over
                             else f"{count} / {limit}")
        if over != self._over:  # restyling is slow: only when crossing the limit
            self._over = over
            self.counter.setStyleSheet(text_style("warning", "font-weight: 600;") if over else text_style("muted"))
            self.editor.setStyleSheet(f"QPlainTextEdit {{ border: 2px solid {color('warning').name()}; }}" if over else "")

    def value(self) -> str:
        return self.editor.toPlainText()

    def set_value(self, value) -> None:
        text = value or ""
        if text == self.editor.toPlainText():
            return
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)  # a long answer is read from its start
        self.editor.blockSignals(False)
        self._pause.forget()
        self._update_counter()

    def focus_target(self) -> QWidget:
        return self.editor


class YesNoWidget(FieldWidget):
    """Ja/Nej as two radio buttons; unanswered until one is chosen."""

    def __init__(self, field: Field, context: FieldContext, parent=None):
        super().__init__(field, context, parent)
        # No mnemonics: "&Nej" took Alt+N from "&Nästa", and several Ja/Nej questions on a page would
        # share theirs. Tab reaches the pair, the arrow keys and Space choose.
        self.yes = QRadioButton("Ja")
        self.no = QRadioButton("Nej")
        self.yes.setObjectName(f"yes_{field.id}")
        self.no.setObjectName(f"no_{field.id}")
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        label = self._question_label(self.yes)
        question = context.render(field.label)
        self.yes.setAccessibleName(f"{question} Ja")
        self.no.setAccessibleName(f"{question} Nej")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        row = QHBoxLayout()
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        layout.addLayout(row)
        self.group.buttonToggled.connect(self._on_toggled)

    def _on_toggled(self, button, checked: bool) -> None:
        if checked:
            self.value_changed.emit(self.value())

    def value(self) -> str:
        if self.yes.isChecked():
            return "ja"
        if self.no.isChecked():
            return "nej"
        return ""

    def set_value(self, value) -> None:
        self.group.blockSignals(True)
        if value in ("ja", "nej"):
            (self.yes if value == "ja" else self.no).setChecked(True)
        else:
            self.group.setExclusive(False)
            self.yes.setChecked(False)
            self.no.setChecked(False)
            self.group.setExclusive(True)
        self.group.blockSignals(False)

    def focus_target(self) -> QWidget:
        return self.no if self.no.isChecked() else self.yes


class NumberEntry(FieldWidget):
    """A number typed the Swedish way, with its unit after it; what cannot be used is kept as typed,
    marked with a message, and blocks "Klar" (forms/validate.py)."""

    name_prefix = "number"

    def __init__(self, field: Field, context: FieldContext, parent=None):
        super().__init__(field, context, parent)
        self.editor = QLineEdit()
        self.editor.setObjectName(f"{self.name_prefix}_{field.id}")
        self.editor.setMaximumWidth(100)
        self.editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.message = QLabel()
        self.message.setStyleSheet(text_style("error"))
        self.message.setObjectName(f"message_{field.id}")
        self._value = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        label = self.label = self._question_label(self.editor)
        label.setStyleSheet("")
        row.addWidget(label)
        row.addWidget(self.editor)
        row.addWidget(QLabel(self.unit()))
        row.addWidget(self.message, 1)
        self.editor.textEdited.connect(self._on_edited)

    def unit(self) -> str:
        return self.field.unit

    def parse(self, text: str) -> Decimal | None:
        """The number, None for empty text; NumberError with a Swedish message otherwise."""
        if problem := number_problem(self.field, text):
            raise NumberError(problem)
        return parse_amount(text)

    def _on_edited(self, text: str) -> None:
        try:
            parsed = self.parse(text)
        except NumberError as exc:
            self.message.setText(str(exc))
            self._value = text.strip()
        else:
            self.message.setText("")
            self._value = decimal_to_text(parsed) if parsed is not None else ""
        self.value_changed.emit(self._value)

    def value(self) -> str:
        return self._value

    def set_value(self, value) -> None:
        self._value = value or ""
        try:
            parsed = self.parse(self._value)
        except NumberError as exc:
            self.message.setText(str(exc))
            self.editor.setText(self._value)
        else:
            self.message.setText("")
            self.editor.setText(format_number(parsed))

    def focus_target(self) -> QWidget:
        return self.editor


class PercentWidget(NumberEntry):
    """A share 0–100 %."""

    name_prefix = "percent"

    def unit(self) -> str:
        return "%"

    def parse(self, text: str) -> Decimal | None:
        return parse_percent(text)
