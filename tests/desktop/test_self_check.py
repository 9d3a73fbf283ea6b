"""`avtalsuppfoljning self-check` (what CI runs against the frozen app) prints what the windows show."""

import pytest

from desktop.cli import main


@pytest.fixture(autouse=True)
def template_cache(tmp_path, monkeypatch):
    """Where the app keeps the templates' parse: here, not in the user's cache folder."""
    path = tmp_path / "cache" / "mallar.json"
    monkeypatch.setattr("desktop.app.template_cache_path", lambda: path)
    return path


def test_self_check_prints_the_report_list_qt_buttons_and_wizard(tmp_path, capsys, template_cache):
    db = str(tmp_path / "r.sqlite")
    assert main(["demo", "--db", db]) == 0
    report_id = capsys.readouterr().out.strip()
    assert main(["self-check", "--db", db, "--open", report_id]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "rapportlista: 1 rapporter, visas: ja"
    # A plain QWizard's texts come from Qt's Swedish translation, not from our code.
    assert lines[1] == "Qt:s knappar: < Till&baka | &Nästa > | &Färdig | Avbryt"
    assert lines[2] == "fönsterikon: 16, 24, 32, 48, 64, 256 px"  # the app's own icon, from resources/icons
    assert lines[3].startswith("guiden: Uppföljning FCA Lundby 2022 – ")
    assert lines[3].endswith(" – 7 sidor, sida: Om uppföljningen")
    # the spell checker in the bundle: the Swedish dictionary loads and flags a misspelt word
    assert lines[4].startswith("stavning: flaggar markansföring; förslag: marknadsföring")
    assert len(lines) == 5
    assert template_cache.is_file()  # the templates loaded as the app's start loads them


def test_self_check_on_an_empty_database_opens_no_wizard(tmp_path, capsys):
    assert main(["self-check", "--db", str(tmp_path / "new.sqlite")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "rapportlista: 0 rapporter, visas: ja"
