"""The .eml draft parses back with the standard library: recipients, subject, attachments intact."""

from email import message_from_bytes
from email.policy import default

from exports.email import build_draft, draft_body, draft_subject, write_draft


def test_draft_round_trips(tmp_path, fca2022, lundby):
    lundby.compiled_by = "Åsa Öberg"
    docx = b"PK\x03\x04 word bytes \x00\xff"
    xlsx = bytes(range(256))
    message = build_draft(
        to=["hsn.goteborg@vgregion.se"], cc=["sn.centrum@goteborg.se", ""],
        subject=draft_subject(fca2022, lundby), body=draft_body(fca2022, lundby),
        attachments=[("Uppföljning FCA Lundby 2022.docx", docx), ("Uppföljning FCA Lundby 2022.xlsx", xlsx)],
    )
    path = tmp_path / "utkast.eml"
    write_draft(message, path)
    raw = path.read_bytes()
    assert b"\r\n" in raw
    parsed = message_from_bytes(raw, policy=default)
    assert parsed["To"] == "hsn.goteborg@vgregion.se"
    assert parsed["Cc"] == "sn.centrum@goteborg.se"
    assert parsed["Subject"] == "Uppföljning av avtal om familjecentrerat arbetssätt – Lundby 2022"
    assert parsed["X-Unsent"] == "1"
    body = parsed.get_body(("plain",)).get_content()
    assert "stadsdel Lundby 2022" in body and body.rstrip().endswith("Åsa Öberg")
    files = {part.get_filename(): part.get_content() for part in parsed.iter_attachments()}
    assert files == {"Uppföljning FCA Lundby 2022.docx": docx, "Uppföljning FCA Lundby 2022.xlsx": xlsx}
