"""Screenshot every view (and the first-run dialog) into build/screenshots/.

Run under a real X server so fonts and styles are the real ones:
``xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py``
It fills a throw-away data home with a week of sample data first.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("NARGIS_MUTE", "1")

from PySide6.QtWidgets import QApplication

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.paths import DataHome

OUT = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def seed(app: App, clock: FixedClock) -> None:
    from nargis_desktop.vault.kdf import FLOOR
    from nargis_desktop.vault.vault import Vault

    app.__dict__["vault"] = Vault(app.store, app.settings.vault, kdf=FLOOR, env={})
    start = clock.now()
    clock.advance(days=-20)
    read = app.habits.create("Read 20 pages")
    water = app.habits.create("Drink water", target=8, unit="glasses")
    run = app.habits.create("Run", frequency="weekly", target=3)
    for d in range(20):
        if d % 4 != 3:
            app.habits.log(read.id)
        app.habits.log(water.id, 3 + d % 6)
        if d % 2 == 0:
            app.habits.log(run.id)
        for k in range(d % 3 + 1):
            t = app.tasks.add(f"Sample task {d}-{k}")
            clock.advance(hours=2 + k)
            app.tasks.complete(t.id)
            clock.advance(hours=-(2 + k))
        if d % 2 == 0:
            clock.advance(hours=1)
            app.focus.start()
            clock.advance(minutes=25)
            app.focus.stop()
            clock.advance(minutes=-26, hours=-1)
        clock.advance(days=1)
    clock._now = start
    app.vault.create("correct horse battery")
    moods = ["good", "great", "okay", "good", "bad", "good", "great"]
    for i, mood in enumerate(moods):
        clock.advance(days=-(len(moods) - i))
        app.journal.add(f"Day {i}: a short note about the day.", title=f"Evening notes {i}",
                        mood=mood, tags=["daily"])
        clock._now = start
    app.tasks.add("Pay rent", due="yesterday", priority="high", tags=["home"])
    app.tasks.add("Call mom", due="today at 5pm", tags=["family"])
    app.tasks.add("Renew passport", due="next friday", tags=["admin"])
    parent = app.tasks.add("Plan trip to Lisbon", due="in 2 weeks", tags=["travel"])
    app.tasks.add("Book flights", parent=parent.id)
    app.tasks.add("Water the plants", due="tomorrow", recurrence="every week")
    app.focus.start(task_id=parent.id)
    clock.advance(minutes=7)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    qapp = QApplication(sys.argv[:1])
    home = DataHome(Path(tempfile.mkdtemp(prefix="nargis-shots-")))
    clock = FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "Europe/Berlin")
    from nargis_desktop.ui.desktop import Desktop
    from nargis_desktop.ui.first_run import FirstRunDialog
    from nargis_desktop.ui.theme import apply_theme

    for theme in ("light", "dark"):
        app = App(home if theme == "light" else DataHome(Path(tempfile.mkdtemp())), clock=clock)
        app.settings.llm.model = ""
        app.settings.voice.spoken_replies = False  # no voice model in this throw-away home
        apply_theme(qapp, theme)
        if theme == "light":
            seed(app, clock)
        else:
            app.__dict__["vault"] = app.vault
        desktop = Desktop(app, global_hotkey=False)
        w = desktop.window
        w.resize(1240, 800)
        w.show()
        if theme == "light":
            conv = desktop.conversation
            conv.send_text("add a task buy milk tomorrow at 6pm")
            _wait(qapp, 1.5)
        for view in w.views:
            w.show_view(view)
            _wait(qapp, 1.2 if view is w.insights else 0.4)
            name = view.title.lower()
            w.grab().save(str(OUT / f"{theme}-{name}.png"))
        if theme == "light":
            conversation_shot(qapp, desktop)
            w.journal.lock()
            w.show_view(w.journal)
            _wait(qapp, 0.3)
            w.grab().save(str(OUT / "light-journal-locked.png"))
        wizard = FirstRunDialog(app, w)
        wizard.show()
        _wait(qapp, 0.3)
        wizard.grab().save(str(OUT / f"{theme}-first-run.png"))
        wizard.go(1)
        _wait(qapp, 0.2)
        wizard.grab().save(str(OUT / f"{theme}-first-run-models.png"))
        wizard.close()
        w.quitting = True
        w.close()
        desktop.server.close()
    print(f"screenshots in {OUT}")
    return 0


def conversation_shot(qapp: QApplication, desktop: object) -> None:
    """The Assistant mid-conversation: a few turns with their action cards, and the user
    talking again (state, live partial transcript and level as the microphone feeds them)."""
    from nargis_desktop.ui.desktop import Desktop

    assert isinstance(desktop, Desktop)
    conv, view, w = desktop.conversation, desktop.assistant_view, desktop.window
    w.show_view(view)
    for text in ("log drink water 2 glasses", "add a task book the dentist on friday",
                 "what's due today?"):
        conv.send_text(text)
        _wait(qapp, 1.5)
    # a spoken "undo" Whisper doubted and read as "And you. And you.", no other reading
    # a command: matched by sound and asked about (the app's own voice-turn path)
    conv._begin_turn("And you. And you.", "voice", rereadings=list)
    _wait(qapp, 1.5)
    view.show_state("listening")
    view.show_partial("add a task to call the plumber on")
    view._level(0.55)
    _wait(qapp, 0.3)
    w.grab().save(str(OUT / "light-assistant-conversation.png"))
    view.show_state("idle")
    view.show_partial("")


def _wait(qapp: QApplication, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        qapp.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # skip interpreter teardown: PySide6 6.12 + pyqtgraph can abort while freeing widgets
    os._exit(code)
