"""The grammar's rules, in order: the first that builds a Parse wins."""

from __future__ import annotations

import re
from typing import Any

from nargis_desktop.brain.grammar.focus import (
    _FOCUSW,
    _SPAN,
    _focus_block,
    _focus_need,
    _focus_on,
    _focus_start,
)
from nargis_desktop.brain.grammar.habits import (
    _LOOSE,
    _OWN_MEANING,
    _UNIT,
    _add_or_log,
    _count_log,
    _done_something,
    _habit_create,
    _habit_create_loose,
    _habit_log,
    _habit_log_known,
    _habit_status,
    _habit_status_any,
    _habit_status_known,
    _habit_status_two,
    _misheard_log,
    _more_log,
    _named_count_log,
    _present_done,
)
from nargis_desktop.brain.grammar.journal import JOURNAL, JOURNAL_TAIL, _journal, _journal_tail
from nargis_desktop.brain.grammar.model import Builder, Context, Parse, Rule, _best, _r
from nargis_desktop.brain.grammar.tasks import (
    _T,
    _add,
    _add_dated,
    _choice,
    _delete,
    _drop_known,
    _edit,
    _first_group,
    _list,
    _move,
    _move_instead,
    _move_known,
    _move_passive,
    _names_ours,
    _period,
    _ref,
    _rename_known,
    _reopen_known,
    _reopen_loose,
    _status,
)
from nargis_desktop.brain.normalize import WEEKDAY

#: Verbs that empty a list: "clear my list" is never read as "show my list".
_BULK_VERBS = frozenset(("clear", "wipe", "empty", "trash", "scrap", "kill", "nuke", "purge",
                         "reset", "erase", "delete", "remove", "drop", "cancel"))


def _fixed(intent: str, **slots: Any) -> Builder:
    def build(m: re.Match[str], ctx: Context) -> Parse | None:
        return Parse(intent, dict(slots))
    return build


#: Verbs that put something on a list ("stick milk on my list", "pop it on the list"); "get
#: rid of ..." takes things off one.
_PUT = r"(?:add|put|stick|pop|throw|chuck|bung|jot|write|get(?! rid of\b)|slap)"


#: A priority as said ("top", "urgent" and "important" are high), and what may follow it.
_PRIORITY = r"(?:high|top|low|lowest|highest|normal|medium|regular|urgent|important)"
_EDIT_TAIL = (r"(?: (?:now|please|instead|mate|man|bro|dude|love|then|ok|okay|yeah|too|again|"
              r"from now on))*")


#: Words that say a task is done: the general ones and the past participles of common tasks
#: ("the milk is bought", "mark the rent as paid").
_DONE = (r"(?:done|finished|complete|completed|bought|paid|sent|written|sorted|handled|settled|"
         r"secured|"
         r"taken care of|called|watered|booked|cleaned|fixed|emailed|submitted|picked up|"
         r"dealt with|ticked off|checked off)")


#: What people say before "undo it" when the last action was wrong ("that was wrong, undo it").
_UNDO_LEAD = (r"^(?:(?:no|wait|ah|oh|oops|go back|my bad|wrong|that's wrong|that was wrong|"
              r"that's not right|"
              r"that was a mistake|that's not what i (?:said|meant|wanted)|"
              r"i didn't (?:mean|want) (?:that|to do that|to)|didn't mean (?:that|to)|"
              r"not what i (?:meant|wanted)|mistake|wrong (?:one|1)) )*")


def _only(intent: str, parse: Parse | None) -> Parse | None:
    """``parse`` when it is ``intent``: for a form that may only give that."""
    return parse if parse is not None and parse.intent == intent else None


#: The words before "done" when they ask about it rather than say it.
_ASKING = re.compile(r"^(?:how|what|when|why|where|which|who|whether|is|was|are|were|has|have|"
                     r"did|does|do|can|could|should)\b|\b(?:is|are|was|has) (?:it|that|this|they)$")


