"""Make typed and transcribed text look alike before matching.

Whisper on short commands capitalises, punctuates, writes "5 p.m." or "five",
and mishears the first word ("at a task" for "add a task"). Fixing those here
keeps the grammar's templates simple and the same for typing and speaking.
"""

from __future__ import annotations

import re

from nargis_desktop.brain.dialect import drop_sign_off, past_tense, plain_spellings
from nargis_desktop.core.dates import WEEKDAYS, plain_day_words
from nargis_desktop.core.numbers import words_to_digits

#: A day of the week, for the patterns that must see a date follow.
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"

#: Mishearings of a leading command word, checked at the start of the text only.
#: The thing first, then the command on it: "the bank one make it high priority".
TOPIC_FIRST = (r"^(?:and )?((?:the|that|my) [a-z]+(?: (?!(?:gotta|got|has|is|was|needs|can|must|"
               r"should|will|ain't|are|were)\b)(?![a-z]+ed\b)[a-z]+){0,2}?"
               r"(?: one| thing| task| 1)?) "
               r"(?:let's |please |can you |could you |you can )?(make|mark|move|push|shift|bump|"
               r"delete|remove|tick off|change|reschedule|postpone) (?:it|that)\b(?! (?:on|by)\b)")
_LEADING_FIXES: tuple[tuple[str, str], ...] = (
    # a learner's word order: "I want new task: ...", "when I must call the bank"
    (r"^i (?:want|need)(?: to (?:make|create|add))? (?:a |one )?new (task|habit)\b", r"new \1"),
    (r"^(?:task (.+?)|(?:the )?(.+?) task),? (?:please )?change (?:the |its )?name to (.+)$",
     r"change name of \1\2 to \3"),
    (r"^(?:task (.+?)|(?:the )?(.+?) task),? (?:please )?change (?:the |its )?(?:due )?date "
     r"to (.+)$", r"move \1\2 to \3"),
    (r"^(when|what time|what day|which day) i (must|should) ", r"\1 \2 i "),
    (r"^(?:[a-z]+ )?you task\b", "new task"),  # "Ebo, you task, ...": "new task" misheard
    # "milk, please change day, in 2 days", "bank call, please change to next monday"
    (r"^(?:the )?([a-z]+(?: (?!please\b)[a-z]+)?) (?:please )?change (?:the |its )?(?:due )?"
     rf"(?:date )?(?:to )?(?=(?:in|for|next|this|tomorrow|on|{WEEKDAY})\b)", r"move \1 to "),
    # "the milk, I buy it tomorrow, please change the date to tomorrow": of the task told
    (r"^(?:let's |lets )?(?:change|slide|shift|push|move|set) (?:the|its) (?:due date|date|due|"
     r"deadline) to (?=\S)", "move it to "),
    # "move it, in 3 days": the date said without "to"
    (r"^((?:move|push|shift|postpone|reschedule|bump|delay)(?: (?!to\b)[a-z']+)+?) "
     r"(in (?:\d+|a|an) (?:day|week|month)s?)$", r"\1 to \2"),
    (TOPIC_FIRST, r"\2 \1"),
    (r"^(?:at|ad|and|had|odd|i'd|edit|hat|at the|and the|add the) (a )?(new )?tasks?\b",
     r"add a \2task"),
    (r"^(?:at|ad|and|had|odd|hat) (?=(?:a |an )?(?:reminder|todo|to do)\b)", "add "),
    (r"^(?:at|ad|and|had) (?=.+ (?:to|on) (?:my|the) (?:shopping )?(?:list|tasks?|to do list|"
     r"todo list)\b)",
     "add "),
    (r"^(?:a|add|at) new task\b", "add a task"),
    # "but call the insurance on my list for Monday": "put", only before a title and a list
    (r"^(?:but|foot|pup|huck|club|click|puck|putt|seck|sick|stik) "
     r"(?!(?:why|what|how|who|when|where|is|it|"
     r"that|this|there|nothing|i|you|we|"
     r"they|he|she|not|no|my|now|then|also|still|just)\b)(?=.+ on (?:my|the) (?:shopping )?"
     r"(?:list|to do list|todo list|tasks?)(?: for [a-z0-9: ]+)?$)", "put "),
    (r"^let us\b", "let's"),  # Whisper writes the contraction out ("let us continue")
    (r"^in (?=anything\b)", "is "),
    (r"^(?:note|knew|nu|lu) ?task\b", "new task"),  # "lutask, ..."
    # one garbled word before "add a task" ("plane add a task"): a lost filler
    (r"^(?!(?:don't|dont|never|not|no)\b)[a-z']+ (?=add (?:a |an )?(?:new )?task\b)", ""),
    (r"^(?:i|a|eye) (?=(?:a )?(?:new )?task(?: to\b|:))", "add a "),
    (r"^added (?=(?:a |an )?(?:new )?task\b)", "add "),
    # "did I meditate today" heard as "Id am meditate today": "I'd am" is no English
    (r"^(?:id|i'd) am (?=\S)", "did i "),
    # "kick off a focus session" heard "hick off ..."
    (r"^(?:hick|kik|nick) off (?=(?:a |the |my )?(?:focus|pomodoro|timer|session)\b)", "kick off "),
    # a past tense no one says to an assistant first: "carried on with the timer"
    (r"^carried on\b", "carry on"),
    # "block out an hour for focus" heard as "log out ..."
    (r"^log out (?=.*\b(?:focus|deep work)\b)", "block out "),
    (r"^add a a\b", "add a"),
    (r"^now (?=keep it$|leave it$)", "no "),  # "no, keep it": the comma is lost
    (r"^(?:amar|ammar)(?= \S)", "unmark"),  # "unmark pay rent"
    # "how's my meditation streak" heard "As my meditation streak."
    (r"^(?:as|has|is) my (?=[a-z ]+ streak$)", "how's my "),
    (r"^delayed (?=(?:it|that|this)$)", "delete "),  # "..., delete it" heard "delayed it"
    (r"^it rid of\b", "get rid of"),
    # "got my run in": did it
    (r"^(?:i )?got my ([a-z]+(?: [a-z]+)?) in$", r"i did my \1"),
    # "I need that back on my list as not done": put it back
    (r"^i (?:need|want) (.+) back on (?:my|the) list(?: as (?:not done|undone|open|unfinished))?$",
     r"put \1 back on my list"),
    (r"^want (?=(?:running|jogging|swimming|walking|for a (?:run|walk|swim|jog))\b)", "went "),
    # "change X to saturday" heard "chained X to saturday" (never a report: a date follows)
    (rf"^(?:chained|chain|chains) (?=.+ to (?:today|tomorrow|{WEEKDAY}|next \w+)$)", "change "),
    # "mark that done" heard "mark net done"
    (r"^(mark|tick|check|cross) (?:net|nat|dat|mat)(?= (?:done|off|as done|complete)$)",
     r"\1 that"),
    (r"^help you (?=(?:build|make|start|create|form|track|set up)\b)", "help me "),
    # "move the report to monday" heard "new the report to monday"
    (rf"^(?:new|knew|with) (?=(?:the|my) .+ (?:to|until|till) (?:today|tomorrow|tonight|{WEEKDAY}|"
     r"next \w+)\b)", "move "),
    # "add prepare slides for thursday" heard "and prepare ...": a line that starts with
    # "and" and ends on a date, a priority or a tag is an add
    (r"^(?:and|ab) (?!(?:why|what|how|who|when|where|is|it|that|this|there|then|i|you|we|they|he|"
     r"she|my|the|a|an|so|also|now|not|no|yes|if|but|do|did|does|can|could|would|will|are|"
     r"was|let's|lets|note|jot|write|log|mark|start|stop|move|delete|remind|put|add|to|in|on|"
     r"at|for|with|your|our|from|"
     # Hindi question words: "ab kya karun" is "now what do I do"
     r"kya|kaun|kaunsa|kitna|kitne|kab|kahan|kyun|kaise)\b)"
     rf"(?=\S+ .+(?: (?:(?:for|by|on|due|before) )?(?:today|tonight|tomorrow|{WEEKDAY}|"
     r"next \w+|this \w+)\b.*| "
     r"(?:high|low) priority| tag(?:ged)? (?:it |as )?\w+)$)", "add "),
    # ("block out an hour for focus", "look at my tasks": the real verbs stay)
    (r"^(?:lock|look|locked|logged|block|lot|wad|wag|lug|logue) (?!(?:out|off|at|for|some|"
     r"time|me)\b)(?=\S)", "log "),
    # "grace the task X": "erase" misheard, only where "the task" leaves one reading (the
    # delete still asks for confirmation)
    (r"^(?:grace|race|a race|praise|erased) (?=the task\b)", "erase "),
    (r"^(?:and do|undue|on do|undo do|and due|under) that\b", "undo that"),
    # "undo" alone is heard as two words ("and do"): only when nothing follows but what
    # undo takes, so "and do the dishes" stays as it is
    # ("and you" is left alone: it is also something people say back to an assistant)
    (r"^(?:and do|on do|an do|in do|undue|and due)(?= the last (?:thing|one|action)$|$)", "undo"),
    (r"^(?:market|mike|marc|mart|marked) (?!(?:is |as |has )?(?:not )?(?:done|complete|completed|"
     r"finished|off|open|undone)\b)(?=\S)", "mark "),
    (r"^(?:journal entry|journal|general|journal note)\s*[:,-]?\s*", "journal: "),
    (r"^(?:stat|star|starts|started) (?=(?:a |the )?(?:focus|pomodoro|timer)\b)", "start "),
    (r"^(?:paws|pours|pores|post|pond|pose) (?=(?:the |my )?(?:focus|timer|time|session|"
     r"pomodoro)\b|$)", "pause "),
    # one-word commands Whisper turns into other words on short clips
    (r"^(?:boys|pose|pas|paws|pours|pores)$", "pause"),
    (r"^(?:resin|resend|raisin|reason|rhythm|resumed|resumes|present)"
     r"(?= (?:the |my )?(?:focus|timer|session)|$)", "resume"),
    (r"^(?:canso|canzo|cancer|council|counsel|cancel it)$", "cancel"),
    (r"^(?:never mine|never mined|nevermind|never my)$", "never mind"),
    (r"^star$", "stop"),
    (r"^(?:shot|share|shirt) up$", "shut up"),
    # "brief me" alone heard as a word that sounds like it: nobody asks to be braced
    (r"^(?:brace|breathe|breeze|brie) me$", "brief me"),
    (r"^start talking$", "stop talking"),  # nobody asks an assistant to start talking
    (r"^(?:in|and|an) (?=(?:the|my|this) (?:focus |work )?(?:session|timer|station)$)", "end "),
    (r"^(?:the lead|deleat|delete the)\b", "delete"),
    # "the light call the bank until next tuesday": "delay", only before "until" + a date
    (rf"^(?:the light|delight|the late|delayed) (?=.+ (?:until|till) (?:tomorrow|next|"
     rf"{WEEKDAY})\b)", "delay "),
    (r"^(?:the leap|the leak|the lee|the lete) (?=.+ from (?:my|the) (?:list|tasks|to do list|"
     r"todo list)$)", "delete "),
    # "the leek by milk": "delete" before what can only be a title (a delete names one of
    # the user's tasks and always asks first; "the leak in the roof" names none)
    (r"^(?:the leak|the leek|the lee|the lete|delic) (?!(?:in|on|is|was|has|at|from|under|"
     r"of)\b)(?=\S+(?: \S+){0,3}$)", "delete "),
    # "bloodwater": "log water" run together
    (r"^(?:blood|flood|love|lug) ?(?=water\b)", "log "),
    (r"^it's not (?=the (?:focus session|session|timer|pomodoro)$)", "stop "),
    # "I'm meditated today": "I" and a past tense that reports a habit or a task done
    (r"^i'm (?=(?:meditated|exercised|stretched|walked|jogged|practi[cs]ed|journaled|"
     r"journalled|called|paid|bought|finished|completed)\b)", "i "),
    (r"^(?:eating|eaming|evenin|evening) review$", "evening review"),
    (r"^dun\b", "done"),
    (r"^remind me (?:two|too)\b", "remind me to"),
    (r"^remind us\b", "remind me"),
    (r"^what's do\b", "what's due"),
    (r"^(?:and|an|on) pause$", "unpause"),
    (r"^i (?:finish|complete)\b", "i finished"),
    (r"^(?:pick|kicked|tick) off (?=(?:a |the )?(?:focus|timer|session))", "kick off "),
    (r"^(?:i knew|a do|and do|on do) (?:that|at|dat)$", "undo that"),
    (r"^take (that|it) (?:smack|black|pack|bag|bat)$", r"take \1 back"),
    (r"^(?:say|repeat) (?:nata|nat|dat|net|not|the) again$", "say that again"),
    (r"^(?:how made|how manny|harmony|how money|how mini)\b", "how many"),
    (r"^(?:post phone|post pone|post pun|postphone|post bone|postbound|post bound|postpound|"
     r"post pound|pusspone|puspone|pospone)\b", "postpone"),
    (r"^(?:arna|arnata|are a|arne|anna) (?=tasks?\b)", "add a "),
    (r"^(?:un|on|an) ?(?:checked|check) (?=\S)", "uncheck "),
    (r"^(?:then|than|tung|tongue|dun|gun) with (?=\S)", "done with "),
    (r"^(?:cho|chow|sho)\b", "show"),
    (r"^(?:choma|chomi|chummy|jummi|show ma)\b", "show me"),
    (r"^show(?=tasks?\b)", "show "),
    (r"^(?:let's|lets|less)(?: do)? (?=(?:everything|all (?:my )?tasks|my tasks)\b)", "list "),
    (r"^(?:house|hound|hows) (?=(?:the|my) )", "how's "),
    (r"^how on (?=(?:did|is|was|have|do) )", "how long "),
)
#: Words Whisper writes for a command word in the middle of a sentence, fixed only where
#: the surrounding words leave one reading ("what's my meditate street").
_INNER_FIXES: tuple[tuple[str, str], ...] = (
    (r"^((?:what|how|show|tell)\S* .*)\b(?:streets?|tricks?|trigs?|strikes?|stricks?|streaks)\b"
     r"(?=(?: for| on| of| going|$))", r"\1streak"),
    (r"\bover ?(?:do|due|dew|new|you)\b(?! it\b)", "overdue"),
    (r"\bdo i can\b", "do i have"),
    (r"\bfor ?cus+(?:e?d)?\b|\bfo cus+\b", "focus"),  # "for cuss" for "focus"
    # "due" heard as "do" where only a due date fits ("what is do this week")
    (r"\b(is|are|what's|anything|tasks?) (?:do|dew)(?= (?:today|tomorrow|tonight|this|next|soon|"
     r"on|by)\b|$)", r"\1 due"),
    (r"\btime lift\b", "time left"),
    # "left" heard as a word that sounds like it, where only "left" fits
    (r"^(how (?:long|much time) (?:is|do i have)|time|what habits? do i have) (?:life|lift|less|"
     r"lived)$", r"\1 left"),
    (r"\bam i got\b", "have i got"),  # "what am I got this week"
    (r"\bin complete\b", "incomplete"),  # "mark pay rent as in complete"
    (r"\bun (done|finished)\b", r"un\1"),
    (r"\b(isn't|is not|wasn't|was not) on yet$", r"\1 done yet"),
    (r"\bno ever mind$", "no never mind"),
    # "make call the bank do on Monday": "due" where only a due date fits
    (rf"^((?:make|set|have) .+) do (?=(?:on|by|for|today|tomorrow|tonight|next|this|{WEEKDAY})\b)",
     r"\1 due "),
    # "move buy milk the tomorrow": "to" heard as "the" before a bare day
    (r"^((?:move|push|postpone|reschedule|delay|bump|shift) .+)(?<! to)(?<! until)(?<! till)"
     rf"(?<! for) the (?=(?:today|tonight|tomorrow|{WEEKDAY}|weekend)$)", r"\1 to "),
    # "track flossing and daily habit": "as a" heard as "and"
    (r"^((?:track|add|start|make) .+) (?:and|an|as an|is a|and a) ((?:daily |weekly |new )?habit)$",
     r"\1 as a \2"),
    (r"^((?:is )?anything|any tasks|what's|what is) over (?:2|two|to|too)$", r"\1 overdue"),
    # "list my turks": the last word of a list request heard as a word like "tasks"
    (r"^((?:list|show|read|what are)(?: me)?(?: all)? my) (?:turks|tusks|tax|tacks|tanks|tests|"
     r"taxes|desks|tasked|tasks's)$", r"\1 tasks"),
    # "mark pay rent as undone" heard "... as a done" (before the rule below reads "a done")
    (r"^(mark .+) as a done$", r"\1 as undone"),
    # "mark meditate a ton": "as done" at the end of a mark command
    (r"^(mark .+) (?:a ton|a tone|as don|a dawn|as dawn|a done|as dun|a stone|as stone|a stun)$",
     r"\1 as done"),
    # "pay rent is a done yet": "isn't" heard as "is a"
    (r"\b(is|was) a (done|finished|complete)(?= yet$| after all$|$)", r"\1n't \2"),
    # a number heard as a word that sounds like it, right before what it counts
    (r"\b(?:free|tree)\b(?= (?:glass(?:es)?|cups?|times|pages|bottles|laps|minutes)\b)", "three"),
    (r"\b(?:for|fore)\b(?= (?:glasses|cups|times|pages|bottles|laps)\b)", "four"),
    (r"\b(?:to|too)\b(?= (?:glasses|cups|times|pages|bottles|laps)\b)", "two"),
    (r"\bate\b(?= (?:glasses|cups|times|pages|bottles|laps)\b)", "eight"),
    # "undo map", "repeat not": the "that" of a short command misheard
    (r"^(undo|repeat|scratch|cancel) (?:not|net|map|nat|mat|dat|there|than|then|back|bat|"
     r"mode|dad|fat)$", r"\1 that"),
    # Whisper writes "my" for "buy" after "add a task to" (a title never starts "my eggs")
    (r"^(add (?:a |an )?(?:new )?task to) my (?!(?:list|tasks|to dos|calendar|agenda|schedule|"
     r"day|week|plan)\b)", r"\1 buy "),
    (r"\bon my (?:loss|lease|lists|least|less)$", "on my list"),
    (r"\b((?:focus|work) )station\b", r"\1session"),
    (r"^((?:pause|stop|end|resume|start|reset|cancel) (?:the|my) )time$", r"\1timer"),
    (r"^put me down for (?=(?:\d+|a|an|another) )", "log "),  # "put me down for 4 glasses"
    (r"^fire up (?=(?:the |a |my )?(?:\d+ minutes? )?(?:focus|timer|pomodoro|session)\b)",
     "start "),
    (r"\bhave i done (?:the |my )(?=[a-z]+ing\b)", "have i done "),  # "... done the meditatin'"
    # "write it in my habit for run": kept as that habit's log
    (r"\b(?:write|put|note|record|save) (?:it|that) (?:in|into|on|to) my habits? (?:for |of )?"
     r"(?=[a-z]+$)", "log "),
    # "stick a 30 minute focus timer on", "focus timer on the report, let's go"
    (r"^(?:stick|put|pop|throw|chuck|set|whack|slap)(?: me)? (?:a|an|the|my) ((?:\d+ minutes? )?"
     r"(?:focus |pomodoro |study |work )?(?:timer|session|pomodoro)) on\b(?! (?:hold|pause|ice)\b)",
     r"start a \1"),
    (r"^(?:a )?(focus (?:timer|session|time)) on (?=(?:the|my|that|this) )", r"start a \1 on "),
    (r"(\d+ minutes) (?:go|let's go|go go go|let's get (?:her|it) done)$", r"\1"),
    (r"\bmorning (?:breathing|breeding|briefly)\b", "morning briefing"),
    # "pomodoro" is a word Whisper base hardly knows: "start up a motor", "start at the motor"
    (r"^(start(?: up| off)?|set(?: up)?) (?:a|at|at the|at a|the|up a|off the|off a) (?:motor|"
     r"motoro|motorrow|promoter row|promoter|pomotor roll|pomotor|"
     r"modoro|pomodor|motor role|motor roll|motor rolls|motor road)$", r"\1 a pomodoro"),
    # "hold the pomodoro a minute" heard "hold the promoter a minute"
    (r"^((?:start|hold|pause|stop|end|resume|kick off|set up|cancel|finish)(?: up| off)? "
     r"(?:the|a|my)) (?:promoter row|pomotor roll|promoter|pomotor|motorrow|motor role)\b",
     r"\1 pomodoro"),
    # "undo the last thing" heard as "and do the last thing"
    (r"\band do (?=(?:the |my )?last (?:thing|one|action|change|step)\b)", "undo "),
    # "give me a count of": Whisper writes "account"
    (r"\b(give me|get me|what's|what is|tell me) account of\b", r"\1 a count of"),
    (r"\bon my gender\b", "on my agenda"),
    (r"\b(to|i'll|will|gotta|must) (?:by|bye)\b", r"\1 buy"),
    (r"\bas (?:him|in|an|on|un) done$|\bas (?:a nun|a none|anon)$", "as undone"),
    # "what's due this week" heard "what's to this week"; "how does my day look" heard
    # "how is my day look"
    (r"^what's to (?=(?:today|tomorrow|this week|next week)$)", "what's due "),
    (r"^how is my day look\b", "how does my day look"),
    # "tagged work" heard as "that work" / "stag work" right after "tasks"
    (r"^((?:show|list|read)(?: me)?(?: my| the| all)? tasks?) (?:that|stag|tag|tact) (?=[a-z]+$)",
     r"\1 tagged "),
    # "mark it complete" run together: "market complete", "market is open again"
    (r"\bmarket (?=(?:done|complete|completed|finished|finish|off)\b)", "mark it "),
    # "pause it" run together: "Posit, posit, clients calling", "Posit radio call."
    (r"^posit\b(?:,? posit\b)?", "pause it"),
    (r"\bmarket (?:is|as|has) (?=(?:done|complete|completed|finished|open|undone|not done|"
     r"incomplete|unfinished)\b)", "mark it as "),
    # "back to to-do" heard as "back to the dude"
    (r"\bback to (?:the|a) (?:dude|do|doo|dew|due)$", "back to to do"),
    # "I went running the yesterday": no one says "the yesterday"
    (r"\bthe (?=yesterday\b)", ""),
    # "you can tick that off" heard "... take that off" ("take X off my list" stays)
    (r"^((?:you can |so you can )?)take (that|it|this|them|'em) off$", r"\1tick \2 off"),
    (r"^take off (?=the .+ (?:thing|task|one)$)", "tick off "),  # "take off the dentist thing"
    (r"^take off (?=.+ for (?:today|the day)$)", "tick off "),
    # "the rest of my week" heard "... my weak": no one's weak is a span of days
    (r"\b(my|this|next|last|the|a) weak\b", r"\1 week"),
)
#: Phrases of the STT's domain prompt (voice.stt.DOMAIN_PROMPT) that Whisper writes back on
#: a short or unclear clip ("add a task, log a habit, start focus, log a habit"). Only the
#: two nobody says as a piece of another command ("ok, add a task, ..." is real).
_ECHO = frozenset(("log a habit", "start focus"))
#: What may come before a command that is said, not echoed ("nargis, start focus").
_ADDRESS = frozenset(("nargis", "hey nargis", "ok nargis", "okay nargis", "hi nargis", "ok", "okay",
                      "hey", "um", "uh", "so", "right", "please", ""))
