"""One kind of error the user reads (forms/errors.py): every error class of forms/ and exports/ is a
UserError, so the app and the command line catch that one kind and never ValueError or KeyError at
large — a programming mistake's English text is never shown as if it were advice."""

import importlib
import inspect
import pkgutil

import exports
import forms
from forms.errors import NotFound, UserError

NOT_SHOWN = {"forms.receiving.Cancelled"}  # the user pressed Avbryt: flow, not an error message


def _error_classes():
    for package in (forms, exports):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, BaseException) and cls.__module__ == module.__name__:
                    yield f"{cls.__module__}.{cls.__qualname__}", cls


def test_every_error_of_forms_and_exports_is_a_user_error():
    classes = dict(_error_classes())
    assert "forms.store.StoreError" in classes and "exports.files.ExportError" in classes  # the walk found them
    not_user = sorted(name for name, cls in classes.items() if not issubclass(cls, UserError) and name not in NOT_SHOWN)
    assert not_user == []


def test_not_found_reads_without_keyerrors_quotes_and_is_still_a_keyerror(store):
    try:
        store.load_report(4711)
    except KeyError as error:  # callers that look a report up still catch KeyError
        assert isinstance(error, NotFound)
        assert str(error) == "Rapport 4711 finns inte i databasen."
    else:
        raise AssertionError("no error for a report that does not exist")
