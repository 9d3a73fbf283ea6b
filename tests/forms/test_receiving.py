"""Receiving the areas' reports: emails and JSON files become received reports, each whole or not at
all; the same report arriving again replaces the older one and keeps it as a version; bad input is
refused with a Swedish reason and leaves the database as it was."""

import json
import sqlite3
from datetime import datetime
from decimal import Decimal

import pytest

from forms.receiving import ReceiveError, describe, find_items, read_item, receive_paths
from forms.store import StoreError
from tests.receiving_data import AREAS, area_report, email_bytes

JAN = datetime(2024, 1, 25, 10, 30)


def rows(store) -> dict[str, int]:
    """Row counts of every table: "the database is unchanged"."""
    tables = [t for (t,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_email_with_json_becomes_a_received_report_with_its_files(store, library, tmp_path):
    report = area_report(library, "Centrum", 1)
    eml = write(tmp_path, "centrum.eml", email_bytes(library, report, sent=JAN, sender="Anna <anna@centrum.se>",
                                                    with_word=True))
    outcomes, stopped = receive_paths(store, library, [eml])
    assert not stopped and [o.what for o in outcomes] == ["ny"], describe(outcomes[0])
    stored = store.load_report(outcomes[0].report_id)
    assert (stored.area, stored.year, stored.template_id, stored.revision) == ("Centrum", 2023, "fca-uppfoljning", "2023")
    assert stored.tables == report.tables and stored.answers == report.answers
    [summary] = store.list_reports()
    assert summary.received_at == "2024-01-25T10:30:00+00:00" and summary.receipts == 1
    [receipt] = store.receipts(stored.id)
    assert receipt.sender == "Anna <anna@centrum.se>" and receipt.is_current
    names = [f.name for f in receipt.files]
    assert names == ["Uppföljning FCA Centrum 2023.docx", "Uppföljning FCA Centrum 2023.json"]
    assert json.loads(store.received_file(receipt.id, names[1]))["area"] == "Centrum"


def test_a_resent_report_replaces_the_older_which_stays_a_version(store, library, tmp_path):
    first = area_report(library, "Nordost", 2)
    second = area_report(library, "Nordost", 2)
    second.set_amount("ekonomi", "lon", "utfall_region", Decimal("999.9"))
    old = write(tmp_path, "1.eml", email_bytes(library, first, sent=JAN, sender="a@x.se"))
    new = write(tmp_path, "2.eml", email_bytes(library, second, sent=datetime(2024, 1, 30, 9), sender="a@x.se"))

    outcomes, _ = receive_paths(store, library, [old, new])
    assert [o.what for o in outcomes] == ["ny", "ersatte"]
    [summary] = store.list_reports()  # one report, not two
    assert summary.receipts == 2 and summary.received_at == "2024-01-30T09:00:00+00:00"
    current = store.load_report(summary.id)
    assert current.amount("ekonomi", "lon", "utfall_region") == Decimal("999.9")
    older = [v for v in store.versions(summary.id) if v.reason.startswith("Mottagen 2024-01-25")]
    assert len(older) == 1 and ["ekonomi", "lon", "utfall_region", "453.5"] in older[0].snapshot["amounts"]
    assert [r.is_current for r in store.receipts(summary.id)] == [True, False]

    # the same file again changes nothing; an older sending found later does not become current
    before = rows(store)
    again, _ = receive_paths(store, library, [new])
    assert again[0].what == "redan importerad" and rows(store) == before
    oldest = write(tmp_path, "0.eml", email_bytes(library, area_report(library, "Nordost", 5),
                                                  sent=datetime(2024, 1, 10), sender="a@x.se"))
    late, _ = receive_paths(store, library, [oldest])
    assert late[0].what == "äldre"
    assert store.load_report(summary.id).amount("ekonomi", "lon", "utfall_region") == Decimal("999.9")
    assert store.list_reports()[0].receipts == 3
    # the older sending is kept as a version like any other: restored, it is exactly what was sent
    kept = next(v for v in store.versions(summary.id) if "äldre inskick" in v.reason)
    current = next(v for v in store.versions(summary.id) if v.reason.startswith("Mottagen 2024-01-30"))
    assert kept.snapshot.keys() == current.snapshot.keys() and kept.snapshot["meta"].keys() == current.snapshot["meta"].keys()
    store.restore_version(kept.id)
    restored, sent = store.load_report(summary.id), area_report(library, "Nordost", 5)
    assert restored.answers == {k: v for k, v in sent.answers.items() if v} and restored.tables == sent.tables
    assert (restored.compiled_by, restored.compiled_date) == (sent.compiled_by, sent.compiled_date)


def test_plain_json_files_and_folders(store, library, tmp_path):
    from forms.interchange import report_to_json

    folder = tmp_path / "inkorg"
    (folder / "under").mkdir(parents=True)
    for number, area in enumerate(AREAS[:2], start=1):
        (folder / f"{area}.json").write_text(report_to_json(area_report(library, area, number), library), encoding="utf-8")
    (folder / "under" / "Sydväst.eml").write_bytes(email_bytes(library, area_report(library, "Sydväst", 4)))
    (folder / "anteckningar.txt").write_text("inte en rapport")
    (folder / "~$Centrum.docx").write_bytes(b"Word lock file")
    assert [p.name for p in find_items([folder])] == ["Centrum.json", "Hisingen.json", "Sydväst.eml"]
    outcomes, _ = receive_paths(store, library, [folder])
    assert [o.what for o in outcomes] == ["ny", "ny", "ny"]
    assert sorted(s.area for s in store.list_reports()) == ["Centrum", "Hisingen", "Sydväst"]
    # a draft without From: the coordinator who compiled it is the sender
    sydvast = next(s for s in store.list_reports() if s.area == "Sydväst")
    assert store.receipts(sydvast.id)[0].sender == "Koordinator Sydväst"


@pytest.mark.parametrize("change, reason", [
    (lambda r: setattr(r, "area", "Lundby"), "inte finns bland stadsområdena"),
    (lambda r: setattr(r, "year", 2021), "gäller år 2023–"),
])
def test_unknown_area_or_year_is_refused_and_nothing_is_written(store, library, tmp_path, change, reason):
    report = area_report(library, "Centrum", 1)
    change(report)
    path = write(tmp_path, "x.eml", email_bytes(library, report, sent=JAN, sender="a@x.se"))
    before = rows(store)
    outcomes, _ = receive_paths(store, library, [path])
    assert outcomes[0].report_id is None and reason in outcomes[0].reason
    assert "INTE importerad" in describe(outcomes[0])
    assert rows(store) == before


def test_area_names_are_made_canonical(store, library, tmp_path):
    report = area_report(library, "Centrum", 1)
    report.area = "  centrum"
    path = write(tmp_path, "x.eml", email_bytes(library, report, sent=JAN, sender="a@x.se"))
    assert read_item(path, library).report.area == "Centrum"


def bad_emails(library):
    good = email_bytes(library, area_report(library, "Hisingen", 2), sent=JAN, sender="a@x.se")
    cut = good[: good.index(b"Content-Disposition: attachment") + 300]  # the JSON cut off mid-way
    future = email_bytes(library, area_report(library, "Hisingen", 2), sent=datetime(2099, 1, 1), sender="a@x.se")
    garbage_date = good.replace(b"Date: ", b"Date: 32 Foo 20x4 99:99 ", 1)
    no_report = email_bytes(library, area_report(library, "Hisingen", 2), sent=JAN, sender="a@x.se", with_json=False)
    return {
        "cut": (cut, "skadad"),
        "future": (future, "ligger i framtiden"),
        "garbage-date": (garbage_date, "går inte att läsa"),
        "no-report": (no_report, "ingen rapport bifogad"),
        "not-an-email": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "inte ett e-postmeddelande"),
        "empty": (b"", "inte ett e-postmeddelande"),
        "forged-json": (_tampered(library), "inte ett tal"),
    }


def _tampered(library) -> bytes:
    """An email whose JSON was edited by hand into something the app never writes."""
    from email import message_from_bytes
    from email.policy import SMTP, default

    message = message_from_bytes(email_bytes(library, area_report(library, "Hisingen", 2), sent=JAN, sender="a@x.se"),
                                 policy=default)
    part = next(message.iter_attachments())
    data = json.loads(part.get_content())
    data["tables"]["ekonomi"]["lon"]["budget_region"] = "1e9"
    part.set_content(json.dumps(data).encode(), maintype="application", subtype="json",
                     filename=part.get_filename(), disposition="attachment")
    return message.as_bytes(policy=SMTP)


@pytest.mark.parametrize("case", ["cut", "future", "garbage-date", "no-report", "not-an-email", "empty", "forged-json"])
def test_damaged_or_forged_emails_are_refused_in_swedish(store, library, tmp_path, case):
    data, reason = bad_emails(library)[case]
    path = write(tmp_path, f"{case}.eml", data)
    before = rows(store)
    with pytest.raises(ReceiveError) as caught:
        read_item(path, library)
    assert reason in str(caught.value)
    outcomes, _ = receive_paths(store, library, [path])
    assert outcomes[0].reason == str(caught.value) and rows(store) == before


def test_a_cancelled_folder_import_keeps_whole_reports_only(store, library, tmp_path):
    from forms.interchange import report_to_json

    for number, area in enumerate(AREAS, start=1):
        (tmp_path / f"{number}.json").write_text(report_to_json(area_report(library, area, number), library))
    seen = []
    outcomes, stopped = receive_paths(store, library, [tmp_path], progress=lambda i, n, name: seen.append((i, n)),
                                      cancelled=lambda: len(seen) >= 2)
    assert stopped and len(outcomes) == 2 and seen[:2] == [(0, 4), (1, 4)]
    assert sorted(s.area for s in store.list_reports()) == ["Centrum", "Hisingen"]
    for s in store.list_reports():  # each received report is complete
        assert store.load_report(s.id).tables == area_report(library, s.area, AREAS.index(s.area) + 1).tables


def test_a_failing_write_leaves_no_half_report(store, library, tmp_path):
    """SQLITE_FULL in the middle of a receipt (the files are written last): nothing of it stays."""
    big = area_report(library, "Centrum", 1)
    path = write(tmp_path, "c.eml", email_bytes(library, big, sent=JAN, sender="a@x.se", with_word=True))
    before = rows(store)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 8}")  # room for the report rows, not the files
    with pytest.raises((StoreError, sqlite3.Error)):
        store.receive_report(read_item(path, library))
    assert rows(store) == before
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    outcomes, _ = receive_paths(store, library, [path])
    assert outcomes[0].what == "ny"


