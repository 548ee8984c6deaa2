"""The typed eval: every line of eval/utterances.jsonl and eval/heldout.jsonl (no LLM).

``heldout.jsonl`` was written from everyday phrasings without reading the grammar, to
check the grammar generalises; its first run scored 69 % intent accuracy, and the
grammar was then improved with general rules (not line by line). Keep adding new,
unseen phrasings to it rather than tuning rules to single lines.

``unseen.jsonl`` (141 lines) is the honest held-out measure: it was written before
the transcript-repair work of issue #5 and the grammar was never tuned on its
failures. It scored 81.6 % intent / 96.5 % slot accuracy before that work and the
same after it (the work fixed transcript errors, not missing typed templates). After
the templates prompted by ``phrasings.jsonl`` (below) it scored 87.9 % intent / 97.6 %
slot accuracy, after the rules prompted by ``paraphrases.jsonl`` (below) 92.2 % intent /
97.7 % slot accuracy, after those of ``paraphrases2.jsonl`` 94.3 % intent / 99.3 % slot
accuracy, and after those of ``paraphrases3.jsonl`` and ``paraphrases4.jsonl`` 97.9 % intent
(138 of 141) / 100 % slot accuracy, 0 wrong changes: the 97 % typed target is met on it, by
one line. It is small, and the fresh batches of those two sets still scored 54-85 % before
their fixes, so wordings unlike any written so far still fail. Fix its labels if they are
wrong, but do not tune rules to its lines; write a fresh set to measure again.

``phrasings.jsonl`` (234 lines) is a tuning set of everyday sentence forms written for
issue #5 without looking at ``unseen.jsonl``: it scored 79.1 % intent accuracy before the
templates it prompted (polite and indirect openings, "<task> can wait until <date>",
"I'm back", "note: ...", habit counts like "a glass of water", more chat guards) and
100 % after. Being a tuning set it is not an honest measure; its test is a regression guard.

``paraphrases.jsonl`` (619 lines) is a second tuning set, for generalising to unseen phrasing:
natural wordings of every command with fillers ("um", "hey nargis", "could you"), numbers as
words, mixed case and punctuation, typical Whisper slips ("at a task", a dropped first word)
and 110 chat lines that share words with commands ("how is my mom doing", "record a song I
like", "what's a good task manager", "I finished the book"). It was written in five batches,
each measured before the grammar was changed for it: 263 lines at 89.0 % intent accuracy
(the grammar as it was), then 108 at 92.6 %, 96 at 87.5 %, 83 at 94.0 % (one ambiguous line
was then dropped) and 65 at 100 %, each after the rules the batches before it prompted. So
every fresh batch still found gaps: expect the held-out sets to gain, not to reach 100 %.
All 619 lines are at 100 % now (90.0 % with the grammar before this work). The fixes were
general rules (wish openings such as "I want to" / "can we" before a command verb, adverbs
after "I", a kind word as a tag, past participles as done-words, guards for chat about
lists, streaks and phrasal verbs), not one template per line. A tuning set again: its test
is a regression guard, not a measure.

``paraphrases2.jsonl`` (315 lines, 70 of them chat) is a third tuning set, in other speakers'
habits: terse ("gotta call the vet tomorrow"), British, Indian and American idioms ("ring",
"half five", "prepone", "kindly", "lemme"), "put/stick X on my list", "don't let me forget",
"how am I doing on ...", "what's on my plate", "mood: ...", "write down that I ...", dates in
many forms ("the 3rd of December", "a week from today", "monday next week", "first thing
tomorrow"), politeness wrapped round a command and Whisper slips ("remind me too", "add a
tasks"). It was written in three batches, each measured before the grammar was changed for
it: 103 lines at 90.3 % intent accuracy, 107 at 95.3 % and 105 at 87.6 %, each after the
rules the batches before it prompted, so fresh phrasings still find gaps at roughly the rate
the held-out sets show. The fixes were general (synonym sets for list verbs, politeness and
hesitation fillers anywhere, subject-less "gotta"/"need to" with a date, a leading date
without a separator, the first date split of a move, British clock times, "N days/weeks
from today" and "tonight at 8" as 8 PM in the date parser, guards for questions about words
and lists in general). All 315 lines are at 100 % now; its test is a regression guard.

``paraphrases3.jsonl`` (316 lines, 70 of them chat) is a fourth tuning set, for the task
commands only: adds with dates, clock times, priorities and tags said every way ("at seven
thirty", "8 tonight", "in a fortnight", "latest by friday", "asap", "Priority: low", "#shopping",
"can u add"), completions, reopenings, deletions (each waiting for confirmation), moves, list
views and "what's next", from terse, chatty, British, Indian and non-native speakers, with
Whisper slips and chat lines that share the task words ("finish this sentence", "delete my
browser history", "can you check if the bank is open", "my boss moved the meeting to friday").
It was written in three batches, each measured before the grammar was changed for it: 107
lines at 85.0 % intent accuracy, 103 at 77.7 % and 106 at 80.2 %, each after the rules the
batches before it prompted (the whole set scores 78.5 % with the grammar before this work).
The fixes were general: contractions without an apostrophe ("whats", "didnt") and text-speak,
synonym sets (slang deletes such as "bin"/"ditch" only on a named task, "flip"/"un-complete"
for reopen, "mark off", "put a tick next to", "consider X done", "X's been bought"), reopen
forms that need a finished task ("I marked X done by mistake", "X is still unpaid", "X needs to
go back on the list"), passive and "I'd rather do X on sunday" moves of a known task, list
openings ("run me through", "pull up", "anything on for ...", "what have I not done"), "what's
next" forms ("where do I begin", "which of my tasks is most urgent"), a guard that drops
imperative completes and deletes naming nothing of the user's, misheard-first-word repair never
into the opposite command ("un complete" -> "complete", "check" -> "uncheck") nor after a
contraction, and in the date parser a bare hour before a day part ("8 tonight") and "morning"
keeping "at 7" AM. All 316 lines are at 100 % now; its test is a regression guard.

``paraphrases4.jsonl`` (436 lines, 89 of them chat) is a fifth tuning set, for everything but
the task commands: habits (created with a target or a frequency, logged with counts, "another
glass", "x3", "yesterday", "today's run"; status and streak questions), focus (start with
minutes and a linked task, pause, resume, stop, time left), the journal ("dear diary",
"note to self", "memo to self", moods, "..., put that in my journal"; reading back), insights
and meta (undo, cancel, repeat, help), from terse, chatty, British, Indian and non-native
speakers with Whisper slips, and chat lines sharing their words ("I read the news this
morning", "journaling is hard", "log cabins are so cosy", "how long is left in the football
match", "I drink water with every meal"). It was written in four batches, each measured before
the grammar was changed for it: 116 lines at 67.2 % intent accuracy, 115 at 53.9 %, 110 at
57.3 % and 95 at 72.6 %, each after the rules the batches before it prompted (the whole set
scores 58.3 % with the grammar before this work, with 6 wrong changes), so these commands had
far more gaps than the task commands. The fixes were general: a loose "habit" request with its
name set off ("habit: yoga", "pick up a new habit, ..."), "add X to my habits", "get into the
habit of"; counts said after the name or as "N more" / "another", durations never counts,
days said before ("yesterday I went for a run", "today's run") or as "yesterday evening", a
habit's verb taking only a fitting object ("ran a 5k" logs, "I read the news" does not, nor
"I skipped / missed / forgot ..."), habitual present tense as conversation; status questions
by "count", "times", "consistent", "on track", "is X done", "did I skip"; focus pauses with a
reason after them, "stop the clock", "hit pause/play", resumes ("back at it", "pick up where I
left off"), stops with a lead ("I'm finished, you can stop ...") or a reason, a bare "focus
timer 20 minutes" and "for 25", "I need to focus for an hour" (never the bare sigh), focus
status anchored to the session ("how long is left in the match" is chat); journal leads
("dear journal", "make a note in my journal", "can you journal this"), "journal" as a whole
word, an entry said before "put that in my journal"; insight and meta synonym sets. All 436
lines are at 100 % now; its test is a regression guard.

``unseen2.jsonl`` (120 lines, 6 of them chat) was written on 2026-11-26 by someone who had
not read the grammar or the other sets, from the eval's state and its line format only, and
scored once before any change: **90.0 % intent / 97.2 % slot accuracy** typed (three of its
expectations were then put in the eval's conventions: "all my tasks" is the open view, "3
times a week" is a target of 3 and a weekly frequency), and spoken, as the app hears it,
77.2 % on Piper joe (first readings as written 73.7 %). So the earlier sets overstate how
the grammar meets new wording. Its 12 misses prompted general rules: trailing remarks
("…, thank goodness", "…, forgot to log it"), "it's high priority", "the task about X",
"talking to my mother" for "call mom", "anything I'm late on", "the next thing to work on",
"start journaling every day" as a habit, "I need 30 minutes of deep work", "what did I get
done today", "what kind of things can I ask you", "rent still needs paying" as reopening, "I
don't need the report task anymore, delete it". It is a tuning set now (98.3 %: "the report
isn't finished after all, mark it as not done" is still missed, and "hang on, I need a quick
break" stays conversation, as a bare "I need a break" must).

``unseen3.jsonl`` (120 lines, 6 of them chat) was written the same way, by another writer,
the same day, with the conventions above spelled out, and scored once after the rules that
``unseen2`` prompted: **91.7 % intent / 98.2 % slot accuracy** typed. The one slot miss was a
bug of one of those new rules ("start tracking flossing every day" named "tracking
flossing": the rule came before the "start tracking" form), fixed after (99.1 % slots);
nothing else was changed for this set. Its misses are reports in new words ("I picked up
the milk on the way home", "okay I spoke to my mother"), two clauses ("the report is written,
tick it off", "put the report back on my list, it's not finished"), "this is urgent, I need
to send the invoice today", "I'd like to do yoga three times a week", "note for my journal,
…", "what have I completed this week", "nah, drop it", "what kind of things can you help me
with". It was then made a tuning set: its misses prompted general rules, and it is at 100 %
now. The main one reads a command said over two clauses (``Grammar._two_clauses``): a remark
before or after a command ("delete the report task, it got cancelled", "this is urgent, I
need to send the invoice today"), a command on "it" whose task the other clause named ("the
report is written, tick it off"); the others are "I'd like to do yoga three times a week" as
a habit, "picked up" and "spoke to" as reports, "note for my journal, ...", "what have I
completed this week", "drop it", "what kind of things can you help me with". ``unseen`` and
``unseen2`` gained a line each from the two-clause rule.

``unseen4.jsonl`` (120 lines, 7 of them chat) was written the same way, by a third writer,
after those rules, and scored once before any change: **87.5 % intent / 100 % slot
accuracy** typed, 0 wrong changes; spoken, as the app hears it (first readings as written):
Piper joe 78.8 % (74.3 %), joe fast 74.3 %, joe noisy 77.0 %, joe steady 77.9 %, espeak-ng
en-us 66.4 %, en-gb 68.1 %, en-us+f3 45.1 %, scottish noisy 48.7 %, 0 wrong destructive
actions and 0 wrong changes on every voice. Nine of its fifteen typed misses were two
clauses again, in forms the first rule did not read ("I went for a run yesterday, log it
please", "I need to renew my passport, can you note that down as a task", "wait, someone's at
the door, pause", "that's enough for now, stop the session", "oh wait, the rent didn't
actually go through, put it back on my list"), so the two-clause reading was widened (a
request to keep what was said, a lead-in before the last clause, the same command twice, the
thing a clause is about as the "it" of the next), with guards for clauses that tell of
something ("the bank called, it's about my loan") or set a condition ("if I have time, call
mom"). The rest prompted "an hour and a half" as 90 minutes (it was read as 60), "block out
an hour for focus", "can we shift X to monday", "set X for saturday", "how far along am I",
"a count of everything I've completed". It is a tuning set now; its one miss, "good
morning!", is a request for the morning briefing by design (the writer meant a greeting).

``unseen5.jsonl`` (120 lines, 8 of them chat) was written the same way, by a fourth writer,
after the rules ``unseen4`` prompted, and scored once before any change: **85.0 % intent /
98.0 % slot accuracy** typed, with 1 wrong change ("did I go for a run yesterday" logged a
run: a bug older than this set, a question read as a report of "did ..."); spoken, as the
app hears it (first readings as written): Piper joe 74.1 % (71.4 %), joe fast 73.2 %, joe
noisy 69.6 %, joe steady 72.3 %, espeak-ng en-us 57.1 %, en-gb 65.2 %, en-us+f3 45.5 %,
scottish noisy 40.2 %, 0 wrong destructive actions. So each fresh set still finds 12-15 % of
wordings the grammar has not met. Its misses were two clauses once more ("..., stick it on
the list", "..., you can close that task", "the bank's shut on friday, change that call to
thursday", "done my run for the day, absolutely knackered", "..., start the timer" after a
length, "twice a week" after "track swimming for me"), and single forms ("don't bother",
"add one task", "a big glass of water", "today itself", "let anything slip past its
deadline", "the rest of my week", "am I still in a focus session", "a count of completed
tasks"); all got general rules, and the question "did I go for a run yesterday" is now
asked, never logged. One label was put in the eval's conventions: "read a couple of
chapters" counts 2, as "read 2 chapters" always has. It is a tuning set now (100 %).

``unseen6.jsonl`` (120 lines, 10 of them chat; it has no journal read-back line, so it is
not in the coverage test) was written the same way, by a fifth writer,
after the rules ``unseen5`` prompted, and scored once before any change: **79.2 % intent /
94.7 % slot accuracy** typed, 0 wrong changes; spoken, as the app hears it (first readings
as written): Piper joe 69.1 % (66.4 %), joe fast 66.4 %, joe noisy 64.5 %, joe steady
65.5 %, espeak-ng en-us 54.5 %, en-gb 60.0 %, en-us+f3 39.1 %, scottish noisy 39.1 %, 0 wrong
destructive actions and 0 wrong changes. Its misses: "it" for a task the clause before named
by one word of it ("just got off the phone with mom, mark that done", "the dentist can wait,
set it for thursday instead", "forget the dentist task, just delete it"), remarks that tell
of someone ("kill the timer, my boss just called me in"), a priority said first ("low
priority, but add ..."), "no rush", "tag work and high priority", "twenty a day" (read as
21), "a five k run" (read as 5 runs), "for like half an hour before bed", "show me everything
that's still open", "anything I need to get done today", "what's past its due date", "work on
the report for twenty minutes", "freeze"/"hold" the timer, "I want to write a journal entry,
...", "pick something for me to do next", focus time "this month", and a "no, leave it" with
nothing asked (now a cancel). All got general rules. It is a tuning set now (99.2 %: "good
morning Nargis" asks for the briefing by design).

``unseen7.jsonl`` (120 lines, 10 of them chat, no journal read-back line either) was written
the same way, by a sixth writer asked for a mix of speakers (a parent in a hurry, a student, a
polite older person, a non-native speaker, Australian and Irish idiom, someone who corrects
themselves mid-sentence), after the rules ``unseen6`` prompted, and scored once before any
change: **80.8 % intent / 88.7 % slot accuracy** typed, 0 wrong changes; spoken, as the app
hears it (first readings as written): Piper joe 65.5 % (65.5 %), joe fast 61.8 %, joe noisy
66.4 %, joe steady 63.6 %, espeak-ng en-us 54.5 %, en-gb 54.5 %, en-us+f3 45.5 %, scottish
noisy 38.2 %, 0 wrong destructive actions, and 1 wrong change (espeak-ng en-us heard "have I
done my reading today" as "and add a more reading to the day"; its second reading "Add a more
reading today." logged a read, as on ``unseen5``; "add a more ..." now reads as nothing). Its
misses prompted: corrections said mid-command ("add, no wait, remind me to ...", "bump the
report to next wednesday, no, next thursday", "add pick up, sorry, drop off ..."), a greeting
before a command ("good morning dear, I've telephoned the bank, so you may mark that one
done"), a word said twice for stress ("no no, undo that", "forget it, it doesn't matter" were
read as Whisper loops), three clauses ("done the dentist booking, grand job, tick it off",
"focus mode please, twenty minutes, the baby's asleep"), "so you can ..." without a comma,
remarks with a subject inside ("friday I am too busy"), "mum" for "mom" in a clause before
"it", "put down a reminder for me to", "it is very urgent", "on me list", "would ya", "at
some point", "altogether", "would it be possible to", "read out everything", "what would you
knock out first", "for about fifty minutes", "like fifty a day", "before the kids woke up",
"on the train", "got my run in", "10 minutes of meditation", "how close am I to my eight
glasses", "my runs", "hours of focus did I clock", "a rundown of your features". It is a
tuning set now (99.2 %: "begin one of those concentration timers" is still missed).

``unseen8.jsonl`` (120 lines, 8 of them chat) was written the same way, by a seventh writer
asked for other speakers (a teenager, an executive in clipped phrases, someone cooking who
interrupts themselves, Nigerian, Indian and South African English, German and Spanish
speakers, someone who gives the reason first), after the rules ``unseen7`` prompted, and
scored once before any change: **85.0 % intent / 94.1 % slot accuracy** typed, 0 wrong
changes; spoken, as the app hears it (first readings as written): Piper joe 71.4 % (69.6 %),
joe fast 67.9 %, joe noisy 65.2 %, joe steady 72.3 %, espeak-ng en-us 54.5 %, en-gb 58.9 %,
en-us+f3 36.6 %, scottish noisy 33.9 %, 0 wrong destructive actions, 1 wrong change
(en-us+f3 heard "how's the meditation going this week" as "Add meditation, log this week."
and logged it: the reading is a command, and it still is one). Its misses prompted: titles
kept as written ("send the invoice to Mr. Becker", "push-ups": they were lower-cased and
stripped of their marks; the eval now compares slots and titles without case or marks),
a command started again after an interruption ("add, hang on, I'm stirring, okay, add buy
garlic"), a reason or an interruption first ("since the office shuts early on Friday, ...",
"doorbell, hold the timer"), a report and then the request naming it ("finished two
chapters of my book, count my reading"), a request that only restates ("..., change the
date"), the task said first ("the plants task you can delete"), "yo", "abeg", "sha", "por
favor", "help me add", "put in my list to", "what all is there", "put the dentist on
thursday", "did I miss any deadlines", "what's left for the rest of the week", "did I hit my
water goal", "running streak?", "tasks completed this week?", "what should I knock out
first", "freeze the clock", "start the timer back up", "a quick rundown", "how does this
assistant work", "rent. back to open". It is a tuning set now (100 %).

``wrong_changes`` (see ``evalkit.wrong_changes``) counts lines that completed, reopened,
moved, deleted or logged an EXISTING task or habit the line did not name (any change at all
on a chat line); ``wrong_destructive`` counts only deletions. It must be 0 on every
training set.
"""

