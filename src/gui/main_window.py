"""The main window: five steps in a sidebar, menus, status bar, projects, drag and drop."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QPalette,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from engine import APP_NAME
from engine.paths import MODEL_SUFFIX, PROJECT_SUFFIX

from .help import HtmlDialog, about_html, getting_started_html
from .model_page import ModelPage, layers_words
from .photos_page import PhotosPage
from .preferences import apply_new_project_defaults, open_preferences, runs_dir
from .preferences import make_action as make_preferences_action
from .resources import icon_path, sample_dir
from .results_page import ResultsPage
from .settings import GuiSettings, load_settings, save_settings
from .state import StudioState
from .steps import STEP_PAGES, step_title
from .train_page import TrainPage
from .undo import system_trash
from .use_page import UsePage
from .widgets.naming import name_widget
from .workers import (
    CLOSED_PROPERTY,
    active_workers,
    freeze_long_lived_objects,
    stop_all_workers,
)

log = logging.getLogger(__name__)

STEPS = tuple(page.title for page in STEP_PAGES)
# The steps the window itself points at (Go to Train, Results after training, ...).
PHOTOS, MODEL, TRAIN, RESULTS, USE = (
    STEP_PAGES.index(page) for page in (PhotosPage, ModelPage, TrainPage, ResultsPage, UsePage)
)
# Translated where used (QCoreApplication.translate("MainWindow", ...)).
PROJECT_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow", "Finetune Studio projects (*.ftproj);;All files (*)"
)
MODEL_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Finetune Studio models (*.ftmodel);;All files (*)")
Answer = QMessageBox.StandardButton


# What closing the window stops, by worker name (gui.workers names each worker); in
# English here, translated where shown (busy_work).
SCAN_WORDS = QT_TRANSLATE_NOOP(
    "MainWindow", "Photos are being scanned. The scan stops; open the folder again to finish it."
)
BUSY_WORDS = {
    "train": QT_TRANSLATE_NOOP(
        "MainWindow", "Training is running. The best finished epoch is kept as a model."
    ),
    "download": QT_TRANSLATE_NOOP(
        "MainWindow",
        "A backbone download is running. It stops, and the part already "
        "downloaded is deleted; you can download it again later.",
    ),
    "import": QT_TRANSLATE_NOOP(
        "MainWindow", "Imported weights are being checked. The import stops; nothing is added."
    ),
    "scan": SCAN_WORDS,
    "scan-val": SCAN_WORDS,  # the separate checking folder
    "classify": QT_TRANSLATE_NOOP(
        "MainWindow",
        "Photos are being classified. Classifying stops; the answers so far are not kept.",
    ),
    "sort": QT_TRANSLATE_NOOP(
        "MainWindow",
        "Photos are being sorted into folders. Sorting stops after the current photo: "
        "photos already sorted stay where they are, and none is lost.",
    ),
}


def _translated(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("MainWindow", ...) above, in the window's language."""
    return QCoreApplication.translate("MainWindow", text)


# Not listed: jobs that lose nothing (a catalog, a model check, a Why? map) and quick
# saves (export, CSV), which closing waits for.


