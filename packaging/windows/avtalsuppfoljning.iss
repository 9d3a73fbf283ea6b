; Inno Setup script: a per-user installer of the frozen app (scripts/build-app.sh's spec, built on
; Windows by .github/workflows/windows-app.yml). UNTESTED: no Windows machine was available when it was
; written; the workflow is the first place it runs.
;   iscc /DAppVersion=0.1.0 packaging\windows\avtalsuppfoljning.iss
; expects dist\avtalsuppfoljning\ (PyInstaller's output) and writes dist\Avtalsuppfoljning-<version>-installera.exe.
;
; - No administrator rights: PrivilegesRequired=lowest installs into the user's own
;   %LOCALAPPDATA%\Programs\Avtalsuppföljning and the user's Start menu.
; - The uninstaller removes only what was installed. The reports live in the user's data folder
;   %LOCALAPPDATA%\Göteborgs Stad\Avtalsuppföljning (rapporter.sqlite, Säkerhetskopior\, Utkorg\), which this
;   installer never writes to, so it stays when the program is removed.
; This file must stay UTF-8 with a byte order mark: Inno Setup reads it as ANSI otherwise (å, ö).

; ArchitecturesAllowed=x64compatible (also Windows 11 on Arm, which runs x64 programs) is understood
; from Inno Setup 6.3 on; an older compiler would stop with an unclear error, so it says so here.
#if VER < EncodeVer(6,3,0)
  #error Inno Setup 6.3 or newer is needed (x64compatible in ArchitecturesAllowed)
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Avtalsuppföljning"
#define AppExe "Avtalsuppfoljning.exe"
; the same as desktop/paths.py APP_USER_MODEL_ID: the shortcut and the running window are one taskbar button
#define AppUserModelID "GoteborgsStad.Avtalsuppfoljning"

[Setup]
AppId={{fede4e0a-de25-476f-922a-8283a74d8a84}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Göteborgs Stad
AppComments=Uppföljning av samverkansavtalen med Västra Götalandsregionen
PrivilegesRequired=lowest
; IT may install it for all users into Program Files instead (where AppLocker's default rules allow
; programs): Avtalsuppfoljning-<version>-installera.exe /VERYSILENT /ALLUSERS, run as administrator.
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 or later: what PySide6 6.x (Qt 6) supports
MinVersion=10.0.17763
SetupIconFile=packaging\windows\avtalsuppfoljning.ico
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=Avtalsuppfoljning-{#AppVersion}-installera
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; Swedish.isl ships with newer Inno Setup versions only; otherwise the installer's own texts are English.
#if FileExists(CompilerPath + "Languages\Swedish.isl")
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
#else
Name: "sv"; MessagesFile: "compiler:Default.isl"
#endif

[InstallDelete]
; An upgrade first removes the old version's libraries: a DLL or Python module the new version no longer
; ships would otherwise stay in _internal and could be loaded in place of the right one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\avtalsuppfoljning\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Fyll i, exportera och skicka uppföljningarna"; AppUserModelID: "{#AppUserModelID}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon; AppUserModelID: "{#AppUserModelID}"

[Tasks]
Name: "desktopicon"; Description: "Skapa en genväg på skrivbordet"; Flags: unchecked

[Run]
Filename: "{app}\{#AppExe}"; Description: "Starta {#AppName}"; Flags: nowait postinstall skipifsilent
