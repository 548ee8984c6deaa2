"""``bench/eval_regression.py compare``: the check each grammar change is read through."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

_PATH = Path(__file__).resolve().parents[2] / "bench" / "eval_regression.py"
_spec = importlib.util.spec_from_file_location("eval_regression", _PATH)
assert _spec is not None and _spec.loader is not None
regression = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regression)


def _line(got: str, ok: list[bool], wc: bool = False) -> dict[str, Any]:
    return {"want": "task.add", "got": got, "slots": {}, "ok": ok, "wc": wc, "reply": ""}


def test_every_line_read_differently_is_listed_and_marked() -> None:
    before = {"lines": {"a\tsame": _line("task.add", [True, True, True]),
                        "a\tworse": _line("task.add", [True, True, True]),
                        "b\tbetter": _line("chat", [False, False, False]),
                        "b\tharmful": _line("chat", [False, False, False]),
                        "b\tgone": _line("chat", [False, False, False])}}
    after = {"lines": {"a\tsame": _line("task.add", [True, True, True]),
                       "a\tworse": _line("task.add", [True, False, True]),
                       "b\tbetter": _line("task.add", [True, True, True]),
                       "b\tharmful": _line("task.delete", [False, False, False], wc=True)}}
    report = regression.compare(before, after)
    marked = {line.split(" | ")[0]: line.split(" | ")[1].split("\n")[0]
              for line in report if " | " in line}
    assert marked == {"- a": "worse", "+ b": "better", "WC! b": "harmful"}
    assert "TOTAL lines 4 intent 2->3  all right 2->2  wrong changes 0->1" in report
