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
from engine.paths import config_dir

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
MAX_RECENT = 8
FILE_NAME = "gui-settings.json"


@dataclass
class GuiSettings:
    version: int = SETTINGS_VERSION
    geometry: str = ""  # QMainWindow.saveGeometry(), base64
    window_state: str = ""  # QMainWindow.saveState(), base64
    recent_projects: list[str] = field(default_factory=list)
    last_folder: str = ""  # where the folder and file dialogs start
    show_getting_started: bool = True

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.recent_projects = [p] + [r for r in self.recent_projects if r != p]
        del self.recent_projects[MAX_RECENT:]

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
        return out


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
    # Older versions: every field so far is additive, so from_dict's defaults migrate them.
    return GuiSettings.from_dict(doc)


def save_settings(settings: GuiSettings) -> None:
    try:
        write_text(settings_path(), json.dumps(settings.to_dict(), indent=2))
    except Exception as exc:  # noqa: BLE001 - losing the window size is not worth a crash
        log.warning("could not save settings: %s", exc)
