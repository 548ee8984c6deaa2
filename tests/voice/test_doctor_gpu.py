"""``nargis doctor``'s GPU check: a GPU is only worth reporting when Whisper can use it."""

from __future__ import annotations

import pytest

from nargis_desktop.voice import doctor


def test_a_gpu_without_cublas_is_a_warning_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    import nargis_desktop.voice.stt as stt

    monkeypatch.setattr(stt, "cuda_device_count", lambda: 1)  # the system edge: no GPU here
    monkeypatch.setattr(doctor, "CT2_CUDA_LIBRARIES", ("libcublas.so.12-not-here", "libc.so.6"))
    monkeypatch.setattr("ctranslate2.get_supported_compute_types",
                        lambda device: {"int8", "float32"})
    check = doctor._ctranslate2_gpu()
    assert check.status == "warn"
    assert "libcublas.so.12-not-here" in check.detail and "libc.so.6" not in check.detail
    assert "LD_LIBRARY_PATH" in check.fix
    assert check.data["missing_libraries"] == ["libcublas.so.12-not-here"]


def test_a_gpu_with_its_libraries_is_ok(monkeypatch: pytest.MonkeyPatch) -> None:
    import nargis_desktop.voice.stt as stt

    monkeypatch.setattr(stt, "cuda_device_count", lambda: 1)
    monkeypatch.setattr(doctor, "CT2_CUDA_LIBRARIES", ("libc.so.6",))
    monkeypatch.setattr("ctranslate2.get_supported_compute_types",
                        lambda device: {"int8", "float32"})
    assert doctor._ctranslate2_gpu().status == "ok"
