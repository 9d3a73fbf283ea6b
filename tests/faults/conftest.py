"""The fault campaign uses the GUI tests' fixtures: settings in a temp folder, a wizard on a fresh database."""

from tests.desktop.conftest import isolated_settings, open_wizard  # noqa: F401