#: Openings that wrap a command in a wish or a question ("I'd like to ...", "can we ...").
_WISH = (r"(?:i (?:want|would like|should like|wanna) to|i want|i'd like to|i'd love to|"
         r"let me|let's|lets|"
         r"can we|could we|can i|could i|may i|would you mind|do you mind|"
         r"i'd like you to|i want you to|i need you to|would it be possible to|is it possible to|"
         r"help me|could you possibly)")
#: How a command is to be done, which says nothing of it ("just pause it", "let's gently add").
_MANNER = r"(?:just|gently|softly|calmly|slowly|mindfully)"
#: Command verbs after which a wish opening (``_WISH``) is only politeness.
_WISH_VERBS = (r"(?:add|create|log|record|mark|move|reschedule|postpone|push|shift|bump|delay|"
               r"start|stop|pause|wrap up|wrap|"
               r"delete|remove|erase|get rid of|"
               r"resume|unpause|check|tick|cross|show|list|set up|undo|reopen|uncheck|"
               r"begin|end|journal|note down|jot down|write down|put|build|form|establish|"
               r"write in my (?:diary|journal)|"
               r"make a (?:new )?"
               r"(?:task|habit|journal|note|to do|reminder))")
_FILLERS = re.compile(r"^(?:(?:ok(?:ay)?|hey|hi|um+|uh+|er+m?|so|well|please|nargis|hey nargis|"
                      r"yo|abeg|oya|ey|bro|dude|mate|ugh+|pray|(?:i )?beg your pardon|ajde|hajde|"
                      # "listen, add me a task: ..." (not "listen to the podcast")
                      r"listen(?=[\s,]+(?:add|put|remind|delete|remove|move|start|stop|pause|"
                      r"log|mark|make|create|set|new|can|could|would|i need)\b)|"
                      # "maybe could you rename ...": a hedge before a request
                      r"maybe(?=[\s,]+(?:could|can|would|will) you\b)|"
                      # radio words: "roger, pause the timer", "affirm, what's next"
                      r"roger that|roger(?! that$)|copy that|affirm(?:ative)?|wilco|"
                      # the assistant addressed as a machine: "Computer, reschedule ..."
                      r"computer|"
                      # openers that colour what follows: "ngl i need to ...", "forsooth, ..."
                      r"ngl|tbh|lowkey|honestly|ei|chale|deah|hark|forsooth|i prithee|prithee|"
                      r"sharp(?: sharp)?|"
                      # greetings and exclamations of other tongues: "mais cher, ...", "arre
                      # yaar, ...", "yalla, ..."
                      r"mais|cher|podnah|ay|allons|(?:oh )?mon dieu|ey up|endaxi|yalla|howay|ag|"
                      r"eh|wah|aiya|alamak|oho|glory be|hallelujah|lord|aye|"
                      r"arre|yaar|bhai|chalo|mai pen rai|on (?:second )?(?:reflection|thought)|"
                      r"alright|all right|can you|could you|would you|will you|oops|whoops|"
                      r"oh|ho|right|actually|hold on|hang on|wait|no wait|one sec(?:ond)?|sorry|"
                      # "let me see, what's next" (not "let me see my tasks")
                      r"(?:let me|let's) (?:see|think)(?= (?:what|what's|how|how's|which|is|are|"
                      r"do|did|have|has)\b)|"
                      r"i'm back|i am back|back to work|"
                      r"(?:(?:yeah|yes|yep|ok|okay|alright)[\s,]+)?go ahead and|"
                      # politeness that wraps any command
                      r"would you be so (?:kind|good) as to|be so (?:kind|good) as to|"
                      r"i (?:should|would|shall) be (?:most |very |much )?obliged if you "
                      r"(?:would|could)|if you don't mind|"
                      r"if you could|do me a favou?r and|be a dear and|kindly|"
                      r"i was wondering if you could|could you possibly|would you please|"
                      r"help me out|quick one|quickly|real quick|"
                      # "just pause it": only before a command verb ("just did my run" keeps it)
                      rf"{_MANNER}(?=[\s,]+(?:pause|stop|resume|start|log|add|mark|undo|cancel|end|"
                      r"unpause|continue|delete|remove|erase|move|push|postpone|tick|check|"
                      r"cross|show|list|note|put|set|track|create|freeze|hold|kill|skip|pick)\b)|"
                      # "yeah, I bought the milk": an answer word before a report of one's own
                      # ("and I meditated yesterday": a report joined to what came before)
                      r"(?:yes|yeah|yep|yup|and|also|plus)"
                      r"(?=[\s,]+i(?:'ve|'m| have| just| already)?\s)|"
                      # "yebo, new task, ...": a yes before asking for something new
                      r"(?:yes|yeah|yep|yup|ok|okay)(?=[\s,]+(?:new (?:task|habit)|(?:add|create) "
                      r"(?:a|an|one) |(?:put|jot|write) down )\b)|"
                      # "you can mark X as done": only before a command verb, so
                      # "you can do it" stays encouragement
                      r"you (?:can|may|could)(?=[\s,]+(?:mark|add|log|move|start|stop|pause|resume|"
                      r"put|tick|"
                      r"check|cross|reschedule|push|postpone|show|list|read|create|set|undo|"
                      r"close|delete|remove|drop|bin)\b)|"
                      # "I want to add a task ...", "can we pause the timer": a wish or a
                      # question wrapped round a command verb (never "read", "finish": "I want
                      # to read more" and "I'd like to finish my novel" are conversation)
                      rf"{_WISH}(?=[\s,]+(?:{_MANNER} )?{_WISH_VERBS}\b))"
                      r"[\s,]+)+(?=\S)")
