"""Get backbone weights onto this computer: download them once, or import them from a file.

Downloads stream into a hidden temporary file beside the destination while being hashed;
only a complete file with the expected checksum is renamed into place. A cancelled, broken
or wrong download leaves nothing behind, and a good file already at the destination is
never touched until the new one is known to be good.

Imported weights files are read without running any code from them: ``.safetensors``
holds only tensors by design, and ``.pth`` files go through ``torch.load`` with
``weights_only=True``, whose unpickler refuses every class and function outside a short
list of tensor types.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import torch
from safetensors.torch import load_file

from .atomic import fsync_dir
from .errors import Cancelled, ModelFileError, StudioError
from .i18n import Messages, decimal
from .progress import Throttle

__all__ = [
    "DownloadError",
    "DownloadProgress",
    "check_state_dict",
    "download_file",
    "hub_checkpoint_path",
    "load_weights_file",
    "sha256_prefix_from_name",
]

_CHUNK_BYTES = 64 * 1024
_USER_AGENT = "finetune-studio/0.1 (+urllib)"
_HASH_IN_NAME = re.compile(r"-([a-f0-9]{8,})\.")
_TORCH_SUFFIXES = {".pth", ".pt", ".bin"}
_SAFETENSORS_SUFFIXES = {".safetensors"}


class Download(Messages):
    """Messages of engine/download.py: downloading backbone weights."""


class DownloadError(StudioError):
    """A download failed; nothing was left behind and any earlier file is intact."""


@dataclass(frozen=True)
class DownloadProgress:
    """How far a download has got. ``total_bytes`` is None when the server did not say."""

    done_bytes: int
    total_bytes: int | None
    speed_bytes_per_s: float


# --------------------------------------------------------------------------- names and paths


def hub_checkpoint_path(file_name: str) -> Path:
    """Where torch keeps downloaded weights: ``torch.hub.get_dir()/checkpoints/<file_name>``.

    Sharing torch's cache means weights torchvision already downloaded are found, and
    ``TORCH_HOME`` (or ``torch.hub.set_dir``) moves the cache as people expect.
    """
    name = PurePosixPath(file_name).name
    if not file_name or name != file_name or "\\" in file_name or name in (".", ".."):
        raise ValueError(f"not a plain file name: {file_name!r}")
    return Path(torch.hub.get_dir()) / "checkpoints" / file_name


def sha256_prefix_from_name(file_name: str) -> str | None:
    """The sha256 prefix torchvision embeds in weight file names, or None.

    ``resnet18-f37072fd.pth`` -> ``"f37072fd"``.
    """
    match = _HASH_IN_NAME.search(file_name)
    return match.group(1) if match else None


def _describe(dest: Path) -> str:
    """'resnet18 weights' from 'resnet18-f37072fd.pth', for messages a person reads."""
    stem = _HASH_IN_NAME.sub(".", dest.name)
    stem = stem.split(".", 1)[0] or dest.name
    return Download.tr("{name} weights").format(name=stem)


def _mb(n: int) -> str:
    return decimal(n / 1e6, 1)


# --------------------------------------------------------------------------- download


def download_file(
    url: str,
    dest: Path,
    *,
    sha256_prefix: str | None = None,
    sha256: str | None = None,
    on_progress: Callable[[DownloadProgress], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    timeout: float = 30.0,
) -> Path:
    """Download ``url`` to ``dest`` atomically and return ``dest``.

    The body streams in chunks into a temporary file beside ``dest`` and is hashed on the
    way; when it is complete and matches ``sha256`` / ``sha256_prefix`` (either may be
    given), it is flushed, fsynced and renamed over ``dest``. ``on_progress`` is called
    at most about ten times a second, plus once at the end. ``should_stop`` is checked
    between chunks. ``timeout`` limits connecting and each wait for data, in seconds.

    Raises ``Cancelled`` when stopped, ``DownloadError`` (one plain sentence) on an HTTP
    error, timeout, broken connection, incomplete body or checksum mismatch. In every
    failure no temporary file remains and an existing file at ``dest`` is untouched.
    """
    dest = Path(dest)
    what = _describe(dest)
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise DownloadError(
            Download.tr("Cannot download the {what}: {url} is not a web address.").format(
                what=what, url=repr(url)
            )
        )
    if should_stop():
        raise Cancelled()

    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.part-", dir=dest.parent)
    except OSError as exc:
        raise DownloadError(_cannot_save(what, dest, exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            actual = _fetch_into(url, out, what, on_progress, should_stop, timeout)
            out.flush()
            os.fsync(out.fileno())
        _check_digest(actual, what, sha256=sha256, sha256_prefix=sha256_prefix)
        os.replace(tmp, dest)
    except OSError as exc:
        # Only local file errors get here; network errors were translated in _fetch_into.
        tmp.unlink(missing_ok=True)
        raise DownloadError(_cannot_save(what, dest, exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(dest.parent)
    return dest


def _cannot_save(what: str, dest: Path, exc: OSError) -> str:
    return Download.tr("Cannot save the {what} in {folder}: {why}.").format(
        what=what, folder=dest.parent, why=exc.strerror or exc
    )


def _fetch_into(
    url: str,
    out: BinaryIO,
    what: str,
    on_progress: Callable[[DownloadProgress], None] | None,
    should_stop: Callable[[], bool],
    timeout: float,
) -> str:
    """Stream the body of ``url`` into ``out``; return its sha256 in hex. Network errors become
    DownloadError here so the caller can tell them apart from local disk errors."""
    host = urllib.parse.urlsplit(url).hostname or url
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    digest = hashlib.sha256()
    done = 0
    total: int | None = None
    throttle = Throttle(10.0)
    last_reported = -1
    started = time.monotonic()

    def report(final: bool) -> None:
        nonlocal last_reported
        if on_progress is None or done == last_reported or not throttle.ready(final):
            return
        last_reported = done
        elapsed = max(time.monotonic() - started, 1e-6)
        on_progress(DownloadProgress(done, total, done / elapsed))

    def interrupted(exc: BaseException | None = None) -> DownloadError:
        if total:
            progress = Download.tr(" ({done} of {total} MB)").format(
                done=_mb(done), total=_mb(total)
            )
        elif done:
            progress = Download.tr(" (after {done} MB)").format(done=_mb(done))
        else:
            progress = ""
        text = (
            Download.tr(
                "The download of {what} timed out{progress}. "
                "Check your internet connection and try again."
            )
            if isinstance(exc, TimeoutError)
            else Download.tr(
                "The download of {what} was interrupted{progress}. "
                "Check your internet connection and try again."
            )
        )
        return DownloadError(text.format(what=what, progress=progress))

    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 404:
            raise DownloadError(
                Download.tr(
                    "The {what} were not found at {url} (HTTP 404). The address may have "
                    "changed; you can import the weights from a file instead."
                ).format(what=what, url=url)
            ) from exc
        raise DownloadError(
            Download.tr(
                "The server refused the download of {what} (HTTP {code} {reason}). "
                "Try again later, or import the weights from a file."
            ).format(what=what, code=exc.code, reason=exc.reason)
        ) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise interrupted(exc.reason) from exc
        raise DownloadError(
            Download.tr(
                "Could not reach {host} to download {what}. Check your internet connection "
                "and try again, or import the weights from a file."
            ).format(host=host, what=what)
        ) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise interrupted(exc) from exc

    with response:
        length = response.headers.get("Content-Length")
        if length is not None and length.strip().isdigit():
            total = int(length)
        while True:
            if should_stop():
                raise Cancelled()
            try:
                chunk = response.read(_CHUNK_BYTES)
            except (OSError, http.client.HTTPException) as exc:
                # IncompleteRead, ConnectionResetError, TimeoutError, ssl errors...
                raise interrupted(exc) from exc
            if not chunk:
                break
            # A disk error here is an OSError too, but it is raised outside the try
            # above, so the caller reports it as a saving problem, not a network one.
            out.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            report(final=False)
    # http.client returns b"" (no exception) when a server closes the connection before
    # Content-Length bytes arrived, so the length has to be checked here.
    if total is not None and done != total:
        raise interrupted()
    report(final=True)
    return digest.hexdigest()


def _check_digest(actual: str, what: str, *, sha256: str | None, sha256_prefix: str | None) -> None:
    expected = [h.strip().lower() for h in (sha256, sha256_prefix) if h]
    if any(not actual.startswith(h) for h in expected):
        raise DownloadError(
            Download.tr(
                "The downloaded {what} are not the expected file (checksum mismatch), so they "
                "were discarded. Try again; if this keeps happening, import the weights from "
                "a file."
            ).format(what=what)
        )


# --------------------------------------------------------------------------- import from a file


def load_weights_file(path: Path) -> dict[str, torch.Tensor]:
    """Read a state dict from a local ``.pth``/``.pt``/``.bin`` or ``.safetensors`` file.

    Nothing in the file is executed: ``.safetensors`` is tensors only, and torch files
    are read with ``torch.load(..., weights_only=True)``, never with plain pickle. A
    checkpoint that wraps the weights under ``"state_dict"`` or ``"model"`` is unwrapped.
    Anything else (code in the pickle, unsafe archive paths, a damaged or truncated file,
    values that are not tensors) raises ``ModelFileError`` naming the file. Tensors are
    returned on the CPU.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ModelFileError(
            Download.tr("The weights file {path} does not exist or is not a file.").format(
                path=path
            )
        )
    suffix = path.suffix.lower()
    if suffix in _SAFETENSORS_SUFFIXES:
        obj = _load_safetensors(path)
    elif suffix in _TORCH_SUFFIXES:
        obj = _load_torch(path)
    else:
        raise ModelFileError(
            Download.tr(
                "{name} is not a weights file this app can read. "
                "Choose a .pth, .pt or .safetensors file."
            ).format(name=name)
        )
    return _as_state_dict(obj, name)


