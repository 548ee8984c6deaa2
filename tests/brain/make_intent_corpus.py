"""Writes ``nargis_desktop/resources/intents/corpus.tsv`` from the labelled eval lines.

Run after changing an eval set: ``python tests/brain/make_intent_corpus.py``;
``test_intent_guess.py`` fails while the committed corpus is out of date.

Every set but :data:`HELD_OUT` teaches the classifier; those stay out so that their
scores measure wording it never saw. Each line is masked against the eval fixture's names
(``brain.intent_guess.masked``), so the corpus holds no fixture names.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import EVAL_DIR, NOW, fresh_app, load_utterances

from nargis_desktop.brain import name_span
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.intent_guess import CORPUS, masked
from nargis_desktop.clock import FixedClock

#: Sets never used for training: the honest measure of the classifier.
HELD_OUT = frozenset(("unseen71.jsonl", "unseen72.jsonl", "unseen75.jsonl", "unseen76.jsonl",
                      "unseen79.jsonl", "unseen80.jsonl", "unseen81.jsonl", "unseen82.jsonl",
                      "unseen83.jsonl", "unseen84.jsonl", "unseen87.jsonl", "unseen88.jsonl",
                      "unseen91.jsonl", "unseen92.jsonl", "unseen93.jsonl", "unseen94.jsonl",
                      "unseen95.jsonl", "unseen96.jsonl"))
#: Not commands to a user's data: the LLM tool-choice eval.
NOT_TRAINING = frozenset(("tool_choice.jsonl",))


def training_sets() -> list[Path]:
    return [path for path in sorted(EVAL_DIR.glob("*.jsonl"))
            if path.name not in HELD_OUT | NOT_TRAINING]


def corpus_text() -> str:
    with fresh_app() as app:
        vocab = build_assistant(app, with_llm=False).vocabulary()
    lines = set()
    for path in training_sets():
        for row in load_utterances(path):
            if row.get("intent"):
                text = masked(row["text"], vocab)
                if text:
                    lines.add(f"{row['intent']}\t{text}")
    return "".join(line + "\n" for line in sorted(lines))


def name_examples(paths: list[Path], intent: str) -> list[tuple[name_span.Tokens,
                                                                 tuple[int, int]]]:
    """Each line of ``intent`` whose labelled new name is a run of its words, with that run."""
    clock = FixedClock(NOW, "Europe/Berlin")
    slot = name_span.KINDS[intent]
    out = []
    for path in paths:
        for row in load_utterances(path):
            name = row.get("slots", {}).get(slot) if row.get("intent") == intent else None
            if name:
                toks = name_span.tokens_for(intent, row["text"], clock)
                gold = name_span.gold_span(toks, name)
                if gold is not None:
                    out.append((toks, gold))
    return out


def names_text() -> str:
    weights = {intent: name_span.train(name_examples(training_sets(), intent))
               for intent in sorted(name_span.KINDS)}
    return json.dumps(weights, indent=0, sort_keys=True) + "\n"


if __name__ == "__main__":
    CORPUS.parent.mkdir(parents=True, exist_ok=True)
    CORPUS.write_text(corpus_text(), encoding="utf-8")
    name_span.WEIGHTS.write_text(names_text(), encoding="utf-8")
    print(f"wrote {CORPUS} and {name_span.WEIGHTS}")
