"""``nargis settings``: where the file is, what is in effect, a documented template."""

from __future__ import annotations

import click

from nargis_desktop.cli.common import Runtime, emit_json, json_option, pass_runtime
from nargis_desktop.settings import documented_template, load_settings, settings_to_dict


@click.group()
def settings() -> None:
    """Show settings and where they live."""


@settings.command()
@pass_runtime
def path(rt: Runtime) -> None:
    """Print the settings file path."""
    click.echo(str(rt.home.settings_file))


@settings.command()
@json_option
@pass_runtime
def show(rt: Runtime, as_json: bool) -> None:
    """Print the settings in effect (defaults plus your file), with any problems."""
    s = load_settings(rt.home.settings_file)
    data = settings_to_dict(s)
    if as_json:
        emit_json({"file": str(rt.home.settings_file), "settings": data, "warnings": s.warnings})
        return
    for w in s.warnings:
        click.echo(f"warning: {w}", err=True)
    for section, body in data.items():
        click.echo(f"[{section}]")
        for k, v in body.items():
            click.echo(f"{k} = {v!r}")
        click.echo()


@settings.command()
def template() -> None:
    """Print a commented settings file listing every key and its default."""
    click.echo(documented_template())
