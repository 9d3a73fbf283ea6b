"""Outlook's own files (.msg, a mail dragged out of Outlook) read with python-oxmsg: real files saved by
Outlook (tests/data/outlook-msg/). No Outlook runs here, so no .msg carrying one of our reports can
be made; the report logic behind it is the .eml one (tests/forms/test_receiving_hostile.py)."""

import hashlib
from pathlib import Path

import olefile

from forms.receiving import ReceiveError, outlook_contents, read_item, receive_paths
from tests.forms.test_receiving import rows

MSG = Path(__file__).parent.parent / "data" / "outlook-msg"


def test_an_outlook_message_with_an_attachment_is_read_names_bytes_sender_and_date(library):
    """message.msg holds serveimage.jpg; its bytes are compared with the attachment's stream read
    straight out of the compound file with olefile, and its sender and sent time with what Outlook
    shows (bedfortest@tutanota.de, 6 Oct 2020 09:57:46 UTC)."""
    with olefile.OleFileIO(str(MSG / "message.msg")) as ole:
        raw = ole.openstream("__attach_version1.0_#00000000/__substg1.0_37010102").read()
    found, sender, date = outlook_contents((MSG / "message.msg").read_bytes())
    [attachment] = found
    assert attachment.name == "serveimage.jpg"
    assert attachment.content == raw and len(raw) == 36739 and raw[:3] == b"\xff\xd8\xff" and raw[-2:] == b"\xff\xd9"
    assert hashlib.sha256(attachment.content).hexdigest() == hashlib.sha256(raw).hexdigest()
    assert sender == "bedfortest at TEST <bedfortest@tutanota.de>"
    assert date == "Tue, 06 Oct 2020 09:57:46 +0000"


def test_an_outlook_draft_has_no_sender_date():
    """no-attachments.msg was never sent: its sent time is missing (or FILETIME zero, 1601)."""
    found, sender, date = outlook_contents((MSG / "no-attachments.msg").read_bytes())
    assert found == [] and date == "" and sender == "peterpan@neverland.com"


def test_an_outlook_message_without_a_report_is_refused_with_what_it_lacks(store, library):
    for name in ("message.msg", "no-attachments.msg"):
        before = rows(store)
        [outcome], _ = receive_paths(store, library, [MSG / name])
        assert "ingen rapport bifogad" in outcome.reason and rows(store) == before


def test_a_png_named_msg_is_refused_in_swedish(store, library):
    [outcome], _ = receive_paths(store, library, [MSG / "not-a-MSG-file.msg"])
    assert outcome.reason.startswith("Filen är inte ett Outlook-meddelande som kan läsas")
    try:
        read_item(MSG / "not-a-MSG-file.msg", library)
    except ReceiveError as exc:
        assert "not an Outlook" not in str(exc)