_TRAILING_PLEASE = re.compile(r"(?:[\s,]+(?:please|thanks|thank you|for me|for now|now|right now|"
                              r"just now|"
                              r"real quick|if you can|if you could|actually|after all|finally|"
                              r"sorry|aye|then|make it happen|hop to it|make it so|chop chop|"
                              r"on the double|snap to it|that's an order|pronto|"
                              r"let's get (?:her|it|this) done|anyhow|anyway|slower|more slowly|"
                              r"louder|"
                              r"for (?:goodness|heaven|pete|god)'?s? sake|"
                              r"if you (?:would|could|'d) be so (?:good|kind)|if you please|"
                              r"if it's not too much trouble|if possible|"
                              r"if (?:that's|it's) (?:okay|ok|alright|all right|fine)|"
                              r"at last|cheers|if you don't mind|thank (?:god|goodness|heavens)|"
                              r"roger|over and out|"
                              # a sign-off word that names nothing ("..., low priority lol")
                              r"lol|lmao|haha|tbh|ngl|fr|fr fr|no cap|inshallah|you betcha|sawa|"
                              r"yaar|"
                              r"bro|bruh|fam|deah|chale|oo|eh|honestly|seriously|"
                              r"cher|reet|innit|namaste|khalas|bambi|na|"
                              r"instead|would ya|will ya|would you|will you|won't you|will ye|"
                              r"if (?:you|he|ya) would|"
                              r"at some point|"
                              r"por favor|sha|abeg|"
                              r"sometime|some time|altogether|all together|entirely|completely|"
                              r"phew|yay|hooray|woohoo|"
                              # "I read yesterday, forgot to log it": the report is the line
                              r"(?:(?:but|and) )?(?:i )?(?:forgot|meant|wanted) to (?:log|mention|"
                              r"say|tell you|add)"
                              r" (?:it|that)(?: earlier)?))+$")
