"""One way to translate a message, for the engine and the window alike.

The engine never imports Qt. Code that writes a message a person reads says so with a
context class::

    class Advice(Messages):
        '''Messages of engine/advice.py.'''

    Advice.tr("Add more photos to {name}.").format(name=name)
    Advice.tr("%n photo(s) could not be read.", "", count)   # plural forms: positional n

``pyside6-lupdate`` finds ``Advice.tr(...)`` calls (context "Advice", and plural forms when
a count is passed third), so the engine's messages land in ``resources/translations/
engine_*.ts`` like the window's. At start the window installs Qt's translator here
(:func:`set_translator`, done by ``gui.i18n.install``); the command line does not, and
keeps English. Put ``{name}`` fields in the source text and ``.format`` the translated
text: a translation may need the words in another order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from xml.etree import ElementTree

# ``(context, source, disambiguation, n) -> text``, e.g. ``QCoreApplication.translate``.
Translator = Callable[[str, str, "str | None", int], str]

_translator: Translator | None = None
_language = ""


def set_translator(fn: Translator | None, language: str | None = None) -> None:
    """Translate engine messages with ``fn`` from now on (``None``: back to English).

    ``language`` is the code of the language ``fn`` translates into ("de"); it tells
    texts kept on disk (a scan's skip reasons) which language they are in.
    """
    global _translator, _language
    _translator = fn
    code = (language or "?") if fn is not None else ""
    _language = "" if code == "en" else code


def language() -> str:
    """The language engine messages are in now: "" for English, else a code ("de").

    A translator installed without a code counts as "?" (not English).
    """
    return _language


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``source`` in the window's language; English (with plural forms) without a translator."""
    if _translator is not None:
        text = _translator(context, source, disambiguation, n)
        untranslated_plural = n >= 0 and bool(_PLURAL.search(text)) and bool(_PLURAL.search(source))
        if _fields(text) == _fields(source) and not untranslated_plural:
            return text
        # A plural text that still says "photo(s)": Qt found no plural forms (a window
        # started without the compiled engine_en.qm), so the English forms are used.
        # A translation that lost or renamed a {field} would make .format() raise: the
        # person gets the English sentence rather than a crash.
    return english(source, n, context)


_FIELD = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def _fields(text: str) -> set[str]:
    """The ``{name}`` fields of a message."""
    return set(_FIELD.findall(text))


# The fallback when engine_en.ts is not there: photo(s) -> photos, box(es) -> boxes,
# category(s) -> categories.
_PLURAL = re.compile(r"(?<=[^aeiou])y\(s\)|\((s|es)\)")
_ENGLISH_TS = ("translations", "engine_en.ts")


def english(source: str, n: int = -1, context: str | None = None) -> str:
    """The English text of ``source``: with a count ``n``, its English plural form.

    The form comes from ``resources/translations/engine_en.ts`` (the same forms the window
    shows in English), else from the source: ``photo(s)`` becomes photo or photos.
    ``%n`` becomes ``n``; ``%Ln`` becomes ``n`` with thousands separators ("1,000"), as
    Qt writes it in English.
    """
    if n < 0:
        return source
    forms = _english_forms().get((context or "", source))
    if forms:
        text = forms[0] if n == 1 else forms[-1]
    else:
        text = _PLURAL.sub(_plural_ending(n), source)
    return text.replace("%Ln", f"{n:,}").replace("%n", str(n))


def _plural_ending(n: int) -> Callable[[re.Match[str]], str]:
    def ending(m: re.Match[str]) -> str:
        if m.group(0).startswith("y"):
            return "y" if n == 1 else "ies"
        return "" if n == 1 else m.group(1)

    return ending


@functools.cache
def _english_forms() -> dict[tuple[str, str], list[str]]:
    """(context, source) -> English plural forms, read once from engine_en.ts."""
    from .paths import resource_path

    path = resource_path(*_ENGLISH_TS)
    if path is None:
        return {}
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return {}  # a broken file: the source's own (s) rule still gives English
    out: dict[tuple[str, str], list[str]] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            forms = [f.text or "" for f in msg.iter("numerusform")]
            if source is not None and any(forms):
                out[(name, source)] = forms
    return out


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 (lupdate's name)
    """Mark ``source`` for translation in ``context`` without translating it now.

    For tables built at import time (before any translator is installed): keep the
    English there and translate it where it is shown, e.g.
    ``translate("Export", fmt.english_label)``. ``pyside6-lupdate`` knows this name.
    """
    return source


class Messages:
    """Base class of a message context (its name is the context)."""

    @classmethod
    def tr(cls, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        """``source`` translated in this class's context."""
        return translate(cls.__name__, source, disambiguation, n)


class Numbers(Messages):
    """How engine messages write numbers: the window's decimal point, grouping and percent."""


def decimal(value: float, digits: int = 0, *, grouping: bool = False) -> str:
    """``value`` with ``digits`` decimals: "12.3" in English, "12,3" in German.

    ``grouping`` adds thousands separators ("1,234.5" / "1.234,5"). Without a
    translator the text is exactly Python's ``f"{value:.1f}"`` (or ``:,.1f``).
    """
    text = f"{value:,.{digits}f}" if grouping else f"{value:.{digits}f}"
    if _translator is None:
        return text
    point = Numbers.tr(".", "the decimal point in 12.5")
    group = Numbers.tr(",", "the thousands separator in 1,000")
    return "".join(point if c == "." else group if c == "," else c for c in text)


def percent(fraction: float, digits: int = 0) -> str:
    """``0.875`` as a percentage: "88%" in English (Python's ``f"{x:.0%}"``), "88 %" in
    German."""
    number = decimal(fraction * 100, digits)
    if _translator is None:
        return f"{number}%"
    return Numbers.tr("{number}%", "a percentage").format(number=number)
