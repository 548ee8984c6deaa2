"""Context window management: old turns fold into a persisted running summary."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain import prompts
from nargis_desktop.brain.assistant import (
    FOLD_AT,
    HISTORY_MESSAGES,
    REPLY_TOKENS,
    Assistant,
    ModelSlot,
)
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.llm import CHATML, GEMMA, LLAMA3, Message, render
from nargis_desktop.brain.memory import Memory
from nargis_desktop.brain.summary import (
    JOURNAL_LEFT_OUT,
    LINE_CHARS,
    SUMMARY_CHARS,
    extractive,
    merge,
)

SMOL = Path.home() / ".cache" / "nargis-test-models" / "smollm2-135m" / \
    "SmolLM2-135M-Instruct.Q4_1.gguf"


def _resume(app: App) -> Memory:
    """The conversation as a later process sees it."""
    memory = Memory(app.store, app.clock, lambda: app.journal.codec)
    memory.resume_latest()
    return memory


# -- without a model: the extractive fallback ------------------------------------------------
def test_long_command_conversation_folds_extractively(data_app: App,
                                                      assistant: Assistant) -> None:
    commands = [f"add a task to buy item {i}" for i in range(16)]
    for text in commands:
        assert assistant.handle(text).actions[0].ok
    assert assistant.memory is not None
    unfolded = assistant.memory.unfolded()
    assert HISTORY_MESSAGES <= unfolded <= FOLD_AT  # folded in batches
    later = _resume(data_app)
    summary = later.summary()
    assert 0 < len(summary) <= SUMMARY_CHARS
    assert "User: add a task to buy item 9 Nargis: Added 'buy item 9'." in summary
    assert all(len(line) <= LINE_CHARS for line in summary.splitlines())
    # the newest lines survive the cap; the oldest went
    assert "buy item 0 " not in summary
    folded = data_app.store.scalar("SELECT summary_count FROM conversations")
    assert folded == 2 * len(commands) - unfolded
    assert [m.content for m in later.history(HISTORY_MESSAGES)][-1] == "Added 'buy item 15'."


def test_journal_text_never_reaches_the_summary(data_app: App, assistant: Assistant) -> None:
    assistant.handle("journal: the marker zebra-quartz stays private")
    assistant.handle("read my last journal entry")
    for i in range(3):
        assistant.handle(f"add a task to step {i}")
    summary = _resume(data_app).summary()
    assert JOURNAL_LEFT_OUT in summary
    assert "zebra" not in summary and "calm" not in summary


def test_prompt_has_summary_after_the_system_prefix(data_app: App) -> None:
    """A model that records its prompts: the summary comes first, as a system message."""
    seen: list[list[Message]] = []

    class Recorder:
        name = "recorder"

        def stream(self, system: str, messages: Sequence[Message], *, max_tokens: int = 160,
                   cancel: threading.Event | None = None) -> Iterator[str]:
            seen.append(list(messages))
            yield "Sure."

        def complete_json(self, *args: Any, **kwargs: Any) -> str:
            return '{"tool": "none", "args": {}}'

    base = build_assistant(data_app, with_llm=False)
    for i in range(FOLD_AT // 2 + 1):  # one turn past FOLD_AT messages: a fold
        base.handle(f"add a task to buy item {i}")
    assert base.memory is not None
    a = Assistant(base.services, model=ModelSlot("recorder", Recorder), memory=base.memory)
    a.handle("what did I just add?")
    chat = seen[0]
    assert chat[0].role == "system" and "User: add a task to buy item 0" in chat[0].content
    assert chat[-1].role == "user" and chat[-1].content.endswith("what did I just add?")
    assert [m.role for m in chat[1:-1]] == ["user", "assistant"] * (HISTORY_MESSAGES // 2)


def test_merge_keeps_the_newest_lines_within_the_cap() -> None:
    summary = ""
    for i in range(40):
        summary = merge(summary, f"line {i} " + "x" * 50)
    assert len(summary) <= SUMMARY_CHARS and summary.splitlines()[-1].startswith("line 39")
    assert merge("a", "") == "a"


def test_extractive_lines() -> None:
    line = extractive([Message("user", "Remind me to call mom. She asked twice!"),
                       Message("assistant", "Added 'call mom'. Anything else?")])
    assert line == "User: Remind me to call mom. Nargis: Added 'call mom'."
    assert len(extractive([Message("user", "word " * 400)])) <= LINE_CHARS


@pytest.mark.parametrize("fmt", [CHATML, LLAMA3, GEMMA])
def test_a_summary_message_leaves_the_cached_prefix_alone(fmt: Any) -> None:
    question = Message("user", "hi")
    plain = render(fmt, prompts.SYSTEM, [question])
    with_summary = render(fmt, prompts.SYSTEM, [Message("system", "NOTE"), question])
    assert with_summary[0] == plain[0]  # the same prefix: llama.cpp's cache still matches
    assert "NOTE" in with_summary[1] and with_summary[1].index("NOTE") < \
        with_summary[1].index("hi")


# -- with the real small model --------------------------------------------------------------
class _Checked:
    """The real model, checking every prompt fits its context with room for the reply.

    It checks against the reply length the assistant asked for, then generates at most
    ``GENERATE`` tokens of it: what is tested is the prompt, and on a busy 2-core CPU
    full-length replies would make this test take minutes.
    """

    GENERATE = 24

    def __init__(self, model: Any) -> None:
        self.model = model
        self.name = model.name
        self.n_ctx = model.n_ctx
        self.prompts: list[tuple[list[Message], int]] = []

    def tokens(self, system: str, messages: Sequence[Message]) -> list[int]:
        return list(self.model.tokens(system, messages))

    def stream(self, system: str, messages: Sequence[Message], *, max_tokens: int = 160,
               cancel: threading.Event | None = None) -> Iterator[str]:
        used = len(self.model.tokens(system, messages))
        assert used + max_tokens <= self.n_ctx, (used, max_tokens, self.n_ctx)
        self.prompts.append((list(messages), used))
        yield from self.model.stream(system, messages, max_tokens=min(max_tokens, self.GENERATE),
                                     cancel=cancel)

    def complete_json(self, *args: Any, **kwargs: Any) -> str:
        return str(self.model.complete_json(*args, **kwargs))


@pytest.mark.models
@pytest.mark.slow
def test_long_chat_with_the_real_model_stays_within_its_context(data_app: App) -> None:
    from nargis_desktop.brain.llm import LlamaCppModel

    if not SMOL.is_file():
        pytest.skip("smollm2-135m is not installed in NARGIS_MODELS_DIR")
    n_ctx = 640
    model = _Checked(LlamaCppModel(SMOL, name="smollm2-135m", context_tokens=n_ctx,
                                   system_prefix=prompts.SYSTEM))
    base = build_assistant(data_app, with_llm=False)
    a = Assistant(base.services, model=ModelSlot("smollm2-135m", lambda: model),
                  memory=base.memory)
    topics = ["my garden", "a trip to Lisbon", "learning the cello", "a new job in Leeds",
              "a rescue dog"]  # one turn past FOLD_AT messages: a fold
    assert len(topics) * 2 > FOLD_AT
    for topic in topics:
        text = (f"Let me tell you about {topic}. " + "It has been on my mind all week, "
                "and I keep thinking about how to plan it well and what could go wrong. " * 4
                + f"What is one thing I should remember about {topic}?")
        assert a.handle(text).intent == "chat"
    assert base.memory is not None
    total = sum(model.model.count(m.content) for m in _all_messages(data_app))
    assert total + REPLY_TOKENS > n_ctx  # the conversation itself would never fit
    # the summary was written by the model (the summarise instruction was sent) ...
    asked = [msgs for msgs, _ in model.prompts if prompts.SUMMARISE in msgs[-1].content]
    assert asked, "the model was never asked for a summary"
    # ... is kept with the conversation, and used by the next turn, after the prefix
    summary = _resume(data_app).summary()
    assert summary and len(summary) <= SUMMARY_CHARS
    later = Assistant(base.services, model=ModelSlot("smollm2-135m", lambda: model),
                      memory=_resume(data_app))
    later.handle("And what did we talk about first?")
    last_chat = [msgs for msgs, _ in model.prompts if prompts.SUMMARISE not in msgs[-1].content][-1]
    assert last_chat[0].role == "system" and summary.splitlines()[-1] in last_chat[0].content


def _all_messages(app: App) -> list[Message]:
    return [Message(r["role"], str(r["content"])) for r in app.store.query(
        "SELECT role, content FROM messages ORDER BY created_at, rowid")]
