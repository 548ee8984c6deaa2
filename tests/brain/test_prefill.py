"""Prefill while the user speaks: the chat prompt is evaluated before its words are known.

The real SmolLM2 engine is used throughout; the only instrument is a counter on its
``eval`` (what llama.cpp was asked to evaluate), never a stand-in for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain import prompts
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.llm import (
    CHATML,
    GEMMA,
    LLAMA3,
    LlamaCppModel,
    Message,
    open_turn,
    render,
)


@pytest.mark.parametrize("fmt", [CHATML, GEMMA, LLAMA3], ids=lambda f: f.name)
def test_open_turn_is_the_prompt_cut_where_the_words_go(fmt: Any) -> None:
    head = [Message("system", "Earlier: we talked about tea."), Message("user", "hi"),
            Message("assistant", "Hello!")]
    prefix, whole = render(fmt, "SYS", [*head, Message("user", "<data>x</data>\n\nWhat now?")])
    same, cut = open_turn(fmt, "SYS", [*head, Message("user", "<data>x</data>\n\n")])
    assert same == prefix
    assert whole.startswith(cut) and whole[len(cut):].startswith("What now?")
    assert fmt.assistant_open not in cut[-len(fmt.assistant_open) - 2:]


class Counting:
    """Counts the tokens the real llama.cpp engine is asked to evaluate."""

    def __init__(self, model: LlamaCppModel) -> None:
        self.model = model
        #: Tokens per eval call: a turn's first is its prompt (what the cache lacked),
        #: then one per generated token.
        self.calls: list[int] = []

    def __enter__(self) -> Counting:
        llm = self.model._engine()
        real = llm.eval

        def counted(tokens: Any) -> None:
            self.calls.append(len(tokens))
            real(tokens)

        llm.eval = counted  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        del self.model._engine().eval  # back to the class's method


@pytest.fixture
def fresh_model(smol_model: LlamaCppModel) -> Iterator[LlamaCppModel]:
    smol_model.warm(prompts.SYSTEM)  # only the system prefix is cached
    yield smol_model


@pytest.mark.models
@pytest.mark.slow
def test_after_a_prefill_the_question_pays_only_for_its_words(
        fresh_model: LlamaCppModel) -> None:
    ctx = "Now: Thursday 26 November 2026, 09:00.\nTasks due today: \"call mom\" 17:00."
    history = [Message("user", "Hi there."), Message("assistant", "Hello! How can I help?")]
    evaluated = fresh_model.prefill(prompts.SYSTEM,
                                    [*history, Message("user", prompts.user_turn("", ctx))])
    question = "What should I do first today?"
    messages = [*history, Message("user", prompts.user_turn(question, ctx))]
    whole = fresh_model.tokens(prompts.SYSTEM, messages)
    assert evaluated > 40  # the history and the data went in ahead of the words
    with Counting(fresh_model) as count:
        reply = "".join(fresh_model.stream(prompts.SYSTEM, messages, max_tokens=24))
    assert reply.strip()
    # the question, the turn's close and the reply's opening (+ a boundary token or two)
    assert count.calls[0] <= fresh_model.count(question) + 12 < len(whole)


@pytest.mark.models
@pytest.mark.slow
def test_a_prefill_stops_at_once_and_keeps_what_it_did(fresh_model: LlamaCppModel) -> None:
    ctx = "Now: Thursday.\n" + "Tasks due today: " + "; ".join(
        f'"task number {i}"' for i in range(40)) + "."
    stop = threading.Event()
    stop.set()
    assert fresh_model.prefill(prompts.SYSTEM, [Message("user", prompts.user_turn("", ctx))],
                               stop) == 0
    stop = threading.Event()
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(fresh_model.prefill(
        prompts.SYSTEM, [Message("user", prompts.user_turn("", ctx))], stop)))
    worker.start()
    stop.set()
    worker.join(timeout=30)
    assert not worker.is_alive()
    full = len(fresh_model.tokens(prompts.SYSTEM, [Message("user", prompts.user_turn("", ctx))]))
    assert done and done[0] < full  # cut short: at most one step after the stop
    # the cache stays consistent: a whole turn on top of the partial prefill still answers
    reply = "".join(fresh_model.stream(
        prompts.SYSTEM, [Message("user", prompts.user_turn("Which task is first?", ctx))],
        max_tokens=16))
    assert reply.strip()


@pytest.mark.models
@pytest.mark.slow
def test_assistant_prepares_a_chat_and_a_command_stops_it(data_app: App) -> None:
    a = build_assistant(data_app)
    assert a.prepare() is None  # the model is not loaded yet: a press never loads it
    first = a.handle("Say hello to me in one short sentence.")
    assert first.intent == "chat"
    model = a.model.get() if a.model else None
    assert isinstance(model, LlamaCppModel)
    worker = a.prepare()
    assert worker is not None
    worker.join(timeout=60)
    with Counting(model) as count:
        turn = a.handle("Tell me a fun fact about the ocean.")
    assert turn.intent == "chat" and turn.reply
    assert count.calls[0] <= 24  # the question, not the history and the data again
    # a command at release stops a prefill still running, and is done as usual
    worker = a.prepare()
    assert worker is not None
    turn = a.handle("add a task to water the plants tomorrow")
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert turn.intent == "task.add" and turn.actions[0].ok