from __future__ import annotations

import pytest
from evalkit import EVAL_DIR, load_utterances, run_one, summarize

INTENTS = ("task.add", "task.complete", "task.reopen", "task.delete", "task.move",
           "task.list", "task.next", "habit.create", "habit.log", "habit.status",
           "focus.start", "focus.pause", "focus.resume", "focus.stop", "focus.status",
           "journal.add", "journal.read", "insight.tasks_done", "insight.focus",
           "meta.undo", "meta.cancel", "meta.repeat", "meta.help", "chat")
#: Intents added after most sets were written: only the sets written since hold them.
NEWER_INTENTS = dict.fromkeys(("utterances.jsonl", "unseen35.jsonl", "unseen36.jsonl",
                               "unseen37.jsonl", "unseen38.jsonl", "unseen39.jsonl",
                               "unseen40.jsonl", "unseen41.jsonl", "unseen42.jsonl",
                               "unseen43.jsonl", "unseen44.jsonl", "unseen45.jsonl",
                               "unseen46.jsonl", "unseen47.jsonl", "unseen48.jsonl",
                               "unseen49.jsonl", "unseen50.jsonl", "unseen51.jsonl",
                               "unseen52.jsonl", "unseen53.jsonl", "unseen54.jsonl",
                               "unseen55.jsonl", "unseen56.jsonl", "unseen57.jsonl",
                               "unseen58.jsonl", "unseen59.jsonl", "unseen60.jsonl",
                               "unseen61.jsonl", "unseen62.jsonl", "unseen63.jsonl",
                               "unseen64.jsonl", "unseen65.jsonl", "unseen66.jsonl",
                               "unseen67.jsonl", "unseen68.jsonl", "unseen69.jsonl",
                               "unseen70.jsonl", "unseen71.jsonl", "unseen72.jsonl",
                               "unseen73.jsonl", "unseen74.jsonl", "unseen75.jsonl",
                               "unseen76.jsonl", "unseen77.jsonl", "unseen78.jsonl",
                               "unseen79.jsonl", "unseen80.jsonl", "unseen81.jsonl",
                               "unseen82.jsonl", "unseen83.jsonl", "unseen84.jsonl",
                               "unseen85.jsonl", "unseen86.jsonl", "unseen87.jsonl",
                               "unseen88.jsonl", "unseen89.jsonl", "unseen90.jsonl",
                               "unseen91.jsonl", "unseen92.jsonl", "unseen93.jsonl",
                               "unseen94.jsonl", "unseen95.jsonl", "unseen96.jsonl"),
                              ("task.status", "task.edit"))


