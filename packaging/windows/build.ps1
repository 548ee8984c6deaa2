# Build Nargis for Windows x64 (run in PowerShell from the repository root).
# Needs: Python 3.11+, Visual Studio Build Tools with CMake (llama-cpp-python compiles),
# Inno Setup 6 (iscc on PATH).
$ErrorActionPreference = "Stop"
python -m venv .venv
.\.venv\Scripts\python -m pip install --upgrade pip wheel
.\.venv\Scripts\python -m pip install -e ".[all]" "pyinstaller>=6.10"
.\.venv\Scripts\python packaging\make_icons.py build\icons
.\.venv\Scripts\python packaging\third_party_notices.py build\THIRD_PARTY_NOTICES.txt
.\.venv\Scripts\python -m PyInstaller --noconfirm --distpath build\dist --workpath build\pyi packaging\nargis.spec
$env:NARGIS_VERSION = (.\.venv\Scripts\python -c "import nargis_desktop; print(nargis_desktop.__version__)")
iscc packaging\windows\nargis.iss
Get-ChildItem build\windows\*.exe | ForEach-Object { "{0}  {1:N0} MB" -f $_.Name, ($_.Length / 1MB) }
