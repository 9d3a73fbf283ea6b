"""The email draft (.eml) to the region: addressed, subject and body filled in, files attached.

Marked `X-Unsent: 1` so Outlook opens it as a draft to edit and send, not as a received message.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from forms.addresses import parse_addresses, single_line
from forms.report import Report
from forms.template import Template

DRAFT_POLICY = SMTP.clone(refold_source="none")
"""CRLF line ends; header lines read back from a part (the attachments' Content-Type) written as they
are. The one policy a draft is written with (draft_bytes): SMTP's own refolds those lines and splits
the MIME type itself into encoded words."""

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "pdf": "application/pdf", "json": "application/json", "zip": "application/zip", "rtf": "application/rtf",
    "txt": "text/plain", "csv": "text/csv", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    "gif": "image/gif", "tif": "image/tiff", "tiff": "image/tiff", "heic": "image/heic",
}
"""Registered (IANA) types by file extension, the same on every machine (Python's mimetypes reads the
Windows registry, which differs per machine); any other bilaga is application/octet-stream."""


def content_type(name: str) -> tuple[str, str]:
    """(maintype, subtype) of an attachment named `name`."""
    _, dot, extension = name.rpartition(".")
    kind = CONTENT_TYPES.get(extension.lower() if dot else "", "application/octet-stream")
    maintype, subtype = kind.split("/")
    return maintype, subtype


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
    message = EmailMessage(policy=DRAFT_POLICY)
    message["To"] = ", ".join(parse_addresses(", ".join(to)))
    cc = parse_addresses(", ".join(address for address in cc if address))
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = single_line(subject)
    message["X-Unsent"] = "1"
    message.set_content(body)
    for name, content in attachments:
        name = single_line(name) or "Bilaga"
        maintype, subtype = content_type(name)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    if message.is_multipart():
        message.set_payload([_named_both_ways(part) for part in message.get_payload()])
    return message


def _named_both_ways(part):
    """An attachment whose name Outlook shows too: besides `filename*` (RFC 2231) on
    Content-Disposition, which Outlook ignores, an RFC 2047 `name=` on Content-Type.

    The email package would rewrite an encoded-word name as RFC 2231 again, so the part is
    serialised, given its own Content-Type lines and parsed back; DRAFT_POLICY writes parsed header
    lines out as they are."""
    name = part.get_filename()
    if not name:
        return part
    head, _, body = part.as_bytes(policy=DRAFT_POLICY).partition(b"\r\n\r\n")
    kept, skipping = [], False
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                kept.append(line)
            continue
        skipping = line.lower().startswith(b"content-type:")
        if not skipping:
            kept.append(line)
    words = "\r\n ".join(_encoded_words(name))
    content_type = f'Content-Type: {part.get_content_type()};\r\n name="{words}"'.encode("ascii")
    return message_from_bytes(b"\r\n".join([content_type, *kept]) + b"\r\n\r\n" + body, policy=DRAFT_POLICY)


def _encoded_words(text: str, max_bytes: int = 39) -> list[str]:
    """`=?utf-8?b?…?=` words of at most 64 characters, never splitting a character (RFC 2047)."""
    chunks, chunk = [], ""
    for char in text:
        if chunk and len((chunk + char).encode()) > max_bytes:
            chunks.append(chunk)
            chunk = ""
        chunk += char
    chunks.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(c.encode()).decode('ascii')}?=" for c in chunks]


def draft_bytes(message: EmailMessage) -> bytes:
    """The draft as a .eml file holds it: CRLF line ends (RFC 5322), written with DRAFT_POLICY."""
    return message.as_bytes(policy=DRAFT_POLICY)


def write_draft(message: EmailMessage, target: Path) -> None:
    """Write the draft (draft_bytes) whole or not at all (raises ExportError with a Swedish message)."""
    from exports.files import write_bytes_safely

    write_bytes_safely(Path(target), draft_bytes(message))