#: Quotation marks around a title ('clean the fridge') carry no meaning; apostrophes do.
_QUOTED = re.compile(r"(?<![\w'])'([^']+?)'(?![\w'])")


#: Misheard openings of a journal entry. Applied to the original text (the entry keeps
#: its own wording and case), before the journal templates look at it.
_JOURNAL_HEADS: tuple[tuple[str, str], ...] = (
    (r"^(?:dear dairy|deer diary|beard diary|here diary|there diary|their diary|dare diary|"
     r"fear diary|near diary|hear diary|where diary|deer dairy|gear diary)\b",
     "Dear diary"),
    (r"^(?:note to sell|note yourself|note to shelf|notice? ?ell|no to self)\b", "Note to self"),
    # "show my work tasks" heard as "Journal my work tasks." (the word Whisper is prompted
    # with): nobody dictates an entry that is only a list's name
    (r"^journal (my|the)(?= (?:[\w']+ )?(?:tasks|habits|to do list|to-do list|list)\W*$)",
     r"show \1"),
    (r"^(\w+ )unto (?=my (?:journal|diary)\b)", r"\1to "),  # "add unto my journal: ..."
)


def fix_journal_head(text: str) -> str:
    """"Here diary, ..." -> "Dear diary, ...": only the opening words change."""
    for pattern, repl in _JOURNAL_HEADS:
        text = re.sub(pattern, repl, text, count=1, flags=re.IGNORECASE)
    return text


def basic(text: str) -> str:
    """Lower-case, unify apostrophes and am/pm, drop punctuation that carries no meaning."""
    t = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    t = t.replace("\u201d", '"').lower()
    t = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", t)
    t = re.sub(r"\b(\d{1,2})\s?([ap])m\b", r"\1 \2m", t)
    t = re.sub(r"(?<=\d)[.:](?=\d{2}\b)", ":", t)
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)  # "10,000 steps"
    t = re.sub(r"[\"!?;()\[\]{}…—–]", " ", t)  # (a dash between words is a comma)
    t = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", t)  # "at 9." keeps no full stop
    # "at 330", "1030 pm": Whisper drops the colon of a spoken clock time
    t = re.sub(r"\b(at|by|until|till|from) (1[0-2]|[1-9])([0-5]\d)\b", r"\1 \2:\3", t)
    t = re.sub(r"\b(1[0-2]|[1-9])([0-5]\d) ?([ap]m)\b", r"\1:\2 \3", t)
    t = re.sub(r"\b(\w+)-(\1)\b", "\\1\u2011\\2", t)  # "cou-cou" is one word, said so
    t = t.replace("-", " ") if not re.search(r"\d{4}-\d", t) else t
    t = t.replace("\u2011", "-")
    return re.sub(r"\s+", " ", t).strip()