def test_a_word_only_email_goes_through_the_word_importer(store, library, tmp_path):
    """No JSON attached (sent by hand from Word): the report is read out of the Word file exactly."""
    report = area_report(library, "Sydväst", 4)
    path = write(tmp_path, "sydvast.eml", email_bytes(library, report, sent=JAN, sender="s@x.se",
                                                      with_json=False, with_word=True))
    outcomes, _ = receive_paths(store, library, [path])
    assert outcomes[0].what == "ny", outcomes[0].reason
    assert any("Lästes ur Word-filen" in note for note in outcomes[0].notes)
    stored = store.load_report(outcomes[0].report_id)
    assert (stored.area, stored.year) == ("Sydväst", 2023)
    assert stored.tables == report.tables
    assert stored.answer("koordinatorns_arbete") == report.answer("koordinatorns_arbete")


def test_a_plain_docx_file_is_received_too(store, library, tmp_path):
    from exports.bundle import docx_bytes

    report = area_report(library, "Hisingen", 2)
    path = write(tmp_path, "Hisingen.docx", docx_bytes(library.get(report.template_id, report.revision), report))
    outcomes, _ = receive_paths(store, library, [path])
    assert outcomes[0].what == "ny" and store.load_report(outcomes[0].report_id).tables == report.tables


