"""Issue 20's acceptance: in German, the window, its five steps and its main dialogs show no
English.

A visible text fails when it is an English source text of the .ts files whose German
translation differs (the string was not wrapped, or wrapped but shown before the
translator was installed), or when it plainly reads as English (several English-only
words: text that never went through a .ts at all, such as a catalog's description).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from gui.preferences import open_preferences

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"

# Words that are English and never German: two of them in one text is an English sentence.
ENGLISH_ONLY = {
    "the", "and", "with", "your", "this", "of", "is", "are", "to", "for", "from", "you",
    "it", "be", "on", "or", "than", "that", "these", "which", "what", "when", "photos",
    "folder", "choose", "there", "has", "have", "not", "yet", "into", "each", "been",
    "best", "epoch", "accuracy", "validation", "done", "loading", "saving", "at", "by",
    "only", "kept",
}  # fmt: skip


def _plain(text: str) -> str:
    """What a person reads: no markup, no accelerator &, single spaces."""
    text = re.sub(r"<[^<>]*>", " ", text)
    text = html.unescape(text)
    text = re.sub(r"&(?=[^&\s])", "", text).replace("&&", "&")
    return " ".join(text.split())


def english_sources() -> dict[str, str]:
    """English source text -> its German translation, where the two differ."""
    out: dict[str, str] = {}
    for ts in sorted(TRANSLATIONS.glob("*_de.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            if message.get("numerus") == "yes":
                continue  # "%n photo(s)" is never shown as such
            source = _plain(message.findtext("source") or "")
            german = _plain(message.findtext("translation") or "")
            if source and german and source != german:
                out[source] = german
    return out


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return sum(w in ENGLISH_ONLY for w in words) >= 2


def _texts(w: QWidget) -> list[str]:
    texts = [w.toolTip(), w.accessibleDescription()]
    if w.isWindow():
        texts.append(w.windowTitle())
    if isinstance(w, QLabel):
        texts.append(w.text())
    if isinstance(w, QAbstractButton):
        texts.append(w.text())
    if isinstance(w, QGroupBox):
        texts.append(w.title())
    if isinstance(w, QComboBox):
        texts += [w.itemText(i) for i in range(w.count())]
    if isinstance(w, QTabBar):
        texts += [w.tabText(i) for i in range(w.count())]
        texts += [w.tabToolTip(i) for i in range(w.count())]
    if isinstance(w, QProgressBar):
        texts.append(w.text())
    if isinstance(w, QStatusBar):
        texts.append(w.currentMessage())
    if isinstance(w, QLineEdit):
        texts.append(w.placeholderText())
    if isinstance(w, QAbstractSpinBox):
        texts += [w.specialValueText(), getattr(w, "suffix", lambda: "")()]
    if isinstance(w, (QTextEdit, QPlainTextEdit)):
        texts += w.toPlainText().split("\n")
    if isinstance(w, QAbstractItemView) and w.model() is not None:
        model = w.model()
        root = QModelIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a list model keeps columnCount private: one column
            columns = 1
        for i in range(columns):
            texts.append(str(model.headerData(i, Qt.Orientation.Horizontal) or ""))
        for row in range(min(model.rowCount(root), 50)):
            for col in range(min(columns, 10)):
                index = model.index(row, col)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        texts += value.split("\n")
    # pyqtgraph: axis labels and legend names
    plot_item = getattr(w, "getPlotItem", None)
    if callable(plot_item):
        item = plot_item()
        for side in ("left", "bottom"):
            texts.append(item.getAxis(side).labelText or "")
        legend = item.legend
        if legend is not None:
            texts += [label.text for _, label in legend.items]
    return texts


def english_left(root: QWidget, where: str, sources: dict[str, str]) -> list[str]:
    """'where: widget: text -> expected German' for each visible English text under root."""
    found = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        name = w.objectName() or type(w).__name__
        for text in _texts(w):
            plain = _plain(text or "")
            if not plain:
                continue
            if plain in sources:
                found.append(f"{where}: {name}: {plain!r} (German: {sources[plain]!r})")
            elif looks_english(plain):
                found.append(f"{where}: {name}: {plain!r} (reads as English, not in any .ts)")
    return found


def menu_english(window: QWidget, sources: dict[str, str]) -> list[str]:
    found = []
    for menu in window.menuBar().findChildren(QMenu):
        for act in menu.actions():
            for text in (act.text(), act.toolTip(), act.statusTip()):
                plain = _plain(text)
                if plain in sources or (plain and looks_english(plain)):
                    found.append(f"menu {menu.title()!r}: {plain!r}")
    return found


def test_the_checker_sees_english(german, qtbot):
    """The comparison itself: an English source text and an English sentence are caught,
    German is not."""
    sources = english_sources()
    assert _plain("&Preferences…") in sources
    box = QWidget()
    qtbot.addWidget(box)
    QLabel("Preferences", box)
    QLabel("Add more photos to the folder.", box)
    QLabel("Einstellungen", box)
    QLabel("Fotos: 150", box)
    box.show()
    found = english_left(box, "test", sources)
    assert len(found) == 2, found
    assert "'Preferences' (German: 'Einstellungen')" in found[0] + found[1]


@pytest.mark.slow
def test_no_english_in_the_window_its_steps_and_dialogs(
    german, window, qtbot, wait_catalog, no_modal_dialogs
):
    sources = english_sources()
    window.resize(1280, 820)
    window.try_sample()
    qtbot.waitUntil(lambda: window.state.scan is not None, timeout=120_000)
    wait_catalog(window, timeout=120_000)
    # Train on the sample as a person would (2 epochs: the log, the progress bar and the
    # advice are shown in German too), then Results and Use have a model.
    window.state.update(epochs=2)
    window.go_to(2)
    window.train_page.train_button.click()
    qtbot.waitUntil(lambda: window.train_page.training, timeout=30_000)
    qtbot.waitUntil(lambda: not window.train_page.training, timeout=300_000)
    qtbot.waitUntil(lambda: window.step_enabled(3) and window.step_enabled(4), timeout=120_000)

    offenders: list[str] = []
    for step in range(5):
        window.go_to(step)
        assert window.current_step() == step
        qtbot.wait(500)  # let the page fill in what its workers bring
        offenders += english_left(window, f"step {step + 1}", sources)
    offenders += menu_english(window, sources)

    prefs = open_preferences(window)
    qtbot.waitUntil(lambda: not prefs.busy(), timeout=10_000)
    offenders += english_left(prefs, "Preferences", sources)
    prefs.close()

    window.show_about()
    about = window.findChild(QDialog, "aboutDialog")
    offenders += english_left(about, "About", sources)
    about.close()
    window.show_getting_started()
    started = window.findChild(QDialog, "gettingStartedDialog")
    offenders += english_left(started, "Getting started", sources)
    started.close()

    window.go_to(0)
    window.open_check()  # Check my photos: its findings in German once the check is done
    check = window.check_dialog
    qtbot.waitUntil(lambda: check.view.report is not None, timeout=240_000)
    offenders += english_left(check, "Check my photos", sources)
    check.close()
    check.view.shutdown()

    window.photos_page.open_sorting()
    sorting = window.photos_page.sort_dialog
    qtbot.waitUntil(sorting.isVisible, timeout=10_000)
    offenders += english_left(sorting, "Sort photos", sources)
    sorting.close()

    window.go_to(4)
    window.use_page.export_model_dialog()
    export = window.use_page._export_dialog
    offenders += english_left(export, "Export model", sources)
    export.close()
    from gui.widgets.use_dialogs import SortDialog

    sort = SortDialog("", window.use_page.threshold, window)
    sort.show()
    offenders += english_left(sort, "Sort a folder", sources)
    sort.close()

    # Questions the window asks (answered by the fixtures, recorded here).
    window.new_project()
    for title, text in window.asked:
        for part in (title, text):
            plain = _plain(part)
            if plain in sources or looks_english(plain):
                offenders.append(f"question: {plain!r}")
    for kind, args in no_modal_dialogs:
        for part in args:
            if isinstance(part, str) and (_plain(part) in sources or looks_english(_plain(part))):
                offenders.append(f"{kind} box: {_plain(part)!r}")
    QApplication.processEvents()
    assert not offenders, f"{len(offenders)} English text(s) in German:\n" + "\n".join(
        sorted(set(offenders))
    )
