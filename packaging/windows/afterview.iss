; Inno Setup script for Afterview on Windows. UNTESTED: written to be right, but no Windows
; machine has run it. Build the bundle on Windows first (pyinstaller packaging\afterview.spec),
; then: iscc packaging\windows\afterview.iss

#define AppName "Afterview"
#define AppVersion "0.4.0"
#define AppId "org.afterview.Afterview"

[Setup]
AppId={{7B0F1C52-3E55-4C7B-9E0B-AF7E2B1C0A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Afterview team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
; Per-user install by default: no administrator rights needed, like the Linux install.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=afterview-{#AppVersion}-windows-setup
SetupIconFile=afterview.ico
UninstallDisplayIcon={app}\afterview.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "..\..\dist\afterview\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\afterview.exe"; AppUserModelID: "{#AppId}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\afterview.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Stop a running tray so its files can be removed.
Filename: "{sys}\taskkill.exe"; Parameters: "/F /IM afterview.exe"; Flags: runhidden; RunOnceId: "StopAfterview"

[Registry]
; The tray's "start at login" value is written by Afterview itself (Settings); the uninstaller
; removes it so nothing is left starting a program that is gone.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "Afterview"; Flags: uninsdeletevalue dontcreatekey
