"""The translations are in step with the code, and no string in src/gui bypasses them.

``scripts/translations.py check AREA`` does the work (lupdate into a temporary copy, then
the .ts files' state, then a lint over the area's src/gui files); each area is one test,
so the message of a failure lists exactly that area's problems.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "translations_script", ROOT / "scripts" / "translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


translations = _load_script()
MANIFEST = json.loads(
    (ROOT / "resources" / "translations" / "areas.json").read_text(encoding="utf-8")
)

# Areas whose helper is still wrapping strings (issue 20): a failure there is expected until
# the area lands; each becomes a plain test then.
NOT_YET = {}


def _area_param(area: str):
    if area in NOT_YET:
        return pytest.param(area, marks=pytest.mark.xfail(reason=NOT_YET[area], strict=False))
    return area


@pytest.mark.parametrize("area", [_area_param(a) for a in MANIFEST["areas"]])
def test_area_is_translated_and_in_step(area: str) -> None:
    problems = translations.check([area])
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(map(str, problems))


def test_every_gui_file_is_in_exactly_one_area() -> None:
    owners: dict[str, list[str]] = {}
    for area, files in MANIFEST["areas"].items():
        for rel in files:
            owners.setdefault(rel, []).append(area)
    gui_files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "src" / "gui").rglob("*.py"))
    missing = [f for f in gui_files if f not in owners]
    twice = {f: a for f, a in owners.items() if len(a) > 1}
    gone = [f for f in owners if not (ROOT / f).is_file()]
    assert not missing, f"src/gui files in no area of areas.json: {missing}"
    assert not twice, f"files in more than one area: {twice}"
    assert not gone, f"areas.json names files that do not exist: {gone}"


def test_every_language_has_both_files_per_area() -> None:
    folder = ROOT / "resources" / "translations"
    for area in MANIFEST["areas"]:
        for lang in ["en", *MANIFEST["languages"]]:
            assert (folder / f"{area}_{lang}.ts").is_file(), f"{area}_{lang}.ts is missing"


# --- the checker itself finds what it should (so that a green area means something) ---

BAD = """
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

class Page(QWidget):
    def build(self, n, path):
        self.title = QLabel("Your photos")
        self.title.setToolTip(f"Saved {path}")
        self.setWindowTitle(self.tr(f"Saved {path}"))
        QMessageBox.warning(self, "Cannot open", self.tr("Try again."))
        self.box.addItem("Lite0", "lite0")
        self.label.setText(self.tr("%n photo(s)"))
        self.label.setText("Step " + str(n))
"""

GOOD = """
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

class Page(QWidget):
    def build(self, n, path):
        self.title = QLabel(self.tr("Your photos"))
        self.title.setToolTip(self.tr("Saved {path}").format(path=path))
        QMessageBox.warning(self, self.tr("Cannot open"), self.tr("Try again."))
        self.box.addItem(self.tr("Lite0"), "lite0")
        self.label.setText(self.tr("%n photo(s)", "", n))
        self.path_label.setText(str(path))
        self.size_label.setText(f"{n} %")
        self.file_label.setText("model.ftmodel")  # i18n: not text
        self.open_button = QPushButton("…")
"""


def test_lint_finds_strings_that_bypass_translation() -> None:
    found = translations.lint_source(BAD, "bad.py")
    lines = sorted(int(p.where.rsplit(":", 1)[1]) for p in found)
    # QLabel literal, setToolTip f-string, f-string in tr, QMessageBox title, addItem text,
    # %n without a count, a built string
    assert lines == [6, 7, 8, 9, 10, 11, 12], "\n".join(map(str, found))
    assert any("f-string inside tr()" in p.what for p in found)
    assert any("%n" in p.what for p in found)


def test_lint_accepts_translated_text_numbers_paths_and_the_opt_out() -> None:
    assert translations.lint_source(GOOD, "good.py") == []


WRAPPERS = """
import logging
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def name_widget(widget, object_name, accessible, tooltip=""):
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    if tooltip:
        widget.setToolTip(tooltip)


class Page(QWidget):
    def _say(self, text):
        self.status.setText("<b>" + text + "</b>")

    def build(self, path):
        name_widget(self.box, "photoBox", "Photo folder", self.tr("Choose a folder."))
        name_widget(self.box, "photoBox", self.tr("Photo folder"))
        self._say("Scanning")
        self._say(self.tr("Scanning"))
        log.warning("could not read %s", "the file")
"""


def test_lint_learns_the_codes_own_wrappers() -> None:
    """A literal handed to a function that shows it (name_widget, a _say helper) is caught."""
    found = translations.lint_source(WRAPPERS, "wrappers.py")
    assert [(p.where, p.context) for p in found] == [
        ("wrappers.py:20", "name_widget()"),
        ("wrappers.py:22", "_say()"),
    ], "\n".join(map(str, found))


def _message(source: str, translation: str, *, kind: str = "", numerus: bool = False):
    import xml.etree.ElementTree as ET

    m = ET.Element("message", {"numerus": "yes"} if numerus else {})
    ET.SubElement(m, "source").text = source
    t = ET.SubElement(m, "translation", {"type": kind} if kind else {})
    if numerus:
        for form in translation.split("|"):
            ET.SubElement(t, "numerusform").text = form
    else:
        t.text = translation
    return ("Page", source, ""), m


@pytest.mark.parametrize(
    ("source", "translation", "kind", "numerus", "expected"),
    [
        ("Saved {path}", "Gespeichert: {path}", "", False, None),
        ("Saved {path}", "Gespeichert: {pfad}", "", False, "fields"),
        ("Open…", "Öffnen", "", False, "…"),
        ("&File", "Datei", "", False, "accelerator"),
        ("Open", "", "unfinished", False, "unfinished"),
        ("Open", "Öffnen", "vanished", False, "vanished"),
        ("%n photo(s)", "%n Foto|", "", True, "plural form"),
        ("%n photo(s)", "%n Foto|%n Fotos", "", True, None),
    ],
)
def test_ts_entry_checks(source, translation, kind, numerus, expected) -> None:
    key, message = _message(source, translation, kind=kind, numerus=numerus)
    problems = translations._translation_problems(key, message)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def test_check_sees_a_string_the_ts_does_not_have(tmp_path, monkeypatch) -> None:
    """A new tr() in the code, the .ts not updated: the check names it."""
    src = tmp_path / "src" / "gui"
    src.mkdir(parents=True)
    (src / "page.py").write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class Page(QWidget):\n"
        "    def f(self):\n"
        "        return self.tr('A new line')\n",
        encoding="utf-8",
    )
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    (folder / "areas.json").write_text(
        json.dumps({"languages": ["de"], "areas": {"demo": ["src/gui/page.py"]}}), encoding="utf-8"
    )
    empty = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="{}">\n</TS>\n'
    (folder / "demo_de.ts").write_text(empty.format("de_DE"), encoding="utf-8")
    (folder / "demo_en.ts").write_text(empty.format("en_US"), encoding="utf-8")
    monkeypatch.setattr(translations, "ROOT", tmp_path)
    monkeypatch.setattr(translations, "TRANSLATIONS", folder)
    problems = translations.check(["demo"])
    assert [(p.where, p.context, p.source) for p in problems] == [
        ("demo_de.ts", "Page", "A new line")
    ]
    assert "not in the .ts" in problems[0].what


def test_german_is_installed_and_uninstalled(german) -> None:
    """The compiled German files load; Qt's own strings come in German too."""
    from PySide6.QtCore import QCoreApplication

    from gui import i18n

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    i18n.uninstall()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert i18n.install("de") == "de"  # the fixture uninstalls again
