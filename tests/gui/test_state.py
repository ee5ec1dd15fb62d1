"""The window's state owns one TrainConfig; pages edit its fields and show its changes."""

from __future__ import annotations

import dataclasses

from engine.config import TrainConfig
from gui.train_page import widget_value


def test_start_values_are_the_engines_defaults(window):
    defaults = TrainConfig()
    page = window.train_page
    assert window.state.config == defaults
    for name, widget in page._fields.items():
        shown = widget_value(widget)
        assert shown == getattr(defaults, name), name
    assert window.photos_page.val_split_spin.value() == round(defaults.val_split * 100)
    assert window.state.backbone == defaults.backbone


def test_a_page_edits_the_config_and_shows_changes_without_writing_back(window):
    state, page = window.state, window.train_page
    seen: list[str] = []
    state.config_changed.connect(seen.append)
    page.epochs_spin.setValue(7)  # a person edits
    assert state.config.epochs == 7 and seen == ["epochs"]
    state.update(batch_size=12, schedule="onecycle")  # e.g. a project opened
    assert page.batch_spin.value() == 12
    assert page.schedule_combo.currentData() == "onecycle"
    assert seen == ["epochs", "batch_size", "schedule"]  # showing did not write back
    state.update(lr=0.0042)  # a value the list does not offer becomes a custom item
    assert page.lr_combo.currentData() == 0.0042


def test_opening_is_state_load_and_saving_reads_state_config(window):
    from engine.projects import Project

    cfg = TrainConfig(epochs=5, label_smoothing=0.2, train_layers="last", val_split=0.3)
    window.state.load(Project(cfg))
    page = window.train_page
    assert page.epochs_spin.value() == 5 and page.ls_spin.value() == 0.2
    assert window.photos_page.val_split_spin.value() == 30
    saved = window.state.config_for_run()
    assert dataclasses.asdict(saved) == dataclasses.asdict(cfg)
    window.reset_project()  # each page's reset, then the engine's defaults
    assert window.state.config == TrainConfig() and page.epochs_spin.value() == TrainConfig().epochs


def test_every_step_is_a_page_with_a_title_a_subtitle_and_a_reset(window):
    from gui.steps import STEP_PAGES, StepPage

    assert [type(p) for p in window.pages] == list(STEP_PAGES)
    for i, page in enumerate(window.pages):
        assert isinstance(page, StepPage)
        item = window.step_list.item(i).text()
        assert item.startswith(f"{i + 1}  {page.title}") and page.subtitle() in item
