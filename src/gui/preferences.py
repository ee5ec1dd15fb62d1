"""Edit > Preferences: language, theme, default backbone, the image cache, where new runs
go, and "Reset all settings".

Every choice is kept at once in the typed, versioned :class:`~gui.settings.GuiSettings`
(no OK button: the window saves as it changes, like the system's own settings). What the
choices do lives elsewhere, with one owner each: the language is installed by
``gui.i18n`` at start (so it shows after a restart, and the window says so), the theme by
``gui.app.set_theme`` (at once), the cache by ``engine.caches`` (size, clear, limit), the
runs folder by ``engine.paths.runs_folder`` and the default backbone by the main window's
new projects (:func:`apply_new_project_defaults`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .settings import GuiSettings, save_settings
from .workers import Task, WorkerError, WorkerHandle, start_worker

if TYPE_CHECKING:
    from .state import StudioState

log = logging.getLogger(__name__)

MB = 2**20
GB = 2**30


def apply_at_start(settings: GuiSettings) -> str:
    """What the saved choices change before the window is built: the language (the saved
    one, else the system's), the theme and the photo cache's limit. Returns the language."""
    from engine.caches import set_image_cache_limit

    from .app import set_theme

    language = i18n.install(settings.language or None)
    set_theme(settings.theme)
    # No trim here: it walks the whole cache; the cache trims itself as it fills.
    set_image_cache_limit(settings.cache_limit_mb * MB, trim=False)
    return language


def apply_new_project_defaults(state: StudioState, settings: GuiSettings) -> None:
    """A new project starts with the backbone chosen in Preferences (if any)."""
    if settings.default_backbone and settings.default_backbone != state.backbone:
        state.set_backbone(settings.default_backbone)


def runs_dir(settings: GuiSettings) -> Path:
    """Where new runs go: the chosen folder when usable, else the standard one."""
    from engine.paths import runs_folder

    return runs_folder(settings.runs_folder or None)


def make_action(window: QWidget, open_fn: Callable[[], None]) -> QAction:
    """Edit > Preferences… (Cmd+, on macOS; Ctrl+, elsewhere, where Qt has no standard key)."""
    act = QAction(PreferencesDialog.tr("&Preferences…"), window)
    act.setObjectName("actionPreferences")
    act.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS: the app menu, as people expect
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    ctrl_comma = QKeySequence("Ctrl+,")
    if ctrl_comma not in keys:
        keys.append(ctrl_comma)
    act.setShortcuts(keys)
    tip = PreferencesDialog.tr("Language, theme, default backbone, image cache and more.")
    act.setStatusTip(tip)
    act.setToolTip(tip)
    act.triggered.connect(open_fn)
    window.addAction(act)
    return act


def _language_name(code: str) -> str:
    """A language by its own name ("Deutsch"), as people look for it in a list."""
    if code == i18n.SOURCE_LANGUAGE:
        return QLocale.languageToString(QLocale.Language.English)  # not "American English"
    return QLocale(code).nativeLanguageName()


def _size(n: int) -> str:
    """12.3 MB (in the window's language: 12,3 MB), as file managers write it."""
    return QLocale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class PreferencesDialog(QDialog):
    """The Preferences window. ``backbones``: name -> title, from the Model step's catalog
    (empty until it is loaded: :meth:`set_backbones` fills it later)."""

    settings_changed = Signal(str)  # the GuiSettings field that changed ("" after a reset)

    def __init__(
        self,
        settings: GuiSettings,
        parent: QWidget | None = None,
        backbones: Mapping[str, str] | None = None,
        running_language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.running_language = running_language or i18n.current_language()
        self._size_job: WorkerHandle | None = None
        self._cache_job: WorkerHandle | None = None
        self._filling = False
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setAccessibleName(self.tr("Preferences"))

        # ---- appearance
        self.language_box = QComboBox()
        self.language_box.setObjectName("languageBox")
        self.language_box.setAccessibleName(self.tr("Language"))
        system_name = _language_name(i18n.system_language())
        self.language_box.addItem(
            self.tr("As the system ({language})").format(language=system_name), ""
        )
        for code in i18n.available_languages():
            self.language_box.addItem(_language_name(code), code)
        self.language_note = QLabel()
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)

        self.theme_box = QComboBox()
        self.theme_box.setObjectName("themeBox")
        self.theme_box.setAccessibleName(self.tr("Theme"))
        for label, value in (
            (self.tr("As the system"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.theme_box.addItem(label, value)

        look = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(look)
        form.addRow(self.tr("&Language:"), self.language_box)
        form.addRow("", self.language_note)
        form.addRow(self.tr("&Theme:"), self.theme_box)

        # ---- new projects and runs
        self.backbone_box = QComboBox()
        self.backbone_box.setObjectName("backboneBox")
        self.backbone_box.setAccessibleName(self.tr("Default backbone"))
        self.backbone_box.setToolTip(
            self.tr(
                "The pretrained network a new project starts with. You can change it per project in step 2."
            )
        )
        self.runs_edit = QLineEdit()
        self.runs_edit.setObjectName("runsFolderEdit")
        self.runs_edit.setReadOnly(True)
        self.runs_edit.setMinimumWidth(300)
        self.runs_edit.setAccessibleName(self.tr("Folder for new runs"))
        self.runs_button = QPushButton(self.tr("C&hoose…"))
        self.runs_button.setObjectName("runsFolderButton")
        self.runs_button.clicked.connect(self._choose_runs_folder)
        self.runs_standard_button = QPushButton(self.tr("Standard f&older"))
        self.runs_standard_button.setObjectName("runsFolderStandardButton")
        self.runs_standard_button.setToolTip(
            self.tr("Keep new runs in the Finetune Studio folder in your documents.")
        )
        self.runs_standard_button.clicked.connect(lambda: self._set_runs_folder(""))
        runs_row = QHBoxLayout()
        runs_row.addWidget(self.runs_edit, 1)
        runs_row.addWidget(self.runs_button)
        runs_row.addWidget(self.runs_standard_button)

        work = QGroupBox(self.tr("New projects and runs"))
        form = QFormLayout(work)
        form.addRow(self.tr("Default &backbone:"), self.backbone_box)
        form.addRow(self.tr("Keep new runs in:"), runs_row)

        # ---- the image cache
        self.cache_size_label = QLabel(self.tr("Measuring…"))
        self.cache_size_label.setObjectName("cacheSizeLabel")
        self.cache_size_label.setWordWrap(True)
        self.cache_limit_spin = QDoubleSpinBox()
        self.cache_limit_spin.setObjectName("cacheLimitSpin")
        self.cache_limit_spin.setAccessibleName(
            self.tr("Most disk space for resized photos, in GB")
        )
        self.cache_limit_spin.setRange(0.1, 1000.0)
        self.cache_limit_spin.setDecimals(1)
        self.cache_limit_spin.setSingleStep(0.5)
        self.cache_limit_spin.setSuffix(self.tr(" GB"))
        self.clear_button = QPushButton(self.tr("&Clear…"))
        self.clear_button.setObjectName("clearCacheButton")
        self.clear_button.setToolTip(
            self.tr(
                "Delete the resized photos and features the app keeps to be faster. Your photos are not touched."
            )
        )
        self.clear_button.clicked.connect(self._clear_cache)
        clear_row = QHBoxLayout()
        clear_row.addStretch(1)
        clear_row.addWidget(self.clear_button)
        cache = QGroupBox(self.tr("Image cache"))
        form = QFormLayout(cache)
        explain = QLabel(
            self.tr(
                "To start faster, the app keeps resized copies of your photos and what the "
                "backbone saw in them. Clearing it is safe: the next scan and training take longer once."
            )
        )
        explain.setWordWrap(True)
        form.addRow(explain)
        form.addRow(self.tr("In use:"), self.cache_size_label)
        form.addRow(self.tr("Keep at &most:"), self.cache_limit_spin)
        form.addRow(clear_row)

        # ---- reset, close
        self.reset_button = QPushButton(self.tr("&Reset all settings…"))
        self.reset_button.setObjectName("resetSettingsButton")
        self.reset_button.setToolTip(self._reset_text())
        self.reset_button.clicked.connect(self._reset)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reset_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(look)
        layout.addWidget(work)
        layout.addWidget(cache)
        layout.addLayout(bottom)

        self.set_backbones(backbones or {})
        self._fill()
        self.language_box.currentIndexChanged.connect(self._on_language)
        self.theme_box.currentIndexChanged.connect(self._on_theme)
        self.backbone_box.currentIndexChanged.connect(self._on_backbone)
        self.cache_limit_spin.editingFinished.connect(self._on_cache_limit)
        self.refresh_cache_size()

    # ------------------------------------------------------------------ filling
    def set_backbones(self, backbones: Mapping[str, str]) -> None:
        """The backbones a new project may start with (name -> title)."""
        from engine.config import DEFAULT_BACKBONE

        self._filling = True
        self.backbone_box.clear()
        titles = dict(backbones)
        # The saved one and the standard one are offered even before the catalog is in.
        for name in (DEFAULT_BACKBONE, self.settings.default_backbone):
            if name and name not in titles:
                titles[name] = name
        for name, title in titles.items():
            label = title
            if name == DEFAULT_BACKBONE:
                label = self.tr("{title} (standard)").format(title=title)
            self.backbone_box.addItem(label, name)
        self._select(self.backbone_box, self.settings.default_backbone or DEFAULT_BACKBONE)
        self._filling = False

    def _fill(self) -> None:
        """The widgets from the settings (at start and after a reset)."""
        self._filling = True
        self._select(self.language_box, self.settings.language)
        self._select(self.theme_box, self.settings.theme)
        from engine.config import DEFAULT_BACKBONE

        self._select(self.backbone_box, self.settings.default_backbone or DEFAULT_BACKBONE)
        self.cache_limit_spin.setValue(self.settings.cache_limit_mb * MB / GB)
        self._show_runs_folder()
        self._filling = False
        self._update_language_note()

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        i = box.findData(value)
        box.setCurrentIndex(i if i >= 0 else 0)

    def _update_language_note(self) -> None:
        chosen = self.settings.language or i18n.system_language()
        if chosen == self.running_language:
            self.language_note.setText("")
            self.language_note.setVisible(False)
            return
        name = _language_name(chosen)
        self.language_note.setText(
            self.tr("{language} is used the next time you start Finetune Studio.").format(
                language=name
            )
        )
        self.language_note.setVisible(True)

    # ------------------------------------------------------------------ changes
    def _changed(self, name: str) -> None:
        save_settings(self.settings)
        self.settings_changed.emit(name)

    def _on_language(self) -> None:
        if self._filling:
            return
        self.settings.language = str(self.language_box.currentData() or "")
        self._update_language_note()
        self._changed("language")

    def _on_theme(self) -> None:
        if self._filling:
            return
        from .app import set_theme

        self.settings.theme = str(self.theme_box.currentData())
        set_theme(self.settings.theme)
        self._changed("theme")

    def _on_backbone(self) -> None:
        if self._filling:
            return
        from engine.config import DEFAULT_BACKBONE

        name = str(self.backbone_box.currentData() or "")
        self.settings.default_backbone = "" if name == DEFAULT_BACKBONE else name
        self._changed("default_backbone")

    def _on_cache_limit(self) -> None:
        mb = round(self.cache_limit_spin.value() * GB / MB)
        if self._filling or mb == self.settings.cache_limit_mb:
            return
        self.settings.cache_limit_mb = mb
        self._changed("cache_limit_mb")
        self._apply_cache_limit()

    def _apply_cache_limit(self) -> None:
        from engine.caches import set_image_cache_limit

        limit = self.settings.cache_limit_mb * MB
        # Trimming walks the cache: off the window's thread.
        self._run_cache_job(lambda task: set_image_cache_limit(limit))

    def _choose_runs_folder(self) -> None:
        start = self.settings.runs_folder or str(runs_dir(self.settings))
        folder = QFileDialog.getExistingDirectory(self, self.tr("Keep new runs in"), start)
        if folder:
            self._set_runs_folder(folder)

    def _set_runs_folder(self, folder: str) -> None:
        from engine.paths import runs_folder

        if folder and runs_folder(folder) != Path(folder).expanduser():
            QMessageBox.warning(
                self,
                self.tr("Cannot use this folder"),
                self.tr("Finetune Studio cannot write to {folder}. Choose another folder.").format(
                    folder=folder
                ),
            )
            return
        self.settings.runs_folder = folder
        self._show_runs_folder()
        self._changed("runs_folder")

    def _show_runs_folder(self) -> None:
        folder = str(runs_dir(self.settings))
        self.runs_edit.setText(folder)
        self.runs_edit.setToolTip(folder)
        self.runs_edit.setCursorPosition(0)  # the start of a long path says more than its end
        self.runs_standard_button.setEnabled(bool(self.settings.runs_folder))

    def confirm(self, title: str, text: str) -> bool:
        """A yes/no question (tests replace this method)."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _clear_cache(self) -> None:
        if not self.confirm(
            self.tr("Clear the image cache?"),
            self.tr(
                "This deletes the resized photos and features the app keeps to be faster. "
                "Your photos, projects and models are not touched. The next scan and training take longer once."
            ),
        ):
            return
        from engine.caches import clear_caches

        self._run_cache_job(lambda task: clear_caches())

    def _reset_text(self) -> str:
        return self.tr(
            "Language, theme, default backbone, cache limit and the runs folder go back to "
            "their defaults. Your projects, photos and models are kept."
        )

    def _reset(self) -> None:
        if not self.confirm(
            self.tr("Reset all settings?"),
            self._reset_text(),
        ):
            return
        from .app import set_theme

        self.settings.reset_preferences()
        set_theme(self.settings.theme)
        self._fill()
        self._changed("")
        self._apply_cache_limit()

    # ------------------------------------------------------------------ the cache's size
    def _run_cache_job(self, fn: Callable[[Task], Any]) -> None:
        if self._cache_job is not None:
            self._cache_job.wait()
        self.clear_button.setEnabled(False)
        self.cache_size_label.setText(self.tr("Measuring…"))
        self._cache_job = start_worker(
            self,
            fn,
            on_error=self._on_cache_error,
            on_finished=self._on_cache_job_done,
            name="cache",
        )

    def _on_cache_job_done(self) -> None:
        self._cache_job = None
        self.clear_button.setEnabled(True)
        self.refresh_cache_size()

    def _on_cache_error(self, err: WorkerError) -> None:
        log.warning("cache job failed: %s", err.message)

    def refresh_cache_size(self) -> None:
        """Measure the caches on a worker and show the figures."""
        from engine.caches import cache_usage

        if self._size_job is not None:
            return
        self._size_job = start_worker(
            self,
            lambda task: cache_usage(),
            on_result=self._on_size,
            on_error=self._on_cache_error,
            on_finished=self._on_size_done,
            name="cache size",
        )

    def _on_size_done(self) -> None:
        self._size_job = None

    def _on_size(self, usage: Any) -> None:
        self.usage = usage
        self.cache_size_label.setText(
            self.tr(
                "{total} in all: resized photos {images}, features {features}, scans {scans}"
            ).format(
                total=_size(usage.total),
                images=_size(usage.images),
                features=_size(usage.features),
                scans=_size(usage.scans),
            )
        )

    def busy(self) -> bool:
        """Whether a cache job or a measurement is still running."""
        return self._size_job is not None or self._cache_job is not None

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        for job in (self._size_job, self._cache_job):
            if job is not None:
                job.stop_and_wait()
        super().closeEvent(event)


def open_preferences(window: Any) -> PreferencesDialog:
    """Show the window's Preferences (one at a time; raised when already open)."""
    dialog = getattr(window, "preferences_dialog", None)
    if dialog is not None and dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
        return dialog
    catalog = getattr(getattr(window, "model_page", None), "catalog", {}) or {}
    dialog = PreferencesDialog(
        window.settings, window, {name: info.title for name, info in catalog.items()}
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    model_page = getattr(window, "model_page", None)
    if model_page is not None and not catalog:
        model_page.catalog_ready.connect(
            lambda: dialog.set_backbones({n: i.title for n, i in model_page.catalog.items()})
        )
    window.preferences_dialog = dialog
    dialog.show()
    return dialog
