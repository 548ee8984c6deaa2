; Inno Setup script for Nargis Desktop (Windows x64).
; Build on Windows after the PyInstaller one-folder build (see packaging/windows/build.ps1):
;   iscc packaging\windows\nargis.iss
; Installs per user (no admin rights), adds Start-menu and optional desktop shortcuts, an
; optional "start at login" Run entry, and an uninstaller that keeps the user's data
; (%LOCALAPPDATA%\nargis) unless the user ticks "also delete my data".

#define AppName "Nargis"
#define AppVersion GetEnv("NARGIS_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1D3C5E-6E1B-4B7B-9B52-6A0F1E3D8A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Nargis Desktop developers
DefaultDirName={localappdata}\Programs\Nargis
DefaultGroupName=Nargis
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\windows
OutputBaseFilename=nargis-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\nargis.ico
UninstallDisplayIcon={app}\nargis.exe
LicenseFile=..\..\LICENSE
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "Create a &desktop shortcut"; Flags: unchecked
Name: "autostart"; Description: "Start Nargis when I sign in"; Flags: unchecked

[Files]
Source: "..\..\build\dist\nargis\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion
Source: "..\..\build\THIRD_PARTY_NOTICES.txt"; DestDir: "{app}"

[Icons]
Name: "{group}\Nargis"; Filename: "{app}\nargis.exe"; Parameters: "app"
Name: "{group}\Uninstall Nargis"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Nargis"; Filename: "{app}\nargis.exe"; Parameters: "app"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "Nargis"; ValueData: """{app}\nargis.exe"" --minimized"; \
  Flags: uninsdeletevalue; Tasks: autostart

[Run]
Filename: "{app}\nargis.exe"; Parameters: "app"; Description: "Start Nargis"; \
  Flags: nowait postinstall skipifsilent

[Code]
var PurgeData: Boolean;
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    PurgeData := MsgBox('Also delete your Nargis data (tasks, habits, journal, models)?',
                        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if (CurUninstallStep = usPostUninstall) and PurgeData then
    DelTree(ExpandConstant('{localappdata}\nargis'), True, True, True);
end;
