"""Keep the translation files in step with the code, and compile them.

    python scripts/translations.py update [AREA ...]   # pyside6-lupdate: .py -> .ts
    python scripts/translations.py release             # pyside6-lrelease: .ts -> .qm

resources/translations/areas.json says which source files each area covers. For every
area and language there is ``<area>_<lang>.ts`` (the translation) and ``<area>_en.ts``
(English plural forms only: the English source text says "%n photo(s)", and this file
turns it into "1 photo" / "2 photos"). Locations are left out of the .ts files so that
moving code does not change them. The .qm files are build output (not in git): ``make``
builds them before the app or the tests run, and packaging/build.sh before bundling.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the interpreter's own environment."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} was not found; it comes with PySide6 (pip install PySide6)")
    return found


def manifest() -> dict:
    """The parsed areas.json."""
    return json.loads((TRANSLATIONS / "areas.json").read_text(encoding="utf-8"))


def ts_files(area: str, doc: dict | None = None) -> list[tuple[Path, list[str]]]:
    """(.ts path, extra lupdate options) for one area: English plural forms, then each language."""
    doc = doc or manifest()
    out = [(TRANSLATIONS / f"{area}_en.ts", ["-pluralonly"])]
    out += [(TRANSLATIONS / f"{area}_{lang}.ts", []) for lang in doc["languages"]]
    return out


def update(areas: list[str], ts_dir: Path = TRANSLATIONS) -> None:
    """Run pyside6-lupdate for ``areas`` (all when empty), writing into ``ts_dir``."""
    doc = manifest()
    lupdate = _tool("pyside6-lupdate")
    for area in areas or list(doc["areas"]):
        sources = [str(ROOT / p) for p in doc["areas"][area]]
        for ts, extra in ts_files(area, doc):
            target = ts_dir / ts.name
            if ts_dir != TRANSLATIONS and ts.exists():
                shutil.copyfile(ts, target)
            cmd = [lupdate, *extra, "-no-obsolete", "-locations", "none", *sources]
            subprocess.run([*cmd, "-ts", str(target)], check=True, cwd=ROOT)


def release(ts_dir: Path = TRANSLATIONS, qm_dir: Path = TRANSLATIONS) -> list[Path]:
    """Compile every .ts in ``ts_dir`` into a .qm in ``qm_dir``; returns the .qm paths."""
    lrelease = _tool("pyside6-lrelease")
    out = []
    for ts in sorted(ts_dir.glob("*.ts")):
        qm = qm_dir / ts.with_suffix(".qm").name
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("update", "release"):
        print(__doc__)
        return 2
    if argv[0] == "update":
        update(argv[1:])
    else:
        release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
