"""Every eval line's reading, saved and compared between two commits; the grammar's time.

A rule written for one speaker's words can change how another speaker's line reads, and
the per-set accuracy hides a line that got worse behind one that got better. So each
change to the grammar is checked line by line against the commit before it:

    python bench/eval_regression.py dump before.json          # at the old commit
    python bench/eval_regression.py dump after.json           # at the new one
    python bench/eval_regression.py compare before.json after.json
    python bench/eval_regression.py time [SET ...]            # ms per line, best of 3

``dump`` reads every typed eval set (or the sets named) through the whole assistant, as the
typed eval does; ``compare`` prints the sets whose counts moved and every line whose
reading changed, marked ``+`` (better), ``-`` (worse), ``~`` (other) or ``WC!`` (a new
wrong change). ``time`` times ``Grammar.parse`` alone on the sets' lines.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "brain"))
sys.path.insert(0, str(ROOT))  # this checkout's package, as a worktree at another commit has

from common import machine  # noqa: E402

#: Sets that are no typed eval of the assistant.
_NOT_TYPED = frozenset(("tool_choice",))


def _sets(names: list[str]) -> list[str]:
    from evalkit import EVAL_DIR

    return names or sorted(p.stem for p in EVAL_DIR.glob("*.jsonl") if p.stem not in _NOT_TYPED)


def dump(out: Path, names: list[str]) -> dict[str, Any]:
    from evalkit import EVAL_DIR, load_utterances, run_one

    lines: dict[str, Any] = {}
    for name in _sets(names):
        for row in load_utterances(EVAL_DIR / f"{name}.jsonl"):
            r = run_one(row)
            lines[f"{name}\t{row['text']}"] = {
                "want": row["intent"], "got": r.turn.intent,
                "slots": {k: str(v) for k, v in (r.turn.slots or {}).items()},
                "ok": [r.intent_ok, r.slots_ok, r.state_ok], "wc": bool(r.wrong_changes),
                "reply": r.turn.reply[:80]}
    out.write_text(json.dumps({"machine": machine(), "lines": lines}, indent=0))
    return lines


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The report's lines: per set, totals, then each line read differently."""
    a, b = before["lines"], after["lines"]
    common = [k for k in a if k in b]
    per: dict[str, list[int]] = defaultdict(lambda: [0] * 7)
    for k in common:
        p = per[k.split("\t")[0]]
        for i, v in enumerate((1, a[k]["ok"][0], b[k]["ok"][0], all(a[k]["ok"]),
                               all(b[k]["ok"]), a[k]["wc"], b[k]["wc"])):
            p[i] += int(v)
    out = [f"{s:14s} n={p[0]} intent {p[1]}->{p[2]}  all right {p[3]}->{p[4]}  "
           f"wrong changes {p[5]}->{p[6]}" for s, p in sorted(per.items())
           if p[1] != p[2] or p[3] != p[4] or p[5] != p[6]]
    tot = [sum(p[i] for p in per.values()) for i in range(7)]
    out.append(f"TOTAL lines {tot[0]} intent {tot[1]}->{tot[2]}  all right {tot[3]}->{tot[4]}  "
               f"wrong changes {tot[5]}->{tot[6]}")
    for k in common:
        x, y = a[k], b[k]
        if (x["got"], x["slots"], x["ok"], x["wc"]) == (y["got"], y["slots"], y["ok"], y["wc"]):
            continue
        sign = "+" if sum(y["ok"]) > sum(x["ok"]) else "-" if sum(y["ok"]) < sum(x["ok"]) else "~"
        sign = "WC!" if y["wc"] and not x["wc"] else sign
        out.append(f"{sign} {k.replace(chr(9), ' | ')}\n     want {x['want']} | was {x['got']} "
                   f"{x['slots']} {x['ok']}\n     now  {y['got']} {y['slots']} {y['ok']} "
                   f"{y['reply']}")
    return out


def timing(names: list[str], passes: int = 3) -> dict[str, Any]:
    """``Grammar.parse`` per line on the sets' lines, on the eval's data: the best of
    ``passes`` (the least disturbed by the machine's other work), and the slowest line after
    the first pass."""
    from evalkit import EVAL_DIR, fresh_app, load_utterances

    from nargis_desktop.brain.factory import build_assistant

    texts = [row["text"] for name in _sets(names)
             for row in load_utterances(EVAL_DIR / f"{name}.jsonl")]
    with fresh_app() as app:
        assistant = build_assistant(app, with_llm=False)
        vocab, grammar = assistant.vocabulary(), assistant.grammar
        best, slowest = float("inf"), 0.0
        for n in range(passes):
            start = time.perf_counter()
            for text in texts:
                t0 = time.perf_counter()
                grammar.parse(text, vocab)
                if n:  # (the first pass also compiles what is compiled on first use)
                    slowest = max(slowest, time.perf_counter() - t0)
            best = min(best, time.perf_counter() - start)
    return {"machine": machine(), "lines": len(texts), "passes": passes,
            "ms_per_line": round(best / len(texts) * 1000, 2),
            "slowest_line_ms": round(slowest * 1000, 1)}


def main(args: list[str]) -> int:
    if args[:1] == ["dump"] and len(args) >= 2:
        lines = dump(Path(args[1]), args[2:])
        print(f"{len(lines)} lines read into {args[1]}")
    elif args[:1] == ["compare"] and len(args) == 3:
        print("\n".join(compare(*(json.loads(Path(p).read_text()) for p in args[1:]))))
    elif args[:1] == ["time"]:
        print(json.dumps(timing(args[1:]), indent=2))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
