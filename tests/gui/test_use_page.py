"""The Use page: drops become cards with the right category, the window stays responsive,
"Why?" shows a heatmap, and exports, CSV and sorting write files that load back."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QRadioButton

from gui.probe import LatencyProbe

EASY = ("trouser", "bag", "sandal")  # Fashion-MNIST categories that are easy to tell apart
MAKE_FASHION = (
    Path(__file__).resolve().parents[3] / "shared" / "datasets" / "make_fashion_folders.py"
)


def make_fashion(out: Path, per_class: int, split: str) -> Path:
    """Real Fashion-MNIST photos (Debian's dataset-fashion-mnist), all 10 categories, JPEG."""
    if not Path("/usr/share/datasets/fashion-mnist").is_dir() or not MAKE_FASHION.is_file():
        pytest.skip("Fashion-MNIST or ../shared/datasets/make_fashion_folders.py is missing")
    args = [str(out), "--per-class", str(per_class), "--split", split, "--format", "jpg"]
    subprocess.run([sys.executable, str(MAKE_FASHION), *args], check=True, capture_output=True)
    return out


def _fashion(out: Path, per_class: int, split: str, keep=EASY) -> Path:
    """Real Fashion-MNIST photos of the ``keep`` categories only."""
    raw = make_fashion(out.with_name(out.name + "-all"), per_class=per_class, split=split)
    out.mkdir(parents=True, exist_ok=True)
    for name in keep:
        shutil.copytree(raw / name, out / name)
    return out


def trained_fashion(tmp_path_factory) -> tuple[Path, object, Path]:
    """(model file, TrainResult, held-out photo folder): trained once per session, head
    only, 3 epochs, on 12 photos of each easy category."""
    cache = trained_fashion.__dict__.setdefault("cache", {})
    if "value" not in cache:
        from engine.config import TrainConfig
        from engine.training import train

        root = tmp_path_factory.mktemp("use-model")
        data = _fashion(root / "train", per_class=12, split="train")
        held_out = _fashion(root / "held-out", per_class=10, split="test")
        config = TrainConfig(
            data_dir=str(data), epochs=3, train_layers="head", precision="fp32", seed=0
        )
        result = train(config, out=root / "fashion.ftmodel")
        assert result.model_path is not None
        cache["value"] = (result.model_path, result, held_out)
    return cache["value"]


@pytest.fixture(scope="session")
def fashion_model(tmp_path_factory):
    return trained_fashion(tmp_path_factory)


@pytest.fixture
def page(qtbot, fashion_model):
    from gui.use_page import UsePage

    page = UsePage()
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    with qtbot.waitSignal(page.model_ready, timeout=60_000):
        page.set_model(fashion_model[0])
    yield page
    page.shutdown()
    from gui import workers

    workers.stop_all_workers(30_000)


def drop(widget, paths: list[Path]) -> None:
    """Drag file URLs over ``widget`` and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the drop area refused file URLs"
    event = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    assert event.isAccepted()


def cards(page) -> dict[str, object]:
    return {Path(p.path).name + "@" + Path(p.path).parent.name: p for p in page.model.predictions()}


def test_drop_area_is_named_and_refuses_non_files(page):
    area = page.drop_area
    assert area.objectName() == "predictDropArea"
    assert area.accessibleName() == "predictDropArea"
    mime = QMimeData()
    mime.setText("not a file")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(area, enter)
    assert not enter.isAccepted()


def test_dropped_photos_and_folder_get_the_right_category(qtbot, page, fashion_model):
    _, _, held_out = fashion_model
    photos = [sorted((held_out / name).iterdir())[0] for name in ("trouser", "bag")]
    drop(page.drop_area, photos)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=30_000)
    qtbot.waitUntil(lambda: page._job is None, timeout=30_000)

    folder = held_out / "sandal"
    n_sandals = len(list(folder.iterdir()))
    with qtbot.waitSignal(page.classify_finished, timeout=60_000):
        drop(page.drop_area, [folder])
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 + n_sandals, timeout=30_000)

    got = page.model.predictions()
    assert [Path(p.path) for p in got[:2]] == photos
    for pred in got:
        assert pred.error is None
        assert pred.label == Path(pred.path).parent.name, pred
        assert len(pred.top) == 3 and pred.top[0][1] >= pred.top[1][1] >= pred.top[2][1]
    # What the card shows for a screen reader and a tooltip.
    first = page.model.index(0)
    assert first.data(Qt.ItemDataRole.AccessibleTextRole).startswith(photos[0].name + ": trouser")
    assert f"{n_sandals + 2} photos" in page.summary_label.text()


def test_threshold_slider_marks_not_sure_live_and_in_the_csv(qtbot, page, fashion_model, tmp_path):
    _, _, held_out = fashion_model
    with qtbot.waitSignal(page.classify_finished, timeout=60_000):
        drop(page.drop_area, [held_out / "bag"])
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=30_000)
    default = page.predictor.threshold
    assert page.threshold_slider.value() == round(default * 100)

    page.threshold_slider.setValue(99)
    preds = page.model.predictions()
    assert all(page.model.is_unsure(p) for p in preds if p.confidence < 0.99)
    qtbot.waitUntil(lambda: "not sure" in page.summary_label.text(), timeout=5_000)
    page.threshold_slider.setValue(0)
    assert not any(page.model.is_unsure(p) for p in preds)
    qtbot.waitUntil(lambda: "not sure" not in page.summary_label.text(), timeout=5_000)

    page.set_threshold(0.99)
    out = tmp_path / "answers.csv"
    with qtbot.waitSignal(page.csv_saved, timeout=30_000):
        page.export_csv_to(out)
    rows = list(csv.DictReader(out.open()))
    assert [r["path"] for r in rows] == [p.path for p in preds]
    assert [r["label"] for r in rows] == [p.label for p in preds]
    assert [r["unsure"] == "yes" for r in rows] == [p.confidence < 0.99 for p in preds]


def test_single_photo_is_answered_quickly(qtbot, page, fashion_model, record_property):
    _, _, held_out = fashion_model
    photo = sorted((held_out / "trouser").iterdir())[3]
    times = []
    for _ in range(3):
        page.clear()
        t0 = time.perf_counter()
        with qtbot.waitSignal(page.cards_added, timeout=30_000):
            drop(page.drop_area, [photo])
        times.append((time.perf_counter() - t0) * 1000)
        qtbot.waitUntil(lambda: page._job is None, timeout=30_000)
    assert page.model.prediction(0).label == "trouser"
    best = min(times)
    record_property("single_photo_ms", round(best, 1))
    print(f"single photo: drop to card {best:.0f} ms (runs: {[round(t) for t in times]})")
    # Goal: 150 ms on a quiet machine; the bound leaves room for a busy shared CI box.
    assert best < 500


def test_big_drop_fills_in_progressively_without_stalling(
    qtbot, page, tmp_path_factory, record_property
):
    many = make_fashion(tmp_path_factory.mktemp("many") / "photos", per_class=12, split="test")
    total = len(list(many.rglob("*.jpg")))
    assert total >= 100
    probe = LatencyProbe(10)
    first: list[float] = []
    page.cards_added.connect(lambda n: first.append(time.perf_counter()) if not first else None)
    probe.start()
    t0 = time.perf_counter()
    with qtbot.waitSignal(page.classify_finished, timeout=120_000):
        drop(page.drop_area, [many])
    qtbot.waitUntil(lambda: page.model.rowCount() == total, timeout=30_000)
    qtbot.wait(100)
    stats = probe.stop()
    first_ms = (first[0] - t0) * 1000
    record_property("big_drop_first_card_ms", round(first_ms))
    record_property("big_drop_worst_lateness_ms", round(stats.worst_ms, 1))
    print(f"{total} photos: first card after {first_ms:.0f} ms; event loop {stats}")
    assert first_ms < 1000
    # The goal (no stall over 100 ms) is measured on a quiet machine by `make bench`
    # (benchmarks/gui_bench.py); here the bound leaves room for a busy CI machine.
    assert stats.p99_ms < 50, stats
    assert stats.worst_ms < 300, stats
    assert stats.ticks > 20  # the probe really ran while the cards filled in


def test_why_button_shows_a_heatmap_for_the_card(qtbot, page, fashion_model):
    _, _, held_out = fashion_model
    with qtbot.waitSignal(page.classify_finished, timeout=60_000):
        drop(page.drop_area, [sorted((held_out / "bag").iterdir())[0]])
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    view = page.cards
    pos = view.why_button_center(0)
    with qtbot.waitSignal(page.explanation_ready, timeout=60_000) as blocker:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    ex = blocker.args[0]
    assert ex.label == page.model.prediction(0).label == "bag"
    assert ex.heatmap.shape == ex.image.shape[:2] and float(ex.heatmap.max()) == pytest.approx(1.0)
    dialog = page._explainer
    assert dialog.isVisible() and not dialog.heat.pixmap().isNull()
    assert "bag" in dialog.caption.text()


def _sidecar_input(photo: Path, meta: dict) -> np.ndarray:
    """Preprocess as the exported model's JSON says, with PIL and numpy only."""
    from PIL import Image

    spec = meta["input"]
    img = Image.open(photo).convert("RGB")
    w, h = img.size
    s = spec["resize_shorter_side_to"] / min(w, h)
    img = img.resize((round(w * s), round(h * s)), Image.BILINEAR)
    c = spec["center_crop"]
    left, top = (img.width - c) // 2, (img.height - c) // 2
    img = img.crop((left, top, left + c, top + c))
    return (np.asarray(img, dtype=np.float32) / 255.0).transpose(2, 0, 1)[None]


def test_export_onnx_from_the_dialog_loads_back_and_agrees(qtbot, page, fashion_model, tmp_path):
    import json

    import onnxruntime as ort

    _, _, held_out = fashion_model
    with qtbot.waitSignal(page.classify_finished, timeout=60_000):
        drop(page.drop_area, [held_out / "trouser"])
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=10_000)

    page.export_model_dialog()
    dialog = page._export_dialog
    assert dialog.isVisible()
    dialog.findChild(QRadioButton, "export_onnx").setChecked(True)
    out = tmp_path / "exported" / "fashion.onnx"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(page.export_finished, timeout=120_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    report = blocker.args[0]
    assert report.ok and report.checked == 10 and report.agreement == 1.0
    assert "matches the app" in dialog.result.text()

    meta = json.loads(report.json_path.read_text())
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    for pred in page.model.predictions()[:3]:
        logits = session.run(None, {"image": _sidecar_input(Path(pred.path), meta)})[0][0]
        assert meta["classes"][int(np.argmax(logits))] == pred.label


def test_export_torchscript_and_app_file_load_back(qtbot, page, fashion_model, tmp_path):
    import torch

    from engine.modelfile import load_model

    model_path, _, held_out = fashion_model
    with qtbot.waitSignal(page.classify_finished, timeout=60_000):
        drop(page.drop_area, [held_out / "sandal"])
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=10_000)

    out = tmp_path / "fashion.pt"
    with qtbot.waitSignal(page.export_finished, timeout=120_000) as blocker:
        page.export_model_to("torchscript", out)
    report = blocker.args[0]
    assert report.ok and report.checked == 10
    from engine.export import torchscript_quietly

    with torchscript_quietly():  # torch's own deprecation notice, not the app's
        module = torch.jit.load(str(out))
    from engine import preprocess

    loaded = load_model(model_path)
    pred = page.model.prediction(0)
    view = preprocess.plain_view(
        preprocess.load_resized(pred.path, loaded.prep.resize), loaded.prep
    )
    x = preprocess.to_batch([view]).float() / 255.0
    assert loaded.classes[int(module(x).argmax())] == pred.label

    copy = tmp_path / "copy.ftmodel"
    with qtbot.waitSignal(page.export_finished, timeout=60_000) as blocker:
        page.export_model_to("ftmodel", copy)
    assert blocker.args[0].ok
    assert load_model(copy).classes == loaded.classes
    assert copy.read_bytes() == Path(model_path).read_bytes()


