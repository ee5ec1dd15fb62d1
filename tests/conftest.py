"""Fixtures shared by every test: a private app home, real Fashion-MNIST photo folders."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MAKE_FASHION = SHARED / "datasets" / "make_fashion_folders.py"
FASHION_SOURCE = Path("/usr/share/datasets/fashion-mnist")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# One precision probe per test session, whatever home each test uses.
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="ftstudio-tests-"))
os.environ["FINETUNE_STUDIO_PROBE_FILE"] = str(_SESSION_DIR / "precision.json")
# One timing of each backbone per test session too (the windows' warm-ups measure it).
os.environ["FINETUNE_STUDIO_SPEED_FILE"] = str(_SESSION_DIR / "stage-speed.json")


@pytest.fixture(autouse=True)
def studio_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own settings/cache folder: nothing touches the real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FINETUNE_STUDIO_HOME", str(home))
    from engine import imagecache

    monkeypatch.setattr(imagecache, "_default", None)
    return home


def make_fashion(
    out: Path, *, per_class: int, split: str = "train", classes: int = 10, fmt: str = "png"
) -> Path:
    """Real Fashion-MNIST photos, one folder per category (Debian's dataset-fashion-mnist)."""
    if not FASHION_SOURCE.is_dir():
        pytest.skip(
            "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist; make test does it)"
        )
    if not MAKE_FASHION.is_file():
        pytest.skip(f"{MAKE_FASHION} is missing (CI puts ../shared beside the clone)")
    subprocess.run(
        [
            sys.executable,
            str(MAKE_FASHION),
            str(out),
            "--per-class",
            str(per_class),
            "--split",
            split,
            "--classes",
            str(classes),
            "--format",
            fmt,
        ],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="session")
def fashion_train(tmp_path_factory) -> Path:
    """10 categories x 50 training photos."""
    return make_fashion(tmp_path_factory.mktemp("fm") / "train", per_class=50)


@pytest.fixture(scope="session")
def fashion_val(tmp_path_factory) -> Path:
    """10 categories x 100 photos from the test split."""
    return make_fashion(tmp_path_factory.mktemp("fm") / "val", per_class=100, split="test")


@pytest.fixture(scope="session")
def fashion_small(tmp_path_factory) -> Path:
    """3 easy categories (t-shirt, trouser, pullover) x 12 photos: fast end-to-end runs."""
    return make_fashion(tmp_path_factory.mktemp("fm") / "small", per_class=12, classes=3)


@pytest.fixture(scope="session")
def cli_model(tmp_path_factory, fashion_train, fashion_val):
    """`finetune-studio train DATA --val-dir VAL` with every training option at its default.

    Run once per session (it is the issue's acceptance run); the model is reused by the
    predict / evaluate / sort / export tests.
    """
    import json
    import time

    folder = tmp_path_factory.mktemp("climodel")
    model, metrics = folder / "fashion.ftmodel", folder / "metrics.json"
    env = {**os.environ, "FINETUNE_STUDIO_HOME": str(folder / "home")}
    t0 = time.monotonic()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "train",
            str(fashion_train),
            "--val-dir",
            str(fashion_val),
            "--out",
            str(model),
            "--metrics-json",
            str(metrics),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.monotonic() - t0
    assert out.returncode == 0, out.stderr[-3000:]
    return {
        "model": model,
        "metrics": json.loads(metrics.read_text()),
        "seconds": seconds,
        "train": fashion_train,
        "val": fashion_val,
        "stderr": out.stderr,
    }


@pytest.fixture(scope="session")
def compiled_translations() -> Path:
    """The .qm files in resources/translations, compiled when missing or older than a .ts.

    ``make test`` builds them already; this keeps a plain ``pytest`` run honest too.
    """
    folder = ROOT / "resources" / "translations"
    stale = [
        ts
        for ts in folder.glob("*.ts")
        if not ts.with_suffix(".qm").exists()
        or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
    ]
    if stale:
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "translations.py"), "release"], check=True
        )
    return folder


@pytest.fixture
def german(qapp, compiled_translations):
    """The window in German for one test; English again afterwards (other tests read English)."""
    from gui import i18n

    assert i18n.install("de") == "de"
    yield
    i18n.uninstall()


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    """The resized-photo cache, switched on, in a folder of this test's own."""
    from engine import imagecache

    cache = imagecache.ImageCache(tmp_path / "cache", limit_bytes=64 * 1024**2)
    monkeypatch.setattr(imagecache, "_enabled", True)
    monkeypatch.setattr(imagecache, "_default", cache)
    return cache
