"""Spellings of spoken dialect and of code-switching made plain, before the grammar reads a
line: "I did me readin'" is "I did my reading", "mark dat one off" is "mark that one off",
"buy milk wala task complete kar do" is "buy milk task complete".

Fresh eval sets in Yorkshire, Cajun, Caribbean and Hinglish voices lost whole commands to
a single word written the way it is said; mapping the spelling once here means every rule
reads it, instead of each rule learning its own variants.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from nargis_desktop.core.dates import WEEKDAYS

#: The irregular pasts of everyday verbs; ``past_tense`` is the one way to a past.
_PAST = {"drink": "drank", "eat": "ate", "run": "ran", "read": "read", "do": "did", "go": "went",
         "buy": "bought", "pay": "paid", "write": "wrote", "take": "took", "make": "made",
         "send": "sent", "ring": "rang", "swim": "swam", "meet": "met", "get": "got",
         "have": "had", "give": "gave", "drive": "drove", "ride": "rode", "quit": "quit"}


def past_tense(verb: str) -> str:
    """The simple past of an everyday verb ("run": "ran", "meditate": "meditated", "tidy":
    "tidied", "jog": "jogged", "submit": "submitted")."""
    if verb in _PAST:
        return _PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    if _DOUBLES.fullmatch(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def participle(verb: str) -> str:
    """The "-ing" form of a verb ("run": "running", "meditate": "meditating")."""
    if _DOUBLES.fullmatch(verb):
        return verb + verb[-1] + "ing"
    return (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"


#: Verbs that double their last letter before "-ed" and "-ing": one short syllable, or a
#: stressed "-mit" ("jog", "submit").
_DOUBLES = re.compile(r"[^aeiou]*[aeiou][bdgmnpt]|[a-z]*mit")


_DAY = (rf"(?:(?:next |this )?(?:today|tomorrow|tonight|weekend|week|{'|'.join(WEEKDAYS)})|"
        r"\d{1,2}(?::\d\d)? ?[ap]m)")
#: Written-as-said forms, on lower-case text that still has its apostrophes.
_Plain = str | Callable[[re.Match[str]], str]
_SPELLINGS: tuple[tuple[re.Pattern[str], _Plain], ...] = tuple((re.compile(p), r) for p, r in (
    # a Japanese speaker's hesitation ("ano... please add ..."; a Taglish "ano" asks "what")
    (r"^ano+ (?=(?:please|can you|could you|i want|add|start|log|mark|undo)\b)", ""),
    # a dropped "g": "readin'", "doin'", "nothin'" (two letters at least before it)
    (r"\b([a-z]{2,})in'(?=\s|$)", r"\1ing"),
    # a dropped "h": "'ave", "'ad", "'im" ("the plants 'ave 'ad a good sup")
    (r"(?<![\w'])'(ave|ad|as|im|er|ere|ome|ouse)\b", r"h\1"),
    (r"(?<![\w'])o' not\b", "or not"),  # "did I do it o' not?"
    (r"(?<![\w'])o'(?=\s)", "of"),  # "a sup o' water" ("o'clock" has no space)
    (r"(?<![\w'])t'(?=\s)", "the"),  # "round t' park"
    (r"(?<![\w'])an'(?=\s)", "and"),  # "fish an' chips"
    (r"(?<![\w'])'em\b", "them"),  # "cross 'em off"
    # West Country: "mark 'un off will 'ee", "remind I", "gert big", "ooh arr"
    (r"(?<![\w'])'un\b", "it"),
    (r"(?<![\w'])'ee\b", "you"),
    (r"\b(remind|tell|for|give) i(?=\s+(?:to|about|that)\b|[\s.!?]*$)", r"\1 me"),
    (r"\bgert\b", "very"),
    (r"\bthe morra\b", "tomorrow"),  # Ulster and Scots: "the morra", "houl on", "quare",
    (r"\bhoul on\b", "hold on"),  # and the tag "..., so it is" / "so I have"
    (r"\bquare\b", "very"),
    (r"(?<=\w) so (?:it is|i have|i did|i am|i will|it was|they are|we did|we have)$", ""),
    (r"^'?bout ye\b", ""),  # Ulster greeting
    (r"\bpour moi\b", "for me"),  # Québécois
    # "I am needing to send money": the plain "I need to"
    (r"\b(?:(i)(?: am|'m)|(we)(?: are|'re)) (need|want)ing to\b",
     lambda m: f"{m.group(1) or m.group(2)} {m.group(3)} to"),
    (r"(?:^|\s)ooh? ar+\b|^ar{2,}h?\b|\s+ar{2,}h?$", " "),  # (and a pirate's "arr")
    (r"\bt'?ing\b", "thing"),  # "that dentist ting"
    (r"\bi wants\b", "i want"),  # Welsh and West Country: "I wants a new habit"
    # Appalachian "I done went" (I went), Kenyan "put there X" (add X), Newfoundland "mark
    # 'er done" (it), a Kenyan "..., si it expires soon" (doesn't it)
    (r"\b(i|we|he|she|they) done (?=went|did|ran|read|drank|ate|bought|paid|wrote|took|made|"
     r"called|[a-z]{3,}ed\b)", r"\1 "),
    (r"\bput there (?=[a-z])", "add "),
    # "..., put done please", "..., can mark done": done, said of what came before
    (r"^(?:can )?(?:put|mark|make)(?: as| it as)? (done|finished|complete)(?=(?: please)?$)",
     r"mark it \1"),
    (r"\b(mark|tick|cross|check|put|move|push|bump|shift|delete|log|scratch|knock) (?:her|him) "
     r"(?=done|off|as|to|down|back|for|out)", r"\1 it "),
    (r"(?<=, )si (?=it\b)", ""),
    # Cantonese "mm goi" (please), "done jo" (done already); "put in a new one" (a task);
    # a learner's "I was drink 4 glass", "I need remember"; a sailor's "monday's watch" and
    # "downed 4 mugs"
    (r"\bm+ goi\b", "please"),
    (r"\bnaya (?=(?:habit|task|reminder|kaam)\b)", "new "),  # Hindi and Nepali: "naya habit"
    # Cornish and West Country "'en" (it), "afore" (before), "they plants" (the plants)
    (r"(?<![\w'])'en\b", "it"),
    (r"\bafore\b|(?<![\w'])'fore\b", "before"),
    (r"\bthey (?=plants|nets|boats|ones|chickens|tomatoes)\b", "the "),
    (r"\b([a-z]+) er ([a-z]+) ta\b", r"the \1 \2"),  # Bengali "bank er call ta": the bank call
    (r"\b(done|finished|bought|paid|called) jo\b", r"\1"),
    (r"\b(?:put|stick|pop|add) (?:in )?(?:a )?new one(?: there| in| la)?\b|"
     r"\b(?:stick|put|pop) (?:a |one )?(?:task|one) on there\b|"
     r"\b(?:put|stick|pop) (?:a |one )(?:new )?task there\b|"
     r"\b(?:chuck|stick|put|pop|throw) (?:on|in) (?:a |one )(?:new )?(?:task|one)\b", "add a task"),
    (r"\b(?:stick|put|pop|chuck|throw) (?:a |one )(low|high|top) priority (?:task|one) (?:on|in) "
     r"(?:there|the list|my list)\b", r"add a \1 priority task"),
    (r"^la(?: la)+(?=[\s,])", "no"),  # Arabic: "la la la, undo that, ghalat"
    (r"\bghalat\b", "wrong"),
    (r"\b(log|tick|mark|cross|put|add|count|record) em\b", r"\1 them"),
    (r"\bi was (drink|eat|read|run|do|go|write|call|buy|pay|water|meditate|walk|swim)\b",
     lambda m: f"i {past_tense(m.group(1))}"),
    (r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten) glass\b", r"\1 glasses"),
    (r"\b(i|we) (need|have) (?=remember\b)", r"\1 \2 to "),
    (r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)'s (?:watch|shift)\b", r"\1"),
    (r"\b(?:downed|chugged|guzzled|knocked back)\b", "drank"),
    # "..., please put for yesterday": a report kept for that day
    (r"^(?:please )?put (?:it |that )?for yesterday$", "log it for yesterday"),
    # West African Pidgin: "tick am off" (it), "push am go monday" (to), "the boy dey worry
    # me" (is), "those people no dey pick phone" (don't), "e be like oven" (it is)
    (r"\b(push|move|shift|carry|take|bring) (?:am|it) go\b", r"\1 it to"),
    (r"\b(tick|mark|cross|check|push|move|shift|add|delete|log|put|take|cancel|remove|"
     r"write|record|carry|bring|comot) am\b", r"\1 it"),
    (r"\bno dey\b", "don't"),
    (r"\b(the|my|this|that|dis|dat) ([a-z]+) dey\b", r"\1 \2 is"),
    (r"^e be\b|(?<=[,.] )e be\b|(?<=\w) e be\b", " it is"),
    # Brazilian Portuguese: "põe aí uma tarefa: ..." (put in a task), "muda o nome do X para
    # Y", "já fiz ou não?" (have I done it or not), "desfaz" (undo), "hoje" (today)
    (r"\b(?:p[õo]e|coloca|adiciona|cria)(?: a[íi])? uma (?:nova )?tarefa\b", "add a task"),
    (r"\bmuda o nome d[oa] (.+?) para (.+)$", r"change the name of \1 to \2"),
    (r"\b(?:quero|vou) criar um h[áa]bito(?: novo)?\b", "create a new habit"),
    (r"\bj[áa] fiz ou n[ãa]o\b", "have i done it or not"),
    (r"\bmuda(?: o| a)?\b", "move"), (r"\bdesfaz\b", "undo"), (r"\bhoje\b", "today"),
    (r"\bamanh[ãa]\b", "tomorrow"), (r"\bontem\b", "yesterday"),
    (r"\bescreve no meu di[áa]rio\b", "journal"), (r"\bbora focar\b", "let's focus"),
    (r"\bporque\b", "because"),
    # Spanish English: "today I no have time", "mark the milk like complete"
    (r"\b(i|you|we|they) no (?=(?:have|want|need|know|like|can|go|do|remember|finish)\b)",
     r"\1 don't "),
    (r"\blike (?=(?:complete|completed|done|finished|not done|not finished|undone)\b)", "as "),
    # "the milk I buy it already": the present said for the past
    (rf"\b(i|we) ({'|'.join(_PAST)}) (?=(?:it |that |them )?already\b)",
     lambda m: f"{m.group(1)} {_PAST[m.group(2)]} "),
    (r"\bdat\b", "that"),
    (r"\bdem\b", "them"),
    (r"\bdis\b", "this"),
    (r"\b(till|until|by|and|an) den\b", r"\1 then"), (r"(?<![\w'])'long\b", "along"),
    (r"^lewwe\b", "let's"),  # Bajan: "lewwe add a task"
    (r"\bdese\b", "these"),
    # Jamaican: "nuh badda wid dat" (don't bother with that), "mi change mi mind"
    (r"\bnuh (?:badda|bother)(?: wid (?:dat|that|it))?", "never mind"),
    (r"\bmi change(?:d)? mi mind\b", "i changed my mind"),
    (r"\bfi mi\b", "for me"),
    (r"\btek\b", "take"),  # "tek off di dentist ting": take it off the list
    # "mi nuh need it again": Jamaican "nuh" before a verb is "don't" (elsewhere a particle)
    (r"\bnuh (?=(?:need|want|pay|go|do|have|like|know|finish|call|drink|read|run|remember|"
     r"bother|care)\b)", "don't "),
    # (not the Italian "di" between two Italian words: "the permesso di soggiorno")
    (r"(?:(?<![a-z][aeio] )|(?<=nna )|(?<=tta ))\bdi (?=[a-z])|\bdi (?=[a-z])(?![a-z]+[aeio]\b)",
     "the "),
    # "mi haffi send money": "I have to ..." ("mi drink enough water today?" may ask, so
    # only before the words that cannot)
    (r"^mi (?=(?:haffi|have to|need|want|did|done|finally|just|already|go|went|soon|"
     r"change|forget|forgot|cyaan|can't|must|nuh|don't|never)\b)", "i "),
    (r"\bmi (?=(?:list|journal|diary|mind|run|water|reading|tasks|habits|report|mom|mother|"
     r"mummy|granny|phone|focus|timer)\b)", "my "),
    (r"\b(want|need|have|going|got|me|tonight|tomorrow|today|later) fi\b", r"\1 to"),
    (r"\bnuh rush\b", "no rush"),
    (r"\bhaffi\b", "have to"),
    (r"\bpon\b", "on"),
    (r"\binna\b", "in"),
    (r"\ban (?=mek|make)", "and "),
    (r"\bwi'(?=\s)", "with"),
    (r"\bwit\b", "with"),
    (r"\bfer\b", "for"),  # Newfoundland and Irish: "a habit fer me"
    (r"\bye\b", "you"),
    (r"\bt'ree\b", "three"),
    (r"\bwot\b", "what"),
    (r"\bneva\b", "never"),
    (r"\bnevamind\b", "never mind"),
    # Bajan and Geordie: "a habit fuh sea bath", "doan let me forget", "mek it", "watter"
    (r"\bfuh\b", "for"),
    (r"\bdoan\b", "don't"),
    (r"\bmek\b", "make"),
    (r"\bwatter\b", "water"),
    (r"\bpropa\b", "proper"),
    (r"\btink\b", "think"),
    # Hawaiian Pidgin: "da store", "fo' real", "what I get fo' do", "pau" (finished), "fix um",
    # "I wen water da plants" (the past), "bumbye" (later)
    (r"(?<!\btask )(?<!\bit )(?<!\bme )\bda (?=[a-z])", "the "),  # (a Tamil "da" ends a clause)
    (r"(?<=[a-z]) o$", ""),  # the Nigerian "o" that ends a clause: "push it to monday o"
    # the Tamil particle "pa" after a word that ends a clause ("for me pa", "tomorrow pa")
    (r"(?:(?<=\bme)|(?<=\btask)|(?<=\bit)|(?<=\btomorrow)|(?<=\btoday)|(?<=\bplease)) pa\b", ""),
    # Caribbean and Pidgin "de" ("start back de timer"), not the "de" of a name
    (r"\bde (?!(?:la|las|los|le|les|lo|du|da|dos|das|jong|vries|souza|sousa|silva|niro|gaulle)\b)"
     r"(?=[a-z])", "the "),
    (r"\bfo'? (?=do\b)", "to "),
    (r"(?<![\w'])fo'?(?=\s|$)", "for"),
    (r"(?<![\w'])mo'(?=\s|$)", "more"),
    (r"\bpau\b", "done"),
    (r"\b(fix|check|put|bump|move|mark|tick|cross|scratch|log|delete|take|finish|push|shift|"
     r"drop|throw|kill|stop|pause|start|add|write|note) um\b", r"\1 it"),
    (r"\b(i|we|they|dey|he|she|you) wen (?=[a-z])",
     lambda m: f"{'they' if m.group(1) == 'dey' else m.group(1)} did "),
    # the emphatic past ("I did drink two glasses", and Pidgin's "wen") said plainly, so
    # a count or a task after the verb reads as it does after "drank"
    (r"\b(i|we|they|he|she|you) did (drink|eat|run|read|do|go|buy|pay|write|take|make|send|"
     r"ring|swim|meet|get|have|give|drive|ride|water|call|fix|book|walk|jog|clean|wash|cook|"
     r"finish|submit|complete|meditate|phone|post|stretch|practise|practice)\b",
     lambda m: f"{m.group(1)} {past_tense(m.group(2))}"),
    (r"\bbumbye\b", "later"),
    (r"(?<=\w) kine(?=\s|$)", ""),
    # Newfoundland and Irish "after" perfect: "I'm after callin' Mom" is "I've just called"
    (r"\b(?:i'm|i am)(?: just)? after (?=[a-z]{3,}ing\b)", "i've just finished "),
    (r"\b(?:we're|we are)(?: just)? after (?=[a-z]{3,}ing\b)", "we've just finished "),
    # Black Country and Brummie "yow" (you) and "ar" (yes); the Minnesotan "ope"
    (r"\byow\b", "you"), (r"^(?:ar|ope)(?= (?:i|i've|i'm|we|you|yeah|so)\b)", ""),
    (r"\bgot a ?hold of\b", "called"),  # "I finally got ahold of Mom"
    # a tag after the request: "stick summat on me list will ya", "..., would ya"
    (r"(?<=\w) (?:will|would|could|can) (?:ya|ye|yer)\b", ""),
    # "I need remember send documents"
    (r"\bneed (?:to )?remember (?=(?:send|call|buy|pay|book|get|take|pick|renew|fix|clean|"
     r"email|write|finish|return|submit|water|bring|collect)\b)", "need to remember to "),
    (r"^for me (make|add|create) (?:a |one )?(task|habit)\b", r"\1 a \2"),
    (r"\bchange (?:the )?day\b", "change the date"),
    (r"\bwatah\b", "water"), (r"^ayuh\b", ""),  # Maine: "two glasses of watah", "ayuh"
    (r"^(?:i )?need (?:ya|you) to (?=(?:add|put|move|mark|log|start|delete)\b)", ""),
    (r"\b(?:and )?call it (low|high|top|normal) priority\b", r"make it \1 priority"),
    (r"\bdays running\b", "days in a row"),
    # a learner's "I call to my mother", "write to the bank"
    (r"\b(i|we|please|to) (call|phone|ring|text|email) to (?=(?:my|the|your|our) )", r"\1 \2 "),
    (r"\bit (?:men|man|mate|bro|bruv|dude)\b", "it"),  # "remove it men, ...": said to someone
    (r"\bsummat\b", "something"),
    (r"\bnowt\b", "nothing"),
    (r"\bowt\b", "anything"),
    (r"\bgi' us\b", "give me"),
    # the possessive "me" of Irish, Australian and northern English: "on me list", "in me
    # diary", only before the nouns a command names (so "remind me tomorrow" keeps its "me")
    (r"\bme (?=(?:list|lists|diary|journal|jobs|tasks|habits|mam|mum|ma|mom|nan|dad|da|"
     r"breakfast|lass|to do list|"
     r"todo list)\b)", "my "),
    (r"\b(did|done|finished|had|logged) me (?!(?:a|an|the|up|out|in|good|proud)\b)(?=[a-z])",
     r"\1 my "),
    # "move me report to monday": a command's "me" before a noun it acts on
    (r"^((?:can you |could you )?(?:move|push|shift|bump|delete|bin|scrap|reschedule|postpone|"
     r"tick off|cross off)) me (?!(?:a|an|the|to|up|down|back|on|off|in|out|for|at|about|"
     r"some|one)\b)(?=[a-z]{3,} (?:to|till|until|for|off|as)\b)", r"\1 my "),
    (r"\b(track|tracking|of|log|logging) me (?=[a-z]{3,}ing\b)", r"\1 my "),  # "track of me
    # feeding the chickens"
    # the Southern and Cajun "I done drank": "done" before a past tense says it is finished
    (r"\b(i|we|he|she|they|you) done (?=(?:[a-z]+ed|drank|drunk|ate|ran|went|read|wrote|paid|"
     r"got|took|made|rang|bought|did|had|gave|sent|called|finished|booked|watered|sold|told|"
     r"talked|spoke|meditated)\b)", r"\1 "),
    # Hindi light verbs after an English one ("log kar do", "shift karo na", "start karo"):
    # the English verb is the command
    (r"\b(log|add|start|stop|pause|resume|shift|move|undo|delete|remove|complete|track|open|"
     r"cancel|set|mark|check|update|save|note|reschedule|postpone|list|show|repeat|finish|"
     r"done|create) (?:kar do|kardo|kar dena|kar dijiye|kar dijie|kijiye|karo|kar na)"
     r"(?: na| please| yaar| bhai)?(?=\s|$)", r"\1"),
    # "buy milk wala task", "bank wale call": the word names what goes before it
    (r"(?<=[a-z]) (?:wala|wali|wale|waala|waali|waale)\b", ""),
    (r"\baaj\b", "today"),
    # Hindi postpositions after a day: "friday tak" is "by friday", "next monday ko" "on it"
    (rf"\b({_DAY}) tak\b", r"by \1"),
    (rf"\b({_DAY}) (?:ko|pe|par)\b", r"\1"),
    (rf"\b({_DAY}) can(?=[\s?.!]*$)", r"\1"),  # Manglish: "next monday can" (is that OK)
    # Indian English emphasis: "by tomorrow itself", "low priority only"
    (rf"\b({_DAY}) itself\b", r"\1"),
    (rf"\b({_DAY}) like$", r"\1"),  # "next monday like"
    (r"\b((?:high|low|top) priority) only\b", r"\1"),
    (r"\bek (?=(?:task|reminder|habit|focus|pomodoro|session|timer)\b)", "a "),
    # Scots: "did ah dae ma meditatin' the day?", "hiv ah had ma eight glasses o watter",
    # "ah cannae mind if ah phoned ma maw", "whit's the story wi the bank call" (before the
    # particle "ah" below, which is no "I")
    (r"\b(did|do|dae|hae|hiv|have|had|can|cannae|canna|will|wid|would|should|if|whether|when|"
     r"an|and|so|that|cos|coz) ah\b", r"\1 i"),
    (r"^(?:och|ach|aye|naw)? ?ah(?=(?:'(?:ve|m|ll|d)|(?: (?:need|want|have|hae|hiv|had|did|dae|"
     r"went|goat|got|phoned|rang|called|cannae|canna|dinnae|didnae|am|wis|just|forgot|think|"
     r"dunno|don't|can't|didn't|wanted|wantae|huvtae|hud|still|already|done))\b))", "i"),
    (r"\bah(?='(?:ve|m|ll|d)\b)", "i"),
    (r"^(?:och|ach)\b", ""),
    (r"\ban (?=i\b)", "and "),
    (r"\bma (?=[a-z]{2,})(?!am\b)", "my "),
    (r"\bmaw\b", "mom"),
    (r"\bdae\b", "do"),
    (r"\b(?:hae|hiv|huv)\b", "have"),
    (r"\b(?:huvtae|haftae|havetae)\b", "have to"),
    (r"\bwantae\b", "want to"),
    (r"\bhud\b", "had"),
    (r"\bdinnae\b", "don't"),
    (r"\bdidnae\b", "didn't"),
    (r"\b(?:cannae|canna)\b", "can't"),
    (r"\b(is|was|has|have|would|could|should|does)nae\b", r"\1n't"),
    (r"\bwisnae\b", "wasn't"),
    (r"\bwis\b", "was"),
    (r"\btae\b", "to"),
    (r"\bfae\b", "from"),
    (r"\bwhit\b", "what"),
    (r"\bwi\b", "with"),
    (r"\bfur (?=(?:me|us|work|the|next|this|today|tomorrow|tonight|yesterday|a|an|my|"
     rf"{'|'.join(WEEKDAYS)})\b)", "for "),
    (r"^mind me (?=(?:to|tae) )", "remind me "),
    (r"^aye\b(?! or\b)", "yes"),
    (r"^naw\b", "no"),
    (r"\b(?:intae|intil)\b", "into"),
    (r"\bontae\b", "onto"),
    (r"\bpit (?=(?:it|that|this|them|doon|down|on|in|the)\b)", "put "),
    (r"\baff\b", "off"),
    (r"\boot\b", "out"),
    (r"\bdoon\b", "down"),
    (r"\bthe (?:noo|now)\b", "now"),
    (r"\bnoo\b", "now"),
    (r"\bthe nicht\b", "tonight"),
    (r"\bthe day(?=\s*$|\s+(?:or|yet|already|at|too|an|and|so|then|please|eh)\b)", "today"),
    (r"\b(i've|i|we've|you've|have|ah've) goat\b", r"\1 got"),
    (r"\bpeyed\b", "paid"),
    (r"\bpey\b", "pay"),
    (r"\bgie\b", "give"),
    (r"\b(show|give|tell) us\b", r"\1 me"),
    (r"^gonnae no\b", "don't"),
    (r"^gonnae\b", "will you"),
    (r"\b(?:cannae|can't|canna|don't|dinnae) mind (?=(?:if|whether|when|what)\b)",
     "can't remember "),
    (r"(?<!day )(?<!row )(?<!night )\bo "
     r"(?=(?:water|milk|tea|coffee|the|my|it|them|that|this|those)\b)", "of "),
    (r"\baw (?=(?:day|mornin|morning|week|night|the|my|of)\b)", "all "),
    (r"\b(morn|even|noth|someth|anyth|everyth|meet|read|runn|walk|meditat|swimm|clean|writ|ring|phon|"
     r"call|shopp|work)in\b", r"\1ing"),
    (r"\bscore (it|that|them|this) (?:off|aff)\b", r"cross \1 off"),
    (r"\b(?:aye )?or (?:naw|no)(?:,? (?:did|have|had) i)?[?.!]*$", "or not"),
))
#: Taglish (Filipino English), read only in a line that holds one of its words (some 80
#: patterns; an English line is spared them): see ``_TAGLISH_WORDS``.
_TAGLISH: tuple[tuple[re.Pattern[str], _Plain], ...] = tuple((re.compile(p), r) for p, r in (
    # Taglish (Filipino English): "pakiset the report to high priority po", "ano tasks ko
    # for tomorrow", "nabili ko na yung milk" ("paki-" is "please", "po" respect, "lang"
    # "just", "ko" "my"/"I" after its word, "yung" "the", "ng" "of")
    # its verbs ("i-undo mo yun": undo that, "i-mark mo na as done": mark it as done,
    # "pa-log naman": log it, "nag-meditate ako kahapon": I meditated yesterday), its
    # numbers before a noun ("tatlong baso ng tubig": three glasses of water), and the words
    # a command turns on (the hyphen is a space here)
    (r"\bi ([a-z]+) mo(?: na)?(?= (?:as|sa)\b|$)", r"\1 it"),
    (r"\bi ([a-z]+) mo(?: na| nga)?\b", r"\1"),
    (r"\bnakalimutan ko(?:ng)? i (?=[a-z])", "i forgot to "),
    (r"\bpa (log|check|mark|tick|save|record|note|add|delete|remove|undo)(?=(?: naman| na lang| "
     r"nga| po)*$)", r"\1 it"),
    (r"\bpa (?=(?:log|check|mark|tick|save|record|note|add|delete|remove|undo|journal|move|"
     r"start|stop|pause|read)\b)", ""),
    (r"\bnag ([a-z]+) (?:na )?ako\b",
     lambda m: f"i {past_tense(m.group(1))}"),
    (r"\bnaka (?=[a-z]+ng\b|apat\b|anim\b|siyam\b)", "i had "),
    (r"\b(?:yung|ang) sa\b", "the"),
    (r"\b(?:isang|isa)\b", "one"), (r"\b(?:dalawang|dalawa)\b", "two"),
    (r"\b(?:tatlong|tatlo)\b", "three"), (r"\bapat(?: na)?\b", "four"),
    (r"\b(?:limang|lima)(?= na\b| ng\b| baso\b| minuto\b| oras\b| beses\b)", "five"),
    (r"\banim(?: na)?\b", "six"), (r"\b(?:pitong|pito)\b", "seven"),
    (r"\b(?:walong|walo)\b", "eight"), (r"\bsiyam(?: na)?\b", "nine"),
    (r"\b(?:sampung|sampu)\b", "ten"),
    (r"\bbaso\b", "glasses"), (r"\btubig\b", "water"), (r"\bminuto\b", "minutes"),
    (r"\b(?:na )?ako\b(?= (?:of|ng) )", ""),  # "... baso na ako ng tubig"
    (r"\bkahapon\b", "yesterday"), (r"\bbukas\b", "tomorrow"), (r"\bngayon\b", "today"),
    (r"\bmamaya\b", "later"), (r"\bkanina\b", "earlier"),
    (r"\bhindi pa tapos\b", "not done yet"), (r"\btapos na\b", "done"),
    (r"\bhindi(?: pa| na)?(?: naman)? (?=(?:urgent|important|priority|needed|kailangan)\b)",
     "not "),
    (r"\bdone na ako\b", "i'm done"),
    (r"\b(?:natawagan|tinawagan)(?: ko)?(?: na)?\b", "i called"),
    (r"\b(?:nabayaran|binayaran)(?: ko)?(?: na)?\b", "i paid"),
    (r"\b(?:nadiligan|diniligan)(?: ko)?(?: na)?\b", "i watered"),
    (r"\bmag dilig\b|\bdiligan\b", "watering"), (r"\bdilig\b", "water"),
    (r"\bbangko\b", "bank"),
    (r"\b(?:itigil|ihinto|tigil|hinto)(?: mo)?(?: na)?\b", "stop"),
    (r"\b(?:ituloy|tuloy)(?: mo)?(?: na)?\b", "continue"),
    (r"\bsimulan(?: mo)?(?: na)?\b", "start"),
    (r"\bbasahin(?: mo)?(?: nga)?\b", "read"),
    (r"\b(?:burahin|tanggalin|alisin)(?: mo)?(?: na)?\b", "delete"),
    (r"\bilipat(?: mo)?\b", "move"),
    (r"\bpwede(?: ba(?:ng)?)? (?:ilipat )?sa\b", "move it to"),
    (r"\b(?:gawa|gumawa) ka ng bagong\b", "make a new"), (r"\bbagong\b", "new"),
    (r"\bgawin mo(?:ng)? (high|low|top)(?: priority)? (?:yung|ang) (.+)$",
     r"make \2 \1 priority"),
    (r"\b(?:paki ?)?(?:i )?lagay(?: mo)?(?: naman)? sa (?:to do|list|listahan)(?: ko)? "
     r"(?:yung|ang) (.+)$",
     r"add \1 to my list"),
    (r"\badd mo(?: nga)? sa (?:list|to do|listahan)\b", "add to my list"),
    (r"\bilan(?:g)?(?: na)?(?: ba)? (?:ang )?natapos(?: ko(?:ng)?)? (tasks?|gawain)\b",
     r"how many \1 did i finish"),
    (r"\bkumusta(?: na)?\b", "how is"), (r"\bilan(?:g)?\b", "how many"),
    # someone else told of ("alam mo ba, si lola hindi umiinom ng tubig": you know, grandma
    # doesn't drink water)
    (r"^alam mo ba\b", ""), (r"\bsi lola\b", "my grandma"), (r"\bsi lolo\b", "my grandpa"),
    (r"\bsi (?:mama|nanay|inay)\b", "my mom"), (r"\bsi (?:papa|tatay|itay)\b", "my dad"),
    (r"\bsi kuya\b", "my brother"), (r"\bsi ate\b", "my sister"),
    (r"\bpagbabasa\b", "reading"), (r"\bpagtakbo\b", "running"),
    (r"\bhuli(?:ng)? (?:ko(?:ng)? )?sinulat\b", "last entry"),
    (r"\bulit\b", "again"), (r"\bay mali\b", "oops wrong"), (r"^(?:uy|ay|hay)\b", ""),
    (r"\b(?:yun|iyon|iyan|yan)\b", "that"),
    (r"\bkailangan ko(?:ng)?(?: na)?(?: talaga)?\b", "i really need to"),
    (r"\bpara matapos(?: ko)?(?: na)?\b", "to finish"),
    (r"\b([a-z]+) tayo ng\b", r"\1 a"), (r"(?<=\w) (?:na )?tayo\b", ""),
    (r"\bsa (?=(?:next |this )?(?:week|weekend|tomorrow|today|tonight|"
     rf"{'|'.join(WEEKDAYS)})\b)", ""),
    (r"\bsa (?=journal\b)", "in my "),
    (r"\bpero\b", "but"), (r"(?<=\w) kasi(?= \w)", " because"),
    (r"\bpara (?=(?:hindi|di|ma[a-z]+)\b)", "so that "),
    (r"\b(?:paki ?)?(?:i )?lagay(?: mo)?(?: naman)?$", ""),
    (r"\b(?:paki ?)?(?:i )?balik(?:in)?(?: mo)?(?: naman)? sa (?:to do|list|listahan)\b",
     "put it back on my list"),
    (r"\bstreak(?: ko)? sa\b", "streak for"),
    (r"(?<=\bto )mag (?=[a-z]{3,})", ""),
    (r"\b(?:nga|talaga)\b", ""), (r"(?<=\w) ha$", ""),
    (r"\bpaki[- ]?(?=[a-z]{3,})", ""),
    (r"(?<=[a-z]) ko\b", ""),
    (r"(?<=\w) (?:po|opo)(?=[\s,.!?:]|$)|^(?:po|opo) ", " "),
    (r"(?<=\w) (?:na lang|lang|naman|pala|ba|kasi)(?=[\s,.!?:]|$)", " "),
    (r"^ano(?: na)?(?: ang| yung)? status\b", "what's the status"),
    (r"^ano\b", "what"),
    (r"\bnabili\b", "bought"),
    (r"\b(bought|done|finished|called|paid|watered) na\b", r"\1"),
    (r"\b(?:yung|ung)\b", "the"),
    (r"\bng\b", "of"),
    (r"\bsige\b", "ok"),
))
_TAGLISH_WORDS = re.compile(
    r"\b(?:paki\w*|ko|mo|po|opo|na|lang|naman|pala|ba|kasi|ano|nabili|yung|ung|ng|sige|ako|nag|"
    r"naka|pa|kahapon|bukas|ngayon|mamaya|kanina|tapos|hindi|natawagan|tinawagan|nabayaran|"
    r"binayaran|nadiligan|diniligan|dilig|diligan|mag|bangko|itigil|ihinto|tigil|hinto|ituloy|"
    r"tuloy|simulan|basahin|burahin|tanggalin|alisin|ilipat|pwede|gawa|gumawa|bagong|gawin|"
    r"lagay|balik|balikin|kumusta|ilan|ilang|natapos|alam|si|pagbabasa|pagtakbo|huli|huling|"
    r"ulit|ay|uy|hay|yun|iyon|iyan|yan|kailangan|para|tayo|sa|ang|pero|nga|talaga|ha|isa|isang|"
    r"dalawa|dalawang|tatlo|tatlong|apat|lima|limang|anim|pito|pitong|walo|walong|siyam|sampu|"
    r"sampung|baso|tubig|minuto)\b")
_AFTER_TAGLISH: tuple[tuple[re.Pattern[str], _Plain], ...] = tuple(
    (re.compile(p), r) for p, r in (
    # particles that colour a sentence and name nothing, anywhere in it: Singlish and
    # Malaysian ("pause first lah", "the dentist thing ah, change it can or not"), Thai
    # politeness ("cancel krub"), the Hindi "yaar" (friend)
    # "can add one task or not, ...": a request, its "or not" only asks
    (r"^(?:eh |wah |aiya |aiyo )?can ((?:add|create|make|put|start|stop|pause|move|push|mark|"
     r"delete|log|set|change|show|tell)\b[^,]*?) or not\b", r"can you \1"),
    (r"(?:^|\s)(?:lah|leh|lor|liao|sia|hor|aiyo+|aiyah|aiya|wah|krub|khrap|krap|khrub|kha|yaar|"
     r"nuh|ehn|paa|bhai|machan|fam|habibi|habibti|yalla|khalas|bas|insha'?allah|"
     r"in ?sha'? ?allah)"
     r"(?=[\s:]|$)|(?<=\w) ah(?=\s|$)|\s+can or not(?=\s|$)", " "),
    # Indonesian "..., next saturday ya" (okay?), "add task for me ya, ..."
    (r"(?:(?<=day)|(?<=week)|(?<=\bme)|(?<=now)|(?<=please)) ya(?=\s*,|\s*$|\s)", ""),
    (r"(?<=\w) ka(?=\s*,|\s*$)", ""),  # Thai politeness: "..., finish already ka"
    (r"(?:^|\s)po(?: po)+(?=\s|$)", " "),  # Greek surprise: "finally, po po po, mark it done"
    (r"^lo(?: lo)+(?=[\s,])", "no"),  # Hebrew: "lo lo lo, it was a mistake"
    (r"^non(?: non)+(?=[\s,])", "no"),  # French: "non non, undo that"
    # words of address anywhere: Newfoundland "b'y", Hawaiian "brah", Scouse "la" (not
    # "fly to LA"), Newfoundland "luh" (look)
    (r"(?<![\w'])(?:b'y|brah|bruddah|braddah|luh)(?![\w'])|"
     r"(?<!\bto)(?<!\bin)(?<!\bat)(?<!\bfrom)(?<!\bde) la(?=\s|$)", " "),
    (r"\b(?:paani|pani)\b", "water"),
))
#: Words said after a comma at the end that only colour the line ("..., me", "..., hear?",
#: "..., reet?", "... whatever..."): on the text as written, since the comma (or a trailing
#: off) is what marks them.
_SIGN_OFF = re.compile(r"(?:[,\s]*,|\.{2,}|\u2026)\s*(?:me|hear|you hear|ya hear|yeah|reet|innit|"
                       r"cher|mon ami|podnah|"
                       r"namaste|khalas|there's a good (?:lad|lass|girl|boy)|will tha|will thee|"
                       r"na|ji|yaar|bhai|bambi|mai pen rai|mun|butt|okay|ok|alright|all right|"
                       r"(?:me|my) (?:son|love|lover|ducky|darlin'?g?)|"
                       r"lad|la|wha|go 'ed|go ahead|luh|b'y|brah|heard|yes chef|chef|ta|"
                       r"i guess|i suppose|whatever|praise the lord|amen|hallelujah|"
                       r"let me see|let's see|let me think|no tension|takk|tusen takk|dear|"
                       r"slower|more slowly|louder|"
                       r"(?:don't|doan) let me forget(?: nuh)?)"
                       r"\s*[.!?]*\s*$", re.IGNORECASE)


#: Kenyan English with Swahili and Sheng words ("futa the dentist thing", "anzisha focus
#: session", "nimekunywa maji glasi tatu", "..., stima iko chini"): each word read in
#: English, so a command reads and an aside reads as one ("the power is down"). These words
#: are read wherever they are said; ``_SWAHILI_TOO`` (names and words elsewhere: "Leo",
#: "Aki", "Sita", the Japanese "maji") only in a line that holds one of them.
_SWAHILI = {
    "eish": "", "bana": "", "manze": "", "tafadhali": "please",
    "mathe": "mom", "futa": "delete", "anzisha": "start", "niongezee": "add", "ongeza": "add",
    "nimemaliza": "i finished", "nimenunua": "i bought",
    "tayari": "already", "nimekunywa": "i drank",
    "hakuna": "there's no", "nataka": "i want", "sitaenda": "i won't go",
    "zimefungwa": "are closed", "iko chini": "is down", "ameenda": "went",
    "sikumaanisha": "i didn't mean", "kuongeza": "to add", "inakam": "is coming",
    "stima": "the power", "pole pole": "slowly",
}
_SWAHILI_TOO = {
    "ngapi": "how many", "aki": "", "maji": "water", "glasi": "glasses", "iko": "is",
    "leo": "today", "kesho": "tomorrow", "jana": "yesterday", "tena": "again", "sana": "very",
    "kukaa": "to stay", "fiti": "fit", "moja": "one", "mbili": "two", "tatu": "three",
    "nne": "four", "tano": "five", "sita": "six", "saba": "seven", "nane": "eight",
    "tisa": "nine", "kumi": "ten",
}


#: Bengali in Bangladeshi English ("ammu ke phone korechi": I called mom, "bank er call ta":
#: the bank call, "focus mode chalu koro": focus mode on), read the same way.
_BENGALI = {
    "ammu": "mom", "amma": "mom", "abbu": "dad", "ke phone korechi": "i called",
    "phone korechi": "i called", "korechi": "i did", "kinechi": "i bought",
    "chalu koro": "on", "chalu": "on", "bondho koro": "off", "kaaj": "tasks",
    "alhamdulillah": "", "inshallah": "",
}
_BENGALI_TOO = {"er": "", "ta": "", "koro": "do"}  # ("X er Y ta": the X Y)
#: Nepali in Nepali English ("hijo meditate gareko thiye": I meditated yesterday, "bank ko
#: kaam, friday ma sakdina": the bank task, I can't on friday).
_NEPALI = {
    "hajur": "", "aaja": "today", "piye": "drank", "garau": "",
    "garne": "", "gareko thiye": "did", "gareko": "did", "thiye": "",
    "galti bhayo": "my mistake", "sakdina": "i can't", "garcha": "", "kaam": "task",
}
_NEPALI_TOO = {"hijo": "yesterday", "naya": "new", "ko": "", "ma": "", "le": "", "ani": "and",
               "hai": ""}  # ("hijo" is Spanish for "son", "Naya" a name)
#: Tamil in Tamil English ("Machi, add one task da", "konjam focus pannanum": I need to focus
#: a bit, "report innum ready aagala": the report still isn't ready); the particles "da" and
#: "pa" only beside a word that is surely Tamil.
_TAMIL = {
    "machi": "", "aiyo": "", "aiyoo": "", "konjam": "a bit", "pannanum": "", "pannu": "do",
    "panniten": "i did", "innum": "still", "aagala": "not", "seri": "ok", "romba": "very",
    "sollu": "tell me",
}
_TAMIL_TOO = {"da": "", "pa": "", "amma": "mom"}
#: Haitian Creole in English ("mezanmi, I finally called manman", "bank lan closed friday",
#: "mwen te medite yesterday": I meditated, "ann kòmanse": let's start).
_HAITIAN = {
    "tanpri": "please", "mezanmi": "", "manman": "mom", "dlo": "water", "mwen te": "i",
    "mwen": "i", "ann kòmanse": "let's start", "kòmanse": "start", "enpòtan": "important",
    "anpil": "very", "sa a": "this", "medite": "meditated", "bondye": "", "wi": "yes",
}
_HAITIAN_TOO = {"lan": "", "la": "", "te": ""}  # ("bank lan": the bank)
#: Zulu in South African English ("yebo, new task", "buy airtime for umama", "delete the
#: plants task mfethu", "haibo, undo that").
_ZULU = {
    "yebo": "yes", "umama": "mom", "ubaba": "dad", "mfethu": "", "haibo": "", "sawubona": "",
    "ngiyabonga": "thanks", "hhayi": "no", "manje": "now",
}
#: Nigerian Pidgin and Yoruba in English ("oya, add ...", "abeg", "push the report to monday
#: o, my oga is travelling", "e no too urgent", "I wan face this report well well").
_YORUBA = {
    "oya": "", "abeg": "please", "jare": "", "wahala": "trouble", "sha": "", "abi": "",
    "oga": "boss", "e no too": "it's not too", "e no": "it's not", "well well": "",
}
_YORUBA_TOO = {"o": "", "wan": "want to"}
#: Amharic in Ethiopian English ("selam, eshi, add new task", "this week bezu work").
_AMHARIC = {"selam": "", "eshi": "ok", "ishi": "ok", "bezu": "a lot of", "betam": "very",
            "ameseginalehu": "thanks"}
#: Georgian in English ("I call to my deda already").
_GEORGIAN = {"deda": "mom", "gamarjoba": "", "madloba": "thanks", "kargi": "ok"}
#: Moroccan Darija and French in English ("wakha, new task please", "bghit a new habit",
#: "the milk, lhlib, I bought it already, check it off khouya", "lance a focus session").
_DARIJA = {
    "wakha": "ok", "yallah": "", "bghit": "i want", "khouya": "", "khoya": "", "khti": "",
    "lhlib": "the milk", "hamdullah": "", "hamdoulilah": "", "hamdoullah": "", "safi": "ok",
    "daba": "now", "mzyan": "good", "bzaf": "very", "afak": "please", "3afak": "please",
    "wallah": "", "c'est urgent": "it's urgent",
}
_DARIJA_TOO = {"lance": "start", "c'est": "it's"}
#: Marathi in Pune English ("aai la phone kela": I called mom, "report cha deadline": the
#: report's deadline, "aaj meditation zhala": meditation is done today, "thamb thamb").
_MARATHI = {
    "aai la phone kela": "i called mom", "kay zhala": "what happened",
    "kay zala": "what happened", "phone kela": "i called", "kela": "did", "aai": "mom",
    "karuya": "", "zhala": "done", "zala": "done", "aanla": "bought", "madhun": "from",
    "thamb": "wait", "aala": "came", "kay kay aahe": "what is there",
    "aahe": "is", "kiti divas": "how many days", "zhale": "", "sang na": "tell me",
}
_MARATHI_TOO = {"chal": "", "na": "", "cha": "", "ho": "yes", "kay": "what",
                "nako": "no", "aaj": "today", "arre": ""}
#: Fijian in Fiji English ("kerekere, add a task": please, "io": yes, "sa oti the milk": the
#: milk is done, "no talanoa for me now": no chatting, "sole": mate).
_FIJIAN = {
    "bula": "", "kerekere": "please", "vinaka": "thanks", "io": "yes", "sa oti": "done",
    "isa": "", "sega": "no", "talanoa": "chat",
}
_FIJIAN_TOO = {"mada": "", "sole": "", "tinaqu": "mom", "nana": "mom"}
#: Italian in English ("allora, add please: ...", "scusa", "aspetta, pause the timer",
#: "segna please": mark it).
_ITALIAN = {
    "allora": "", "scusa": "sorry", "ecco": "", "aspetta": "wait", "segna": "mark it",
    "mamma mia": "", "per favore": "please", "grazie": "thanks", "basta": "enough",
}
_ITALIAN_TOO = {"mamma": "mom"}
#: Cebuano in Cebu English ("palihug": please, "naka-inom na ko ug 3 ka baso sa tubig": I
#: drank 3 glasses of water, "usba ang call the bank, himoa next monday": change it, make it
#: next monday, "unsa may sunod nako buhaton": what should I do next).
_CEBUANO = {
    "palihug": "please", "gyud": "", "wala pa diay": "not yet", "wala pa": "not yet",
    "naka inom na ko ug": "i drank",
    "naka inom ko ug": "i drank", "ka baso sa tubig": "glasses of water", "tubig": "water",
    "para sa": "for", "usba": "change", "himoa": "make it", "kaayo": "very",
    "ugma": "tomorrow", "kanus a ba due ang": "when is", "kanus a": "when",
    "pila na ka": "how many", "pila ka": "how many",
    "akong nahuman": "did i finish", "nahuman": "finished",
    "unsa may sunod nako buhaton": "what should i do next", "kapoy na ko": "i'm tired",
    "sugdi": "start", "magtrabaho na ko": "i will work", "nabisibisan na nako": "i watered",
    "nabisibisan nako": "i watered", "mga tanom": "the plants", "tanom": "plants",
    "ay sayop man": "my mistake", "sayop": "wrong", "ilisan nato": "let's change",
    "dili pa nako mahuman": "i can't finish it", "kahibalo ka": "do you know",
    "wala na gyud koy": "i have no", "wala na koy": "i have no", "basin": "maybe", "grabe": "",
    "bai": "",
}
_CEBUANO_TOO = {"i unmark": "unmark", "i log": "log", "karon": "today", "ang": "the", "na": "",
                "ba": "", "ko": "i", "oy": "", "sige": "ok", "kay": "because", "man": "",
                "nako": "i", "akong": "my", "diri sa": "here in"}
#: Burmese in Yangon English ("mingalaba", "my a-may told me", "three glass of yay": water,
#: "hoke ke?": right?).
_BURMESE = {
    "mingalaba": "", "a may": "mom", "amay": "mom", "hoke ke": "", "nay ba ohn": "",
    "sayar": "the teacher", "kyay zu tin ba deh": "thanks", "kyeizu": "thanks",
}
_BURMESE_TOO = {"yay": "water", "la": "", "ya": ""}
#: Malayalam in Kerala English ("ayyo", "eda", "one new task venam": I want, "high priority
#: aane": it is, "amma wants curd also").
_MALAYALAM = {"ayyo": "", "eda": "", "venam": "", "aane": "", "alle": "", "chetta": "",
              "chechi": ""}
_MALAYALAM_TOO = {"da": "", "amma": "mom"}
#: Estonian, Hausa and Latvian greetings, thanks and yes/no ("tere", "aitäh", "don Allah
#: add ...": please, "wallahi", "yauwa", "low priority kawai": only, "lūdzu", "nē, nē").
_ESTONIAN = {"tere": "", "aitäh": "thanks", "aitah": "thanks"}
_HAUSA = {"don allah": "please", "wallahi": "", "yauwa": "ok", "kawai": "", "sannu": ""}
_LATVIAN = {"lūdzu": "please", "ludzu": "please", "nē": "no", "paldies": "thanks", "labi": "ok"}
#: Odia, Tigrinya and Lao words of yes, please, thanks and greeting ("..., hau, it expired
#: again": yes; "bhul hei gala": a mistake was made; "bejaka, put on my list ...": please;
#: "yekenyeley": thanks; "ishi": okay; "sabaidee, please add ...": hello).
_ODIA = {"hau": "", "bhul hei gala": "my mistake", "aji": "today"}
_TIGRINYA = {"bejaka": "please", "yekenyeley": "thanks", "ishi": "ok"}
_LAO = {"sabaidee": "", "khop jai": "thanks", "khopjai": "thanks"}
#: Shakespeare's English ("the bank hath been called", "move it unto next wednesday",
#: "four goblets of water have I quaffed").
_EARLY_MODERN = {
    "hath": "has", "doth": "does", "thou": "you", "thee": "you", "thy": "your",
    "unto": "to", "'tis": "it is", "quaffed": "drank", "remaineth": "remains",
    "i beseech you": "please", "i beseech thee": "please", "i pray you": "please",
    "i pray thee": "please", "i pray": "please", "prithee": "please", "alas": "", "hark": "",
}


def _words(table: dict[str, str]) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w'])(?:{words})(?![\w'])")


#: Each language's words, the words read only beside them, and a last rewrite.
_GLOSSARIES: tuple[tuple[dict[str, str], re.Pattern[str], dict[str, str], re.Pattern[str],
                         tuple[tuple[str, str], ...]], ...] = tuple(
    (words, _words(words), too, _words(too), after) for words, too, after in (
        # "nimemaliza tasks ngapi this week?": how many tasks did I finish
        (_SWAHILI, _SWAHILI_TOO, ((r"^i finished (tasks?|things) how many\b",
                                   r"how many \1 did i finish"),)),
        (_BENGALI, _BENGALI_TOO, ()),
        (_NEPALI, _NEPALI_TOO, ()),
        (_TAMIL, _TAMIL_TOO, ()),
        (_DARIJA, _DARIJA_TOO, ()),
        (_HAITIAN, _HAITIAN_TOO, ()),
        (_ZULU, {}, ()),
        (_YORUBA, _YORUBA_TOO, ()),
        (_AMHARIC, {}, ()),
        (_GEORGIAN, {}, ()),
        (_MARATHI, _MARATHI_TOO, ()),
        (_FIJIAN, _FIJIAN_TOO, ()),
        (_ITALIAN, _ITALIAN_TOO, ()),
        (_CEBUANO, _CEBUANO_TOO, ()),
        (_BURMESE, _BURMESE_TOO, ()),
        (_MALAYALAM, _MALAYALAM_TOO, ()),
        (_ESTONIAN, {}, ()),
        (_HAUSA, {}, ()),
        (_LATVIAN, {}, ()),
        (_ODIA, {}, ()),
        (_TIGRINYA, {}, ()),
        (_LAO, {}, ()),
        (_EARLY_MODERN, {}, ()),
    ))


def glossary_word(word: str) -> bool:
    """Whether ``word`` is one the glossaries read in English ("umama", "amma"): a title
    keeps it as it was said."""
    return any(word in words or word in too for words, _, too, _, _ in _GLOSSARIES)


def _swap(said: re.Pattern[str], table: dict[str, str], text: str) -> str:
    return said.sub(lambda m: table[m.group()], text)


def _in_english(text: str) -> str:
    """The words of each glossary (``_SWAHILI``, ``_BENGALI``, ...) in English."""
    for words, said, too, said_too, after in _GLOSSARIES:
        if said.search(text):
            text = _swap(said_too, too, _swap(said, words, text))
            for pattern, plain in after:
                text = re.sub(pattern, plain, text)
    return text


def _rewrite(text: str, rules: tuple[tuple[re.Pattern[str], _Plain], ...]) -> str:
    for pattern, plain in rules:
        text = pattern.sub(plain, text)
    return text


def plain_spellings(text: str) -> str:
    """``text`` (lower case, apostrophes kept) with dialect spellings made plain."""
    text = _in_english(_rewrite(text, _SPELLINGS))
    if _TAGLISH_WORDS.search(text):
        text = _rewrite(text, _TAGLISH)
    return re.sub(r"\s+(?=:)", "", re.sub(r"\s+", " ", _rewrite(text, _AFTER_TAGLISH))).strip()


#: The same words said between commas, or before a colon: "a new habit, cher: walking",
#: and an interjection said so ("finally, po po po, mark it done", "jot down, let me see,
#: collect the grandchildren").
_VOCATIVE = re.compile(r"\s*,\s*(?:cher|yaar|mun|butt|bhai|podnah|mon ami|mate|bro|bruv|dude|lah|"
                       r"po(?: po)+|"
                       r"brother|sister|my friend|good sir|sir|madam|ma'am|friends|folks|guys|"
                       r"everyone|y'all|sweetie|kiddo|buddy|child|brothers and sisters|matey|"
                       r"machan|men|fam|good scribe|me 'ansum|my 'ansum|hajur|bru|boet|"
                       r"nu|tachles|walla|wallah|sweetheart|my lover|"
                       r"let me see|let me think|let's see|if you please|ya feel me|you feel me|"
                       r"if you (?:would|will) be so (?:good|kind))"
                       r"\s*(?=[:,!])|"
                       # a word of address first: "Sweetie, let's move ..."
                       r"^\s*(?:sweetie|sweetheart|honey|buddy|kiddo|darling|my friend)"
                       r"\s*,\s*(?=\w)|"
                       # a tag question between sentences: "..., okay? Call it ..."
                       r"\s*,\s*(?:okay|ok|alright|all right|right)\s*(?=\?\s+\S)|"
                       # these name no thing, so no comma is needed before them ("the
                       # lad, ..." and "my son, ..." may name someone)
                       r"(?<!\bthe)(?<!\ba)(?<!\bmy)(?<!\bour)(?<!\bthat)(?<!\bthis)"
                       r"\s+(?:lad|la|b'y|brah|me son|me ducky|na)\s*(?=[:,])",
                       re.IGNORECASE)


#: A hedge said last with no comma before it: "... by tonight i guess...".
_HEDGE = re.compile(r"(?<=\w)\s+(?:i guess|i suppose)\s*[.!?\u2026]*\s*$", re.IGNORECASE)


#: Words said to someone else in the room after a dash: "..., due tomorrow — Mia, no,
#: that's not food", "— Noah, gentle hands!", "— no Mia, that's mommy's water".
_TO_SOMEONE = re.compile(r"\s+[—–]\s+(?:(?:no|hey|oi|stop)[,!]? )?[A-Z][a-z]+[,!]"
                         r"(?:[^—–]*[—–](?=\s)|.*$)")  # (to a second dash)


def drop_sign_off(text: str) -> str:
    """``text`` as written, without a colouring word said after a comma."""
    return _VOCATIVE.sub("", _SIGN_OFF.sub("", _HEDGE.sub("", _TO_SOMEONE.sub("", text))))
