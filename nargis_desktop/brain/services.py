"""What the brain needs from the core, handed in by the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nargis_desktop.clock import Clock
    from nargis_desktop.core.focus import FocusService
    from nargis_desktop.core.habits import HabitService
    from nargis_desktop.core.journal import JournalService
    from nargis_desktop.core.tasks import TaskService


@dataclass(frozen=True)
class Services:
    tasks: TaskService
    habits: HabitService
    journal: JournalService
    focus: FocusService
    clock: Clock
