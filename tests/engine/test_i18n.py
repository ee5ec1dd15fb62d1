"""Engine messages: English for the command line, the window's language once a translator
is installed (engine/i18n.py), the same English plural forms as the window's English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from engine import i18n
from engine.dataset import scan_folder
from engine.i18n import Messages, english, language, set_translator
from engine.paths import resource_path
from engine.readiness import assess, small_sentence

ENGINE_EN = Path(__file__).resolve().parents[2] / "resources" / "translations" / "engine_en.ts"


class Sample(Messages):
    """A context for these tests only."""


@pytest.fixture
def shouting() -> Iterator[list[tuple[str, str, str | None, int]]]:
    """A fake translator (upper case, with the context in front), uninstalled after."""
    calls: list[tuple[str, str, str | None, int]] = []

    def translate(context: str, source: str, disambiguation: str | None, n: int) -> str:
        calls.append((context, source, disambiguation, n))
        text = source.replace("%n", str(n))
        # Upper case, but the {fields} as they are (.format fills them).
        return f"[{context}] " + re.sub(r"[^{}]+(?=\{|$)|(?<=\})[^{}]+", _upper, text)

    set_translator(translate, "xx")
    try:
        yield calls
    finally:
        set_translator(None)


def _upper(m: re.Match[str]) -> str:
    return m.group(0).upper()


def _photos(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        Image.new("RGB", (16, 16), (40, (7 * i) % 256, 90)).save(folder / f"{i}.png")


def test_english_fills_counts_and_regular_plurals():
    assert english("%n photo(s) skipped", 1) == "1 photo skipped"
    assert english("%n photo(s) skipped", 3) == "3 photos skipped"
    assert english("%n box(es), %n category(s), %n key(s)", 2) == "2 boxes, 2 categories, 2 keys"
    assert english("%n box(es), %n category(s)", 1) == "1 box, 1 category"
    # %Ln is Qt's localised number: thousands separators in English.
    assert english("%Ln photo(s)", 12345) == "12,345 photos"
    assert english("%n photo(s)", 12345) == "12345 photos"
    # Without a count the text is left alone, (s) and all.
    assert english("%n photo(s)") == "%n photo(s)"


def test_english_takes_irregular_forms_from_engine_en_ts():
    assert resource_path("translations", "engine_en.ts") == ENGINE_EN
    one = small_sentence([("crab", 3)])
    two = small_sentence([("crab", 3), ("eel", 4)])
    assert "learn this category;" in one and "crab (3)" in one
    assert "learn these;" in two and "crab (3), eel (4)" in two


def test_every_plural_message_has_both_english_forms():
    root = ElementTree.parse(ENGINE_EN).getroot()
    plural = 0
    for msg in root.iter("message"):
        if msg.get("numerus") == "yes":
            plural += 1
            forms = [f.text or "" for f in msg.iter("numerusform")]
            assert len(forms) == 2 and all(forms), msg.findtext("source")
            assert msg.find("translation").get("type") != "unfinished"
    assert plural >= 5


def test_tr_is_english_without_a_translator():
    assert language() == ""
    assert Sample.tr("Scan stopped.") == "Scan stopped."
    assert Sample.tr("%n photo(s) left", "", 2) == "2 photos left"
    r = assess(None)
    assert r.line == "Not yet, because no photo folder is chosen yet."
    assert r.headline == "Not yet: no folder"


def test_an_installed_translator_changes_the_text_and_uninstalling_restores_english(shouting):
    assert language() == "xx"
    assert Sample.tr("Scan stopped.") == "[Sample] SCAN STOPPED."
    assert Sample.tr("%n photo(s) left", "", 2) == "[Sample] 2 PHOTO(S) LEFT"
    assert shouting[-1] == ("Sample", "%n photo(s) left", "", 2)
    r = assess(None)
    assert r.line == "[Ready] NOT YET, BECAUSE [Ready] NO PHOTO FOLDER IS CHOSEN YET."
    set_translator(None)
    assert language() == "" and i18n._translator is None
    assert Sample.tr("Scan stopped.") == "Scan stopped."


def test_a_translation_that_loses_a_field_gives_english_not_a_crash():
    set_translator(lambda c, s, d, n: "Ordner {ordner} fehlt", "de")
    try:
        text = Sample.tr("The folder {folder} is gone.").format(folder="/x")
        assert text == "The folder /x is gone."
    finally:
        set_translator(None)


def test_a_plural_qt_could_not_translate_gets_the_english_forms():
    # What QCoreApplication.translate gives when no .qm has the message: %n filled only.
    set_translator(lambda c, s, d, n: s.replace("%n", str(n)), "en")
    try:
        assert Sample.tr("%n photo(s) left", "", 2) == "2 photos left"
        assert Sample.tr("%n photo(s) left", "", 1) == "1 photo left"
    finally:
        set_translator(None)


def test_english_as_the_windows_language_counts_as_english():
    set_translator(lambda c, s, d, n: english(s, n, c), "en")
    try:
        assert language() == ""
    finally:
        set_translator(None)


def test_a_skip_reason_remembered_in_another_language_is_not_shown_in_english(tmp_path, shouting):
    _photos(tmp_path / "cats", 2)
    _photos(tmp_path / "dogs", 2)
    (tmp_path / "dogs" / "broken.jpg").write_bytes(b"not a photo at all")
    translated = scan_folder(tmp_path)
    assert [s.reason for s in translated.skipped] == [
        "[Images] NOT AN IMAGE THIS APP CAN READ (DAMAGED, OR NOT REALLY A PHOTO)"
    ]
    set_translator(None)
    again = scan_folder(tmp_path)  # the memo holds the reason in "xx": checked again
    assert [s.reason for s in again.skipped] == [
        "not an image this app can read (damaged, or not really a photo)"
    ]


@pytest.mark.parametrize("value", [0.0, 0.004, 0.125, 0.875, 0.9995, 1.0, 0.33333])
def test_numbers_are_pythons_own_without_a_translator(value):
    assert i18n.percent(value) == f"{value:.0%}"
    assert i18n.percent(value, 1) == f"{value:.1%}"
    assert i18n.decimal(value * 1e4, 1) == f"{value * 1e4:.1f}"
    assert i18n.decimal(value * 1e4, 1, grouping=True) == f"{value * 1e4:,.1f}"


def test_numbers_follow_the_translation_of_the_point_the_separator_and_percent():
    german = {".": ",", ",": ".", "{number}%": "{number} %"}
    set_translator(lambda c, s, d, n: german.get(s, s) if c == "Numbers" else s, "de")
    try:
        assert i18n.percent(0.875) == "88 %"
        assert i18n.percent(0.8751, 1) == "87,5 %"
        assert i18n.decimal(1234.5, 1, grouping=True) == "1.234,5"
    finally:
        set_translator(None)
    assert i18n.percent(0.875) == "88%"


def test_every_engine_module_with_messages_is_in_the_engine_area():
    """A module that wraps a message but is missing from areas.json would never reach
    lupdate: its messages would stay English in the window."""
    import json

    root = ENGINE_EN.parents[2]
    listed = set(
        json.loads((root / "resources" / "translations" / "areas.json").read_text("utf-8"))[
            "areas"
        ]["engine"]
    )
    wrapping = {
        f"src/engine/{p.name}"
        for p in (root / "src" / "engine").glob("*.py")
        if re.search(r"\b[A-Z]\w*\.tr\(|QT_TRANSLATE_NOOP\(", p.read_text("utf-8"))
    }
    assert len(wrapping) >= 20
    assert wrapping <= listed, sorted(wrapping - listed)
