"""Brain fixtures: an assistant on the shared fixture data, with or without the LLM."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import fresh_app

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.factory import build_assistant

SMOL = Path.home() / ".cache" / "nargis-test-models" / "smollm2-135m"


@pytest.fixture
def data_app() -> Iterator[App]:
    with fresh_app() as app:
        yield app


@pytest.fixture
def assistant(data_app: App) -> Assistant:
    """The grammar's tiers only: no classifier (``test_intent_guess.py`` has the whole
    assistant), no language model, so a test shows what the rules read."""
    a = build_assistant(data_app, with_llm=False)
    a.intents = None
    return a


@pytest.fixture(scope="session")
def smol_model() -> object:
    """The real default GGUF model, loaded once for the session."""
    from nargis_desktop.brain.llm import LlamaCppModel
    from nargis_desktop.brain.prompts import SYSTEM

    path = SMOL / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        pytest.skip("smollm2-135m is not installed in NARGIS_MODELS_DIR")
    return LlamaCppModel(path, name="smollm2-135m", context_tokens=2048, system_prefix=SYSTEM)
