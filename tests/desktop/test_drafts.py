"""One sending bundle (exports/bundle.py) for both doors: the app's "Skicka" and the command line's
`export --eml` write the same files in a draft every mail program reads without a header defect.

The command line's draft had `Content-Type: application/=?utf-8?q?vnd=2Eopenxml…?=` (the MIME type
itself encoded and split mid-word, issue 19 item 1) because it wrote with another email policy."""

from __future__ import annotations

import re
from datetime import date
from email import message_from_bytes
from email.policy import default

from desktop.cli import main
from desktop.report_actions import ReportActions
from exports.email import CONTENT_TYPES

STEM = "Uppföljning FCA Lundby 2022"
LONG_BILAGA = "Bilaga – Överenskommelse om samverkan kring barn och familj i stadsområdet Lundby, våren 2022.pdf"
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"


OUTLOOK_NAME = re.compile(r'name="=\?utf-8\?b\?[A-Za-z0-9+/=]+\?=(?:\r?\n? =\?utf-8\?b\?[A-Za-z0-9+/=]+\?=)*"')
OUTLOOK_NAME_DEFECTS = {"encoded word inside quoted string", "missing trailing whitespace after encoded-word"}
"""What the standard library says of the RFC 2047 `name="=?utf-8?b?…?="` Outlook reads (it ignores
RFC 2231's `filename*`): an encoded word inside quotes is what Outlook and Gmail write themselves. These
two, on a Content-Type whose only encoded words are that name, are the only defects let through."""


def draft_defects(raw: bytes) -> list[str]:
    """Every defect the standard library finds in a draft: the message's, each part's and each header's."""
    message = message_from_bytes(raw, policy=default)
    found = [f"message: {d!r}" for d in message.defects]
    for part in message.walk():
        found += [f"{part.get_content_type()}: {d!r}" for d in part.defects]
        for name, value in part.items():
            defects = list(getattr(value, "defects", ()))
            if name.lower() == "content-type" and _only_outlook_name(part):
                defects = [d for d in defects if str(d) not in OUTLOOK_NAME_DEFECTS]
            found += [f"{name}: {value!r}: {d!r}" for d in defects]
    return found


def _only_outlook_name(part) -> bool:
    raw = _raw_header(part, "Content-Type")
    return "=?" not in OUTLOOK_NAME.sub("", raw)


def _raw_header(part, name: str) -> str:
    return next(value for key, value in part.raw_items() if key.lower() == name.lower())


def attachments(raw: bytes) -> list[tuple[str, str, str, bytes]]:
    """(file name, Content-Type name=, content type, content) per attachment, the header lines checked."""
    message = message_from_bytes(raw, policy=default)
    result = []
    for part in message.iter_attachments():
        kind = part.get_content_type()
        assert re.fullmatch(f"{_TOKEN}/{_TOKEN}", kind), kind
        raw_type = _raw_header(part, "Content-Type").split(";")[0]
        assert raw_type.strip() == kind  # written as it is, never as encoded words
        disposition = _raw_header(part, "Content-Disposition")  # RFC 2231 `filename*` when not ASCII
        assert re.search(r"filename\*(0\*)?=utf-8''", disposition) or (part.get_filename().isascii() and "filename=" in disposition)
        assert OUTLOOK_NAME.search(_raw_header(part, "Content-Type")) or part.get_filename().isascii()
        result.append((part.get_filename(), part["Content-Type"].params.get("name"), kind, part.get_content()))
    return result


def expected_types(names) -> list[str]:
    return [CONTENT_TYPES.get(n.rpartition(".")[2], "application/octet-stream") for n in names]


def test_both_doors_write_one_valid_draft(store, lundby, library, tmp_path, capsys, expect_dialog):
    lundby.compiled_by = "Anna Andersson"
    report_id = store.create_report(lundby)
    actions = ReportActions(store, library)
    bilagor = {LONG_BILAGA: b"%PDF-1.4 bilaga", "Foton från träffen.heic": b"\x00heic", "anteckningar.xyz": b"x"}
    for name, content in bilagor.items():
        path = tmp_path / name
        path.write_bytes(content)
        actions.add_attachments(report_id, [path])
    opened = []
    expect_dialog("open_path", answer=lambda path, *_, **__: opened.append(path) or True)
    expect_dialog("ask", "Rapporten är inte klar", answer=True)
    expect_dialog("run_dialog", "Skicka till regionen", answer=False)
    actions.send(report_id, today=date(2023, 1, 30))
    [app_eml] = opened
    store.close()
    cli_eml = tmp_path / "cli.eml"
    assert main(["export", "--db", str(store.path), str(report_id), "--eml", str(cli_eml)]) == 0, capsys.readouterr()

    names = [f"{STEM}.docx", f"{STEM}.xlsx", f"{STEM}.pdf", f"{STEM}.json", *bilagor]
    drafts = {"app": app_eml.read_bytes(), "cli": cli_eml.read_bytes()}
    for door, raw in drafts.items():
        assert draft_defects(raw) == [], door
        files = attachments(raw)
        assert [name for name, *_ in files] == names, door
        assert [param for _, param, *_ in files] == names, door  # the name= Outlook reads, decoded
        assert [kind for _, _, kind, _ in files] == expected_types(names), door
        assert {name: content for name, _, _, content in files}[f"{STEM}.json"].startswith(b"{"), door
        assert [content for name, _, _, content in files if name in bilagor] == list(bilagor.values())
    app_json, cli_json = (dict((n, c) for n, _, _, c in attachments(raw))[f"{STEM}.json"] for raw in drafts.values())
    assert app_json == cli_json  # the same report data through both doors


def test_a_defect_is_found_when_a_draft_is_written_with_smtp_policy(fca2022, lundby):
    """The check above sees the old command-line draft's broken Content-Type."""
    from email.policy import SMTP

    from exports.email import build_draft, draft_bytes

    message = build_draft(to=["hsn.goteborg@vgregion.se"], subject="Ämne", body="Hej",
                          attachments=[(f"{STEM}.docx", b"PK\x03\x04")])
    assert draft_defects(draft_bytes(message)) == []
    broken = message.as_bytes(policy=SMTP)
    assert b"application/=?utf-8?q?vnd" in broken
    assert draft_defects(broken) != [] or attachments_raise(broken)


def attachments_raise(raw: bytes) -> bool:
    try:
        attachments(raw)
    except AssertionError:
        return True
    return False
