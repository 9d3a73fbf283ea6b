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


def test_installer_removes_the_old_libraries_and_names_its_needs():
    """An upgrade must not keep a DLL the new version dropped; x64compatible needs Inno Setup 6.3."""
    text = ISS.read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines()]
    assert lines[lines.index("[InstallDelete]") + 3] == 'Type: filesandordirs; Name: "{app}\\_internal"'
    assert "ArchitecturesAllowed=x64compatible" in lines and "#if VER < EncodeVer(6,3,0)" in lines
    assert "MinVersion=10.0.17763" in lines
    assert "PrivilegesRequiredOverridesAllowed=commandline" in lines  # IT: /ALLUSERS into Program Files
    assert "SetupIconFile=packaging\\windows\\avtalsuppfoljning.ico" in lines
    assert ISS.read_bytes().count(b"\r\n") == len(lines)  # CRLF throughout, as the file always was


def test_the_shortcuts_and_the_running_app_share_one_app_user_model_id():
    from desktop.paths import APP_USER_MODEL_ID

    text = ISS.read_text(encoding="utf-8-sig")
    assert f'#define AppUserModelID "{APP_USER_MODEL_ID}"' in text
    shortcuts = [line for line in text.splitlines() if line.startswith('Name: "{auto')]
    assert len(shortcuts) == 2 and all('AppUserModelID: "{#AppUserModelID}"' in line for line in shortcuts)


def test_the_icon_file_holds_every_size_windows_asks_for(qapp):
    """The .ico of the exe and the installer: PNG images at 16–256 px, each what it says it is."""
    import struct

    from PySide6.QtGui import QImage

    ico = (ROOT / "packaging" / "windows" / "avtalsuppfoljning.ico").read_bytes()
    spec = (ROOT / "packaging" / "avtalsuppfoljning.spec").read_text(encoding="utf-8")
    assert 'icon=str(ROOT / "packaging" / "windows" / "avtalsuppfoljning.ico")' in spec
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for n in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * n)
        image = QImage.fromData(ico[offset:offset + length], "PNG")
        assert image.width() == (width or 256) == image.height() == (height or 256)
        sizes.append(image.width())
    assert {16, 24, 32, 48, 256} <= set(sizes)


def test_shell_scripts_keep_unix_line_endings_on_a_windows_checkout():
    """Git for Windows converts to CRLF unless told otherwise; bash then fails on the first line."""
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.sh text eol=lf" in attributes and ".ci/run text eol=lf" in attributes
    assert "*.iss -text" in attributes  # kept byte for byte: UTF-8 with BOM and CRLF
    for script in [*(ROOT / "scripts").glob("*.sh"), ROOT / ".ci" / "run"]:
        assert b"\r" not in script.read_bytes(), script


def test_the_windows_workflow_runs_the_tests_before_building():
    workflow = (ROOT / ".github" / "workflows" / "windows-app.yml").read_text(encoding="utf-8")
    tests, build = workflow.index("python -m pytest"), workflow.index("pyinstaller --noconfirm")
    assert tests < build and '".[test,build]"' in workflow and "APPDATA=" not in workflow


def test_the_frozen_app_keeps_every_qt_module_the_app_imports():
    """The spec leaves out the Qt modules the app never imports; one the app does import (QtNetwork,
    for a second start's hand-over) left out failed 500 ms after every start of the frozen app, with
    a Swedish error dialog and a traceback in fel.log. scripts/smoke-app.sh starts the app twice."""
    import ast
    import re

    spec = (ROOT / "packaging" / "avtalsuppfoljning.spec").read_text(encoding="utf-8")
    assignment = next(node for node in ast.parse(spec).body
                      if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "UNUSED_QT")
    left_out = set(ast.literal_eval(assignment.value))
    imported = {name for folder in ("desktop", "forms", "exports") for path in (ROOT / folder).rglob("*.py")
                for name in re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))}
    assert "QtWidgets" in imported and "QtNetwork" in imported
    assert imported & left_out == set()
