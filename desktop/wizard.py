"""The report wizard: one page per template section, generated from the definition, and a last
page that lists every remaining problem and marks the report "Klar"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop import dialogs, settings
from desktop.autosave import AutoSaver, Merge
from desktop.colors import color, text_style
from desktop.fields import FieldContext, FieldWidget
from desktop.registry import create_field_widget
from desktop.report_actions import ReportActions
from desktop.report_sync import ReportSync
from desktop.save_banner import NoticeBanner, SaveProblemBanner
from desktop.screen import fit_on_screen, remember_size, remembered_size
from desktop.spelling import check_spelling, report_key, spell_service
from desktop.undo import UndoBar
from desktop.wrapping_list import WrappingList
from forms import times
from forms.numbers import count
from forms.report import Report, is_visible, title
from forms.store import Store
from forms.template import Section, Template, TemplateLibrary
from forms.validate import SIGNATURE_SECTION, Problem, blocking, validate

REVIEW_PAGE_ID = 1000
DEFAULT_SIZE = QSize(980, 760)


def page_heading(text: str, subtitle: str) -> QWidget:
    """A page's title and the report's name, wrapping (QWizard's own title label does not wrap, and
    a long section title widened the whole window)."""
    box = QWidget()
    box.setObjectName("page_heading")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 6)
    layout.setSpacing(2)
    heading = QLabel(text)
    heading.setObjectName("page_title")
    heading.setWordWrap(True)
    heading.setTextFormat(Qt.TextFormat.PlainText)
    heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
    heading.setAccessibleName(text)
    under = QLabel(subtitle)
    under.setWordWrap(True)
    under.setTextFormat(Qt.TextFormat.PlainText)
    under.setStyleSheet(text_style("muted"))
    layout.addWidget(heading)
    layout.addWidget(under)
    return box


def align_number_boxes(widgets: list[FieldWidget]) -> None:
    """Short-labelled number and percent boxes on one page start in one column ("FCA-koordinator:"
    and "FC-samordnare:" put theirs 5 px apart)."""
    from desktop.fields import NumberEntry

    labels = [w.label for w in widgets if isinstance(w, NumberEntry)]
    widths = [label.fontMetrics().horizontalAdvance(label.text()) for label in labels]
    short = [(label, width) for label, width in zip(labels, widths, strict=True) if width <= 320]
    if len(short) > 1:
        column = max(width for _, width in short) + 4
        for label, _ in short:
            label.setFixedWidth(column)


class SectionPage(QWizardPage):
    """Any section of any template: its fields, top to bottom, in the template's order."""

    def __init__(self, section: Section, context: FieldContext, saver: AutoSaver):
        super().__init__()
        self.section = section
        self.context = context
        self.saver = saver
        self.widgets: dict[str, FieldWidget] = {}
        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(14)
        for f in section.fields:
            widget = create_field_widget(f, context)
            widget.value_changed.connect(lambda value, field=f: self._on_changed(field, value))
            self.widgets[f.id] = widget
            column.addWidget(widget)
        column.addStretch(1)
        align_number_boxes(list(self.widgets.values()))
        self.scroll = QScrollArea()
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing goes to a question, never to the frame
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = context.render(section.title)
        layout.addWidget(page_heading(self.heading, title(context.template, context.report)))
        layout.addWidget(self.scroll)

    def title(self) -> str:
        """The page's title, shown by the page itself (see page_heading), not by QWizard."""
        return self.heading

    def _on_changed(self, field, value) -> None:
        if field.kind == "money_table":
            self.saver.set_amounts(field.id, value)
        else:
            self.saver.set_answer(field.id, value)
        if self.context.report.status == "klar":
            self.saver.set_meta(status="utkast")  # an edited report has to be checked again
        self._update_visibility()

    def _update_visibility(self) -> None:
        for field_id, widget in self.widgets.items():
            widget.setVisible(is_visible(self.context.template, self.context.report, field_id))

    def initializePage(self) -> None:
        report = self.context.report
        for field_id, widget in self.widgets.items():
            f = widget.field
            if f.kind == "money_table":
                widget.set_value(report.tables.get(field_id, {}))
            elif f.is_answer or f.kind == "rows":
                widget.set_value(report.answer(field_id))
        self._update_visibility()

    def first_question(self) -> FieldWidget | None:
        """The first question shown on the page; None on a page of the template's text only."""
        return next((w for w in self.widgets.values() if w.field.kind != "info" and not w.isHidden()), None)

    def focus_first(self) -> None:
        """Keyboard users start typing at the page's first question, shown from the top of the page.
        Called after QWizard has placed its own focus (on the page's first focusable child)."""
        self.scroll.verticalScrollBar().setValue(0)
        first = self.first_question()
        if first is None:
            self.wizard().button(QWizard.WizardButton.NextButton).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.focus_field(first.field.id)

    def cleanupPage(self) -> None:
        """Going back keeps what was typed (QWizard's default would reset the page)."""

    def validatePage(self) -> bool:
        self.saver.flush()
        return True

    def focus_field(self, field_id: str) -> None:
        widget = self.widgets[field_id]
        widget.focus_in_view(widget.focus_target(), around=widget)


