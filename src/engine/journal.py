"""The move journal: every photo the app moves or copies survives a kill, and can be undone.

Sorting (``sort --move``), refiling, removing to a trash folder and labelling all move
files through here, in the CLI and in the window alike. The journal of a folder ``ROOT`` lives in the app's state folder
(:func:`journal_folder`), one JSON-lines file per batch of moves; a move in progress
uses a hidden ``.ft-*.part`` temporary file in the destination folder.

How one move is made, and why it cannot lose or truncate a photo:

1. The *intent* (source, final name, temporary name) is appended to the batch file and
   fsynced before anything is touched.
2. On the same file system the photo is hard-linked under its final name (atomic, never
   overwrites); elsewhere it is copied to a hidden temporary name in the destination
   folder, fsynced, and then linked (or renamed) to the final name. So a name either does
   not exist yet or holds the complete photo.
3. Only then is the source removed (for a move), and a *done* line appended.

A batch killed at any point is settled by :func:`recover` on the next run (the CLI and
the window call it before they move anything): a move that reached its final name is
finished (the source removed if still there), one that did not is rolled back (the
temporary file removed, the photo stays where it was). A batch also ends cleanly on an
exception or Ctrl-C, with the move in flight settled the same way.

API::

    journal = MoveJournal(root)
    record = journal.move_batch([(src, dst), ...], kind="refile",
                                on_progress=fn, should_stop=fn)   # -> BatchRecord
    with journal.batch("sort", meta={...}) as b:                  # streaming form
        final = b.move(src, dst)       # or b.copy(src, dst); b.note(src, reason)
    journal.undo(record.id); journal.redo(record.id)              # -> BatchRecord
    recover(root)                      # -> the batches it settled (list[BatchRecord])

``dst`` is the wished-for path; if that name is taken, ``name (2).ext`` and so on is used
(the record says which). A file already at its destination (same folder) stays and is
recorded as placed. A batch holds the folder's lock: a second task moving into the same
folder at the same time is refused with a clear message instead of mixing its records.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .atomic import fsync_dir
from .errors import StudioError
from .i18n import Messages
from .pathguard import same_file
from .paths import state_dir
from .progress import Throttle

try:  # POSIX; on Windows a batch is not protected against a second process (documented)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

PathLike = str | os.PathLike[str]
ProgressCallback = Callable[[int, int], None]


class Journal(Messages):
    """Messages of engine/journal.py: moving photos, undo and redo."""


class JournalBusy(StudioError):
    """Another task is moving files in the same folder right now."""


@dataclass
class Move:
    """One finished move or copy: where the photo was and where it is now."""

    src: str
    dst: str
    copy: bool = False
    info: dict[str, Any] = field(default_factory=dict)


@dataclass
class BatchRecord:
    """What a batch did, read back from its journal file."""

    id: str
    kind: str
    meta: dict[str, Any]
    moves: list[Move] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (src, dst, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (src, reason)
    status: str = "open"  # open | complete | stopped | recovered
    undone_by: str | None = None  # the latest undo batch, when the batch is undone now
    redone_by: str | None = None  # the latest redo batch, when it was redone since

    @property
    def applied(self) -> bool:
        return self.undone_by is None


def journal_folder(root: PathLike) -> Path:
    """Where the journal of ``root`` is kept: in the app's state folder, one subfolder per
    real path (the person's folders get nothing but their photos and records)."""
    key = hashlib.blake2b(os.fsencode(os.path.realpath(root)), digest_size=10).hexdigest()
    return state_dir() / "journals" / key


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2).ext``, ``name (3).ext``... whichever does not exist."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while os.path.lexists(target):
        target = folder / f"{stem} ({n}){suffix}"
        n += 1
    return target


def _same_content(a: Path, b: Path) -> bool:
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        return _sha256(a) == _sha256(b)
    except OSError:
        return False


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            h.update(chunk)
    return h.hexdigest()


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "no permission (the folder is read-only)"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if isinstance(exc, FileNotFoundError):
        return "the file is gone (moved or deleted)"
    return exc.strerror or str(exc)


