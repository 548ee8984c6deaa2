#!/usr/bin/env bash
# Remove Nargis. Your data (tasks, habits, journal, models) stays unless you pass --purge.
set -euo pipefail
PREFIX=${PREFIX:-$HOME/.local}
rm -rf "$PREFIX/opt/nargis"
rm -f "$PREFIX/bin/nargis" "$PREFIX/share/applications/io.nargis.Desktop.desktop" \
      "$PREFIX/share/metainfo/io.nargis.Desktop.metainfo.xml"
find "$PREFIX/share/icons/hicolor" -name 'nargis.*' -delete 2>/dev/null || true
rm -f "${XDG_CONFIG_HOME:-$HOME/.config}/autostart/io.nargis.Desktop.desktop"
DATA=${NARGIS_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/nargis}
if [ "${1:-}" = "--purge" ]; then
  rm -rf "$DATA"
  echo "Removed Nargis and its data ($DATA)."
else
  echo "Removed Nargis. Your data is still in $DATA (run with --purge to delete it)."
fi
