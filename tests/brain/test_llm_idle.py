"""Idle unloading of the real default LLM (SmolLM2-135M), wired as the app wires it."""

from __future__ import annotations

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain import prompts
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.llm import LlamaCppModel, Message
from nargis_desktop.clock import FixedClock
from nargis_desktop.model_idle import LLM_NAME

pytestmark = [pytest.mark.models, pytest.mark.slow]

SCHEMA = {"type": "object", "properties": {"title": {"type": "string", "maxLength": 40}},
          "required": ["title"]}
ASK = [Message("user", "Add a task: water the plants tomorrow.")]


@pytest.fixture
def llm_app(app: App) -> App:
    if not app.models.is_installed("smollm2-135m"):
        pytest.skip("smollm2-135m is not installed in NARGIS_MODELS_DIR")
    app.settings.llm.model = "smollm2-135m"
    app.settings.llm.unload_after_minutes = 15
    return app


def _model(app: App) -> LlamaCppModel:
    slot = app.assistant.model
    assert slot is not None
    model = slot.get()
    assert isinstance(model, LlamaCppModel), slot.error
    return model


def test_the_llm_unloads_when_idle_and_answers_the_same_after_reload(
        llm_app: App, clock: FixedClock) -> None:
    app = llm_app
    model = _model(app)
    assert [n for n, _ in app.idle_models.engines()] == [LLM_NAME]
    before = model.complete_json(prompts.SYSTEM, ASK, SCHEMA, max_tokens=48)
    clock.advance(minutes=14)
    assert app.idle_models.check() == [] and model.loaded
    clock.advance(minutes=1)
    assert app.idle_models.check() == [LLM_NAME]
    assert not model.loaded and model._llm is None
    after = model.complete_json(prompts.SYSTEM, ASK, SCHEMA, max_tokens=48)
    assert model.loaded
    assert after == before  # greedy and constrained: the reloaded model says the same


def test_a_turn_after_an_unload_just_works(llm_app: App, clock: FixedClock) -> None:
    app = llm_app
    model = _model(app)
    clock.advance(hours=1)
    assert app.idle_models.check() == [LLM_NAME]
    turn = app.assistant.handle("why is the sky blue?")
    assert turn.reply.strip()
    assert not any("not available" in n or "unavailable" in n for n in turn.notes)
    assert model.loaded


def test_the_llm_is_not_unloaded_while_it_streams(llm_app: App, clock: FixedClock) -> None:
    app = llm_app
    model = _model(app)
    stream = model.stream(prompts.SYSTEM, [Message("user", "Say something kind.")],
                          max_tokens=24)
    first = next(stream)
    assert first
    clock.advance(hours=1)
    assert app.idle_models.check() == [] and model.loaded
    rest = "".join(stream)
    assert isinstance(rest, str)
    clock.advance(minutes=15)
    assert app.idle_models.check() == [LLM_NAME]


def test_zero_keeps_the_llm_loaded(llm_app: App, clock: FixedClock) -> None:
    app = llm_app
    app.settings.llm.unload_after_minutes = 0
    model = _model(app)
    clock.advance(days=1)
    assert app.idle_models.check() == [] and model.loaded


def test_a_grammar_only_assistant_registers_nothing(app: App) -> None:
    build_assistant(app, with_llm=False)
    assert app.idle_models.engines() == []
