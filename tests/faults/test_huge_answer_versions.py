"""A huge answer is not copied into every version snapshot (issue 8, break 8: a 100 MB answer
added 200 MB to the database)."""

from __future__ import annotations

import random
import string

from forms.store import Store

MB = 1024 * 1024


def _megabytes_of_text(size: int) -> str:
    """Text that does not compress away (random words), so the test measures copies, not zlib."""
    rng = random.Random(8)
    words = ["".join(rng.choices(string.ascii_lowercase + "åäö", k=rng.randint(2, 9))) for _ in range(5000)]
    out, length = [], 0
    while length < size:
        word = rng.choice(words)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:size]


def test_a_huge_answer_is_stored_once_across_versions(db_path, lundby):
    store = Store(db_path)
    report_id = store.create_report(lundby)
    huge = _megabytes_of_text(8 * MB)
    store.save_answer(report_id, "nosam", huge)
    for status in ("klar", "utkast", "klar", "utkast"):  # each status change keeps a version
        store.update_report(report_id, status=status)
    store.save_answer(report_id, "ovriga_kommentarer", "en liten ändring")
    assert len(store.versions(report_id)) >= 6
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db_path.stat().st_size
    store.close()
    assert size < 2.2 * len(huge.encode("utf-8")), f"{size / MB:.1f} MB for an answer of {len(huge) / MB:.1f} MB"


def test_versions_with_a_huge_answer_still_restore_exactly(db_path, lundby):
    store = Store(db_path)
    report_id = store.create_report(lundby)
    huge = _megabytes_of_text(MB)
    store.save_answer(report_id, "nosam", huge)
    store.update_report(report_id, status="klar")
    store.save_answer(report_id, "nosam", "kort")
    store.update_report(report_id, status="utkast")
    with_huge = next(v for v in store.versions(report_id) if v.snapshot["answers"].get("nosam") == huge)
    store.restore_version(with_huge.id)
    assert store.load_report(report_id).answers["nosam"] == huge
    store.close()
