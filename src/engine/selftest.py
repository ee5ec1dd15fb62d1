"""``finetune-studio --self-test``: prove an installation works, end to end, offline.

Checks the three built-in backbones' weights and the HEIC decoder are there, loads the
bundled backbone, trains a short run on the bundled sample photos, predicts, exports to
ONNX and checks the export agrees; prints one line and exits 0, or says what
failed and exits 1. The packaged app's build script runs this against the frozen app.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def sample_dir() -> Path:
    """The bundled sample photos (source checkout, installed package, or frozen app)."""
    from .paths import resource_path

    found = resource_path("sample")
    if found is None or not found.is_dir():
        raise FileNotFoundError("the sample photos (resources/sample) are missing")
    return found


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.monotonic()
    try:
        # Inside the try: a broken install (torch, a runtime missing) is what the self-test
        # is for, and it must report that in its one line; also keeps `--help` free of torch.
        from .backbones import backbone_state
        from .config import TrainConfig
        from .export import export_model
        from .images import decoder_available
        from .predict import Predictor
        from .training import train

        # What the app promises offline besides the sample run: the three built-in
        # backbones' weights and the HEIC decoder (importing pi-heif loads libheif and
        # libde265, so this fails if the bundle lacks them).
        lites = ("efficientnet_lite0", "efficientnet_lite1", "efficientnet_lite2")
        missing = [name for name in lites if backbone_state(name) != "bundled"]
        if missing:
            raise RuntimeError(f"built-in backbone weights missing: {', '.join(missing)}")
        if not decoder_available("HEIC"):
            raise RuntimeError("the HEIC decoder (pi-heif) is missing")

        data = sample_dir()
        with tempfile.TemporaryDirectory(prefix="ftstudio-selftest-") as tmp:
            model = Path(tmp) / "selftest.ftmodel"
            result = train(
                TrainConfig(data_dir=str(data), epochs=3, early_stop_patience=0), out=model
            )
            if result.model_path is None or result.val_accuracy is None:
                raise RuntimeError("training produced no model")
            predictor = Predictor(model)
            if predictor.device.type == "cpu" and predictor.runner is None:
                # The runtimes are part of the app; without them prediction is 2-5x slower.
                raise RuntimeError(f"no inference runtime loaded ({predictor.backend_note})")
            preds = predictor.predict_paths([p.path for p in result.val_photos])
            agree = sum(
                p.label == result.classes[ph.label]
                for p, ph in zip(preds, result.val_photos, strict=True)
            )
            report = export_model(
                model,
                "onnx",
                Path(tmp) / "selftest.onnx",
                check_paths=[p.path for p in result.val_photos],
            )
            if not report.ok:
                raise RuntimeError(report.summary())
        print(
            f"self-test passed: trained {len(result.history)} epochs on {data.name} "
            f"(validation accuracy {result.val_accuracy:.0%}), predicted {len(preds)} photos "
            f"({agree} right) with {predictor.backend}, ONNX export agrees ({report.agreement:.0%}); "
            f"3 built-in backbones, HEIC decoder ok; {time.monotonic() - t0:.0f}s"
        )
        return 0
    except Exception as exc:  # noqa: BLE001 — the self-test reports any failure in one line
        print(f"self-test FAILED: {type(exc).__name__}: {exc}")
        return 1
