"""A mailbox as it really is: one hostile email never spoils the rest, forwarded reports are found,
and the limits on one email hold in time linear in its parts (issue 23, items 1, 2 and 4)."""

import re
import time
from datetime import datetime

import pytest

from forms import times
from forms.receiving import MAX_PARTS, describe, read_item, receive_paths
from forms.store import Store
from tests.forms.test_receiving import rows
from tests.receiving_data import area_report, email_bytes, forwarded, hostile_folder

JAN = datetime(2024, 1, 25, 10, 30)
# Words of the messages Python and SQLite raise: none may reach the user.
ENGLISH = re.compile(r"\b(the|invalid|cannot|error|not supported|argument|parameter|year|out of range)\b", re.I)


def test_a_hostile_folder_gives_one_line_each_and_imports_exactly_the_good_ones(store, library, tmp_path):
    folder = tmp_path / "inkorg"
    folder.mkdir()
    expected = hostile_folder(folder, library)
    started = time.monotonic()
    outcomes, stopped = receive_paths(store, library, [folder])
    took = time.monotonic() - started
    assert not stopped and [o.name for o in outcomes] == sorted(expected)  # one line per item, in order
    for outcome in outcomes:
        line = describe(outcome)
        assert not ENGLISH.search(line), line
        if expected[outcome.name] is None:
            assert outcome.what in ("ny", "ersatte"), line
        else:
            assert outcome.reason and expected[outcome.name] in outcome.reason, line
            assert "Inget har ändrats" not in line
    assert took < 20, f"the hostile folder took {took:.1f} s"

    # the database holds exactly the good ones: the same row counts as a database that got only them
    reference = Store(tmp_path / "bara-de-goda.db")
    try:
        good = [folder / name for name, reason in sorted(expected.items()) if reason is None]
        assert all(o.what in ("ny", "ersatte") for o in receive_paths(reference, library, good)[0])
        assert rows(store) == rows(reference)
    finally:
        reference.close()

    # the CR/LF display name arrives on one line; the traversal names are plain names
    by_name = {o.name: o for o in outcomes}
    [receipt] = store.receipts(by_name["04 crlf-namn.eml"].report_id)
    assert receipt.sender == "Eva Bcc: x@evil.se <s@s.se>"
    [receipt] = store.receipts(by_name["11 sokvag.eml"].report_id)
    assert [f.name for f in receipt.files] == ["Bilaga CON.json", "Bilaga NUL.txt"]


def test_the_command_line_says_each_line_in_swedish_and_counts_truthfully(library, tmp_path, capsys):
    from desktop.cli import main

    folder = tmp_path / "inkorg"
    folder.mkdir()
    expected = hostile_folder(folder, library)
    code = main(["import-mail", "--db", str(tmp_path / "a.db"), str(folder)])
    out, err = capsys.readouterr()
    refused = sum(1 for reason in expected.values() if reason)
    assert code == 1
    assert out.strip().splitlines()[-1] == (f"{len(expected) - refused} av {len(expected)} importerade eller redan "
                                            f"importerade, {refused} inte importerade.")
    assert "Inget har ändrats" not in out + err and not ENGLISH.search(out + err), out + err
    for name, reason in expected.items():
        assert (f"{name}: INTE importerad" in err) == bool(reason), name


def test_only_good_files_exit_zero(library, tmp_path, capsys):
    from desktop.cli import main

    path = tmp_path / "c.eml"
    path.write_bytes(email_bytes(library, area_report(library, "Centrum", 1), sent=JAN, sender="a@x.se"))
    assert main(["import-mail", "--db", str(tmp_path / "a.db"), str(path)]) == 0
    assert capsys.readouterr().out.endswith("1 av 1 importerade eller redan importerade.\n")


