"""Entry point of the ``nargis`` command.

Sub-commands are imported only when used, so ``nargis tasks list`` does not pay
for DuckDB, Whisper or Qt at start-up.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from nargis_desktop import __version__
from nargis_desktop.errors import NargisError

#: command name -> "module:attribute" of its click command, loaded on first use.
COMMANDS: dict[str, str] = {
    "tasks": "nargis_desktop.cli.tasks_cmd:tasks",
    "habits": "nargis_desktop.cli.habits_cmd:habits",
    "journal": "nargis_desktop.cli.journal_cmd:journal",
    "focus": "nargis_desktop.cli.focus_cmd:focus",
    "stats": "nargis_desktop.cli.data_cmd:stats",
    "export": "nargis_desktop.cli.data_cmd:export",
    "import": "nargis_desktop.cli.data_cmd:import_",
    "settings": "nargis_desktop.cli.settings_cmd:settings",
}


def register(name: str, target: str) -> None:
    """Let a feature package add a lazily loaded sub-command."""
    COMMANDS[name] = target


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        _load_plugins()
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        _load_plugins()
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        cmd = getattr(importlib.import_module(module), attr)
        assert isinstance(cmd, click.Command)
        return cmd


_PLUGINS = (
    "nargis_desktop.cli.voice_cmds",
    "nargis_desktop.cli.brain_cmds",
    "nargis_desktop.cli.app_cmds",
    "nargis_desktop.cli.sync_cmds",
)
_plugins_loaded = False


def _load_plugins() -> None:
    """Feature packages register their commands here; a missing one is simply absent."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for name in _PLUGINS:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False), default=None,
              help="Data folder (default: $NARGIS_HOME, else the user data folder).")
@click.version_option(__version__, prog_name="nargis")
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """Nargis Desktop: your private, local voice assistant.

    Run without a command to open the desktop app.
    """
    from nargis_desktop.cli.common import Runtime

    ctx.obj = Runtime(home)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        _load_plugins()
        opener = cli.get_command(ctx, "app") if "app" in COMMANDS else None
        if opener is None:
            click.echo(ctx.get_help())
            return
        ctx.invoke(opener)


def main(argv: list[str] | None = None) -> None:
    try:
        rv: Any = cli.main(args=argv, prog_name="nargis", standalone_mode=False)
    except NargisError as err:
        click.echo(f"nargis: {err}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("nargis: aborted.", err=True)
        sys.exit(1)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        click.echo("nargis: interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(rv if isinstance(rv, int) else 0)