def test_json_disagreeing_with_its_word_file_wins_and_the_difference_is_listed(store, library, tmp_path):
    report = area_report(library, "Centrum", 1)
    in_word = area_report(library, "Centrum", 1)
    in_word.set_amount("ekonomi", "lon", "utfall_region", Decimal("111.1"))
    in_word.set_answer("nosam", "Ett annat svar i Word-filen.")
    path = write(tmp_path, "c.eml", email_bytes(library, report, sent=JAN, sender="a@x.se", with_word=True,
                                                word_report=in_word))
    outcomes, _ = receive_paths(store, library, [path])
    notes = outcomes[0].notes
    assert outcomes[0].what == "ny"
    assert any("Utfall 2023-12-31 DRNG: Word-filen 111,1, JSON-filen 416,4. JSON-filen gäller." in n for n in notes), notes
    assert any("Svaret på ”Redogör för hur NOSAM fungerar som styrgrupp" in n for n in notes), notes
    assert len(notes) == 2
    stored = store.load_report(outcomes[0].report_id)
    assert stored.amount("ekonomi", "lon", "utfall_region") == report.amount("ekonomi", "lon", "utfall_region")
    assert store.receipts(stored.id)[0].notes == "\n".join(notes)
    assert "JSON-filen gäller" in describe(outcomes[0])