def _load_safetensors(path: Path) -> object:
    try:
        return load_file(str(path), device="cpu")
    except Exception as exc:
        raise ModelFileError(
            Download.tr(
                "{name} could not be read as a safetensors file; it may be damaged or "
                "incomplete ({why})."
            ).format(name=path.name, why=_short(exc))
        ) from exc


def _load_torch(path: Path) -> object:
    if zipfile.is_zipfile(path):
        _check_archive_names(path)
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:
        text = str(exc)
        if "Unsupported global" in text or "Weights only load failed" in text:
            raise ModelFileError(
                Download.tr(
                    "{name} was refused: besides weights it contains Python objects or "
                    "code, which could do anything on this computer, so it was not opened. "
                    "Use a file that holds only the weights (a state dict or .safetensors)."
                ).format(name=path.name)
            ) from exc
        raise ModelFileError(_not_torch(path, exc)) from exc


def _check_archive_names(path: Path) -> None:
    # torch reads its archive entries by name and never extracts them, but a file built
    # with '../' or absolute entry names was crafted, not saved by torch: refuse it.
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ModelFileError(_not_torch(path, exc)) from exc
    for entry in names:
        parts = entry.replace("\\", "/").split("/")
        if entry.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise ModelFileError(
                Download.tr(
                    "{name} was refused: it contains an unsafe entry ({entry}) and was "
                    "not saved by PyTorch as a plain weights file."
                ).format(name=path.name, entry=repr(entry))
            )


