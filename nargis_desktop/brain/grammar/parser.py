"""Runs the rules over normalised text; repairs a misheard first word; date-first forms."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from nargis_desktop.brain.grammar.model import (
    _REAL_FIRST,
    COMMAND_WORDS,
    EXAMPLES,
    Context,
    Parse,
    Rule,
    Vocabulary,
)
from nargis_desktop.brain.grammar.rules import RULES
from nargis_desktop.brain.grammar.tasks import _lead_date_bare
from nargis_desktop.brain.normalize import basic, fix_journal_head, normalize
from nargis_desktop.clock import Clock

_NO_REPAIR_INTO = ("task.delete", "journal.add", "meta.confirm", "meta.deny")


class Grammar:
    """Text in, ``Parse`` out; ``None`` means "not a command" and goes to the LLM."""

    def __init__(self, clock: Clock, rules: Sequence[Rule] = RULES) -> None:
        self.clock = clock
        self.rules = tuple(rules)

    def parse(self, text: str, vocab: Vocabulary | None = None) -> Parse | None:
        norm = normalize(text)
        if not norm:
            return None
        found = self._match(norm, text, vocab)
        if found is None:
            found = self._date_first(norm, vocab)
        if found is None:
            found = self._repair(norm, vocab)
        return found

    def _date_first(self, norm: str, vocab: Vocabulary | None) -> Parse | None:
        """"tonight at 8 remind me to water the plants": a date said before the command.

        The rules look for a command's date after it, so a head of clear date words
        that parses as a date moves to the end; only when a command word then leads,
        and never into a delete or a journal entry (whose words are the user's own).
        """
        moved = _lead_date_bare(norm, Context(norm, norm, self.clock, vocab or Vocabulary()))
        said = re.match(r"(yesterday|today|this morning|earlier today) (i .+)$", norm)
        if said:  # a past day is no date to schedule for, so _lead_date_bare leaves it
            moved = f"{said.group(2)} {said.group(1)}"
        report = moved.startswith("i ")  # "yesterday I went for a run": a habit's log only
        if moved == norm or not (report or any(moved.startswith(cmd + " ")
                                               for cmd in COMMAND_WORDS)):
            return None
        found = self._match(moved, moved, vocab)
        if found is not None and report and found.intent != "habit.log":
            return None
        return None if found is None or found.intent in _NO_REPAIR_INTO else found

    def _repair(self, norm: str, vocab: Vocabulary | None) -> Parse | None:
        """Retry with a misheard first word swapped for the command word it sounds like.

        Whisper most often garbles the first word of a short command ("long 4 glasses",
        "harmony minutes"); the rest is usually right. Only text no rule matched is
        retried, only when the first word is not an everyday English word, never into
        a delete or a yes/no, and only when the repaired text then parses.
        """

        words = norm.split()
        if len(words) < 2 or words[0] in _REAL_FIRST:
            return None
        if any(norm.startswith(cmd + " ") for cmd in COMMAND_WORDS):
            return None  # the command word was heard right: the rest is what did not parse
        best: tuple[float, str] | None = None
        for cmd in COMMAND_WORDS:
            n = len(cmd.split())
            for k in {n - 1, n, n + 1} - {0}:  # "chinkoff": a two-word command heard as one
                if k >= len(words):
                    continue
                head = "".join(words[:k])
                score = fuzz.ratio(head, cmd.replace(" ", ""))
                if re.match(r"(?:un|non|not|dis|in)" + re.escape(cmd.replace(" ", "")) + "$",
                            head):
                    continue  # "un complete": the opposite of the command, never it
                flat = cmd.replace(" ", "")
                if len(head) >= 4 and flat[:-len(head)] in ("un", "re") and flat.endswith(head):
                    continue  # "check if ...", "open the window": a real verb, not "uncheck"
                if head != cmd.replace(" ", "") and score >= 72 and (
                        best is None or score > best[0]):
                    best = (score, cmd + " " + " ".join(words[k:]))
        if best is None:
            return None
        found = self._match(best[1], best[1], vocab)
        if found is None or found.intent in _NO_REPAIR_INTO:
            return None
        return found

    def _match(self, norm: str, text: str, vocab: Vocabulary | None) -> Parse | None:
        ctx = Context(norm, fix_journal_head(text.strip()), self.clock, vocab or Vocabulary())
        for rule in self.rules:
            target = basic(ctx.original) if rule.intent == "journal.add" else norm
            m = rule.pattern.search(target)
            if not m:
                continue
            parse = rule.build(m, ctx) if rule.build else Parse(rule.intent, {})
            if parse is not None:
                parse.text = norm
                return parse
        return None


def suggest(text: str) -> str | None:
    """The closest command wording, for replies from models that may not run tools."""
    from rapidfuzz import process

    norm = normalize(text)
    best = process.extractOne(norm, list(EXAMPLES.values()), scorer=fuzz.token_set_ratio)
    if best is None or best[1] < 55:
        return None
    return str(best[0])
