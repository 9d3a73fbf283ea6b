"""Reports of the four stadsområden and the emails that carry them, for the receiving-side tests.

The emails are built by the same functions "Skicka till regionen" uses (exports.email.build_draft
with exports.bundle.json_attachment); the desktop test sends through ReportActions.send itself.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from email.utils import format_datetime

from forms.demo import demo_report
from forms.report import Report
from forms.template import TemplateLibrary

AREAS = ("Centrum", "Hisingen", "Nordost", "Sydväst")


def area_report(library: TemplateLibrary, area: str, number: int, year: int = 2023) -> Report:
    """A complete FCA follow-up for `area`: the Lundby answers, amounts that differ per area
    (with tenths, so a float sum would show), and a 50/50 split except where `number` is 3."""
    lundby = demo_report(library)
    template = library.for_year("fca-uppfoljning", year)
    report = Report(template.id, template.revision, area, year, status="klar",
                    compiled_by=f"Koordinator {area}", compiled_date=date(year + 1, 1, 20))
    for field_id, value in lundby.answers.items():
        report.set_answer(field_id, value[:600] if not value.startswith("[") else value)
    report.set_answer("koordinatorns_arbete", f"I {area} har koordinatorn samordnat {number} nätverk.")
    base = Decimal(400 + 37 * number) + Decimal("0.1") * number
    for party in ("region", "stad"):
        extra = Decimal("12.3") if (number == 3 and party == "stad") else Decimal(0)
        funds = base + Decimal("45.2") + number  # a little more than the budget: something goes back
        report.set_amount("ekonomi", "ingaende", f"budget_{party}", funds)
        report.set_amount("ekonomi", "ingaende", f"utfall_{party}", funds)
        report.set_amount("ekonomi", "lon", f"budget_{party}", base)
        report.set_amount("ekonomi", "lon", f"utfall_{party}", base - Decimal("20.7") + extra)
        report.set_amount("ekonomi", "kompetensutveckling", f"budget_{party}", Decimal("30.2") + number)
        report.set_amount("ekonomi", "kompetensutveckling", f"utfall_{party}", Decimal("18.4") + number)
        report.set_amount("ekonomi", "ovrigt", f"budget_{party}", Decimal("10"))
        report.set_amount("ekonomi", "ovrigt", f"utfall_{party}", Decimal("4.9"))
    return report


def email_bytes(library: TemplateLibrary, report: Report, *, sent: datetime | None = None,
                sender: str | None = None, with_json: bool = True, with_word: bool = False,
                word_report: Report | None = None) -> bytes:
    """The draft the app writes for `report`, optionally with From and Date as the region's
    mailbox saves a received message. `word_report`: a different report in the Word file (a JSON
    that disagrees with its Word file)."""
    from email.policy import SMTP

    from exports.bundle import docx_bytes, file_name, json_attachment
    from exports.email import build_draft, draft_body, draft_subject

    template = library.get(report.template_id, report.revision)
    files = []
    if with_word:
        files.append((file_name(template, report, "docx"), docx_bytes(template, word_report or report)))
    if with_json:
        files.append(json_attachment(template, report, library))
    message = build_draft(to=template.recipients, subject=draft_subject(template, report),
                          body=draft_body(template, report), attachments=files)
    if sender:
        message["From"] = sender
    if sent:
        message["Date"] = format_datetime(sent.astimezone())
        del message["X-Unsent"]
    return message.as_bytes(policy=SMTP)