class MainWindow(QMainWindow):
    project_opened = Signal(object)  # Path

    def __init__(self, settings: GuiSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAccessibleName(APP_NAME)
        self.setWindowIcon(QIcon(str(icon_path())))
        self.settings = settings if settings is not None else load_settings()
        self.state = StudioState(self)
        apply_new_project_defaults(self.state, self.settings)
        self.preferences_dialog = None  # gui.preferences.open_preferences keeps it here
        self.project_path: Path | None = None
        self._closing = False
        # While closing stops the running work, a model it hands over is kept but not
        # checked yet (the check would be one more thing to stop); see _stop_for_close.
        self._holding_checks = False
        self._held_model: Path | None = None
        self._clean_after_scan = False  # an opened project's own scan is not a change
        self._bare_model = False  # the model was opened as a file, not trained or a project's

        # ---- pages: one per step (gui.steps), each built from the shared state
        self.pages = [page_class(self.state) for page_class in STEP_PAGES]
        self.photos_page: PhotosPage = self.pages[PHOTOS]
        self.model_page: ModelPage = self.pages[MODEL]
        self.train_page: TrainPage = self.pages[TRAIN]
        self.results_page: ResultsPage = self.pages[RESULTS]
        self.use_page: UsePage = self.pages[USE]
        self.train_page.runs_dir_fn = self._runs_dir
        self.train_page.model_name_fn = self._model_name
        self.train_page.describe_setup_fn = self._describe_setup

        self.stack = QStackedWidget()
        name_widget(self.stack, "stepStack", self.tr("Current step"))
        for page in self.pages:
            self.stack.addWidget(page)

        self.step_list = QListWidget()
        name_widget(
            self.step_list,
            "stepList",
            self.tr("Steps"),
            self.tr("The five steps; you can go back and forth freely."),
        )
        self.step_list.setIconSize(QSize(1, 1))
        self.step_list.setFixedWidth(210)
        self.step_list.setSpacing(2)
        self.step_list.setWordWrap(True)
        for i, page in enumerate(self.pages):
            item = QListWidgetItem(f"{i + 1}  {step_title(page)}")
            item.setSizeHint(QSize(200, 64))
            self.step_list.addItem(item)
        self.step_list.currentRowChanged.connect(self._on_step_row)

        self.banner = QWidget()
        name_widget(self.banner, "demoBanner", self.tr("About the sample"))
        self.banner_label = QLabel("")
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton(self.tr("Go to Train"))
        name_widget(self.banner_button, "bannerTrainButton", self.tr("Go to the Train step"))
        self.banner_button.clicked.connect(lambda: self.go_to(TRAIN))
        # Hidden while the sample trains, the button keeps its room: the banner, and so the
        # page below it, keep their size (see _on_training_started).
        policy = self.banner_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.banner_button.setSizePolicy(policy)
        bl = QHBoxLayout(self.banner)
        bl.addWidget(self.banner_label, 1)
        bl.addWidget(self.banner_button)
        self.banner.setVisible(False)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(QPalette.ColorRole.AlternateBase)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.banner)
        rl.addWidget(self.stack, 1)
        central = QWidget()
        cl = QHBoxLayout(central)
        cl.setContentsMargins(6, 6, 6, 0)
        cl.addWidget(self.step_list)
        cl.addWidget(right, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel("")
        name_widget(self.status_label, "statusProject", self.tr("Project"))
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().setObjectName("statusBar")

        # Changes to the photo folder (the photo check's fixes), undone with Ctrl+Z.
        self.undo_stack = QUndoStack(self)
        self.act_undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.addActions([self.act_undo, self.act_redo])
        self.check_dialog: Any = None
        self.check_trash: Any = system_trash  # None: removed photos stay in a hidden folder
        self.photos_page.check_requested.connect(self.open_check)
        # The Results step's mistakes get the same fixes, on the same undo stack.
        self.results_page.enable_fixing(self.undo_stack, trash=self._trash).scan_updated.connect(
            self.photos_page.take_scan
        )

        self._make_actions()
        self._make_menus()
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1180, 800)
        self.setMinimumSize(760, 540)
        self._restore_geometry()
        self.step_list.setCurrentRow(PHOTOS)
        self._set_model_steps_enabled(False)
        self._update_step_texts()
        self._update_title()
        self.train_page.update_ready()

    # ------------------------------------------------------------------ actions and menus
    def _action(
        self, text: str, slot: Any, shortcut: Any = None, tip: str = "", name: str = ""
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        if name:
            act.setObjectName(name)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey  # noqa: N806
        self.act_new = self._action(
            self.tr("&New project"),
            self.new_project,
            K.New,
            self.tr("Start again with nothing chosen."),
            "actionNew",
        )
        self.act_open = self._action(
            self.tr("&Open project…"),
            self.open_project_dialog,
            K.Open,
            self.tr("Open a saved project (.ftproj)."),
            "actionOpen",
        )
        self.act_open_model = self._action(
            self.tr("Open &model…"),
            self.open_model_dialog,
            "Ctrl+Shift+M",
            self.tr("Open a trained model (.ftmodel) to use it on new photos."),
            "actionOpenModel",
        )
        self.act_save = self._action(
            self.tr("&Save project"),
            self.save_project,
            K.Save,
            self.tr("Save the folder, settings and trained model as a project."),
            "actionSave",
        )
        self.act_save_as = self._action(
            self.tr("Save project &as…"),
            self.save_project_as,
            K.SaveAs,
            self.tr("Save the project under a new name."),
            "actionSaveAs",
        )
        self.act_choose = self._action(
            self.tr("Choose photo &folder…"),
            self.photos_page.choose_folder,
            "Ctrl+Shift+O",
            self.tr("Choose the folder with one subfolder per category."),
            "actionChooseFolder",
        )
        self.act_export = self._action(
            self.tr("&Export model…"),
            self.export_model,
            "Ctrl+E",
            self.tr("Save the trained model as ONNX, TorchScript or the app's own file."),
            "actionExport",
        )
        self.act_quit = self._action(
            self.tr("&Quit"), self.close, K.Quit, self.tr("Close the app."), "actionQuit"
        )
        self.act_train = self._action(
            self.tr("&Train"),
            self._train_shortcut,
            "Ctrl+Return",
            self.tr("Start training."),
            "actionTrain",
        )
        self.act_stop = self._action(
            self.tr("&Stop training"),
            self.train_page.stop_training,
            "Ctrl+.",
            self.tr("Stop training; the best finished epoch is kept."),
            "actionStop",
        )
        self.act_help = self._action(
            self.tr("&Getting started"),
            self.show_getting_started,
            K.HelpContents,
            self.tr("How to use the app, and the words it uses."),
            "actionGettingStarted",
        )
        self.act_sample = self._action(
            self.tr("Try the &sample"),
            self.try_sample,
            None,
            self.tr("Open 150 sample photos of clothing in 5 categories."),
            "actionTrySample",
        )
        self.act_logs = self._action(
            self.tr("Open &log folder"),
            self.open_log_folder,
            None,
            self.tr("The app's log files, useful when reporting a problem."),
            "actionOpenLogs",
        )
        self.act_about = self._action(
            self.tr("&About {app}").format(app=APP_NAME),
            self.show_about,
            None,
            self.tr("Versions and licences."),
            "actionAbout",
        )
        self.step_actions = []
        for i, (page, name) in enumerate(zip(self.pages, STEPS, strict=True)):
            title = step_title(page)
            act = self._action(
                f"&{i + 1} {title}",
                lambda _=False, i=i: self.go_to(i),
                f"Ctrl+{i + 1}",
                self.tr("Go to step {number}: {name}.").format(number=i + 1, name=title),
                f"actionStep{name}",
            )
            self.step_actions.append(act)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        m.addAction(self.act_new)
        m.addAction(self.act_open)
        m.addAction(self.act_open_model)
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addAction(self.act_save)
        m.addAction(self.act_save_as)
        m.addSeparator()
        m.addAction(self.act_choose)
        m.addAction(self.act_export)
        m.addSeparator()
        m.addAction(self.act_quit)
        e = bar.addMenu(self.tr("&Edit"))
        e.addAction(self.act_undo)
        e.addAction(self.act_redo)
        e.addSeparator()
        self.act_preferences = make_preferences_action(self, lambda: open_preferences(self))
        e.addAction(self.act_preferences)
        g = bar.addMenu(self.tr("&Go"))
        for act in self.step_actions:
            g.addAction(act)
        t = bar.addMenu(self.tr("&Training"))
        t.addAction(self.act_train)
        t.addAction(self.act_stop)
        h = bar.addMenu(self.tr("&Help"))
        h.addAction(self.act_help)
        h.addAction(self.act_sample)
        h.addSeparator()
        h.addAction(self.act_logs)
        h.addAction(self.act_about)
        self._fill_recent_menu()

    def _trash(self, path: Path) -> Path | None:
        """Hand a removed photo to ``check_trash`` (read when used: tests may set None)."""
        return self.check_trash(path) if self.check_trash is not None else None

    def open_check(self) -> None:
        """Show the "Check my photos" window for the current folder (and run the check)."""
        from .check_view import CheckDialog, CheckView  # loads the engine's torch side

        if self.check_dialog is None:
            view = CheckView(self.state, self.undo_stack, trash=self.check_trash)
            view.scan_updated.connect(self.photos_page.take_scan)
            self.check_dialog = CheckDialog(view, self)
        self.check_dialog.show()
        self.check_dialog.raise_()
        if self.check_dialog.view.report is None:
            self.check_dialog.view.start_check()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.settings.recent_projects if Path(p).is_file()]
        for p in recent:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _=False, p=p: self.open_project(Path(p)))
        if not recent:
            none = self.recent_menu.addAction(self.tr("No recent projects"))
            none.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear the list"), self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.recent_projects = []
        save_settings(self.settings)

    def _connect(self) -> None:
        for page in (self.photos_page, self.model_page, self.train_page):
            page.status_message.connect(self.show_status)
        st = self.state
        for sig in (
            st.scan_changed,
            st.backbone_changed,
            st.freezing_changed,
            st.validation_changed,
        ):
            sig.connect(self._on_setup_changed)
        st.model_changed.connect(self._on_model_changed)
        self.train_page.training_started.connect(self._update_step_texts)
        self.train_page.training_finished.connect(lambda _r: self._update_step_texts())
        self.train_page.show_results_requested.connect(lambda: self.go_to(RESULTS))
        self.photos_page.scan_finished.connect(lambda _s: self._update_step_texts())
        self.photos_page.readiness_changed.connect(lambda _r: self._update_step_texts())
        self.train_page.training_finished.connect(lambda _r: self.banner.setVisible(False))
        self.train_page.training_started.connect(self._on_training_started)
        # Helper pages (steps 4 and 5) may offer their own "next step" signal.
        use_requested = getattr(self.results_page, "use_model_requested", None)
        if use_requested is not None:
            use_requested.connect(lambda: self.go_to(USE))
        self.model_page.structure_ready.connect(lambda _n: self._update_step_texts())
        self.model_page.structure_ready.connect(self.train_page.update_ready)
        self.model_page.catalog_ready.connect(self._on_warmed_up)
        # The sidebar names the backbone by its title once the catalog knows it.
        self.model_page.catalog_ready.connect(self._update_step_texts)
        self.photos_page.scan_finished.connect(self._on_scan_finished)
        self.use_page.model_ready.connect(self._on_model_loaded)
        self.use_page.open_requested.connect(self.open_path)

    # ------------------------------------------------------------------ steps
    def go_to(self, step: int) -> None:
        item = self.step_list.item(step)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.step_list.setCurrentRow(step)

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def step_enabled(self, step: int) -> bool:
        return bool(self.step_list.item(step).flags() & Qt.ItemFlag.ItemIsEnabled)

    def _on_step_row(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)
            if row == MODEL:
                self.model_page.load_catalog()

    def _set_model_steps_enabled(self, enabled: bool) -> None:
        model_steps = [i for i, page in enumerate(self.pages) if page.needs_model]
        for step in model_steps:
            item = self.step_list.item(step)
            flags = item.flags()
            if enabled:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip("")
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(
                    self.tr("Train a model first (or open a project with a trained model).")
                )
            self.step_actions[step].setEnabled(enabled)
        self.act_export.setEnabled(enabled)
        if not enabled and self.current_step() in model_steps:
            self.step_list.setCurrentRow(TRAIN)

    def _update_step_texts(self) -> None:
        for i, page in enumerate(self.pages):
            item = self.step_list.item(i)
            text = page.subtitle()
            title = step_title(page)
            item.setText(f"{i + 1}  {title}\n     {text}")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("Step {number}, {name}: {where}").format(
                    number=i + 1, name=title, where=text
                ),
            )
        # The Photos step's whole readiness line (engine.readiness) as its tooltip.
        readiness = self.photos_page.readiness
        self.step_list.item(PHOTOS).setToolTip(
            readiness.line if readiness and self.state.scan else ""
        )

    def _describe_setup(self) -> str:
        scan = self.state.scan
        photos = (
            self.tr("{photos} in {categories}").format(
                photos=self.tr("%Ln photo(s)", "", len(scan.photos)),
                categories=self.tr("%Ln category(ies)", "", len(scan.classes)),
            )
            if scan
            else ""
        )
        words = layers_words(self.state.train_layers)
        return f"{photos} · {self.model_page.backbone_title()} · {words}"

    def _on_warmed_up(self) -> None:
        # torch and torchvision are imported now: hundreds of thousands of long-lived
        # objects. Without this, each full garbage collection walks them all while holding
        # the GIL (350 ms measured here), and the window freezes during scans and training.
        # No gc.collect() first: it is such a walk itself, on this thread (the warm-up
        # freezes them already, see gui.warmup; this covers a catalog loaded another way).
        freeze_long_lived_objects()

    def _on_scan_finished(self, _scan: Any) -> None:
        if self._clean_after_scan:
            self._clean_after_scan = False
            self.setWindowModified(False)

    def _on_setup_changed(self, *_args: Any) -> None:
        self.setWindowModified(True)
        self._update_step_texts()

    def _on_model_changed(self, path: Path | None) -> None:
        self._set_model_steps_enabled(path is not None)
        if path is not None:
            self.setWindowModified(True)
            # A project's model is checked again on the project's photos (where the person
            # located them); a model file opened by itself names its own.
            config = None if self._bare_model else self.state.config_for_run()
            try:
                if self._holding_checks:
                    self._held_model = path
                else:
                    self.results_page.show_result(self.state.train_result, path, config=config)
            except Exception:  # noqa: BLE001 - a broken page must not lose the trained model
                log.exception("results page failed")
            try:
                self.use_page.set_model(path)
            except Exception:  # noqa: BLE001
                log.exception("use page failed")
        self._update_step_texts()

    def _on_training_started(self) -> None:
        self._bare_model = False  # the next model is this window's own run
        if not self.banner.isHidden():  # shown, even in a window not on screen (yet)
            # The sample's banner says what happens now, in the same room: hiding it here
            # made the page taller, so the whole window was laid out and painted again
            # (the plots' Python painting with it) as the run started: the 10 ms timer
            # came 25-45 ms late at the click, 10-22 ms with the banner kept
            # (benchmarks/gui_bench.py start). It goes when the run ends.
            self.banner_button.setVisible(False)
            self.banner_label.setText(
                self.tr(
                    "<b>This is the sample</b>: 150 photos of clothing in 5 categories. "
                    "Training takes about a minute; then step 4, Results, shows how well "
                    "the model does."
                )
            )

    def _train_shortcut(self) -> None:
        self.go_to(TRAIN)
        self.train_page.start_training()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ start-up
    def start(self, demo: bool = False, path: str | None = None) -> None:
        """Called once the window is on screen: load what is slow, then what was asked
        (``path``: a project, a model or a photo folder given on the command line)."""
        # The catalog imports torch and torchvision on a worker thread: by the time
        # someone reaches step 2 or presses Train, they are loaded.
        self.model_page.load_catalog()
        if path:
            self.open_path(Path(path))
        elif demo:
            self.try_sample()

    def try_sample(self) -> None:
        folder = sample_dir()
        if not folder.is_dir():
            self.show_status(
                self.tr("The sample photos are missing ({folder}). Reinstall the app.").format(
                    folder=folder
                )
            )
            return
        if not self._confirm_discard():
            return
        self.reset_project()  # the engine's defaults: the built-in backbone, head only
        self.photos_page.load_folder(folder)
        self.banner_label.setText(
            self.tr(
                "<b>This is the sample</b>: 150 photos of clothing (Fashion-MNIST) in 5 "
                "categories, with the built-in backbone. Go to step 3 and press <b>Train</b>: "
                "it takes about a minute."
            )
        )
        self.banner_button.setVisible(True)
        self.banner.setVisible(True)
        self.go_to(PHOTOS)
        self.setWindowModified(False)

    # ------------------------------------------------------------------ projects
    def _runs_dir(self) -> Path:
        """Where new models go: the folder chosen in Preferences, else the visible models
        folder (engine.paths.runs_folder decides)."""
        return runs_dir(self.settings)

    def _model_name(self) -> str:
        """New models are named after the project, or else the photo folder."""
        return self.project_path.stem if self.project_path is not None else ""

    def reset_project(self) -> None:
        """Nothing chosen: every page's own reset, then the state's defaults."""
        for page in self.pages:
            page.reset()
        self.state.reset()
        apply_new_project_defaults(self.state, self.settings)
        self._bare_model = False
        self.banner.setVisible(False)
        self.project_path = None
        self._update_title()
        self.setWindowModified(False)

    def new_project(self) -> None:
        if self.train_page.training:
            self.show_status(self.tr("Stop training first."))
            return
        if self._confirm_discard():
            self.reset_project()
            self.go_to(PHOTOS)

    def _confirm_discard(self) -> bool:
        """True when it is fine to drop the current setup (saved, or the person agrees)."""
        if not self.isWindowModified() or self.state.model_path is None:
            return True
        answer = self.ask(
            self.tr("Save the project?"),
            self.tr(
                "This project has a trained model that is not saved in a project. Save it first?"
            ),
            Answer.Save | Answer.Discard | Answer.Cancel,
            Answer.Save,
        )
        if answer == Answer.Save:
            return self.save_project()
        return answer == Answer.Discard

    def ask(self, title: str, text: str, buttons: Any, default: Any) -> Any:
        """A question in a message box (tests replace this method)."""
        return QMessageBox.question(self, title, text, buttons, default)

    def open_project_dialog(self) -> None:
        start = self.settings.last_folder or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a project"), start, _translated(PROJECT_FILTER)
        )
        if path:
            self.open_project(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open what ``path`` is: a project, a model, or a folder of photos (the command
        line, a drop, a second launch, the system's "Open with")."""
        path = Path(path)
        if path.suffix == PROJECT_SUFFIX:
            return self.open_project(path)
        if path.suffix == MODEL_SUFFIX:
            return self.open_model(path)
        if path.is_dir():
            self.banner.setVisible(False)
            self.go_to(PHOTOS)
            self.photos_page.load_folder(path)
            return True
        text = (
            self.tr(
                "{path} is not a Finetune Studio project (.ftproj), a model (.ftmodel) or a "
                "folder of photos."
            )
            if path.exists()
            else self.tr(
                "{path} is not a Finetune Studio project (.ftproj), a model (.ftmodel) or a "
                "folder of photos, and it does not exist."
            )
        )
        QMessageBox.warning(self, self.tr("Cannot open this"), text.format(path=path))
        return False

    def open_model_dialog(self) -> None:
        from engine.paths import models_dir

        start = str(self.state.model_path.parent if self.state.model_path else models_dir())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a model"), start, _translated(MODEL_FILTER)
        )
        if path:
            self.open_model(Path(path))

    def open_model(self, path: Path) -> bool:
        """Use the model in ``path`` (a .ftmodel): on the Use step, and on Results, checked
        again when the photos it was checked on are at hand (its file names them)."""
        if self.train_page.training:
            self.show_status(self.tr("Stop training before opening a model."))
            return False
        path = Path(path)
        if not path.is_file():
            QMessageBox.warning(
                self,
                self.tr("Cannot open the model"),
                self.tr("{path} does not exist.").format(path=path),
            )
            return False
        if not self._confirm_discard():
            return False
        self._bare_model = True  # its own file says what it was trained and checked on
        self.state.history = []  # the curves come from the model file once it is loaded
        self.train_page.show_history([])
        self.state.set_model(path, None)
        self.go_to(USE)
        self.show_status(self.tr("Opened {name}.").format(name=path.name))
        return True

    def _on_model_loaded(self, predictor: Any) -> None:
        """A model is ready on the Use step: an opened model file brings its curves."""
        if self.state.history:
            return
        history = (getattr(predictor.model, "summary", None) or {}).get("history") or []
        if isinstance(history, list) and all(isinstance(h, dict) for h in history):
            self.state.history = list(history)
            self.train_page.show_history(self.state.history)

    def open_project(self, path: Path) -> bool:
        if self.train_page.training:
            self.show_status(self.tr("Stop training before opening another project."))
            return False
        if not self._confirm_discard():
            return False
        from engine.errors import StudioError
        from engine.projects import load_project

        try:
            project = load_project(path)
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the project"), str(exc))
            return False
        cfg = project.config
        located = False  # something was found somewhere else: the project has changed
        for key in project.missing_folders():
            old = getattr(cfg, key)
            what = "photo folder" if key == "data_dir" else "checking folder"  # not shown
            new = self.ask_moved_folder(what, old)
            if new is None:
                if key == "data_dir":
                    return False
                cfg.val_dir = None
            else:
                setattr(cfg, key, str(new))
            located = True
        if project.missing_model():
            new_model = self.ask_moved_model(str(project.model_file))
            project.model_file = str(new_model) if new_model else None
            located = True
        self.reset_project()
        self.project_path = Path(path)
        # An opened project's own scan is not a change (what was located is one).
        self._clean_after_scan = bool(cfg.data_dir) and not located
        self.state.load(project)  # the pages show it; the Photos page scans the folder
        if project.model_file and Path(project.model_file).is_file():
            self.state.set_model(Path(project.model_file), None)
        self.settings.add_recent(path)
        self.settings.last_folder = str(Path(path).parent)
        save_settings(self.settings)
        self._update_title()
        self.setWindowModified(located)
        self.show_status(
            (
                self.tr("Opened {name}. Save it to keep the new places.")
                if located
                else self.tr("Opened {name}.")
            ).format(name=Path(path).name)
        )
        self.project_opened.emit(Path(path))
        return True

    def ask_moved_folder(self, what: str, old: str) -> Path | None:
        """The project's folder is gone: ask where it is now (tests replace this method)."""
        from engine.projects import near_existing

        photos = what == "photo folder"
        text = (
            self.tr(
                "The photo folder of this project is not at\n{old}\nany more (moved, renamed, "
                "or on a drive that is not connected). Locate it to go on."
            )
            if photos
            else self.tr(
                "The checking folder of this project is not at\n{old}\nany more (moved, "
                "renamed, or on a drive that is not connected). Locate it to go on."
            )
        )
        if not self._ask_to_locate(
            self.tr("Folder not found"),
            text.format(old=old),
            self.tr("Cancel") if photos else self.tr("Open without it"),
        ):
            return None
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Where is the photo folder now?")
            if photos
            else self.tr("Where is the checking folder now?"),
            str(near_existing(old)),
        )
        return Path(folder) if folder else None

    def _ask_to_locate(self, title: str, text: str, other: str) -> bool:
        """Say plainly what is missing; True when the person chooses "Locate…"."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setObjectName("locateBox")
        locate = box.addButton(self.tr("Locate…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(other, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(locate)
        box.exec()
        return box.clickedButton() is locate

    def ask_moved_model(self, old: str) -> Path | None:
        """The project's model file is gone: ask where it is (tests replace this method).
        None opens the project without its model (its settings and photos still load)."""
        from engine.projects import near_existing

        if not self._ask_to_locate(
            self.tr("Model not found"),
            self.tr(
                "The trained model of this project is not at\n{old}\nany more. Locate it, or "
                "open the project without it (you can train again)."
            ).format(old=old),
            self.tr("Open without it"),
        ):
            return None
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Where is the model now?"),
            str(near_existing(old)),
            _translated(MODEL_FILTER),
        )
        return Path(path) if path else None

    def save_project(self) -> bool:
        if self.project_path is None:
            return self.save_project_as()
        return self._write_project(self.project_path)

    def save_project_as(self) -> bool:
        start = str(
            self.project_path
            or Path(self.settings.last_folder or Path.home())
            / (self.tr("My project") + PROJECT_SUFFIX)
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the project"), start, _translated(PROJECT_FILTER)
        )
        if not path:
            return False
        return self._write_project(Path(path))

    def _write_project(self, path: Path) -> bool:
        from engine.errors import StudioError
        from engine.projects import Project, save_project

        cfg = self.state.config_for_run()
        cfg.checkpoint = None  # a run's own setting; the project keeps its checkpoint below
        model = str(self.state.model_path) if self.state.model_path else None
        ckpt = str(self.state.model_path.with_suffix(".ckpt")) if self.state.model_path else None
        if ckpt and not Path(ckpt).is_file():
            ckpt = None
        project = Project(cfg, model, ckpt, list(self.state.history), kept=sorted(self.state.kept))
        try:
            saved = save_project(project, path)  # copies the model beside the project
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Cannot save the project"), str(exc))
            return False
        if project.model_file:
            # From now on the project's own copy is the model (the Use page's loaded copy
            # is the same file's content, so nothing needs loading again).
            self.state.model_path = Path(project.model_file)
            self.use_page.model_path = self.state.model_path
            self.results_page.model_path = self.state.model_path
        self._bare_model = False
        self.project_path = saved
        self.settings.add_recent(saved)
        self.settings.last_folder = str(saved.parent)
        save_settings(self.settings)
        self.setWindowModified(False)
        self._update_title()
        self.show_status(self.tr("Saved {name}.").format(name=saved.name))
        return True

    def _update_title(self) -> None:
        name = self.project_path.name if self.project_path else self.tr("Untitled")
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.status_label.setText(
            str(self.project_path) if self.project_path else self.tr("Not saved yet")
        )

    # ------------------------------------------------------------------ help and export
    def export_model(self) -> None:
        if self.state.model_path is None:
            self.show_status(self.tr("Train a model first."))
            return
        export = getattr(self.use_page, "export_model_dialog", None)
        if export is None:
            self.show_status(self.tr("Exporting is not available in this version."))
            return
        self.go_to(USE)
        export()

    def show_getting_started(self) -> None:
        HtmlDialog(
            self.tr("Getting started"), getting_started_html(), "gettingStartedDialog", self
        ).show()

    def show_about(self) -> None:
        title = self.tr("About {app}").format(app=APP_NAME)
        HtmlDialog(title, about_html(), "aboutDialog", self).show()

    def open_log_folder(self) -> None:
        from engine.paths import log_dir

        from .widgets.prediction_card import open_folder

        open_folder(log_dir())

    # ------------------------------------------------------------------ drag and drop
    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                p = Path(url.toLocalFile())
                if p.is_dir() or p.suffix in (PROJECT_SUFFIX, MODEL_SUFFIX):
                    return p
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.current_step() != USE and self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        event.acceptProposedAction() if self.current_step() != USE else event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.handle_dropped(path)

    def handle_dropped(self, path: Path) -> None:
        self.open_path(path)

    # ------------------------------------------------------------------ geometry and closing
    def _restore_geometry(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.geometry.encode()))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def save_window_settings(self) -> None:
        self.settings.geometry = bytes(self.saveGeometry().toBase64()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64()).decode()
        save_settings(self.settings)

    def busy_work(self) -> list[str]:
        """What this window is doing that closing would stop, one sentence each (what is
        running, then what happens to it); quick background jobs are not listed."""
        said: list[str] = []
        for handle in active_workers():
            if not handle.running or handle.owner_window() is not self:
                continue
            text = BUSY_WORDS.get(handle.name)
            text = _translated(text) if text else None
            if text and text not in said:
                said.append(text)
        return said

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closing:
            event.accept()
            return
        busy = self.busy_work()
        if busy:
            answer = self.ask(
                self.tr("Stop and close?"),
                "\n\n".join([*busy, self.tr("Stop and close the app?")]),
                Answer.Yes | Answer.No,
                Answer.No,
            )
            if answer != Answer.Yes:
                event.ignore()
                return
            # Stop first and wait, then ask about saving: the question must not sit in
            # front of a training that goes on, and Cancel must find it stopped.
            self._stop_for_close()
        if not self._confirm_discard():
            event.ignore()
            self._release_held_check()
            return
        self._closing = True
        # From here on, outcomes of this window's workers are dropped (see gui.workers):
        # a training result arriving after the close must not start a new check.
        self.setProperty(CLOSED_PROPERTY, True)
        self.shutdown()
        self.save_window_settings()
        event.accept()

    def _stop_for_close(self, timeout_ms: int = 60_000) -> None:
        """Stop this window's running work and wait for it to end, then take in what it
        handed over (a stopped training's best epoch is a model) before anything is
        asked."""
        self.show_status(self.tr("Stopping…"))
        self._holding_checks = True
        mine = [h for h in active_workers() if h.running and h.owner_window() is self]
        for handle in mine:
            handle.stop()
        for handle in mine:
            handle.wait(timeout_ms)
        # The stopped workers' last messages (result, finished) are queued for this thread.
        deadline = QDeadlineTimer(5_000)
        while self.train_page._handle is not None and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QCoreApplication.processEvents()
        self.show_status(self.tr("Stopped."))

    def _release_held_check(self) -> None:
        """The close was cancelled: check the model that arrived meanwhile, as usual."""
        self._holding_checks = False
        held, self._held_model = self._held_model, None
        if held is not None and self.state.model_path == held:
            self.results_page.show_result(self.state.train_result, held)

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop every worker and wait for it (never leave a QThread running)."""
        self.show_status(self.tr("Stopping…"))
        for page in self.pages:
            stop = getattr(page, "shutdown", None)
            if stop is not None:
                try:
                    stop()
                except Exception:  # noqa: BLE001 - closing must go on whatever a page does
                    log.exception("%s.shutdown failed", type(page).__name__)
        ok = self.train_page.stop_and_wait(timeout_ms)
        ok = stop_all_workers(timeout_ms) and ok
        if not ok:
            log.warning("workers still running at shutdown: %s", active_workers())
        return ok