@pytest.mark.parametrize("name, size", [("utterances.jsonl", 300), ("heldout.jsonl", 100),
                                        ("unseen.jsonl", 100), ("phrasings.jsonl", 200),
                                        ("paraphrases.jsonl", 200),
                                        ("paraphrases2.jsonl", 300),
                                        ("unseen2.jsonl", 120), ("unseen3.jsonl", 120),
                                        ("unseen4.jsonl", 120), ("unseen5.jsonl", 120),
                                        ("unseen8.jsonl", 120), ("unseen9.jsonl", 120),
                                        ("unseen10.jsonl", 120), ("unseen11.jsonl", 120),
                                        ("unseen12.jsonl", 120), ("unseen13.jsonl", 120),
                                        ("unseen14.jsonl", 120), ("unseen15.jsonl", 120),
                                        ("unseen16.jsonl", 120), ("unseen17.jsonl", 120),
                                        ("unseen18.jsonl", 120), ("unseen19.jsonl", 120),
                                        ("unseen20.jsonl", 120), ("unseen21.jsonl", 120),
                                        ("unseen22.jsonl", 120), ("unseen23.jsonl", 120),
                                        ("unseen24.jsonl", 120), ("unseen25.jsonl", 120),
                                        ("unseen26.jsonl", 120), ("unseen27.jsonl", 120),
                                        ("unseen28.jsonl", 120), ("unseen29.jsonl", 120),
                                        ("unseen30.jsonl", 120), ("unseen31.jsonl", 120),
                                        ("unseen32.jsonl", 120), ("unseen33.jsonl", 120),
                                        ("unseen34.jsonl", 120), ("unseen35.jsonl", 120),
                                        ("unseen36.jsonl", 120), ("unseen37.jsonl", 120),
                                        ("unseen38.jsonl", 120), ("unseen39.jsonl", 120),
                                        ("unseen40.jsonl", 120), ("unseen41.jsonl", 120),
                                        ("unseen42.jsonl", 120), ("unseen43.jsonl", 120),
                                        ("unseen44.jsonl", 120), ("unseen45.jsonl", 120),
                                        ("unseen46.jsonl", 120), ("unseen47.jsonl", 120),
                                        ("unseen48.jsonl", 120), ("unseen49.jsonl", 120),
                                        ("unseen50.jsonl", 120), ("unseen51.jsonl", 120),
                                        ("unseen52.jsonl", 120), ("unseen53.jsonl", 120),
                                        ("unseen54.jsonl", 120), ("unseen55.jsonl", 120),
                                        ("unseen56.jsonl", 120), ("unseen57.jsonl", 120),
                                        ("unseen58.jsonl", 120), ("unseen59.jsonl", 120),
                                        ("unseen60.jsonl", 120), ("unseen61.jsonl", 120),
                                        ("unseen62.jsonl", 120), ("unseen63.jsonl", 120),
                                        ("unseen64.jsonl", 120), ("unseen65.jsonl", 120),
                                        ("unseen66.jsonl", 120), ("unseen67.jsonl", 120),
                                        ("unseen68.jsonl", 120), ("unseen69.jsonl", 120),
                                        ("unseen70.jsonl", 120), ("unseen71.jsonl", 120),
                                        ("unseen72.jsonl", 120), ("unseen73.jsonl", 120),
                                        ("unseen74.jsonl", 120), ("unseen75.jsonl", 120),
                                        ("unseen76.jsonl", 120), ("unseen77.jsonl", 120),
                                        ("unseen78.jsonl", 120), ("unseen79.jsonl", 120),
                                        ("unseen80.jsonl", 120), ("unseen81.jsonl", 120),
                                        ("unseen82.jsonl", 120), ("unseen83.jsonl", 120),
                                        ("unseen84.jsonl", 120), ("unseen85.jsonl", 120),
                                        ("unseen86.jsonl", 120), ("unseen87.jsonl", 120),
                                        ("unseen88.jsonl", 120), ("unseen89.jsonl", 120),
                                        ("unseen90.jsonl", 120), ("unseen91.jsonl", 120),
                                        ("unseen92.jsonl", 120), ("unseen93.jsonl", 120),
                                        ("unseen94.jsonl", 120), ("unseen95.jsonl", 120),
                                        ("unseen96.jsonl", 120), ("breadth1.jsonl", 200),
                                        ("breadth2.jsonl", 200), ("breadth3.jsonl", 200),
                                        ("breadth4.jsonl", 200), ("breadth5.jsonl", 200),
                                        ("breadth6.jsonl", 200), ("breadth7.jsonl", 200),
                                        ("breadth8.jsonl", 200), ("breadth9.jsonl", 200),
                                        ("breadth10.jsonl", 200)])
