"""Test helper: install the real default models once into a shared folder."""

from __future__ import annotations

from pathlib import Path

from nargis_desktop.models.catalog import default_catalog
from nargis_desktop.models.manager import ModelManager


def ensure_default_models(models_dir: Path, ids: list[str] | None = None) -> None:
    """Install (via the real ModelManager) any default model missing from ``models_dir``.

    ``ids`` limits it to some models (any catalog id, default or not). Safe to call
    from parallel test workers: installs of one model are serialised by a file lock.
    """
    manager = ModelManager(Path(models_dir), default_catalog())
    wanted = ids if ids is not None else [e.id for e in manager.catalog.defaults()]
    for model_id in wanted:
        if not manager.is_installed(model_id):
            manager.install(model_id)
