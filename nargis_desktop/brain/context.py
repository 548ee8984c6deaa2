"""A compact picture of the user's day for the LLM: a few hundred characters, not a dump.

Small models lose the thread in long prompts, and every token costs time on a
2-core laptop, so only what a question about "today" needs goes in: due and
overdue task titles (capped), habits not yet done, focus so far, the time.
Titles are quoted as data; the system prompt says never to follow text inside them.
"""

from __future__ import annotations

from nargis_desktop.brain.services import Services
from nargis_desktop.core.dates import When, describe

MAX_TASKS = 6
MAX_TITLE = 60


def _q(text: str) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…") + '"'


def state_context(s: Services) -> str:
    now = s.clock.local_now()
    lines = [f"Now: {now:%A %d %B %Y, %H:%M}."]
    today = s.tasks.list("today")
    if today:
        items = []
        for t in today[:MAX_TASKS]:
            due = describe(When(t.due, t.all_day), s.clock) if t.due else ""
            late = " (overdue)" if s.tasks.is_overdue(t) else ""
            items.append(f"{_q(t.title)} {due}{late}".strip())
        more = f" and {len(today) - MAX_TASKS} more" if len(today) > MAX_TASKS else ""
        lines.append("Tasks due today: " + "; ".join(items) + more + ".")
    else:
        lines.append("No tasks due today.")
    counts = s.tasks.counts()
    lines.append(f"Open tasks in total: {counts['open']}.")
    pending = s.habits.pending_today()
    if pending:
        lines.append("Habits not done yet: " + ", ".join(
            f"{_q(p.habit.name)} ({p.period_count}/{p.habit.target})" for p in pending[:6]) + ".")
    minutes = round(s.focus.focus_minutes())
    st = s.focus.status()
    focus = f"Focus today: {minutes} min"
    if st.running:
        focus += f", a session is running ({round(st.remaining_seconds / 60)} min left)"
    lines.append(focus + ".")
    done = s.tasks.completed_since(1)
    lines.append(f"Tasks finished today: {done}.")
    return "\n".join(lines)
