"""Collect the licences of every Python distribution that ships in the bundle.

Usage: python packaging/third_party_notices.py OUT_FILE
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

SKIP = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib", "pytest",
        "pytest-qt", "hypothesis", "mypy", "ruff", "mypy-extensions", "iniconfig", "pluggy",
        "nargis-desktop", "altgraph", "pathspec", "librt", "ast-serialize"}
LICENSE_NAMES = ("license", "licence", "copying", "notice", "authors")


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return str(expr)
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return "; ".join(classifiers)
    text = (meta.get("License") or "").strip()
    return text.splitlines()[0][:120] if text else "unknown (see the project's page)"


def main(out: Path) -> None:
    seen: set[str] = set()
    parts = ["Nargis Desktop — third-party notices",
             "Nargis Desktop is licensed under the GPL-3.0-or-later (see LICENSE). It bundles",
             "the following packages, each under its own licence. Models are not bundled; the",
             "model manager shows each model's licence before it downloads it.", ""]
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"].lower()):
        name = dist.metadata["Name"]
        if name.lower() in SKIP or name.lower() in seen:
            continue
        seen.add(name.lower())
        parts.append("=" * 78)
        parts.append(f"{name} {dist.version} — {licence_of(dist)}")
        home = dist.metadata.get("Home-page") or next(
            (u.split(",", 1)[1].strip() for u in dist.metadata.get_all("Project-URL") or []
             if "," in u), "")
        if home:
            parts.append(home)
        for f in dist.files or []:
            if Path(str(f)).name.lower().startswith(LICENSE_NAMES):
                try:
                    parts += ["", Path(str(dist.locate_file(f))).read_text("utf-8", "replace")]
                except OSError:
                    continue
        parts.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(parts), encoding="utf-8")
    print(f"{len(seen)} packages listed in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/THIRD_PARTY_NOTICES.txt"))
