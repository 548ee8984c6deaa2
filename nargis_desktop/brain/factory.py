"""Build the assistant from an App's settings (called by the composition root)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nargis_desktop.brain.assistant import Assistant, ModelSlot
from nargis_desktop.brain.intent_guess import IntentGuesser
from nargis_desktop.brain.llm import LanguageModel, LlamaCppModel, LLMUnavailableError
from nargis_desktop.brain.memory import Memory
from nargis_desktop.brain.prompts import SYSTEM
from nargis_desktop.brain.services import Services
from nargis_desktop.brain.sounds_like import SoundsLike
from nargis_desktop.errors import NargisError
from nargis_desktop.model_idle import LLM_NAME
from nargis_desktop.models.catalog import Catalog

if TYPE_CHECKING:
    from nargis_desktop.app import App


def load_llm(app: App, model_id: str | None = None) -> LanguageModel:
    """Load the configured GGUF model; every failure becomes one clear LLMUnavailableError."""
    model_id = model_id if model_id is not None else app.settings.llm.model
    if not model_id:
        raise LLMUnavailableError("No language model is configured (llm.model is empty).")
    try:
        path = app.models.path(model_id)
    except NargisError as exc:
        raise LLMUnavailableError(f"The language model '{model_id}' is not available: {exc}",
                                  hint=f"Install it with: nargis models install {model_id}"
                                  ) from exc
    cfg = app.settings.llm
    return LlamaCppModel(path, name=model_id, context_tokens=cfg.context_tokens,
                         threads=cfg.threads, gpu_layers_setting=cfg.gpu_layers,
                         system_prefix=SYSTEM)


def build_assistant(app: App, *, model_id: str | None = None, with_llm: bool = True) -> Assistant:
    from nargis_desktop.voice import phonemes  # espeak-ng starts on the first voice guess

    services = Services(app.tasks, app.habits, app.journal, app.focus, app.clock)
    mid = model_id if model_id is not None else app.settings.llm.model
    try:
        catalog: Catalog | None = app.models.catalog
    except NargisError:  # a broken user catalog: capability() falls back, fail closed
        catalog = None

    def loader() -> LanguageModel:  # watched, so an idle LLM gives its memory back
        return app.idle_models.register(LLM_NAME, load_llm(app, mid))

    slot = ModelSlot(mid, loader if with_llm and mid else None, catalog=catalog)
    # the tasks' codec: with "encrypt tasks too" what is said to the assistant (task
    # names, requests) is sealed like the tasks themselves; plain otherwise
    memory = Memory(app.store, app.clock, lambda: app.journal.codec,
                    lambda: app.tasks.codec)
    return Assistant(services, model=slot, memory=memory,
                     sounds_like=SoundsLike(phonemes.phonemes), intents=IntentGuesser())
