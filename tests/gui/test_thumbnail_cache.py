"""The Photos step's thumbnails come from the photos the scan already decoded and cached."""

from __future__ import annotations

from corpus import big_photos
from engine.dataset import scan_folder


def test_thumbnails_come_from_the_scans_cache(tmp_path, fresh_cache, monkeypatch):
    from engine import images
    from gui.widgets.thumbnails import load_thumbnail

    path = big_photos(tmp_path / "photos", per_class=1)[0]
    scan_folder(tmp_path / "photos", cache_resize=256, remember=False)

    def no_decode(*args, **kwargs):
        raise AssertionError("the thumbnail decoded the photo again")

    monkeypatch.setattr(images, "open_image", no_decode)
    thumb = load_thumbnail(str(path), 96, cache_resize=256)
    assert thumb is not None and max(thumb.width(), thumb.height()) == 96


def test_the_photos_step_scan_caches_at_the_chosen_backbones_size(
    qtbot, window, wait_catalog, tmp_path, fresh_cache
):
    """Once the catalog is loaded, the Photos step's one decode per photo fills the cache
    at the chosen backbone's size (Lite2: 292), and its thumbnails use it."""
    from engine.backbones import get_backbone

    page = window.model_page
    wait_catalog(window)
    page.select_backbone("efficientnet_lite2")
    # Let the Model step finish measuring Lite2 (a worker) before the window closes.
    qtbot.waitUntil(
        lambda: page.structure is not None and page.structure.name == "efficientnet_lite2",
        timeout=180_000,
    )
    resize = get_backbone("efficientnet_lite2").preprocessing.resize
    assert window.state.input_resize == resize
    paths = big_photos(tmp_path / "photos", per_class=1)
    with qtbot.waitSignal(window.photos_page.scan_finished, timeout=60_000) as blocker:
        window.photos_page.load_folder(tmp_path / "photos")
    assert blocker.args[0].cache_resize == resize
    assert all(fresh_cache.get(p, resize) is not None for p in paths)
    assert window.photos_page.thumbnails.cache_resize == resize