def test_eval_set_is_large_and_covers_every_intent(name: str, size: int) -> None:
    rows = load_utterances(EVAL_DIR / name)
    assert len(rows) >= size
    intents = {r["intent"] for r in rows}
    for needed in (*INTENTS, *NEWER_INTENTS.get(name, ())):
        assert needed in intents, needed


def _meets(name: str, intent: float, slots: float) -> None:
    """One eval set against its floors; no wrong deletion or change, ever."""
    results = [run_one(r) for r in load_utterances(EVAL_DIR / name)]
    s = summarize(results)
    misses = [(r.text, r.turn.intent, r.problems) for r in results
              if not (r.intent_ok and r.slots_ok)]
    assert s["intent_accuracy"] >= intent, misses
    assert s["slot_accuracy"] >= slots, misses
    assert s["wrong_destructive"] == 0
    assert s["wrong_changes"] == 0, [(r.text, r.wrong_changes) for r in results
                                     if r.wrong_changes]


@pytest.mark.parametrize("name", ["utterances.jsonl", "heldout.jsonl"])
def test_typed_commands_meet_targets(name: str) -> None:
    _meets(name, 0.97, 0.93)


def test_unseen_commands_do_not_regress() -> None:
    """Regression guard: floors at the 97 % target, just under the measured 97.9 % / 100 %."""
    _meets("unseen.jsonl", 0.97, 0.99)