class DateEdit(QDateEdit):
    """A date field that Tab leaves, as every other field (and Windows' own date fields) do; the arrow
    keys move between year, month and day. Qt's QDateEdit spends Tab on its sections, so a keyboard
    user needed three extra Tabs to reach "Markera som klar"."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        return QWidget.focusNextPrevChild(self, forward)


class ReviewPage(QWizardPage):
    """The last page: every remaining problem (double-click goes to the field), name and date."""

    problem_activated = Signal(str)

    def __init__(self, context: FieldContext, saver: AutoSaver):
        super().__init__()
        self.context = context
        self.saver = saver
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = WrappingList(air=4)
        self.problems.setObjectName("problems")
        self.problems.setAccessibleName("Kvarstående problem")
        self.problems.itemActivated.connect(self._on_activated)
        self.problems.itemClicked.connect(self._on_activated)
        # the dictionary loads in the background: its lines come when it is ready (or switched on/off)
        spell_service().changed.connect(self._on_spelling_changed)
        self.compiled_by = QLineEdit()
        self.compiled_by.setObjectName("compiled_by")
        self.compiled_by.setAccessibleName("Sammanställd av")
        self.compiled_by.textEdited.connect(lambda text: self._changed(compiled_by=text))
        check_spelling(self.compiled_by, lambda: context.report)
        self.compiled_date = DateEdit()
        self.compiled_date.setObjectName("compiled_date")
        self.compiled_date.setCalendarPopup(True)
        self.compiled_date.setDisplayFormat("yyyy-MM-dd")
        self.compiled_date.setAccessibleName("Datum")
        self.compiled_date.dateChanged.connect(lambda d: self._changed(compiled_date=d.toPython()))
        signature_text = context.render(context.template.signature)
        signature = QLabel(signature_text)
        signature.setWordWrap(True)
        # A template whose signature line is only "Sammanställt av:" gets it as the field's label, not
        # twice in two spellings ("Sammanställt av:" above "Sammanställd av:").
        short = len(signature_text) <= 30 and signature_text.rstrip().endswith("av:")
        signature.setVisible(not short)
        form = QFormLayout()
        form.addRow(signature_text.replace(" av:", " &av:") if short else "Sammanställd &av:", self.compiled_by)
        form.addRow("&Datum:", self.compiled_date)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        problems_label = QLabel("&Kvar att åtgärda (klicka för att gå till frågan):")
        problems_label.setWordWrap(True)
        problems_label.setBuddy(self.problems)
        self.problems.setMinimumHeight(90)
        layout.addWidget(self.summary)
        layout.addWidget(problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(signature)
        layout.addLayout(form)
        self.action_row = QHBoxLayout()
        layout.addLayout(self.action_row)
        self.scroll = QScrollArea()  # on a small screen at 200 % the page scrolls, the buttons stay
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page_heading(self.title(), title(context.template, context.report)))
        outer.addWidget(self.scroll)

    def title(self) -> str:
        """The page's title, shown by the page itself (see page_heading), not by QWizard."""
        return "Granska och markera som klar"

    def _changed(self, **values) -> None:
        self.saver.set_meta(**values)
        self.refresh()

    def initializePage(self) -> None:
        report = self.context.report
        if report.compiled_date is None:
            self.saver.note(compiled_date=date.today())  # proposed; stored with the next edit
        self.compiled_by.setText(report.compiled_by)
        self.compiled_date.blockSignals(True)
        self.compiled_date.setDate(QDate(report.compiled_date))
        self.compiled_date.blockSignals(False)
        self.refresh()

    def cleanupPage(self) -> None:
        """Keep the name and date when going back."""

    def current_problems(self) -> list[Problem]:
        return validate(self.context.template, self.context.report)

    def refresh(self) -> None:
        problems = self.current_problems()
        self.problems.clear()
        style = self.style()
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for problem in problems:
            # an error in red with its icon, a warning in amber with the warning icon and the word
            prefix = "Måste åtgärdas" if problem.blocking else "Varning – kontrollera"
            item = QListWidgetItem(error_icon if problem.blocking else warning_icon, f"{prefix}: {problem.message}")
            item.setForeground(color("error" if problem.blocking else "warning"))
            item.setData(Qt.ItemDataRole.UserRole, problem.field_id)
            item.setToolTip(problem.message)
            self.problems.addItem(item)
        for text, field_id in self.spelling_lines():  # a hint, never blocking: painted as a warning
            item = QListWidgetItem(warning_icon, text)
            item.setForeground(color("warning"))
            item.setData(Qt.ItemDataRole.UserRole, field_id)
            self.problems.addItem(item)
        must = len(blocking(problems))
        if not problems:
            self.summary.setText("Allt är ifyllt. Klicka på ”Markera som klar”.")
        elif must:
            self.summary.setText(
                f"{count(must, 'sak', 'saker')} måste åtgärdas innan rapporten kan markeras som klar. "
                "Allt du har skrivit är sparat.")
        else:
            self.summary.setText("Inget hindrar att rapporten markeras som klar, men kontrollera varningarna.")

    def _on_spelling_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def spelling_lines(self) -> list[tuple[str, str]]:
        """One line per page with words the spell checker flags ("Kontrollera stavningen: 3 ord kan vara
        felstavade på sidan …"), leading to the page's first such answer; never blocks "Klar"."""
        service = spell_service()
        if not service.active:
            return []
        from forms.spelling import misspelt_by_section

        report = self.context.report
        ignored = service.ignored(report_key(report))
        lines = [(f"Kontrollera stavningen: {count(n, 'ord', 'ord')} kan vara felstavade på sidan ”{section.title}”.",
                  field_id)
                 for section, n, field_id in misspelt_by_section(service.checker, self.context.template, report, ignored)]
        if n := len(service.misspellings(report.compiled_by, report_key(report))):
            lines.append((f"Kontrollera stavningen: {count(n, 'ord', 'ord')} kan vara felstavade i ”Sammanställd av”.",
                          "compiled_by"))
        return lines

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.problem_activated.emit(item.data(Qt.ItemDataRole.UserRole))

    def validatePage(self) -> bool:
        must = blocking(self.current_problems())
        if must:
            listing = "\n".join(f"• {p.message}" for p in must[:12])
            more = f"\n… och {len(must) - 12} till." if len(must) > 12 else ""
            dialogs.show_warning(
                self, "Rapporten kan inte markeras som klar",
                f"Åtgärda detta först (allt är sparat):\n\n{listing}{more}")
            return False
        self.saver.set_meta(status="klar")
        return self.saver.flush()

    def focus_field(self, field_id: str) -> None:
        target = self.compiled_date if field_id == "compiled_date" else self.compiled_by
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        self.focus_field("compiled_by")


