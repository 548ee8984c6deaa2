"""The pipeline for one turn: text → grammar → tools → reply; else the LLM.

Holds the little state a conversation needs between turns: the undo history, a
pending "are you sure?" for destructive actions, a pending "which one?" when a
name matched two things, and the last reply for "repeat that". With a memory
(the app's assistant) the first two are kept in the database per conversation
(``brain.state``), so they carry from one ``nargis ask`` to the next; a pending
question expires after ``PENDING_TTL``. ``interrupt()`` (push-to-talk pressed,
or "stop") sets an event that generation and speech check between tokens and
sentences.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from nargis_desktop.brain import prompts, summary
from nargis_desktop.brain.capability import Capability, capability
from nargis_desktop.brain.clock_answer import answer as clock_answer
from nargis_desktop.brain.context import state_context
from nargis_desktop.brain.grammar import EXAMPLES, Grammar, Parse, Vocabulary, suggest
from nargis_desktop.brain.grammar.fallback import command_for
from nargis_desktop.brain.intent_guess import ACT_ON_INTENT, MIN_CONFIDENCE, IntentGuesser
from nargis_desktop.brain.llm import LanguageModel, Message
from nargis_desktop.brain.memory import Memory
from nargis_desktop.brain.normalize import loops
from nargis_desktop.brain.records import ActionRecord, AlreadyUndoneError, Turn
from nargis_desktop.brain.replies import SentenceSink, split_sentences, stream_reply
from nargis_desktop.brain.services import Services
from nargis_desktop.brain.sounds_like import Guess, SoundsLike
from nargis_desktop.brain.state import PendingStore, StoredPending, StoredUndoLog, UndoLog
from nargis_desktop.brain.tools import ToolRegistry, validate
from nargis_desktop.brain.undo import UndoConflictError
from nargis_desktop.errors import (
    AmbiguousError,
    DateMismatchError,
    NargisError,
    NotFoundError,
    VaultLockedError,
)
from nargis_desktop.models.catalog import Catalog

log = logging.getLogger(__name__)

#: Longer text is never a command; the grammar skips it (journal entries excepted).
MAX_COMMAND_CHARS = 400
#: Intents a second reading of speech may not start: removing something on a guess.
NEVER_REREAD = frozenset({"task.delete"})
#: What the LLM sees of a very long message.
MAX_LLM_CHARS = 2000
#: Chat history the LLM sees. On a 2-core CPU prompt evaluation runs at about 150
#: tokens a second, so what llama.cpp can keep from the turn before matters: the
#: history is folded in batches, not one turn at a time. Once more than ``FOLD_AT``
#: messages are unfolded, all but the newest ``HISTORY_MESSAGES`` go into the summary;
#: between folds the summary and the older turns stay the same, the cached prompt
#: prefix reaches the previous question, and only that question, its reply and the
#: new turn are evaluated (the summary's model call, at a fold, evicts the cache).
HISTORY_MESSAGES = 4
FOLD_AT = 8
HISTORY_CHARS = 240
#: The room a chat reply gets; the prompt (summary, history, question) fits around it.
REPLY_TOKENS = 160
#: The context assumed for a model that doesn't say (llama.cpp models do).
DEFAULT_CONTEXT = 2048
#: How long "are you sure?" and "which one?" wait for an answer (the app's clock).
PENDING_TTL = timedelta(minutes=2)


@dataclass
class ModelSlot:
    """The LLM, loaded on first use; a load failure is remembered and reported once per turn."""

    model_id: str
    loader: Callable[[], LanguageModel] | None
    _model: LanguageModel | None = None
    error: str | None = None
    #: Where the tool-calling level is read (the app's catalog, with the user's models).
    catalog: Catalog | None = field(default=None, repr=False)
    cap: Capability = field(init=False)

    def __post_init__(self) -> None:
        self.cap = capability(self.model_id, self.catalog)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def get(self) -> LanguageModel | None:
        if self._model is not None:
            return self._model
        if self.loader is None:
            self.error = self.error or "No language model is configured."
            return None
        if self.error is not None:
            return None
        try:
            self._model = self.loader()
        except NargisError as exc:
            self.error = str(exc)
            log.warning("language model unavailable: %s", exc)
        return self._model


@dataclass
class _Pending:
    kind: str  # "confirm" (a delete, or "did you mean …?" without a target) or "choose"
    parse: Parse
    choices: list[str] = field(default_factory=list)
    slot: str = "task"
    #: The task a delete confirmation is about: "yes" deletes exactly this one.
    target: str | None = None
    expires_at: datetime | None = None

    def data(self) -> dict[str, Any]:
        return {"intent": self.parse.intent, "slots": self.parse.slots, "text": self.parse.text,
                "choices": self.choices, "slot": self.slot, "target": self.target}

    @classmethod
    def from_stored(cls, stored: StoredPending) -> _Pending:
        d = stored.data
        return cls(stored.kind, Parse(str(d["intent"]), dict(d.get("slots") or {}),
                                      str(d.get("text") or "")),
                   [str(c) for c in d.get("choices") or []], str(d.get("slot") or "task"),
                   d.get("target"), stored.expires_at)


class Assistant:
    def __init__(self, services: Services, *, model: ModelSlot | None = None,
                 memory: Memory | None = None, grammar: Grammar | None = None,
                 sounds_like: SoundsLike | None = None,
                 intents: IntentGuesser | None = None) -> None:
        self.services = services
        #: Matches a misheard short command by sound (voice turns only).
        self.sounds_like = sounds_like
        #: Names the command a sentence the grammar does not read most likely is.
        self.intents = intents
        self.tools = ToolRegistry(services)
        self.grammar = grammar or Grammar(services.clock)
        self.model = model
        self.memory = memory
        #: Undo history; in the database (per conversation) when there is a memory.
        self.undo_log: UndoLog = (
            StoredUndoLog(memory.store, services.clock, services, memory.conversation,
                          memory.state_codec)
            if memory is not None else UndoLog())
        self._pending_store = (PendingStore(memory.store, memory.state_codec)
                               if memory is not None else None)
        self.pending: _Pending | None = None
        #: The pending question as loaded at the start of the turn (to see if it changed),
        #: and one that had expired by then (so a late "yes" is told, not obeyed).
        self._loaded: _Pending | None = None
        self._stale: _Pending | None = None
        self.last_reply = ""
        self.cancel = threading.Event()
        self._lock = threading.Lock()
        #: Set when the key is let go or a turn begins: a prefill still running stops there.
        self._prefill_stop = threading.Event()

    # -- public -----------------------------------------------------------------------------
    def interrupt(self) -> None:
        """Barge-in: stop generating and speaking the current reply."""
        self.cancel.set()

    def prepare(self) -> threading.Thread | None:
        """Push-to-talk was pressed: evaluate the likely chat prompt while the user speaks.

        All of a chat prompt but the user's words is known before they are said (the
        summary, recent turns, today's data), and evaluating it is most of a chat
        turn's wait on a CPU. Letting go of the key (``stop_prefill``) or the next turn
        stops it where it got to, and a question then pays only for what is left (most
        often its own words). Never loads a model; skipped for a tool-calling model,
        whose first prompt is the tool decision instead. Returns the worker (tests and
        the bench wait for it), or None.
        """
        slot = self.model
        if slot is None or not slot.loaded or slot.cap.tool_calling:
            return None
        self._prefill_stop.set()  # one still running for an earlier press
        stop = self._prefill_stop = threading.Event()
        worker = threading.Thread(target=self._prefill, args=(stop,), name="nargis-prefill",
                                  daemon=True)
        worker.start()
        return worker

    def stop_prefill(self) -> None:
        """Push-to-talk was let go: the final transcription needs the CPU now.

        What the prefill evaluated stays cached; a chat question evaluates the rest
        after the transcript, a command never needs it. (``handle`` calls it too.)
        """
        self._prefill_stop.set()

    def _prefill(self, stop: threading.Event) -> None:
        with self._lock:  # never beside a turn: its fold may still be using the model
            model = self.model.get() if self.model is not None else None
            if stop.is_set() or model is None:
                return
            try:
                ctx = state_context(self.services)
                messages = self._prompt(model, Message("user", prompts.user_turn("", ctx)))
            except NargisError as exc:  # e.g. the vault is locked: the turn will say so
                log.debug("no prefill: %s", exc)
                return
        model.prefill(prompts.SYSTEM, messages, stop)

    def vocabulary(self) -> Vocabulary:
        s = self.services
        return Vocabulary(open_tasks=[t.title for t in s.tasks.list("open", limit=200)],
                          done_tasks=[t.title for t in s.tasks.list("done", limit=50)],
                          habits=[h.habit.name for h in s.habits.list()])

    def handle(self, text: str, *, speak: SentenceSink | None = None,
               source: str = "typed",
               rereadings: Callable[[], Sequence[str]] | None = None) -> Turn:
        """Run one turn. ``speak`` receives the reply sentence by sentence as it is ready.

        ``rereadings`` (a voice turn whose reading Whisper doubted) gives other readings
        of what was heard; it is called only when the first reading is not a command
        (see :meth:`_reread`). When none of them is one either, or a voice reading loops
        ("and you. and you."), a short command it sounds like is taken, or asked about
        (:meth:`_guess`).
        """
        self.stop_prefill()
        with self._lock:
            self.cancel.clear()
            self._load_pending()
            try:
                turn = self._turn(text, speak, source, rereadings)
            except VaultLockedError as exc:
                return self._locked(text, exc, speak)
            finally:
                self._save_pending()
            self._fold(turn)
            return turn

    def _locked(self, text: str, exc: VaultLockedError, speak: SentenceSink | None) -> Turn:
        """The turn needed encrypted tasks, habits or journal while the vault is locked.

        Said plainly instead of raised (the GUI and a voice turn must not crash), and
        nothing of the turn is stored: with "encrypt tasks too" the conversation would
        have to be sealed, and there is no key to seal it with.
        """
        turn = Turn(transcript=text.strip(), intent="locked")
        turn.timings_ms = {"llm_first_token": None, "tts_first_audio": None}
        self._say(turn, _sorry(str(exc)), speak)  # what is locked, and how to unlock it
        self.last_reply = turn.reply
        return turn

    def _turn(self, text: str, speak: SentenceSink | None, source: str,
              rereadings: Callable[[], Sequence[str]] | None = None) -> Turn:
        t0 = time.perf_counter()
        turn = Turn(transcript=text.strip())
        timings: dict[str, float | None] = {"llm_first_token": None,
                                            "tts_first_audio": None}
        turn.timings_ms = timings
        if not text.strip():
            turn.intent = "none"
            self._say(turn, "I didn't catch that.", speak)
            timings["understand"] = timings["act"] = 0.0
            timings["total"] = _ms(t0)
            return turn
        answering = self.pending is not None  # "the bank one" must stay an answer
        vocab = self.vocabulary()  # read once: nothing changes before the turn acts
        parse = self._understand(text, vocab)
        if parse is not None and parse.loose and parse.intent in ("meta.confirm", "meta.deny") \
                and not answering and self._stale is None:
            parse = None  # "Right, I'm gonna lock in for half an hour": nothing was asked
        if parse is None and rereadings is not None and not answering:
            reread = self._reread(rereadings, vocab)
            if reread is not None:
                turn.notes.append(f"Heard “{text.strip()}”, understood “{reread[0]}”.")
                text, parse = reread
                turn.transcript = text
        guess = None
        if parse is None and not answering and source == "voice":
            guess = self._guess(text, vocab, doubted=rereadings is not None or loops(text))
            if guess is not None:
                parse = guess[1]
                turn.notes.append(
                    f"Heard “{text.strip()}”, which sounds like “{guess[0].phrase}”.")
        if guess is None and not answering:
            guess = self._guess_intent(text, vocab) if parse is None else \
                self._second_opinion(text, parse, vocab)
            if guess is not None:
                parse = guess[1]
                turn.notes.append(f"Understood “{text.strip()}” as “{guess[0].phrase}”.")
        timings["understand"] = _ms(t0)
        t1 = time.perf_counter()
        if guess is not None and not guess[0].acts:
            turn.intent = guess[1].intent
            turn.slots = guess[1].args()
            self.pending = self._new_pending("confirm", guess[1])
            turn.awaiting = "confirm"
            self._say(turn, f"Did you mean “{guess[0].phrase}”? Say yes to do it.", speak)
        elif parse is not None:
            turn.intent = parse.intent
            turn.slots = parse.args()
            self._act(parse, turn, speak, source)
        else:
            turn.intent = "chat"
            self._chat(text, turn, speak, timings, t1)
        timings["act"] = _ms(t1)
        timings["total"] = _ms(t0)
        self._remember(text, turn)
        if turn.reply:
            self.last_reply = turn.reply
        return turn

    # -- the pending question, across turns and processes ---------------------------------
    def _new_pending(self, kind: str, parse: Parse, choices: Sequence[str] = (),
                     slot: str = "task", target: str | None = None) -> _Pending:
        return _Pending(kind, parse, list(choices), slot, target,
                        self.services.clock.now() + PENDING_TTL)

    def _load_pending(self) -> None:
        """Take the stored pending question (another process may have asked it); one
        past its expiry is set aside, so a late "yes" is answered but never acted on."""
        self._stale = None
        cid = self.memory.conversation_id if self.memory is not None else None
        if self._pending_store is not None and cid is not None:
            try:
                stored = self._pending_store.load(cid)
                self.pending = _Pending.from_stored(stored) if stored is not None else None
            except (NargisError, KeyError, TypeError, ValueError) as exc:
                log.warning("pending question not read: %s", exc)
                self.pending = None
        self._loaded = self.pending
        expires = self.pending.expires_at if self.pending is not None else None
        if expires is not None and expires <= self.services.clock.now():
            self._stale, self.pending = self.pending, None

    def _save_pending(self) -> None:
        if self._pending_store is None or self.memory is None or self.pending is self._loaded:
            return
        try:
            if self.pending is None:
                if self.memory.conversation_id is not None:
                    self._pending_store.clear(self.memory.conversation_id)
                return
            p = self.pending
            expires = p.expires_at or self.services.clock.now() + PENDING_TTL
            self._pending_store.save(self.memory.ensure(), p.kind, p.data(),
                                     expires - PENDING_TTL, expires)
        except NargisError as exc:  # this process still remembers it
            log.warning("pending question not saved: %s", exc)

    # -- understanding ------------------------------------------------------------------------
    def _understand(self, text: str, vocab: Vocabulary) -> Parse | None:
        long = len(text) > MAX_COMMAND_CHARS
        vocab = vocab if not long else Vocabulary()
        parse = self.grammar.parse(text if not long else text[:MAX_COMMAND_CHARS], vocab)
        if long and (parse is None or parse.intent != "journal.add"):
            return None
        if long and parse is not None:  # the whole entry, not the first 400 characters
            full = self.grammar.parse(text, Vocabulary())
            return full if full is not None and full.intent == "journal.add" else None
        if self.pending is not None and (parse is None or not (
                parse.intent.startswith("meta.") or parse.intent == "meta.choice")):
            if self.pending.kind == "choose":
                picked = self._pick(text, self.pending.choices)
                if picked is not None:
                    return Parse("meta.choice", {"name": picked})
            self.pending = None
        stale = self._stale
        if stale is not None and stale.kind == "choose" and (
                parse is None or not parse.intent.startswith("meta.")):
            picked = self._pick(text, stale.choices)  # a late "the bank one": say it expired
            if picked is not None:
                return Parse("meta.choice", {"name": picked})
        if parse is None or not parse.intent.startswith("meta."):
            self._stale = None  # a new request: the expired question doesn't matter now
        return parse

    def first_command(self, rereadings: Callable[[], Sequence[str]]) -> str | None:
        """The first other reading that is a command, for a voice input that read no
        words at all (a lone "help"); it is then handled as what was said. None while a
        question waits for its answer, as in :meth:`handle`."""
        with self._lock:
            self._load_pending()
            found = None if self.pending is not None else \
                self._reread(rereadings, self.vocabulary())
        return found[0] if found is not None else None

    def _reread(self, rereadings: Callable[[], Sequence[str]],
                vocab: Vocabulary) -> tuple[str, Parse] | None:
        """The first other reading of a voice turn that is a command, when the first
        reading was not: Whisper base often has the right words close behind
        ("Risk and you write report to next Monday" / "Reschedule write report …").
        A deletion is never taken from a second reading, nor a parse that took any
        first word for a misheard command word (a guess on a guess)."""
        for reading in rereadings():
            if len(reading) > MAX_COMMAND_CHARS:
                continue
            parse = self.grammar.parse(reading, vocab)
            if parse is not None and parse.intent not in NEVER_REREAD and \
                    not parse.loose:
                return reading, parse
        return None

    def _guess(self, text: str, vocab: Vocabulary, *,
               doubted: bool) -> tuple[Guess, Parse] | None:
        """The command a misheard voice reading sounds like (``brain.sounds_like``),
        parsed; None when none clearly does. A short command only for a reading Whisper
        doubted or looped on; a command on one of the user's tasks for any reading."""
        if self.sounds_like is None:
            return None
        guess = self.sounds_like.guess(text) if doubted else None
        if guess is None:
            guess = self.sounds_like.guess_named(text, vocab,
                                                 lambda said: self.grammar.parse(said, vocab))
        if guess is None:
            return None
        parse = self.grammar.parse(guess.phrase, vocab)
        if parse is None or parse.intent != guess.intent:  # the list and the grammar disagree
            log.warning("command %r does not parse as %s", guess.phrase, guess.intent)
            return None
        return guess, parse

    def _guess_intent(self, text: str, vocab: Vocabulary, *,
                      floor: float = MIN_CONFIDENCE) -> tuple[Guess, Parse] | None:
        """The command the classifier (``brain.intent_guess``) takes ``text`` for, worded
        and parsed by the grammar; None for chat, a doubtful guess, or a command whose
        slots the sentence does not hold."""
        if self.intents is None or len(text) > MAX_COMMAND_CHARS or \
                clock_answer(text, self.services.clock) is not None:
            return None  # (the date is no list of what is due on it)
        found = self.intents.guess(text, vocab)
        if found is None or found.intent == "chat" or found.confidence < floor:
            return None
        if found.intent in _SESSION_INTENTS and not self.services.focus.status().running:
            return None  # "how far is the moon" is no question about a timer there isn't
        phrase = command_for(found.intent, text, vocab, self.services.clock)
        parse = self.grammar.parse(phrase, vocab) if phrase else None
        if phrase is None or parse is None or parse.intent != found.intent:
            return None
        return Guess(phrase, found.intent, 1.0 - found.confidence, acting=ACT_ON_INTENT), parse

    def _second_opinion(self, text: str, parse: Parse,
                        vocab: Vocabulary) -> tuple[Guess, Parse] | None:
        """The classifier's command in place of a grammar parse from a rule known to reach
        too far, when the classifier is sure of another: the catch-all list question ("how
        many tasks have I actually finished this week", "which task ought I to attend to
        next"; only when it says so, :data:`_LIST_QUESTIONS`), a loose parse, and one that
        names no task or habit of the user's ("log a journal entry: shipped it" as a habit
        named "journal entry"). Over the eval sets, each left out of the classifier's corpus
        in turn, a sure classifier was right in all 8 such disagreements (5 list questions,
        3 loose parses); against a meta command it was right once in 2 (it took "pardon? the
        kids were shouting" for a journal entry), so meta commands keep the grammar's reading,
        a new task is never overruled by a delete ("yes, add milk"), nor a pause or a stop
        by the other, as the word said is meant ("stop the timer, mam's at the door"); a
        change to an existing one may be, since the delete only asks ("tek off di plants
        ting" read as "tick off" completed the task)."""
        if parse.intent.startswith("meta.") or parse.intent in _GRAMMAR_KEEPS or not (
                parse.intent == "task.list" or parse.loose or _names_nothing(parse, vocab)):
            return None
        found = self._guess_intent(text, vocab, floor=SURE)
        if found is None or found[1].intent == parse.intent or \
                found[1].intent.startswith("meta.") or \
                (found[1].intent == "task.delete" and parse.intent == "task.add") or \
                {found[1].intent, parse.intent} == {"focus.pause", "focus.stop"} or \
                (parse.intent == "task.list" and not (
                    found[1].intent in _LIST_QUESTIONS and
                    _LIST_QUESTIONS[found[1].intent].search(text.casefold()))):
            return None
        return found

    @staticmethod
    def _pick(text: str, choices: list[str]) -> str | None:
        from nargis_desktop.brain.slots import fuzzy_pick

        return fuzzy_pick(text, choices, choices).item

    # -- commands ---------------------------------------------------------------------------
    def _act(self, parse: Parse, turn: Turn, speak: SentenceSink | None, source: str) -> None:
        intent = parse.intent
        if intent.startswith("meta."):
            self._meta(parse, turn, speak)
            return
        if intent.startswith("llm."):
            self._special(intent, turn, speak)
            return
        tool = parse.tool
        assert tool is not None
        args = parse.args()
        if tool == "add_journal":
            args["source"] = "voice" if source == "voice" else "typed"
        if self.tools.get(tool).destructive:
            self._ask_confirm(parse, turn, speak)
            return
        self._run(tool, args, parse, turn, speak)

    def _run(self, tool: str, args: dict[str, Any], parse: Parse, turn: Turn,
             speak: SentenceSink | None, *, source: str = "grammar") -> ActionRecord | None:
        try:
            record = self.tools.run(tool, args, source=source)
        except AmbiguousError as exc:
            slot = "due" if isinstance(exc, DateMismatchError) else \
                "habit" if "habit" in args else "task"
            self.pending = self._new_pending("choose", parse, exc.choices, slot)
            turn.awaiting = "choice"
            turn.slots["choices"] = list(exc.choices)
            self._say(turn, exc.message, speak)
            return None
        turn.actions.append(record)
        if record.ok:
            self._resolve_slots(record, turn)
            if self.tools.get(tool).mutates:
                self._push_undo(record, turn)
            self._say(turn, record.message, speak)
        else:
            self._say(turn, _sorry(record.error or "That didn't work."), speak)
        return record

    @staticmethod
    def _resolve_slots(record: ActionRecord, turn: Turn) -> None:
        """Show the names actually used (fuzzy matches resolved) in the turn's slots."""
        res = record.result or {}
        task = res.get("was") or res.get("task")  # a renamed task: the name it was found by
        if isinstance(task, dict) and "task" in turn.slots:
            turn.slots["task"] = task.get("title", turn.slots["task"])
        habit = res.get("habit")
        if isinstance(habit, dict) and "habit" in turn.slots and "name" in habit:
            turn.slots["habit"] = habit["name"]

    def _ask_confirm(self, parse: Parse, turn: Turn, speak: SentenceSink | None) -> None:
        from nargis_desktop.brain.toolimpl import find_task

        try:
            task = find_task(self.services, parse.slots["task"], "all")
        except AmbiguousError as exc:
            self.pending = self._new_pending("choose", parse, exc.choices)
            turn.awaiting = "choice"
            self._say(turn, exc.message, speak)
            return
        except NargisError as exc:
            self._say(turn, _sorry(str(exc)), speak)
            return
        parse.slots["task"] = task.title
        turn.slots["task"] = task.title
        self.pending = self._new_pending("confirm", parse, target=task.id)
        turn.awaiting = "confirm"
        self._say(turn, f"Delete '{task.title}'? Say yes to confirm.", speak)

    def _meta(self, parse: Parse, turn: Turn, speak: SentenceSink | None) -> None:
        intent = parse.intent
        pending, self.pending = self.pending, None
        if intent == "meta.deny" and pending is None and self._stale is None:
            intent = turn.intent = "meta.cancel"  # "no, leave it" with nothing asked: a cancel
        if intent == "meta.cancel":
            self.interrupt()
            turn.reply = "Okay." if pending is None else "Okay, cancelled."
            return
        if intent == "meta.repeat":
            self._say(turn, self.last_reply or "I haven't said anything yet.", speak)
            return
        if intent == "meta.help":
            self._say(turn, help_text(), speak)
            return
        if intent == "meta.undo":
            self._undo(turn, speak)
            return
        if pending is None:
            if self._stale is not None and intent in ("meta.confirm", "meta.deny",
                                                      "meta.choice"):
                self._say(turn, _expired(self._stale, intent), speak)
                return
            if intent == "meta.confirm" and parse.text in ("ok", "okay"):
                turn.reply = "Okay."
                return
            self._say(turn, "There's nothing to confirm right now.", speak)
            return
        if intent == "meta.deny":
            self._say(turn, "Okay, I left it as it is.", speak)
            return
        if pending.kind == "confirm" and pending.target is None:  # "did you mean …?"
            if intent == "meta.confirm":
                turn.intent = pending.parse.intent
                turn.slots = pending.parse.args()
                self._act(pending.parse, turn, speak, "voice")
            else:
                self._say(turn, "Okay, I left it as it is.", speak)
            return
        if pending.kind == "confirm":
            if intent == "meta.confirm":
                assert pending.parse.tool is not None
                turn.intent = pending.parse.intent
                turn.slots = pending.parse.args()
                changed = self._changed_since(pending)
                if changed:
                    self._say(turn, changed, speak)
                    return
                args = pending.parse.args()
                if pending.target is not None:
                    args["task_id"] = pending.target
                self._run(pending.parse.tool, args, pending.parse, turn, speak)
            else:
                self._say(turn, "Okay, I left it as it is.", speak)
            return
        # choosing between names
        name = parse.slots.get("name")
        index = parse.slots.get("index")
        if name is None and isinstance(index, int) and pending.choices:
            i = index - 1 if index > 0 else len(pending.choices) - 1
            name = pending.choices[i] if 0 <= i < len(pending.choices) else None
        if name is None and intent == "meta.confirm" and len(pending.choices) == 1:
            name = pending.choices[0]  # "Did you mean 'call mom'?" "Yes."
        if name is None:
            self.pending = pending
            self._say(turn, "Which one? " + ", ".join(pending.choices) + ".", speak)
            return
        chosen = Parse(pending.parse.intent, {**pending.parse.slots, pending.slot: name})
        turn.slots = chosen.args()
        self._act(chosen, turn, speak, "typed")

    def undo(self, record_id: str | None = None) -> ActionRecord:
        """Undo one action: the latest (``None``) or the one with this id (a GUI card).

        The one way both the spoken "undo that" and the card's Undo button go, so the
        undo stack stays in step and no action is ever undone twice. Never raises for
        "nothing to undo" or "already undone": the returned record says why (ok=False).
        """
        with self._lock:
            return self._undo_record(record_id)

    def _changed_since(self, pending: _Pending) -> str | None:
        """Why a confirmed delete must not run: the task went or was renamed meanwhile
        (another window, another command). None when it is still the same task."""
        if pending.target is None:
            return None
        asked = str(pending.parse.slots.get("task", ""))
        try:
            task = self.services.tasks.get(pending.target)
        except NotFoundError:
            return f"'{asked}' is already gone, so I didn't delete anything."
        except NargisError as exc:
            return _sorry(str(exc))
        if task.title != asked:
            return (f"That task is called '{task.title}' now, so I didn't delete it. "
                    "Say it again if you still want to.")
        return None

    def _push_undo(self, record: ActionRecord, turn: Turn | None = None) -> None:
        if record.undo is None:
            return
        try:
            self.undo_log.push(record)
        except NargisError as exc:  # still undoable by its card in this process
            log.warning("undo history not saved: %s", exc)
            if turn is not None:
                turn.notes.append(f"The undo history wasn't saved ({exc}).")

    def _undo_record(self, record_id: str | None) -> ActionRecord:
        try:
            record = (self.undo_log.latest() if record_id is None
                      else self.undo_log.find(record_id))
        except NargisError as exc:
            return ActionRecord("undo", {"record": record_id}, False,
                                error=f"I couldn't undo that: {exc}")
        if record is None or record.undo is None:
            why = "There's nothing to undo." if record_id is None else (
                "I can't undo that any more.")
            return ActionRecord("undo", {"record": record_id}, False, error=why)
        args = {"tool": record.tool, "record": record.id}
        try:
            record.undo()
        except AlreadyUndoneError as exc:
            return ActionRecord("undo", args, False, error=str(exc))
        except UndoConflictError as exc:  # can't succeed later either: move past it
            try:
                self.undo_log.give_up(record)
            except NargisError as again:
                log.warning("undo history not updated: %s", again)
            return ActionRecord("undo", args, False, error=f"I couldn't undo that: {exc}")
        except NargisError as exc:
            return ActionRecord("undo", args, False, error=f"I couldn't undo that: {exc}")
        return ActionRecord("undo", args, True, result={"undid": record.to_json()},
                            message=f"Undid: {record.message}")

    def _undo(self, turn: Turn, speak: SentenceSink | None) -> None:
        done = self._undo_record(None)
        if not done.ok and done.args.get("tool") is None:
            self._say(turn, done.error or "There's nothing to undo.", speak)
            return
        turn.actions.append(done)
        if not done.ok:
            self._say(turn, _sorry(done.error or "I couldn't undo that."), speak)
            return
        what = str(((done.result or {}).get("undid") or {}).get("message", "")).rstrip(".")
        self._say(turn, f"Undone. ({what}.)" if what else "Undone.", speak)

    # -- the language model ----------------------------------------------------------------
    def _llm(self, turn: Turn) -> LanguageModel | None:
        if self.model is None:
            return None
        model = self.model.get()
        if model is None and self.model.error:
            turn.notes.append(self.model.error)
        return model

    def _chat(self, text: str, turn: Turn, speak: SentenceSink | None,
              timings: dict[str, float | None], t1: float) -> None:
        known = clock_answer(text, self.services.clock)
        if known is not None:  # the time or the date: exact, and with no model at all
            self._say(turn, known, speak)
            return
        model = self._llm(turn)
        hint = suggest(text)
        if model is None:
            why = "the language model isn't available" if self.model else (
                "no language model is set up")
            msg = f"I can only follow commands right now, because {why}."
            msg += f" Try saying: '{hint}'." if hint else " Say 'what can I say' for examples."
            self._say(turn, msg, speak)
            return
        question = text if len(text) <= MAX_LLM_CHARS else (
            text[:MAX_LLM_CHARS] + " … (message shortened)")
        ctx = state_context(self.services)
        assert self.model is not None
        if (self.model.cap.tool_calling and len(text) <= MAX_COMMAND_CHARS
                and self._llm_tool(model, question, ctx, turn, speak)):
            return
        messages = self._prompt(model, Message("user", prompts.user_turn(question, ctx)))

        def first() -> None:
            timings["llm_first_token"] = _ms(t1)

        reply = stream_reply(model.stream(prompts.SYSTEM, messages, max_tokens=REPLY_TOKENS,
                                          cancel=self.cancel),
                             speak, self.cancel, first)
        if not reply and not self.cancel.is_set():
            reply = "Sorry, I don't have an answer for that."
            if speak is not None:
                speak(reply)
        if hint and not self.model.cap.tool_calling and not self.cancel.is_set():
            extra = f"If you want me to do that, say: '{hint}'."
            if _wants_action(text):
                reply = f"{reply} {extra}".strip()
                if speak is not None:
                    speak(extra)
        turn.reply = reply

    def _prompt(self, model: LanguageModel, question: Message) -> list[Message]:
        """Summary, recent turns and the question, fitted to the model's context.

        The last exchange goes in first, then the summary's newest lines, then older
        unfolded turns, newest first, as long as the prompt still leaves
        ``REPLY_TOKENS`` free; so the engine never has to cut it (its own fallback would
        cut the oldest message: the summary), and in a small context the summary is not
        crowded out by turns that wait for the next fold. The summary is a ``system``
        message after the cached system prefix, which stays reusable.
        """
        if self.memory is None:
            return [question]
        try:
            notes = self.memory.summary()
            history = self.memory.history(FOLD_AT)
        except NargisError as exc:
            log.warning("conversation not read: %s", exc)
            return [question]
        recent = [Message(m.role, m.content[:HISTORY_CHARS]) for m in history]
        limit = int(getattr(model, "n_ctx", 0) or DEFAULT_CONTEXT) - REPLY_TOKENS
        measure = getattr(model, "tokens", None)

        def fits(msgs: list[Message]) -> bool:
            if callable(measure):
                return len(measure(prompts.SYSTEM, msgs)) <= limit
            chars = len(prompts.SYSTEM) + sum(len(m.content) + 12 for m in msgs)
            return chars // 3 <= limit  # about 3-4 characters a token

        def newest_that_fit(older: list[Message], head: list[Message],
                            kept: list[Message]) -> list[Message]:
            for m in reversed(older):
                if not fits([*head, m, *kept, question]):
                    break
                kept = [m, *kept]
            return kept

        older, newest = recent[:-2], recent[-2:]
        kept = newest_that_fit(newest, [], [])
        head: list[Message] = []
        lines = notes.splitlines()
        while lines:
            note = Message("system", prompts.summary_note("\n".join(lines)))
            if fits([note, *kept, question]):
                head = [note]
                break
            lines = lines[1:]
        if len(kept) == len(newest):
            kept = newest_that_fit(older, head, kept)
        return [*head, *kept, question]

    def _llm_tool(self, model: LanguageModel, text: str, ctx: str, turn: Turn,
                  speak: SentenceSink | None) -> bool:
        """Let a capable model pick a tool; True when the turn was answered by it."""
        record = self.run_llm_call(self.ask_tool(model, text, ctx))
        if record is None:
            return False
        turn.intent = f"llm.tool:{record.tool}"
        turn.actions.append(record)
        if record.ok:
            if self.tools.get(record.tool).mutates:
                self._push_undo(record, turn)
            self._say(turn, record.message, speak)
        else:
            self._say(turn, _sorry(record.error or "That didn't work."), speak)
        return True

    def ask_tool(self, model: LanguageModel, text: str, ctx: str) -> str:
        """The model's constrained tool decision as raw JSON text (the eval uses this too).

        Destructive tools are not even offered: the model could not run them anyway.
        """
        safe = self.tools.schemas(include_destructive=False)
        descs = {n: self.tools.get(n).description for n in safe}
        return model.complete_json(prompts.SYSTEM,
                                   [Message("user", prompts.tool_turn(text, ctx, descs))],
                                   prompts.tool_schema(safe), max_tokens=48)

    def run_llm_call(self, raw: str) -> ActionRecord | None:
        """Parse, check and run a model's tool call. None means "no tool: just talk"."""
        try:
            call = json.loads(raw)
        except json.JSONDecodeError:
            return ActionRecord("invalid", {}, False, source="llm",
                                error="The model's answer was not valid JSON, so I did nothing.")
        if not isinstance(call, dict) or not isinstance(call.get("tool"), str):
            return ActionRecord("invalid", {}, False, source="llm",
                                error="The model's answer had no tool name, so I did nothing.")
        name = call["tool"]
        args = call.get("args") or {}
        if name == "none":
            return None
        if name not in self.tools:
            return ActionRecord(name, args if isinstance(args, dict) else {}, False, source="llm",
                                error=f"The model asked for an unknown tool '{name}'; "
                                      "I did nothing.")
        tool = self.tools.get(name)
        if tool.destructive:
            return ActionRecord(name, args, False, destructive=True, source="llm",
                                error="I don't delete things on a guess. Say 'delete the task "
                                      "…' if you mean it.")
        problem = validate(args, tool.schema)
        if problem:
            return ActionRecord(name, args if isinstance(args, dict) else {}, False,
                                source="llm", error=f"The model's request was invalid "
                                                    f"({problem}); I did nothing.")
        try:
            return self.tools.run(name, args, source="llm")
        except AmbiguousError as exc:
            return ActionRecord(name, args, False, source="llm", error=exc.message)

    def _special(self, intent: str, turn: Turn, speak: SentenceSink | None) -> None:
        """Briefing, review, journal reflection: the LLM if there is one, else a summary."""
        ctx = state_context(self.services)
        ask = {"llm.briefing": prompts.BRIEFING, "llm.review": prompts.REVIEW,
               "llm.reflect": prompts.REFLECT}[intent]
        quotes = False
        if intent == "llm.reflect":
            try:
                entries = self.services.journal.list(limit=3)
            except NargisError as exc:
                self._say(turn, _sorry(str(exc)), speak)
                return
            if not entries:
                self._say(turn, "Your journal is empty, so there's nothing to reflect on yet.",
                          speak)
                return
            ctx = "\n".join(f"Entry {e.created_at:%A}: {e.body[:600]}" for e in entries
                            if e.created_at)
            quotes = True
        model = self._llm(turn)
        facts = "" if intent == "llm.reflect" else _plain_summary(self.services, intent)
        if model is None:
            self._say(turn, facts or _plain_summary(self.services, intent), speak)
            return
        # the facts come from the data, word for word; the model adds the human touch
        self._say(turn, facts, speak)
        reply = stream_reply(
            model.stream(prompts.SYSTEM, [Message("user", prompts.user_turn(ask, ctx))],
                         max_tokens=60 if facts else 160, cancel=self.cancel),
            speak, self.cancel)
        turn.reply = f"{facts} {reply}".strip()
        turn.slots["quotes_journal"] = quotes

    # -- output -------------------------------------------------------------------------------
    def _say(self, turn: Turn, text: str, speak: SentenceSink | None) -> None:
        turn.reply = text
        if speak is None:
            return
        for sentence in split_sentences(text):
            if self.cancel.is_set():
                break
            speak(sentence)

    def _fold(self, turn: Turn) -> None:
        """Fold the messages that left the LLM's window into the conversation's summary.

        Runs after the reply has been said, so nobody waits for it before hearing the
        answer. After a chat turn (the model is loaded and warm) the model writes the
        line; a command turn folds extractively: its lines are short facts already, and
        a model call would hold its action card back. Never loads the model.
        """
        if self.memory is None or self.memory.conversation_id is None:
            return
        chat = turn.intent == "chat" or turn.intent.startswith("llm.")
        model = self.model.get() if chat and self.model is not None and self.model.loaded \
            else None
        if not getattr(model, "loaded", True):  # unloaded while idle: not reloaded for this
            model = None
        if self.cancel.is_set():  # interrupted (barge-in): the next turn must not wait
            model = None
        summarise = (summary.with_model(model, self.cancel) if model is not None
                     else summary.extractive)
        try:
            if self.memory.unfolded() > FOLD_AT:
                self.memory.fold(HISTORY_MESSAGES, summarise)
        except NargisError as exc:  # the summary must never break a turn
            log.warning("conversation not folded: %s", exc)

    def _remember(self, text: str, turn: Turn) -> None:
        if self.memory is None:
            return
        quotes = bool(turn.slots.get("quotes_journal")) or any(
            (a.result or {}).get("quotes_journal") for a in turn.actions)
        journal_text = turn.intent in ("journal.add", "llm.tool:add_journal")
        try:
            self.memory.add("user", text[:MAX_LLM_CHARS], quotes_journal=journal_text,
                            meta={"intent": turn.intent})
            if turn.reply:
                self.memory.add("assistant", turn.reply, quotes_journal=quotes,
                                meta={"actions": [a.tool for a in turn.actions]})
        except NargisError as exc:  # memory must never break a turn
            log.warning("conversation not saved: %s", exc)


