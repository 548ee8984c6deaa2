"""Shared CLI plumbing: the lazily built App, output as text or stable JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

import click

from nargis_desktop.app import App
from nargis_desktop.paths import DataHome

F = TypeVar("F", bound=Callable[..., Any])


class Runtime:
    """What every command receives as ``ctx.obj``."""

    def __init__(self, home: str | None) -> None:
        self._home_arg = home

    @cached_property
    def home(self) -> DataHome:
        return DataHome.resolve(self._home_arg)

    @cached_property
    def app(self) -> App:
        app = App(self.home)
        for warning in app.settings.warnings:
            click.echo(f"nargis: warning: {warning}", err=True)
        return app

    def close(self) -> None:
        if "app" in self.__dict__:
            self.app.close()


pass_runtime = click.make_pass_decorator(Runtime)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                         help="Print machine-readable JSON (shape documented in the README).")(fn)


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def get_app(ctx: click.Context | None = None) -> App:
    ctx = ctx or click.get_current_context()
    runtime = ctx.find_object(Runtime)
    if runtime is None:  # invoked directly in a test
        runtime = Runtime(None)
        ctx.obj = runtime
    return runtime.app
