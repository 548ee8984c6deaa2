#!/usr/bin/env bash
# Install this Nargis bundle for the current user (no root needed):
#   ~/.local/opt/nargis, a `nargis` command in ~/.local/bin, menu entry and icons.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share"
rm -rf "$PREFIX/opt/nargis"
cp -a "$HERE/nargis" "$PREFIX/opt/nargis"
ln -sf "$PREFIX/opt/nargis/nargis" "$PREFIX/bin/nargis"
cp -a "$HERE/share/." "$PREFIX/share/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$PREFIX/share/icons/hicolor" || true
echo "Installed. Run: nargis   (make sure $PREFIX/bin is on your PATH)"
