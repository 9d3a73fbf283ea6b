; Inno Setup script: a per-user installer of the frozen app (scripts/build-app.sh's spec, built on
; Windows by .github/workflows/windows-app.yml). UNTESTED: no Windows machine was available when it was
; written; the workflow is the first place it runs.
;   iscc /DAppVersion=0.1.0 packaging\windows\avtalsuppfoljning.iss
; expects dist\avtalsuppfoljning\ (PyInstaller's output) and writes dist\Avtalsuppfoljning-<version>-installera.exe.
;
; - No administrator rights: PrivilegesRequired=lowest installs into the user's own
;   %LOCALAPPDATA%\Programs\Avtalsuppföljning and the user's Start menu.
; - The uninstaller removes only what was installed. The reports live in the user's data folder
;   %APPDATA%\Göteborgs Stad\Avtalsuppföljning (rapporter.sqlite, Säkerhetskopior\, Utkorg\), which this
;   installer never writes to, so it stays when the program is removed.
; This file must stay UTF-8 with a byte order mark: Inno Setup reads it as ANSI otherwise (å, ö).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Avtalsuppföljning"
#define AppExe "Avtalsuppfoljning.exe"

[Setup]
AppId={{fede4e0a-de25-476f-922a-8283a74d8a84}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Göteborgs Stad
AppComments=Uppföljning av samverkansavtalen med Västra Götalandsregionen
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
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

[Files]
Source: "dist\avtalsuppfoljning\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Fyll i, exportera och skicka uppföljningarna"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Skapa en genväg på skrivbordet"; Flags: unchecked

[Run]
Filename: "{app}\{#AppExe}"; Description: "Starta {#AppName}"; Flags: nowait postinstall skipifsilent
