#!/usr/bin/env bash
# Build the Linux bundle: a PyInstaller one-folder build in a tarball with an installer,
# the .desktop entry, AppStream metainfo and icons; plus an AppImage when appimagetool
# is on PATH. Models are not bundled (the first run installs them).
#
# Usage: packaging/linux/build.sh            (from the repository root, inside the venv)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
VERSION=$($PY -c 'import nargis_desktop; print(nargis_desktop.__version__)')
ARCH=$(uname -m)
NAME="nargis-$VERSION-linux-$ARCH"
OUT=build/linux/$NAME

$PY -m pip show pyinstaller >/dev/null 2>&1 || $PY -m pip install --quiet 'pyinstaller>=6.10'
$PY packaging/make_icons.py build/icons
$PY packaging/third_party_notices.py build/THIRD_PARTY_NOTICES.txt
$PY -m PyInstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyi \
    packaging/nargis.spec

rm -rf "$OUT"
mkdir -p "$OUT/share/applications" "$OUT/share/metainfo" "$OUT/share/icons"
cp -a build/dist/nargis "$OUT/nargis"
cp packaging/linux/io.nargis.Desktop.desktop "$OUT/share/applications/"
cp packaging/linux/io.nargis.Desktop.metainfo.xml "$OUT/share/metainfo/"
cp -a build/icons/hicolor "$OUT/share/icons/"
cp packaging/linux/install.sh packaging/linux/uninstall.sh LICENSE "$OUT/"
cp build/THIRD_PARTY_NOTICES.txt "$OUT/"
tar -C build/linux -czf "build/$NAME.tar.gz" "$NAME"

if command -v appimagetool >/dev/null 2>&1; then
  APPDIR=build/linux/Nargis.AppDir
  rm -rf "$APPDIR" && mkdir -p "$APPDIR/usr"
  cp -a build/dist/nargis "$APPDIR/usr/nargis"
  cp -a "$OUT/share" "$APPDIR/usr/share"
  cp packaging/linux/io.nargis.Desktop.desktop "$APPDIR/"
  cp build/icons/hicolor/256x256/apps/nargis.png "$APPDIR/nargis.png"
  printf '#!/bin/sh\nexec "$(dirname "$(readlink -f "$0")")/usr/nargis/nargis" "$@"\n' \
    > "$APPDIR/AppRun" && chmod +x "$APPDIR/AppRun"
  ARCH=$ARCH appimagetool --no-appstream "$APPDIR" "build/$NAME.AppImage"
fi

echo "bundle folder:  $(du -sh build/dist/nargis | cut -f1)  build/dist/nargis"
echo "tarball:        $(du -sh "build/$NAME.tar.gz" | cut -f1)  build/$NAME.tar.gz"
[ -f "build/$NAME.AppImage" ] && echo "AppImage:       $(du -sh "build/$NAME.AppImage" | cut -f1)"
exit 0
