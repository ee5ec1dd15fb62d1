"""Getting a backbone ready: download from a (local) server, or import a weights file."""

from __future__ import annotations

import hashlib
import http.server
import io
import subprocess
import sys
import threading

import pytest
import torch
import torchvision.models as tvm

from engine import backbones
from engine.backbones import backbone_state, build_model, download_weights, import_weights
from engine.errors import ModelFileError


@pytest.fixture
def hub(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    return tmp_path


def test_import_makes_a_backbone_ready_offline(hub):
    torch.manual_seed(1)
    src = hub / "my resnet18.pth"
    torch.save(tvm.resnet18(weights=None).state_dict(), src)
    assert backbone_state("resnet18") == "downloadable"
    dest = import_weights("resnet18", src)
    assert dest.is_file() and backbone_state("resnet18") == "downloaded"
    net = build_model("resnet18", 4)
    assert torch.equal(
        net.stage("block1")[0].conv1.weight, torch.load(src)["layer1.0.conv1.weight"]
    )


def test_import_refuses_weights_of_another_network(hub):
    src = hub / "wrong.pth"
    torch.save(tvm.mobilenet_v3_small(weights=None).state_dict(), src)
    with pytest.raises(ModelFileError, match="ResNet-18"):
        import_weights("resnet18", src)
    assert backbone_state("resnet18") == "downloadable"


def test_download_from_a_server_then_build(hub, monkeypatch):
    """The real download path, pointed at a server on 127.0.0.1 serving real weights."""
    torch.manual_seed(2)
    buf = io.BytesIO()
    torch.save(tvm.mobilenet_v3_small(weights=None).state_dict(), buf)
    payload = buf.getvalue()
    digest = hashlib.sha256(payload).hexdigest()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        info = backbones.get_backbone("mobilenet_v3_small")
        name = f"mobilenet_v3_small-{digest[:8]}.pth"
        url = f"http://127.0.0.1:{server.server_address[1]}/{name}"
        monkeypatch.setitem(
            backbones._CATALOG,
            "mobilenet_v3_small",
            info.__class__(**{**info.__dict__, "download_url": url, "file_name": name}),
        )
        seen = []
        path = download_weights("mobilenet_v3_small", on_progress=seen.append)
        assert path.read_bytes() == payload and seen[-1].done_bytes == len(payload)
        assert backbone_state("mobilenet_v3_small") == "downloaded"
        assert build_model("mobilenet_v3_small", 3).stage_names[-1] == "head"
    finally:
        server.shutdown()


def test_cli_import_reports_a_bad_file_in_one_line(hub):
    bad = hub / "bad.pth"
    bad.write_bytes(b"garbage")
    out = subprocess.run(
        [sys.executable, "-m", "engine.cli", "backbones", "--import", "resnet18", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr and "bad.pth" in out.stderr
