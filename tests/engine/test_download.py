"""Downloads against a real HTTP server on 127.0.0.1, and safe import of weights files."""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import pickle
import random
import socket
import struct
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file
from torch import nn

from engine.download import (
    DownloadError,
    DownloadProgress,
    check_state_dict,
    download_file,
    hub_checkpoint_path,
    load_weights_file,
    sha256_prefix_from_name,
)
from engine.errors import Cancelled, ModelFileError

PAYLOAD = random.Random(1234).randbytes(3_000_000)
PAYLOAD_SHA = hashlib.sha256(PAYLOAD).hexdigest()
# A file name in torchvision's style, carrying the first 8 hex digits of the sha256.
GOOD_NAME = f"tinynet-{PAYLOAD_SHA[:8]}.pth"
OLD_CONTENT = b"a good file downloaded last week"

SLOW_CHUNK = 16 * 1024
SLOW_CHUNKS = 24
SLOW_PAUSE = 0.025  # 24 chunks x 25 ms: long enough for several throttled reports
SLOW_PAYLOAD = PAYLOAD[: SLOW_CHUNK * SLOW_CHUNKS]


# --------------------------------------------------------------------------- test server


class _Handler(BaseHTTPRequestHandler):
    """One route per way a download can go (HTTP/1.0: one request per connection)."""

    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _headers(self, length: int | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        # The client going away (cancel, timeout) is expected in these tests.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _route(self) -> None:
        stop = self.server.stop
        if self.path == "/ok":
            self._headers(len(PAYLOAD))
            self.wfile.write(PAYLOAD)
        elif self.path == "/no-length":
            self._headers(None)
            self.wfile.write(PAYLOAD)
        elif self.path == "/wrong":
            self._headers(len(PAYLOAD))
            self.wfile.write(PAYLOAD[::-1])
        elif self.path == "/drop":
            # Promise the whole file, send half, close cleanly (FIN).
            self._headers(len(PAYLOAD))
            self.wfile.write(PAYLOAD[: len(PAYLOAD) // 2])
            self.close_connection = True
        elif self.path == "/reset":
            # Send half, give the client time to read it, then abort with a TCP RST.
            self._headers(len(PAYLOAD))
            self.wfile.write(PAYLOAD[: len(PAYLOAD) // 2])
            stop.wait(0.3)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.connection.close()
        elif self.path == "/slow":
            self._headers(len(SLOW_PAYLOAD))
            for i in range(SLOW_CHUNKS):
                self.wfile.write(SLOW_PAYLOAD[i * SLOW_CHUNK : (i + 1) * SLOW_CHUNK])
                if stop.wait(SLOW_PAUSE):
                    return
        elif self.path == "/stall":
            self._headers(len(PAYLOAD))
            self.wfile.write(PAYLOAD[:1000])
            stop.wait(5.0)  # far beyond the client's timeout; released at teardown
        else:
            self.send_error(404, "Not Found")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    stop: threading.Event


@pytest.fixture
def server() -> str:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.stop = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy configured on the machine must not capture requests to our local server.
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def torch_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TORCH_HOME in tmp_path; torch.hub's set_dir override is cleared and restored."""
    home = tmp_path / "torch-home"
    monkeypatch.setenv("TORCH_HOME", str(home))
    monkeypatch.setattr(torch.hub, "_hub_dir", None)
    return home


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------- names and paths


def test_sha256_prefix_from_name() -> None:
    assert sha256_prefix_from_name("resnet18-f37072fd.pth") == "f37072fd"
    assert sha256_prefix_from_name("efficientnet_b0_rwightman-7f5810bc.pth") == "7f5810bc"
    assert sha256_prefix_from_name("vit_b_16-c867db91ab.pth") == "c867db91ab"
    assert sha256_prefix_from_name("my-model.pth") is None
    assert sha256_prefix_from_name("resnet18-f3707.pth") is None  # fewer than 8 hex digits


def test_hub_checkpoint_path_follows_torch_home(
    torch_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert hub_checkpoint_path("resnet18-f37072fd.pth") == (
        torch_home / "hub" / "checkpoints" / "resnet18-f37072fd.pth"
    )
    torch.hub.set_dir(str(tmp_path / "elsewhere"))  # restored by the torch_home fixture
    assert hub_checkpoint_path("a.pth") == tmp_path / "elsewhere" / "checkpoints" / "a.pth"
    for bad in ("../a.pth", "sub/a.pth", "", ".."):
        with pytest.raises(ValueError):
            hub_checkpoint_path(bad)


# --------------------------------------------------------------------------- downloads


def test_download_into_hub_cache_with_progress(server: str, torch_home: Path) -> None:
    dest = hub_checkpoint_path(GOOD_NAME)
    reports: list[DownloadProgress] = []

    result = download_file(
        f"{server}/ok",
        dest,
        sha256_prefix=sha256_prefix_from_name(dest.name),
        on_progress=reports.append,
    )

    assert result == dest
    assert dest.parent == torch_home / "hub" / "checkpoints"
    assert dest.read_bytes() == PAYLOAD
    assert _listing(dest.parent) == [GOOD_NAME]  # the temp file was renamed, not copied
    assert reports, "no progress reported"
    assert all(r.total_bytes == len(PAYLOAD) for r in reports)
    assert reports[-1].done_bytes == len(PAYLOAD)
    assert reports[-1].speed_bytes_per_s > 0
    # 3 MB arrive in ~46 chunks; throttled reporting must not mirror every chunk.
    assert len(reports) < 20


def test_download_full_sha256_and_replaces_old_file(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "weights.pth"
    dest.write_bytes(OLD_CONTENT)
    download_file(f"{server}/ok", dest, sha256=PAYLOAD_SHA)
    assert dest.read_bytes() == PAYLOAD
    assert _listing(tmp_path) == ["weights.pth"]


def test_download_without_content_length(server: str, tmp_path: Path) -> None:
    reports: list[DownloadProgress] = []
    dest = download_file(f"{server}/no-length", tmp_path / "w.pth", on_progress=reports.append)
    assert dest.read_bytes() == PAYLOAD
    assert reports[-1] == DownloadProgress(len(PAYLOAD), None, reports[-1].speed_bytes_per_s)


def test_progress_increases_and_is_throttled(server: str, tmp_path: Path) -> None:
    stamps: list[tuple[float, DownloadProgress]] = []
    dest = download_file(
        f"{server}/slow",
        tmp_path / "slow.pth",
        on_progress=lambda p: stamps.append((time.monotonic(), p)),
    )
    assert dest.read_bytes() == SLOW_PAYLOAD

    done = [p.done_bytes for _, p in stamps]
    assert len(done) >= 3, done  # the body takes ~0.6 s: several reports
    assert all(a < b for a, b in zip(done[:-1], done[1:], strict=True)), done  # strictly increasing
    assert done[-1] == len(SLOW_PAYLOAD)
    assert all(p.total_bytes == len(SLOW_PAYLOAD) for _, p in stamps)
    assert len(done) < SLOW_CHUNKS  # not one report per chunk
    # At most ~10 a second: every report but the final one is >= ~0.1 s after the previous.
    times = [t for t, _ in stamps[:-1]]
    assert all(b - a >= 0.09 for a, b in zip(times[:-1], times[1:], strict=True)), times


def test_cancel_after_first_progress_leaves_nothing(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "weights.pth"
    dest.write_bytes(OLD_CONTENT)
    reports: list[DownloadProgress] = []

    started = time.monotonic()
    with pytest.raises(Cancelled):
        download_file(
            f"{server}/slow",
            dest,
            on_progress=reports.append,
            should_stop=lambda: bool(reports),
        )

    assert len(reports) == 1
    assert reports[0].done_bytes < len(SLOW_PAYLOAD)
    assert time.monotonic() - started < SLOW_CHUNKS * SLOW_PAUSE  # stopped early
    assert dest.read_bytes() == OLD_CONTENT
    assert _listing(tmp_path) == ["weights.pth"]


@pytest.mark.parametrize(
    ("route", "kwargs", "dest_name", "words"),
    [
        ("/wrong", {"sha256": PAYLOAD_SHA}, "weights.pth", "checksum"),
        ("/wrong", {}, GOOD_NAME, "checksum"),  # sha256_prefix taken from the name below
        ("/drop", {}, "weights.pth", "interrupted (1.5 of 3.0 MB)"),
        ("/reset", {}, "weights.pth", "interrupted"),
        ("/stall", {"timeout": 0.5}, "weights.pth", "timed out"),
        ("/missing", {}, "weights.pth", "HTTP 404"),
    ],
    ids=["wrong-sha256", "wrong-prefix", "dropped", "reset", "timeout", "404"],
)
def test_failures_leave_no_file_and_keep_old_one(
    server: str, tmp_path: Path, route: str, kwargs: dict, dest_name: str, words: str
) -> None:
    dest = tmp_path / dest_name
    dest.write_bytes(OLD_CONTENT)
    if dest_name == GOOD_NAME:
        kwargs = {**kwargs, "sha256_prefix": sha256_prefix_from_name(dest_name)}

    with pytest.raises(DownloadError) as info:
        download_file(f"{server}{route}", dest, **kwargs)

    message = str(info.value)
    assert words in message
    assert "\n" not in message and "Traceback" not in message
    assert dest.read_bytes() == OLD_CONTENT
    assert _listing(tmp_path) == [dest_name]  # no .part-* temp file left behind


def test_unreachable_server_and_bad_scheme(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match="Could not reach 127.0.0.1"):
        download_file(f"http://127.0.0.1:{port}/x.pth", tmp_path / "x.pth", timeout=2)
    with pytest.raises(DownloadError, match="not a web address"):
        download_file("file:///etc/hostname", tmp_path / "x.pth")
    assert _listing(tmp_path) == []


# --------------------------------------------------------------------------- weights files


@pytest.fixture
def state() -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    return nn.Linear(4, 3).state_dict()


def _assert_same(loaded: dict[str, torch.Tensor], state: dict[str, torch.Tensor]) -> None:
    assert sorted(loaded) == sorted(state)  # safetensors stores keys sorted
    for key, value in state.items():
        assert torch.equal(loaded[key], value)
        assert loaded[key].device.type == "cpu"


def test_load_pth_and_wrapped_checkpoints(tmp_path: Path, state: dict) -> None:
    plain = tmp_path / "linear.pth"
    torch.save(state, plain)
    _assert_same(load_weights_file(plain), state)

    for wrapper in ("state_dict", "model"):
        path = tmp_path / f"ckpt-{wrapper}.pt"
        torch.save({wrapper: state, "epoch": 7, "best_acc": 0.9}, path)
        _assert_same(load_weights_file(path), state)


def test_load_safetensors(tmp_path: Path, state: dict) -> None:
    path = tmp_path / "linear.safetensors"
    save_file(state, str(path))
    _assert_same(load_weights_file(path), state)


class _Exploit:
    """Unpickling this runs code: it writes a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (builtins.exec, (f"open({str(self.marker)!r}, 'w').write('pwned')",))


@pytest.mark.parametrize("writer", ["torch.save", "pickle.dump"])
def test_malicious_pickle_is_refused_without_running(
    tmp_path: Path, state: dict, writer: str
) -> None:
    # Control: the payload really runs code when unpickled the unsafe way.
    control = tmp_path / "control-marker"
    pickle.loads(pickle.dumps(_Exploit(control)))
    assert control.exists()

    marker = tmp_path / "marker"
    path = tmp_path / "evil.pth"
    payload = {**state, "extra": _Exploit(marker)}
    if writer == "torch.save":
        torch.save(payload, path)
    else:
        with open(path, "wb") as f:
            pickle.dump(payload, f, protocol=2)

    with pytest.raises(ModelFileError, match="evil.pth") as info:
        load_weights_file(path)
    assert "refused" in str(info.value)
    assert not marker.exists()


def test_zip_with_parent_path_is_refused(tmp_path: Path, state: dict) -> None:
    good = tmp_path / "good.pth"
    torch.save(state, good)
    crafted = tmp_path / "crafted.pth"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(crafted, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("../escape.txt", b"outside")
    with pytest.raises(ModelFileError, match=r"crafted\.pth.*unsafe entry"):
        load_weights_file(crafted)
    assert not (tmp_path.parent / "escape.txt").exists()


@pytest.mark.parametrize("suffix", [".pth", ".safetensors"])
def test_truncated_file_is_refused(tmp_path: Path, state: dict, suffix: str) -> None:
    whole = tmp_path / f"whole{suffix}"
    if suffix == ".pth":
        torch.save(state, whole)
    else:
        save_file(state, str(whole))
    data = whole.read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError, match=rf"cut\{suffix}.*damaged or incomplete"):
        load_weights_file(cut)


def test_non_weights_content_is_refused(tmp_path: Path, state: dict) -> None:
    mixed = tmp_path / "mixed.pth"
    torch.save({**state, "note": "trained on my laptop"}, mixed)
    with pytest.raises(ModelFileError, match=r"mixed\.pth.*not weights: note"):
        load_weights_file(mixed)

    a_list = tmp_path / "list.pth"
    torch.save([torch.zeros(2)], a_list)
    with pytest.raises(ModelFileError, match=r"list\.pth does not hold"):
        load_weights_file(a_list)

    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(ModelFileError, match="notes.txt"):
        load_weights_file(text)
    with pytest.raises(ModelFileError, match="does not exist"):
        load_weights_file(tmp_path / "absent.pth")


def test_check_state_dict(state: dict) -> None:
    expected = {k: tuple(v.shape) for k, v in state.items()}
    check_state_dict(state, expected)  # fits: no error

    wrong = nn.Linear(4, 5).state_dict()
    with pytest.raises(ModelFileError) as info:
        check_state_dict(wrong, expected, model_name="resnet18")
    message = str(info.value)
    assert message.startswith("This weights file does not fit resnet18:")
    assert "wrong shape" in message
    assert "weight (file has 5×4, model needs 3×4)" in message
    assert "bias (file has 5, model needs 3)" in message

    # The head is replaced anyway, so a head mismatch can be ignored by prefix.
    body = {"body.weight": torch.zeros(3, 4)}
    check_state_dict(
        {**body, "fc.weight": torch.zeros(10, 3)},
        {"body.weight": (3, 4), "fc.weight": (1000, 3)},
        ignore_prefixes=("fc.",),
    )

    many = {f"layer{i}.weight": (2,) for i in range(8)}
    with pytest.raises(ModelFileError) as info:
        check_state_dict({**body}, {**many, "body.weight": (3, 4)})
    message = str(info.value)
    assert "8 weights missing" in message
    assert "and 3 more" in message
    assert "layer5.weight" not in message  # only the first five are listed

    with pytest.raises(ModelFileError, match="1 unexpected weight: body.weight"):
        check_state_dict(body, {})