@pytest.mark.parametrize("name", ["phrasings.jsonl", "paraphrases.jsonl",
                                  "paraphrases2.jsonl", "paraphrases3.jsonl",
                                  "paraphrases4.jsonl", "unseen2.jsonl", "unseen3.jsonl",
                                  "unseen4.jsonl", "unseen5.jsonl", "unseen6.jsonl",
                                  "unseen7.jsonl", "unseen8.jsonl"])
def test_tuning_phrasings_do_not_regress(name: str) -> None:
    """Regression guard for the tuning sets (the grammar was tuned on them): floors just
    under the measured 100 % intent / 100 % slot accuracy, so a broken template shows up."""
    _meets(name, 0.98, 0.97)


#: The one wrong change on these sets, by the grammar (a correction it reads as the first
#: command: "mark buy milk as done, no hang on, ... it's calling mom I finished").
KNOWN_WRONG = {"mark buy milk as done, no hang on, I haven't got it yet, it's calling mom I "
               "finished"}


def _scores(name: str, intent: float) -> None:
    results = [run_one(r) for r in load_utterances(EVAL_DIR / name)]
    s = summarize(results)
    assert s["intent_accuracy"] >= intent, [(r.text, r.turn.intent) for r in results
                                            if not r.intent_ok]
    assert s["wrong_destructive"] == 0
    assert {r.text for r in results if r.wrong_changes} <= KNOWN_WRONG