def dedupe(text: str) -> str:
    """Drop what Whisper writes twice: a repeated sentence, or the start said again.

    "yes please. yes please." and "add a task, clean the fridge. at a task," both
    mean the first sentence; a later sentence is dropped when it reads like the
    beginning of the first one (a fuzzy prefix, as the repeat is often misheard), or
    is its start cut off ("scratch that. Scratch that. Scr").
    """
    from rapidfuzz import fuzz

    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p.strip()]
    if len(parts) < 2:
        return text
    first = basic(parts[0])
    keep = [parts[0]]
    for part in parts[1:]:
        b = basic(part)
        if b == first or first.startswith(b) or (len(b) >= 3 and fuzz.ratio(b, first) >= 75) or (
                8 <= len(b) <= len(first) and max(
                    fuzz.ratio(b, first[:k]) for k in range(len(b) - 2, len(b) + 3)) >= 80):
            continue
        keep.append(part)
    return " ".join(keep)


def drop_echo(text: str) -> str:
    """Remove the domain prompt written back after what was said (see ``_ECHO``).

    Cut at the first piece after a comma or full stop that is exactly a prompt phrase:
    nobody ends a command with ", log a habit, start focus", and what follows the echo
    is more of it ("..., log a habit, start").
    """
    parts = re.split(r"\s*(?:(?<!\d)[,.;]|[,.;](?!\d))\s*", text.strip())
    for i, part in enumerate(parts[1:], 1):
        if all(basic(p) in _ADDRESS for p in parts[:i]):
            continue  # "nargis, start focus": only a name before it, so it was said
        if basic(part) in _ECHO:  # what follows an echo is more of it
            return ", ".join(p for p in parts[:i] if p)
    return text


def collapse_repeats(text: str) -> str:
    """Whisper loops on short audio ("stop stop stop", "20 20 20"): keep one of each run."""
    return re.sub(r"\b((?:\S+ ){0,2}\S+)(?: \1\b)+", r"\1", text)


_HOURS = {w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven",
                                       "eight", "nine", "ten", "eleven", "twelve"), 1)}
_HOUR = r"(1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AT = r"(?:at|by|until|till|around|before|after|from|for)"


def _clock_words(t: str) -> str:
    """British clock times: "at half five" -> "at 5:30", "quarter to 7" -> "6:45".

    "half past N" / "quarter past|to N" always name a time; the bare British "half N"
    only after a word that introduces a time ("at", "by", "until"...).
    """
    def hour(word: str) -> int:
        return _HOURS.get(word) or int(word)

    t = re.sub(rf"\bhalf past {_HOUR}\b(?!:)", lambda m: f"{hour(m.group(1))}:30", t)
    t = re.sub(rf"\b({_AT}) half {_HOUR}\b(?!:)", lambda m: f"{m.group(1)} {hour(m.group(2))}:30",
               t)
    t = re.sub(rf"\b(?:a )?quarter past {_HOUR}\b(?!:)", lambda m: f"{hour(m.group(1))}:15", t)
    return re.sub(rf"\b(?:a )?quarter to {_HOUR}\b(?!:)",
                  lambda m: f"{(hour(m.group(1)) + 10) % 12 + 1}:45", t)


#: Past tenses Whisper loses the "-ed" of ("I finally book the dentist", "the plants are
#: water"): verbs of the everyday tasks and habits a report is about.
_PAST = {verb: past_tense(verb) for verb in (
    "book", "finish", "ring", "call", "go", "water", "buy", "pay", "drink", "sort", "send",
    "email", "clean", "fix", "pick", "complete", "meditate", "walk", "submit", "grab", "post",
    "text", "phone", "wash", "cook", "stretch", "renew", "order", "return", "tidy", "get",
    "write", "make", "do")}
#: The participles of those a thing "is": "the report is written".
_PARTICIPLE = {**_PAST, "drink": "drunk", "ring": "rung", "write": "written", "do": "done"}
_PAST_VERB = "|".join(_PAST)
#: What makes a line a plan rather than a report: "just call mom tomorrow".
_LATER = re.compile(rf"\b(?:tomorrow|tonight|later|next|soon|at \d|by \d|on {WEEKDAY})\b")


#: The verb a thing to do starts with, after a request that names no task ("note it down,
#: collect the clothes", "and another, mend the wall").
_TODO_VERB = (r"(?=(?:buy|call|collect|pick up|book|pay|send|email|renew|fix|clean|get|return|"
              r"order|finish|submit|sort|cancel|ring|phone|text|drop off|bring|fetch|wash|repair|"
              r"mend|check|clear|feed|cut|paint)\b)")


#: A question asked inside a request or a remark: "could you tell me whether ...", "I
#: can't remember if ...", "I'd like to know when ...".
_ASKED_INSIDE = re.compile(
    r"^(?:.+? (?:and|but|so|because|cause|cos) )?"
    r"(?:(?:(?:could|would|can|will) you (?:kindly |please |just )?|please |kindly )?"
    r"(?:(?:be )?(?:so )?(?:good|kind) enough to )?(?:tell me|confirm(?: for me)?|"
    r"check(?: for me)?|let me know|find out|see)(?: for me)?|"
    r"i(?: should| would|'d)? (?:like|want|wish|need) to know|"
    r"i (?:genuinely |really |honestly |just |actually |simply )?(?:can't|cannot|don't|do not) "
    r"(?:remember|recall|recollect|know)|i'm not sure|i am not sure|i'm wondering|i wonder|"
    r"may i ask|i forget|i forgot|do you know|i(?:'ve| have) (?:no|nae) idea) "
    r"(?P<w>if|whether|that|when) (?P<rest>.+)$")
#: Past tenses that say a task was done ("if I phoned my mom"): asked as "did I ...".
_DONE_PAST = (r"(?:[a-z]+ed|paid|rang|rung|bought|sent|wrote|did|got|took|made|went|ran|read|"
              r"drank|ate|sold|told|spoke|gave|put|left|met)")


def _direct_question(t: str) -> str:
    """"tell me whether I have called mom" is "have I called mom", "I can't remember if
    the rent is paid" is "is the rent paid": the question itself, which the rules read."""
    m = _ASKED_INSIDE.match(t)
    if not m or re.search(r"\b(?:it|that|them|this)\b(?!'s| is| was)", m.group("rest")):
        return t  # "I went for a run and can't remember if I logged it": "it" is said before
    rest, when = m.group("rest"), m.group("w") == "when"
    if when and re.match(r"(?:is|was|are|were|do|does|did|will|should|must|has|have) ", rest):
        return f"when {rest}"  # "tell me, when is the call to my mother due": asked as it is
    if when:
        asked = re.sub(r"^(?P<s>(?!i\b).+?) (?P<a>is|was|are) (?P<p>.+)$", r"\g<a> \g<s> \g<p>",
                       rest)
        asked = re.sub(r"^i (have to|need to|must|should) ", r"do i \1 ", asked)
        asked = re.sub(r"^i did ", "did i ", asked)
        return f"when {asked}" if asked != rest else t
    if m.group("w") == "that" and not m.group(0).startswith(("confirm", "could", "would", "can",
                                                             "will", "please", "kindly")):
        return t  # "I forgot that the bank is shut": a remark, not a question
    asked = re.sub(r"^i (have|had|did|do) ", r"\1 i ", rest)
    if asked == rest:
        asked = re.sub(rf"^i (?={_DONE_PAST}\b)", "did i ", rest)
    if asked == rest:
        asked = re.sub(r"^(?P<s>(?!i\b|it\b|there\b).+?) (?P<a>is|has|was|have) (?P<p>.+)$",
                       r"\g<a> \g<s> \g<p>", rest)
    if asked == rest:  # "whether the plants got watered"
        asked = re.sub(r"^(?P<s>(?!i\b|it\b|there\b).+?) got (?P<p>.+)$", r"did \g<s> get \g<p>",
                       rest)
    if asked == rest:  # "if the mom call actually happened"
        asked = re.sub(r"^(?P<s>(?!i\b|it\b|there\b).+?) (?:actually |really |already )?"
                       r"(?:happened|went through|went ahead|got done)(?P<p>.*)$",
                       r"did \g<s> happen\g<p>", rest)
    return asked if asked != rest else t