#: Guessed only while a focus session runs: without one they are likelier chat.
_SESSION_INTENTS = frozenset(("focus.pause", "focus.resume", "focus.stop", "focus.status"))
#: Grammar readings no classifier guess replaces: a question about one task the words
#: name ("milk still on the list??, kid drank the last of it" is no report that it is
#: bought), and a priority or name said for one ("the water plants one not so urgent lah,
#: make it low priority" is no new task); the classifier has seen few of either.
_GRAMMAR_KEEPS = frozenset(("task.status", "task.edit"))
#: How sure the classifier must be to overrule the grammar (``Assistant._second_opinion``).
SURE = 0.99
#: Questions the grammar's catch-all task list takes too, and a word the question must say
#: ("how many tasks do I have today" stays a list however sure the classifier is).
_LIST_QUESTIONS = {
    "task.next": re.compile(r"\b(?:next|first)\b"),
    "insight.tasks_done": re.compile(r"\b(?:finish\w*|complet\w*|done|closed|ticked|crossed|"
                                     r"knocked|cleared|wrapped|accomplish\w*|achiev\w*)\b"),
}


def _names_nothing(parse: Parse, vocab: Vocabulary) -> bool:
    """A task or habit slot that none of the user's matches ("finish the focus time", "log
    a journal entry: ..."), with the thresholds the tools look them up with."""
    from nargis_desktop.brain.slots import HABIT_MATCH, TASK_MATCH, fuzzy_pick

    for slot, names, threshold in (("task", vocab.tasks, TASK_MATCH),
                                   ("habit", list(vocab.habits), HABIT_MATCH)):
        ref = parse.slots.get(slot)
        if isinstance(ref, str) and ref.strip():
            found = fuzzy_pick(ref, names, names, threshold=threshold)
            if found.item is None and not found.choices:
                return True
    return False


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000


