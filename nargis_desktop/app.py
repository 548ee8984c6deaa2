"""Composition root: the one place that builds the object graph from settings.

Everything is built lazily, so a CLI command pays only for what it touches
(``nargis tasks list`` never loads DuckDB, Whisper or the LLM).
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nargis_desktop.clock import Clock
from nargis_desktop.core.events import EventBus
from nargis_desktop.model_idle import STT_NAME, TTS_NAME, IdleUnloader
from nargis_desktop.paths import DataHome
from nargis_desktop.settings import Settings, load_settings

if TYPE_CHECKING:
    from nargis_desktop.brain.assistant import Assistant
    from nargis_desktop.core.focus import FocusService
    from nargis_desktop.core.habits import HabitService
    from nargis_desktop.core.journal import JournalService
    from nargis_desktop.core.tasks import TaskService
    from nargis_desktop.models.manager import ModelManager
    from nargis_desktop.store import Store
    from nargis_desktop.store.analytics import Insights
    from nargis_desktop.sync.service import SyncService
    from nargis_desktop.vault import Vault
    from nargis_desktop.voice.stt import WhisperSTT
    from nargis_desktop.voice.tts import PiperTTS


class App:
    def __init__(
        self,
        home: DataHome | str | os.PathLike[str] | None = None,
        *,
        settings: Settings | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.home = home if isinstance(home, DataHome) else DataHome.resolve(home)
        self.settings = settings if settings is not None else load_settings(
            self.home.settings_file)
        self.clock = clock if clock is not None else Clock(self.settings.general.timezone,
                                                            self.settings.general.date_order)
        self.events = EventBus()
        self._closers: list[object] = []
        #: Whisper, Piper and the LLM register here when built; ``check()`` unloads the
        #: ones idle for ``llm.unload_after_minutes`` (created now: workers race to it).
        self.idle_models = IdleUnloader(lambda: self.settings.llm.unload_after_minutes,
                                        self.clock.monotonic)

    @cached_property
    def store(self) -> Store:
        from nargis_desktop.store import Store

        self.home.ensure()
        return Store(self.home.database)

    @cached_property
    def tasks(self) -> TaskService:
        from nargis_desktop.core.tasks import TaskService

        service = TaskService(self.store, self.clock, self.events)
        self._protect(service)
        return service

    @cached_property
    def habits(self) -> HabitService:
        from nargis_desktop.core.habits import HabitService

        service = HabitService(self.store, self.clock, self.events)
        self._protect(service)
        return service

    @cached_property
    def journal(self) -> JournalService:
        from nargis_desktop.core.journal import JournalService

        service = JournalService(self.store, self.clock, self.events)
        service.codec = self.vault.codec(encrypt=True)  # journal text is never stored plain
        return service

    @cached_property
    def vault(self) -> Vault:
        from nargis_desktop.vault import Vault

        return Vault(self.store, self.settings.vault, clock=self.clock.monotonic,
                     hint_file=self.home.runtime_dir / "vault-remembered", events=self.events)

    def _protect(self, service: Any) -> None:
        """Tasks and habits go through the vault only once it exists or is asked for."""
        from nargis_desktop.vault.header import META_KEY

        if self.settings.vault.encrypt_tasks or self.store.meta_get(META_KEY) is not None:
            service.codec = self.vault.codec(encrypt=lambda: self.vault.protect_tasks)

    @cached_property
    def focus(self) -> FocusService:
        from nargis_desktop.core.focus import FocusService

        return FocusService(self.store, self.clock, self.events, self.settings.focus)

    @cached_property
    def insights(self) -> Insights:
        from nargis_desktop.store.analytics import Insights

        return Insights(self.store, self.clock)

    def stats(self, days: int = 30) -> dict[str, Any]:
        """The insights report; habit names and streaks come through the habit service."""
        statuses = self.habits.list()
        names = {s.habit.id: (s.habit.name, s.habit.target, s.habit.frequency.value,
                              self.clock.day_of(s.habit.created_at or self.clock.now()))
                 for s in statuses}
        streaks = {s.habit.id: s.streak for s in statuses}
        return self.insights.report(days, streaks=streaks, habit_names=names)

    @cached_property
    def sync(self) -> SyncService:
        from nargis_desktop.sync.service import SyncService

        return SyncService.from_app(self)

    @cached_property
    def stt(self) -> WhisperSTT:
        return self.build_stt()

    @cached_property
    def tts(self) -> PiperTTS:
        return self.build_tts()

    def build_stt(self) -> WhisperSTT:
        """A new Whisper engine from the settings, unloaded when idle."""
        from nargis_desktop.voice.factory import build_stt

        return self.idle_models.register(
            STT_NAME, build_stt(self.settings.voice, self.models))

    def build_tts(self) -> PiperTTS:
        """A new Piper voice from the settings, unloaded when idle."""
        from nargis_desktop.voice.factory import build_tts

        return self.idle_models.register(
            TTS_NAME, build_tts(self.settings.voice, self.models))

    @cached_property
    def models(self) -> ModelManager:
        from nargis_desktop.models.manager import ModelManager

        return ModelManager.for_home(self.home)

    # -- brain wiring (issue 5): the assistant, built on first use ---------------------
    @cached_property
    def assistant(self) -> Assistant:
        from nargis_desktop.brain.factory import build_assistant

        return build_assistant(self)

    @property
    def models_dir(self) -> Path:
        return self.home.models_dir

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
