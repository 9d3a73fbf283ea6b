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
    from exports.bundle import docx_bytes, file_name, json_attachment
    from exports.email import build_draft, draft_body, draft_bytes, draft_subject

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
    return draft_bytes(message)


# --- mail as it really arrives: forwards, and a folder of hostile emails ----------------------------------

def _parsed(data: bytes):
    from email import message_from_bytes
    from email.policy import default

    return message_from_bytes(data, policy=default)


def forwarded(library: TemplateLibrary, report: Report, style: str, *, sent: datetime, forwarded_at: datetime,
              by: str = "Sekreterare <sekr@region.se>") -> bytes:
    """`report`'s email as the region's secretary forwards it, built with the email package the way
    each mail program does:

    - "attached": Thunderbird/Outlook "forward as attachment": the original as message/rfc822
    - "inline": Outlook/Gmail "forward": the original's text quoted in the body, its attachments
      re-attached beside it
    - "nested": the JSON inside a multipart/mixed inside the multipart/mixed
    - "twice": a forward of a forward, both as attachments
    - "eml-file": the original saved as a .eml file and attached as application/octet-stream
    - "beside": the report's JSON attached, and beside it an unrelated forwarded message
    """
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    original = email_bytes(library, report, sent=sent, sender=f"Koordinator <k@{report.area.lower()}.se>")
    outer = EmailMessage()
    outer["From"], outer["To"] = by, "mottagare@region.se"
    outer["Subject"] = "VB: " + str(_parsed(original)["Subject"])
    outer["Date"] = format_datetime(forwarded_at.astimezone())
    outer.set_content("Vidarebefordrar rapporten.\n\n---------- Forwarded message ---------\nFrån: Koordinator\n")
    if style == "attached":
        outer.add_attachment(_parsed(original), filename="Rapport.eml")
    elif style == "inline":
        for part in _parsed(original).iter_attachments():
            outer.add_attachment(part.get_content(), maintype=part.get_content_maintype(),
                                 subtype=part.get_content_subtype(), filename=part.get_filename())
    elif style == "nested":
        inner = EmailMessage()
        inner.set_content("Här är rapporten.")
        for part in _parsed(original).iter_attachments():
            inner.add_attachment(part.get_content(), maintype="application", subtype="json",
                                 filename=part.get_filename())
        outer.make_mixed()
        outer.attach(inner)  # multipart/mixed inside multipart/mixed
    elif style == "twice":
        middle = _parsed(forwarded(library, report, "attached", sent=sent, forwarded_at=sent, by="Chef <chef@region.se>"))
        outer.add_attachment(middle, filename="VB.eml")
    elif style == "eml-file":
        outer.add_attachment(original, maintype="application", subtype="octet-stream", filename="Rapport.eml")
    elif style == "beside":
        for part in _parsed(original).iter_attachments():
            outer.add_attachment(part.get_content(), maintype="application", subtype="json",
                                 filename=part.get_filename())
        unrelated = EmailMessage()
        unrelated["From"], unrelated["Subject"] = "x@y.se", "Annat"
        unrelated.set_content("Något helt annat.")
        outer.add_attachment(unrelated)
    else:
        raise ValueError(style)
    return outer.as_bytes(policy=SMTP)


def _headers(good: bytes, old: bytes, new: bytes) -> bytes:
    head, sep, body = good.partition(b"\r\n\r\n")
    assert old in head, old
    return head.replace(old, new, 1) + sep + body


def hostile_folder(folder, library: TemplateLibrary) -> dict[str, str | None]:
    """A folder of received mail as an adversary would make it. Returns each file's name → a piece
    of its expected refusal, or None for the ones that must be imported (the good ones, and the
    hostile-looking ones that still carry a good report)."""
    import os

    from forms.interchange import report_to_json

    when = datetime(2024, 1, 25, 10, 30)
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None) -> None:
        (folder / name).write_bytes(data)
        expected[name] = reason

    centrum = email_bytes(library, area_report(library, "Centrum", 1), sent=when, sender="Anna <anna@centrum.se>")
    put("01 Centrum.eml", centrum, None)
    put("02 Hisingen.eml", email_bytes(library, area_report(library, "Hisingen", 2), sent=when, sender="h@h.se"),
        None)
    (folder / "03 Nordost.json").write_text(report_to_json(area_report(library, "Nordost", 3), library), "utf-8")
    expected["03 Nordost.json"] = None
    # CR/LF in the display name (RFC 2047-encoded, as the issue found it): the header is cleaned, the
    # report is good and is imported
    sydvast = email_bytes(library, area_report(library, "Sydväst", 4), sent=when, sender="s@s.se")
    put("04 crlf-namn.eml", _headers(sydvast, b"From: s@s.se", b"From: =?utf-8?q?Eva=0D=0ABcc=3A_x=40evil=2Ese?= <s@s.se>"),
        None)
    put("05 ar-9999.eml", _headers(centrum, b"Date: ", b"Date: Fri, 31 Dec 9999 23:59:59 -1200\r\nX-Old: "),
        "datum")
    put("06 ar-0001.eml", _headers(centrum, b"Date: ", b"Date: Mon, 01 Jan 0001 10:00:00 +0000\r\nX-Old: "),
        "går inte att läsa")
    deep = b"".join(b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (i, i + 1) for i in range(5000))
    put("07 djup.eml", b"From: a@b.se\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
        + deep, "nivåer")
    parts = b"".join(b"--XYZ\r\n\r\n" for _ in range(50_000))
    put("08 bomb.eml", b"From: a@b.se\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XYZ\r\n\r\n"
        + parts + b"--XYZ--\r\n", "delar")
    os.mkfifo(folder / "09 pipe.eml")
    expected["09 pipe.eml"] = "ingen vanlig fil"
    # charsets nobody knows, in the subject, the file name and the JSON part's own charset
    bad = (b"From: =?x-bogus?q?N=E5gon?= <n@x.se>\r\nSubject: =?x-unknown?b?AAAA?=\r\nDate: Thu, 25 Jan 2024 10:30:00 +0100"
           b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=Q\r\n\r\n--Q\r\nContent-Type: text/plain; "
           b"charset=x-bogus\r\n\r\nHej\r\n--Q\r\nContent-Type: application/json; charset=x-bogus\r\n"
           b"Content-Disposition: attachment; filename*=x-bogus''rapport%E5.json\r\n\r\n{\"format\": 1}\r\n--Q--\r\n")
    put("10 teckenkodning.eml", bad, "ingen rapport från Avtalsuppföljning")
    # attachment names that try to climb out of a folder or name a device
    message = _parsed(email_bytes(library, area_report(library, "Centrum", 1, year=2022), sent=when, sender="c@c.se"))
    part = next(message.iter_attachments())
    part.replace_header("Content-Disposition", 'attachment; filename="../../../etc/CON.json"')
    message.add_attachment(b"x", maintype="application", subtype="octet-stream", filename="..\\..\\NUL.txt")
    from email.policy import SMTP

    put("11 sokvag.eml", message.as_bytes(policy=SMTP), None)
    put("12 inte-mejl.eml", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "inte ett e-postmeddelande")
    return expected
