"""The store tells its readers when a report changed under them: a change count per report, bumped
by every content write and checked by a save that names the count it is based on; SQLite's
data_version (plus the store's own commits) as the cheap "anything written?" question."""

from datetime import datetime
from decimal import Decimal

import pytest

from forms.receiving import receive_paths
from forms.store import ReportChanged, Store
from tests.receiving_data import area_report, email_bytes


def dump(store) -> list[str]:
    return list(store.conn.iterdump())


def test_every_content_write_counts_and_a_stale_save_writes_nothing(store, lundby, db_path):
    report_id = store.create_report(lundby)
    assert store.change_count(report_id) == 0
    _, count = store.save_edits(report_id, answers={"nosam": "Ett"}, expected=0)
    assert count == 1 == store.change_count(report_id)
    store.save_amount(report_id, "ekonomi", "lon", "utfall_region", Decimal("1.5"))
    store.update_report(report_id, compiled_by="Anna")
    version = store.versions(report_id)[-1].id
    store.restore_version(version)
    assert store.change_count(report_id) == 4

    before = dump(store)
    with pytest.raises(ReportChanged) as raised:
        store.save_edits(report_id, answers={"nosam": "Gammal text + tillägg"}, expected=1)
    assert (raised.value.expected, raised.value.found) == (1, 4)
    assert dump(store) == before  # nothing written, not even the time


def test_another_connection_writing_changes_the_token(store, lundby, db_path):
    report_id = store.create_report(lundby)
    token = store.change_token()
    assert store.change_token() == token  # nothing written: the same
    other = Store(db_path)  # another program on the same file
    try:
        other.save_answer(report_id, "nosam", "Från ett annat program")
    finally:
        other.close()
    assert store.change_token() != token and store.change_count(report_id) == 1
    token = store.change_token()
    store.save_answer(report_id, "nosam", "Härifrån")  # this connection's own write counts too
    assert store.change_token() != token


def test_writing_over_a_change_keeps_it_as_a_version(store, lundby, db_path):
    """Another program's edit, folded into the minute's version, is kept when the user's text goes
    over it: it is not folded away by the next edit."""
    report_id = store.create_report(lundby)
    _, base = store.save_edits(report_id, answers={"nosam": "Min första text"}, expected=0)
    other = Store(db_path)
    try:
        other.save_answer(report_id, "nosam", "Deras text")
        other.save_answer(report_id, "utbud", "Deras andra text")
    finally:
        other.close()
    with pytest.raises(ReportChanged):
        store.save_edits(report_id, answers={"nosam": "Min text"}, expected=base)
    _, count = store.save_edits(report_id, answers={"nosam": "Min text"}, expected=store.change_count(report_id),
                                over_change=True)
    store.save_edits(report_id, answers={"nosam": "Min text, rättad"}, expected=count)
    snapshots = [v.snapshot["answers"] for v in store.versions(report_id)]
    assert snapshots[0]["nosam"] == "Min text, rättad"
    assert {"nosam": "Deras text", "utbud": "Deras andra text"}.items() <= snapshots[1].items()


def test_unsaved_text_kept_as_a_version_leaves_the_report_alone(store, lundby):
    report_id = store.create_report(lundby)
    before, count = store.load_report(report_id), store.change_count(report_id)
    store.keep_as_version(report_id, "Din osparade text", answers={"nosam": "Osparat", "utbud": ""},
                          amounts={("ekonomi", "lon", "utfall_region"): Decimal("2.5")})
    assert store.load_report(report_id) == before and store.change_count(report_id) == count
    kept = store.versions(report_id)[0]
    assert kept.reason == "Din osparade text" and kept.snapshot["answers"]["nosam"] == "Osparat"
    assert "utbud" not in kept.snapshot["answers"]
    assert ["ekonomi", "lon", "utfall_region", "2.5"] in kept.snapshot["amounts"]


def test_restoring_a_received_version_makes_its_email_the_current_one(store, library, tmp_path):
    """A receipt's "current" and the content never disagree: restoring what the first email said
    makes the first email current again."""
    paths = []
    for day, number in ((25, 1), (30, 2)):
        path = tmp_path / f"{day}.eml"
        path.write_bytes(email_bytes(library, area_report(library, "Hisingen", number),
                                     sent=datetime(2024, 1, day, 9), sender="a@hisingen.se"))
        paths.append(path)
    outcomes, _ = receive_paths(store, library, paths)
    report_id = outcomes[0].report_id
    first = next(r for r in store.receipts(report_id) if r.source_name == "25.eml")
    store.restore_version(first.version_id)
    assert [r.source_name for r in store.receipts(report_id) if r.is_current] == ["25.eml"]
    assert store.load_report(report_id).answers == area_report(library, "Hisingen", 1).answers