class ReportWizard(QWizard):
    """Fill in one report; every change is saved as it is made."""

    report_saved = Signal(int)

    def __init__(self, store: Store, library: TemplateLibrary, report_id: int, parent: QWidget | None = None,
                 actions=None):
        super().__init__(parent)
        self.store = store
        self.library = library
        # The same actions, but the personal data warning's "Gå till fältet" goes to this window's field.
        self.actions = (ReportActions(actions.store, actions.library, self,
                                      go_to_field=lambda _report_id, field_id: self.go_to_field(field_id))
                        if actions is not None else None)
        report, change_count = store.load_with_count(report_id)
        self.template: Template = library.get(report.template_id, report.revision)
        previous = store.load_report(report.previous_id) if report.previous_id else None
        self.undo_bar = UndoBar(hide_when_empty=True)  # under the page, following the user like the banner
        self.context = FieldContext(self.template, report, previous, origins=self._origins_of(store, library, report),
                                    offer_undo=self.undo_bar.offer)
        self.saver = AutoSaver(store, report, self, base=change_count)
        self.saver.saved.connect(self._on_saved)
        self.saver.before_flush.append(self._commit_widgets)
        self.saver.failed.connect(self._on_save_failed)
        self.save_banner = SaveProblemBanner()
        self.notice = NoticeBanner()  # e.g. what the example report is (MainWindow.add_demo)
        self.save_banner.retry_requested.connect(self.saver.flush)
        self.save_banner.rescue_requested.connect(self.save_rescue_file)
        self.setObjectName("report_wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Markera som klar")
        self.setButtonText(QWizard.WizardButton.CancelButton, "&Stäng")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Nästa >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Tillbaka")
        self.section_pages: dict[str, int] = {}
        for page_id, section in enumerate(self.template.sections):
            self.setPage(page_id, SectionPage(section, self.context, self.saver))
            self.section_pages[section.id] = page_id
        self.review = ReviewPage(self.context, self.saver)
        self.review.problem_activated.connect(self.go_to_field)
        self.setPage(REVIEW_PAGE_ID, self.review)
        if actions is not None:
            self._add_report_buttons()
        self.section_pages[SIGNATURE_SECTION] = REVIEW_PAGE_ID
        self._build_side_list()
        saved_page = self.section_pages.get(report.current_page, 0)
        self.currentIdChanged.connect(self._on_page_changed)
        self._fitted = False
        self._saved_text = "Sparad"
        self._close_confirmed = False
        self._update_title()
        self.restart()
        self.go_to_page(saved_page)  # reopen where the user left off
        # another program (import-mail), an import or a restored version may change the report meanwhile
        self.sync = ReportSync(store, self.saver, self, self._show_merged, self._name_of)
        self.sync.caught_up.connect(self._on_caught_up)

    def _origins_of(self, store: Store, library: TemplateLibrary, report: Report):
        """For the finance summary: where each agreement's figures come from (see forms/summary.py)."""
        from forms.summary import has_sources, row_origins, sources_for

        if not has_sources(self.template):
            return None
        sources = sources_for(store, self.template, report.area, report.year)
        return lambda current: row_origins(self.template, current, sources, library)

    @property
    def report(self) -> Report:
        return self.context.report

    def _add_report_buttons(self) -> None:
        """Export, print, bilagor and send from the last page (the main window has them too)."""
        row = self.review.action_row
        for text, name, slot in (
            ("Word…", "review_docx", lambda: self._run(self.actions.export, "docx")),
            ("Excel…", "review_xlsx", lambda: self._run(self.actions.export, "xlsx")),
            ("PDF…", "review_pdf", lambda: self._run(self.actions.export, "pdf")),
            ("Skriv ut…", "review_print", lambda: self._run(self.actions.print_report)),
            ("Bilagor…", "review_attachments", self._show_attachments),
            ("Skicka till regionen…", "review_send", lambda: self._run(self.actions.send)),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        from desktop.status_line import StatusLine

        self.status_line = StatusLine()  # "Sparad: …" with Öppna and Visa i mappen, under the buttons
        self.review.scroll.widget().layout().addWidget(self.status_line)

    def _run(self, function, *args) -> None:
        if not self.saved_or_told():
            return
        written = function(self.report.id, *args)
        if isinstance(written, Path):  # an export: say where it went
            self.status_line.saved(written)
        self.report.status = self.store.load_report(self.report.id).status  # "skickad" after sending
        self.review.refresh()

    def _show_attachments(self) -> None:
        from desktop.attachments_dialog import AttachmentsDialog  # only when bilagor are asked for

        if not self.saved_or_told():
            return
        dialogs.run_dialog(AttachmentsDialog(self.actions, self.report.id, self))

    def _build_side_list(self) -> None:
        self.side = WrappingList(air=8)
        self.side.setObjectName("section_list")
        self.side.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for section in self.template.sections:
            self.side.addItem(self.context.render(section.title))
        self.side.addItem("Granska och slutför")
        self.side.itemClicked.connect(lambda item: self.go_to_page(self._page_at_row(self.side.row(item))))
        # The saved state, just above the wizard's buttons (not only in the title bar).
        self.saved_line = QLabel("Sparat")
        self.saved_line.setObjectName("saved_state")
        self.saved_line.setWordWrap(True)
        self.saved_line.setStyleSheet(text_style("ok"))
        self.saved_line.setAccessibleName("Sparat läge")
        column = self.side_column = QWidget()  # kept: setSideWidget does not take ownership in PySide
        column.setFixedWidth(220)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        self.sync_line = QLabel()  # the report was changed elsewhere and the window caught up
        self.sync_line.setObjectName("sync_state")
        self.sync_line.setWordWrap(True)
        self.sync_line.setStyleSheet(text_style("info"))
        self.sync_line.setVisible(False)
        column_layout.addWidget(self.side, 1)
        column_layout.addWidget(self.sync_line)
        column_layout.addWidget(self.saved_line)
        self.setSideWidget(column)

    def _page_at_row(self, row: int) -> int:
        return row if row < len(self.template.sections) else REVIEW_PAGE_ID

    def _commit_widgets(self) -> None:
        for page_id in self.pageIds():
            page = self.page(page_id)
            for widget in getattr(page, "widgets", {}).values():
                widget.commit()

    def _show_merged(self, merge: Merge) -> None:
        """Put the values the report took from a change made elsewhere into the widgets."""
        report = self.report
        for page_id in self.pageIds():
            page = self.page(page_id)
            widgets = getattr(page, "widgets", {})
            for field_id, widget in widgets.items():
                if field_id in merge.tables:
                    widget.set_value(report.tables.get(field_id, {}))
                elif field_id in merge.answers:
                    widget.set_value(report.answer(field_id))
            if widgets:
                page._update_visibility()
        if "compiled_by" in merge.meta:
            self.review.compiled_by.setText(report.compiled_by)
        if "compiled_date" in merge.meta and report.compiled_date is not None:
            self.review.compiled_date.blockSignals(True)
            self.review.compiled_date.setDate(QDate(report.compiled_date))
            self.review.compiled_date.blockSignals(False)
        if self.currentId() == REVIEW_PAGE_ID:
            self.review.refresh()
        self._update_title()

    def _name_of(self, conflict: tuple) -> str:
        """A conflicting question as the user knows it."""
        kind, key = conflict
        if kind == "meta":
            return {"compiled_by": "Sammanställd av", "compiled_date": "Datum", "area": "Område",
                    "sent_date": "Skickad"}.get(key, key)
        f = self.template.field(key[0] if kind == "amount" else key)
        label = self.context.render(f.label or f.heading or f.id)
        if kind == "amount" and f.table is not None:
            row = next((r.label for r in f.table.rows if r.id == key[1]), key[1])
            return f"{label}: {self.context.render(row)}"
        return label

    def _on_caught_up(self, text: str) -> None:
        self.sync_line.setText(text)
        self.sync_line.setVisible(True)

    def go_to_page(self, page_id: int) -> None:
        """Jump to a page, walking Back or Next so the history stays as if the user had clicked."""
        order = [*range(len(self.template.sections)), REVIEW_PAGE_ID]
        target = order.index(page_id)
        while self.currentId() != page_id:
            before = self.currentId()
            if order.index(before) > target:
                self.back()
            else:
                self.next()
            if self.currentId() == before:
                break

    def go_to_field(self, field_id: str) -> None:
        section_id = (SIGNATURE_SECTION if field_id in ("compiled_by", "compiled_date")
                      else self.template.section_of(field_id).id)
        self.go_to_page(self.section_pages[section_id])
        self.currentPage().focus_field(field_id)

    def _on_page_changed(self, page_id: int) -> None:
        if page_id < 0:
            return
        self.currentPage().layout().insertWidget(0, self.notice)  # the banners follow the user
        self.currentPage().layout().insertWidget(0, self.save_banner)
        self.currentPage().layout().addWidget(self.undo_bar)  # and so does Ångra
        self.currentPage().focus_first()  # after Next, Back or a jump: the caret in the first question
        row = len(self.template.sections) if page_id == REVIEW_PAGE_ID else page_id
        self.side.setCurrentRow(row)
        section = SIGNATURE_SECTION if page_id == REVIEW_PAGE_ID else self.template.sections[page_id].id
        self.saver.note(current_page=section)  # reopened here if an edit follows; paging writes nothing
        self.saver.flush()

    def _on_saved(self, when: str) -> None:
        self._saved_text = f"Sparad {times.local(when):%H:%M}"
        self._update_title()
        self.saved_line.setText(f"Sparat {times.local(when):%H:%M}")
        self.saved_line.setStyleSheet(text_style("ok"))
        self.save_banner.clear()
        self.report_saved.emit(self.report.id)

    def _on_save_failed(self, message: str) -> None:
        """No modal box (the save is retried every few seconds): a banner in the window and the title."""
        self._saved_text = "INTE SPARAD"
        self._update_title()
        self.saved_line.setText("Inte sparat – försöker igen; se meddelandet överst")
        self.saved_line.setStyleSheet(text_style("error", "font-weight: 600;"))
        self.save_banner.show_problem(message)

    def saved_or_told(self) -> bool:
        """Save what is pending before an export or send; when that fails, say so and stop, since
        the file would lack the latest edits."""
        if self.saver.flush(with_notes=True):
            return True
        dialogs.show_warning(self, "Ändringarna är inte sparade",
                             "De senaste ändringarna kunde inte sparas, så filen skulle sakna dem. Åtgärda "
                             "felet som visas överst i fönstret och försök igen.")
        return False

    def save_rescue_file(self) -> bool:
        """Write the report as it is in the window (saved or not) to a JSON file the user picks;
        `import-json` (or Importera) brings it back. True when the file was written."""
        from exports.content import file_stem
        from exports.files import ExportError, write_bytes_safely
        from forms.interchange import report_to_json

        self._commit_widgets()
        suggested = settings.last_folder("export") / f"{file_stem(self.template, self.report)} (räddad).json"
        target = dialogs.choose_save_path(self, "Spara en räddningsfil", suggested, "Rapportfil (*.json)")
        if target is None:
            return False
        if target.suffix.lower() != ".json":
            target = target.with_name(target.name + ".json")
        try:
            write_bytes_safely(target, report_to_json(self.report, self.library).encode("utf-8"))
        except ExportError as exc:
            dialogs.show_error(self, "Räddningsfilen kunde inte sparas", f"{exc}\n\nVälj en annan plats, till "
                               "exempel ett USB-minne.")
            return False
        dialogs.show_info(self, "Räddningsfilen är sparad",
                          f"Rapporten är sparad i {target}. När felet är åtgärdat: välj Arkiv → Importera "
                          "rapportfil (JSON)… i rapportlistan, så får du tillbaka allt.")
        return True

    def _may_close(self) -> bool:
        """Closing with edits that could not be saved asks first and offers a rescue file."""
        if self.saver.flush() or self._close_confirmed:
            return True
        answer = dialogs.choose(
            self, "Ändringarna är inte sparade",
            "Dina senaste ändringar kunde inte sparas i databasen (se meddelandet överst i fönstret). "
            "Om du stänger nu försvinner de.\n\nSpara dem som en räddningsfil som kan importeras "
            "senare, eller avbryt och försök igen när felet är åtgärdat.",
            ["Spara en räddningsfil…", "Stäng utan att spara", "Avbryt"])
        # closeEvent and done() both ask: the first answer holds for the second
        self._close_confirmed = self.save_rescue_file() if answer == 0 else answer == 1
        return self._close_confirmed

    def _update_title(self) -> None:
        name = self.template.render(self.template.file_name, self.report.area, self.report.year)
        self.setWindowTitle(f"{name} – {self._saved_text} – Avtalsuppföljning")

    def showEvent(self, event) -> None:
        if not self._fitted:  # the size the user last chose, within today's screen
            self._fitted = True
            fit_on_screen(self, remembered_size("wizard", DEFAULT_SIZE))
        super().showEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Another window took the keyboard (the user went to Excel for the next figure): save what
        is typed now, the figure in an open cell included, instead of a moment later."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow() and self.isVisible():
            self.saver.flush()

    def done(self, result: int) -> None:
        if not self._may_close():
            return
        remember_size("wizard", self)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        remember_size("wizard", self)
        super().closeEvent(event)
