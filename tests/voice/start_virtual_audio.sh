#!/bin/sh
# Start (or stop) a private PulseAudio server with a virtual speaker and microphone,
# so the audio tests record and play real audio on machines without a sound card (CI).
#
# Packages (Debian/Ubuntu; run as root or with sudo):
#   apt-get update
#   apt-get install -y pulseaudio pulseaudio-utils libasound2-plugins libportaudio2 espeak-ng sox
# (libasound2-plugins routes ALSA's "default"/"pulse" devices, which PortAudio lists,
#  to PulseAudio; espeak-ng makes test speech; sox is only a convenience.)
#
# Usage:
#   eval "$(tests/voice/start_virtual_audio.sh start /tmp/nargis-audio)"   # exports PULSE_SERVER
#   tests/voice/start_virtual_audio.sh stop /tmp/nargis-audio
#
# Devices created:
#   nargis_speaker        null sink, the default output; record what was played from
#                         its monitor:  parecord -d nargis_speaker.monitor out.wav
#   nargis_mic_feed       null sink that feeds the microphone:  paplay -d nargis_mic_feed in.wav
#   nargis_mic            the default input (a remap of nargis_mic_feed.monitor)
# Works as root (no --system needed): HOME and XDG_RUNTIME_DIR point into DIR.
set -eu

action=${1:-start}
dir=${2:-/tmp/nargis-virtual-audio}
socket="$dir/native"

stop() {
    if [ -f "$dir/pid" ]; then
        pid=$(cat "$dir/pid")
        kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        rm -f "$dir/pid"
    fi
}

case "$action" in
stop)
    stop
    exit 0
    ;;
start) ;;
*)
    echo "usage: $0 start|stop [DIR]" >&2
    exit 2
    ;;
esac

command -v pulseaudio >/dev/null || { echo "pulseaudio is not installed" >&2; exit 3; }
command -v pactl >/dev/null || { echo "pulseaudio-utils (pactl) is not installed" >&2; exit 3; }

stop
mkdir -p "$dir"
rm -f "$socket"
HOME="$dir" XDG_RUNTIME_DIR="$dir" XDG_CONFIG_HOME="$dir/config" \
    pulseaudio --daemonize=no --exit-idle-time=-1 --use-pid-file=no -n \
    --disable-shm=yes --log-target=file:"$dir/pulse.log" \
    --load="module-native-protocol-unix auth-anonymous=1 socket=$socket" \
    --load="module-null-sink sink_name=nargis_speaker rate=48000 sink_properties=device.description=NargisSpeaker" \
    --load="module-null-sink sink_name=nargis_mic_feed rate=48000 sink_properties=device.description=NargisMicFeed" \
    --load="module-remap-source source_name=nargis_mic master=nargis_mic_feed.monitor source_properties=device.description=NargisMic" \
    >"$dir/pulse.out" 2>&1 &
echo $! >"$dir/pid"

i=0
until PULSE_SERVER="unix:$socket" pactl info >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 100 ] || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
        echo "PulseAudio did not start; see $dir/pulse.log and $dir/pulse.out" >&2
        cat "$dir/pulse.out" >&2 || true
        stop
        exit 1
    fi
    sleep 0.1
done
PULSE_SERVER="unix:$socket" pactl set-default-sink nargis_speaker
PULSE_SERVER="unix:$socket" pactl set-default-source nargis_mic
echo "export PULSE_SERVER=unix:$socket"
