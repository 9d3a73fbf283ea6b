"""Times across Stockholm's clock changes: stored as aware UTC, compared as times, shown in local time.

Summer time ends on 25 October 2026 (03:00 CEST becomes 02:00 CET, so 02:00–02:59 happens twice) and
begins on 29 March 2026 (02:00 CET becomes 03:00 CEST). Local wall-clock text compared as strings
takes the later of two autumn events for the earlier one.
"""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import time_machine

from forms import times
from forms.backup import backup_folder, backup_time, has_backup_from, list_backups, make_backup, newest_good_backup
from forms.receiving import receive_paths
from forms.store import Store
from tests.receiving_data import area_report, email_bytes

CEST, CET = timezone(timedelta(hours=2)), timezone(timedelta(hours=1))
AUTUMN_FIRST = datetime(2026, 10, 25, 2, 30, tzinfo=CEST)  # 00:30 UTC
AUTUMN_SECOND = datetime(2026, 10, 25, 2, 10, tzinfo=CET)  # 01:10 UTC: 40 minutes later
SPRING_BEFORE = datetime(2026, 3, 29, 1, 50, tzinfo=CET)  # 00:50 UTC
SPRING_AFTER = datetime(2026, 3, 29, 3, 5, tzinfo=CEST)  # 01:05 UTC: 15 minutes later
LATER = datetime(2026, 12, 1, tzinfo=UTC)  # "now" for the receiving side's future check


def _receive(store, library, tmp_path, name, report, sent):
    path = tmp_path / name
    path.write_bytes(email_bytes(library, report, sent=sent, sender="anna@centrum.se"))
    [outcome], _ = receive_paths(store, library, [path], now=LATER)
    return outcome


@pytest.mark.parametrize(("first", "second", "shown"), [
    (AUTUMN_FIRST, AUTUMN_SECOND, "2026-10-25 02:10"),
    (SPRING_BEFORE, SPRING_AFTER, "2026-03-29 03:05"),
], ids=["autumn", "spring"])
def test_a_later_email_replaces_the_earlier_across_the_clock_change(stockholm, store, library, tmp_path,
                                                                     first, second, shown):
    """An email dated 02:10 +0100 on the autumn morning came 40 minutes after one dated 02:30 +0200:
    it is the newer report, in either order of import, and is shown in Swedish local time."""
    older, newer = area_report(library, "Centrum", 1), area_report(library, "Centrum", 2)
    assert _receive(store, library, tmp_path, "1.eml", older, first).what == "ny"
    outcome = _receive(store, library, tmp_path, "2.eml", newer, second)
    assert outcome.what == "ersatte"
    [current, earlier] = store.receipts(outcome.report_id)  # newest first
    assert current.is_current and not earlier.is_current
    assert times.parse(current.received_at) == second and current.received_at.endswith("+00:00")
    assert times.shown(current.received_at) == shown
    assert store.load_report(outcome.report_id).answers == newer.answers
    assert any(v.reason.startswith(f"Mottagen {shown} ") for v in store.versions(outcome.report_id))


def test_the_autumn_pair_imported_newest_first_keeps_the_newest(stockholm, store, library, tmp_path):
    newer, older = area_report(library, "Centrum", 2), area_report(library, "Centrum", 1)
    report_id = _receive(store, library, tmp_path, "2.eml", newer, AUTUMN_SECOND).report_id
    assert _receive(store, library, tmp_path, "1.eml", older, AUTUMN_FIRST).what == "äldre"
    assert store.load_report(report_id).answers == newer.answers
    assert [times.shown(r.received_at) for r in store.receipts(report_id)] == ["2026-10-25 02:10", "2026-10-25 02:30"]
    [summary] = store.list_reports()
    assert times.parse(summary.received_at) == AUTUMN_SECOND


def test_versions_across_the_autumn_change_are_two_and_in_order(stockholm, store, lundby):
    """Edits at 02:59 summer time and 02:10 winter time (11 minutes apart) are two versions; compared
    as local text the second looked 49 minutes older and was folded into the first."""
    with time_machine.travel(datetime(2026, 10, 25, 2, 58, tzinfo=CEST), tick=False):
        report_id = store.create_report(lundby)
    with time_machine.travel(datetime(2026, 10, 25, 2, 59, tzinfo=CEST), tick=False):
        store.save_answer(report_id, "nosam", "Före omställningen")
    with time_machine.travel(datetime(2026, 10, 25, 2, 10, tzinfo=CET), tick=False):
        store.save_answer(report_id, "nosam", "Efter omställningen")
    versions = store.versions(report_id)  # newest first
    assert [v.snapshot["answers"]["nosam"] for v in versions[:2]] == ["Efter omställningen", "Före omställningen"]
    assert [times.shown(v.created_at) for v in versions[:3]] == ["2026-10-25 02:10", "2026-10-25 02:59",
                                                                 "2026-10-25 02:58"]
    assert all(v.created_at.endswith("+00:00") for v in versions)


