"""The engine is headless: importing every engine module never loads Qt or the GUI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import engine


def test_engine_never_imports_qt():
    modules = [f"engine.{m.name}" for m in pkgutil.iter_modules(engine.__path__)]
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6', 'gui'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


def test_import_linter_contract_holds():
    from pathlib import Path

    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run(
        [str(lint)], capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[1]
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "KEPT" in out.stdout


def test_run_vocabulary_and_cli_parser_load_without_torch():
    """engine.config is torch-free, and the CLI reads its defaults from TrainConfig."""
    code = (
        "import sys\n"
        "from engine.cli import build_parser\n"
        "from engine.config import TrainConfig\n"
        "args = build_parser().parse_args(['train', 'x'])\n"
        "d = TrainConfig()\n"
        "assert (args.batch_size, args.backbone, args.train_layers, args.patience, args.val_split,"
        " args.seed, args.device, args.precision) == (d.batch_size, d.backbone, d.train_layers,"
        " d.early_stop_patience, d.val_split, d.seed, d.device, d.precision), args\n"
        "heavy = sorted(k for k in ('torch', 'torchvision') if k in sys.modules)\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_broken_sub_command_fails_loudly(monkeypatch):
    """No `except ImportError: pass`: a sub-command module that fails to import is an error."""
    import pytest

    from engine import cli

    def broken(_sub):
        raise ImportError("simulated broken commands module")

    monkeypatch.setattr(cli.commands, "register", broken)
    with pytest.raises(ImportError):
        cli.build_parser()