@pytest.mark.parametrize("name, intent", [("unseen71.jsonl", 0.97), ("unseen72.jsonl", 0.98),
                                          ("unseen75.jsonl", 0.98), ("unseen76.jsonl", 0.96),
                                          ("unseen79.jsonl", 0.99), ("unseen80.jsonl", 0.99),
                                          ("unseen81.jsonl", 0.99), ("unseen82.jsonl", 0.96),
                                          ("unseen83.jsonl", 0.99), ("unseen84.jsonl", 0.94),
                                          ("unseen87.jsonl", 0.98), ("unseen88.jsonl", 0.98),
                                          ("unseen91.jsonl", 0.96), ("unseen92.jsonl", 0.97),
                                          ("unseen93.jsonl", 0.99), ("unseen94.jsonl", 0.99),
                                          ("unseen95.jsonl", 0.98), ("unseen96.jsonl", 0.99)])
def test_held_out_sets_with_the_classifier(name: str, intent: float) -> None:
    """``unseen71`` (a Hawaiian Pidgin speaker from Honolulu, a Scouser, a fast-talking
    real-estate agent, a Czech speaker learning English) and ``unseen72`` (a Telugu speaker
    from Hyderabad, a Tasmanian bushwalker, a gym trainer, a Finnish speaker learning
    English) are held out from the classifier's corpus. Scored once, blind, at ``727b20c``
    (the corpus held every set up to ``unseen64``): the grammar alone 75.8 % / 68.3 %, with
    the classifier tier 97.5 % / 98.3 % intent accuracy, and no wrong change. (``unseen72``
    was scored with the eval's own fix of that commit's successor: a row's date that the
    parser could not read, "thursday arvo", had stopped the run.)

    ``unseen75`` (a Pashto speaker from Peshawar, a New Orleans jazz musician, a wedding
    planner, an Albanian speaker learning English) and ``unseen76`` (a Maori speaker from
    Rotorua, an Aberdonian speaking Doric, a software tester, a Danish speaker learning
    English), held out the same way, were scored once, blind, at ``4221919`` (the corpus
    held every set up to ``unseen70``): the grammar alone 75.8 % / 75.0 %, the tier 98.3 % /
    97.5 %, no wrong change by the tier (the grammar alone made one on ``unseen75``: "today
    I read my book, mark it please" completed "book dentist appointment"; "it" after a habit
    told is now that habit). With ``unseen85``/``unseen86`` in the corpus (the twenty-first
    session), ``unseen76`` reads 96.7 %: the classifier's confidence in the Doric "foo mony
    tasks hiv I got deen this wik?" fell from 0.62 to 0.57, under the line where it acts.

    ``unseen79`` (a Kazakh speaker from Almaty, a Cornish surfer, an ICU nurse on a break, a
    Slovenian speaker learning English) and ``unseen80`` (a Twi speaker from Kumasi, a
    Baltimore native, a chess coach, an Icelandic speaker learning English), held out the
    same way, were scored once, blind, at ``5ff575b`` (the corpus held every set up to
    ``unseen74`` but the held-out four): the grammar alone 75.0 % / 78.3 %, the tier 99.2 % /
    99.2 %, no wrong change.

    ``unseen81`` (a Sindhi speaker from Karachi, a Texan rodeo rider, a museum guide, a
    Belarusian speaker learning English), ``unseen82`` (a Kannada speaker from Bengaluru, a
    Geordie shipyard retiree, an accountant, a Mongolian speaker), ``unseen83`` (an Igbo
    speaker from Enugu, a Newfoundland fisherman's wife, a barista, a Macedonian speaker) and
    ``unseen84`` (a Tagalog speaker from Manila, an Ozarks grandfather, a flight attendant,
    an Uzbek speaker), held out the same way, were scored once, blind, at ``d9e5185`` (the
    session's last commit): the grammar alone 80.8 / 70.0 / 77.5 / 60.8 %, the tier 99.2 /
    96.7 / 99.2 / 94.2 %, no wrong change.

    ``unseen87`` (a Hmong speaker from Saint Paul, a Chesapeake Bay crab-boat deckhand, an
    emergency-room doctor on a night shift, a Malagasy speaker) and ``unseen88`` (a Javanese
    speaker from Yogyakarta, a Glasgow bus driver, a wedding planner in a hurry, a Chilean
    speaker), held out the same way, were scored once, blind, at ``fec0824`` (the twenty-first
    session's first commit): the grammar alone 81.7 / 71.7 %, the tier 98.3 / 98.3 %, no wrong
    change.

    ``unseen91`` (a Tok Pisin speaker from Port Moresby, an East End market trader, an
    aircraft mechanic on a night shift, a Basque speaker) and ``unseen92`` (a Shona speaker
    from Harare, a Mississippi Delta blues guitarist, a polite hotel concierge, a Maltese
    speaker), held out the same way, were scored once, blind, at ``c85182a``: the grammar
    alone 69.2 / 69.2 %, the tier 96.7 / 97.5 %. Two wrong changes, both fixed and tested
    (``test_grammar.py``): "get rid of the dentist one, I ain't going, scared stiff of 'em"
    marked the dentist done by the grammar alone ("scared" read as a deed done), and "I'm
    pleased to report the bank has been called; please mark that task as done" marked
    "write report" done, by the grammar and the tier ("report" said as a verb).

    ``unseen93`` (a Wolof speaker from Dakar, a Kentucky racehorse trainer, a florist in a
    rush, a Kyrgyz speaker), ``unseen94`` (a Quechua speaker from Cusco, a Birmingham
    plasterer, a sommelier, a Faroese speaker), ``unseen95`` (a Chichewa speaker from
    Lilongwe, an outback Queensland station hand, a forensic scientist, a Tajik speaker) and
    ``unseen96`` (a Tetum speaker from Dili, a Winnipeg snowplough driver, a village vicar, a
    Luxembourgish speaker), held out the same way, were scored once, blind, at ``e28441a``
    (the twenty-first session's last code commit): the grammar alone 80.8 / 71.7 / 74.2 /
    71.7 %, the tier 100 / 99.2 / 98.3 / 99.2 %, no wrong change.

    Their misses were not read for rules. Floors at or just under those scores; no deletion
    and no wrong change."""
    _scores(name, intent)


