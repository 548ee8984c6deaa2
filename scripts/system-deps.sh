#!/usr/bin/env bash
# Install the system libraries Nargis needs (Debian/Ubuntu); elsewhere, say what to get.
# Audio: PortAudio (sounddevice), PulseAudio (a virtual sound device for tests), sox and
# espeak-ng (test speech); Qt's xcb libraries and Xvfb (GUI tests, screenshots); dbus
# (dbus-daemon hosts the stand-in GlobalShortcuts portal in the push-to-talk tests);
# a C/C++ toolchain and CMake (llama-cpp-python builds from source).
set -euo pipefail

PACKAGES=(
  libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins alsa-utils sox espeak-ng
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1
  libfontconfig1 fonts-dejavu-core libdbus-1-3 dbus libglib2.0-0
  build-essential cmake python3-venv
)

if ! command -v dpkg >/dev/null 2>&1; then
  echo "system-deps: not a Debian-like system; install PortAudio, PulseAudio (Linux), sox," \
       "espeak-ng, a C/C++ compiler and CMake with your package manager." >&2
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "system-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "system-deps: run as root: apt-get install -y ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
