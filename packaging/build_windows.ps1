# Build FrontDesk's one-folder program and its installer on Windows 10/11.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#
# Needs Python 3.11 (python.org, "py" launcher) and, for the installer,
# Inno Setup 6 (ISCC.exe on PATH or in its default folder).
# Result: dist\FrontDesk\FrontDesk.exe (windows), dist\FrontDesk\frontdesk-cli.exe
# (command line) and dist\FrontDesk-Setup-<version>.exe (the installer).
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    py -3.11 -m venv .venv
}
.\.venv\Scripts\python.exe -m pip install -q -e ".[build]"
.\.venv\Scripts\python.exe -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build packaging\frontdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# A quick check of the frozen command line before packing it.
& dist\FrontDesk\frontdesk-cli.exe --version
if ($LASTEXITCODE -ne 0) { throw "the frozen program does not start" }

$Version = (.\.venv\Scripts\python.exe -c "import frontdesk; print(frontdesk.__version__)").Trim()
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" packaging\frontdesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "built: dist\FrontDesk-Setup-$Version.exe"
