"""``nargis sync``: set up, status, sync now, disconnect (Google Sheets, optional)."""

from __future__ import annotations

from pathlib import Path

import click

from nargis_desktop.cli.common import Runtime, emit_json, json_option, pass_runtime
from nargis_desktop.sync.service import SyncService


def _service(rt: Runtime, endpoint: str | None = None) -> SyncService:
    return SyncService.from_app(rt.app, endpoint=endpoint)


endpoint_option = click.option(
    "--endpoint", envvar="NARGIS_SHEETS_ENDPOINT", default=None, hidden=True,
    help="Base URL that replaces Google's API hosts (tests, proxies).")


@click.group()
def sync() -> None:
    """Optional two-way sync of tasks and habits with a Google spreadsheet."""


@sync.command()
@click.option("--client-secret", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your OAuth 'Desktop app' client JSON from Google Cloud Console.")
@click.option("--service-account", type=click.Path(exists=True, dir_okay=False,
                                                   path_type=Path),
              help="A service-account key JSON (share the spreadsheet with its email).")
@click.option("--spreadsheet", default=None,
              help="Id of an existing spreadsheet to use (default: create one).")
@click.option("--no-browser", is_flag=True, help="Print the sign-in link instead of opening it.")
@endpoint_option
@pass_runtime
def setup(rt: Runtime, client_secret: Path | None, service_account: Path | None,
          spreadsheet: str | None, no_browser: bool, endpoint: str | None) -> None:
    """Connect to Google and choose (or create) the spreadsheet; turns sync on."""
    result = _service(rt, endpoint).setup(client_secret=client_secret,
                                          service_account=service_account,
                                          spreadsheet=spreadsheet, open_browser=not no_browser)
    for message in result.messages:
        click.echo(message)
    click.echo(f"Sync is on with spreadsheet {result.spreadsheet_id}. Run: nargis sync now")


@sync.command()
@json_option
@click.option("--conflicts", "show_conflicts", default=5, show_default=True,
              help="How many recent conflicts to list.")
@endpoint_option
@pass_runtime
def status(rt: Runtime, as_json: bool, show_conflicts: int, endpoint: str | None) -> None:
    """Connection, last sync, changes waiting to go up, and recent conflicts."""
    svc = _service(rt, endpoint)
    st = svc.status()
    conflicts = svc.conflicts(show_conflicts) if show_conflicts > 0 else []
    if as_json:
        emit_json({**st.to_json(), "conflicts": [c.to_json() for c in conflicts]})
        return
    if not st.connected:
        click.echo("Sync is off (nothing leaves this machine). Set it up with: "
                   "nargis sync setup --client-secret FILE")
        return
    click.echo(f"Sync: {st.state}{'' if st.enabled else ' (disabled)'}, {st.kind}"
               f"{' ' + st.account if st.account else ''}")
    click.echo(f"Spreadsheet: {st.spreadsheet_url}")
    click.echo(f"Last sync: {st.last_sync_at or 'never'}; every {st.interval_minutes} min"
               if st.interval_minutes else f"Last sync: {st.last_sync_at or 'never'}; by hand")
    click.echo(f"Waiting to go up: {st.pending}")
    if st.last_error:
        click.echo(f"Last problem: {st.last_error}")
    report = st.last_report or {}
    for line in [*report.get("skipped", []), *report.get("rejected", [])]:
        click.echo(f"Skipped: {line}")
    if conflicts:
        click.echo(f"Conflicts ({st.unseen_conflicts} new):")
        for c in conflicts:
            click.echo(f"  {c.at}  {c.entity} {c.row_id[:8]}  {c.kind}, kept {c.winner}: "
                       f"{c.detail}")


@sync.command()
@json_option
@endpoint_option
@pass_runtime
def now(rt: Runtime, as_json: bool, endpoint: str | None) -> None:
    """Sync once, now."""
    svc = _service(rt, endpoint)
    report = svc.sync_now(None if as_json else lambda stage: click.echo(f"... {stage}",
                                                                       err=True))
    if as_json:
        emit_json(report.to_json())
        return
    click.echo(f"Synced: {report.summary()}")
    for line in [*report.skipped, *report.rejected]:
        click.echo(f"Skipped: {line}")


@sync.command()
@pass_runtime
def disconnect(rt: Runtime) -> None:
    """Turn sync off and forget the Google sign-in (data here and in the sheet stays)."""
    for message in _service(rt).disconnect():
        click.echo(message)
