"""A human-readable Markdown export, built from the services (so text is decrypted only
when the journal is unlocked; otherwise its entries are listed as locked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nargis_desktop.core.dates import When, describe
from nargis_desktop.errors import VaultLockedError

if TYPE_CHECKING:
    from nargis_desktop.app import App


def render_markdown(app: App, *, include_journal: bool = False) -> str:
    lines = ["# Nargis export", ""]
    tz = app.clock.tz
    lines += ["## Tasks", ""]
    for view, heading in (("open", "Open"), ("done", "Done")):
        tasks = app.tasks.list(view)
        lines.append(f"### {heading} ({len(tasks)})")
        lines.append("")
        for t in tasks:
            box = "x" if t.status.value == "done" else " "
            due = f" — due {describe(When(t.due, t.all_day), app.clock)}" if t.due else ""
            tags = "".join(f" #{x}" for x in t.tags)
            lines.append(f"- [{box}] {t.title}{due}{tags}")
        lines.append("")
    lines += ["## Habits", ""]
    for s in app.habits.list(include_archived=True):
        lines.append(f"- **{s.habit.name}**: {s.habit.target} {s.habit.unit} "
                     f"{s.habit.frequency.value}; streak {s.streak.current} "
                     f"(best {s.streak.best})")
    lines += ["", "## Focus sessions", ""]
    for f in app.focus.list(limit=200):
        when = f.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        state = "completed" if f.completed else ("running" if f.running else "stopped")
        lines.append(f"- {when} {f.kind.value.replace('_', ' ')} {f.planned_minutes} min, {state}")
    lines += ["", "## Journal", ""]
    if not include_journal:
        lines.append(f"_{app.journal.count()} entries, kept encrypted; export with --decrypt "
                     "to include their text._")
    else:
        try:
            for e in app.journal.list():
                when = e.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") \
                    if e.created_at else ""
                mood = f" ({e.mood.value})" if e.mood else ""
                lines += [f"### {when} {e.title}{mood}".rstrip(), "", e.body, ""]
        except VaultLockedError:
            lines.append("_The journal is locked; unlock it to include entries._")
    return "\n".join(lines) + "\n"