def _lost_past(t: str) -> str:
    """A report whose past tense Whisper wrote as the base form, put back in the past.

    Only where the base form cannot be what was meant: after "just", "finally" or
    "already" ("finally ring the bank"), before "just now" or "so far" ("water the
    plants just now"), after "is"/"are" at the end ("the plants are water"), or "I" and
    a short object ("I book the dentist"); never before a plan's date.
    """
    if _LATER.search(t):
        return t
    m = re.match(rf"^(?:i )?(?:just|finally|already) ({_PAST_VERB})\b(?! rid\b)", t)
    if m is None:
        m = re.match(rf"^(?:i )?({_PAST_VERB})\b(?=.+ (?:just now|so far|earlier|earlier today|"
                     r"a (?:minute|moment|few minutes|while|bit) ago)$)", t)
    if m is None:  # "I make the call to my mother already": a learner's past, said so
        m = re.match(rf"^i ({_PAST_VERB})\b(?=.+ (?:already|this morning|last night|yesterday)$)",
                     t)
    if m is None:
        m = re.match(rf"^i ({_PAST_VERB})(?= (?:the|my) [a-z']+(?: [a-z']+)?$)", t)
    if m is None:
        m = re.match(r"^finish (?=(?:my|the) (?!.*\b(?:focus|session|timer|pomodoro|sprint|"
                     r"break)\b))", t)  # "finish my reading for the day"
        return "i finished " + t[m.end():] if m else _lost_participle(t)
    return f"i {_PAST[m.group(1)]}{t[m.end():]}"


def _lost_participle(t: str) -> str:
    """"the plants are water", "plants or water": a thing and what was done to it."""
    m = re.match(rf"^((?:the |my )?[a-z']+(?: [a-z']+){{0,2}} (?:is|are|was|were|have been|"
                 rf"has been)|"
                 rf"(?:the |my )?[a-z']+s or) ({'|'.join(_PARTICIPLE)})$", t)
    if m is None:
        return t
    return f"{m.group(1).removesuffix(' or')}{' are' if m.group(1).endswith(' or') else ''} " \
        f"{_PARTICIPLE[m.group(2)]}"


#: ``_LEADING_FIXES`` then ``_INNER_FIXES``, compiled once.
_FIXES = tuple((re.compile(p), r) for p, r in (*_LEADING_FIXES, *_INNER_FIXES))
#: Wordings of learners and of dialect read plainly, in order (compiled once: the normaliser
#: uses more patterns than ``re`` keeps compiled).
_WORDING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
    (r"^i should like\b", "i'd like"),  # "I should like to track ..."
    (r"^i must to\b", "i must"),  # a learner's "I must to renew ..."
    (r"\bno (done|paid|finished|complete|completed)\b", r"not \1"),  # Scots "no done"
    (r"\bmark (?:like|as) (done|finished|complete|completed)$", r"mark it as \1"),
    (r"\b(?:a )?(?:little|small|tiny|wee) habit\b", "a new habit"),
    (r"^(?:add|put|make|create) (?:one|1) new task\b", "add a new task"),
    (r"^i (?:need|want) (?:to )?make (?:a )?new task\b", "new task"),  # a learner's
    (r"\bonce and for all\b", ""),  # "finish this report once and for all"
    # "put one focus session", "hit the focus timer": started
    (r"^(?:(?:put|do) (?:one|1)|hit (?:the|a|my)) (?=(?:\d+ minutes? )?(?:focus|pomodoro)\b)",
     "start a "),
    # "... by the sea, write it for habit": logged
    (r"\b(?:write|put|note|record|save) (?:it|that) (?:for|in|as|to) (?:the |my )?habits?$",
     "log it"),
    # "a quiet 15 minute focus for me, just on the report": the task it is on
    (r"\bfor me (?:just )?(?=on (?:the|my)\b)", ""),
    # "ilisan nato ang due to friday": "the due" is its date
    (r"\bchange (the|its) due to\b", r"change \1 due date to"),
    # "order licks for the ewes, wants doing by saturday": when it is wanted done
    (rf"\b(?:it )?(?:wants|needs) (?:doing|done|sorting) (?=(?:by|for|on|before|today|tomorrow|"
     rf"tonight|next|this|{WEEKDAY})\b)", ""),
    # "please create me habit for this, ..."
    (r"\b(create|make|add|start|set up) me (new )?habit\b", r"\1 a \2habit"),
    (r"\b(create|make|add|start|set up) me task\b", r"\1 me a task"),
    (r"\bmark (it|that|this|them) (?:as )?finish$", r"mark \1 finished"),
    (r"\bmarket (?:as )?finish$", "mark it finished"),
    # "to thursday at 7 pm rather than today", "for saturday, not now": the day said, and
    # the day it is not
    (rf"\b((?:for|to|on|till|until|by) (?:{WEEKDAY}|tomorrow|next week|the weekend)"
     r"(?: at \d+(?::\d\d)?(?: ?[ap]m)?)?),? (?:rather than|instead of|not) "
     r"(?:today|now|tonight|this week)$", r"\1"),
    # "I'd like a new task: ...", as "I want a new task: ..."
    (r"^i(?:'d| would) like (?=(?:a |an |one )?new (?:task|to do)\b)", "i want "),
))


