"""Write files so that a crash, a kill or a full disk never leaves a half-written one.

Every file the app writes goes through here: a temporary file in the same folder, flushed
and fsynced, then renamed over the destination (rename is atomic on POSIX and Windows).
If anything fails, the temporary file is removed and the previous file is untouched. A
process killed while saving cannot remove its temporary file; the next save of the same
file does.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import StudioError
from .i18n import Messages


class Saving(Messages):
    """Messages of engine/atomic.py: a file that could not be saved."""


class SaveError(StudioError):
    """Saving failed; the previous version of the file (if any) is intact."""


def _explain(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        text = Saving.tr(
            "Could not save {path}: the disk is full. Free some space and try again; "
            "the previous file was kept."
        )
    elif exc.errno == errno.EFBIG:
        text = Saving.tr(
            "Could not save {path}: the file is larger than this disk or folder allows. "
            "The previous file was kept."
        )
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        text = Saving.tr(
            "Could not save {path}: no permission to write there. Choose another folder."
        )
    else:
        text = Saving.tr("Could not save {path}: {why}. The previous file was kept.")
    return text.format(path=path, why=exc.strerror or exc)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` atomically."""
    path = Path(path)
    fd, tmp = _make_temp(path)
    try:
        with os.fdopen(fd, mode) as f:
            yield f  # type: ignore[misc]
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(_explain(path, exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


#: What a temporary name adds to the file's own: ``.`` + ``.<pid>.<8 random>.tmp``.
_TEMP_EXTRA = len(".") + len(".4194304.") + 8 + len(".tmp")


def check_name_fits(path: str | os.PathLike[str]) -> None:
    """Raise :class:`SaveError` now if ``path``'s name leaves no room for the temporary
    name an atomic save needs (so a long name fails before the work, not after it)."""
    path = Path(path)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    size = len(os.fsencode(path.name))
    if size + _TEMP_EXTRA > limit:
        raise SaveError(
            Saving.tr(
                "Could not save {path}: the file name is too long ({size} bytes; at most "
                "{most} here). Choose a shorter name."
            ).format(path=path, size=size, most=limit - _TEMP_EXTRA)
        )


def _make_temp(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``, named ``.<name>.<pid>.<random>.tmp``.

    The process id in the name lets a later save remove what a killed process (SIGKILL,
    power cut) left behind, without touching a temporary file another process is writing.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(path)
        fd, name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise SaveError(_explain(path, exc)) from exc
    if os.name == "posix":
        # mkstemp makes the file private (0600); a saved model or project should get the
        # permissions of the file it replaces, or the usual ones (umask) for a new file.
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = 0o666 & ~_UMASK
        with contextlib.suppress(OSError):
            os.fchmod(fd, mode)
    return fd, Path(name)


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask() if os.name == "posix" else 0


def _remove_stale_temps(path: Path) -> None:
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)\.[a-z0-9_]{8}\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        if not _process_alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or not a pid at all: leave the file be
    return True


def fsync_dir(folder: Path) -> None:
    """Make a rename into ``folder`` durable (POSIX; directories cannot be opened on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    with atomic_open(path, "wb") as f:
        f.write(data)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Atomically replace ``path`` with ``text`` (UTF-8).

    A file name that is not valid UTF-8 (Python keeps its bytes as surrogate escapes) is
    written byte for byte, so a CSV or JSON listing it names the real file.
    """
    write_bytes(path, text.encode("utf-8", "surrogateescape"))


def write_with(path: str | os.PathLike[str], writer: Callable[[Path], None]) -> None:
    """Atomically produce ``path`` with a library that insists on writing to a file name.

    ``writer`` gets a temporary path in the same folder; when it returns, that file is
    fsynced and renamed over ``path``.
    """
    path = Path(path)
    fd, tmp = _make_temp(path)
    os.close(fd)
    try:
        writer(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(_explain(path, exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
