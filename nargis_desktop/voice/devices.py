"""Finding microphones and speakers (PortAudio via sounddevice), and explaining failures.

Every failure becomes an :class:`AudioDeviceError` that says what happened and what
to do: no device at all, a name that matches nothing, a device another program
holds, missing permission, or a sample rate the device refuses (in which case a
rate it accepts is chosen instead).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from nargis_desktop.voice.errors import AudioDeviceError

Kind = Literal["input", "output"]

#: Rates tried, in order, after the caller's preference and the device default.
COMMON_RATES: tuple[int, ...] = (48_000, 44_100, 32_000, 22_050, 16_000, 96_000, 8_000)

_INSTALL_HINT = ("Install PortAudio: 'sudo apt install libportaudio2' (Debian/Ubuntu), "
                 "'sudo dnf install portaudio' (Fedora) or 'brew install portaudio' (macOS).")


def sounddevice() -> Any:
    """The sounddevice module, or a clear error when PortAudio is missing."""
    try:
        import sounddevice as sd
    except OSError as exc:  # "PortAudio library not found"
        raise AudioDeviceError(f"The audio library PortAudio is not available ({exc}).",
                               hint=_INSTALL_HINT) from exc
    return sd


@dataclass(frozen=True)
class AudioDevice:
    index: int
    name: str
    hostapi: str
    inputs: int
    outputs: int
    default_rate: int
    is_default_input: bool = False
    is_default_output: bool = False

    def channels(self, kind: Kind) -> int:
        return self.inputs if kind == "input" else self.outputs

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name, "hostapi": self.hostapi,
                "inputs": self.inputs, "outputs": self.outputs,
                "default_rate": self.default_rate,
                "default_input": self.is_default_input,
                "default_output": self.is_default_output}


def refresh() -> None:
    """Scan for devices again (PortAudio only looks once, when it starts)."""
    sd = sounddevice()
    with contextlib.suppress(Exception):
        sd._terminate()
    sd._initialize()


def _default_indices(sd: Any) -> tuple[int, int]:
    try:
        pair = sd.default.device
        return int(pair[0]), int(pair[1])
    except Exception:
        return -1, -1


def list_devices() -> list[AudioDevice]:
    sd = sounddevice()
    try:
        raw = sd.query_devices()
        apis = sd.query_hostapis()
    except Exception as exc:
        raise AudioDeviceError(f"Audio devices could not be listed: {exc}.",
                               hint=_INSTALL_HINT) from exc
    din, dout = _default_indices(sd)
    out = []
    for i, d in enumerate(raw):
        api = apis[d["hostapi"]]["name"] if d["hostapi"] < len(apis) else "?"
        out.append(AudioDevice(i, str(d["name"]), str(api), int(d["max_input_channels"]),
                               int(d["max_output_channels"]), int(d["default_samplerate"]),
                               i == din, i == dout))
    return out


def parse_spec(value: str | int | None) -> str | int | None:
    """Settings give devices as text: '' means default, '3' means index 3."""
    if value is None or isinstance(value, int):
        return value
    value = value.strip()
    if not value:
        return None
    return int(value) if value.isdigit() else value


def resolve_device(spec: str | int | None, kind: Kind) -> AudioDevice:
    """The device named by ``spec`` (index, exact or partial name), else the default."""
    what = "microphone" if kind == "input" else "speaker"
    setting = "voice.input_device" if kind == "input" else "voice.output_device"
    devices = list_devices()
    usable = [d for d in devices if d.channels(kind) > 0]
    if not usable:
        raise AudioDeviceError(
            f"No {what} found.",
            hint=(f"Connect a {what}, check it is not disabled in the system sound settings, "
                  "and on Linux that PulseAudio/PipeWire is running. " + _INSTALL_HINT))
    spec = parse_spec(spec)
    if spec is None:
        flag = "is_default_input" if kind == "input" else "is_default_output"
        for d in usable:
            if getattr(d, flag):
                return d
        return usable[0]  # no system default: the first device that works is better than none
    names = ", ".join(f"{d.index}: {d.name}" for d in usable)
    if isinstance(spec, int):
        for d in usable:
            if d.index == spec:
                return d
        raise AudioDeviceError(f"There is no {what} with index {spec}.",
                               hint=f"Set {setting} to one of: {names}.")
    lowered = spec.lower()
    exact = [d for d in usable if d.name.lower() == lowered]
    partial = exact or [d for d in usable if lowered in d.name.lower()]
    if len(partial) == 1 or exact:
        return partial[0]
    if not partial:
        raise AudioDeviceError(f"No {what} is called '{spec}'.",
                               hint=f"Set {setting} to one of: {names}.")
    raise AudioDeviceError(f"'{spec}' matches several {what}s: "
                           + ", ".join(d.name for d in partial) + ".",
                           hint=f"Set {setting} to an index: {names}.")


def pick_rate(accepts: Callable[[int], bool], preferred: Sequence[int],
              device: AudioDevice) -> int:
    """The first rate the device accepts: the caller's wishes, its default, then common ones."""
    tried: list[int] = []
    for rate in [*preferred, device.default_rate, *COMMON_RATES]:
        if rate <= 0 or rate in tried:
            continue
        tried.append(rate)
        if accepts(rate):
            return rate
    raise AudioDeviceError(
        f"{device.name} accepts none of the usual sample rates ({', '.join(map(str, tried))}).",
        hint="Choose another device in settings, or check its format in the system settings.")


def accepts_rate(device: AudioDevice, kind: Kind, channels: int) -> Callable[[int], bool]:
    sd = sounddevice()
    check = sd.check_input_settings if kind == "input" else sd.check_output_settings

    def probe(rate: int) -> bool:
        try:
            check(device=device.index, samplerate=rate, channels=channels, dtype="float32")
        except Exception:
            return False
        return True

    return probe


def explain(exc: BaseException, device: AudioDevice | None, kind: Kind) -> AudioDeviceError:
    """Turn a PortAudio error into a message with a fix."""
    what = "microphone" if kind == "input" else "speaker"
    name = f"The {what} '{device.name}'" if device else f"The {what}"
    setting = "voice.input_device" if kind == "input" else "voice.output_device"
    text = str(exc)
    low = text.lower()
    if "busy" in low or "device unavailable" in low or "-9985" in low:
        return AudioDeviceError(
            f"{name} is busy (another program is using it).",
            hint=f"Close the other program, or choose another device with {setting}.")
    if "permission" in low or "access denied" in low or "not permitted" in low:
        hint = ("Allow microphone access: Settings → Privacy → Microphone (Windows/macOS); "
                "on Linux add yourself to the 'audio' group or run PulseAudio/PipeWire."
                if kind == "input" else
                "On Linux add yourself to the 'audio' group, or run PulseAudio/PipeWire.")
        return AudioDeviceError(f"{name} cannot be opened: permission denied.", hint=hint)
    if "sample rate" in low or "-9997" in low:
        return AudioDeviceError(f"{name} refused the sample rate ({text}).",
                                hint=f"Choose another device with {setting}.")
    if "invalid device" in low or "-9996" in low or "no default" in low:
        return AudioDeviceError(f"{name} is not available ({text}).",
                                hint=f"Check it is connected, or choose another with {setting}.")
    return AudioDeviceError(f"{name} could not be opened: {text}.",
                            hint=f"Check the system sound settings, or choose another "
                                 f"device with {setting}.")
