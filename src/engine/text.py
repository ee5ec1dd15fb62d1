"""Text from files (category names, file names) made safe to print in a terminal.

A category name is whatever a folder was called, and a file name may not even be valid
UTF-8: printed raw, ``\\x1b]0;...`` retitles the terminal or hides the rest of the line,
and a surrogate-escaped byte makes ``print`` raise. :func:`printable` shows each such
character as a visible escape instead.
"""

from __future__ import annotations

import os
import unicodedata


def printable(value: object) -> str:
    """``value`` as text with control characters and undecodable bytes made visible."""
    text = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF or unicodedata.category(ch) in ("Cc", "Cf"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