@pytest.mark.parametrize("name", ["status1.jsonl", "status2.jsonl"])
def test_questions_about_one_task_and_edits(name: str) -> None:
    """``status1`` (80 lines: 40 questions about one task's state, and 40 of its neighbours:
    habit questions, reports that a task is done, lists, counts and chat) was written
    blind, by four speakers (a busy parent, a formal retired teacher, a Scots speaker, a
    software developer), when the grammar learned those questions, and scored once before
    its lines were read: the grammar alone 37.5 %, with the classifier tier 52.5 %, and 2
    wrong changes ("dentist thing - done?" completed the task; "did ah dae ma meditatin' the
    day?" logged it). Its misses prompted the questions asked inside a request or a remark
    ("could you tell me whether ...", "I can't remember if ..."), a state asked after a
    name ("rent paid??"), Scots spellings, and "phone" or "get" in a name ("phoned my
    mother" is "call mom"); with them it reads 100 %.

    ``status2`` (90 lines: 30 such questions, 16 priority changes and renames, 14 lists for
    one day or one priority, and their neighbours; an Australian tradie, a Filipino nurse,
    an anxious overthinker, a Texan rancher) was scored once, blind, at ``70067ca`` (the
    rules ``status1`` prompted): the grammar alone 58.9 %, the tier 75.6 %, no wrong change.
    Its misses prompted priorities said as a wish ("the plants can go low priority", "the
    milk, low priority"), "change X to Y" as a rename, Taglish ("pakiset ... po"), and a
    move's date only right after "to"; with them and in the corpus it reads 97.8 %."""
    _scores(name, 0.97)


@pytest.mark.parametrize("name, intent", [("unseen9.jsonl", 0.98), ("unseen10.jsonl", 0.98),
                                          ("unseen11.jsonl", 0.98), ("unseen12.jsonl", 0.98),
                                          ("unseen13.jsonl", 0.97), ("unseen14.jsonl", 0.98),
                                          ("unseen15.jsonl", 0.98), ("unseen16.jsonl", 0.97),
                                          ("unseen17.jsonl", 0.98), ("unseen18.jsonl", 0.97),
                                          ("unseen19.jsonl", 0.97), ("unseen20.jsonl", 0.98),
                                          ("unseen21.jsonl", 0.98), ("unseen22.jsonl", 0.99),
                                          ("unseen23.jsonl", 0.98), ("unseen24.jsonl", 0.98),
                                          ("unseen25.jsonl", 0.98), ("unseen26.jsonl", 0.99),
                                          ("unseen27.jsonl", 0.98), ("unseen28.jsonl", 0.99),
                                          ("unseen29.jsonl", 0.98), ("unseen30.jsonl", 0.98),
                                          ("unseen31.jsonl", 0.98), ("unseen32.jsonl", 0.98),
                                          ("unseen33.jsonl", 0.98), ("unseen34.jsonl", 0.98),
                                          ("unseen35.jsonl", 0.98), ("unseen36.jsonl", 0.98),
                                          ("unseen37.jsonl", 0.98), ("unseen38.jsonl", 0.98),
                                          ("unseen39.jsonl", 0.98), ("unseen40.jsonl", 0.98),
                                          ("unseen41.jsonl", 0.98), ("unseen42.jsonl", 0.98),
                                          ("unseen43.jsonl", 0.98), ("unseen44.jsonl", 0.98),
                                          ("unseen45.jsonl", 0.98), ("unseen46.jsonl", 0.98),
                                          ("unseen47.jsonl", 0.98), ("unseen48.jsonl", 0.98),
                                          ("unseen49.jsonl", 0.98), ("unseen50.jsonl", 0.98),
                                          ("unseen51.jsonl", 0.98), ("unseen52.jsonl", 0.98),
                                          ("unseen53.jsonl", 0.98), ("unseen54.jsonl", 0.98),
                                          ("unseen55.jsonl", 0.98), ("unseen56.jsonl", 0.98),
                                          ("unseen57.jsonl", 0.98), ("unseen58.jsonl", 0.98),
                                          ("unseen59.jsonl", 0.98), ("unseen60.jsonl", 0.98),
                                          ("unseen61.jsonl", 0.98), ("unseen62.jsonl", 0.98),
                                          ("unseen63.jsonl", 0.98), ("unseen64.jsonl", 0.98),
                                          ("unseen65.jsonl", 0.98), ("unseen66.jsonl", 0.98),
                                          ("unseen67.jsonl", 0.98), ("unseen68.jsonl", 0.98),
                                          ("unseen69.jsonl", 0.98), ("unseen70.jsonl", 0.98),
                                          ("unseen73.jsonl", 0.98), ("unseen74.jsonl", 0.98),
                                          ("unseen77.jsonl", 0.98), ("unseen78.jsonl", 0.98),
                                          ("unseen85.jsonl", 0.98), ("unseen86.jsonl", 0.98),
                                          ("unseen89.jsonl", 0.98), ("unseen90.jsonl", 0.98),
                                          ("breadth1.jsonl", 0.98), ("breadth2.jsonl", 0.98),
                                          ("breadth3.jsonl", 0.97), ("breadth4.jsonl", 0.97),
                                          ("breadth5.jsonl", 0.98), ("breadth6.jsonl", 0.98),
                                          ("breadth7.jsonl", 0.99), ("breadth8.jsonl", 0.97),
                                          ("breadth9.jsonl", 0.98), ("breadth10.jsonl", 0.98)])