@pytest.mark.parametrize("style", ["attached", "inline", "nested", "twice", "eml-file", "beside"])
def test_forwarded_reports_are_found(store, library, tmp_path, style):
    report = area_report(library, "Hisingen", 2)
    path = tmp_path / f"{style}.eml"
    path.write_bytes(forwarded(library, report, style, sent=JAN, forwarded_at=datetime(2024, 2, 10, 8)))
    [outcome], _ = receive_paths(store, library, [path])
    assert outcome.what == "ny", describe(outcome)
    stored = store.load_report(outcome.report_id)
    assert stored.tables == report.tables and stored.answers == report.answers
    [receipt] = store.receipts(outcome.report_id)
    assert all(isinstance(f.name, str) and f.size > 0 for f in receipt.files)
    if style in ("attached", "twice", "eml-file"):  # the original's sender and date, not the forward's
        assert receipt.received_at == times.stored(JAN) and receipt.sender == "Koordinator <k@hisingen.se>"
        assert "vidarebefordrat" in receipt.notes
    else:  # forwarded inline: the original's headers are only text in the body
        assert receipt.received_at == times.stored(datetime(2024, 2, 10, 8)) and receipt.sender == "Sekreterare <sekr@region.se>"


def bomb(parts: int, with_report: bytes | None = None) -> bytes:
    """An email of `parts` empty parts, and the report's JSON as the last one."""
    body = b"".join(b"--XYZ\r\n\r\n" for _ in range(parts - (1 if with_report else 0)))
    if with_report:
        body += (b"--XYZ\r\nContent-Type: application/json\r\nContent-Disposition: attachment; filename=r.json\r\n\r\n"
                 + with_report + b"\r\n")
    return (b"From: a@b.se\r\nDate: Thu, 25 Jan 2024 10:30:00 +0100\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n" + body + b"--XYZ--\r\n")


def test_reading_grows_linearly_with_the_parts(library, tmp_path):
    """10 000 parts (the limit) read in well under a second, and four times the parts cost about four
    times the time, not sixteen (the default email policy took 302 s for 50 000). Best of three
    each: the machine is shared."""
    from forms.interchange import report_to_json

    json_bytes = report_to_json(area_report(library, "Centrum", 1), library).encode()
    timings = {}
    for parts in (MAX_PARTS // 4, MAX_PARTS):
        path = tmp_path / f"{parts}.eml"
        path.write_bytes(bomb(parts, json_bytes))
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            assert read_item(path, library).report.area == "Centrum"
            runs.append(time.perf_counter() - started)
        timings[parts] = min(runs)
    assert timings[MAX_PARTS] < 3.0, timings  # < 1 s on an idle machine (benchmarks/bench.py); shared CI is slower
    assert timings[MAX_PARTS] < 8 * timings[MAX_PARTS // 4], timings
    path = tmp_path / "over.eml"
    path.write_bytes(bomb(MAX_PARTS * 5))
    started = time.perf_counter()
    [outcome], _ = receive_paths(Store(tmp_path / "x.db"), library, [path])
    assert "fler än 10 000 delar" in outcome.reason and time.perf_counter() - started < 3.0


def test_avbryt_stops_inside_one_large_email(library, tmp_path):
    path = tmp_path / "stor.eml"
    path.write_bytes(bomb(MAX_PARTS))
    asked = []

    def cancelled() -> bool:
        asked.append(time.perf_counter())
        return len(asked) > 3  # the user pressed Avbryt a moment into the file

    store = Store(tmp_path / "x.db")
    outcomes, stopped = receive_paths(store, library, [path, path], cancelled=cancelled)
    assert stopped and outcomes == [] and len(asked) == 4
    assert store.list_reports() == []


def test_the_time_budget_and_the_decoded_size_are_limits_with_a_message(store, library, tmp_path, monkeypatch):
    """The limits at a size a test can reach: a budget of 50 ms for a 10 000-part email, and 1 KB of
    attachments for an email whose report is bigger."""
    import forms.receiving as receiving

    slow = tmp_path / "stor.eml"
    slow.write_bytes(bomb(MAX_PARTS))
    monkeypatch.setattr(receiving, "TIME_BUDGET_SECONDS", 0.05)
    [outcome], _ = receive_paths(store, library, [slow])
    assert outcome.reason.startswith("Filen tog mer än ") and "sekunder att läsa och lästes inte färdigt." in outcome.reason
    monkeypatch.undo()
    big = tmp_path / "c.eml"
    big.write_bytes(email_bytes(library, area_report(library, "Centrum", 1), sent=JAN, sender="a@x.se"))
    monkeypatch.setattr(receiving, "MAX_DECODED_BYTES", 1024)
    [outcome], _ = receive_paths(store, library, [big])
    assert outcome.reason.startswith("Bilagorna i e-postmeddelandet är tillsammans större än ")
    assert store.list_reports() == []
