"""The Qt binding itself must be sound: PySide6 6.12.0 on Python 3.11 drops a reference to None on
every call that returns nothing, and the process aborts after some ten thousand calls."""

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_nones_reference_count():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -50
