"""The README's "use an exported model without the app" example really works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_onnx_example_classifies_a_photo(cli_model, tmp_path):
    from engine.export import export_model

    code = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    export_model(cli_model["model"], "onnx", tmp_path / "fashion.onnx")
    src = sorted((cli_model["val"] / "trouser").iterdir())[0]
    Image.open(src).convert("RGB").save(tmp_path / "photo.jpg", quality=95)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    label, conf = out.stdout.split()
    assert label == "trouser" and conf.endswith("%")
