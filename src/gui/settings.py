"""The window's own settings: a typed, versioned dataclass saved as JSON.

Stored in ``engine.paths.config_dir()/gui-settings.json`` (tests point
``FINETUNE_STUDIO_HOME`` at a temporary folder) and written atomically. A damaged or
unknown file is never fatal: the defaults are used and the file is rewritten on exit.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from engine.atomic import write_text
from engine.imagecache import DEFAULT_LIMIT_BYTES
from engine.paths import config_dir

log = logging.getLogger(__name__)

# 1: window geometry, recent projects, last folder, getting started.
# 2: the Preferences window's choices (language ... runs_folder).
SETTINGS_VERSION = 2
MAX_RECENT = 8
FILE_NAME = "gui-settings.json"
THEMES = ("system", "light", "dark")
#: The resized-photo cache's limit unless the person sets another (engine.imagecache).
DEFAULT_CACHE_LIMIT_MB = DEFAULT_LIMIT_BYTES // 2**20


@dataclass
class GuiSettings:
    version: int = SETTINGS_VERSION
    geometry: str = ""  # QMainWindow.saveGeometry(), base64
    window_state: str = ""  # QMainWindow.saveState(), base64
    recent_projects: list[str] = field(default_factory=list)
    last_folder: str = ""  # where the folder and file dialogs start
    show_getting_started: bool = True
    # ---- Preferences (version 2); "" means "as the system / the app's standard"
    language: str = ""  # "" (the system's), "en", "de" (gui.i18n.available_languages)
    theme: str = "system"  # one of THEMES
    default_backbone: str = ""  # new projects start with it ("": engine.config's default)
    cache_limit_mb: int = DEFAULT_CACHE_LIMIT_MB  # resized photos kept at most
    runs_folder: str = ""  # where new runs go ("": engine.paths.models_dir)

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.recent_projects = [p] + [r for r in self.recent_projects if r != p]
        del self.recent_projects[MAX_RECENT:]

    def reset_preferences(self) -> None:
        """Every Preferences choice back to its default; the recent projects, the last
        folder and the window's size stay (they are not preferences a person set)."""
        defaults = GuiSettings()
        for name in PREFERENCE_FIELDS:
            setattr(self, name, getattr(defaults, name))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> GuiSettings:
        """Keep the known keys whose type matches the default's; ignore the rest."""
        out = cls()
        for f in fields(cls):
            if f.name == "version" or f.name not in d:
                continue
            value = d[f.name]
            default = getattr(out, f.name)
            if isinstance(default, list):
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    setattr(out, f.name, value[:MAX_RECENT])
            elif type(value) is type(default):
                setattr(out, f.name, value)
        if out.theme not in THEMES:
            out.theme = "system"
        if out.cache_limit_mb < 0:
            out.cache_limit_mb = DEFAULT_CACHE_LIMIT_MB
        return out


#: The fields the Preferences window sets ("Reset all settings" resets these).
PREFERENCE_FIELDS = (
    "language",
    "theme",
    "default_backbone",
    "cache_limit_mb",
    "runs_folder",
    "show_getting_started",
)


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load_settings() -> GuiSettings:
    path = settings_path()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return GuiSettings()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable settings %s: %s", path, exc)
        return GuiSettings()
    if not isinstance(doc, dict):
        return GuiSettings()
    version = doc.get("version")
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        log.warning("settings %s are from a newer version; using defaults", path)
        return GuiSettings()
    return GuiSettings.from_dict(_migrate(doc))


def _migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """An older file's keys as the current version names them.

    1 -> 2 only added fields (the Preferences' choices): from_dict gives them their
    defaults. A later version that renames or reshapes a field converts it here.
    """
    return {**doc, "version": SETTINGS_VERSION}


def save_settings(settings: GuiSettings) -> None:
    try:
        write_text(settings_path(), json.dumps(settings.to_dict(), indent=2))
    except Exception as exc:  # noqa: BLE001 - losing the window size is not worth a crash
        log.warning("could not save settings: %s", exc)
