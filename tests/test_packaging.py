"""The Windows installer script (which cannot run here) keeps what the issue asks for and what Inno
Setup needs to read it: a byte order mark (it reads the file as ANSI otherwise, and "Avtalsuppföljning"
would be garbled in the Start menu), per-user install, the Start-menu entry, and nothing that deletes
the user's data folder on uninstall."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISS = ROOT / "packaging" / "windows" / "avtalsuppfoljning.iss"


def test_installer_script_is_utf8_with_bom_and_per_user():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = [line.strip() for line in text.splitlines()]
    assert "PrivilegesRequired=lowest" in lines
    assert '#define AppName "Avtalsuppföljning"' in lines
    assert any(line.startswith('Name: "{autoprograms}\\{#AppName}"; Filename: "{app}\\{#AppExe}"') for line in lines)
    assert "[UninstallDelete]" not in text  # only what was installed goes; %APPDATA% is never touched
    assert "{userappdata}" not in text and "{app}\\..\\" not in text


def test_spec_and_workflow_name_the_same_programs():
    spec = (ROOT / "packaging" / "avtalsuppfoljning.spec").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "windows-app.yml").read_text(encoding="utf-8")
    assert 'name="Avtalsuppfoljning", console=False' in spec
    assert 'name="avtalsuppfoljning-cli", console=True' in spec
    assert '#define AppExe "Avtalsuppfoljning.exe"' in ISS.read_text(encoding="utf-8-sig")
    assert "avtalsuppfoljning-cli.exe" in workflow and "packaging/avtalsuppfoljning.spec" in workflow
