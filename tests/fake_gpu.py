"""A GPU at the one edge these machines lack: CTranslate2 reports a CUDA device.

What an H100 with only CUDA 13's cuBLAS did: Whisper loads on "cuda", and its first
computation fails because ``libcublas.so.12`` is missing. The model is the real one, on
the CPU; only the device report and (without cuBLAS) the encoder's first call are faked.
"""

from __future__ import annotations

import pytest

NO_CUBLAS = "Library libcublas.so.12 is not found or cannot be loaded"


def gpu_for_whisper(monkeypatch: pytest.MonkeyPatch, *, cublas: bool) -> None:
    import faster_whisper

    import nargis_desktop.voice.stt as stt_module

    real = faster_whisper.WhisperModel

    def whisper_model(path: str, *, device: str, compute_type: str, **kw: object) -> object:
        if device != "cuda":
            return real(path, device=device, compute_type=compute_type, **kw)
        model = real(path, device="cpu", compute_type="int8", **kw)
        if not cublas:
            def encode(features: object) -> object:
                raise RuntimeError(NO_CUBLAS)
            model.encode = encode  # type: ignore[method-assign]
        return model

    monkeypatch.setattr(stt_module, "cuda_device_count", lambda: 1)
    monkeypatch.setattr(faster_whisper, "WhisperModel", whisper_model)
