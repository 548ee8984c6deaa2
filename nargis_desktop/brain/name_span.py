"""Which words of a sentence name the new task or habit, when no rule and no clause
heuristic can tell ("yo put study for the chem quiz tomorrow, fr I'll forget"; "I wonder
if you could remind me to ring the plumber about the dripping tap, sometime tonight";
"perhaps you could set me up a crossword habit").

A linear model scores every run of words inside one clause by the words around and
inside it; the best run is the name. It is an averaged structured perceptron, one per
intent (:data:`KINDS`), trained by ``tests/brain/make_intent_corpus.py`` on the labelled
lines of the eval sets; the weights ship in ``resources/intents/names.json``. The date
phrase is marked first, so a name never holds it. With each eval set left out of the
training in turn, it picks the labelled words of 82 % of new-task lines and 87 % of
new-habit lines; of those no rule reads, it named 18 of 29 tasks (the clause heuristic
11) and 10 of 16 habits (the words after the request 4).
"""

from __future__ import annotations

import json
import logging
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from nargis_desktop.brain.normalize import normalize
from nargis_desktop.clock import Clock

log = logging.getLogger(__name__)

WEIGHTS = Path(__file__).resolve().parent.parent / "resources" / "intents" / "names.json"
#: The intents whose new name is picked, and the slot that holds it.
KINDS = {"task.add": "title", "habit.create": "name"}
#: Names that may hold a date word: a habit is not due.
UNDATED = frozenset(("habit.create",))
#: The longest name tried, in words.
MAX_WORDS = 12
#: Passes over the training lines; more did not raise the left-one-set-out accuracy.
EPOCHS = 8
_CLAUSE = "|"
_DATE = "DATE"

Tokens = tuple[list[str], list[bool]]


def tokens(text: str, clock: Clock | None) -> Tokens:
    """The sentence's words, clause by clause (``|`` between), and which belong to its
    date phrase (none without a clock: a habit's name may well be "evening walk")."""
    from nargis_desktop.brain.grammar.fallback import clauses, find_date

    words, dated = ["<s>"], [False]
    for part in clauses(text):
        said = normalize(part).split()
        if not said:
            continue
        marks = [False] * len(said)
        when = find_date(" ".join(said), clock) if clock is not None else None
        at = _run_of(said, when.split()) if when else None
        if at is not None:
            marks[at[0]:at[1]] = [True] * (at[1] - at[0])
        if len(words) > 1:
            words.append(_CLAUSE)
            dated.append(False)
        words += said
        dated += marks
    return [*words, "</s>"], [*dated, False]


def tokens_for(intent: str, text: str, clock: Clock) -> Tokens:
    """:func:`tokens` as ``intent``'s model reads them (a habit's without dates)."""
    return tokens(text, None if intent in UNDATED else clock)


def _run_of(words: list[str], want: list[str]) -> tuple[int, int] | None:
    """Where ``want`` first stands in ``words`` as a run of whole words."""
    for i in range(len(words) - len(want) + 1):
        if want and words[i:i + len(want)] == want:
            return i, i + len(want)
    return None


def spans(toks: Tokens) -> Iterator[tuple[int, int]]:
    """Every run of up to :data:`MAX_WORDS` words inside one clause, none of them dated."""
    words, dated = toks
    for i in range(1, len(words) - 1):
        for j in range(i + 1, min(len(words) - 1, i + MAX_WORDS) + 1):
            if words[j - 1] == _CLAUSE or dated[j - 1]:
                break
            yield i, j


def features(toks: Tokens, i: int, j: int) -> list[str]:
    """The words just before and after the run, its first and last words, its length and
    every word inside it."""
    words, dated = toks

    def w(k: int) -> str:
        if not 0 <= k < len(words):
            return "<pad>"
        return _DATE if dated[k] else words[k]

    out = [f"p1={w(i - 1)}", f"p2={w(i - 2)}_{w(i - 1)}", f"f={w(i)}", f"l={w(j - 1)}",
           f"n1={w(j)}", f"n2={w(j)}_{w(j + 1)}", f"len={min(j - i, 8)}",
           f"fp={w(i - 1)}_{w(i)}", f"ln={w(j - 1)}_{w(j)}", "bias"]
    out += [f"in={w(k)}" for k in range(i, j)]
    return out


def best_span(toks: Tokens, weights: dict[str, float]) -> tuple[int, int] | None:
    best, top = None, float("-inf")
    for i, j in spans(toks):
        score = sum(weights.get(f, 0.0) for f in features(toks, i, j))
        if score > top:
            best, top = (i, j), score
    return best


def gold_span(toks: Tokens, title: str) -> tuple[int, int] | None:
    return _run_of(toks[0], normalize(title).split())


def train(examples: Sequence[tuple[Tokens, tuple[int, int]]], *,
          epochs: int = EPOCHS, seed: int = 0) -> dict[str, float]:
    """Averaged perceptron weights: each wrong best run moves the weights towards the
    labelled name and away from the run it chose."""
    w: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    stamp: dict[str, int] = defaultdict(int)
    step = 0

    def move(feats: list[str], by: float) -> None:
        for f in feats:
            total[f] += (step - stamp[f]) * w[f]
            stamp[f] = step
            w[f] += by

    order = list(examples)
    rnd = random.Random(seed)
    for _ in range(epochs):
        rnd.shuffle(order)
        for toks, gold in order:
            step += 1
            got = best_span(toks, w)
            if got != gold:
                move(features(toks, *gold), 1.0)
                if got is not None:
                    move(features(toks, *got), -1.0)
    averaged = {f: (total[f] + (step - stamp[f]) * w[f]) / max(step, 1) for f in w}
    return {f: round(v, 4) for f, v in sorted(averaged.items()) if round(v, 4)}


@cache
def _weights(path: Path = WEIGHTS) -> dict[str, dict[str, float]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(kind): {str(k): float(v) for k, v in weights.items()}
                for kind, weights in data.items()}
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        log.warning("no name model at %s (%s): only worded requests add tasks and habits",
                    path, exc)
        return {}


def guess_name(intent: str, text: str, clock: Clock,
               weights: dict[str, float] | None = None) -> str | None:
    """The likeliest new task title or habit name in ``text``; None without a model or a
    run of words."""
    weights = _weights().get(intent, {}) if weights is None else weights
    if not weights:
        return None
    toks = tokens_for(intent, text, clock)
    found = best_span(toks, weights)
    return " ".join(toks[0][found[0]:found[1]]) if found else None
