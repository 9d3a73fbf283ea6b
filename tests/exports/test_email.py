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


def test_attachments_are_named_both_ways_for_outlook(tmp_path):
    """Outlook ignores RFC 2231 `filename*` and shows "ATT00001": each attachment also carries an RFC
    2047 `name=` on Content-Type; both decode to the same Swedish name, long names included."""
    import re
    from email.header import decode_header, make_header
    from email.policy import compat32

    names = ["Uppföljning FCA Lundby 2022.docx",
             "Bilaga – Överenskommelse om samverkan kring barn och familj i stadsområdet Hisingen, våren 2022.pdf"]
    message = build_draft(to=["hsn.goteborg@vgregion.se"], subject="Ämne", body="Hej",
                          attachments=[(name, name.encode()) for name in names])
    path = tmp_path / "utkast.eml"
    write_draft(message, path)
    raw = path.read_bytes()
    assert all(len(line) <= 78 for line in raw.split(b"\r\n") if not line.startswith(b"Content-Type: application/vnd"))
    raw_parts = [p for p in message_from_bytes(raw, policy=compat32).walk() if p.get_param("name")]
    assert len(raw_parts) == 2
    for part, name in zip(raw_parts, names, strict=True):
        encoded = re.sub(r"\r?\n[ \t]", " ", part.get_param("name"))
        assert encoded.startswith("=?utf-8?b?")  # RFC 2047, not RFC 2231
        assert str(make_header(decode_header(encoded))) == name
        assert "filename*" in part["Content-Disposition"]  # RFC 2231 on the disposition
    parsed = message_from_bytes(raw, policy=default)
    files = {p.get_filename(): (p["Content-Type"].params["name"], p.get_content()) for p in parsed.iter_attachments()}
    assert files == {name: (name, name.encode()) for name in names}


def test_draft_without_attachments_is_plain_text(tmp_path):
    message = build_draft(to=["hsn.goteborg@vgregion.se"], subject="Ämne", body="Hej Åsa")
    write_draft(message, tmp_path / "utkast.eml")
    parsed = message_from_bytes((tmp_path / "utkast.eml").read_bytes(), policy=default)
    assert parsed.get_content().strip() == "Hej Åsa" and not list(parsed.iter_attachments())
