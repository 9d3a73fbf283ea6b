"""A report window keeps up with changes made to its report elsewhere: by another program on the same
database (the command line's `import-mail`), an import or a restored version in the report list.

The store counts every change of a report's content (`Store.change_count`); every save of the window
names the count it is based on, and the store refuses a save when the report has moved on
(`ReportChanged`). Once a second the window also asks the store whether anything at all was written
(`Store.change_token`: SQLite's `PRAGMA data_version` plus the store's own commits) and, when this
report changed, catches up at once — before the user types over it.

Catching up (AutoSaver.merge): every question without unsaved text shows the new content. Unsaved
text in a question the other change left alone stays and is saved. A question both changed is the
user's to decide — keep my text, or take the received one — and whichever loses is kept in
Tidigare versioner: nothing typed and nothing received is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import dialogs
from desktop.autosave import AutoSaver, Merge
from forms import times
from forms.store import Store, StoreError

POLL_MS = 1000
TITLE = "Rapporten har ändrats medan du skrev"
KEEP_MINE = 0


class ReportSync(QObject):
    """Keeps one window's report (`saver.report`) in step with the store."""

    caught_up = Signal(str)  # a Swedish line: what changed elsewhere, now shown in the window

    def __init__(self, store: Store, saver: AutoSaver, window, show: Callable[[Merge], None],
                 name_of: Callable[[tuple], str]):
        """`show(merge)` puts the merged report's new values into the widgets; `name_of(conflict)`
        names a conflicting question for the user."""
        super().__init__(window)
        self.store = store
        self.saver = saver
        self.window = window
        self.show = show
        self.name_of = name_of
        self._token = store.change_token()
        self._receipt = self._current_receipt()
        self._busy = False
        saver.conflict_handler = self.catch_up
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        """One PRAGMA a second; the report itself is read only when something was written."""
        if self._busy:
            return
        try:
            token = self.store.change_token()
            if token == self._token:
                return
            self._token = token
            if self.store.change_count(self.saver.report.id) == self.saver.base:
                return
        except Exception:  # noqa: BLE001 - deleted, closed or unreadable: the next save says why
            return
        self.catch_up()

    def catch_up(self) -> bool:
        """Bring the window up to the stored report; True when it is (the pending edits then go on
        top of it), False when the report cannot be read."""
        if self._busy:
            return False
        self._busy = True
        try:
            for hand_over in self.saver.before_flush:  # text still held in a widget counts as typed
                hand_over()
            try:
                theirs, count = self.store.load_with_count(self.saver.report.id)
            except (KeyError, StoreError):
                return False
            self._token = self.store.change_token()
            if count == self.saver.base:
                return True
            what, received = self._what_changed()
            merge = self.saver.merge(theirs, count)
            self.show(merge)
            if not (merge.shown or merge.conflicts):
                return True  # nothing the window shows changed (a bilaga was added, say): nothing to say
            kept = merge.conflicts and self._ask(merge, theirs, what, received)
            mine = (f" Din text behölls i {len(merge.conflicts)} av frågorna; resten visar det nya." if kept else
                    " Fönstret visar nu det senaste.")
            self.caught_up.emit(f"Rapporten ändrades utanför fönstret. {what}{mine} Det som fanns före finns "
                                "under Rapport → Tidigare versioner.")
            return True
        finally:
            self._busy = False

    def _ask(self, merge: Merge, theirs, what: str, received: bool) -> bool:
        """Where both wrote the same question: the user chooses. True when the user's text is kept."""
        names = "\n".join(f"• {self.name_of(conflict)}" for conflict in merge.conflicts[:8])
        more = f"\n… och {len(merge.conflicts) - 8} till" if len(merge.conflicts) > 8 else ""
        theirs_word = "den mottagna" if received else "den nya"
        self.saver.holding = True  # no save while the user decides
        try:
            answer = dialogs.choose(
                self.window, TITLE,
                f"Medan du skrev ändrades rapporten utanför det här fönstret. {what} Ändringen gäller också "
                f"{'frågan' if len(merge.conflicts) == 1 else 'frågorna'} du har skrivit i:\n\n{names}{more}\n\n"
                f"Välj vilken text som ska gälla: din eller {theirs_word}. Den andra sparas under Rapport → "
                "Tidigare versioner, så ingenting går förlorat. Övriga frågor visar redan det nya.",
                ["Behåll &min text (ny version)", f"Ta {theirs_word}"])
        finally:
            self.saver.holding = False
        if answer == KEEP_MINE:
            self.saver.keep_mine()
            return True
        self.saver.take_theirs(theirs, merge.conflicts)
        self.show(Merge(answers={k for kind, k in merge.conflicts if kind == "answer"},
                        tables={k[0] for kind, k in merge.conflicts if kind == "amount"},
                        meta={k for kind, k in merge.conflicts if kind == "meta"}))
        return False

    def _current_receipt(self):
        try:
            return next((r for r in self.store.receipts(self.saver.report.id) if r.is_current), None)
        except StoreError:
            return None

    def _what_changed(self) -> tuple[str, bool]:
        """Words for where the change came from; True when it is a newly received email."""
        receipt = self._current_receipt()
        before, self._receipt = self._receipt, receipt
        if receipt is not None and (before is None or receipt.id != before.id):
            return (f"Ett nytt inskick från {receipt.sender}, daterat {times.shown(receipt.received_at)}, "
                    "har importerats."), True
        return "Den ändrades i ett annat fönster eller program, eller genom en återställd version.", False