def _not_torch(path: Path, exc: BaseException) -> str:
    return Download.tr(
        "{name} could not be read as a PyTorch weights file; it may be damaged or "
        "incomplete ({why})."
    ).format(name=path.name, why=_short(exc))


def _as_state_dict(obj: object, name: str) -> dict[str, torch.Tensor]:
    if isinstance(obj, Mapping):
        for key in ("state_dict", "model"):
            inner = obj.get(key)
            if isinstance(inner, Mapping):
                obj = inner
                break
    if not isinstance(obj, Mapping):
        raise ModelFileError(
            Download.tr("{name} does not hold a set of named weights (found {kind}).").format(
                name=name, kind=type(obj).__name__
            )
        )
    if not obj:
        raise ModelFileError(Download.tr("{name} contains no weights.").format(name=name))
    bad = [str(k) for k, v in obj.items() if not isinstance(k, str) or not _is_tensor(v)]
    if bad:
        raise ModelFileError(
            Download.tr(
                "{name} holds entries that are not weights: {entries}. "
                "Use a file that holds only a model's state dict."
            ).format(name=name, entries=_list(bad))
        )
    return {k: v for k, v in obj.items()}


def _is_tensor(value: object) -> bool:
    return isinstance(value, torch.Tensor)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _list(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _shape(shape: Iterable[int]) -> str:
    dims = tuple(shape)
    return "×".join(str(d) for d in dims) if dims else "a single number"


# --------------------------------------------------------------------------- fit check


def check_state_dict(
    state: Mapping[str, torch.Tensor],
    expected: Mapping[str, tuple[int, ...]],
    *,
    ignore_prefixes: Iterable[str] = (),
    model_name: str | None = None,
) -> None:
    """Raise ``ModelFileError`` unless ``state`` has exactly the ``expected`` names and shapes.

    Keys starting with any of ``ignore_prefixes`` (for example the classifier head that
    will be replaced) are left out on both sides. The message lists up to five missing,
    unexpected and wrong-shape weights in plain words.
    """
    prefixes = tuple(ignore_prefixes)

    def kept(key: str) -> bool:
        return not (prefixes and key.startswith(prefixes))

    have = {k: tuple(v.shape) for k, v in state.items() if kept(k)}
    want = {k: tuple(s) for k, s in expected.items() if kept(k)}
    missing = [k for k in want if k not in have]
    unexpected = [k for k in have if k not in want]
    wrong = [
        f"{k} (file has {_shape(have[k])}, model needs {_shape(want[k])})"
        for k in want
        if k in have and have[k] != want[k]
    ]
    if not (missing or unexpected or wrong):
        return
    problems = []
    if missing:
        problems.append(f"{_count(missing, 'weight')} missing: {_list(missing)}")
    if wrong:
        problems.append(f"{_count(wrong, 'weight')} with the wrong shape: {_list(wrong)}")
    if unexpected:
        problems.append(f"{_count(unexpected, 'unexpected weight')}: {_list(unexpected)}")
    target = model_name or Download.tr("this model")
    raise ModelFileError(
        Download.tr("This weights file does not fit {model}: {problems}.").format(
            model=target, problems="; ".join(problems)
        )
    )


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
