#!/usr/bin/env bash
# Build Nargis.app and a .dmg on macOS (Apple silicon or Intel), from the repository root.
# Needs: Python 3.11+, Xcode command-line tools and CMake (llama-cpp-python compiles; on
# Apple silicon it builds with Metal by default), and optionally create-dmg.
# The app's Info.plist carries NSMicrophoneUsageDescription (see packaging/nargis.spec),
# so macOS asks for microphone permission the first time you talk.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m venv .venv
.venv/bin/python -m pip install --upgrade pip wheel
.venv/bin/python -m pip install -e '.[all]' 'pyinstaller>=6.10'
.venv/bin/python packaging/make_icons.py build/icons
.venv/bin/python packaging/third_party_notices.py build/THIRD_PARTY_NOTICES.txt
.venv/bin/python -m PyInstaller --noconfirm --distpath build/dist --workpath build/pyi packaging/nargis.spec
# Sign ad hoc so the microphone permission prompt works locally; use your Developer ID
# (codesign --sign "Developer ID Application: …" --options runtime) and notarytool to ship.
codesign --force --deep --sign - build/dist/Nargis.app
if command -v create-dmg >/dev/null; then
  create-dmg --volname Nargis --app-drop-link 400 120 build/Nargis.dmg build/dist/Nargis.app
fi
du -sh build/dist/Nargis.app
