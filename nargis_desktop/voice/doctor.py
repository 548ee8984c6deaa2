"""``nargis doctor``: is this machine ready to listen and speak? Every problem names its fix.

Checks the data home, settings, library versions, the audio devices (with a
half-second recording and a short, quiet tone), the installed models (re-hashed),
GPU support for CTranslate2 and llama.cpp, and the keyring backend.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from nargis_desktop.errors import NargisError

if TYPE_CHECKING:
    from nargis_desktop.models import ModelManager
    from nargis_desktop.paths import DataHome
    from nargis_desktop.settings import Settings

Status = Literal["ok", "warn", "fail", "info"]

_PACKAGES = ("faster-whisper", "ctranslate2", "piper-tts", "onnxruntime", "sounddevice",
             "soundfile", "av", "numpy", "llama-cpp-python", "keyring", "PySide6-Essentials")


@dataclass
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "detail": self.detail,
                "fix": self.fix, "data": self.data}


def run_checks(home: DataHome, settings: Settings, models: ModelManager | None, *,
               audio: bool = True, verify_models: bool = True) -> list[Check]:
    checks: list[Check] = [_data_home(home), *_settings(settings), _versions()]
    steps: list[Callable[[], Check | list[Check]]] = []
    if audio:
        steps += [lambda: _microphone(settings), lambda: _speaker(settings)]
    steps += [lambda: _models(settings, models, verify_models), _ctranslate2_gpu,
              _llama_gpu, _keyring]
    for step in steps:
        try:
            got = step()
        except Exception as exc:  # a doctor must report, never crash
            got = Check(getattr(step, "__name__", "check").strip("_"), "fail",
                        f"The check itself failed: {exc}", "Please report this as a bug.")
        checks.extend(got if isinstance(got, list) else [got])
    return checks


# ---------------------------------------------------------------------- basics

def _data_home(home: DataHome) -> Check:
    root = home.root
    if not root.exists():
        parent = next((p for p in root.parents if p.exists()), None)
        ok = parent is not None and os.access(parent, os.W_OK)
        return Check("data home", "ok" if ok else "fail",
                     f"{root} (not created yet)",
                     "" if ok else "Choose a writable folder with --home or NARGIS_HOME.",
                     {"path": str(root)})
    try:
        with tempfile.NamedTemporaryFile(dir=root, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check("data home", "fail", f"{root} is not writable ({exc.strerror}).",
                     "Fix the folder's permissions, or use --home / NARGIS_HOME.",
                     {"path": str(root)})
    return Check("data home", "ok", str(root), data={"path": str(root),
                                                     "models_dir": str(home.models_dir)})


def _settings(settings: Settings) -> list[Check]:
    if not settings.warnings:
        return [Check("settings", "ok", "settings.toml is valid (or absent: defaults).")]
    return [Check("settings", "warn", w, "Edit settings.toml (nargis settings) and fix that key.")
            for w in settings.warnings]


def _versions() -> Check:
    from nargis_desktop import __version__

    found: dict[str, str] = {"nargis-desktop": __version__,
                             "python": platform.python_version()}
    for name in _PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    try:
        import sounddevice as sd

        found["portaudio"] = str(sd.get_portaudio_version()[1])
    except (OSError, ImportError):
        found["portaudio"] = "not found"
    missing = [n for n in ("faster-whisper", "piper-tts", "sounddevice")
               if found[n] == "not installed"]
    text = ", ".join(f"{k} {v}" for k, v in found.items())
    if missing:
        return Check("versions", "fail", text, "Install the voice extras: "
                     "pip install 'nargis-desktop[voice]'", found)
    return Check("versions", "ok", text, data=found)


# ---------------------------------------------------------------------- audio

def _microphone(settings: Settings) -> Check:
    import time

    from nargis_desktop.voice.capture import MicrophoneCapture
    from nargis_desktop.voice.devices import parse_spec

    mic = MicrophoneCapture(parse_spec(settings.voice.input_device), max_seconds=2.0)
    try:
        mic.start()
    except NargisError as exc:
        return Check("microphone", "fail", exc.message, exc.hint or "")
    time.sleep(0.5)
    audio = mic.stop()
    name = mic.device.name if mic.device else "?"
    data = {"device": name, "sample_rate": mic.sample_rate, "seconds": round(mic.seconds, 2),
            "peak": round(mic.peak, 4)}
    if audio.size == 0:
        return Check("microphone", "fail", f"'{name}' opened but delivered no audio.",
                     "Check the device in the system sound settings, or choose another "
                     "with voice.input_device.", data)
    if mic.silent:
        return Check("microphone", "warn",
                     f"'{name}' records only digital silence (muted or blocked).",
                     "Unmute it, and allow microphone access (Windows/macOS: Settings → "
                     "Privacy → Microphone).", data)
    return Check("microphone", "ok",
                 f"'{name}' at {mic.sample_rate} Hz, level peak {mic.peak:.3f}", data=data)


def _speaker(settings: Settings) -> Check:
    from nargis_desktop.voice.devices import parse_spec
    from nargis_desktop.voice.playback import AudioPlayer

    player = AudioPlayer(parse_spec(settings.voice.output_device))
    rate = 16_000
    t = np.arange(int(0.25 * rate)) / rate
    tone = (0.05 * np.sin(2 * np.pi * 660 * t) * np.hanning(t.size)).astype(np.float32)
    try:
        player.play_samples(tone, rate)
    except NargisError as exc:
        return Check("speaker", "fail", exc.message, exc.hint or "")
    name = player.device.name if player.device else "?"
    return Check("speaker", "ok", f"'{name}' played a short tone at {player.sample_rate} Hz",
                 data={"device": name, "sample_rate": player.sample_rate,
                       "underflows": player.underflows})


# ---------------------------------------------------------------------- models

def _models(settings: Settings, models: ModelManager | None, verify: bool) -> list[Check]:
    if models is None:
        return [Check("models", "fail", "The model manager is not available.",
                      "Reinstall nargis-desktop.")]
    wanted = [("speech-to-text model", settings.voice.stt_model),
              ("voice", settings.voice.tts_voice)]
    if settings.llm.model:
        wanted.append(("language model", settings.llm.model))
    out: list[Check] = []
    for label, model_id in wanted:
        out.append(_model(label, model_id, models, verify))
    return out


def _model(label: str, model_id: str, models: ModelManager, verify: bool) -> Check:
    try:
        status = models.status(model_id)
    except NargisError as exc:
        return Check(label, "fail", exc.message,
                     exc.hint or "Pick an id from: nargis models list", {"id": model_id})
    data = {"id": model_id, "state": status.state,
            "path": str(status.path) if status.path else None}
    if not status.installed:
        fix = (f"Run: nargis models install {model_id} --force"
               if status.state in ("damaged", "outdated")
               else f"Run: nargis models install {model_id}")
        return Check(label, "fail", f"{model_id} is {status.state}.", fix, data)
    if verify:
        try:
            models.verify(model_id)
        except NargisError as exc:
            return Check(label, "fail", exc.message, exc.hint or "", data)
    checked = "verified" if verify else "installed"
    return Check(label, "ok", f"{model_id} {checked} at {status.path}", data=data)


# ---------------------------------------------------------------------- GPU, keyring

#: What CTranslate2 4.x opens on its first GPU computation (it is built for CUDA 12).
CT2_CUDA_LIBRARIES = ("libcublas.so.12", "libcudnn.so.9")


def _missing_libraries(names: tuple[str, ...]) -> list[str]:
    """The shared libraries the dynamic loader cannot open, as CTranslate2 will ask
    (Linux names; elsewhere the load-time check in ``WhisperSTT`` still catches it)."""
    import ctypes

    if not sys.platform.startswith("linux"):
        return []
    missing = []
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def _ctranslate2_gpu() -> Check:
    try:
        import ctranslate2
    except ImportError:
        return Check("GPU for Whisper", "fail", "CTranslate2 is not installed.",
                     "pip install 'nargis-desktop[voice]'")
    from nargis_desktop.voice.stt import cuda_device_count, default_cpu_threads

    count = cuda_device_count()
    cpu_types = sorted(ctranslate2.get_supported_compute_types("cpu"))
    data: dict[str, Any] = {"cuda_devices": count, "cpu_compute_types": cpu_types,
                            "cpu_threads": default_cpu_threads()}
    if count:
        data["cuda_compute_types"] = sorted(ctranslate2.get_supported_compute_types("cuda"))
        missing = _missing_libraries(CT2_CUDA_LIBRARIES)
        if missing:
            return Check("GPU for Whisper", "warn",
                         f"{count} CUDA device(s), but {', '.join(missing)} cannot be loaded, "
                         "so Whisper runs on the CPU.",
                         "Install cuBLAS for CUDA 12 and cuDNN 9 (for example pip install "
                         "nvidia-cublas-cu12 nvidia-cudnn-cu12) and put their lib folders on "
                         "LD_LIBRARY_PATH.", data | {"missing_libraries": missing})
        return Check("GPU for Whisper", "ok",
                     f"{count} CUDA device(s); Whisper uses CUDA float16 (voice.stt_device).",
                     data=data)
    return Check("GPU for Whisper", "info",
                 f"No CUDA GPU visible to CTranslate2; Whisper runs on the CPU (int8, "
                 f"{default_cpu_threads()} threads).",
                 "Optional: an NVIDIA GPU with CUDA 12 and cuDNN 9 makes transcription faster.",
                 data)


def _llama_gpu() -> Check:
    try:
        import llama_cpp
    except ImportError:
        return Check("GPU for the language model", "warn",
                     "llama-cpp-python is not installed, so the local language model is off "
                     "(commands still work through the grammar).",
                     "pip install 'nargis-desktop[llm]' (for CUDA: CMAKE_ARGS='-DGGML_CUDA=on' "
                     "pip install llama-cpp-python)")
    try:
        gpu = bool(llama_cpp.llama_supports_gpu_offload())
    except Exception:
        gpu = False
    version = getattr(llama_cpp, "__version__", "?")
    if gpu:
        return Check("GPU for the language model", "ok",
                     f"llama.cpp {version} can offload layers to a GPU (llm.gpu_layers).",
                     data={"version": version, "gpu_offload": True})
    return Check("GPU for the language model", "info",
                 f"llama.cpp {version} is a CPU-only build; the language model runs on the CPU.",
                 "Optional: reinstall with CMAKE_ARGS='-DGGML_CUDA=on' (NVIDIA) or "
                 "'-DGGML_METAL=on' (Apple) for GPU offload.",
                 {"version": version, "gpu_offload": False})


def _keyring() -> Check:
    try:
        import keyring
    except ImportError:
        return Check("keyring", "warn", "The keyring package is not installed.",
                     "pip install keyring (needed only for vault.remember_on_device).")
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    priority = getattr(backend, "priority", 0)
    weak = "fail" in name.lower() or "null" in name.lower() or priority <= 0
    if weak:
        return Check("keyring", "warn", f"No usable OS keyring ({name}).",
                     "Only needed to remember the journal key: install and unlock a Secret "
                     "Service (GNOME Keyring, KWallet) or keep vault.remember_on_device = false.",
                     {"backend": name})
    return Check("keyring", "ok", name, data={"backend": name})
