"""The window's own texts in German: menus, actions, the sidebar's step names, help, terms."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWidget

# The English menu and action texts (without "&"): none of them may be left in German.
ENGLISH = {
    "File", "Edit", "Go", "Help", "New project", "Open project…", "Open model…",
    "Open recent", "Save project", "Save project as…", "Choose photo folder…",
    "Export model…", "Quit", "Train", "Stop training", "Getting started", "Try the sample",
    "Open log folder", "About Finetune Studio", "Undo", "Redo", "Photos", "Model", "Results",
    "Use",
}  # fmt: skip


def _plain(text: str) -> str:
    return re.sub(r"^\d+ ", "", text.replace("&", "")).strip()


def test_menus_actions_and_steps_are_german(german, window):
    bar = window.menuBar()
    titles = [a.text() for a in bar.actions()]
    assert titles == ["&Datei", "&Bearbeiten", "&Gehe zu", "&Training", "&Hilfe"]
    seen = []
    for menu_action in bar.actions():
        for act in menu_action.menu().actions():
            if act.isSeparator():
                continue
            seen.append(_plain(act.text()))
            assert _plain(act.text()) not in ENGLISH, act.text()
    assert "Fotoordner wählen…" in seen and "Projekt speichern unter…" in seen
    steps = [window.step_list.item(i).text().split("\n")[0] for i in range(5)]
    assert steps == ["1  Fotos", "2  Modell", "3  Training", "4  Ergebnisse", "5  Anwenden"]
    assert window.windowTitle().startswith("Unbenannt")
    assert window.status_label.text() == "Noch nicht gespeichert"
    # Object names stay English: tests and the style sheet find the actions by them.
    assert window.step_actions[0].objectName() == "actionStepPhotos"


def test_help_terms_and_questions_are_german(german, window):
    from gui.help import about_html, getting_started_html
    from gui.terms import tip

    html = getting_started_html()
    assert "einem Unterordner pro Kategorie" in html and "Begriffe im Programm" in html
    assert "one subfolder per category" not in html
    assert "Lizenzen" in about_html()
    assert tip("epoch").startswith("<p>Ein Durchgang durch alle Trainingsfotos.")
    window.show_getting_started()
    dialog = window.findChild(QWidget, "gettingStartedDialog")
    assert dialog.windowTitle() == "Erste Schritte"
    dialog.close()
    assert window.state.why_not_trainable() == "Wählen Sie zuerst einen Fotoordner (Schritt 1)."
    from gui.workers import describe_error

    assert describe_error(MemoryError()).message.startswith("Der Arbeitsspeicher")
    # The Train step's "Ready to train" line counts with German plural forms and digits.
    assert window.tr("%Ln photo(s)", "", 1500) == "1.500 Fotos"
    assert window.tr("%Ln category(ies)", "", 1) == "1 Kategorie"


def test_english_comes_back_without_german(window):
    """The same window texts in English (the source language) when German is not installed."""
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.step_list.item(0).text().startswith("1  Photos")


def test_the_model_steps_numbers_are_written_by_the_engine_in_either_language(german):
    """One owner for numbers (engine.i18n.decimal): the Model step's sizes in German, with
    the same grouping for whole numbers and decimals ("1.234,5", not "1234,5")."""
    from gui.model_page import fmt_count, fmt_number

    assert fmt_number(2562) == "2.562"
    assert fmt_number(4.66, 1) == "4,7"
    assert fmt_number(1234.5, 1) == "1.234,5"
    assert fmt_count(5_300_000) == "5,3 Millionen"
    assert fmt_count(25_000) == "25 Tausend"


def test_the_model_steps_numbers_in_english():
    from gui.model_page import fmt_count, fmt_number

    assert fmt_number(2562) == "2,562"
    assert fmt_number(1234.5, 1) == "1,234.5"
    assert fmt_count(5_300_000) == "5.3 million"
