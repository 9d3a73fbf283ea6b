"""Unexpected dialogs fail the test at once, instead of hanging the run in a modal loop.

Every test gets the autouse fixture `expect_dialog` (tests/conftest.py). While a test runs, each
helper in `desktop.dialogs` (show_error, show_warning, show_info, ask, choose, choose_save_path,
choose_open_paths, open_path, run_dialog, and any helper added there later) and every direct route to a
Qt modal dialog (QMessageBox/QFileDialog/QInputDialog/QColorDialog/QFontDialog static functions,
QDialog.exec) fails the test with

    unexpected dialog: <title>: <text>

unless the test declared the dialog and its answer first:

    def test_replacing_asks(expect_dialog, tmp_path, ...):
        expect_dialog("choose_save_path", answer=tmp_path / "r.docx")   # any title
        expect_dialog("ask", "Ersätta filen?", answer=False)            # this exact title only
        expect_dialog("run_dialog", "Ny rapport", answer=fill_in)       # a callable is called with the
                                                                        # helper's own arguments
        ...
        assert expect_dialog.texts("ask") == ["Filen r.docx finns redan. …"]   # what was shown

- The first argument is the helper's name in `desktop.dialogs`; the title (optional) must match exactly
  (for run_dialog: the dialog's windowTitle()).
- A declared dialog must be shown, at least once, or exactly `times=n` times: otherwise the test
  fails at teardown, so a declaration cannot go stale silently.
- Declaring the same helper again (e.g. first answer False, then True) makes the newest declaration
  answer from then on.
- `expect_dialog.shown` lists every dialog the code opened, as Shown(kind, title, text).
- Direct Qt dialogs cannot be declared: route them through desktop.dialogs.

The unexpected dialog raises pytest's own failure (a BaseException, so an `except Exception` in the
code under test cannot swallow it) and is also reported at teardown if the code swallowed it anyway.
pytest-timeout with the thread method (pyproject.toml) is the backstop for anything else that blocks.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

_UNSET = object()


@dataclass(frozen=True)
class Shown:
    kind: str
    title: str
    text: str
    arguments: dict = field(default_factory=dict, compare=False)  # the helper's arguments by name


@dataclass
class _Expectation:
    kind: str
    title: str | None
    answer: Any
    times: int | None
    used: int = 0

    def describe(self) -> str:
        title = f" {self.title!r}" if self.title is not None else ""
        return f"{self.kind}{title}"


# Qt's own routes to a modal loop: (module, class, attribute).
_QT_STATIC = [
    ("PySide6.QtWidgets", "QMessageBox", name) for name in ("about", "aboutQt", "critical", "information", "question", "warning")
] + [
    ("PySide6.QtWidgets", "QFileDialog", name) for name in (
        "getExistingDirectory", "getExistingDirectoryUrl", "getOpenFileName", "getOpenFileNames",
        "getOpenFileUrl", "getOpenFileUrls", "getSaveFileName", "getSaveFileUrl")
] + [
    ("PySide6.QtWidgets", "QInputDialog", name) for name in ("getDouble", "getInt", "getItem", "getMultiLineText", "getText")
] + [
    ("PySide6.QtWidgets", "QColorDialog", "getColor"),
    ("PySide6.QtWidgets", "QFontDialog", "getFont"),
]
_QT_EXEC = [
    ("PySide6.QtWidgets", "QDialog"),
    ("PySide6.QtPrintSupport", "QPrintDialog"),
    ("PySide6.QtPrintSupport", "QPageSetupDialog"),
]


@dataclass
class DialogGuard:
    """The `expect_dialog` fixture: declare expected dialogs, read what was shown."""

    expectations: list[_Expectation] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    replacements: dict[str, Callable] = field(default_factory=dict)
    _patch: pytest.MonkeyPatch | None = None

    def __call__(self, kind: str, title: str | None = None, *, answer: Any = None,
                 times: int | None = None) -> None:
        import desktop.dialogs

        if not callable(getattr(desktop.dialogs, kind, None)):
            raise ValueError(f"desktop.dialogs has no helper {kind!r}")
        self.expectations.append(_Expectation(kind, title, answer, times))

    def uninstall(self) -> None:
        """Put the real dialogs back (only for a test of the guard itself)."""
        self._patch.undo()

    def texts(self, kind: str | None = None) -> list[str]:
        """The texts of the dialogs shown so far (of one helper when `kind` is given)."""
        return [s.text for s in self.shown if kind is None or s.kind == kind]

    def titles(self, kind: str | None = None) -> list[str]:
        return [s.title for s in self.shown if kind is None or s.kind == kind]

    # -- used by the patched helpers --------------------------------------------------------------

    def _answer(self, kind: str, original: Callable, args: tuple, kwargs: dict) -> Any:
        title, text, arguments = _describe(kind, original, args, kwargs)
        self.shown.append(Shown(kind, title, text, arguments))
        for expectation in reversed(self.expectations):
            if expectation.kind == kind and expectation.title in (None, title):
                expectation.used += 1
                if callable(expectation.answer):
                    return expectation.answer(*args, **kwargs)
                return expectation.answer
        self._fail(f"unexpected dialog: {title}: {text}\n"
                   f"(declare it with expect_dialog({kind!r}, {title!r}, answer=...) if the test expects it)")

    def _direct(self, route: str, args: tuple) -> None:
        strings = [a for a in args if isinstance(a, str)]
        title = strings[0] if strings else route
        text = strings[1] if len(strings) > 1 else ""
        self.shown.append(Shown(route, title, text))
        self._fail(f"unexpected dialog: {title}: {text}\n"
                   f"(opened with {route} directly; route it through desktop.dialogs so tests can answer it)")

    def _direct_exec(self, dialog: Any) -> None:
        title = dialog.windowTitle()
        text = dialog.text() if hasattr(dialog, "text") and callable(dialog.text) else type(dialog).__name__
        self.shown.append(Shown("exec", title, text))
        self._fail(f"unexpected dialog: {title}: {text}\n"
                   f"({type(dialog).__name__}.exec() called directly; use desktop.dialogs.run_dialog so tests can answer it)")

    def _fail(self, message: str) -> None:
        self.unexpected.append(message)
        pytest.fail(message, pytrace=True)

    def _check_at_teardown(self) -> list[str]:
        import desktop.dialogs

        problems = list(self.unexpected)
        problems += [f"desktop.dialogs.{name} was replaced by the test itself: declare it with expect_dialog({name!r}, ...)"
                     for name, replacement in self.replacements.items() if getattr(desktop.dialogs, name) is not replacement]
        for e in self.expectations:
            if e.times is None and e.used == 0:
                problems.append(f"expected dialog never shown: {e.describe()}")
            elif e.times is not None and e.used != e.times:
                problems.append(f"expected dialog {e.describe()} {e.times} time(s), shown {e.used}")
        return problems


def _describe(kind: str, original: Callable, args: tuple, kwargs: dict) -> tuple[str, str, dict]:
    """The title and text a helper would have shown, from its own parameter names."""
    try:
        bound = dict(inspect.signature(original).bind(*args, **kwargs).arguments)
    except TypeError:
        bound = {}
    if kind == "run_dialog" and args:
        dialog = args[0]
        return dialog.windowTitle(), type(dialog).__name__, bound
    title = bound.get("title")
    text = bound.get("text")
    if title is None:
        title = kind
    if text is None:
        text = ", ".join(f"{k}={v}" for k, v in bound.items() if k not in ("parent", "title"))
    return str(title), str(text), bound


def install(monkeypatch: pytest.MonkeyPatch) -> DialogGuard:
    """Replace every dialog route with the guard's; monkeypatch undoes it after the test."""
    import desktop.dialogs as dialogs

    guard = DialogGuard(_patch=monkeypatch)
    originals = {name: f for name, f in vars(dialogs).items()
                 if inspect.isfunction(f) and f.__module__ == dialogs.__name__ and not name.startswith("_")}
    for name, original in originals.items():
        def replacement(*args, _kind=name, _original=original, **kwargs):
            return guard._answer(_kind, _original, args, kwargs)

        replacement.__name__ = name
        replacement.__wrapped__ = original
        monkeypatch.setattr(dialogs, name, replacement)
        guard.replacements[name] = replacement
        # `from desktop.dialogs import ask` elsewhere holds the original: replace those too.
        for module in list(sys.modules.values()):
            if module is dialogs or not getattr(module, "__name__", "").startswith("desktop"):
                continue
            for attr, value in list(vars(module).items()):
                if value is original:
                    monkeypatch.setattr(module, attr, replacement)

    if "PySide6.QtWidgets" in sys.modules:
        for module_name, class_name, attr in _QT_STATIC:
            cls = getattr(sys.modules[module_name], class_name)

            def direct(*args, _route=f"{class_name}.{attr}", **kwargs):
                guard._direct(_route, args)

            monkeypatch.setattr(cls, attr, staticmethod(direct))
        for module_name, class_name in _QT_EXEC:
            module = sys.modules.get(module_name)
            if module is None:
                continue
            cls = getattr(module, class_name)
            for attr in ("exec", "exec_"):
                if attr in cls.__dict__:
                    monkeypatch.setattr(cls, attr, lambda self, *a, **k: guard._direct_exec(self))
    return guard


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def expect_dialog(monkeypatch, request) -> DialogGuard:
    # Its own MonkeyPatch, so a test's `monkeypatch.undo()` leaves the guard in place; `monkeypatch` is
    # requested only so that it is undone after this fixture has checked the test's own patches.
    with pytest.MonkeyPatch.context() as guard_patch:
        guard = install(guard_patch)
        yield guard
        problems = guard._check_at_teardown()
    if problems and not request.node.stash.get(_CALL_FAILED, False):
        pytest.fail("\n".join(problems), pytrace=False)