def _sorry(error: str) -> str:
    return error if error.endswith((".", "?", "!")) else error + "."


def _expired(pending: _Pending, intent: str) -> str:
    """The answer to a "yes"/"no"/"the first one" that came after the question expired."""
    minutes = round(PENDING_TTL.total_seconds() / 60)
    if intent == "meta.deny":
        return "That question had already expired; nothing was changed."
    if pending.kind == "confirm" and pending.target is None:
        return (f"I asked about that more than {minutes} minutes ago, so I did nothing. "
                "Say it again if you still want to.")
    if pending.kind == "confirm":
        what = pending.parse.slots.get("task", "it")
        return (f"I asked about that more than {minutes} minutes ago, so I didn't delete "
                f"'{what}'. Say it again if you still want to.")
    return "That question expired, so I did nothing. Please say it again."


def _wants_action(text: str) -> bool:
    """Heuristic: the user sounds like they want something done, not a chat."""
    import re

    return bool(re.search(r"\b(?:finished|done|add|remind|log|start|stop|delete|move|mark|"
                          r"track|record|complete|did|called|bought|need to|have to)\b",
                          text.lower()))


def help_text() -> str:
    picks = ["task.add", "task.complete", "task.list", "habit.log", "focus.start",
             "journal.add", "meta.undo"]
    return ("You can say things like: " + "; ".join(f"'{EXAMPLES[p]}'" for p in picks)
            + ". Anything else, just ask.")


def _plain_summary(s: Services, intent: str) -> str:
    """A briefing without a model: the facts, said plainly."""
    today = s.tasks.list("today")
    pending = s.habits.pending_today()
    if intent == "llm.reflect":
        return "I need the language model to reflect on your journal, and it isn't available."
    if intent == "llm.review":
        done = s.tasks.completed_since(1)
        minutes = round(s.focus.focus_minutes())
        return (f"Today you finished {done} task{'s' if done != 1 else ''} and focused "
                f"{minutes} minutes. {len(today)} task{'s are' if len(today) != 1 else ' is'} "
                f"still due.")
    hour = s.clock.local_now().hour  # asked for in the afternoon, it is no "good morning"
    greeting = "Good morning" if hour < 12 else "Good afternoon" if hour < 18 else "Good evening"
    parts = [f"{greeting}. You have {len(today)} task{'s' if len(today) != 1 else ''} due "
             "today" + (": " + ", ".join(t.title for t in today[:3]) if today else "") + "."]
    if pending:
        parts.append("Habits to do: " + ", ".join(p.habit.name for p in pending[:4]) + ".")
    return " ".join(parts)