def test_an_answer_hidden_by_the_reports_own_yes_no_is_not_compared_with_the_word_file(store, library, tmp_path):
    """Every FCA 2023 email got "Svaret på ”Om nej…” skiljer sig": the JSON carries an answer to a
    question its own Ja hides, which the Word file rightly leaves out (issue 19 item 9)."""
    report = area_report(library, "Nordost", 2)
    report.set_answer("bemanning_tillracklig", "ja")
    report.set_answer("bemanning_saknas", "Barnmorska (skrivet innan svaret blev Ja)")
    path = write(tmp_path, "n.eml", email_bytes(library, report, sent=JAN, sender="n@x.se", with_word=True))
    outcomes, _ = receive_paths(store, library, [path])
    assert outcomes[0].what == "ny" and outcomes[0].notes == [], outcomes[0].notes
    report.set_answer("bemanning_tillracklig", "nej")  # now visible: a Word file without it differs
    in_word = area_report(library, "Nordost", 2)
    in_word.set_answer("bemanning_tillracklig", "nej")
    in_word.set_answer("bemanning_saknas", "Något annat")
    path = write(tmp_path, "n2.eml", email_bytes(library, report, sent=JAN, sender="n@x.se", with_word=True,
                                                 word_report=in_word))
    outcomes, _ = receive_paths(store, library, [path])
    assert [n for n in outcomes[0].notes if "skiljer sig" in n] != [], outcomes[0].notes


def test_a_huge_folder_reports_progress_per_file_and_stops_cleanly(store, library, tmp_path):
    """A mailbox export of 600 files (every fifth one a report, the rest junk): one progress step a
    file, Avbryt half-way (inside a file) leaves exactly the reports read so far, each whole; the rest untouched."""
    from forms.interchange import report_to_json

    folder = tmp_path / "brevlåda"
    folder.mkdir()
    for number in range(600):
        if number % 5 == 0:
            report = area_report(library, AREAS[number % 4], 1, year=2023 + number // 20)
            (folder / f"{number:04d}.json").write_text(report_to_json(report, library), encoding="utf-8")
        else:
            (folder / f"{number:04d}.eml").write_bytes(b"Detta \xe4r inget e-postmeddelande\r\n" * 3)
    steps = []
    outcomes, stopped = receive_paths(store, library, [folder], progress=lambda i, n, name: steps.append((i, n)),
                                      cancelled=lambda: len(steps) >= 300)
    # Avbryt came while the 300th was read: it stops inside it, which stays untouched like the rest
    assert stopped and len(outcomes) == 299 and steps[:3] == [(0, 600), (1, 600), (2, 600)]
    assert [o.what for o in outcomes if not o.reason] == ["ny"] * 60
    assert all("inte ett e-postmeddelande" in o.reason for o in outcomes if o.reason)
    assert len(store.list_reports()) == 60
    for summary in store.list_reports():
        assert store.load_report(summary.id).tables == area_report(library, summary.area, 1, summary.year).tables
