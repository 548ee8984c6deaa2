"""Whether a model may run tools: measured on the tool-choice eval, recorded per model.

The catalog is the place for it (``tool_calling = "pass" | "fail"`` and
``tool_calling_score`` on an LLM entry). Until the catalog parser accepts those
keys, the measured values live in ``MEASURED`` below; a catalog value wins.
Unknown models fail closed: they chat and suggest command wording.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

#: model id -> (level, score on tests/brain/eval/tool_choice.jsonl); see the eval's README.
MEASURED: dict[str, tuple[str, float | None]] = {
    "smollm2-135m": ("fail", 0.031),  # 1/32, 2-core CPU run; see the report
    "gemma3-270m": ("fail", None),  # run did not finish in the session; fails closed
}
PASS_SCORE = 0.9


@dataclass(frozen=True)
class Capability:
    model_id: str
    tool_calling: bool
    score: float | None
    source: str  # "catalog", "measured" or "unknown"


def _from_catalog(model_id: str) -> tuple[str, float | None] | None:
    try:
        from nargis_desktop.models.catalog import default_catalog_path

        data = tomllib.loads(Path(default_catalog_path()).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, ImportError):
        return None
    for entry in data.get("model", []):
        if entry.get("id") == model_id and "tool_calling" in entry:
            score = entry.get("tool_calling_score")
            return str(entry["tool_calling"]), float(score) if score is not None else None
    return None


def capability(model_id: str) -> Capability:
    found = _from_catalog(model_id)
    if found is not None:
        return Capability(model_id, found[0] == "pass", found[1], "catalog")
    if model_id in MEASURED:
        level, score = MEASURED[model_id]
        return Capability(model_id, level == "pass", score, "measured")
    return Capability(model_id, False, None, "unknown")