def _copy_to(src: Path, tmp: Path) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(src, tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _publish(tmp: Path, dst: Path) -> None:
    """Give the complete temporary file its final name without overwriting anything."""
    try:
        os.link(tmp, dst)
    except FileExistsError:
        os.unlink(tmp)
        raise
    except OSError:
        # No hard links here (FAT, some network shares): rename, after checking the name.
        if os.path.lexists(dst):
            os.unlink(tmp)
            raise FileExistsError(errno.EEXIST, "File exists", str(dst)) from None
        os.rename(tmp, dst)
        return
    os.unlink(tmp)


def _transfer(src: Path, dst: Path, tmp: Path, copy: bool, touched: set[Path]) -> None:
    """Put ``src``'s content under ``dst`` (which must not exist) and, for a move, remove
    ``src``. Raises FileExistsError when ``dst`` was taken meanwhile (nothing changed).
    The folders changed are added to ``touched``; the batch fsyncs them once at its end
    (recovery copes with any of a move's steps lost to a power cut, so one fsync per
    folder per batch is enough, instead of two per photo)."""
    linked = False
    if not copy:
        try:
            os.link(src, dst)  # same file system: atomic and instant, the photo has two names
            linked = True
        except FileExistsError:
            raise
        except OSError:
            linked = False  # another file system, or no hard links: copy instead
    if not linked:
        _copy_to(src, tmp)
        try:
            _publish(tmp, dst)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    touched.add(dst.parent)
    if copy:
        return
    try:
        os.unlink(src)
    except OSError:
        # The source cannot be removed (read-only folder): undo our placement, so the
        # photo is exactly where it was and nowhere else, and say why.
        with contextlib.suppress(OSError):
            os.unlink(dst)
        raise
    touched.add(src.parent)


class MoveJournal:
    """The journal of moves into (and within) ``root``."""

    def __init__(self, root: PathLike) -> None:
        self.root = Path(os.path.abspath(os.fspath(root)))
        self.folder = journal_folder(self.root)

    # ------------------------------------------------------------------ locking and files
    @contextlib.contextmanager
    def locked(self, *, wait: bool = False) -> Iterator[None]:
        """Hold this folder's lock (refused with :class:`JournalBusy` if held elsewhere)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.folder / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StudioError(
                Journal.tr(
                    "Cannot keep the journal of moves into {root} in {folder}: "
                    "{why}. Check the app's own folder can be written."
                ).format(root=self.root, folder=self.folder, why=_reason(exc))
            ) from None
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
                except BlockingIOError:
                    raise JournalBusy(
                        Journal.tr(
                            "Another Finetune Studio task is moving photos in {root} right "
                            "now. Wait until it ends, then try again."
                        ).format(root=self.root)
                    ) from None
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _path(self, batch_id: str) -> Path:
        return self.folder / f"{batch_id}.jsonl"

    def batch_ids(self) -> list[str]:
        """Every batch in this journal, oldest first."""
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return []
        return [n[: -len(".jsonl")] for n in names if n.endswith(".jsonl")]

    def read(self, batch_id: str) -> BatchRecord:
        """The record of one batch (what it did, its state)."""
        rec, _pending = _parse(self._path(batch_id))
        return rec

    # ------------------------------------------------------------------ moving
    @contextlib.contextmanager
    def batch(self, kind: str, meta: dict[str, Any] | None = None) -> Iterator[Batch]:
        """A new batch of moves; it holds the folder's lock until the ``with`` ends."""
        with self.locked():
            b = Batch(self, kind, meta or {})
            try:
                yield b
            except BaseException:
                b.finish("stopped")
                raise
            b.finish("stopped" if b.stopped else "complete")

    def move_batch(
        self,
        pairs: Iterable[tuple[PathLike, PathLike]],
        *,
        kind: str = "move",
        meta: dict[str, Any] | None = None,
        copy: bool = False,
        on_progress: ProgressCallback | None = None,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> BatchRecord:
        """Move (or copy) each ``src`` to ``dst``; returns the batch's record.

        A move that fails (read-only folder, file gone) is listed in ``failed`` and the
        photo stays where it was; the others go on. ``should_stop`` ends the batch between
        two moves (status "stopped"); what was moved is recorded and can be undone.
        """
        pairs = [(Path(s), Path(d)) for s, d in pairs]
        throttle = Throttle()
        with self.batch(kind, meta) as b:
            for i, (src, dst) in enumerate(pairs):
                if should_stop():
                    b.stopped = True
                    break
                b.place(src, dst, copy=copy)
                if on_progress and throttle.ready(final=i + 1 == len(pairs)):
                    on_progress(i + 1, len(pairs))
        return self.read(b.id)

    def undo(self, batch_id: str) -> BatchRecord:
        """Put every photo of an applied batch back where it was (a new, journaled batch).

        A copy is undone by deleting the copy (the journal made it). If a photo's old name
        was taken meanwhile, it gets ``name (2).ext`` beside it. Returns the undo batch's
        record; ``read(batch_id).applied`` is then False.
        """
        rec = self.read(batch_id)
        if not rec.applied:
            raise StudioError(
                Journal.tr("Those {count} move(s) were already undone.").format(
                    count=len(rec.moves)
                )
            )
        current = self.read(rec.redone_by).moves if rec.redone_by else rec.moves
        steps = []
        for m in reversed(current):
            if m.info.get("in_place"):
                continue
            steps.append(("delete", m.dst, m.src) if m.copy else ("move", m.dst, m.src))
        undo = self._run_steps(steps, "undo", {"undoes": batch_id})
        self._mark(batch_id, {"op": "undone", "by": undo.id})
        return undo

    def redo(self, batch_id: str) -> BatchRecord:
        """Move (or copy) the photos of an undone batch again, to where it had put them."""
        rec = self.read(batch_id)
        if rec.applied:
            raise StudioError(
                Journal.tr("Those moves are already in place; there is nothing to redo.")
            )
        undo = self.read(rec.undone_by)  # type: ignore[arg-type]
        steps = []
        for m in reversed(undo.moves):
            if m.dst == "":  # a deleted copy: copy the original again
                steps.append(("copy", m.info.get("original", ""), m.src))
            else:
                steps.append(("move", m.dst, m.src))
        redo = self._run_steps(steps, "redo", {"redoes": batch_id})
        self._mark(batch_id, {"op": "redone", "by": redo.id})
        return redo

    def _run_steps(self, steps: list[tuple[str, str, str]], kind: str, meta: dict) -> BatchRecord:
        with self.batch(kind, meta) as b:
            for op, a, c in steps:
                if op == "delete":
                    b.remove_copy(Path(a), Path(c))
                else:
                    b.place(Path(a), Path(c), copy=op == "copy")
        return self.read(b.id)

    def _mark(self, batch_id: str, line: dict) -> None:
        with open(self._path(batch_id), "a", encoding="ascii") as f:
            f.write(json.dumps(line) + "\n")
            f.flush()
            os.fsync(f.fileno())

    # ------------------------------------------------------------------ recovery
    def recover(self) -> list[BatchRecord]:
        """Settle every batch a killed process left open; returns their records."""
        if not self.folder.is_dir():
            return []
        try:
            with self.locked():
                return self._recover_locked()
        except JournalBusy:
            return []  # a live process owns the open batch; it will finish it itself

    def _recover_locked(self) -> list[BatchRecord]:
        settled: list[BatchRecord] = []
        for batch_id in self.batch_ids():
            path = self._path(batch_id)
            rec, pending = _parse(path)
            if rec.status != "open":
                continue
            with open(path, "a", encoding="ascii") as f:
                for intent in pending:
                    f.write(json.dumps(_settle(intent)) + "\n")
                f.write(json.dumps({"op": "end", "status": "recovered"}) + "\n")
                f.flush()
                os.fsync(f.fileno())
            settled.append(self.read(batch_id))
        return settled


class Batch:
    """An open batch (see :meth:`MoveJournal.batch`); one process, one thread."""

    def __init__(self, journal: MoveJournal, kind: str, meta: dict[str, Any]) -> None:
        self.journal = journal
        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.id = f"{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
        self.kind = kind
        self.stopped = False
        self.moves: list[Move] = []
        self.failed: list[tuple[str, str, str]] = []
        self._n = 0
        self._pending: dict[str, Any] | None = None
        self._touched: set[Path] = set()
        journal.folder.mkdir(parents=True, exist_ok=True)
        self._file = open(journal._path(self.id), "a", encoding="ascii")  # noqa: SIM115
        self._write(
            {"op": "begin", "id": self.id, "kind": kind, "meta": meta, "pid": os.getpid()},
            sync=True,
        )
        fsync_dir(journal.folder)

    def _write(self, line: dict[str, Any], *, sync: bool = False) -> None:
        # json.dumps escapes everything to ASCII, undecodable file-name bytes included
        # (surrogate escapes), so any path round-trips exactly.
        self._file.write(json.dumps(line) + "\n")
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())

    def move(self, src: PathLike, dst: PathLike, info: dict[str, Any] | None = None) -> Path:
        """Move ``src`` to ``dst`` (or a free name beside it); raises OSError on failure."""
        return self._do(Path(src), Path(dst), False, info or {})

    def copy(self, src: PathLike, dst: PathLike, info: dict[str, Any] | None = None) -> Path:
        """Copy ``src`` to ``dst`` (or a free name beside it); raises OSError on failure."""
        return self._do(Path(src), Path(dst), True, info or {})

    def place(
        self, src: Path, dst: Path, *, copy: bool = False, info: dict[str, Any] | None = None
    ) -> Path | None:
        """Like :meth:`move`/:meth:`copy`, but a failure is recorded instead of raised."""
        try:
            return self._do(src, dst, copy, info or {})
        except OSError:
            return None

    def note(self, src: PathLike, reason: str) -> None:
        """Record a photo that was left alone and why (e.g. unreadable)."""
        self._write({"op": "note", "src": os.fspath(src), "reason": reason})

    def remove_copy(self, copy_path: Path, original: Path) -> None:
        """Undo a copy: delete the copy the journal made, if it still matches the original."""
        n = self._next()
        if copy_path.exists() and (not original.exists() or _same_content(copy_path, original)):
            info = {"original": str(original)}
            self._write(
                {
                    "op": "intent",
                    "n": n,
                    "src": str(copy_path),
                    "dst": "",
                    "delete": True,
                    "info": info,
                },
                sync=True,
            )
            os.unlink(copy_path)
            self._write({"op": "done", "n": n})
            self.moves.append(Move(str(copy_path), "", False, info))
        else:
            reason = "the copy was changed or is gone; kept as it is"
            self._write({"op": "failed", "n": n, "src": str(copy_path), "reason": reason})
            self.failed.append((str(copy_path), "", reason))

    def _next(self) -> int:
        self._n += 1
        return self._n

    def _do(self, src: Path, dst: Path, copy: bool, info: dict[str, Any]) -> Path:
        src = Path(os.path.abspath(src))
        dst = Path(os.path.abspath(dst))
        n = self._next()
        try:
            if not os.path.lexists(src):
                raise FileNotFoundError(errno.ENOENT, "No such file", str(src))
            if (
                same_file(src.parent, dst.parent)
                and src.name == dst.name
                or (os.path.lexists(dst) and same_file(src, dst))
            ):
                # Already where it belongs (sorting into the photos' own folder).
                self._write(
                    {
                        "op": "intent",
                        "n": n,
                        "src": str(src),
                        "dst": str(src),
                        "copy": copy,
                        "info": info,
                        "inplace": True,
                    }
                )
                self._write({"op": "done", "n": n})
                self.moves.append(Move(str(src), str(src), copy, {**info, "in_place": True}))
                return src
            dst.parent.mkdir(parents=True, exist_ok=True)
            while True:
                target = free_name(dst.parent, dst.name)
                tmp = dst.parent / f".ft-{secrets.token_hex(6)}.part"
                self._pending = {
                    "op": "intent",
                    "n": n,
                    "src": str(src),
                    "dst": str(target),
                    "tmp": str(tmp),
                    "copy": copy,
                    "info": info,
                }
                self._write(self._pending, sync=True)
                try:
                    _transfer(src, target, tmp, copy, self._touched)
                    break
                except FileExistsError:
                    continue  # the name was taken meanwhile: a new intent, the next name
        except OSError as exc:
            self._pending = None
            self._write(
                {"op": "failed", "n": n, "src": str(src), "dst": str(dst), "reason": _reason(exc)}
            )
            self.failed.append((str(src), str(dst), _reason(exc)))
            raise
        except BaseException:
            self._settle_pending()
            raise
        self._pending = None
        self._write({"op": "done", "n": n})
        self.moves.append(Move(str(src), str(target), copy, info))
        return target

    def _settle_pending(self) -> None:
        # Interrupted in the middle of a move (Ctrl-C): finish or roll it back now.
        if self._pending is not None:
            with contextlib.suppress(OSError):
                self._write(_settle(self._pending), sync=True)
            self._pending = None

    def finish(self, status: str) -> None:
        """Settle the move in flight and record how the batch ended (once)."""
        if self._file.closed:
            return
        self._settle_pending()
        for folder in self._touched:  # the moves are durable before the end is recorded
            fsync_dir(folder)
        with contextlib.suppress(OSError, ValueError):
            self._write({"op": "end", "status": status}, sync=True)
            self._file.close()


def _settle(intent: dict[str, Any]) -> dict[str, Any]:
    """Finish or roll back one move whose end was not recorded; returns the line to write."""
    n = intent["n"]
    src, dst = Path(intent["src"]), Path(intent["dst"]) if intent["dst"] else None
    tmp = Path(intent["tmp"]) if intent.get("tmp") else None
    if tmp is not None:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    if intent.get("delete"):  # undoing a copy: deleting it is the whole step
        return (
            {"op": "done", "n": n}
            if not src.exists()
            else {"op": "failed", "n": n, "reason": "interrupted; the copy is still there"}
        )
    if dst is None or intent.get("inplace"):
        return {"op": "done", "n": n}
    if not os.path.lexists(dst):
        # Never reached its final name: the photo is still at (and only at) its source.
        return {"op": "failed", "n": n, "reason": "interrupted before the move; left in place"}
    if intent.get("copy"):
        if os.path.lexists(src) and not _same_content(src, dst):
            return {
                "op": "failed",
                "n": n,
                "reason": "interrupted; the name was taken by another file",
            }
        return {"op": "done", "n": n}
    if os.path.lexists(src):
        if same_file(src, dst) or _same_content(src, dst):
            try:
                os.unlink(src)  # the complete photo is under its final name: finish
                fsync_dir(src.parent)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.unlink(dst)
                return {"op": "failed", "n": n, "reason": _reason(exc)}
            return {"op": "done", "n": n}
        return {"op": "failed", "n": n, "reason": "interrupted; the name was taken by another file"}
    return {"op": "done", "n": n}


def _parse(path: Path) -> tuple[BatchRecord, list[dict[str, Any]]]:
    """Read a batch file; a last line cut short by a kill is ignored."""
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        raise StudioError(
            Journal.tr("No such batch of moves: {name}.").format(name=path.stem)
        ) from None
    lines = []
    for raw in text.splitlines():
        try:
            lines.append(json.loads(raw))
        except ValueError:
            continue  # the line being written when the process was killed
    rec = BatchRecord(id=path.stem, kind="", meta={})
    intents: dict[int, dict[str, Any]] = {}
    for line in lines:
        op = line.get("op")
        if op == "begin":
            rec.kind, rec.meta = line.get("kind", ""), line.get("meta") or {}
        elif op == "intent":
            intents[line["n"]] = line
        elif op == "done":
            intent = intents.pop(line["n"], None)
            if intent is not None and intent.get("dst"):
                info = dict(intent.get("info") or {})
                if intent.get("inplace"):
                    info["in_place"] = True
                rec.moves.append(Move(intent["src"], intent["dst"], bool(intent.get("copy")), info))
            elif intent is not None:
                rec.moves.append(Move(intent["src"], "", False, dict(intent.get("info") or {})))
        elif op == "failed":
            intent = intents.pop(line["n"], None) or {}
            src = line.get("src", intent.get("src", ""))
            rec.failed.append((src, line.get("dst", intent.get("dst", "")), line.get("reason", "")))
        elif op == "note":
            rec.notes.append((line.get("src", ""), line.get("reason", "")))
        elif op == "end":
            rec.status = line.get("status", "complete")
        elif op == "undone":
            rec.undone_by = line.get("by")
        elif op == "redone":
            rec.redone_by, rec.undone_by = line.get("by"), None
    return rec, list(intents.values())


def recover(root: PathLike) -> list[BatchRecord]:
    """Settle what a killed process left half-done in ``root``'s journal (see the module
    docstring); call it before moving anything into ``root``. Returns the settled batches."""
    return MoveJournal(root).recover()
