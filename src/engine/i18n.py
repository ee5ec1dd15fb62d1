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

import re
from collections.abc import Callable

#: ``(context, source, disambiguation, n) -> text``, e.g. ``QCoreApplication.translate``.
Translator = Callable[[str, str, "str | None", int], str]

_translator: Translator | None = None


def set_translator(fn: Translator | None) -> None:
    """Translate engine messages with ``fn`` from now on (``None``: back to English)."""
    global _translator
    _translator = fn


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``source`` in the window's language; English (with plural forms) without a translator."""
    if _translator is not None:
        return _translator(context, source, disambiguation, n)
    return english(source, n)


_PLURAL = re.compile(r"\((s|es)\)")


def english(source: str, n: int = -1) -> str:
    """The English text: ``%n`` becomes ``n``, and ``photo(s)`` becomes photo or photos."""
    if n < 0:
        return source
    text = _PLURAL.sub("" if n == 1 else r"\1", source)
    return text.replace("%n", str(n))


class Messages:
    """Base class of a message context (its name is the context)."""

    @classmethod
    def tr(cls, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        """``source`` translated in this class's context."""
        return translate(cls.__name__, source, disambiguation, n)