RULES: tuple[Rule, ...] = (
    # meta first: short, fixed phrases
    _r("meta.undo", _UNDO_LEAD + r"(?:undo|oops undo|(?:undo|revert|reverse|roll back|rollback|"
       r"take back) (?:(?:that|this) (?:one|1)|that|it|this|(?:the|my|your|that) (?:last|previous) "
       r"(?:one|choice|thing|action|operation|transaction|"
       r"change|command|step|log|entry|edit|update|bit)|what (?:you|i) (?:just )?(?:did|said))|"
       r"(?:take|roll|bring|put) (?:that|it|this) back|scratch that|"
       r"(?:undo|revert) (?:the )?last(?: (?:one|thing|action|change|log|entry))?|"
       r"(?:cancel|reverse|revert|undo) (?:that|the) (?:last|previous) (?:thing|action|change|"
       r"command|step|log|entry)|"
       r"(?:please )?(?:reverse|cancel) (?:that|the last (?:one|thing|action|change)) action)"
       r"(?: (?:you|i) (?:just )?did)?(?: (?:please|again))?"
       # "undo that, wrong one bro", "..., I was wrong": why, said after it
       r"(?: (?:(?:that was |that's )?(?:the )?wrong (?:one|1|thing|task)|my bad|my mistake|"
       r"i was wrong|i made a mistake)(?: bro| mate| man| sorry)?)?$"),
    # one cancel word or several ("never mind, cancel", "forget it, stop")
    _r("meta.cancel", r"^(?:(?:no|nah|ok|okay|oh) )?(?:(?:cancel|stop|stop talking|stop it|shut up|"
       r"be quiet|quiet|silence|never ?mind|forget (?:it|about it|that)|enough|that's enough|"
       r"cancel that|stop stop|hush|shush|shh+|sh+|don't worry about it|nothing|that's all|"
       r"quiet please|please be quiet|stop please|that's it(?= )|that'll do|that will do|"
       r"stop now|that's all i (?:needed|wanted|need|want)|zip it|pipe down|drop it|drop that|"
       r"skip it|skip that|don't bother|do not bother|no need|belay that|belay|"
       r"forget (?:i said (?:anything|that|it)|what i (?:just )?said)|"
       r"(?:do |please )?(?:disregard|ignore) (?:that|it|this)(?: request| last (?:one|bit))?)"
       r"(?: |$))+"
       r"(?:(?:hey )?nargis)?$"),
    _r("meta.repeat", r"^(?:(?:pardon(?: me)?|sorry|pole|huh|eh|what|i didn't (?:catch|get|hear) "
       r"(?:that|you|it|what you said)|i missed (?:that|it)) )?"
       r"(?:(?:repeat(?: (?:that|it|this|what you said))?|say (?:that|it|this|"
       r"what you said))(?: (?:again|(?:one|1) more time|once more))?|"
       r"what did you (?:just )?say|come again|pardon(?: me)?|sorry what|"
       r"can you repeat(?: that)?|(?:one|1) more time|what|what was that(?: again)?|"
       r"what did you (?:just )?say again|huh|eh|once more|what'd you (?:just )?say|"
       r"(?:can you |could you )?repeat (?:the last (?:bit|part|sentence|thing)|(?:your|the) "
       r"(?:answer|last (?:answer|sentence))|yourself)|"
       r"i didn't (?:catch|get|hear) (?:that|you|what you said)|"
       r"i missed (?:that|it|what you said)|say again|"
       r"(?:can|could) you say (?:that|it) again)$"),
    # "kindly explain what it is that you are able to do", "tell me what you can do"
    _r("meta.help", r"^(?:explain|tell me|show me|describe)(?: to me)? what (?:(?:it is|is it) "
       r"that )?you (?:can|could|are able to|are capable of|know how to) (?:do|help with)"
       r"(?: for me)?$"),
    _r("meta.help", r"^(?:(?:i'm lost|i'm confused|i'm new(?: here)?|i'm stuck|i don't know what "
       r"to (?:say|do)|tell me (?:straight|honestly|frankly|truly)) )?"
       r"(?:help|help me|what can (?:i|you) (?:say|do|ask)(?: (?:with|to) you|"
       r" for me| here| with this| with nargis)?|"
       r"what can you help (?:me )?(?:with|win|width|wit)|"
       r"what (?:kind|kinds|sort|sorts|type|types) of (?:things|stuff|tasks) (?:can|could) you "
       r"(?:help (?:me )?with|do for me|help me do)|"
       r"what (?:commands|things) can i (?:say|use)|what are (?:the|my) options|"
       r"what (?:kind|kinds|sort|sorts|type|types) of (?:things|stuff|commands|questions) "
       r"(?:can|could|should) i (?:ask|say|tell)(?: you)?|"
       r"how do i use (?:this|you)|commands|what do you do|what can you help (?:me )?with|"
       r"what are (?:the|your|my) (?:commands|options|features|abilities|skills|capabilities)|"
       r"what (?:things )?(?:do )?you know (?:how )?to do|"
       r"(?:which|what) commands (?:do )?you (?:have|know|understand|take)|"
       r"(?:how|in what (?:ways?|capacities|capacity)) (?:can|may|could|might) you (?:be of )?"
       r"(?:service|help|assist)(?: to)?(?: me)?|"
       r"(?:walk|talk|run|take) me through (?:your|the|what you can do|the app's) ?(?:features|"
       r"abilities|capabilities|commands|skills|functions)?|"
       r"how does (?:this|it|nargis|this (?:assistant|app|thing)|the app) work|"
       r"(?:give me |can i get |i'd like )?(?:a |an )?(?:quick |brief |short )?(?:rundown|overview|"
       r"tour|run through|list) "
       r"of (?:your|the|what you can do|the app's) ?(?:features|abilities|capabilities|commands|"
       r"skills)?|"
       r"(?:tell me|show me) what (?:you can do|i can (?:say|ask)|you do)|"
       r"what can i (?:tell|ask|get) you to do|what am i able to (?:say|ask)(?: you)?|"
       r"(?:i need |i'd like |can i get |i want )?(?:some )?help (?:using|with using) (?:you|this|"
       r"the app|nargis)|"
       r"(?:any |some )?(?:tips|hints|ideas|suggestions) (?:on|for|about) what (?:i can|to) "
       r"(?:say|ask)|"
       r"what (?:commands?|things) do you "
       r"(?:know|understand)|what can i ask(?: you)?(?: to do)?|"
       r"what (?:kind|sort|kinds|sorts) of (?:things|stuff|commands) (?:can|could|do) (?:you|i) "
       r"(?:do|say|ask|understand|handle)|"
       r"what (?:commands|things|options) (?:are there|do i have|are available|do you have)|"
       r"how do i use (?:nargis|the app|the assistant|it)|"
       r"what are you (?:able to do|capable of|good at|for)|what (?:else )?can you do|"
       r"what (?:do|should|can|could) i (?:say|ask)(?: (?:to )?you)?|"
       r"how does (?:this|it|nargis|the app|this app)(?: thing)? work|"
       r"(?:list|show|tell|give)(?: me)? (?:your|the|all|all your|all the) "
       r"(?:commands|options|features)|"
       r"how (?:do|should|can) i (?:use|talk to|speak to|work with|command|ask) (?:this|you|nargis|"
       r"the app|the assistant|it)|"
       r"what are (?:the |some )?(?:things|commands|stuff) (?:i|you) can (?:ask|say|do)(?: you)?|"
       r"(?:give me|show me|tell me|list) (?:some |a few )?examples(?: of (?:commands|things i "
       r"can say|what i can say))?)(?: exactly| then| again| now| actually| really| please)*$"),
    _r("meta.confirm", r"^(?:(?:yes|yeah|yep|yup|sure|ok|okay|correct|right|absolutely|"
       r"affirmative|definitely|of course)(?: (?:yes|please|sure|go ahead|do it|delete it|"
       r"that's right|that one|thanks|confirm))*|do it|confirm|confirmed|go ahead|go for it|"
       r"delete it|that's right|please do|affirm|roger(?: that)?|copy that|wilco)$"),
    _r("meta.deny", r"^(?:(?:no|nope|nah|negative)(?: (?:thanks|thank you|don't|leave it|"
       r"keep it|don't delete it|don't do it|never mind|not that|cancel|wait|stop))*|"
       r"don't|do not|keep it|leave it|don't delete it|don't do that|leave it alone|"
       r"not that one)$|"
       # a command said not to be done ("don't delete buy milk"): a "no", never the command
       r"^(?:(?:no|nope|nah) )?(?:please )?(?:don't|do not|dont) (?:delete|remove|erase|drop|bin|"
       r"scrap|mark|tick|cross|check off|complete|add|log|start|move|push|postpone|change|stop|"
       r"end|pause|cancel|undo|reopen|clear|wipe)\b"),
    _r("meta.choice", r"^(?:the )?(?P<n>1st|first|2nd|second|3rd|third|4th|last)"
       r"(?: one| choice)?$",
       _choice),
    # journal (matched on the text as said, so the entry keeps its wording)
    Rule("journal.add", JOURNAL, _journal),
    Rule("journal.add", JOURNAL_TAIL, _journal_tail),
    _r("journal.read", r"^(?:(?:can|could|may) i |let me |i'd like to |i want to )?"
       r"(?:read|show|tell|play|give|open|pull up|hear|see|listen to)(?: me)?(?: back| out| aloud)?"
       r"(?: to me)? (?:my |the )?"
       r"(?:(?:last|latest|most recent|previous|newest|today's|yesterday's)? ?(?:journal|diary)"
       r"(?: entry| note)?|"
       r"(?:last|latest|most recent|previous|newest) entry$|"
       r"what i (?:wrote|journaled|journalled)\b)"),
    _r("journal.read", r"^what(?:'s| is| was) (?:the )?(?:last|latest|most recent) (?:thing|entry|"
       r"note|bit) (?:i (?:wrote|journaled|journalled|put|added|said)|in my (?:journal|diary))|"
       r"^what(?:'s| is| was) in my (?:journal|diary)|"
       r"^what (?:did i (?:write|journal|say in my journal)|was my last "
       r"(?:journal|diary) entry|(?:is|was) in my (?:journal|diary))|"
       # "what did I say in my last journal entry", "remind me what I wrote yesterday"
       r"^what did i (?:say|put|note|write) (?:in|to) (?:my|the) (?:last |latest |most recent |"
       r"previous )?(?:journal|diary)|"
       r"^(?:remind me|tell me) what i (?:wrote|journaled|journalled|(?:said|put|noted|wrote) in "
       r"(?:my|the) (?:journal|diary))|"
       r"^what(?:'s| is| was) (?:in )?my (?:last|latest|most recent|previous) (?:journal |diary )?"
       r"entry(?: about)?$|"
       r"^what(?:'s| is) (?:the )?(?:latest|newest|last thing|most recent thing) in my "
       r"(?:journal|diary)|^(?:my )?(?:last|latest|most recent|newest) (?:journal|diary) entry$|"
       r"^what (?:have i been writing|have i written|have i put) (?:in|into) (?:my|the) "
       r"(?:journal|diary)"),
    # insights
    _r("insight.tasks_done", r"^(?:(?:tell me|show me|i want to know|i'd like to know|let me know|"
       r"do you know|can you tell me) )?how many (?:tasks|things|to dos|items|jobs) "
       r"(?:(?:did|have|am) )?i (?:totally |actually |really |fully |even |already |honestly )?"
       r"(?:finish|finished|complete|completed|do|done|get done|gotten done|close|closed|"
       r"get finished|got finished|gotten finished|"
       r"crush|crushed|smash|smashed|nail|nailed|close out|closed out|put away|"
       r"vanquish|vanquished|conquer|conquered|tackle|tackled|polish off|polished off|"
       r"conclude|concluded|accomplish|accomplished|achieve|achieved|"
       r"check off|checked off|tick off|ticked off|cross off|crossed off|knock out|knocked out|"
       r"knock off|knocked off|get through|got through|gotten through|clear|cleared|wrap up|"
       r"wrapped up|mark done|marked done|mark off|marked off|manage|managed|"
       r"take off|taken off|took off|"  # "tick off" as Whisper often writes it
       r"manage to (?:do|finish|complete)|managed to (?:do|finish|complete)|got done)|"
       r"^how many (?:tasks|things|to dos|items|jobs) (?:are|were|have been|"
       r"got|did i get) (?:done|finished|completed|checked off|closed|ticked off|crossed off)|"
       # "did I get much done this week"
       r"^(?:did|have) i (?:get|got|gotten|manage to get) (?:much|a lot|anything|lots|enough|"
       r"everything) done|"
       # "tasks completed this week?": the question in two words
       r"^(?:my )?(?:tasks|things|to dos) (?:completed|done|finished|ticked off)(?: (?:so far )?"
       r"(?:this week|today|this month))?$",
       _period("week", "insight.tasks_done")),
    _r("insight.tasks_done", r"^how productive (?:was i|have i been|am i|\S+ i (?:this|today|"
       r"last))|"
       # "what's my task throughput looking like this week"
       r"^(?:what(?:'s| is)|how(?:'s| is)|show me|tell me) (?:my |the )?(?:task |tasks )?"
       r"(?:throughput|output|completion rate|completion count|velocity)\b|"
       r"^how much (?:work )?(?:did|have) i (?:get|got|gotten) done|"
       r"^what (?:did|have) i (?:get|got|gotten) done(?: (?:today|this week|so far))*$|"
       # "what have I completed this week": with a period it asks how the period went
       r"^what (?:did|have) i (?:complete|completed|finish|finished|accomplish|accomplished|"
       r"tick off|ticked off|cross off|crossed off|knock out|knocked out)(?: so far)? "
       r"(?:today|this week)(?: so far)?$|"
       r"^(?:the )?(?:number|count|total) of (?:tasks|things|to dos|items) (?:done|finished|"
       r"completed|ticked off|i (?:did|finished|completed|got done))|"
       # "give me a count of everything I've completed this week"
       r"^(?:give me |tell me |what's |what is )?(?:a |the )?(?:count|number|tally|total) of "
       r"(?:(?:everything|all|all the (?:tasks|things)|the (?:tasks|things)|tasks|things) "
       r"(?:that )?(?:i(?:'ve| have)?|i've) (?:done|finished|completed|ticked off|got done|"
       r"gotten done)|(?:the |my )?(?:completed|finished|done) (?:tasks|things|to dos))",
       _period("week", "insight.tasks_done")),
    _r("insight.focus", r"^how (?:was|is|did|has) my focus|^how did i do (?:on|with) (?:my )?focus|"
       r"^(?:my )?total (?:focus|deep work)(?: time)?(?: for)?(?: today| this week)?$|"
       # "total focus time this week" with its first word misheard ("tarot focus time ...")
       r"^(?:\S+ )?(?:focus|deep work) time (?:for )?(?:today|this week|so far)(?: so far)?$|"
       r"^how much (?:focusing|focus|deep work|focused work) (?:did|have) i "
       r"(?:actually |really |even )?(?:do|done|get|got|"
       r"have|had)|^what(?:'s| is| was) my (?:total )?focus (?:time|total)|"
       r"^how (?:much|long) (?:did i|have i|am i) "
       r"(?:focus|focused|worked|work|been focusing|concentrate|concentrated|been concentrating)|"
       r"^(?:my )?focus (?:stats|summary|report)|"
       r"^how much focus time(?! (?:is |do i have )?(?:left|remaining))|"
       r"^how many (?:focus|deep work|focused) (?:minutes|hours|sessions)\b"
       r"(?!.*\b(?:left|remaining|to go)\b)|"
       # "how many hours of focus did I clock this month"
       r"^how (?:many|much) (?:hours|minutes|time) of (?:focus|deep work|focused work) "
       r"(?:did|have) i (?:clock|clocked|get|got|rack up|racked up|manage|managed|do|done|put in)\b"
       r"(?!.*\b(?:left|remaining|to go)\b)|"
       r"^(?:was|have) i (?:been )?(?:focused|concentrating)(?: today| this week)?$|"
       r"^how many (?:minutes|hours) (?:of (?:focus|deep work|focused work) )?(?:did|have) i "
       r"(?:focus|focused|spend focusing|spent focusing|been focusing|concentrate|concentrated|"
       r"put in|log|logged|do|done)|"
       r"^how (?:much time|long) (?:did|have) i (?:spend|spent) (?:focusing|in focus|"
       r"concentrating|on focus)|^how many (?:focus )?sessions (?:did|have) i|"
       r"^(?:(?:show|give|tell)(?: me)? )?(?:the |my )?focus (?:stats|statistics|summary|report|"
       r"metrics|numbers|figures|analytics|data)|"
       r"^(?:(?:show|give|tell)(?: me)? )?(?:the |my )?(?:stats|statistics|metrics|numbers|figures|"
       r"analytics|data) (?:on|for|of|about) (?:my |the )?(?:focus|deep work)|"
       r"^how focused (?:was i|have i been|am i|did i stay)", _period("today", "insight.focus")),
    # focus
    _r("focus.status", r"(?:how (?:long|much (?:focus |session )?time|many minutes?|many mins?|"
       r"much longer)"
       r"(?: is| are| do i have| have i got)? (?:left|remaining|to go)"
       # ("how long is left in the match" is about something else)
       r"(?: (?:on|in|for|of|by) (?:the |my |this )?(?:focus|timer|session|clock|focus session|"
       r"break))?(?: now)?$|"
       r"^how much longer(?: (?:do i have|have i got|is (?:it|left|the (?:timer|session|focus))|"
       r"(?:on|for|in) (?:the|this|my) \w+(?: session)?|to go|until (?:my|the) break|now|"
       r"(?:do|must|should) i (?:need to |have to )?(?:focus|go|work|keep going)))?$|"
       rf"^how (?:long|much) more(?: time)?(?: (?:for|on|in) (?:the|this|my) {_FOCUSW})?$|"
       r"^when (?:do|will|can) i (?:get|have|take) (?:my|a|the) break|"
       r"^what(?:'s| is) (?:the|my) (?:timer|clock|countdown)(?: at| on| showing| saying)?$|"
       r"^time (?:check|left)$|^(?:timer|focus) check$|^check (?:the|my) timer$|"
       rf"^what(?:'s| is) (?:left|remaining) on (?:my |the |this )?(?:{_FOCUSW}|clock)$|"
       rf"^am i (?:nearly|almost|close to being|near) (?:done|finished|there) (?:with|on) "
       rf"(?:the|this|my) {_FOCUSW}$|"
       rf"^how far (?:into|through|along in|in) (?:the|this|my) {_FOCUSW}(?: session)? "
       r"(?:am i|are we)$|"
       rf"^am i (?:still )?(?:in|on|doing) (?:a|the|my) {_FOCUSW}(?: session| block)?$|"
       r"^how far (?:along|in|through) (?:am i|are we)(?: (?:in|into|with|through) "
       rf"(?:the|this|my) {_FOCUSW}(?: session)?)?$|"
       r"^time left|^time remaining|^(?:minutes|time) (?:are |is )?(?:left|remaining)$|"
       # "state the time remaining in the current session"
       r"^(?:state|tell me|give me|show me|say|read out) (?:the )?(?:time|minutes) (?:left|"
       rf"remaining)(?: (?:in|on|for) (?:the|my|this)(?: current)? {_FOCUSW})?$|"
       r"^how(?:'s| is) (?:my|the) (?:focus|timer|time are|session)(?: going| doing| \w+ing)?$|"
       r"^focus status|^what(?:'s| is) the time (?:left|remaining)|"
       rf"^(?:is|are) (?:the|my) {_FOCUSW} (?:still )?(?:running|on|going)$|"
       r"^how long (?:until|till|til|before) (?:i (?:can|get to) (?:take|have) )?(?:my|the|a) "
       r"break|^when is my break|"
       rf"^when(?:'s| is| will) (?:my|the|this) {_FOCUSW}(?: session)? (?:be )?(?:over|done|up|"
       r"finished|ending)$|"
       r"^how (?:much (?:more )?time|much longer|long) do i (?:have|still have|get)$|"
       rf"^how long (?:until|till|til|before) (?:the |my |this )?{_FOCUSW}(?: session)? (?:ends?|"
       r"is (?:over|done|up|finished)|finishes|stops|runs out)$|"
       r"^when (?:does|will) (?:my|the) (?:focus|timer|session) (?:end|finish|be done)|"
       r"^how (?:much|long) (?:time )?(?:is )?(?:left|remaining) on (?:my|the) "
       r"(?:focus|timer|session))"),
    # ("need a break, pause the session", "pause for a sec, someone's at the door")
    _r("focus.pause", r"^(?:(?:i )?(?:need|want|could use) a (?:quick |short |little )?(?:break|"
       r"breather|sec|second|minute)(?: so)? )?"
       rf"(?:pause|hold|freeze)(?: it| the| my| this)?(?: {_FOCUSW}| thing| countdown)?"
       r"(?: session)?"
       r"(?: (?:for )?(?:a |one )?(?:second|sec|moment|minute|min|bit|tick|while|few minutes|"
       r"\d+ minutes))?"
       r"(?: (?:i|i'm|i've|i'll|i gotta|someone|somebody|someone's|while|because|cause|cos|coz|"
       r"brb|be right back|there's|gotta|need to|(?:the |my )?(?:phone|doorbell|door|kid|baby)"
       r"(?:'s| is))\b.*)?$"),
    # "stop the clock for a minute": a stop for a while is a pause
    _r("focus.pause", rf"^(?:hit|press|tap|click) (?:the )?pause(?: button)?(?: on (?:the |my )?"
       rf"{_FOCUSW})?$"),
    _r("focus.pause", r"^(?:stop|hold|pause|freeze) (?:the |my )?clock"
       r"(?: for (?:a|one) (?:second|sec|moment|minute|min|bit|tick))?$|"
       rf"^stop (?:it|the|my|this)(?: {_FOCUSW})? for (?:a|one) (?:second|sec|moment|minute|min|"
       r"bit|tick)$"),
    _r("focus.pause", rf"^(?:put|place) (?:it|this|(?:the |my )?{_FOCUSW}) on (?:hold|pause)$|"
       rf"^(?:let me |let's |lets |i'll |i will |i'm going to |i'm gonna )?(?:take|have) a "
       rf"(?:short |quick )?(?:\d+ minutes? )?break(?: from (?:the |my )?{_FOCUSW})?$"),
    _r("focus.resume", rf"^(?:let's |lets )?(?:resume|continue|unpause|un pause|carry on|"
       rf"keep going|restart|unfreeze|un freeze|go on)(?: with)?(?: it| the| my| this)?"
       rf"(?: {_FOCUSW})?"
       r"(?: session)?$|"
       r"^(?:i'm|i am) back(?: now)?$|^(?:let's|lets) (?:go|get going|do this)(?: again)?$|"
       rf"^(?:hit|press|tap|click) (?:the )?(?:play|resume|start)(?: button)? on (?:the |my )?"
       rf"{_FOCUSW}(?: again)?$"),
    _r("focus.resume", rf"^(?:start|turn on|get|put) "
       rf"(?:it|this|(?:the |my |that |this )?{_FOCUSW}) (?:going )?"
       r"(?:again|back on|back up)$|"
       rf"^(?:start|turn|switch|put) back(?: on)? (?:it|this|(?:the |my )?{_FOCUSW})$|"
       r"^(?:let's |lets )?(?:get )?back (?:to|at|on|into) (?:work|focusing|"
       r"it)$|^(?:let's |lets )?(?:pick up|carry on|continue|start again|go on|resume|keep going)"
       rf"(?: with (?:the |my |this )?{_FOCUSW})?(?: from)? "
       r"where (?:i|we) (?:left off|stopped|paused|were)$"),
    _r("focus.stop", r"^(?:(?:i'm|i am|we're|we are) (?:done|finished|through)(?: here| now| for "
       r"now| for today)? |(?:that's )?enough )?(?:you can |so )?"
       rf"(?:stop|end|cancel|finish|quit|abort|kill|scrap|ditch|drop|bin|abandon|cease|"
       rf"wrap up|wrap|turn off|switch off)(?: the| my| this)? "
       rf"{_FOCUSW}(?: session| timer)?(?: now| early)?(?: i'm done| i am done| i'm finished|"
       r" that's enough| for now| for today)?(?: please)?(?: (?:i|i'm|i've|i'll|i gotta|gotta|"
       r"time for|because|cause|cos|coz|we're done)\b.*)?$|^i'm done focusing$|"
       rf"^(?:i'm|i am) done(?: now)? (?:stop|end)(?: the| my)? {_FOCUSW}$|"
       rf"^(?:stop|quit|end) (?:focusing|concentrating)$|"
       rf"^(?:i'm|i am) (?:done|finished) with (?:the |my |this )?{_FOCUSW}(?: session)?"
       r"(?: for (?:now|today|the day))?$|"
       rf"^cut (?:the|my|this) {_FOCUSW}(?: session)? short$|"
       r"^(?:turn off|switch off|disable|exit|leave|end|stop) (?:the )?(?:focus|deep work|"
       r"do not disturb) mode$|^(?:ok |okay )?(?:that's|that is|that'll be) enough (?:focus|"
       r"focusing|deep work)(?: for (?:now|today|the day|one day))?$|"
       rf"^i(?:'m| am)? (?:give up|giving up|quit|quitting)(?: on)? (?:the|this|my) {_FOCUSW}"
       r"(?: session)?$|"
       # "the focus session is hereby terminated": said as done, it is ended
       rf"^(?:the |my |this )?{_FOCUSW}(?: session| timer)? (?:is|has)(?: now| hereby)? "
       r"(?:over|done|finished|ended|terminated|concluded)(?: now)?$"),
    _r("focus.start", rf"^(?:start|begin|let's|lets|kick off|run|set|start up|launch|give me|"
       r"time for|ready for|i'm ready for)"
       # ("give me the stats, how much focus time have I racked up": asked, not started)
       r"(?!.*\b(?:how much|how many|how long have|stats|statistics|total)\b)"
       rf"\b.*\b{_FOCUSW}\b", _focus_start),
    # "I want to work on the report for twenty minutes": a block of work on one thing
    _r("focus.start", r"^(?:(?:i (?:want|need|have|would like|'d like|'m going|am going) to|"
       r"let me|let's|lets|i'll|i will|time to|gonna) )?(?:work|crack on|get some work done|"
       rf"knuckle down) on (?P<task>.+?) for {_SPAN}(?: straight| solid| uninterrupted| without "
       r"(?:any )?distractions?| with no distractions)?$", _focus_start),
    _r("focus.start", r"^(?:(?:turn on|switch on|enable|start|go into|enter|turn|switch|put) )?"
       rf"(?:focus|deep work|do not disturb) mode(?: on)?(?: for {_SPAN})?$", _focus_start),
    _r("focus.start", r"^(?:time to |i want to |i'd like to |let me |help me |let's |lets )?"
       r"(?:focus|concentrate)(?: for| on|$| now)", lambda m, c: _focus_on(m, c)),
    # "I need to concentrate for an hour": a need to focus, only with a length or a task
    _r("focus.start", r"^(?:i (?:really )?(?:need|have|got) to|i've got to|i gotta|gotta|"
       r"need to|i must|i should|i'm going to|i'll|i will) (?:really )?(?:focus|concentrate|"
       r"do some deep work|get some deep work done)(?P<rest>(?: now)?(?: (?:for|on) .+)?)$",
       lambda m, c: _focus_need(m, c)),
    # "do a pomodoro for the report", "put a 20 minute focus timer on"
    _r("focus.start", r"^(?:(?:let's|lets|i'll|i want to|i'd like to|can we|let me) )?(?:do|have|"
       r"try|squeeze in|fit in|put on|put) (?:a|an|one|another|some) (?:quick |short |long )?"
       rf"(?:{_SPAN} )?(?:{_FOCUSW}|pomodoro)(?: block| sprint| session| timer)?(?: on)?"
       rf"(?: (?:on|for) .+| {_SPAN})?$", _focus_start),
    # "focus timer twenty minutes", "45 minutes of deep work": a focus block and its length
    _r("focus.start", r"^(?:(?:i need|i want|give me|i'd like|let's do|let me do|time for) )?"
       r"(?:(?:a|an|one) )?(?:(?:quick|short|long|new) )?"
       rf"(?:{_SPAN} (?:of )?)?(?:{_FOCUSW}|pomodoro)(?: block| sprint)?"
       rf"(?: (?:for )?{_SPAN})?(?P<rest> (?:on |for )?.+)?$",
       lambda m, c: _focus_block(m, c) if re.search(_SPAN, m.group(0)) else None),
    # "let's work on the report for 30 minutes": work with a length of time is a focus block
    _r("focus.start", rf"^(?:let's|lets|let me|i want to|i'd like to|i'm going to|i'll|time to) "
       rf"(?:work|study|get (?:some )?work done)\b.*\b(?:for )?{_SPAN}$", _focus_start),
    # "block out an hour and a half for focus": time set aside for focus
    _r("focus.start", r"^(?:(?:can you|please|let's|lets|i want to|i'd like to) )?"
       r"(?:block|block out|block off|set aside|carve out|reserve|book|schedule) "
       rf"(?:me )?(?:{_SPAN}|some time|time) (?:for|of) (?:some )?{_FOCUSW}(?: time)?(?P<rest>"
       r" (?:on|for) .+)?$", _focus_start),
    # habits
    _r("habit.create", r"^(?:create|add|start|make|new|set up|setup|begin|track|build|form|"
       r"establish|institute|adopt)"
       r"(?: a| an| the| me| one| 1)?"
       r"(?: new)?(?: (?P<per>daily|weekly))? habit(?: called| named| to| of| for)?:? "
       r"(?P<body>.+)$", _habit_create),
    _r("habit.create", r"^(?:(?:start|begin) tracking|i(?: want| would like|'d like) to (?:start )?"
       r"track(?:ing)?|"
       r"help me track|"
       r"i want a habit to|build a habit of|(?:i want to |i'd like to |let's |help me )?"
       r"(?:start|build|begin|form|make) (?:a |the )?(?:new )?habit (?:of|to|called|named|"
       r"for)|"
       # "help me wave a habit of ...": a misheard verb, when the sentence asks for a new habit
       r"(?:help me|i want to|i'd like to|let's) (?!(?:break|quit|kick|stop|drop|lose|end|have)\b)"
       r"[a-z]+ (?:a |the )?(?:new )?habit (?:of|to|called|named)|"
       r"(?:(?:i want to|i'd like to|let's|help me|i need to|i'm going to|i'll|i should) )?"
       r"(?:get|got) (?:into|in) the habit of) "
       r"(?:my |a |the )?(?P<body>.+)$", _habit_create),
    _r("habit.create", r"^(?:(?:i(?:'d| would)? (?:like|love|want)|let's|lets|i'm going|help me|"
       r"i need)(?: to)? )?(?:track|add|start|make|turn|put|keep track of) (?P<body>.+?) "
       r"(?:as (?:a |my )?|(?:into )?a |"
       r"into my |one of my |to my |to the |on my |in my )(?:new )?(?:(?P<per>daily|weekly) )?"
       r"habits?(?: list| tracker)?$", _habit_create),
    # "I'd like a new daily habit: take my vitamins", "pick up a new habit, learning spanish",
    # "habit: yoga, 4 times a week": a habit asked for, then its name after a pause
    _r("habit.create", r"^(?P<wish>(?:i(?:'d| would)? (?:like|love|want|need)|let me|let's|lets|"
       r"help me|time to|i'm going to|i will|i'll)(?: to)? )?"
       r"(?P<verb>(?:start|build|begin|form|make|pick up|take up|get|add|create|set up|"
       r"set me up with|set me up|give me|try) )?(?:me )?(?P<lead>(?:a|an|one|another) )?"
       r"(?:new )?(?:(?P<per>daily|weekly) )?habit(?: please)?(?P<sep>:| called| named| of| to| "
       r"for)? (?P<body>.+)$", lambda m, c: _habit_create_loose(m, c)),
    # "I'd like to start journaling every day": a new daily doing is a habit
    # (after the forms above, so "start tracking flossing every day" names "flossing")
    _r("habit.create", r"^(?:start|begin|take up|get into) (?P<body>[a-z]+ing(?: [a-z']+){0,3} "
       r"(?:every|each) (?:day|morning|evening|night)|[a-z]+ing(?: [a-z']+){0,3} daily)$",
       _habit_create),
    # "track swimming twice a week": a doing to track, with how often
    _r("habit.create", r"^(?:track|start tracking|keep track of) (?P<body>[a-z]+(?: [a-z']+){0,3} "
       r"(?:(?:\d+|once|twice)(?: times?)? (?:a|per|each|every) (?:day|week)|(?:every|each) "
       r"(?:day|morning|evening|night)|daily|weekly))$", _habit_create),
    # "I'd like to do yoga three times a week": a doing wished for with how often is a habit
    _r("habit.create", r"^(?:i(?:'d| would) (?:like|love) to|i want to|i wanna|i'm going to|i'll|"
       r"i will|i plan to|i'm planning to|i aim to|i'm trying to|i should|i need to|i have to) "
       r"(?P<body>[a-z]+(?: [a-z']+){0,3} (?:(?:\d+|once|twice)(?: times?)? (?:a|per|each|every) "
       r"(?:day|week)|(?:every|each) (?:day|morning|evening|night)|daily))$", _habit_create),
    # "did I call mom", "have I paid the rent yet", "is the report done", "when is the
    # dentist due": asked about one task, answered, never taken for a change (``_status``
    # holds them to a task's name, so habits and the rest pass on)
    _r("task.status", r"^(?:did|have|had) (?:i|we) (?:already |ever |actually |really )?"
       r"(?:(?:finish|finished|complete|completed|do|done|get|got|tick off|ticked off|check off|"
       r"checked off|cross off|crossed off|mark off|marked off|sort out|sorted out|sort|sorted|"
       r"handle|handled|deal with|dealt with|take care of|taken care of|knock out|knocked out|"
       r"wrap up|wrapped up) )?(?P<ref>.+?)(?: (?:done|finished|off|out|yet|already|today|"
       r"yesterday|or not|at all|this week|or what))*$|"
       r"^(?:did|have) you (?:add|put|save|note|note down|write down|get|got) (?P<ref2>.+?)"
       r"(?: (?:to|on|in) (?:my|the) (?:list|to do list|tasks))?(?: yet| already)*$",
       lambda m, c: _status(m, c, "ref", "ref2")),
    _r("task.status", rf"^(?:is|has|was|are) (?P<ref>.+?) (?:task |job |item |thing )?"
       rf"(?:been |got )?(?:{_DONE}|resolved|closed|(?:still )?(?:pending|outstanding|to do|"
       r"not done|in to ?do|in progress|in (?:the )?done(?: state| column)?)|"
       r"still (?:open|due)|overdue|late)(?: (?:yet|already|today|or not|now))*(?: or .*)?$|"
       r"^when(?:'s| is| was| are)(?: the)? (?:due date|deadline|date|time) (?:for|of|on) "
       r"(?P<ref2>.+?)$|"
       r"^when(?:'s| is| was) (?P<ref3>.+?)(?: (?:due|supposed to be done|supposed to happen|"
       r"scheduled|set|happening|for|on|again))*$|"
       r"^(?:when (?:do|did|should|must|have|will|am)|(?:at )?what time (?:did|do|am)|"
       r"(?:on )?(?:what|which) day (?:did|do|am)) i (?:have to |need to |got to |gotta |got |"
       r"meant to |supposed to )?(?:finish |finished |complete |completed |do |did |get |"
       r"tick off |ticked off |mark |close (?:out )?)?(?P<ref4>.+?)(?: (?:by|again|off|as))*"
       rf"(?: {_DONE})?(?: this morning| today| yesterday)?$|"
       r"^what(?:'s| is) (?:the )?(?:present |current |latest )?(?:due date|deadline|status|date|"
       r"story|deal|situation|update|news|latest|progress|eta|state) (?:for|of|on|with|about) "
       r"(?P<ref5>.+?)$|"
       r"^(?:what day|what time) is (?P<ref6>.+?)(?: (?:due|on|happening|at))*$|"
       r"^(?:the |a |quick |a quick )?(?:status|due date|eta|update|news)"
       r"(?: check| update| report)?"
       r" (?:of|on|for|about) (?P<ref7>.+?)$|"
       r"^where (?:am i|are we) (?:at |up to )?(?:with|on) (?P<ref8>.+?)$|"
       # "do I still need to get milk", "did the mom call happen", "bank call is due what day"
       r"^(?:(?:do|does) i (?:still )?|still )(?:have to|need to|got to|gotta) (?P<ref9>.+?)"
       r"(?: still| today| yet| yeah| right| eh)*"
       r"(?: or (?:did|have|has) .*| or not)?$|"
       r"^(?:did|has) (?P<ref10>(?!i\b|you\b|we\b).+?) (?:actually |really |already )?"
       rf"(?:happen|happened|go through|go ahead|get (?:{_DONE}|closed(?: out)?))(?: or .*)?$|"
       r"^(?P<ref11>.+?) (?:(?:is )?due (?:on )?(?:what day|when|what time)|when (?:is it )?"
       r"due)$|"
       r"^(?:does |do )?(?P<ref12>.+?) (?:task |thing )?(?:have|has|got) a (?:due date|deadline)"
       r"(?: or (?:not|nah|no))?$|"
       r"^(?:when|at what time|what time) did (?P<ref13>(?!i\b).+?) (?:get |got )?(?:done|paid|"
       r"finished|closed(?: out)?|completed|ticked off|sorted|sent|booked|called)"
       r"(?: this morning| today| yesterday)?$|"
       r"^by (?:which|what) (?:day|date|time) (?:am i|do i|must i|should i|have i) (?:expected |"
       r"supposed |meant |required )?(?:to )?(?:have )?(?P<ref14>.+)$|"
       # "when must the report be in", "when does the rent have to be paid by"
       r"^when (?:must|should|does|do|has|is) (?P<ref15>(?!i\b|you\b|we\b).+?) "
       r"(?:have to |need to |got to |supposed to |meant to |due to )?(?:be|go|get) "
       rf"(?:in|done|finished|handed in|submitted|sent|ready|{_DONE})(?: by| upon| on)?$",
       lambda m, c: _status(m, c, *(f"ref{i}" if i > 1 else "ref" for i in range(1, 16)))),
    # "milk still on the list??", "rent paid??", "pay rent: resolved or not?": a task's name
    # and its state, asked (a question mark, "still", "yet", "or not"); said flat it is news
    _r("task.status", rf"^(?:is )?(?P<ref>.+?) (?:task |job |item |thing )?(?:still )?"
       rf"(?:sitting |there )?(?:(?:on|in) (?:my|the) (?:list|backlog|plate|to do list|queue)|"
       r"on there|in there|hanging over (?:me|my head)|"
       rf"{_DONE}|resolved|closed)(?: (?:yet|already|or not|or nah|or what))*(?: or .*)?$",
       lambda m, c: _status(m, c, "ref") if re.search(r"\?\W*$|\b(?:still|yet|or not|or nah)\b",
                                                      c.original) else None),
    # "make the report high priority", "set the priority of buy milk to low", "rename buy
    # milk to buy oat milk": a known open task's priority or name
    _r("task.edit", r"^(?:let's |lets )?(?:make|set|mark|flag|change|switch|turn|bump|raise|"
       r"lower|drop|move|put|"
       r"knock|bring|take|"
       rf"shift)(?: up| down)? (?P<ref>.+?)(?: up| down)?(?: to| as| at| into| on)? "
       rf"(?:a |an |the )?(?P<p>{_PRIORITY})(?: priority| one| task| level)?{_EDIT_TAIL}"
       # "make call mom high priority shes gonna be mad if i forget": its reason, unpunctuated
       r"(?: (?:because|cause|cos|since|as|she's|shes|he's|hes|it's|its|i'm|im|they're|"
       r"theyre|we're|she|he|they|i) .*)?$|"
       r"^(?:change|set|raise|lower|bump|switch|update) (?:the )?priority (?:of|on|for) "
       rf"(?P<ref2>.+?) to (?P<p2>{_PRIORITY})(?: priority)?{_EDIT_TAIL}$|"
       r"^(?:(?P<up>prioriti[sz]e|escalate|bump up the priority (?:of|on)|raise the priority "
       r"(?:of|on)|up the priority (?:of|on))|(?P<down>deprioriti[sz]e|de prioriti[sz]e|lower "
       rf"the priority (?:of|on)|drop the priority (?:of|on))) (?P<ref3>.+?){_EDIT_TAIL}$|"
       r"^(?:let's |lets )?(?:rename|retitle|re ?christen|re ?name)(?: the task| task)? "
       r"(?P<ref4>.+?),? (?:to|as|into|make it|call it|write|(?:make|so) (?:it|e) (?:read|say|"
       r"reads|says)|"
       # (a learner's "in" for "to": "rename the milk task in buy milk and bread")
       r"to (?:read|say)|in(?! (?:my|the|your|our|this|that)\b)) (?P<title>.+)$|"
       # "let the task of the milk be renamed thus: ..."
       r"^let (?P<ref9>.+?) be (?:renamed|retitled|called|named)(?: thus| to| as)?:? "
       r"(?P<title4>.+)$|"
       r"^(?:let's |lets )?change (?:the )?(?:name|title) of (?:the task |task )?(?P<ref5>.+?) "
       r"(?:to|(?:and )?(?:call|name|make|put) it(?: say| read)?|it should (?:be|read|say)|put|"
       r"(?:the )?new (?:name|title)(?: is)?:?) "
       r"(?P<title2>.+?)"
       r"(?: instead)?$|"
       # "the task of the plants, change the name to water the plants on the balcony"
       # ("milk task, change name please, make it buy milk and bread")
       r"^(?P<ref12>.+?) (?:change|update) (?:the |its )?(?:name|title)(?: please)? "
       r"(?:to|make it|call it) (?P<title5>.+)$|"
       # "change the milk task name to buy milk and curd", "change the bank one's name to ..."
       r"^change (?:the )?(?P<ref13>.+?)(?:'s)? (?:(?:task|one|thing|job)(?:'s)? )?(?:name|title) "
       r"to (?P<title6>.+)$|"
       # "re-blaze the milk task with a new name: buy milk and trail mix", "give the milk
       # task a new name: ..."
       r"^(?:give |(?:re )?[a-z]+ )(?P<ref7>.+?) (?:with )?(?:a|the) new (?:name|title)(?: of)?:? "
       r"(?P<title3>.+)$|"
       # "the plants can go low priority", "can the bank thing be low priority", "calling mom
       # oughta be high priority", "let the bank call sink into the quiet waters of low
       # priority"
       r"^(?:can |could |should |shall |let )?(?P<ref6>.+?) (?:can |could |should |oughta |"
       r"ought to |needs to |need to |has to |will |is going to |gonna |must )?(?:just )?"
       r"(?:be|go|sit|stay|become|get|sink|slide|slip|drop|fall)(?: at| as| on| into| to| down"
       r"(?: to| into)?)? (?:the (?:[a-z]+ ){1,3}of )?"
       rf"(?:a |just )?(?P<p3>{_PRIORITY}) priority{_EDIT_TAIL}$|"
       # "promote the bank call to high priority", "downweight the plants task to low
       # priority": any one verb, when the words say "priority" and name an open task
       r"^(?!(?:add|create|new|remind|note|jot|log|track|schedule|write|enter|save)\b)[a-z]+"
       r"(?: up| down)? (?P<ref10>.+?) (?:to|as|on|at|into|onto) (?:a |an |the )?"
       rf"(?P<p5>{_PRIORITY}) priority(?: level)?$|"
       # "the milk task please on low priority set": the verb last
       rf"^(?P<ref11>.+?) (?:please )?(?:on|to|at|as) (?P<p6>{_PRIORITY}) priority "
       r"(?:set|put|make|change|mark)$",
       _edit),
    # "running streak?", "did I hit my water goal yet"
    _r("habit.status", r"^(?:my |the )?(?P<h>[a-z]+(?: [a-z]+)?) streak$|"
       r"^(?:did|have) i (?:hit|reach|reached|make|made|meet|met|smash|smashed) (?:my|the) "
       r"(?P<h2>.+?) (?:goal|target)(?: yet| today)*$", lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^(?:what(?:'s| is| are|'re)|how(?:'s| is| are| long is)|tell me|show me)"
       r"(?: me)? (?:my |the )?(?P<h>.*?) ?streaks?\b(?: for| on| of)?(?: my| the)? ?(?P<h2>.*)$",
       lambda m, c: _habit_status_two(m, c)),
    # "did I log my run", "have I ticked off meditation today": asked, never a log
    _r("habit.status", r"^(?:did i|have i)(?: already)? (?:log|logged|record|recorded|track|"
       r"tracked|tick off|ticked off|check off|checked off) (?:my |the )?"
       r"(?P<h>(?!(?:it|that|this|them)\b).+?)(?: today| yet| already)*$|"
       r"^(?:did i|have i)(?: already)? (?:do |done |had |drunk |drank )?"
       r"(?:enough |my )?(?P<h2>.+?) (?:today|yet|already)$",
       lambda m, c: _habit_status_two(m, c)),
    # "is my running streak still alive", "streak check on meditation", "a habit update"
    _r("habit.status", r"^(?:is|are) (?:my|the) (?P<h>.+?) streaks? (?:still )?(?:alive|going|"
       r"intact|safe|running|active|ok|okay|on|unbroken|holding(?: up)?|going strong)$|"
       r"^(?:(?:give|show|get) me |can i (?:get|have|see) |i want |i'd like )?(?:a |my |the )?"
       r"(?:quick )?(?:streak|streaks|habit|habits|status) (?:check|update|report|rundown|recap|"
       r"scoreboard|scorecard|summary|overview|tally|"
       r"check in|check up)(?: (?:on|for) (?:my |the )?(?P<h2>.+?))?(?: today| so far)?$",
       lambda m, c: _habit_status_two(m, c)),
    # "what's my water count today", "how many times have I meditated this week", "how
    # consistent have I been with meditating", "did I skip my run": only a habit's name
    _r("habit.status", r"^what(?:'s| is) (?:my|the) (?P<h>.+?) (?:count|total|tally|score|number)"
       r"(?: for)?(?: today| so far| this week)*$|"
       r"^how many times (?:have i|did i|i've) (?P<h2>.+?)(?: today| this week| so far| this month|"
       r" lately)*$|"
       r"^how (?:consistent|regular|disciplined) (?:have i been|am i|was i|i've been) (?:with|at|"
       r"about|on) (?:my |the )?(?P<h3>.+?)(?: lately| this week| so far| recently)*$|"
       r"^did i (?:skip|miss|forget)(?: to do)? (?:my |the )?(?P<h4>.+?)(?: today| yesterday| this "
       r"week)?$|"
       # "how long have I been meditating for in a row", "have I drunk enough water",
       # "where am I with my habits", "is meditation done for today", "how many runs have I done"
       r"^how (?:long|many days) (?:have i been|i've been|have i|did i) (?P<h5>.+?)(?: for)?"
       r"(?: in a row| so far| straight| now| for)*$|"
       r"^(?:did|have) i (?:had|drunk|drank|done|do|have|drink) enough (?P<h6>.+?)"
       r"(?: today| yet| so far)?$|"
       r"^where am i (?:at )?(?:with|on) (?:my |the )?(?P<h7>.+?)(?: today| this week| so far)*$|"
       r"^is (?:my |the )?(?P<h8>.+?) (?:done|finished|complete|logged|ticked off)(?: for)?"
       r"(?: today| yet| already)*$|"
       r"^how many (?P<h9>[a-z]+?)s? (?:have i|did i) (?:done|had|logged|gone on|been on|do|have|"
       r"log|go on)(?: today| this week| so far)*$|"
       # "how close am I to my water goal", "how many glasses of water left for today"
       r"^how (?:close|far) am i (?:to|from) (?:my |the )?(?P<h10>.+?)(?: goal| target)?"
       r"(?: today| for today)?$|"
       r"^how many (?:(?:glasses|cups|times|pages|bottles) (?:of )?)?(?P<h11>.+?) "
       r"(?:left|remaining|to go)(?: for today| today)?$",
       lambda m, c: _habit_status_any(m, c)),
    # "did I go for a run": a question about a habit named whole
    _r("habit.status", r"^(?:have|did) i (?:already )?(?P<h>.+?)(?: yesterday)?(?P<h2>)$",
       lambda m, c: _habit_status_known(m, c) if _best(m.group("h"), c.vocab.habits) >= 85
       else None),
    _r("habit.status", r"^(?:have|did) i (?:already )?(?P<h>\S+(?: (?!(?:that|it|this|them|those|"
       r"these|you|your|his|her|their)\b)\S+)?)$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c) if _best(m.group("h"), c.vocab.habits) >= 70
       else None),
    _r("habit.status", r"^(?:the )?(?:status|progress|stats) (?:of|on|for) (?:my |the |all my )?"
       r"habits$", _habit_status),
    _r("habit.status", r"^(?:is )?(?:anything|there anything|what's|what is) (?:still )?(?:left|"
       r"remaining|open|outstanding|to do) (?:on|in|for|with|from) (?:my |the )?habits?"
       r"(?: today| for today)?$", _habit_status),
    # "how close am I to my eight glasses today", "how far off my water goal am I"
    _r("habit.status", r"^how (?:close|near|far) (?:am i|off am i) (?:to|from) (?:my|the) "
       r"(?P<h>.+?)(?: goal| target)?(?: today| this week| yet)?$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^am i (?:keeping up|on track|staying on track|keeping on track|sticking|"
       r"doing (?:well|ok|okay|good|alright|fine)|consistent) (?:with|on|to) (?:my |the )?"
       r"(?P<h>.+?)(?: habit)?(?: today| this week| so far| lately)*$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^(?:how (?:am i doing|are my habits(?: going| looking| doing)?|"
       r"am i doing "
       r"(?:with|on) my habits)|habit status|"
       r"(?:show me |show |list |give me |tell me )?(?:my |the )?(?:habits?|streaks)"
       r"(?: status| progress|"
       r" stats| statistics| overview| summary)?|"
       r"which habits (?:are left|have i not done|do i still (?:need|have) to do)(?: today)?|"
       r"what habits? (?:are left|do i have left|haven't i done|have i not done|are still open)"
       r"(?: today)?(?: yet)?|which habits (?:haven't i done|are still open)(?: today)?(?: yet)?|"
       # "which habits still need doing today" (Whisper writes "which habit still need")
       r"(?:which|what) habits? (?:still )?(?:need|needs) (?:doing|to be done|done)(?: today)?"
       r"(?: yet)?)$",
       _habit_status),
    _r("habit.status", r"^how(?:'s| is| are|'re) (?:my|the) (?P<h>.+?)(?: habit| intake| progress)?"
       r"(?: (?:going|doing|looking|coming along))?(?: today| this week| so far| lately)*$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^how am i (?:doing|getting on|going) (?:on|with) (?:my |the )?(?P<h>.+?)"
       r"(?: habit)?(?: today| this week| so far| lately)*$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^how many days (?:in a row )?(?:have i|did i|i've)(?: been)? (?P<h>.+?)"
       r"(?: in a row| for| so far)*$", _habit_status),
    _r("habit.status", r"^how (?:many|much) (?:(?:glasses|cups|times|pages) (?:of )?)?(?P<h>.+?) "
       r"(?:have i (?:had|done|logged|drunk|drank|read)|did i (?:do|have|log|drink|read))"
       r"(?: so far)?(?: today)?(?: so far)?$", _habit_status),
    # "I forgot to log my run yesterday, can you add it", "just got back from my run": a log,
    # only of one of the user's habits
    _r("habit.log", r"^i (?:forgot|didn't get to|never got (?:round|around) to|did not get to) "
       r"(?:to )?(?:log|record|mark|tick off|add|enter) (?P<ref>.+?)(?: (?:can|could|would|will) "
       r"you (?:add|log|record|do|enter) (?:it|that)(?: for me)?)?$|"
       r"^(?:i(?:'ve| have)? )?(?:just )?(?:got|came|am|i'm) (?:back|home|in) from (?P<ref2>"
       r"(?:my|a|the) .+)$|"
       # "10 minutes of meditation just now": a length of a habit, said as done
       r"^(?:did |done )?(?:\d+|a few|a couple of) (?:minutes|mins|hours?) of (?P<ref3>.+)$|"
       # "put a run down for yesterday", "please put it for yesterday" (a habit named): a
       # report kept, on no later day
       r"^(?:put|pop|stick|jot|set|write) (?:down )?(?P<ref4>(?!.*\b(?:tomorrow|next|on|at|by|in|"
       r"list|task|todo|to do)\b)(?!.*\bfor (?!(?:yesterday|today)$)).+?)(?: down)?"
       r"(?P<day4> for (?:yesterday|today))?$",
       lambda m, c: _habit_log_known(m, c)),
    _r("habit.log", rf"^(?P<verb>log|record|count)(?: that i did| that| my|"
       rf" (?:one|a)(?! {_UNIT}))? "
       r"(?P<ref>.+)$", _habit_log),
    # tasks
    _r("task.add", rf"^(?!(?:make|set) (?:the|my) [a-z]+ {_T} (?:high|low|top|urgent|normal|"
       r"medium)\b)"  # "make the report task low priority": an edit
       rf"(?:add|create|make|new|put|set up|schedule|set|save|log|record|"
       rf"note down|jot down|write down|write|stick|pop|throw in|open|enter)(?: me)?"
       rf"(?: a| an| the| another| one)?(?: new)?(?: (?P<prio>high|top|low|urgent|important)"
       rf"(?: priority)?)?(?: (?P<kind>[a-z]+(?<!new)(?<!another)))?"
       rf" {_T}s?(?: to| for| called| named| that says|"
       rf" saying| about)?:? (?P<body>.+)$", _add),
    _r("task.add", rf"^(?:{_T}|new {_T}):? (?P<body>.+)$", _add),
    _r("task.add", r"^(?:remind me|remember(?: for me)?|(?:i (?:want|need|have) to|i must) "
       r"remember to|"
       r"(?:i |i've )?(?:gotta|got to|have got to|should|better|must|need to|have to) "
       r"remember to|note(?: down)?(?: that)? i (?:need|have|must|gotta|got) to|"
       r"don't let me forget|dont let me forget|don't forget|"
       r"make sure i|note that i need|(?:make|take) a note(?: that i need| that i have)?|"
       r"note down that i (?:need|have)|"
       r"i need a reminder|set a reminder|add a reminder) (?:to |that i need to |about |that "
       r"|for )?(?!(?:what|who|why|how|when|where|which|whether|if)\b)"
       # "remember, every breath is a fresh beginning": a saying, no task
       r"(?!(?:(?:every|each) [a-z]+ (?:is|are|was|has)|life|always|you are|you're|it's|it is|"
       r"there's|there is)\b)"
       r"(?P<body>.+)$", _add),
    # "put pay rent back on my list": a finished task opened again (else an add, below)
    _r("task.reopen", rf"^(?:{_PUT}|move) (?P<ref>.+?) back (?:on|onto|to|in|into) (?:my |the )?"
       r"(?:list|tasks|task list|to dos)(?: as (?:not done|undone|open|unfinished|not finished))?$|"
       r"^(?!(?:set|mark|put|move|change|turn|flip|switch|revert|get|bring)\b)"
       r"(?P<ref2>.+?) back to (?:open|to do|todo|not done|undone)$",
       lambda m, c: _reopen_loose(m, c) if m.group("ref") else _ref("task.reopen", "ref2")(m, c)),
    _r("task.add", rf"^{_PUT}(?: this| it| one)? (?:to|on|onto|in|into) (?:my |the )?"
       r"(?:list|tasks|task list|todos|to dos|todo|to do|shopping list):? "
       r"(?P<body>.+?)(?P<after>)$", _add),
    _r("task.add", rf"^{_PUT} (?P<body>.+?) (?:to|on|onto) (?:my |the )?(?:list|tasks?|todo|to do|"
       r"task list|todos|to dos|shopping list)(?P<after>.*)$", _add),
    # "(I) gotta call the vet tomorrow": the subject is often dropped; a date is still needed
    _r("task.add", r"^(?:(?:i|i've|i have|i'll|i will) (?:need to|have to|got to|gotta|must|should|"
       r"ought to)|"
       r"(?:need to|have to|got to|gotta)(?! (?:i|we|you)\b))(?: remember(?: to)?)? (?P<body>.+)$",
       _add_dated),
    _r("task.add", r"^(?:schedule|plan|pencil in) (?:a |an |my )?(?P<body>.+)$", _add_dated),
    _r("task.next", r"^(?:tell me |so |then |ok |suggest |recommend |help me decide |"
       r"help me figure out |any idea )?(?:what(?:'s| is)? next|"
       r"what (?:do|would) you (?:think|suggest|recommend|say) i (?:should |shall )?(?:do|work on|"
       r"tackle|start with|focus on)(?: next| now| first| 1st| today| then)*|"
       # ("what I must do today" asks for the day's list)
       r"(?:what (?:should|shall) i|which (?:should|shall|must) i|(?:what|which) (?:task|one|"
       r"thing|job) (?:(?:should|shall|must) i|i (?:should|must|shall))) (?:do|work on|"
       r"get done|get on with|knock out|get through|start with|tackle|grab|pick|take on|attack|"
       r"focus on|do first)(?: next| now| first| 1st| today| then)*|"
       r"what do i do(?: next| now| first| 1st| today| then)*|give me something to (?:do|work on)|"
       r"(?:give|tell|show)(?: me)? the next thing to (?:do|work on|tackle|get done)|"
       r"what's my next (?:task|thing|item|job|to do|todo|one)|next (?:task|to do|todo)|"
       r"what would you (?:knock out|do|tackle|start with|get done)(?: 1st| next)?|"
       r"(?:pick|choose|find) (?:something|a task|one|me something) (?:for me )?"
       r"(?:to (?:do|work on|tackle)(?: next| now)?|for me)|"
       r"where (?:do|should|shall|can) i (?:start|begin)(?: today| now)?|"
       r"(?:give|tell|show|read)(?: me)? (?:my |the )?next (?:task|thing|item|job|to do|todo|one)"
       r"(?: on (?:my|the) list)?|"
       r"what(?:'s| is) my (?:top |first |highest |main |biggest |number 1 |1 )?priority"
       r"(?: (?:today|now|at the moment))?|"
       r"what(?:'s| is) the (?:most important|most urgent|most pressing|next) (?:thing|task|"
       r"matter|item|job)(?: to do)?(?: on (?:my|the) list)?(?: today| now| right now|"
       r" at the moment| at this moment)?|where should i start|what's up next|what to do next|"
       r"what(?:'s| is) (?:the )?next (?:thing |task |item |job )?(?:on|in) (?:my|the) "
       r"(?:list|tasks|agenda)|what(?:'s| is) (?:the )?next (?:thing|task|item|job)"
       r"(?: (?:i should|i need to|i have to|i'm supposed to|i ought to|to) (?:do|work on|"
       r"tackle|be doing|get done))?|"
       r"(?:which|what) (?:task|one|thing|item|job) (?:should|shall|do|would|can) i (?:do|start|"
       r"work on|tackle|pick|pick up|take on|get to|get on with|handle|knock out|"
       r"start with|focus on)(?: first| next| now| 1st| today)*|"
       r"what(?:'s| is) (?:the )?most (?:important|urgent|pressing)(?: thing| task)?"
       r"(?: to do)?(?: today| now)?|"
       r"what (?:to|i should) (?:do|work on|tackle|start with)(?: next| now| first| 1st)?|"
       r"(?:pick|choose|suggest|find|recommend)(?: me)? (?:(?:a|the next|my next|one|the best) "
       r"(?:task|thing)(?: for me)?(?: to do)?|something (?:for me )?to (?:do|work on|tackle|"
       r"start with))|"
       r"(?:which|what) (?:one )?(?:of )?(?:my |the )?(?:tasks?|to dos?|things|items|jobs|ones?)"
       r"(?: on my list)? (?:is|are|'s) (?:the )?(?:most|more) (?:urgent|important|pressing)|"
       r"what (?:needs|has|should be|must be) (?:doing|done|to be done|to get done|my attention)"
       r" (?:first|1st|next|most urgently)|"
       r"what should i be (?:doing|working on)(?: next| now| today)?)$"),
    _r("task.reopen", r"^(?:mark|set|put|change|move|turn|flip|switch|revert|make) (?P<ref>.+?) "
       r"(?:back |again )?(?:as |to )?"
       r"(?:not done|undone|not finished|not complete|incomplete|open|to do|unfinished|"
       r"pending|unpaid|not paid|unticked|not ticked|unchecked|not checked|uncompleted|"
       r"not completed)(?: again| yet| after all)?$", _ref("task.reopen")),
    _r("task.reopen", r"^(?:reopen|re open|uncheck|unmark|un check|untick|un tick|open again|"
       r"un ?complete|un ?finish|un ?mark|un ?do the (?:check|tick) on|"
       r"undo the (?:check|tick|checkmark)(?: on| for)?)(?: the| a| my)?"
       rf"(?: {_T})? (?P<ref>.+)$", _ref("task.reopen")),
    _r("task.reopen", r"^(?P<ref>.+?) (?:still (?:needs|has) (?:to be )?(?:doing|done|[a-z]+ing)|"
       r"still needs to be [a-z]+ed)$", _ref("task.reopen", known=True)),
    _r("task.reopen", r"^(?P<ref>.+?) (?:isn't|is not|wasn't|was not|hasn't been|has not been) "
       r"(?:actually |really |quite |fully )?(?:done|finished|complete|paid|sent|bought|written|"
       r"called|booked)"
       r"(?: yet| after all)?(?: (?:so |please |can you |could you )?(?:reopen|uncheck|untick|"
       r"unmark) it)?$|^(?P<ref2>.+?) (?:still needs|needs) (?:doing|to be done|"
       # "pay rent shouldn't be ticked": a mark that was wrong, only on a finished task
       r"to happen)(?: again)?$|^(?P<ref3>.+?) (?:shouldn't|should not|wasn't supposed to|"
       r"was not supposed to) (?:be|have been) (?:ticked|checked|marked)(?: off)?(?: as done)?$|"
       r"^(?P<ref4>.+?) (?:is|'s|are) still (?:unpaid|not done|undone|not finished|unfinished|"
       r"open|outstanding|pending|to do|not paid)$|"
       r"^(?:open|put|bring|stick) (?P<ref5>.+?) (?:again|back up|back on|back)$|"
       r"^(?P<ref6>.+?) (?:needs to|should|has to|must) go back (?:on|onto|to|in|into) "
       r"(?:my |the )?(?:list|tasks|to dos)$|"
       r"^i (?:(?:accidentally|mistakenly|wrongly) (?:marked|ticked|checked|crossed)(?: off)? "
       r"(?P<ref7>.+?)(?: (?:as )?(?:done|off|complete|completed))?|(?:marked|ticked|checked|"
       r"crossed)(?: off)? (?P<ref8>.+?)(?: (?:as )?(?:done|off|complete|completed))? "
       r"(?:by mistake|by accident|accidentally|in error|wrongly|too early))$",
       lambda m, c: _reopen_known(_first_group(m, "ref3", "ref4", "ref5", "ref6", "ref7",
                                               "ref8") or "", c)
       if _first_group(m, "ref3", "ref4", "ref5", "ref6", "ref7", "ref8") else _ref(
           "task.reopen", "ref" if m.group("ref") else "ref2")(m, c)),
    _r("task.reopen", r"^(?:(?:it )?turns out |looks like |seems )?i (?:haven't|have not|didn't|"
       r"did not|never) (?:actually |really )?"
       r"(?P<ref>.+?)(?: yet| after all)?$", _reopen_loose),
    _r("task.complete", rf"^(?:mark|set|check|tick)(?: off)? (?P<ref>.+?) (?:as )?(?:{_DONE}|off)"
       r"(?: for (?:today|yesterday)| today| yesterday)?$", _done_something),
    _r("task.complete", r"^(?:check|tick|cross|mark|strike|knock) off (?P<ref>.+)$",
       _done_something),
    # "put a tick next to call the bank", "consider the report done"
    _r("task.complete", r"^(?:put|place|add) a (?:tick|check|checkmark|check mark) (?:next to|"
       r"against|by|beside|on) (?P<ref>.+)$|"
       # "let's give that one a big checkmark"
       r"^(?:let's |lets )?give (?P<ref2>.+?) a (?:big |nice |little |quick |gold )?(?:tick|"
       r"check|checkmark|check mark|gold star)$",
       lambda m, c: _done_something(m, c, "ref" if m.group("ref") else "ref2")),
    _r("task.complete", r"^consider (?P<ref>.+?) (?:done|finished|complete|sorted|dealt with)$|"
       # "let the watering be counted as done", "that task may now be recorded as done"
       r"^(?:let )?(?P<ref2>.+?) (?:can |may |could |should )?(?:now )?be (?:counted|recorded|"
       r"marked|logged|ticked|checked|considered)(?: off)?(?: as)? (?:done|complete|completed|"
       r"finished)$",
       lambda m, c: _done_something(m, c, "ref" if m.group("ref") else "ref2")),
    _r("task.complete", r"^(?:mark|set|check|tick)(?: off)? (?:as )?(?:done|complete|completed|"
       r"finished):? (?P<ref>.+)$", _done_something),
    _r("task.complete", r"^(?:check|tick|cross) (?P<ref>.+?) off(?: (?:my |the )?(?:list|"
       r"tasks))?$", _done_something),
    _r("task.complete", rf"^(?:complete|finish|close|done with)(?: the| a| my)?(?: {_T})? "
       r"(?P<ref>.+)$",
       _ref("task.complete", known=True)),
    _r("task.complete", r"^(?:i(?:'ve| have)? (?:just )?(?:finished|completed|done|did|ticked off|"
       r"(?:hit|smashed|nailed|crushed)(?= my\b))|"
       r"i'm done with|i am done with|(?:i'm |i am )?(?:just )?(?:finished|completed)(?: with)?|"
       r"i got done with|i'm through with|done(?: with)?:?|(?:i'm |i am )?all done with|"
       r"(?:i(?:'ve| have)? )?(?:crossed|ticked|checked|struck) off) "
       r"(?P<ref>.+)$", _done_something),
    _r("task.complete", r"^(?P<ref>.+?)(?:'s| is| are| has been| have been| got| was|'s been|"
       r"'ve been| is now| was just|'s just been| has just been| got| were) "
       r"(?:all |now )?"
       rf"{_DONE}$", _done_something),
    # "call mom, done": a name and the word done, only when the name is one of ours
    _r("task.complete", r"^(?:that's |that is )?(?P<ref>.+?) (?:complete|all done|"
       rf"done and dusted|{_DONE})$",
       # ("write report's not finished" says the opposite; "how is meditation today, is it
       # done" and "is the report done" ask)
       lambda m, c: _done_something(m, c) if _names_ours(m.group("ref"), c) and not re.search(
           r"(?:\b(?:not|never|no|yet)|n't)$", m.group("ref")) and not _ASKING.search(
               m.group("ref")) else None),
    _r("task.delete", r"^(?:i (?:don't|do not|no longer) (?:really )?(?:need|have) to|"
       r"there's no need to|no need to) (?P<ref>.+?)(?: any ?more| after all)?$", _drop_known),
    _r("task.delete", r"^i (?:don't|do not|no longer) (?:really )?need (?:the |my )?(?P<ref>.+?)"
       r"(?: task| one| thing)? (?:any ?more|again)(?: (?:so )?(?:delete|remove|bin|drop) it)?$",
       _drop_known),
    _r("task.delete", rf"^(?:delete|remove|erase|drop|get rid of|scrap|scratch|trash|cancel|"
       r"cross out|purge|ditch|"
       rf"strike)(?: the| a| my)?(?: {_T})? (?P<ref>.+?)"
       r"(?: from (?:my |the )?(?:shopping |task )?(?:list|tasks|to dos|database|board|roster|"
       r"backlog))?"
       r"(?: i (?:don't|do not) need (?:it|that)(?: any ?more)?)?$",
       _delete),
    _r("task.delete", r"^(?:take|get|knock|pull) (?P<ref>.+?) off (?:my |the )?(?:list|tasks|"
       r"to dos|books)$|"
       r"^(?:strip|rip|yank|pull|cut) (?P<ref2>.+?) (?:out of|off|from) (?:my |the )?(?:list|tasks|"
       r"to dos|backlog|board)(?: entirely| completely| altogether)?$",
       lambda m, c: _ref("task.delete")(m, c) if m.group("ref") else _ref(
           "task.delete", "ref2", known=True)(m, c)),
    # slang for delete ("bin the milk task", "ditch X"): these verbs have everyday meanings
    # ("kill the lights"), so only when the words name one of the user's open tasks
    _r("task.delete", rf"^(?:bin|ditch|kill|nuke|toss|dump|junk|axe|chuck out|throw out|"
       r"throw away|lose|forget about|forget|yeet|discontinue|drop off|chuck)"
       rf"(?: the| a| my)?(?: {_T})? (?P<ref>.+?)"
       r"(?: from (?:my |the )?(?:list|tasks|to dos))?(?: (?:task|item|to do|reminder))?$",
       _drop_known),
    _r("task.move", r"^(?:move|reschedule|postpone|push|delay|shift|bump|change|put off|shove|"
       r"push back|defer|prepone|bring|pull|move up|bring forward|pull forward|transfer|"
       r"reassign|slide|scoot|nudge) "
       r"(?P<rest>.+)$",
       _move),
    _r("task.move", r"^(?:make|set|have) (?P<ref>.+?) due (?:on |by |for )?(?P<due>.+)$|"
       r"^(?P<ref2>.+?) (?:can|could|will have to|has to|must) wait (?:until|till|for|to) "
       r"(?P<due2>.+)$|"
       # "call to bank transfer to next tuesday", "dentist booking, move to monday": the task
       # said first
       r"^let (?P<ref4>.+?) be (?:deferred|moved|pushed|postponed|rescheduled|delayed|shifted|"
       r"put off)(?: back)? (?:to|unto|until|till) (?P<due4>.+)$|"
       r"^(?P<ref3>.+?) (?:move|moves|moved|reschedule|push|pushed|shift|shifts|transfer|"
       r"postpone|bump|change|gets moved|gets pushed|is moving)"
       r"(?: it| that| this| back| out)? (?:to|until|till) (?P<due3>.+)$", _move_known),
    # "set water the plants for saturday": a known task set for a date
    _r("task.move", r"^(?:set|schedule|slot|plan|put|keep|make) (?P<ref>.+?) (?:for|on|to) "
       r"(?P<due>.+)$",
       _move_known),
    # "make it next monday" (with "it" a known task named before): a bare day after it
    _r("task.move", rf"^(?:make|set) (?P<ref>.+?) (?P<due>(?:next|this) (?:week|weekend|{WEEKDAY})|"
       rf"tomorrow|{WEEKDAY})$", _move_known),
    _r("task.move", r"^(?:change|set|update) (?:the )?(?:due date|deadline|date|due time) "
       r"(?:of|for|on) (?P<rest>.+)$", _move),
    _r("task.move", r"^(?:can (?:we|i|you) |let's |lets |i'll |i will |i'd rather )?"
       r"(?:do|make|handle) (?P<rest>.+?)(?: instead)$|"
       r"^(?:can (?:we|i) |let's |lets |i'll |i will |i'd rather |i would rather |i'd prefer to |"
       r"i prefer to )(?:do|make|handle) (?P<rest2>.+)$", _move_instead),
    # "can the report be moved to monday", "the bank call should be pushed to friday"
    _r("task.move", r"^(?:can|could|should|shall) (?P<ref>.+?) be (?P<rest>(?:moved|pushed|"
       r"postponed|rescheduled|shifted|bumped|delayed|put off)(?: back| forward| up)? .+)$|"
       r"^(?P<ref2>.+?) (?:needs to|should|has to|must|can) be (?P<rest2>(?:moved|pushed|"
       r"postponed|rescheduled|shifted|bumped|delayed|put off)(?: back| forward| up)? .+)$|"
       # "milk run moves to saturday": the task moves itself
       r"^(?P<ref3>.+?) (?:is )?(?P<rest3>(?:moves|moving|shifts|shifting|slides|sliding)"
       r"(?: back| over)? (?:to|till|until) .+)$",
       _move_passive),
    _r("task.move", r"^put (?P<rest>.+? off (?:till|until|to|for) .+)$", _move),
    # "change buy milk to grab milk and bread" (after every move: "change X to friday")
    _r("task.edit", r"^(?:change|switch|update|edit) (?P<ref>.+?) "
       r"(?:to|(?:and )?make it|so it(?= says| reads)) (?:say |read |says |reads )?(?P<title>.+)$",
       _rename_known),
    # "have I let anything slip past its deadline", "what does the rest of my week look like"
    _r("task.list", r"^(?:have|did) i (?:let )?(?:anything|something|any tasks?|any of my tasks) "
       r"(?:slip|slipped|go|gone|run|ran) (?:past|over|beyond) (?:its|the|their|a) "
       r"(?:deadline|due date)|^(?:what does|how does) (?:the rest of )?my week look(?: like)?$",
       _list),
    _r("task.list", r"^(?:what(?:'s| is| do i have| have i got| are)?|what's|show|list|read|"
       r"run (?:me )?through|walk me through|take me through|go (?:through|over)|"
       r"pull up|bring up|call up|fetch|display|"
       r"tell me|give me|any|do i have|anything|which|how many|is there|is anything|"
       r"are there any)\b.*\b(?:tasks?|list|(?<!know )(?<!how )(?<!fixing )(?<!going )"
       r"(?<!about )(?<!you able )(?<!you )(?<!me )to dos?|agenda|due|overdue|"
       r"schedule|plan|todo|plate|"
       r"coming up|upcoming|deadlines?)\b", _list),
    _r("task.list", r"^(?:what do i have|what have i got|what's on|what is on|"
       r"(?:is there |have i got |do i have )?anything(?: on|(?= (?:for|due) )))(?: on)?"
       r"(?: for me)?(?: (?:for |on |due )?(?:today|tomorrow|this week|tonight|"
       r"the rest of (?:the|this) (?:week|day)|the rest of today|(?:the )?day after tomorrow|"
       rf"(?:this |next )?{WEEKDAY}|"
       r"(?:this |the )?weekend))?$", _list),
    _r("task.list", r"^what (?:do|must|should) i (?:need to |have to |still need to |"
       r"still have to )(?:do|get done|finish|get through)(?: today| tonight| this week)$", _list),
    _r("task.list", r"^(?:what(?:'s| is)|what do i have|anything|is anything|is there anything) "
       r"(?:still )?(?:left|remaining|still open|outstanding|pending|open)"
       r"(?: (?:to do|for) (?:today|tonight|this week))?(?: today)?$|"
       r"^(?:what|where) am i (?:behind|late)(?: on| with)?$|"
       r"^(?:is there )?anything i'm (?:behind|late) (?:on|with)$|"
       r"^am i (?:behind|late)(?: (?:on|with) anything)?$", _list),
    # "show me everything that's still open", "anything I need to get done today", "did I
    # miss anything", "what's past its due date"
    _r("task.list", r"^(?:show|list|read|give|tell)(?: out)?(?: me)? (?:everything|all|anything|"
       r"whatever)"
       r"(?: that's| that is| i have| i've got| that's left)? (?:still )?(?:open|left|outstanding|"
       r"pending|remaining|to do|unfinished|not done)(?: (?:for )?(?:today|this week))?$|"
       r"^(?:is there |do i have |have i got )?anything (?:else )?(?:i (?:still )?(?:need|have|"
       r"must|should|ought) to|to) (?:do|get done|finish|take care of|deal with)"
       r"(?: today| tonight| this week)?$|"
       r"^(?:did|have) i (?:miss|missed|forget|forgotten) (?:anything|something|any deadlines|"
       r"any due dates|anything due)$|"
       r"^what(?:'s| is) (?:left|remaining|still open) (?:for|this|in) (?:the rest of )?"
       r"(?:the|this) week$|"
       r"^(?:what(?:'s| is| are)?|anything|is anything|which tasks? (?:is|are)) (?:gone )?"
       r"(?:past|over|beyond) (?:its|their|the|a) (?:due date|deadline)s?$", _list),
    _r("task.list", r"^(?:my |today's |todays )?(?:tasks|to dos|agenda)(?: for)?"
       r"(?: today| this week)?$", _list),
    # "show me my work stuff": one's own things, with a kind word that is a tag
    _r("task.list", r"^(?:show|list|read|give|tell)(?: me)?(?: all)? (?:my (?:[a-z]+ )?|the "
       r"(?:work|home|personal|school|shopping|family|office|health|errand|house|garden|finance|"
       r"study|kids|job|business|travel) )"
       r"(?:stuff|things|"
       r"jobs|chores|errands|items)(?: (?:for )?(?:today|tonight|this week))?$", _list),
    _r("task.list", r"^(?:show|list|read|give|tell|find)(?: me)? (?:(?:everything|all|anything|"
       r"what's|what is|whatever is|whatever's) (?:tagged|labell?ed|under)(?: as| with)? "
       r"[a-z]+|(?:everything|all|anything|(?:the |my )?(?:tasks|things|stuff|items)) "
       r"(?:with|under) (?:the |a )?[a-z]+ (?:tag|label))$", _list),
    _r("task.list", r"^what (?:have i|haven't i|have i still) (?:not )?(?:done|finished|"
       r"completed|ticked off)(?: yet)?(?: today| this week)?$", _list),
    # "<misheard show> my tasks": reading the list is harmless, so any first word that is
    # not a command of its own (never "clear my list") reads it
    _r("task.list", r"^(?P<verb>[a-z']+) (?:me )?(?:all )?my (?:tasks|to dos|list)$",
       lambda m, c: None if m.group("verb") in _OWN_MEANING | _BULK_VERBS else _list(m, c)),
    # llm-backed requests
    # ("good morning, I've rung the bank, ...": a greeting before something else)
    _r("llm.briefing", r"^(?:good morning(?: nargis| dear| to you| there)?$|morning briefing|"
       r"brief me|(?:give me |read me )?"
       r"(?:a |my )?(?:morning |daily )?briefing|what does my day look like|how does my day look|"
       r"plan my day|what's my day like|start my day|"
       r"(?:how is|how's) (?:my day|today) (?:looking|shaping up)(?: like)?$)"),
    _r("llm.review", r"^(?:evening review|review my day|how did (?:my day|today) go|"
       r"end of (?:the )?day review|wrap up (?:my|the) day|daily review|good night|"
       r"let's review (?:my |the )?day)"),
    _r("llm.reflect", r"^(?:reflect on|help me reflect on|what (?:patterns|themes) do you see in"
       r"|summari[sz]e)(?: my)? (?:journal|diary)"),
    # loose "I <did something>" forms: a habit or task when the words name one
    _r("task.complete", _LOOSE + r"(?P<ref>(?:\w+[^e\W]ed|ran|read|drank|did|went|wrote|took|"
       r"bought|paid|sent|made|got|swam|ate|spoke|rode|gave|had|done|drunk|gone|run|"
       r"written|taken|sent|eaten|rang) .+|\w+[^e\W]ed)$", _done_something),
    # "I book the dentist appointment": the past tense heard without its "-ed"
    _r("task.complete", r"^i (?:just |already )?(?P<ref>[a-z]+ .+)$", _present_done),
    # "just drank a glass of water" heard "just drink ...": a log of a habit only (no one
    # tells an assistant to drink; "just water the plants" may be a task, so never that)
    _r("habit.log", r"^just (?P<ref>[a-z]+ .+)$", lambda m, c: _only("habit.log",
                                                                      _present_done(m, c))),
    # "<misheard verb> 4 glasses of water": a count of a habit is a log on its own
    _r("habit.log", r"^(?:(?!(?:i|i'd|i'll|we|you|need|want|get|bring|pour|fetch|give|grab|buy|"
       r"order|should|can|could|would|please|how|what|is)\b)\S+ ){0,2}"
       rf"(?P<body>(?:(?:\d+|once|twice)(?: more)?|another) {_UNIT} (?:of )?.+)$", _count_log),
    # "one more meditation", "another run": one more of a habit, named clearly
    _r("habit.log", r"^(?:(?P<n>\d+) more|another) (?P<ref>[a-z][a-z ]+)$",
       lambda m, c: _more_log(m, c)),
    # "water, 2 glasses", "meditate twice": a habit's name, then how many
    _r("habit.log", rf"^(?P<ref>[a-z][a-z' ]*?):? (?:x ?)?(?:\d+|once|twice)(?: more)?(?: {_UNIT})?"
       r"(?: (?:for )?(?:today|yesterday))?$", _named_count_log),
    # bare "add X" last: the specific add/habit/journal forms above win
    _r("task.add", r"^(?:add|put down|jot down|write down) (?P<body>.+?)(?P<after>)$",
       _add_or_log),
    # "<misheard log> drink water": a habit's name after one unknown word
    _r("habit.log", r"^(?P<verb>[a-z']+) (?P<ref>.+)$", _misheard_log),
)