def test_classifier_training_sets_do_not_regress(name: str, intent: float) -> None:
    """Sets that were held out from the classifier's corpus and are in it now (not in the
    grammar's tuning, so their slots stay 86-95 %). First scores with the tier trained
    without them: ``unseen9``/``unseen10`` 93.3 % / 95.8 %; blind, ``unseen11``/``unseen12``
    93.3 % / 92.5 % (``7008de6``), ``unseen13``/``unseen14`` 96.7 % / 97.5 % (``a9a3304``),
    ``unseen15``/``unseen16`` 88.3 % / 85.8 % (``c7916f6``), ``unseen17``/``unseen18``
    92.5 % / 89.2 % (``c7916f6`` and the title model), ``unseen19``/``unseen20`` 96.7 % /
    95.0 % (``664467a``), ``unseen21``/``unseen22`` 95.8 % / 95.8 % (``0f1a581``),
    ``unseen23``/``unseen24`` 99.2 % / 95.8 % (the eleventh session), ``unseen25``/
    ``unseen26`` 91.7 % / 94.2 % (``d83c655``), ``unseen27``/``unseen28`` 98.3 % / 96.7 %
    (``1996dae``), ``unseen29``/``unseen30`` 99.2 % / 96.7 % (``e73cbbf``), ``unseen31``/
    ``unseen32`` 98.3 % / 97.5 % (``9a96267``), ``unseen33``/``unseen34`` 96.7 % / 96.7 %
    (``9dbca38``), ``unseen35``/``unseen36`` 96.7 % / 95.8 % (``d24bb80``), ``unseen37``/
    ``unseen38`` 94.2 % / 96.7 % (``8424bc8``), ``unseen39``/``unseen40`` 95.0 % / 95.0 %
    (``0a6ced1``), ``unseen41``/``unseen42`` 96.7 % / 94.2 % (``f1c950f``), ``unseen43``/
    ``unseen44`` 97.5 % / 88.3 % (``f7777cd``), ``unseen45``/``unseen46`` 97.5 % / 96.7 %
    (``faee31c``), ``unseen47``/``unseen48`` 96.7 % / 96.7 % (``2f15968``), ``unseen49``/
    ``unseen50`` 95.8 % / 97.5 % (``e93472d``), ``unseen51``/``unseen52`` 99.2 % / 96.7 %
    (``1b83e86``), ``unseen53``/``unseen54`` 98.3 % / 100 % (``e9936ab``), ``unseen55``/
    ``unseen56`` 98.3 % / 99.2 % (``114abcc`` / ``ccf9302``), ``unseen57``/``unseen58``
    99.2 % / 99.2 % (``0daa122``, held out until the nineteenth session), ``unseen59``/
    ``unseen60`` 99.2 % / 99.2 % (``99968f9``), ``unseen61``/``unseen62`` 98.3 % / 98.3 %
    (``a3c2217``), ``unseen63``/``unseen64`` 96.7 % / 98.3 % (``d993f60``), ``unseen65``/
    ``unseen66`` 98.3 % / 99.2 % (``1fb57f0``) and ``unseen67``/``unseen68`` 99.2 % / 98.3 %
    (``c2bc8ff``), both pairs held out until the twentieth session, ``unseen69`` 97.5 %
    (``239247e``) and ``unseen70`` 100 % (``727b20c``), ``unseen73``/``unseen74`` 95.0 % /
    98.3 % (``4221919``), ``unseen77``/``unseen78`` 97.5 % / 98.3 % (``5ff575b``),
    ``unseen85``/``unseen86`` 98.3 % / 96.7 % (``fec0824``), ``unseen89``/``unseen90``
    97.5 % / 99.2 % (``c85182a``), against
    66-83 % and 41-83 % for the grammar alone. ``breadth1``-
    ``breadth10`` were written to widen the corpus's words (the tier before it learned them:
    91.5, 92.5, 93.5, 95.5 %; then 97.5, 97.0, 96.0, 95.5 %; then 98.0, 97.0 %; the grammar
    alone 42.5-66.5 %)."""
    _scores(name, intent)
