"""What a user does with a finished report: export to Word/Excel/PDF, print, attach files, send.

The pieces are in exports/ (files as bytes, the email draft) and forms/store.py (bilagor, what was
sent); this module adds the dialogs and the order of the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop import dialogs, settings
from forms.errors import UserError
from forms.home import OUTBOX_FOLDER
from forms.numbers import count
from forms.report import Report
from forms.store import Store, StoreError
from forms.template import Template, TemplateLibrary
from forms.validate import blocking, validate

GO_TO_FIELD, CONTINUE, CANCEL = 0, 1, 2


class ReportActions:
    def __init__(self, store: Store, library: TemplateLibrary, parent: QWidget | None = None,
                 go_to_field: Callable[[int, str], None] | None = None):
        self.store = store
        self.library = library
        self.parent = parent
        self.go_to_field = go_to_field  # opens the report at a field, for the personal data warning

    def _load(self, report_id: int) -> tuple[Template, Report]:
        report = self.store.load_report(report_id)
        return self.library.get(report.template_id, report.revision), report

    def _attachment_names(self, report_id: int) -> list[str]:
        return [a.name for a in self.store.attachments(report_id)]

    def file_bytes(self, report_id: int, fmt: str) -> bytes:
        from desktop.printing import pdf_bytes
        from exports.bundle import export_bytes

        template, report = self._load(report_id)
        return export_bytes(template, report, fmt, self._attachment_names(report_id), pdf_bytes)

    def personal_data_ok(self, report_id: int) -> bool:
        """Before anything leaves the app: warn when free text looks like it holds a personnummer,
        with a choice to go to the field or continue."""
        from forms.personal_data import describe, scan_report

        template, report = self._load(report_id)
        findings = scan_report(template, report, self._attachment_names(report_id))
        if not findings:
            return True
        answer = dialogs.choose(self.parent, "Personuppgifter i rapporten?", describe(findings),
                                ["Gå till fältet", "Fortsätt ändå", "Avbryt"])
        fields = {f.id for f in template.fields()} | {"compiled_by"}
        reachable = [field_id for field_id, _, _ in findings if field_id in fields]
        if answer == GO_TO_FIELD and self.go_to_field is not None and reachable:
            self.go_to_field(report_id, reachable[0])  # the area and bilagor are changed in the report list
        return answer == CONTINUE

    # --- export -----------------------------------------------------------------------------

    def export(self, report_id: int, fmt: str) -> Path | None:
        """Ask where to save (last folder, readable name), never replace a file without asking."""
        from exports.bundle import FORMATS, file_name
        from exports.files import ExportError, write_bytes_safely

        if not self.personal_data_ok(report_id):
            return None
        template, report = self._load(report_id)
        suggested = settings.last_folder("export") / file_name(template, report, fmt)
        target = dialogs.choose_save_path(self.parent, "Spara som", suggested, FORMATS[fmt])
        if target is None:
            return None
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        if target.exists() and not dialogs.ask(
                self.parent, "Filen finns redan",
                f"{target.name} finns redan i {target.parent}. Vill du ersätta den?", yes="Ersätt"):
            return None
        try:
            write_bytes_safely(target, self.file_bytes(report_id, fmt))
        except ExportError as exc:
            dialogs.show_error(self.parent, "Kunde inte spara", str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - whatever failed, the user is told and nothing is half-written
            dialogs.show_error(self.parent, "Kunde inte spara", f"Filen skapades inte. {self._logged(exc)}")
            return None
        settings.remember_folder(target.parent, "export")
        return target

    def _logged(self, exc: BaseException) -> str:
        """Write `exc` to the log in the data folder; the Swedish sentence to show."""
        from desktop.crash import unexpected_message, write_log

        return unexpected_message(exc, write_log(self.store.path.parent, type(exc), exc, exc.__traceback__))

    def print_report(self, report_id: int) -> None:
        from desktop.printing import print_with_preview, report_document

        template, report = self._load(report_id)
        print_with_preview(report_document(template, report, self._attachment_names(report_id)), self.parent)

    # --- bilagor ----------------------------------------------------------------------------

    def add_attachments(self, report_id: int, paths: list[Path]) -> list[str]:
        """Copy files into the report; returns Swedish messages for those that were refused."""
        from exports.files import check_attachment
        from forms.clean import safe_attachment_name

        refused = []
        for path in paths:
            total = sum(a.size for a in self.store.attachments(report_id))
            try:
                content = path.read_bytes()
                check_attachment(path.name, len(content), total)
                self.store.add_attachment(report_id, safe_attachment_name(path.name), content)
            except UserError as exc:
                refused.append(f"{path.name}: {exc}" if isinstance(exc, StoreError) else str(exc))
            except OSError as exc:
                refused.append(f"{path.name} kunde inte läsas: {exc.strerror or exc}.")
        return refused

    # --- send -------------------------------------------------------------------------------

    def outbox(self) -> Path:
        return self.store.path.parent / OUTBOX_FOLDER

    def send(self, report_id: int, today: date | None = None) -> int | None:
        """Build the email draft to the region, keep what is sent, open it in the mail program."""
        from desktop.printing import pdf_bytes
        from exports.bundle import bundle_draft, file_name, report_bundle
        from exports.email import write_draft
        from exports.files import unique_path
        from forms.addresses import AddressError, single_line

        if not self.personal_data_ok(report_id):
            return None
        template, report = self._load(report_id)
        must = blocking(validate(template, report))
        if must and not dialogs.ask(
                self.parent, "Rapporten är inte klar",
                f"{count(len(must), 'sak', 'saker')} i rapporten är inte åtgärdade. Vill du ändå skapa e-postmeddelandet?",
                yes="Skapa ändå"):
            return None
        title = "E-postmeddelandet kunde inte skapas"
        try:
            to = settings.recipients_to(template.recipients, template.id)
            cc = settings.recipients_cc()
        except AddressError as exc:
            dialogs.show_error(self.parent, title, f"{exc}\n\nRätta adressen under Arkiv → Inställningar och försök igen. "
                               "Inget har skickats eller sparats.")
            return None
        if not to:
            dialogs.show_warning(
                self.parent, "Ingen mottagare",
                f"{template.type_name} har ingen mottagare. Skriv nämndsekreterarens e-postadress under "
                f"Arkiv → Inställningar…, raden ”Till – {template.type_name}”, och skicka sedan igen. "
                "Inget har skickats.")
            return None
        eml = folder = None
        try:
            bilagor = [(a.name, self.store.attachment_content(a.id)) for a in self.store.attachments(report_id)]
            bundle = report_bundle(template, report, self.library, bilagor, pdf_bytes)
            message = bundle_draft(template, report, bundle, to=to, cc=cc)
            subject = str(message["Subject"])
            self.outbox().mkdir(parents=True, exist_ok=True)
            eml = unique_path(self.outbox() / file_name(template, report, "eml"))
            write_draft(message, eml)
            folder = self._write_draft_files(eml, bundle.files)
            sending_id = self.store.record_sending(
                report_id, recipients=", ".join(to + cc), subject=subject, eml_path=str(eml),
                files=[(single_line(name), content) for name, content in bundle.files])
        except (OSError, UserError) as exc:
            self._remove_draft(eml, folder)
            dialogs.show_error(self.parent, title, str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - never a send that does nothing without a word
            self._remove_draft(eml, folder)
            dialogs.show_error(self.parent, title, f"Inget har skickats. {self._logged(exc)}")
            return None
        from desktop.send_dialog import SendDialog

        opened = dialogs.open_path(eml, self.parent, explain=False)  # the send dialog says it, with the paths
        if dialogs.run_dialog(SendDialog(to=to, cc=cc, subject=subject, eml=eml, folder=folder, what=bundle.description,
                                         opened=opened, parent=self.parent)):
            self.store.confirm_sending(sending_id, today or date.today())
        return sending_id

    @staticmethod
    def _remove_draft(eml: Path | None, folder: Path | None = None) -> None:
        """A draft whose sending could not be recorded is not left in the outbox (nor its files)."""
        from forms.filesystem import discard, remove_tree

        if eml is not None:
            discard(eml)
        if folder is not None:
            remove_tree(folder)  # made by _write_draft_files just now

    def _write_draft_files(self, eml: Path, files: list[tuple[str, bytes]]) -> Path:
        """The draft's attachments as files in a folder beside it in the Utkorg (same name, no
        .eml), for mail programs that cannot send the .eml itself."""
        from exports.files import unique_path, write_bytes_safely
        from forms.addresses import single_line
        from forms.filesystem import remove_tree

        folder = unique_path(eml.with_suffix(""))
        folder.mkdir()
        try:
            for name, content in files:
                write_bytes_safely(folder / single_line(Path(name).name), content)  # as recorded
        except BaseException:
            remove_tree(folder)  # no half set of files in the outbox
            raise
        return folder

    def confirm_sent(self, sending_id: int, today: date | None = None) -> None:
        self.store.confirm_sending(sending_id, today or date.today())