def test_sort_into_folders(qtbot, page, fashion_model, tmp_path):
    _, _, held_out = fashion_model
    src = tmp_path / "unsorted"
    for name in EASY:
        for p in sorted((held_out / name).iterdir())[:3]:
            src.mkdir(exist_ok=True)
            shutil.copy(p, src / f"{name}-{p.name}")
    out = tmp_path / "sorted"
    page.set_threshold(0.0)
    with qtbot.waitSignal(page.sort_finished, timeout=60_000) as blocker:
        page.sort_into(src, out)
    report = blocker.args[0]
    assert len(report.placed) == 9 and not report.unreadable
    for name in EASY:
        placed = sorted(p.name for p in (out / name).iterdir())
        assert placed == sorted(p.name for p in src.iterdir() if p.name.startswith(name + "-"))
    assert (out / "sorted.csv").is_file()
    assert len(list(src.iterdir())) == 9  # copied, not moved


def test_a_broken_model_file_is_reported_and_drops_are_refused(qtbot, tmp_path):
    from gui.use_page import UsePage

    bad = tmp_path / "broken.ftmodel"
    bad.write_bytes(b"not a model at all")
    page = UsePage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model_failed, timeout=60_000) as blocker:
        page.set_model(bad)
    assert "not a Finetune Studio model" in blocker.args[0].message
    assert page.model_label.text().startswith("Could not load the model")
    drop(page.drop_area, [tmp_path])
    assert page.model.rowCount() == 0 and page._job is None
    assert "model first" in page.summary_label.text()
    page.shutdown()
    from gui import workers

    assert workers.stop_all_workers(30_000)  # the failed load's thread has ended


def test_why_shows_the_whole_photo_with_the_crop_the_model_saw(
    qtbot, page, fashion_model, tmp_path
):
    """Issue 13: "Why?" showed only the centre crop (an ostrich's head cut off)."""
    from PIL import Image

    _, _, held_out = fashion_model
    bag = Image.open(sorted((held_out / "bag").iterdir())[0]).convert("RGB")
    wide = Image.new("RGB", (bag.width * 3, bag.height), (250, 250, 250))
    wide.paste(bag, (bag.width, 0))
    photo = tmp_path / "wide bag.png"
    wide.save(photo)
    with qtbot.waitSignal(page.classify_finished, timeout=60_000):
        drop(page.drop_area, [photo])
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(page.explanation_ready, timeout=60_000) as blocker:
        page.explain(0)
    ex = blocker.args[0]
    assert ex.photo.shape[1] == 3 * ex.photo.shape[0]  # the whole 3:1 photo came along
    dialog = page._explainer
    for label in (dialog.photo, dialog.heat):
        shown = label.pixmap()
        assert not shown.isNull() and shown.width() >= 2.5 * shown.height(), shown.size()
    dialog.grab().save(str(tmp_path / "why.png"))
