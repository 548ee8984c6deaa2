"""The typed eval: every line of eval/utterances.jsonl against the grammar (no LLM)."""

from __future__ import annotations

from evalkit import load_utterances, run_one, summarize


def test_eval_set_is_large_and_covers_every_intent() -> None:
    rows = load_utterances()
    assert len(rows) >= 300
    intents = {r["intent"] for r in rows}
    for needed in ("task.add", "task.complete", "task.reopen", "task.delete", "task.move",
                   "task.list", "task.next", "habit.create", "habit.log", "habit.status",
                   "focus.start", "focus.pause", "focus.resume", "focus.stop", "focus.status",
                   "journal.add", "journal.read", "insight.tasks_done", "insight.focus",
                   "meta.undo", "meta.cancel", "meta.repeat", "meta.help", "chat"):
        assert needed in intents


def test_typed_commands_meet_targets() -> None:
    results = [run_one(r) for r in load_utterances()]
    s = summarize(results)
    misses = [(r.text, r.turn.intent, r.problems) for r in results
              if not (r.intent_ok and r.slots_ok)]
    assert s["intent_accuracy"] >= 0.97, misses
    assert s["slot_accuracy"] >= 0.93, misses
    assert s["wrong_destructive"] == 0
