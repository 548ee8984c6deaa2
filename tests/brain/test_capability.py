"""The catalog's tool-calling level decides whether a model may run tools (fail closed)."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import pytest

from nargis_desktop.brain.capability import capability, level
from nargis_desktop.models.catalog import Catalog, default_catalog_path, parse_catalog
from nargis_desktop.models.errors import CatalogError


def _llm_entry(**extra: Any) -> dict[str, Any]:
    data = tomllib.loads(default_catalog_path().read_text(encoding="utf-8"))
    entry: dict[str, Any] = copy.deepcopy(
        next(m for m in data["model"] if m["id"] == "smollm2-135m"))
    entry.pop("tool_calling", None)
    entry.pop("tool_calling_score", None)
    entry.update(id="test-llm", **extra)
    return entry


def _catalog(**extra: Any) -> Catalog:
    return Catalog(parse_catalog({"model": [_llm_entry(**extra)]}))


def test_default_llms_record_a_measured_level() -> None:
    data = tomllib.loads(default_catalog_path().read_text(encoding="utf-8"))
    for entry in data["model"]:
        if entry["id"] in ("smollm2-135m", "gemma3-270m"):
            assert entry["tool_calling"] in ("pass", "fail"), entry["id"]
            assert 0 <= entry["tool_calling_score"] <= 1


def test_only_pass_enables_tools() -> None:
    assert capability("test-llm", _catalog(tool_calling="pass",
                                           tool_calling_score=0.95)).tool_calling
    for value in ("fail", "unmeasured"):
        extra: dict[str, Any] = {"tool_calling": value}
        if value == "fail":
            extra["tool_calling_score"] = 0.2
        assert not capability("test-llm", _catalog(**extra)).tool_calling
    assert not capability("test-llm", _catalog()).tool_calling  # key absent: unmeasured


def test_unknown_models_fail_closed() -> None:
    assert not capability("no-such-model").tool_calling
    assert not capability("smollm2-135m").tool_calling
    assert not capability("whisper-base").tool_calling  # not an LLM at all


@pytest.mark.parametrize("extra, message", [
    ({"tool_calling": "maybe"}, "not one of pass, fail, unmeasured"),
    ({"tool_calling": "pass", "tool_calling_score": 1.5}, "from 0 to 1"),
    ({"tool_calling": "fail", "tool_calling_score": "high"}, "from 0 to 1"),
    ({"tool_calling_score": 0.5}, "needs tool_calling"),
])
def test_bad_levels_are_rejected(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        _catalog(**extra)


def test_level_needs_the_bar_and_no_harm() -> None:
    assert level(0.95, 0) == "pass"
    assert level(0.95, 1) == "fail"
    assert level(0.5, 0) == "fail"