def normalize(text: str) -> str:
    """The text the grammar matches: ``basic`` plus filler removal, fixes and digits."""
    # "add wax my board to the list, like, for this weekend": a "like" set off by commas
    text = re.sub(r",\s*like\s*,", ",", text, flags=re.IGNORECASE)
    # "add a to-do for me, hey: book the braai spot": a word of address before the colon
    text = re.sub(r",\s*(?:hey|like|man|mate|bro|ja|yeah|love|dear|darling|pet|petal|hen|hon|"
                  r"honey|sweetheart)\s*:", ":", text, flags=re.IGNORECASE)
    # "add, eh, ...", "add a task, eh... call the plumber"
    text = re.sub(r",\s*(?:eh|er|erm|um|uh)\s*(?:,|\.{2,}|\u2026)", ",", text, flags=re.IGNORECASE)
    # "new one: get the Buick inspected", "put this high priority bhai - submit the form":
    # a task asked for before its title ("one" is no hour)
    text = re.sub(r"^\s*(?:a )?new one\s*:\s*(?=\w)", "add a task: ", text, flags=re.IGNORECASE)
    text = re.sub(r"^\s*(?:put|add|make) (?:this|it|one)(?: as)?(?: a)? (high|top|low) priority"
                  r"(?: one| task)?(?: (?:bhai|bro|mate|love|hey))?\s*[:\u2013\u2014-]\s*(?=\w)",
                  r"add a \1 priority task: ", text, flags=re.IGNORECASE)
    # "add a job, pick up timber", "new job by here: sort the gutters": a job set off by its
    # comma or colon is a task ("add a job application" stays a title)
    # "note it down, collect clothes from the shop": a thing to do said after it
    text = re.sub(rf"^\s*(?:note|jot|write|put|take) (?:it|this|that) down\s*[,:]\s*{_TODO_VERB}",
                  "add a task: ", text, flags=re.IGNORECASE)
    # "Behold, a new task materializes: ...", "Conjure up a task for me: ...", "put a new task
    # on the stack: ...": a task asked for in other words, its title after the colon
    text = re.sub(r"^\s*(?:behold,?\s*)?(?:a )?new task (?:materiali[sz]es|appears|arrives|emerges)"
                  r"\s*:\s*(?=\w)|^\s*(?:conjure|summon|whip|rustle)(?: up)? (?:a |one )?(?:new )?"
                  r"task(?: for me)?\s*[:,]\s*(?=\w)|"
                  r"^\s*(?:put|stick|pop|add) (?:a |one )?(?:new )?task "
                  r"(?:on|to|in|onto) (?:the |my )?[a-z]+(?: [a-z]+)?\s*:\s*(?=\w)|"
                  r"^\s*(?:i need |i want )?(?:a )?new task,? (?:it )?is (?:very |really |so )?"
                  r"(?:important|urgent)\s*:\s*(?=\w)", "add a task: ", text, flags=re.IGNORECASE)
    # "I want a new habit setting up, check the troughs": the setting up says no name
    text = re.sub(r"\bnew (habit|task) (?:setting up|set up|adding|creating|making)\s*,",
                  r"new \1,", text, flags=re.IGNORECASE)
    # "One more task: buy a present", "ho, one more task, book ...", "add one more, pay the
    # bill", "aye, and another, mend the wall": one more task, asked after a word or two
    text = re.sub(r"^\s*(?:[a-z]+\s*,\s*)?(?:and )?(?:(?:one|1) (?:more|new) (?:task|to ?do|thing "
                  r"to do)(?: [a-z]+)?\s*[,:]\s*(?=\w)|add (?:one|1) more(?: [a-z]+)?\s*,\s*(?=\w)|"
                  rf"another(?: one| task)?\s*,\s*{_TODO_VERB})",
                  "add a task: ", text, flags=re.IGNORECASE)
    # "ope, gotta add one, call the vet ...": one more, asked as a need
    text = re.sub(r"^\s*(?:[a-z]+\s*,\s*)?(?:i )?(?:gotta|need to|have to|got to) add (?:one|1|"
                  r"another)\s*,\s*(?=\w)", "add a task: ", text, flags=re.IGNORECASE)
    text = re.sub(r"^\s*(?:(?:aye|yes|yeah|right|ok|okay)[\s,]+)?"
                  r"(?:add|new|make|create|put down|stick on)(?: me)?(?: a| one| another)?"
                  r"(?: new)? (?:job|chore|errand)(?: for me)?(?: by here| here| there| on "
                  r"(?:the |my |t' ?)?(?:to ?do )?list)?"
                  # ("New job. Order sheep nuts.", not "new job. I start monday")
                  rf"(?:\s*[,:]|\s+[-\u2013\u2014]|\.\s*{_TODO_VERB})\s*(?=\w)", "add a task: ",
                  text, flags=re.IGNORECASE)
    t = plain_spellings(basic(fix_journal_head(drop_echo(dedupe(drop_sign_off(text.strip()))))))
    # "forget it, Nargis": the assistant's name said after a comma is an address, not a word
    t = re.sub(r"(?<=\S) (?:hey )?nargis$", "", t) if re.search(r",\s*(?:hey\s+)?nargis\W*$",
                                                                text, re.IGNORECASE) else t
    t = _QUOTED.sub(r"\1", t)
    # keep "journal:" style colons only right after the leading keyword
    t = collapse_repeats(t)
    # hesitations anywhere ("add a task, um, renew the domain"), and spoken contractions
    t = re.sub(r"(?:^|(?<=\s))(?:um+|uh+|uhm+|erm+|hmm+)(?=\s|$)", " ", t)
    t = re.sub(r"(?<=\s)how (?:do you |to )say(?: it)?(?=\s)", " ", t)  # "add, how to say... X"
    t = re.sub(r"\blemme\b", "let me", t)
    for wording, plain in _WORDING:
        t = wording.sub(plain, t)
    t = re.sub(r"\bim\b", "i'm", t)  # "im back": typed or transcribed without the apostrophe
    # contractions typed or transcribed without the apostrophe ("whats next", "didnt")
    t = re.sub(r"\b(what|that|there|who|where|how)s\b", r"\1's", t)
    t = re.sub(r"\b(do|did|is|was|has|have|does|are|were|could|should|would)nt\b", r"\1n't", t)
    # text-speak from a typed line ("can u add ...", "pls")
    t = re.sub(r"\bu\b", "you", t)
    t = re.sub(r"\bur\b", "your", t)
    t = re.sub(r"\b(?:pls|plz)\b", "please", t)
    t = re.sub(r"\bprio\b", "priority", t)  # "high prio"
    t = re.sub(r"\bhv\b", "have", t)
    t = re.sub(r"\b(me|need|have|want|got|going|forget|remember) 2 (?=[a-z]{2,})", r"\1 to ", t)
    t = re.sub(r"\bno later than\b", "by", t)  # "..., no later than next friday"
    t = re.sub(r"(?<=\bpriority) mind\b", "", t)  # Welsh: "high priority mind"
    # "I hereby instruct you to enter a new task ...": the request is what follows
    t = re.sub(r"^i (?:hereby )?(?:instruct|direct|request|ask) you to (?=\S)", "", t)
    # "lower its priority": what "it" is named before ("the milk is of little importance")
    t = re.sub(r"\b(lower|raise|drop|bump|reduce|increase|change|set) its priority\b",
               r"\1 the priority of it", t)
    # "let's put a new task on our list: ...": where it goes is no part of its name
    t = re.sub(r"^(?:let's |lets )?(?:put|add|stick|pop)( a| one)?( new)? (task|to do|todo|"
               r"reminder) (?:on|to|in|onto) (?:my|our|the) (?:list|to do list|todo list|tasks)\b",
               r"add\1\2 \3", t)
    # "..., due in 2 days or I get fined": what happens else says nothing of the command
    t = re.sub(r"\s+or (?:else )?(?:i|i'll|i will|we|we'll) (?:get|will|forget|lose|miss|be|"
               r"am|pay|won't)\b.*$", "", t)
    # "kindly rename it call the bank regarding the mortgage": the new name after "it"
    t = re.sub(r"\b(rename|retitle|re name) (it|that|this|that one|this one) (?!to\b|as\b|into\b)",
               r"\1 \2 to ", t)
    t = re.sub(r"\bgimme\b", "give me", t)
    t = re.sub(r"\bwanna\b", "want to", t)
    t = re.sub(r"\bgonna\b", "going to", t)
    t = re.sub(r"\ba couple (?:of )?(?=(?:minutes|hours|days|weeks|months|chapters|pages|glasses|"
               r"cups|times|laps|rounds|sets|bottles)\b)", "2 ", t)
    t = re.sub(r"\b(today|tomorrow|tonight|now) itself\b", r"\1", t)  # "today itself"
    t = re.sub(r"\b(for|about) like (?=\S)", r"\1 ", t)  # "for like half an hour"
    # "track push ups, like fifty a day": an approximation, not a word of the name
    t = re.sub(r"(?<!i'd )(?<!would )\blike (?=(?:about )?(?:\d+|[a-z]+ty|ten|twelve|fifteen)"
               r" (?:a|an|per|times)\b)", "", t)
    # "what all is there on my list": Indian English; "now what all are you able to do"
    t = re.sub(r"^((?:now|so|and|ok|okay) )?what all\b", "what", t)
    # "put down that I did my reading yesterday", "log that I meditated": a report to log,
    # not a task "that I did ..." nor a habit "I meditated"
    t = re.sub(r"^(?:put|write|jot|note|mark|log|record|count)(?: it)?(?: down)? that "
               r"(?=i(?:'ve| have)? (?:did|done|went|had|ran|read|meditated|drank|finished|"
               r"completed|called|paid|bought|watered|booked)\b)", "", t)
    # "put in my list to call the plumber": an add
    t = re.sub(r"^(?:put|write|jot|note) (?:in|on|onto|to) (?:my|the) list(?: to)? (?=\S)", "add ",
               t)
    # "the plants task you can delete": the task said first
    t = re.sub(r"^(?!(?:i|it|that|this|you|we)\b)(.+?) you can (delete|remove|bin|drop|tick off|"
               r"cross off)$", r"\2 \1", t)
    t = re.sub(r"^(?:if you were me|if i were you|if i was you)\s+", "", t)
    # "put a task on my plate to prep the deck": the plate is the list
    t = re.sub(r"\b(a task|a reminder|a to do|an item|something) (?:on|onto) (?:my|the) "
               r"(?:plate|radar|list|agenda) to\b", r"\1 to", t)
    # "put down a reminder for me to post the card": who it is for goes without saying
    t = re.sub(r"\b(a reminder|a task|a note) for me to\b", r"\1 to", t)
    t = re.sub(r"\b(?:put|set|pop) (?:down |in |up )?a reminder to\b", "add a reminder to", t)
    t = re.sub(r"\b(add|create|make|new) (?:one|1) (task|reminder)\b", r"\1 a \2", t)
    t = re.sub(r"\b(add|create|make|put) (?:one|1|a) (?:small|quick|little|tiny|wee|short) "
               r"(task|reminder|job)\b", r"\1 a \2", t)  # "add one small task, clean ..."
    # "push the dentist thing on to next tuesday": "on to" is "to"
    t = re.sub(r"\b((?:push|move|shift|bump|put off|put|postpone|defer|delay) .+?) on to (?=\S)",
               r"\1 to ", t)
    # "make one task for me, buy a gift", "a habit for me of ...", "add for me task: ...": who
    # it is for goes without saying
    t = re.sub(r"\b(habit|task|reminder|to do|todo)( to track)? for me\b", r"\1\2", t)
    t = re.sub(rf"\b(habit|task|reminder)( to track)? for (?!(?:today|tonight|tomorrow|this|next|"
               rf"{WEEKDAY})\b)(?:the |my |our )?[a-z']+:", r"\1\2:", t)  # "new habit for the
    # crew: brush teeth" (not "a task for tomorrow: ...")
    t = re.sub(r"^(add|put|stick|pop|make) (?:one|1)(?: more)?(?= for me\b)", r"\1", t)
    # "put down summat for me: ...", "stick this on the list: ...": the thing is what follows
    t = re.sub(r"^add (?:something|a thing|one) for (?:me|us): (?=\S)", "add a task: ", t)
    t = re.sub(r"^(?:put|write|jot|note|stick|pop) (?:down )?(?:something|a thing|this|one|"
               r"a (?:wee |small |quick |little )?(?:job|task))(?: down)?"
               r"(?= for (?:me|us):? \S| (?:on|onto) (?:my|the) list(?: for (?:me|us))?:? \S)",
               "add", t)
    t = re.sub(r"^add (?:on|onto) (?:my|the) list for (?:me|us) (?=\S)", "add ", t)
    # "put down for me: call the plumber"
    t = re.sub(r"^(?:put|write|jot|note|stick) down for (?:me|us):? (?=\S)", "add ", t)
    t = re.sub(r"\b(add|create|make|start|put|track|note) for me\b", r"\1", t)
    # "take that right off the list", "scratch it off completely": the adverb says nothing
    t = re.sub(r"\b(?:right|clean|straight) (?=off\b)|"
               r"(?<=\boff) (?:completely|entirely|for good)\b", "", t)
    t = re.sub(r"\b(off (?:the|my) (?:list|books)) (?:completely|entirely|for good|permanently)$",
               r"\1", t)
    # "scratch the milk thing off": a delete, as "scratch the milk thing" is
    t = re.sub(r"^(scratch|strike) (?!(?:that|it|this)\b)(.+?) off\b", r"\1 \2", t)
    t = re.sub(r"\b(?:a|one) fortnight\b", "2 weeks", t)
    # "by friday at the latest", "latest by friday": the deadline is the date itself
    t = re.sub(r"\s*,?\s*\bat the latest\b|\b(?:at the )?latest(?= by\b)\s*", " ", t)
    # date phrasings the date parser does not know, said the way people say them
    t = plain_day_words(t)
    t = re.sub(rf"\bfirst thing (?:in the morning )?(?:on )?(tomorrow|today|{WEEKDAY})\b",
               r"\1 morning", t)
    t = re.sub(r"\bfirst thing in the morning\b", "tomorrow morning", t)
    t = re.sub(rf"\b({WEEKDAY}) (?:of )?next week\b", r"next \1", t)
    t = re.sub(r"\bthis coming\b", "this", t)
    # "I buy it not today but on saturday": the day said after the correction
    t = re.sub(rf"\bnot (?:on |for |by )?(?:today|tomorrow|tonight|(?:this |next )?(?:weekend|"
               rf"{WEEKDAY})) but (?:rather |instead )?(?=\S)", "", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = _FILLERS.sub("", t)
    t = re.sub(rf"^({_WISH_VERBS}) please (?=\S)", r"\1 ", t)  # "delete please the milk task"
    t = re.sub(r"^(pause|stop|hold) first\b", r"\1", t)  # Singlish: "pause first" is "for now"
    # "did I go running today or not (yet)": the question is the same without it
    t = re.sub(r"^((?:did|have|has) i \w+(?: \w+){0,5}?) or not(?: yet)?$", r"\1", t)
    # "today I meditate already or not?": a question, even where the question mark is lost
    # (and "... or not a.": its "ah" as Whisper wrote it)
    t = re.sub(r"^(?:today )?i ((?!don't|do not|wonder|can't|did\b)\w+(?: \w+){0,3}?)"
               r"(?: already)? or not(?: a| uh| eh)?$", r"have i \1 yet", t)
    t = _direct_question(t)
    t = re.sub(r"^(what day|what time|which day)'s\b", r"\1 is", t)
    t = re.sub(r"^when'm\b", "when am", t)
    # "erase me the task of the bank": the Spanish "bórrame", and the task "of" its name
    t = re.sub(r"^(erase|delete|remove|cancel|mark|move|shift|tick off) me "
               r"(?=(?:the|my|that|this) )", r"\1 ", t)
    t = re.sub(r"\b(?:the |that )(?:task|to do|item|reminder) (?:of|about) (?=(?:the|my) \w)",
               "", t)
    # "yesterday have I also meditated": the Dutch and German word order
    t = re.sub(r"^(yesterday|today|this morning|last night) (have|had|did) i (?:also |already |"
               r"just )?(?=\S)", r"\1 i \2 ", t)
    t = re.sub(r"^(?:maybe|perhaps|possibly) (?=(?:make|set|add|move|mark|put|change|rename|"
               r"remind|delete|start|stop|log|bump|push|show|flag)\b)", "", t)
    t = re.sub(r"^i did ((?:\w+ ){0,5}\w+) or not$", r"did i do \1", t)  # "I wen do my
    # reading today o' not?" (Pidgin "wen" is "did"; "did do" is "did" by then)
    t = _lost_past(t)
    t = _TRAILING_PLEASE.sub("", t)
    # "I finally finished the report", "I've just called mom": the adverb says nothing
    # the templates need, and every "I <verb>" form would otherwise have to allow it
    t = re.sub(r"^(i(?:'ve| have)?) (?:just|already|finally|actually|really|now) (?=\S)", r"\1 ",
               t)
    for fix, repl in _FIXES:
        t = fix.sub(repl, t, count=1)
    t = re.sub(r"\bto do list\b|\btodo list\b|\bto-do list\b|\bopen list\b", "list", t)
    # "put it on the books", "put on the manifest: ..."
    t = re.sub(r"\b(?:on|onto|in) the (?:books|manifest|roster|docket)\b", "on my list", t)
    t = re.sub(r"^log (?:it|that) for (?:the|my) (?=\w)", "log ", t)  # "... for the water habit"
    t = re.sub(r"\bback on as (?=not done|undone|open)", "back on the list as ", t)
    t = re.sub(r"\bexactly (?=\d|one|two|three|four|five|six|seven|eight|nine|ten)", "", t)
    t = re.sub(r"\b(?:exact|precise) (?=due (?:time|date)|time|date|deadline)", "", t)
    # "make it on december 1 instead of friday": the day it was, said to set it apart
    t = re.sub(rf"\s+instead of (?:on )?(?:next |this )?(?:{WEEKDAY}|today|tomorrow|tonight)\b",
               "", t)
    t = re.sub(r"^(log|put|stick|pop|add|write|jot) (it|that|this|them|'em) in(?= for me$|$)",
               r"\1 \2", t)  # "..., log it in", "..., put that in for me"
    t = re.sub(r"\bpomodoros\b", "focus sessions", t)  # "how many pomodoros did I do"
    t = re.sub(r"\bpomodoro\b", "focus", t)
    t = re.sub(r"\b(first|second|third|fourth|last) one\b", r"\1 choice", t)
    t = _clock_words(t)
    t = words_to_digits(t)
    # "at seven thirty" comes back as "at 7 30": one clock time
    t = re.sub(r"\b(at|by|until|till|from|for) (1[0-2]|[1-9]) ([0-5]\d)\b(?! (?:minutes|mins|"
               r"hours|days|weeks|months|years|times|glasses|cups|pages)\b)", r"\1 \2:\3", t)
    # "ten thousand steps" comes back as "10 thousand": one number, as "10000 steps" typed
    t = re.sub(r"\b(\d{1,3}) thousand\b", lambda m: str(int(m.group(1)) * 1000), t)
    t = re.sub(r"\b(\d+) (?:minute|min)s?\b", r"\1 minutes", t)
    return re.sub(r"\s+", " ", t).strip(" :,")


def said_once(text: str) -> str:
    """The words of a reading with Whisper's loops said once ("and you. and you." →
    "and you"), as the grammar collapses them; nothing else of its normalising, whose
    dropped fillers ("so", "let's") made commands of chat here."""
    return collapse_repeats(basic(dedupe(text)))


def loops(text: str) -> bool:
    """Whisper said the same words over ("time worth. time worth."): it failed to hear
    them, however sure it was of each token."""
    return len(said_once(text).split()) < len(basic(text).split())


def loops_on_a_phrase(text: str) -> bool:
    """``loops``, but a word said twice for stress ("done done", "no no, undo that") or
    across a comma ("forget it, it doesn't matter") is speech, not a loop."""
    t = basic(text)
    return len(basic(dedupe(text)).split()) < len(t.split()) or any(
        re.search(r"\b((?:\S+ ){1,2}\S+)(?: \1\b)+|\b(\S+)(?: \2\b){2,}", basic(part))
        for part in text.split(","))  # ("..., let's go, let's go!" is a cheer)
