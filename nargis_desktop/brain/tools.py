"""The tool registry: every action the assistant can take, for grammar and LLM alike.

Each tool has a JSON schema for its arguments (the LLM's output is constrained to
it and validated against it), a destructive flag (destructive tools need a spoken
"yes" and are never run from an LLM call) and an ``execute`` that goes through the
core services and returns a result, a short spoken message and an undo spec
(``brain.undo``), which the record turns into its undo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nargis_desktop.brain import toolimpl
from nargis_desktop.brain.records import ActionRecord
from nargis_desktop.brain.services import Services
from nargis_desktop.brain.toolimpl import Outcome
from nargis_desktop.brain.undo import run_undo
from nargis_desktop.errors import AmbiguousError, NargisError

Execute = Callable[[Services, dict[str, Any]], Outcome]


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    schema: dict[str, Any]
    execute: Execute
    destructive: bool = False
    #: Changes data (so "undo that" applies); read-only tools are False.
    mutates: bool = True


def _obj(props: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": list(required),
            "additionalProperties": False}


_S: dict[str, Any] = {"type": "string", "maxLength": 200}
_DATE: dict[str, Any] = {"type": "string", "maxLength": 60,
                         "description": "natural date/time, e.g. 'tomorrow at 5pm'"}
_INT: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": 600}


def _tools() -> list[Tool]:
    t = toolimpl
    return [
        Tool("add_task", "Add a new task to the to-do list.", _obj({
            "title": _S, "due": _DATE, "priority": {"enum": ["low", "normal", "high"]},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 40},
                     "maxItems": 5}}, ("title",)), t.add_task),
        Tool("complete_task", "Mark an existing task as done.",
             _obj({"task": _S}, ("task",)), t.complete_task),
        Tool("reopen_task", "Mark a done task as not done again.",
             _obj({"task": _S}, ("task",)), t.reopen_task),
        Tool("delete_task", "Delete a task (asks for confirmation).",
             _obj({"task": _S, "task_id": {"type": "string", "maxLength": 64}}, ("task",)),
             t.delete_task, destructive=True),
        Tool("move_task", "Change the due date of a task.",
             _obj({"task": _S, "due": _DATE}, ("task", "due")), t.move_task),
        Tool("edit_task", "Change an open task's priority or rename it.",
             _obj({"task": _S, "priority": {"enum": ["low", "normal", "high"]}, "title": _S},
                  ("task",)), t.edit_task),
        Tool("list_tasks", "List tasks: today, overdue, this week, one day, all open, or by "
             "tag; optionally only high or low priority.",
             _obj({"view": {"enum": ["today", "overdue", "week", "day", "open", "tag", "done"]},
                   "tag": {"type": "string", "maxLength": 40}, "day": _DATE,
                   "priority": {"enum": ["low", "normal", "high"]}}), t.list_tasks,
             mutates=False),
        Tool("task_status", "Whether one task is done, and when it is due or was finished.",
             _obj({"task": _S}, ("task",)), t.task_status, mutates=False),
        Tool("next_task", "Say which task to do next.", _obj({}), t.next_task, mutates=False),
        Tool("create_habit", "Start tracking a new habit.", _obj({
            "name": _S, "target": {"type": "integer", "minimum": 1, "maximum": 1000},
            "frequency": {"enum": ["daily", "weekly"]}}, ("name",)), t.create_habit),
        Tool("log_habit", "Record that a habit was done (optionally a count, or yesterday).",
             _obj({"habit": _S, "count": {"type": "integer", "minimum": 1, "maximum": 1000},
                   "day": {"enum": ["today", "yesterday"]}}, ("habit",)), t.log_habit),
        Tool("habit_status", "Streak and progress of one habit, or of all habits.",
             _obj({"habit": _S}), t.habit_status, mutates=False),
        Tool("start_focus", "Start a focus (pomodoro) session.",
             _obj({"minutes": _INT, "task": _S}), t.start_focus),
        Tool("pause_focus", "Pause the running focus session.", _obj({}), t.pause_focus),
        Tool("resume_focus", "Resume the paused focus session.", _obj({}), t.resume_focus),
        Tool("stop_focus", "Stop the running focus session.", _obj({}), t.stop_focus),
        Tool("focus_status", "How long is left in the focus session.", _obj({}),
             t.focus_status, mutates=False),
        Tool("add_journal", "Write a journal entry.", _obj({
            "text": {"type": "string", "maxLength": 200_000},
            "mood": {"enum": ["great", "good", "okay", "bad", "awful"]},
            "source": {"enum": ["typed", "voice"]}}, ("text",)),
             t.add_journal),
        Tool("read_journal", "Read back the latest journal entry.", _obj({}), t.read_journal,
             mutates=False),
        Tool("tasks_done", "How many tasks were finished today, yesterday, this week or month.",
             _obj({"period": {"enum": ["today", "yesterday", "week", "month"]}}), t.tasks_done,
             mutates=False),
        Tool("focus_summary", "How much focus time today, yesterday, this week or this month.",
             _obj({"period": {"enum": ["today", "yesterday", "week", "month"]}}),
             t.focus_summary,
             mutates=False),
    ]


@dataclass
class ToolRegistry:
    services: Services
    tools: dict[str, Tool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.tools:
            self.tools = {t.name: t for t in _tools()}

    def __contains__(self, name: object) -> bool:
        return name in self.tools

    def get(self, name: str) -> Tool:
        return self.tools[name]

    def run(self, name: str, args: dict[str, Any], *, source: str = "grammar") -> ActionRecord:
        """Validate and execute; failures become a record with an error, never an exception.

        AmbiguousError is re-raised so the assistant can ask "which one?".
        """
        tool = self.tools.get(name)
        if tool is None:
            return ActionRecord(name, args, False, error=f"There is no tool called '{name}'.",
                                source=source)
        problem = validate(args, tool.schema)
        if problem:
            return ActionRecord(name, args, False, error=problem, source=source,
                                destructive=tool.destructive)
        try:
            out = tool.execute(self.services, args)
        except AmbiguousError:
            raise
        except NargisError as exc:
            return ActionRecord(name, args, False, error=str(exc), message=str(exc),
                                destructive=tool.destructive, source=source)
        spec = out.undo
        services = self.services
        return ActionRecord(name, args, True, result=out.result, message=out.message,
                            destructive=tool.destructive, source=source,
                            undo=(lambda: run_undo(services, spec)) if spec else None,
                            undo_spec=spec)

    def schemas(self, *, include_destructive: bool = False) -> dict[str, dict[str, Any]]:
        return {n: t.schema for n, t in self.tools.items()
                if include_destructive or not t.destructive}


def validate(value: Any, schema: dict[str, Any], path: str = "args") -> str | None:
    """A small JSON-schema check for the subset the tools use; returns the first problem."""
    if "enum" in schema:
        return None if value in schema["enum"] else (
            f"{path} must be one of {', '.join(map(str, schema['enum']))}.")
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            return f"{path} must be an object."
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value or value[key] in (None, ""):
                return f"{path}.{key} is required."
        for key, item in value.items():
            if key not in props:
                if schema.get("additionalProperties") is False:
                    return f"{path}.{key} is not allowed."
                continue
            if item is None:
                continue
            problem = validate(item, props[key], f"{path}.{key}")
            if problem:
                return problem
        return None
    if kind == "string":
        if not isinstance(value, str):
            return f"{path} must be text."
        if len(value) > schema.get("maxLength", 10**9):
            return f"{path} is too long."
        return None
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{path} must be a whole number."
        if not schema.get("minimum", -(10**9)) <= value <= schema.get("maximum", 10**9):
            return f"{path} is out of range."
        return None
    if kind == "array":
        if not isinstance(value, list):
            return f"{path} must be a list."
        if len(value) > schema.get("maxItems", 10**9):
            return f"{path} has too many items."
        for i, item in enumerate(value):
            problem = validate(item, schema.get("items", {}), f"{path}[{i}]")
            if problem:
                return problem
    return None
