"""Command grammar: sentence templates with typed slots, no LLM, instant.

Why our own matcher and not hassil: hassil matches whole sentences against
templates with fixed slot lists, but task titles are free text, dates need the
core date parser and names need fuzzy matching against the user's data. Ordered
regular-expression templates over normalised text (see ``normalize``) do all of
that in well under a millisecond, and the eval in ``tests/brain/eval`` keeps them
honest. Each rule returns an intent and raw slots; tools resolve names.

``model`` says what a parse is, ``tasks``, ``habits``, ``focus`` and ``journal`` build
parses for their domain, ``rules`` orders the templates, and ``parser`` runs them
(with the repair of a misheard first word and the date-first forms).
"""

from nargis_desktop.brain.grammar.model import (
    COMMAND_WORDS,
    EXAMPLES,
    INTENT_TOOL,
    LLM_INTENTS,
    META_INTENTS,
    Context,
    Parse,
    Rule,
    Vocabulary,
)
from nargis_desktop.brain.grammar.parser import Grammar, suggest
from nargis_desktop.brain.grammar.rules import RULES

__all__ = ["COMMAND_WORDS", "EXAMPLES", "INTENT_TOOL", "LLM_INTENTS", "META_INTENTS", "RULES",
           "Context", "Grammar", "Parse", "Rule", "Vocabulary", "suggest"]
