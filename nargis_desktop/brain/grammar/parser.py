"""Runs the rules over normalised text; repairs a misheard first word; date-first forms;
a command said with a remark or a pronoun in a second clause."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TypeVar

from rapidfuzz import fuzz

from nargis_desktop.brain.dialect import drop_sign_off, participle, past_tense, plain_spellings
from nargis_desktop.brain.grammar.focus import _MINUTES
from nargis_desktop.brain.grammar.habits import SERVING
from nargis_desktop.brain.grammar.journal import plain_head
from nargis_desktop.brain.grammar.model import (
    _REAL_FIRST,
    COMMAND_WORDS,
    EXAMPLES,
    NAMING,
    Context,
    Parse,
    Rule,
    Vocabulary,
    _best,
)
from nargis_desktop.brain.grammar.rules import RULES
from nargis_desktop.brain.grammar.tasks import _lead_date_bare
from nargis_desktop.brain.normalize import (
    TOPIC_FIRST,
    WEEKDAY,
    basic,
    fix_journal_head,
    loops_on_a_phrase,
    normalize,
)
from nargis_desktop.brain.slots import (
    HABIT_MATCH,
    TASK_MATCH,
    _homophones,
    as_written,
    clean_ref,
    extract_priority,
    fuzzy_pick,
)
from nargis_desktop.clock import Clock
from nargis_desktop.core.dates import reads_as_date

_NO_REPAIR_INTO = ("task.delete", "journal.add", "meta.confirm", "meta.deny")
#: Where one clause ends and the next begins, in the text as said or as Whisper wrote it.
_CLAUSE_END = re.compile(r"\s*(?:[,;:!?]|\.(?!\d))\s+|\s+[-\u2013\u2014]\s+|"
                         # "booked the dentist so you can tick it off": Whisper drops the comma
                         r"\s+(?=so (?:you can|you could|you may|can you|could you|please|mark|"
                         r"market|tick|put|move|delete|log)\b)", re.IGNORECASE)
#: A remark that says how much a task matters: "is not so important", "not urgent".
_PRIORITY_REMARK = (r"(?:(?:it|this|that) )?(?:is |isn't |is not |not )(?:so |very |that |really )?"
                    r"(?:important|urgent|needed|necessary|a priority|a big deal)")
#: A clause about the command rather than a command: "it got cancelled", "this is urgent".
_REMARK = re.compile(r"(?:(?:and|but|so|because|cause|since) )?(?:it|it's|its|that|that's|this|"
                     r"i|i'm|i've|i'd|we|we're|they|they're|he|he's|she|she's|there's|you're|"
                     r"someone|someone's|somebody|somebody's|something|something's|"
                     r"these'll|those'll|that'll|it'll|they'll)\b|"
                     # "undo that, didn't mean it", "..., my mistake": the subject left unsaid
                     r"(?:didn't|did not|never|don't|do not) (?:mean|want|need)\b|"
                     r"my (?:mistake|bad|fault)\b|"
                     # "..., birthday is on saturday", "..., old buster needs it"
                     r"(?:[a-z']+ ){1,2}(?:is|was|needs|wants|says|said|thinks|knows|keeps)\b|"
                     # "..., banks are closed today", "..., boss went on safari"
                     r"(?!(?:what|how|which|who|where|when|why|are|is)\b)"
                     r"(?:(?:today|tonight|tomorrow|now) )?(?:[a-z']+ ){1,2}"
                     r"(?:are|went|got|is)\b|"
                     # "..., my back very sore", "..., my wife already bought two litres",
                     # "..., table nine's waving at me", "..., almost ate it", "..., wrong
                     # thing": a state, a deed or a slip, told in a few words
                     r"(?:the|my|our) [a-z']+ (?:very|so|too|really|quite|already|just|still|"
                     r"never|always) [a-z]+|(?:[a-z]+ ){0,2}[a-z]+'s [a-z]+ing\b|"
                     r"(?:almost|nearly) [a-z]+\b|wrong (?:one|thing|task|button)$|"
                     r"(?:tryna|trying to|hoping to|gotta|gonna|wanna|want to)\b|"
                     # "..., no rush on that one", "..., for winding down before bed"
                     r"no (?:great |big |real )?(?:rush|hurry|pressure|worries|stress|biggie)\b|"
                     r"for [a-z]{3,}ing\b|"
                     r"(?:tho )?(?:it )?ain't (?:deep|no big deal)\b|can't be (?:arsed|bothered)\b|"
                     r"proper job\b|not (?:correct|right)$|"
                     r"(?:finish|finished|done|complete|over) already$|"
                     r"(?:very|super|really|quite) (?:important|urgent)(?: one| 1)?$|"
                     # "..., later I forget again", "..., otherwise we'll miss it"
                     r"(?:later|otherwise|else|if not) (?:i|i'll|we|we'll|you|it|they|they'll|"
                     r"he|he'll|she|she'll)\b|"
                     r"(?:because|cause|cos|since) \S|"  # a reason, whatever its words
                     # "..., my neighbour water them for me now", "..., police stop me": what
                     # other people do, in any grammar
                     r"(?:my|our|his|her|their) (?:neighbou?rs?|colleagues?|cousins?|brothers?|"
                     r"sisters?|wife|husband|partner|boss|kids?|sons?|daughters?|friends?|"
                     r"family|landlord|landlady|mates?|parents?|roommates?|flatmates?)\b|"
                     r"(?:the )?(?:police|cops)\b|"
                     # "..., sticker's about expired", "..., the car's broken": a state
                     # ("mom's been called" is a report, not a remark)
                     r"(?:the |my )?[a-z]+'s (?:about|almost|nearly|out|over|expired|broken|dead|"
                     r"flat|empty|low|leaking|running)\b|"
                     # "..., the chiropractor insists", "..., swell's gonna be firing"
                     r"(?:the|my|our|his|her) [a-z']+(?: [a-z']+)? [a-z]{3,}s$|"
                     r"[a-z]+'s (?:going to|gonna) be\b|"
                     # "..., what drama!", "..., what a performance": an exclamation
                     r"what (?:a |an )?(?:[a-z]+ )?[a-z]+$|"
                     # "..., knot practice - keeps the fingers nimble": what it does for one
                     r"(?:keeps|helps|makes|gets|lets|gives) (?:me|the|my|you|us|it)\b|"
                     # "..., after bedtime": when, said of the command before it
                     r"(?:after|before|once|when|while) [a-z']+(?: [a-z']+){0,3}$|"
                     # "them houseplants can wait, move the watering to friday"
                     r"(?:[a-z']+ ){1,3}(?:can|could|will|may) (?:wait|keep|hold)\b|"
                     # "..., is not important": a priority's reason
                     + _PRIORITY_REMARK + r"\b|"
                     # "doctor has told me to walk": a subject said without its article
                     r"[a-z]+ (?:has|had) (?:told|said|asked|advised|suggested|recommended)\b|"
                     # "the baby's asleep", "my hearing aid's on the fritz", "friday I am too
                     # busy": a subject and its verb
                     r"(?:the|my|our) (?:[a-z']+ )?[a-z]+'s\b|"
                     r"(?:\w+ ){0,2}(?:i am|i'm|i've|she's|he's|we're|we've|they're|it's|"
                     r"i don't|i do not|i can't|i cannot|i won't|i have no|i have (?!to\b)|"
                     r"i (?:[a-z]+ )?(?:forgot|missed))\b|"
                     # "landlord reckons he ain't had it", "policy expiring": a subject said
                     # without its article, and what it thinks or is doing
                     r"[a-z]+ (?:reckons|reckon|says|thinks|knows)\b|"
                     # "..., boss man won't care": someone who will not mind
                     r"(?:[a-z']+ ){1,2}(?:won't|wouldn't|doesn't|don't|didn't|will not) "
                     r"(?:care|mind|notice|matter|bother|keep|last)\b|"
                     # "..., tore it up on a stump": what happened to it
                     r"(?:tore|broke|lost|dropped|ripped|smashed|cracked|snapped|bent|burst) "
                     r"(?:it|them|the|my)\b|"
                     r"[a-z]+ (?:has|have|had) (?:[a-z]+(?:ed|en)|gone|got|left|come)\b|"
                     r"(?:there )?ain't\b|"
                     # "..., can't get off the farm till the corn's in", "..., no one is asking"
                     r"(?:can't|cannot|couldn't) [a-z]+ [a-z]|no (?:one|1|body) (?:is|was|will|"
                     r"cares)\b|"
                     # "my jaw can wait on the lord": a subject, a modal and its verb
                     r"(?:the|my|our) [a-z']+ (?:can|could|will|would|might|may) [a-z]+\b|"
                     r"(?!(?:start|stop|keep|go|add|log|begin|try|quit|finish)\b)[a-z]+ "
                     r"[a-z]{3,}ing$|"
                     # "the project got cancelled", "my boss just called me in"
                     r"(?:(?:and|but|so|because|cause|since) )?(?:the|my|our) [a-z']+(?: [a-z']+)? "
                     r"(?:just |has |had |have )?(?:(?:is|are|was|were|got|called|came|went|needs|"
                     r"isn't|wasn't|hasn't|hadn't|haven't|didn't|won't|can't|ain't|"
                     r"wants|said|asked|cancelled|canceled|changed|moved|rang|texted|emailed|"
                     r"gave|took|made|told|sent|bought|handed|passed|"
                     r"arrived|broke|died|ended|did|does|never|always)\b|"
                     # "my neighbour takes care of them now": any verb, with words after it
                     r"[a-z]+(?:s|ed) [a-z])|"
                     # a learner's subject and bare verb ("my boss say is not hurry"), and a
                     # subject left unsaid ("..., is finish", "no no, is wrong, ...")
                     r"(?:the|my|our) [a-z']+ (?:say|give|want|need|tell|call|do|go|have|make|"
                     r"come|think|know|take|stop)\b|"
                     r"is (?!it\b|that\b|this\b|there\b|the\b|my\b)(?:[a-z]+ ){0,2}[a-z]+$")
#: A clause that tells of something ("it's not the timer", "the bank called") is no
#: command clause beside a remark; a command or a report of one's own ("I bought milk") is.
_ABOUT = re.compile(r"(?:it|it's|its|that|that's|this|there's|he|he's|she|she's|they|they're|we|"
                    r"we're|the|my|a|an|our|your|his|her|their)\b")
#: "..., is it done": a question about what the first clause named, its "?" lost.
_ASKS_OF_IT = re.compile(r"(?:is|was|has|have|had|did|does|are|were) (?:it|that|this|they)\b")
_PRONOUN = re.compile(r"\b(?:(?:that|this|the) (?:task|one|thing)|it|that|this|them)\b")
#: What a person says before a command: "wait, someone's at the door", "forgot to log it".
#: (A bare "plants" before "add water" is a mishearing, not a lead-in.)
_LEAD_IN = re.compile(r"(?:wait|hold on|hang on|oh|ok|okay|sorry|hmm|ugh|well|so|right|alright|"
                      r"all right|no|yes|yeah|yep|aye|naw|ja|eish|ag|um|uh|actually|hey|oops|"
                      r"whoops|anyway|"
                      r"forgot|"
                      r"ah|argh|man|gosh|great|thanks|thank you|cool|fine|good|enough|listen|"
                      r"look|please|quick|time to|time for|back|i'm back|phew|right then|tell me|"
                      r"done|all done|whoa|oi|eh|arre|arey|aiyo|aiyah|ay+|och|lo(?: lo)+|"
                      # a reason ("since the office shuts early, ...") or what interrupts
                      r"since|because|cause|seeing as|given that|doorbell|door|phone|kettle|oven|"
                      r"baby|kids|dog|"
                      # "give me the stats, how much focus time ...": what the question asks for
                      r"(?:(?:give|show|get) me |let's see )?(?:the |my |some )?(?:stats|"
                      r"statistics|numbers|figures))\b")
#: A greeting before a command: "good morning, what's on today".
_GREETING = re.compile(r"(?:good (?:morning|afternoon|evening)|hi|hello|hey|morning)"
                       r"(?: nargis| dear| there)?$")
#: How often, said on its own: "twice a week", "3 times a week", "every day".
_HOW_OFTEN = re.compile(r"^(?:(?:\d+|once|twice)(?: times?)? (?:a|per|each|every) (?:day|week)|"
                        r"(?:every|each) (?:day|morning|evening|night)|daily|weekly)$")
#: A full stop that ends a word, not a sentence: "call Mr. Becker", "St. Mary's" (the
#: pronoun "I" does end one: "and neither do I. Add a task: ...").
_ABBREVIATION = re.compile(r"\b(?:mr|mrs|ms|dr|st|prof|jr|sr|vs|etc|mt|ft|no|[a-hj-z])\.$",
                           re.IGNORECASE)
#: Reports of something done: a short clause after one is a remark ("about 5k").
_REPORTS = ("task.complete", "habit.log", "task.reopen")
#: A time to come that a report is said in ("once the report is done, ...", "when the rent
#: is paid"): a condition, not a report.
_WHEN_DONE = re.compile(r"(?:once|when|whenever|as soon as|until|till|unless) (?:the |my |our )?"
                        r"[a-z' ]{1,40}? (?:is|are|gets|get) (?:done|finished|complete|completed|"
                        r"over|paid|sorted|called|bought)\b")
#: A word that links a clause to the one before ("..., but I meditated yesterday").
_LINK = re.compile(r"^(?:and|but|so|also|plus|then)\s+", re.IGNORECASE)
#: A clause that asks to keep what the one before said: "log it please", "track that".
_KEEP_IT = re.compile(r"\b(?:log|track|note|add|put|stick|pop|mark|tick|save|record|set|count|"
                      r"make|create|register|"
                      r"write|jot|cross|check|keep|close|complete|finish)\b(?: \w+)? "
                      r"(?:it|that|this|them|'em)(?![\w'])")
#: A clause that only asks for what the one before said: "..., change the date".
_RESTATED = re.compile(r"^(?:please )?(?:change|update|move|fix|set) (?:the (?:date|due date|"
                       r"deadline|day)|it)(?: please| for me)?$")
#: "can you note that down as a task": what the clause before said, kept as a task or habit.
_AS_A = re.compile(r"^(?:note|put|stick|pop|add|save|write|jot|make|keep|set|track|log|record) "
                   r"(?:that|it|this)(?: down| up)?(?: (?:as|on|to|in|into|for) "
                   r"(?:a |an |my |the )?(?:new )?"
                   r"(?P<kind>task|to do|todo|reminder|list|to do list|habit)s?|"
                   # "I need to ..., put that down for next monday": a task, with its date
                   rf" down(?= (?:for|by|on|due|next|this|today|tonight|tomorrow|{WEEKDAY})\b))"
                   # "..., put it on the list for friday": the date of the task
                   r"(?P<when> (?:for|by|on|due|next|this|today|tonight|tomorrow|"
                   rf"{WEEKDAY})\b.*)?$")
#: The day a plan is told for: "I will water them on thursday".
_PLAN_DAY = re.compile(rf"\b((?:next |this )?{WEEKDAY}|tomorrow|tonight|the weekend|next week)"
                       r"((?: morning| afternoon| evening)?(?: (?:at|by|around) \d{1,2}(?::\d\d)?"
                       r"(?: ?[ap]m)?)?)")
#: A clause that asks for a new task or habit: a later "it" is the new one.
_ASKS_NEW = re.compile(r"\b(?:new|add|create|make)(?: a| an| one| me a)?(?: new)? (?:task|habit|"
                       r"reminder|to ?do)\b")
#: "I need to renew my passport": the wish in front of what is to be done.
_WISH_HEAD = re.compile(r"^(?:i (?:need|have|want|ought|got) to remember(?: to)?|"
                        # "my a-may told me buy ngapi ..., put that on my list"
                        r"(?:my |the )?[a-z]+ (?:told|asked|reminded) me(?: to)?(?! (?:the|that|"
                        r"this|my|it|a|an|about|he|she|they|we|i|you)\b)|"
                        r"i (?:need|have|want|ought|got) to|i must|i should|i gotta|"
                        r"i've got to|i have got to|i'd like to|i would like to|i'll have to|"
                        r"i'll need to|need to|have to|gotta|got to) ")
#: A clause that does not ask for what follows: a condition, a doubt, a "no".
_NOT_TOLD_TO = re.compile(r"(?:(?:oh|well|hmm|um|so) )?(?:if|when|whenever|unless|once|before|"
                          r"after|while|whether|maybe|perhaps|should i|do i|did i|would|could|"
                          r"i wonder|i don't|i didn't|don't|not|never|nobody|someone said|"
                          # "no, that was wrong, undo it": a "no" that only says so
                          r"no(?!(?: no)* (?:it|that|this) (?:was|is)\b|"
                          r"(?: no)* (?:that's|it's)\b)|"
                          r"they said|he said|she said)\b")
#: "the rent didn't go through": the thing the clause is about, before what it says of it.
_SUBJECT = re.compile(r"^(?:(?:oh|wait|ok|okay|so|well|hmm|turns out|it turns out|looks like|"
                      r"seems like|actually|sorry) )*(?:(?:the|my|that) )?"
                      r"(?!(?:i|you|we|they|he|she|it|there|this)\b)"
                      r"(?P<np>[a-z']+(?: [a-z']+){0,2}?) "
                      r"(?:is|was|isn't|wasn't|didn't|did not|doesn't|hasn't|has|had|got|went|"
                      r"bounced|failed|needs|still|never|came|fell|shut|closed|open)\b")
#: A correction said in the middle of a command: "add, no wait, remind me ...".
_CORRECTION = re.compile(r"\s*[,.]\s*(?:no wait|wait no|no sorry|sorry no|oh sorry|sorry|i mean|"
                         r"no no|actually no|correction|or rather|make that|no)\s*[,.]\s*|"
                         # "and no wait, remind me ...": the comma before it lost
                         r"(?:(?<=^and)|(?<=^add)|(?<=^at)|(?<=^ad))\s+(?:no wait|wait no|no sorry|"
                         r"sorry)\s*[,.]\s*|"
                         r"\s*,\s*(?:no wait|wait no|no sorry|sorry no|i mean|actually no|"
                         r"correction|or rather|make that)\s+", re.IGNORECASE)
#: How many clause boundaries, from the end, a two-clause reading tries.
_CUTS_TRIED = 3
#: A plain request to hear the reply again, which a long line may still be ("Sorry, my
#: English is not so good, can you say that again, slower?"), unlike a bare "eh" or "what".
_ASKED_AGAIN = re.compile(r"\b(?:say (?:that|it|this|what you said) again|repeat (?:that|it|"
                          r"this|yourself|what you said|the last))\b")
#: What asks and changes nothing: the same question asked again in other words is one.
_QUESTIONS = frozenset(("habit.status", "task.list", "task.next", "task.status", "focus.status",
                        "insight.tasks_done", "insight.focus"))
#: Questions that a second question in other words only follows up ("..., what's the
#: value proposition here?"): asking changes nothing, so the first is answered.
_ASKED = _QUESTIONS | {"meta.help"}
#: Commands on the timer: a remark after one is harmless ("..., let's go, let's go!").
_ON_TIMER = ("focus.start", "focus.pause", "focus.resume", "focus.stop")
#: How many words a clause after a command may run and still be only its remark: a report's
#: short ("done my run, absolutely knackered"); a question's or an edit's longer, as they
#: change nothing that cannot be undone ("make the bank call top priority, gotta sort the
#: overdraft before the boss pays us"); a delete's reason, as it is asked about first.
_REMARK_WORDS = {**dict.fromkeys(_REPORTS, 8), **dict.fromkeys(_ASKED, 14), "task.edit": 14,
                 "task.delete": 6, **dict.fromkeys(_ON_TIMER, 8)}
#: "... or not (yet)": a report asked about, never told.
_OR_NOT = re.compile(r"(?:\s+(?:already|yet))?\s+or (?:not|no)(?: yet)?\b.*$|^or (?:not|no)\b.*$")
#: A sentence after a command that takes it back or doubts it: no remark to pass over.
_TAKEN_BACK = re.compile(r"(?:no|not|nope|actually|wait|never ?mind|scratch that|just kidding|"
                         r"kidding|don't|do not|unless|or not)\b")
_FOLLOW_UP = re.compile(r"(?:what|what's|how|how's|why|which|is|are|does|do)\b")
#: A clause that says a thing is done: it tells, and what it tells is the report ("okay the
#: bank call's done, finally got through on my lunch break").
_SAID_DONE = re.compile(r"(?:'s|\bis|\bwas|\bhas been|'s been) (?:all |now )?(?:done|finished|"
                        r"complete|completed|sorted|paid)$")
#: A cancel after a command that takes the command back ("add buy eggs, never mind") ...
_RETRACTED = re.compile(r"(?:oh |ah |no )?(?:never ?mind|cancel that|don't bother|"
                        r"(?:disregard|ignore) that|forget i said (?:anything|that|it))"
                        r"(?: then| please)?")
#: ... and one that only asks for quiet, so the command stands ("start the focus timer, I
#: study now, quiet please").
_HUSHED = re.compile(r"(?:and |now )?(?:(?:please )?be quiet|quiet(?: please| now)?|silence|"
                     r"hush|shush|shh+|pipe down|zip it|shut up)(?: please| now)?")
#: Slots whose words are the user's own, so they can run on past the end of a clause.
_FREE_SLOTS = ("title", "task", "name", "habit")


class Grammar:
    """Text in, ``Parse`` out; ``None`` means "not a command" and goes to the LLM."""

    def __init__(self, clock: Clock, rules: Sequence[Rule] = RULES) -> None:
        self.clock = clock
        self.rules = tuple(rules)

    def parse(self, text: str, vocab: Vocabulary | None = None) -> Parse | None:
        found = self._read(text, vocab)
        if found is not None and found.intent in _REPORTS and _OR_NOT.search(basic(text)):
            # "the plants, I water them already or not yet? I not remember": asked, not told
            task = _OR_NOT.sub("", str(found.slots.get("task") or "")).strip()
            return Parse("task.status", {"task": task}, found.text, loose=True) if (
                found.intent == "task.complete" and task) else None
        if found is not None and found.intent in _REPORTS and text.rstrip().endswith("?") and \
                re.search(r"\b(?:how|what|when|which|who|why)\b", basic(text)):
            return None  # "Run habit, how many day I do in a row?": asked, not told
        on = found.slots.get("task") if found is not None else None
        if found is not None and found.intent == "focus.start" and isinstance(on, str):
            # "a focus session on dat work report": "that" points, it names nothing
            found.slots["task"] = on = re.sub(r"^(?:that|this) (?=\S+ \S)", "", on)
        if found is not None and found.intent == "focus.start" and isinstance(on, str) and \
                vocab is not None and vocab.open_tasks and _best(on, vocab.open_tasks) < 50:
            found.slots["task"] = None  # "start timer for concentration": on no task of ours
        return found

    def _read(self, text: str, vocab: Vocabulary | None) -> Parse | None:
        found = self._parse_clause(text, vocab)
        # clauses are cut where the words of address are gone ("finally, po po po, mark it
        # done" is two clauses); a journal entry keeps them, so only here
        said = drop_sign_off(text)
        parts: Parse | None = None
        tried = False  # (the two-clause reading is costly: made once)
        on = str(found.slots.get("task") or "") if found is not None else ""
        if found is not None and found.intent == "focus.start" and (
                not on or (vocab is not None and _best(on, vocab.open_tasks) < 50)) \
                and _CLAUSE_END.search(said):  # "focus on the report, fifty minutes, not a
            # second more! start the timer": the clauses name the task the whole lost
            parts, tried = self._two_clauses(said, vocab), True
            if parts is not None and parts.intent == "focus.start" and vocab is not None and \
                    _best(str(parts.slots.get("task") or ""), vocab.open_tasks) >= TASK_MATCH:
                return parts
        if found is not None and (found.intent == "journal.add" or not _runs_on(found, said, vocab)
                                  or loops_on_a_phrase(said)):  # "and focus. and focus.": one
            return found  # clause said over ("lo lo lo, ..." is no command said over)
        other = self._corrected(said, vocab) or (
            parts if tried else self._two_clauses(said, vocab))
        if other is None and found is not None and any(
                re.match(r"(?:habit|task)s?\b", basic(v)) for k, v in found.slots.items()
                if k in _FREE_SLOTS and isinstance(v, str)):
            return None  # "log a habit, read out all the tasks": no name before the next clause
        return other or found

    def _corrected(self, text: str, vocab: Vocabulary | None) -> Parse | None:
        """A command corrected as it was said: "add, no wait, remind me to ...", "bump the
        report to next wednesday, no, next thursday", "add pick up, sorry, drop off ...".

        What follows the correction is the command when it is one; else it takes the place
        of the words it corrects: from the word the two share ("next ..."), or the free slot
        the first part named.
        """
        m = _CORRECTION.search(text)
        if m is None:
            return None
        head, tail = text[: m.start()], text[m.end():]
        found = self._parse_clause(tail, vocab)
        if found is not None and _runs_on(found, tail):
            # "um, sorry, could you add a task to return the books? whenever is fine"
            found = self._two_clauses(tail, vocab) or found
        if found is None:
            said, fix = normalize(head).split(), normalize(tail)
            first = self._parse_clause(head, vocab)
            shared = fix.split()[0] if fix else ""
            if shared in said[1:]:
                at = len(said) - 1 - said[::-1].index(shared)
                found = self._parse_clause(" ".join([*said[:at], fix]), vocab)
            elif first is None and len(said) > 1:  # "and pick up, sorry, drop off ...": a
                found = self._parse_clause(f"{said[0]} {fix}", vocab)  # misheard "add"
            elif first is not None:
                slot = next((v for k, v in first.slots.items()
                             if k in _FREE_SLOTS and isinstance(v, str) and v), None)
                joined = " ".join(said)
                if slot and joined.endswith(slot):
                    found = self._parse_clause(f"{joined[: -len(slot)]}{fix}", vocab)
        if found is not None:
            found.loose = True
        return found

    def _two_clauses(self, text: str, vocab: Vocabulary | None, *,
                     nested: bool = False) -> Parse | None:
        """A command said over two clauses, cut at the last boundary where that reads.

        Taken when the whole text is no command, or when a free slot of its parse runs on
        into the next clause ("the report task it got cancelled"); see ``_join``.
        """
        said = text.strip()
        # the last few boundaries only: a command and its remark are the end of what was
        # said, and each cut parses both sides (a rambling 400 characters took 350 ms)
        for cut in reversed(list(_CLAUSE_END.finditer(said))[-_CUTS_TRIED:]):
            joined = self._join(said[: cut.start()], _LINK.sub("", said[cut.end():], count=1),
                                vocab, nested=nested,
                                sentence=cut.group().strip()[:1] in (".", "!", "?")
                                and not _ABBREVIATION.search(said[: cut.start() + 1]),
                                question=cut.group().strip()[:1] == "?")
            if joined is not None and joined.intent == "meta.repeat" and \
                    len(normalize(said).split()) > 8 and not _ASKED_AGAIN.search(said.lower()):
                continue  # "Eh! The landlord is saying ...": an interjection, no "say again"
            if joined is not None:
                joined.loose = True
                return joined
        return None

    def _with_due(self, found: Parse, remark: str) -> Parse:
        """A new task's date from a remark that says only that ("..., that's on thursday",
        "..., keep it for this weekend")."""
        if found.intent != "task.add" or found.slots.get("due"):
            return found
        due = self._said_date(remark)
        if due is not None:
            found.slots["due"] = due
        return found

    def _said_date(self, remark: str) -> str | None:
        """The date a remark says and nothing else ("that's on thursday", "due in 2 days or
        I get fined"), as the date parser reads it; ``None`` when it says more."""
        said = normalize(_CLAUSE_END.split(remark.strip(), maxsplit=1)[0])
        said = re.sub(r"^(?:(?:that's|that is|it's|it is|which is|is|and|needs doing|"
                      r"needs to be done|has to be done|(?:it )?(?:must|should|has to|needs to) "
                      r"be (?:done|finished|ready)|(?:put|keep|set|make|"
                      r"schedule|have) (?:it|that|this)(?: one)?|"
                      # "..., birthday is on saturday", "..., deadline is december 3": what
                      # falls on the date ("..., thanksgiving's tomorrow" is another day)
                      r"(?:the |my |her |his |their |our )?[a-z]+(?:'s| is| was)(?= (?:on|by|"
                      r"for|this|next)\b)|(?:the |my )?(?:deadline|due date)(?:'s| is))\s+)?"
                      r"(?:due\s+)?(?:for\s+)?", "", said)
        # "..., or I get fined": what happens else
        said = re.sub(r"\s+or (?:else )?(?:i|i'll|i'd|we|we'll)\b.*$", "", said)
        if not re.match(rf"(?:on|by|for|in|next|this|today|tonight|tomorrow|{WEEKDAY}|"
                        r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", said):
            return None
        return said if reads_as_date(said, self.clock) else None

    def _join(self, head: str, tail: str, vocab: Vocabulary | None, *,
              nested: bool = False, sentence: bool = False,
              question: bool = False) -> Parse | None:
        """One command from two clauses, or ``None``.

        * "the report is written, tick it off", "the rent didn't go through, put it back on
          my list": a command on "it", whose task the first clause named;
        * "I went for a run yesterday, log it please", "I need to renew my passport, can you
          note that down as a task": a report or a wish, then a request to keep it;
        * "delete the report task, it got cancelled", "this is urgent, I need to send the
          invoice today", "wait, someone's at the door, pause": a command with a remark
          before or after it (a remark of priority gives the priority);
        * "that's enough for now, stop the session", "I didn't catch that, one more time",
          "add, hang on, I'm stirring, okay, add buy garlic", "finished two chapters, count my
          reading", "..., change the date": the same command twice or started again, a cancel
          or a greeting that leads into a command, a report and the request that names it, a
          request that only restates the command;
        * "I need to get my head down for twenty minutes, start the timer", "track swimming
          for me, twice a week": a focus length or how often, said in the other clause.

        A clause that tells of something ("the bank called, ...") or sets a condition ("if
        I have time, ...") gives no command. A new task's or habit's name ends with its
        sentence (``sentence``: "new habit: guitar practice. tryna git gud irl").
        """
        # "today I go for running in the park, log please": a bare "log" keeps what came before
        bare = re.fullmatch(r"(?:please )?(log|track|record|note|save)(?: please)?", basic(tail))
        tail = f"{bare.group(1)} it" if bare else tail
        first, second = self._parse_clause(head, vocab), self._parse_clause(tail, vocab)
        # a head read as two clauses is judged by its command, not by how it starts ("that
        # dentist thing, push it back to next tuesday, I can't get down the surgery")
        parted = False
        # each clause as said and as the grammar reads it ("market complete" is "mark it
        # complete")
        said, heard = basic(head), normalize(head)
        remark, asked = basic(tail), normalize(tail)
        if first is not None and second is not None and second.intent == "task.add" and \
                _WISH_HEAD.match(asked) and (
                    re.search(r"\b(?:it|that|this|them)\b", str(second.slots.get("title") or ""))
                    or _open_named(tail, vocab)):
            second = None  # "start the focus for the report, I must finish it today": a wish
            # about "it", or about a task of the user's, after a command is no new task
        # a sentence after a command that is none and names nothing of the user's is a
        # remark ("move the milk run to friday. everything in this town can wait.")
        aside = sentence and second is None and not _names_ours(asked, vocab, at=75) and not \
            _TAKEN_BACK.match(asked) and not _PRONOUN.search(asked) and not \
            re.match(r"(?:just |now |please )*(?:tell|show|give) me\b", asked)  # asked of us
        if not nested and ((first is not None and _runs_on(first, head, vocab)) or (
                # "start focus for 45 minutes, I need to finish the report, the boss is on my
                # case": the head's later clause names the session's task
                first is not None and first.intent == "focus.start" and not first.slots.get(
                    "task") and _CLAUSE_END.search(head) and _open_named(head, vocab)) or (
                first is None and _CLAUSE_END.search(head) and (
                    _REMARK.match(remark) or _REMARK.match(asked) or aside
                    # "..., mark it as done please, visca!": one word of cheer
                    or (second is None and re.fullmatch(r"[a-z]+", asked) is not None)
                    # "I'm fixing to need ramps, put down pick up ramps, due saturday"
                    or self._said_date(tail) is not None))):
            # "done the dentist, grand job, ...", "focus mode please, 20 minutes, the baby's
            # ...": the head read as two clauses in turn, once (each level tries three cuts)
            parts = self._two_clauses(head, vocab, nested=True)
            first, parted = parts or first, parts is not None
        if second is not None and second.intent == "meta.cancel" and (
                (taken := _RETRACTED.fullmatch(asked)) or _HUSHED.fullmatch(asked)):
            command = first if first is not None and not _runs_on(first, head, vocab) else (
                None if nested else self._read(head, vocab))
            if command is not None and command.intent not in _ASKED and (
                    command.intent == "meta.undo" or not command.intent.startswith("meta.")):
                return second if taken else command
        # a reading of the head whose name runs on into its next clause takes no remark
        # ("ditch the plants thing, the plants are dead, it's over, fuhgeddaboudit": a later
        # cut reads it)
        whole = first is None or parted or not _runs_on(first, head, vocab)
        if first is not None and first.intent == "habit.log" and re.fullmatch(
                r"(?:please )?(?:mark|log|tick|check|count|record|save|note|put)"
                r"(?: it| that| this)?(?: off| down| done)?(?: please)?", asked):
            return first  # "today I read my book, mark it please": the habit told is "it"
        logged: Parse | None = None  # a habit's log on "it" ("sat in the dark and meditated,
        # log it"): taken when no other reading is
        if _PRONOUN.search(asked) and (first is None or not _ASKS_OF_IT.match(asked)) and not (
                first is None and _ASKS_NEW.search(heard)) and not (
                first is not None and _WISH_HEAD.match(asked)):
            # (after a new task asked for, "it" is the new one: "Emo, new task, buyer time for
            # you mama, make it high priority" is not about "call mom"; a wish about "it" is
            # no report: "start a focus timer on the report, I gotta get it done")
            # ("the plants one, is it done?": what the clause before named, asked about)
            # ("the call mom one is done, mark it please": marked done)
            marked = f"{asked} done" if re.fullmatch(r"mark (?:it|that|this)", asked) else asked
            # (the user's own tasks and habits first: "sorry, I made mistake, the rent is not
            # paid yet. make it not done again" is about "pay rent")
            ours = vocab.names if vocab else []
            named_all = _named(said, first, vocab)
            if re.search(rf"\b\d+ (?:more )?{SERVING}\b", heard):  # ("had me four glasses of
                # water outta the bubbler in the milkhouse, log that": the habit of the count)
                named_all += [h for h in _habits_told(heard, vocab) if h not in named_all]
            for named in sorted(named_all,
                                key=lambda n: _best(clean_ref(n), ours) < TASK_MATCH):
                # ("went for my run ... put it down": a habit "put down" is logged)
                as_said = re.sub(r"^(?:put|write|jot|set|mark) (?:it|that|this) down\b", "log it",
                                 marked) if vocab is not None and named in vocab.habits else marked
                again = self._parse_clause(_PRONOUN.sub(basic(named), as_said, count=1), vocab)
                if again is not None and again.intent == "task.reopen" and vocab is not None and \
                        _best(clean_ref(named), vocab.done_tasks) < _best(clean_ref(named),
                                                                          vocab.open_tasks):
                    continue  # "rent is not paid, the bank gave the money back, make it open
                    # again": only a finished task is opened again
                task = basic(str(again.slots.get("task") or "")) if again else ""
                if again is not None and task and (
                        task in basic(named) or basic(named) in task):  # "that call": "bank call"
                    # "the report is done, sent it to my boss": the first clause said it
                    # (unless only the command's names one of the user's: "sorry, I made
                    # mistake, the rent is not paid yet. make it not done again")
                    return first if first is not None and first.intent == again.intent \
                        and first.slots.get("task") and (
                            _resolves(first, vocab) or not _resolves(again, vocab)) else again
                if again is not None and vocab is not None and named in vocab.habits and \
                        again.intent == "habit.log" and first is None and logged is None and \
                        _KEEP_IT.search(asked) and (not _tells(said, heard) or re.search(
                            rf"\b\d+ (?:more )?{SERVING}\b", heard)):  # ("that's six glasses
                    # of water down me, log 'em": a count told)
                    logged = again  # read last, when nothing else reads the two clauses
                if again is not None and named == _SESSION and again.intent in _ON_SESSION:
                    return again  # "that's enough focusing for now, end it"
                if again is not None and first is not None and again.intent == first.intent \
                        and first.intent in _QUESTIONS:
                    return first  # "status check on the run today, did I log it?"
            if first is not None and _KEEP_IT.search(asked) and (
                    second is None or second.intent.startswith("meta.")):  # "put it back"
                # "..., keep it for this weekend": the date of a new task
                return self._with_due(_with_priority(first, remark, asked=True), tail)
            kind = _AS_A.match(asked)
            asked_to = re.match(r"(?:my |the )?[a-z]+ (?:told|asked|reminded) me (?:to )?"
                                r"(?!(?:the|that|this|my|it|a|an|about|he|she|they|we|i|you)\b)",
                                heard)  # (not "my boss told me the report is late")
            if first is None and kind and (kind.group("kind") or _WISH_HEAD.match(heard)) and \
                    (asked_to or not _tells(said, heard)) and not _NOT_TOLD_TO.match(said):
                wish = _WISH_HEAD.sub("", heard, count=1)
                kept = self._parse_clause(
                    f"add {wish} to my list{kind.group('when') or ''}"
                    if kind.group("kind") != "habit" else f"track {wish} as a habit", vocab)
                return _with_priority(kept, remark, asked=True)
        wished = _CLAUSE_END.split(head.strip())
        if first is None and second is None and _priority_only(tail) and \
                _WISH_HEAD.match(normalize(wished[0])) and \
                all(_REMARK.match(normalize(p)) for p in wished[1:]) and \
                not _NOT_TOLD_TO.match(said) and not _names_ours(heard, vocab, at=80):
            # "I must to renew the permesso, is very important, put high priority": a wish,
            # then its priority
            wish = _WISH_HEAD.sub("", normalize(wished[0]), count=1)
            return _with_priority(self._parse_clause(f"add {wish} to my list", vocab),
                                  f"{head} {tail}", asked=True)
        if first is None and _priority_only(_CLAUSE_END.split(tail.strip(), maxsplit=1)[0]) and \
                len(heard.split()) <= 4 and vocab is not None and \
                _names_ours(heard, vocab, at=80):
            # "the milk, low priority, we still have some": a task named, then its priority
            value, _ = extract_priority(" " + basic(tail))
            return self._parse_clause(f"make {heard} {value} priority", vocab)
        if first is not None and first.intent == "focus.start" and not first.slots.get("task") \
                and second is None and vocab is not None and re.match(
                    r"(?:i |i'm |i am )?(?:want to|wanna|need to|gotta|got to|have to|must|will|"
                    r"am going to|going to|gonna|intend to|plan to|mean to) ", asked) \
                and len(on := _open_named(asked, vocab)) == 1:
            first.slots["task"] = on[0]  # "start focus timer for 45 minutes, I wan face this
            return first  # report well well": the wish names the task
        if first is not None and first.intent == "focus.start" and not first.slots.get("task") \
                and second is None and vocab is not None and re.match(r"(?:for|on) ", asked) \
                and len(on := _open_named(re.sub(r" because .*$", "", asked), vocab)) == 1:
            first.slots["task"] = on[0]  # "start a focus timer, 45 minutes, para sa write
            return first  # report kay ...": the task, said in a clause of its own
        length = _MINUTES.match(asked) if second is None else None
        if first is not None and first.intent == "focus.start" and not first.slots.get(
                "minutes") and (length or (second is None and _FOCUS_WORDS.search(asked)
                                           and (length := _MINUTES.search(asked)))):
            # "focus mode, 20 minutes", "focus. 50 minutes. go.", "let me concentrate, put a
            # focus timer of 50 minutes"
            return self._parse_clause(f"{heard} for {length.group(0)}", vocab)
        if first is not None and second is None and re.fullmatch(
                r"(?:please )?(?:add|log|save|record|note|put|do|enter)(?: it| that)?(?: please)?",
                asked):
            return first  # "I need remember to buy bread tomorrow morning, add please"
        if first is None and vocab is not None and (n := re.fullmatch(
                r"(?:log|track|record|count|mark down) (\d+)(?: of (?:them|those|it))?", asked)) \
                and len(told := _habits_told(heard, vocab)) == 1 and not _NOT_TOLD_TO.match(said):
            # "four glasses of water down the hatch. log 4!": the count, of the habit told
            return self._parse_clause(f"log {n.group(1)} {told[0]}", vocab)
        if first is not None and first.intent == "task.delete" and re.fullmatch(
                r"(?:cancel|scrap|bin|drop|kill|remove|delete|ditch|nix|axe) (?:it|that|this)"
                r"(?: one)?", remark):
            return first  # "Delete the bank call. Cancel it.": the same asked again
        if first is not None and second is None and _RESTATED.match(asked):
            return first  # "buying milk can wait till saturday, change the date"
        if first is None and _RESTATED.match(asked) and not _NOT_TOLD_TO.match(said) and \
                (day := _PLAN_DAY.search(heard)) is not None and vocab is not None and \
                len(ours := _open_named(said, vocab)) == 1:
            # "mum I will call on saturday instead, please move it": the plan says the day
            return self._parse_clause(f"move {ours[0]} to {day.group(0)}", vocab)
        if first is not None and second is None and first.intent in _ASKED and \
                _FOLLOW_UP.match(remark):
            return first  # "walk me through your capabilities, what's the value here?"
        if first is not None and second is None and whole and (
                parted or not _tells(said, heard) or _SAID_DONE.search(said)) and (
                ((_REMARK.match(remark) or _REMARK.match(asked))
                 and not _names_ours(asked, vocab, at=75))
                or (first.intent == "task.add" and _priority_only(tail))  # "..., high priority"
                # "put X on my list, due in 2 days or I get fined"
                or (first.intent == "task.add" and not first.slots.get("due")
                    and self._said_date(tail) is not None)
                or (sentence and first.intent in ("task.add", "habit.create")
                    and not _names_ours(asked, vocab, at=75)) or aside
                or (len(tail.split()) <= _REMARK_WORDS.get(first.intent, 0)
                    and not _names_ours(asked, vocab)
                    # ("..., add a task": a command of another kind starts no remark)
                    and not re.match(r"(?:add|create|new|start|delete|remove)\b", asked))):
            # "done my run, absolutely knackered"; "add X, that's on thursday, I believe";
            # "when did rent get closed out, need a timestamp"; "make the bank call top
            # priority, gotta sort the overdraft"
            return self._with_due(_with_priority(first, tail), tail)
        if second is not None and second.intent == "focus.start" and not second.slots.get(
                "minutes") and (_LEAD_IN.match(said) or (first is None and not _NOT_TOLD_TO.match(
                    said))):
            length = _MINUTES.search(heard)  # "... for twenty minutes, start the timer"
            if length is not None:
                return self._parse_clause(f"start a focus session for {length.group(0)}", vocab)
            if first is None and _FOCUS_WORDS.search(heard) and not _CLAUSE_END.search(tail) \
                    and basic(_LINK.sub("", head, count=1)) not in remark and not (
                        _open_named(said, vocab)):
                return second  # "konjam focus pannanum, start the focus mode": the wish first
                # (one naming a task of the user's is read below: "make I focus on the report
                # small, start the timer")
        if second is not None and second.intent == "focus.start" and not second.slots.get(
                "task") and first is None and not _NOT_TOLD_TO.match(said):
            on = _open_named(said, vocab)
            if len(on) == 1:  # "gonna lock in on my report, start a focus timer"
                second.slots["task"] = on[0]
                return second
        if second is not None and re.search(r"\b(?:is|are|was|were|am|be)(?: like| kinda)?$",
                                            said):
            return None  # "my roommate is, like, always meditating": a clause cut mid-way
        if second is not None and (first is None or first.intent in ("meta.cancel", "meta.deny",
                                                                     "meta.confirm")
                                   or _GREETING.match(said)) \
                and (_REMARK.match(said) or _LEAD_IN.match(said) or _LEAD_IN.fullmatch(heard)
                     or (heard != said and _REMARK.match(heard))  # "kapoy na ko": "i'm tired"
                     or _priority_only(head)) \
                and not _tells(remark, asked) and not _NOT_TOLD_TO.match(said) \
                and not _CLAUSE_END.search(tail):  # the command is the last clause alone
            return _with_priority(second, head)
        if sentence and not question and first is None and not _NOT_TOLD_TO.match(said) \
                and basic(_LINK.sub("", head, count=1)) not in remark and not (
                    _PRONOUN.search(asked) and _tells_of_ours(said, vocab)):
            # "Tactical switch! Rename the bank call to ...", "Wait, he's taking it back!
            # Undo that last one!": a sentence that is no command, then one that is (but a
            # question is asked of the chat: "who won the world cup in 1966? go on!"; a
            # sentence said over is a mishearing: "and focus. and focus."; and "it" after a
            # sentence naming a task or habit is that one: "rent ain't paid. bring that back")
            command = second if second is not None and not _runs_on(second, tail) else (
                None if nested else self._two_clauses(tail, vocab, nested=True))
            if command is not None and _stands_alone(command, tail, vocab):
                return command
        if first is None and second is not None and isinstance(second.slots.get("task"), str) \
                and not _NOT_TOLD_TO.match(said) and not _CLAUSE_END.search(tail):
            about = set(mentioned(said, vocab)) or set(mentioned(heard, vocab))
            if about and about <= set(mentioned(basic(second.slots["task"]), vocab)):
                return second  # "the milk I buy it already, mark the milk like complete"
        if first is None and second is not None and second.intent == "habit.log" and \
                vocab is not None and not _NOT_TOLD_TO.match(said) and \
                not _CLAUSE_END.search(tail) and not _tells(said, heard):
            # "hijo meditate gareko thiye, log meditate for yesterday": the habit told, then
            # the log that names it
            told = _habits_told(heard, vocab)
            one = fuzzy_pick(str(second.slots.get("habit") or ""), vocab.habits, vocab.habits)
            if told and one.item in told:
                return second
        if first is not None and first.intent == "habit.create" and not first.slots.get(
                "frequency") and _HOW_OFTEN.match(often := re.sub(
                    r" (?:when|before|after|while|once|because|since|if) .*$", "", asked)):
            # "track swimming for me, twice a week", "..., every evening when it's cooler"
            return self._parse_clause(f"{heard} {often}", vocab)
        if first is not None and second is not None and \
                (first.intent, second.intent) == ("focus.start", "focus.resume"):
            return first  # "start the timer on the bank call, let's go!": a cheer
        if first is not None and second is not None and (
                (first.intent == second.intent and (first.slots == second.slots
                                                    or heard.split()[:1] == asked.split()[:1]))
                or (first.intent in _REPORTS and second.intent in _REPORTS
                    and (_names_ours(asked, vocab) or _same_one(first, second, vocab)))):
            # the same command twice, started again after an interruption, or a report and
            # then the request that names it ("finished two chapters, count my reading"); a
            # count or a day told first stays ("drank 3 glasses already, log the water")
            carried = {"habit.log": ("count", "day"), "focus.start": ("task", "minutes")}
            for key in carried.get(second.intent, ()) if first.intent == second.intent or \
                    second.intent == "habit.log" else ():
                if first.slots.get(key) and not second.slots.get(key):  # ("focus on the
                    second.slots[key] = first.slots[key]  # report, 50 minutes ... start the
                    # timer": on the report)
            return second
        if logged is not None:  # ("downed 4 mugs of water, log it": the count told first)
            counted = re.search(rf"\b(\d+) (?:more )?{SERVING}\b", heard)  # (not "ten minutes")
            if counted and not logged.slots.get("count"):
                logged.slots["count"] = int(counted.group(1))
            if not logged.slots.get("day") and re.search(r"\b(?:yesterday|last night)\b", heard):
                logged.slots["day"] = "yesterday"
        return logged

    def _parse_clause(self, text: str, vocab: Vocabulary | None) -> Parse | None:
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
                if head == "check" and cmd == "check off":
                    continue  # "check my streak": a verb of its own, not "check off" misheard
                if cmd in ("finish", "complete") and re.fullmatch(cmd + r"(?:e?d|ing)", words[0]):
                    continue  # "finished the book": a report the rules turned down, not a
                    # misheard "finish" ("postponed ... to thursday" is still a move)
                if head != cmd.replace(" ", "") and score >= 72 and (
                        best is None or score > best[0]):
                    best = (score, cmd + " " + " ".join(words[k:]))
        if best is None:
            return None
        found = self._match(best[1], best[1], vocab)
        if found is None or found.intent in _NO_REPAIR_INTO:
            return None
        if found.intent == "habit.log" and vocab is not None and \
                _best(str(found.slots.get("habit") or ""), vocab.habits) < HABIT_MATCH:
            return None  # "long duty day tomorrow": a log only of a habit the user has
        return found

    def _match(self, norm: str, text: str, vocab: Vocabulary | None) -> Parse | None:
        ctx = Context(norm, fix_journal_head(text.strip()), self.clock, vocab or Vocabulary())
        plain: str | None = None  # (the opening in plain spelling: "pa-add sa journal ko po:")
        for rule in self.rules:
            target = ctx.original if rule.intent == "journal.add" else norm
            m = rule.pattern.search(target)
            if m is None and rule.intent == "journal.add":
                plain = plain_head(ctx.original) if plain is None else plain
                m = rule.pattern.search(plain)
            if not m:
                continue
            parse = rule.build(m, ctx) if rule.build else Parse(rule.intent, {})
            if parse is not None and parse.intent in _REPORTS and _WHEN_DONE.match(norm):
                return None  # "once the report is done, ...": a condition, no report
            if parse is not None:
                parse.text = norm
                for key in ("title", "name"):  # the user's own words, as they wrote them
                    value = parse.slots.get(key)
                    if parse.intent in ("task.add", "habit.create", "task.edit") and \
                            isinstance(value, str):
                        parse.slots[key] = as_written(value, ctx.original)
                return parse
        return None


@functools.lru_cache(maxsize=8)
def _plain_names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(basic(n) for n in names)


def _runs_on(found: Parse, text: str, vocab: Vocabulary | None = None) -> bool:
    """Whether a free slot of ``found`` holds the first words of a later clause (not one
    that is a name of the user's whole: "bump water, the plants down to low priority" is
    Whisper's comma inside "water the plants")."""
    names = _plain_names(tuple(vocab.names)) if vocab is not None else frozenset()
    values = [(basic(v), k == "due") for k, v in found.slots.items()
              if k in (*_FREE_SLOTS, "due") and isinstance(v, str)  # a date runs on too
              and basic(clean_ref(v)) not in names]
    # ("add buy shin pads, due in 2 days, the old ones are in pieces")
    lead = True  # "add please, repair the bike, this weekend": only the command before it
    for cut in _CLAUSE_END.finditer(text.strip()):
        if cut.group().strip() == ":":
            continue  # "new habit: guitar practice": a colon leads into the slot it names
        if lead and len(normalize(text.strip()[: cut.start()]).split()) < 2:
            continue
        lead = False  # (the words before each later cut are more)
        # ("a new habit, call it walk the dog": the clause names the slot)
        rest = re.sub(rf"^{NAMING}\s+", "", text.strip()[cut.end():], flags=re.IGNORECASE)
        named = rest.split(":", 1)[1:]  # "..., low priority: fix the blinds": the slot itself
        if named and any(v.startswith(" ".join(basic(named[0]).split()[:2])) for v, _ in values):
            continue
        # as the grammar reads it and as said ("..., so that one is done": "so" is a filler)
        readings = (normalize(rest).split(), basic(rest).split())
        # "move calling mum to tomorrow, she's out tonight": the date took the rest
        starts = [" ".join(w[:1 if w[:1] and w[0] in _SUBJECTS else 2]) for w in readings]
        for v, date in values:
            if not all(starts) or any(v.startswith(start) for start in starts):
                continue  # a slot that starts there begins with that clause ("new habit -
                # walking the dog")
            # "..., every evening when it's cooler": a slot that took the clause's later
            # words, its first read as how often (a date is said after its word: "..., due
            # december 3", "..., before this weekend")
            later = [" ".join(w[i:i + 2]) for w in readings for i in range(1, 3)
                     if len(w) > i + 1 and not set(w[i:i + 2]) <= _PLAIN] if not date else []
            if any(_holds(v, words) for words in (*starts, *later)) or any(
                    w and v.endswith(" " + w[0]) for w in readings):  # "..., whatever, ..."
                return True
    return False


def _stands_alone(command: Parse, said: str, vocab: Vocabulary | None) -> bool:
    """Whether a command said after a sentence of its own is whole without it: the task it
    names is one of the user's ("pay rent. reopen. payment didn't clear" names none), and
    a sentence asked is a question ("do you ever just... pause, and notice the silence?")."""
    task = command.slots.get("task")
    if isinstance(task, str) and vocab is not None and _best(
            clean_ref(task), vocab.tasks) < TASK_MATCH:
        return False
    return not said.rstrip().endswith("?") or command.intent in _ASKED


def _resolves(found: Parse, vocab: Vocabulary | None) -> bool:
    """Whether the task a command names is clearly one of the user's."""
    tasks = vocab.tasks if vocab else []
    return fuzzy_pick(str(found.slots.get("task") or ""), tasks, tasks).item is not None


def _same_one(first: Parse, second: Parse, vocab: Vocabulary | None) -> bool:
    """Whether two reports name the same one of the user's habits or tasks ("I drank water
    glasses three, log 3 glasses of water")."""
    if vocab is None:
        return False
    for key, names in (("habit", vocab.habits), ("task", vocab.tasks)):
        said, again = first.slots.get(key), second.slots.get(key)
        if isinstance(said, str) and isinstance(again, str):
            one = fuzzy_pick(said, names, names).item
            return one is not None and one == fuzzy_pick(again, names, names).item
    return False


def _holds(value: str, words: str) -> bool:
    return re.search(rf"(?<!\S){re.escape(words)}(?!\S)", value) is not None


#: Words that start a clause of their own.
_SUBJECTS = frozenset(("i", "i'm", "i've", "she", "she's", "he", "he's", "we", "we're", "we've",
                       "they", "they're", "it's", "it", "that's"))
#: The thing a clause ends on: "... get the milk".
_OBJECT = re.compile(r"\b(?:the|my) (?P<np>[a-z']+(?: [a-z']+){0,2})$")


#: What "it" stands for after a clause about focusing, and the commands that take it.
_SESSION = "the session"
_ON_SESSION = ("focus.pause", "focus.resume", "focus.stop", "focus.status")
_FOCUS_WORDS = re.compile(r"\b(?:focus|focusing|focused|timer|session|pomodoro|concentrating|"
                          r"deep work|zone)\b")
#: Words of a task's title that do not name it: "call", "the".
_PLAIN = frozenset(("the", "a", "an", "my", "to", "for", "of", "on", "in", "at", "and", "with",
                    "up", "out", "off", "about", "from", "task"))


def mentioned(said: str, vocab: Vocabulary | None) -> list[str]:
    """The user's tasks that a clause names by a word of their own ("got off the phone with
    mom" names "call mom"; "the dentist can wait", "book dentist appointment"): any word of
    the title but its verb."""
    if vocab is None:
        return []
    words = set(_homophones(" ".join(re.findall(r"[a-z]+", said.replace("'s", "")))).split())
    words |= {w[:-1] for w in words if w.endswith("s")}
    return [title for title in vocab.tasks
            if any(w in words for w in _homophones(title.casefold()).split()[1:]
                   if w not in _PLAIN and len(w) > 2)]


def _open_named(said: str, vocab: Vocabulary | None) -> list[str]:
    """The user's open tasks a clause names by a word of their own (see ``mentioned``)."""
    return [t for t in mentioned(said, vocab) if vocab and t in vocab.open_tasks]


def _named(said: str, first: Parse | None, vocab: Vocabulary | None = None) -> list[str]:
    """What "it" can stand for after a clause (``said``, parsed as ``first``): the task its
    command named, the thing it is about, the whole clause when it is a short name ("buy
    milk, mark it done"), a task it names by a word, or the focus session it talks of."""
    out = []
    if first is not None:
        value = first.slots.get("task") or first.slots.get("title")
        if isinstance(value, str) and value:
            out.append(value)
    # a task whose verb the clause says comes first ("pleased to report the bank has been
    # called": "call the bank", not "write report")
    words = said.split()
    out += sorted((title for title in mentioned(said, vocab) if title not in out),
                  key=lambda title: not any(w.startswith(title.casefold().split()[0][:4])
                                            for w in words if len(w) > 3))
    tasks = vocab.tasks if vocab else []
    ref = clean_ref(said)
    near = _best(ref, tasks)  # (how near the clause is to any task)
    task_words = {w for title in tasks for w in title.casefold().split()} - _PLAIN
    out += [habit for habit in _habits_told(said, vocab) if habit not in out and (
        _best(ref, [habit]) >= near or (
            near < TASK_MATCH and not set(habit.casefold().split()) & task_words))]
    # ("plant watering", "les plantes, I watered them": a task, the habit's word is one of
    # its words; "I run this morning along the boardwalk": no task is near, the habit is)
    subject = _SUBJECT.match(said)
    if subject:
        out.append(subject.group("np").removesuffix("'s"))  # "the bank's shut"
    thing = _OBJECT.search(said)  # "I didn't actually get the milk, reopen that"
    if thing:
        out.append(thing.group("np"))
    if first is None and len(said.split()) <= 4:
        out.append(said)
    if _FOCUS_WORDS.search(said):
        out.append(_SESSION)
    return out


def _tells_of_ours(said: str, vocab: Vocabulary | None) -> bool:
    """Whether a clause names a task or a habit of the user's by a word of it ("rent ain't
    paid", "a brisk run swept through the park"): what a later "it" stands for."""
    return bool(mentioned(said, vocab) or _habits_told(said, vocab))


def _habits_told(said: str, vocab: Vocabulary | None) -> list[str]:
    """The user's habits a clause names by a word of their own, in any tense ("sat in the
    dark and meditated", "ran the streets last night")."""
    words = set(said.split())
    return [habit for habit in (vocab.habits if vocab else ()) if any(
        {w, w + "s", w + "ing", participle(w), w.removesuffix("e") + "ion", past_tense(w)}
        & words
        for w in habit.casefold().split() if w not in _PLAIN and w not in _HABIT_VERBS)]


#: Words of a habit's name that do not name it: "go for a run" is named by "run".
_HABIT_VERBS = frozenset(("go", "do", "drink", "have", "take", "get", "make"))


def _names_ours(text: str, vocab: Vocabulary | None, at: float = 60) -> bool:
    """Whether ``text`` names one of the user's tasks or habits: no remark then ("Press
    the water, the plants task." is a misheard command on "water the plants")."""
    names = vocab.names if vocab else []
    return _best(clean_ref(text), names) >= at


def _tells(said: str, heard: str) -> bool:
    """Whether a clause tells of something, as said or as repaired (``heard``: "it's not
    the timer" reads "stop the timer")."""
    if re.search(r"\byou can (?:delete|remove|bin|drop|tick off|cross off)$", said) or \
            re.match(TOPIC_FIRST, said) or re.match(TOPIC_FIRST, plain_spellings(said)):
        return False  # "the plants task you can delete", "the bank call, shift it to ...":
        # the thing first, then the command
    return bool(_ABOUT.match(said) or _ABOUT.match(heard))


def _priority_only(remark: str) -> bool:
    """Whether a clause says only a priority: "low priority, but add ..."."""
    value, rest = extract_priority(" " + basic(remark))
    return value is not None and len(rest.split()) <= 2


P = TypeVar("P", Parse, Parse | None)


def _with_priority(found: P, remark: str, *, asked: bool = False) -> P:
    """A task's priority from a remark that says only that ("this is urgent", "it's low
    priority"); any other remark leaves the command as it is. A request about the task
    (``asked``: "..., add it and make it high priority") gives any priority it says."""
    if found is not None and found.intent == "task.add" and not found.slots.get("priority"):
        value, rest = extract_priority(" " + plain_spellings(basic(remark)))
        rest = re.sub(r"\s+(?:so|and|but)$", "", rest)  # "not urgent so low priority"
        rest = re.sub(r"^\s*(?:it|this|that)(?: one| task)?(?:'s| is)?\b", "", rest)  # "this
        # one is high priority"
        if value and (asked or len(rest.split()) <= 2 or re.fullmatch(_PRIORITY_REMARK, rest)):
            found.slots["priority"] = value
    return found


def suggest(text: str) -> str | None:
    """The closest command wording, for replies from models that may not run tools."""
    from rapidfuzz import process

    norm = normalize(text)
    best = process.extractOne(norm, list(EXAMPLES.values()), scorer=fuzz.token_set_ratio)
    if best is None or best[1] < 55:
        return None
    return str(best[0])
