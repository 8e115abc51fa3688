; Inno Setup script for FrontDesk (夜校前台). Built by packaging\build_windows.ps1:
;   ISCC.exe /DAppVersion=0.1.0 packaging\frontdesk.iss
; Installs the one-folder build (dist\FrontDesk) under Program Files with a
; Start-menu entry and an uninstaller. The school's data (the store, its
; backups, its receipts and the logs) lives in the user's data folder
; (%LOCALAPPDATA%\FrontDesk), never in the program folder: uninstalling
; removes only the files this installer copied, so the school's data stays.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C7A1E52-2F0B-4E7C-9A63-5B0E8D1F4A21}
AppName=FrontDesk
AppVerName=FrontDesk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=FrontDesk
DefaultDirName={autopf}\FrontDesk
DefaultGroupName=FrontDesk
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=FrontDesk-Setup-{#AppVersion}
SetupIconFile=frontdesk.ico
UninstallDisplayIcon={app}\FrontDesk.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Languages]
; ChineseSimplified.isl ships with current Inno Setup 6 releases; with an older
; one, put it from the Inno Setup translations page into its Languages folder.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\FrontDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "frontdesk.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\FrontDesk 夜校前台"; Filename: "{app}\FrontDesk.exe"; IconFilename: "{app}\frontdesk.ico"
Name: "{group}\{cm:UninstallProgram,FrontDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\FrontDesk 夜校前台"; Filename: "{app}\FrontDesk.exe"; IconFilename: "{app}\frontdesk.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\FrontDesk.exe"; Description: "{cm:LaunchProgram,FrontDesk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entries: the uninstaller removes what [Files] copied
; and nothing under %LOCALAPPDATA%\FrontDesk (store, backups, receipts, logs)
; nor the desk's settings in the registry (HKCU\Software\FrontDesk).
