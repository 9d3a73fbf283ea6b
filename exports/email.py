"""The email draft (.eml) to the region: addressed, subject and body filled in, files attached.

Marked `X-Unsent: 1` so Outlook opens it as a draft to edit and send, not as a received message.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from forms.addresses import parse_addresses, single_line
from forms.report import Report
from forms.template import Template


def draft_subject(template: Template, report: Report) -> str:
    return template.render(template.email_subject, report.area, report.year)


def draft_body(template: Template, report: Report) -> str:
    body = template.render(template.email_body, report.area, report.year)
    return f"{body}\n{report.compiled_by}\n" if report.compiled_by else f"{body}\n"


def build_draft(*, to: Iterable[str], cc: Iterable[str] = (), subject: str, body: str,
                attachments: Iterable[tuple[str, bytes]] = ()) -> EmailMessage:
    """An unsent email with the given attachments, as (file name, content) pairs.

    Addresses are checked (forms.addresses raises AddressError naming a bad one); the subject and
    the file names are put on one line, so no text of the report can break or add a header."""
    message = EmailMessage()
    message["To"] = ", ".join(parse_addresses(", ".join(to)))
    cc = parse_addresses(", ".join(address for address in cc if address))
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = single_line(subject)
    message["X-Unsent"] = "1"
    message.set_content(body)
    for name, content in attachments:
        name = single_line(name) or "Bilaga"
        kind, _ = mimetypes.guess_type(name)
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message


def write_draft(message: EmailMessage, target: Path) -> None:
    """Write the draft with CRLF line ends (RFC 5322), as mail programs expect of a .eml file;
    whole or not at all (raises ExportError with a Swedish message)."""
    from exports.files import write_bytes_safely

    write_bytes_safely(Path(target), message.as_bytes(policy=SMTP))