def test_the_report_changed_last_comes_first_across_the_autumn_change(stockholm, store, lundby, library):
    """A consolidation takes the report changed last; 02:10 CET is later than 02:30 CEST."""
    with time_machine.travel(AUTUMN_FIRST, tick=False):
        first = store.create_report(lundby)
    with time_machine.travel(AUTUMN_SECOND, tick=False):
        second = store.create_report(area_report(library, "Lundby", 1, year=2022))
    assert [r.id for r in store.reports_for("fca-uppfoljning", 2022)] == [second, first]


@pytest.mark.parametrize(("first", "second"), [(AUTUMN_FIRST, AUTUMN_SECOND), (SPRING_BEFORE, SPRING_AFTER)],
                         ids=["autumn", "spring"])
def test_backups_across_the_clock_change_are_newest_first(stockholm, store, lundby, db_path, first, second):
    store.create_report(lundby)
    folder = backup_folder(db_path)
    earlier = make_backup(store, folder, first)
    later = make_backup(store, folder, second)
    assert list_backups(folder) == [later, earlier]
    assert newest_good_backup(folder) == later
    assert backup_time(later) == second and times.shown(backup_time(later)) == times.shown(second)
    assert has_backup_from(folder, second.date()) and not has_backup_from(folder, date(2026, 10, 26))


def test_backups_named_in_local_time_before_are_still_ordered(stockholm, store, lundby, db_path):
    """Backups taken by the earlier version are named in local time; they keep their place."""
    store.create_report(lundby)
    folder = backup_folder(db_path)
    old = make_backup(store, folder, AUTUMN_FIRST)
    local_name = old.with_name("rapporter-2026-10-25-000000000000.sqlite")  # local midnight = 22:00 UTC the day before
    old.rename(local_name)
    new = make_backup(store, folder, AUTUMN_FIRST)
    assert list_backups(folder) == [new, local_name]
    assert backup_time(local_name) == datetime(2026, 10, 24, 22, tzinfo=UTC)


def test_naive_times_of_an_older_database_become_utc_as_local_time(stockholm, db_path, lundby):
    """A database written before times were UTC holds the local wall-clock time without an offset:
    the migration reads it as Swedish time (winter +01:00, summer +02:00; an autumn time that occurred
    twice as the first, summer time)."""
    old = Store(db_path)
    report_id = old.create_report(lundby)
    old.add_attachment(report_id, "a.pdf", b"%PDF")
    naive = {"2026-01-15T10:00:00": "2026-01-15T09:00:00+00:00", "2026-07-01T10:00:00": "2026-07-01T08:00:00+00:00",
             "2026-10-25T02:30:00": "2026-10-25T00:30:00+00:00"}
    created, updated, added = naive
    conn = old.conn
    conn.execute("UPDATE reports SET created_at = ?, updated_at = ?", (created, updated))
    conn.execute("UPDATE versions SET created_at = ?", (updated,))
    conn.execute("UPDATE attachments SET added_at = ?", (added,))
    conn.execute("DELETE FROM schema_migrations WHERE version = 18")
    old.close()

    store = Store(db_path)
    try:
        assert 18 in store.applied_migrations()
        report = store.load_report(report_id)
        assert (report.created_at, report.updated_at) == (naive[created], naive[updated])
        assert store.versions(report_id)[0].created_at == naive[updated]
        assert store.attachments(report_id)[0].added_at == naive[added]
        assert times.shown(report.updated_at) == "2026-07-01 10:00"  # shown as it was written
    finally:
        store.close()


def test_a_new_time_is_utc_with_its_offset(store, lundby):
    store.create_report(lundby)
    [summary] = store.list_reports()
    assert summary.updated_at.endswith("+00:00")
    assert abs(times.parse(summary.updated_at) - datetime.now(UTC)) < timedelta(minutes=1)


def test_versions_across_the_spring_change_follow_the_minute_rule(stockholm, store, lundby):
    """Edits at 01:59:30 winter time and 03:00:10 summer time are 40 seconds apart: one version a
    minute keeps them as one (compared as local text they looked an hour apart)."""
    with time_machine.travel(datetime(2026, 3, 29, 1, 58, tzinfo=CET), tick=False):
        report_id = store.create_report(lundby)
    with time_machine.travel(datetime(2026, 3, 29, 1, 59, 30, tzinfo=CET), tick=False):
        store.save_answer(report_id, "nosam", "Före omställningen")
    with time_machine.travel(datetime(2026, 3, 29, 3, 0, 10, tzinfo=CEST), tick=False):
        store.save_answer(report_id, "nosam", "Efter omställningen")
    versions = store.versions(report_id)
    assert [(times.shown(v.created_at), v.snapshot["answers"]["nosam"]) for v in versions[:1]] == [
        ("2026-03-29 01:59", "Efter omställningen")]
    assert [v.reason for v in versions] == ["Redigering", "Skapad"]
