"""Step 2: the backbone list, download and import, the freeze tree and its presets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

SMALL = "mobilenet_v3_small"


def select(win, qtbot, name: str) -> None:
    win.go_to(1)
    lst = win.model_page.backbone_list
    for r in range(lst.count()):
        if lst.item(r).data(Qt.ItemDataRole.UserRole) == name:
            lst.setCurrentItem(lst.item(r))
            break
    else:
        raise AssertionError(f"{name} not listed")
    qtbot.waitUntil(lambda: win.model_page.structure is not None, timeout=60_000)


def tree_groups(win) -> list[str]:
    tree = win.model_page.tree
    return [
        tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        for i in range(tree.topLevelItemCount())
    ]


def test_catalog_lists_every_backbone_with_its_state(qtbot, window, wait_catalog):
    from engine.backbones import list_backbones

    wait_catalog(window)
    page = window.model_page
    lst = page.backbone_list
    assert lst.count() == len(list_backbones())
    assert "built in, ready offline" in lst.item(0).text()
    assert lst.currentItem().data(Qt.ItemDataRole.UserRole) == "efficientnet_lite0"
    resnet = next(
        lst.item(r)
        for r in range(lst.count())
        if lst.item(r).data(Qt.ItemDataRole.UserRole) == "resnet18"
    )
    assert "download 45 MB" in resnet.text()
    details = page.details.text()
    assert "ImageNet accuracy" in details and "75.1%" in details and "Apache-2.0" in details
    assert "ms per photo on this computer" in details  # measured, not guessed
    assert not page.import_button.isEnabled()  # nothing to import for the built-in one


def test_presets_ticks_and_the_live_parameter_line(qtbot, window, wait_catalog):
    wait_catalog(window)
    page = window.model_page
    groups = tree_groups(window)
    assert groups[0] == "stem" and groups[-1] == "head" and "pool" not in groups
    assert window.state.train_layers == "head"
    head_only, total = page.trainable_params()

    page.preset_combo.setCurrentIndex(page.preset_combo.findData("last"))
    page.preset_combo.activated.emit(page.preset_combo.currentIndex())
    assert window.state.train_layers == "last"
    assert page.frozen_groups() == set(groups[:-2])
    last, _ = page.trainable_params()
    assert last > head_only

    # Unticking one more block by hand makes it a custom plan.
    tree = page.tree
    tree.topLevelItem(len(groups) - 3).setCheckState(0, Qt.CheckState.Unchecked)
    assert page.preset_combo.currentData() == "custom"
    assert window.state.train_layers == ",".join(groups[-3:])
    custom, total2 = page.trainable_params()
    assert custom > last and total2 == total
    assert f"of {total / 1e6:.1f} million parameters will train" in page.params_label.text()
    assert "per epoch" in page.time_label.text()
    # The head cannot be frozen.
    head = tree.topLevelItem(len(groups) - 1)
    assert not head.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_changing_the_backbone_rebuilds_the_tree(qtbot, window, wait_catalog, tiny_photos):
    wait_catalog(window)
    window.photos_page.load_folder(tiny_photos)
    qtbot.waitUntil(lambda: window.state.scan is not None, timeout=30_000)
    lite_groups = tree_groups(window)
    select(window, qtbot, SMALL)
    assert window.state.backbone == SMALL
    small_groups = tree_groups(window)
    assert small_groups != lite_groups and "neck" in small_groups
    assert not window.state.backbone_ready
    assert not window.train_page.train_button.isEnabled()
    assert "Download or import" in window.train_page.ready_label.text()
    assert window.model_page.download_button.isEnabled()


def test_download_shows_progress_and_makes_the_backbone_ready(
    qtbot, window, wait_catalog, monkeypatch
):
    from engine import download
    from engine.download import DownloadProgress

    def fake_download(url, dest, *, sha256_prefix=None, on_progress=None, should_stop=None, **kw):
        total = 10_000_000
        for i in range(1, 11):
            time.sleep(0.05)
            if on_progress:
                on_progress(DownloadProgress(i * total // 10, total, 4e6))
        Path(dest).parent.mkdir(parents=True, exist_ok=True)
        Path(dest).write_bytes(b"not really weights")
        return Path(dest)

    monkeypatch.setattr(download, "download_file", fake_download)
    wait_catalog(window)
    select(window, qtbot, SMALL)
    page = window.model_page
    formats = []
    page.download_progress.valueChanged.connect(
        lambda _v: formats.append(page.download_progress.format())
    )
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    assert page.downloading and page.download_progress.isVisible()
    assert page.cancel_download_button.isVisible()
    qtbot.waitUntil(lambda: not page.downloading, timeout=20_000)
    assert any("of 10.0 MB" in f for f in formats), formats
    assert page.states[SMALL] == "downloaded"
    assert window.state.backbone_ready
    assert not page.download_progress.isVisible()
    assert "downloaded, ready offline" in page.backbone_list.currentItem().text()


def test_cancelling_a_download_keeps_nothing(qtbot, window, wait_catalog, monkeypatch):
    from engine import download
    from engine.errors import Cancelled

    def endless(url, dest, *, should_stop=lambda: False, **kw):
        while not should_stop():
            time.sleep(0.01)
        raise Cancelled()

    monkeypatch.setattr(download, "download_file", endless)
    wait_catalog(window)
    select(window, qtbot, SMALL)
    page = window.model_page
    page.start_download()
    assert page.downloading
    qtbot.mouseClick(page.cancel_download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.downloading, timeout=10_000)
    assert page.states[SMALL] == "downloadable"
    assert not window.state.backbone_ready
    assert page.download_button.isEnabled()


@pytest.mark.parametrize("fits", [True, False])
def test_import_weights_file(qtbot, window, wait_catalog, tmp_path, fits):
    import torch
    import torchvision.models as tvm

    arch = SMALL if fits else "resnet18"
    path = tmp_path / f"{arch}.pth"
    torch.save(getattr(tvm, arch)(weights=None).state_dict(), path)
    wait_catalog(window)
    select(window, qtbot, SMALL)
    page = window.model_page
    assert page.import_button.isEnabled()
    page.import_weights(path)
    qtbot.waitUntil(lambda: page._import_handle is None, timeout=60_000)
    if fits:
        assert page.states[SMALL] == "downloaded" and window.state.backbone_ready
    else:
        assert page.states[SMALL] == "downloadable"
        assert "Import failed" in page.details.text() and "does not fit" in page.details.text()


def _no_sideways_scrolling(lst) -> None:
    """Every row of ``lst`` fits its width: nothing hides behind a horizontal scrollbar."""
    assert lst.horizontalScrollBar().maximum() == 0
    assert not lst.horizontalScrollBar().isVisible()
    width = lst.viewport().width()
    for r in range(lst.count()):
        rect = lst.visualItemRect(lst.item(r))
        assert rect.left() >= 0 and rect.right() < width, (lst.item(r).text(), rect, width)


def test_the_backbone_list_fits_its_width_at_the_default_and_minimum_sizes(
    qtbot, window, wait_catalog, tmp_path
):
    """Issue 13: the backbone list was cut off behind a horizontal scrollbar."""
    from PySide6.QtWidgets import QApplication

    wait_catalog(window)
    window.go_to(1)
    lst = window.model_page.backbone_list
    default = window.size()
    for size in (default, window.minimumSize()):
        window.resize(size)
        for _ in range(5):  # let the splitter and the list lay themselves out
            QApplication.processEvents()
        qtbot.wait(50)
        _no_sideways_scrolling(lst)
        # The longest title is shown whole (wrapped or not), not cut off at the edge.
        longest = max((lst.item(r) for r in range(lst.count())), key=lambda i: len(i.text()))
        assert lst.visualItemRect(longest).height() >= lst.fontMetrics().height() * 2
        window.grab().save(str(tmp_path / f"model-step-{size.width()}x{size.height()}.png"))


def test_a_failed_download_while_offline_says_what_failed_and_what_to_do(
    qtbot, window, wait_catalog, monkeypatch, tmp_path
):
    """Issue 13: a failed download while offline was said only in the status bar."""
    import urllib.error
    import urllib.request

    def offline(*_a, **_kw):
        raise urllib.error.URLError(OSError(101, "Network is unreachable"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    wait_catalog(window)
    select(window, qtbot, SMALL)
    page = window.model_page
    assert not page.download_notice.isVisible()
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.downloading, timeout=20_000)
    # On the step itself, with what failed and what to do.
    assert page.download_notice.isVisible()
    text = page.download_notice_text.text()
    title = page.catalog[SMALL].title
    assert "download of" in text and title in text and "failed" in text
    assert "Could not reach" in text and "internet connection" in text
    assert "import the weights" in text and "EfficientNet-Lite0" in text and "offline" in text
    assert page.states[SMALL] == "downloadable" and not window.state.backbone_ready
    for size in (window.size(), window.minimumSize()):
        window.resize(size)
        qtbot.wait(100)
        notice = page.download_notice_text
        assert notice.height() >= notice.heightForWidth(notice.width()), "text cut off"
        window.grab().save(str(tmp_path / f"download-failed-{size.width()}.png"))
    # The way out it names: the built-in backbone, one click away, ready offline.
    assert page.use_built_in_button.isVisible()
    qtbot.mouseClick(page.use_built_in_button, Qt.MouseButton.LeftButton)
    assert window.state.backbone == "efficientnet_lite0" and window.state.backbone_ready
    assert not page.download_notice.isVisible()  # it was about the other backbone
    select(window, qtbot, SMALL)
    assert page.download_notice.isVisible()  # still said there, until a download works
