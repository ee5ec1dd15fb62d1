"""The Model step's speed measurement is remembered per computer: the estimate is the
same from one start of the app to the next."""

from __future__ import annotations

import pytest

from engine import measure


@pytest.mark.slow
def test_the_measurement_is_remembered_from_one_start_to_the_next(own_stores, monkeypatch):
    monkeypatch.setattr(measure, "_MEASURED", {})
    first = measure.probe_structure("efficientnet_lite0")
    assert len(first.stage_ms) == len(first.stage_names) and all(t > 0 for t in first.stage_ms)
    assert measure._speed_store().is_file()

    # A new start: nothing measured in this process yet; the file answers.
    monkeypatch.setattr(measure, "_MEASURED", {})

    def measured_again(name):
        pytest.fail("measured again instead of reading what this computer measured before")

    real = measure.measure_structure
    monkeypatch.setattr(measure, "measure_structure", measured_again)
    assert measure.probe_structure("efficientnet_lite0") == first

    # A damaged file: measured again (and rewritten), never an error.
    measure._speed_store().write_text("{not json")
    monkeypatch.setattr(measure, "_MEASURED", {})
    monkeypatch.setattr(measure, "measure_structure", real)
    again = measure.probe_structure("efficientnet_lite0")
    assert again.stage_names == first.stage_names
    assert measure._remembered("efficientnet_lite0") == measure._MEASURED["efficientnet_lite0"]
    assert again.stage_names == first.stage_names


def test_stage_times_are_scaled_by_the_training_precision_speedup(monkeypatch):
    from engine import device
    from engine.plan import BackboneStructure

    raw = BackboneStructure("x", ["head"], {}, 8, ["stem", "head"], [10.0, 2.0])
    monkeypatch.setattr(
        device, "best_precision", lambda *a, **k: device.Precision("bfloat16", True, 2.0)
    )
    assert measure._at_training_precision(raw).stage_ms == [5.0, 1.0]
    monkeypatch.setattr(device, "best_precision", lambda *a, **k: device.FP32)
    assert measure._at_training_precision(raw) is raw


@pytest.fixture
def own_stores(monkeypatch, tmp_path):
    """This test's own remembered timings (the session shares one otherwise)."""
    monkeypatch.setenv("FINETUNE_STUDIO_SPEED_FILE", str(tmp_path / "stage-speed.json"))
    monkeypatch.setenv("FINETUNE_STUDIO_PROBE_FILE", str(tmp_path / "precision.json"))
    monkeypatch.setattr(measure, "_MEASURED", {})


def _not_here(*args, **kwargs):
    raise AssertionError("measured in this process, not in the child")


def test_the_window_measures_this_computer_in_a_child_process(own_stores, monkeypatch):
    """The window's warm-up times the computer in a child process (the `measure` command):
    in its own process the timing held the GIL beside the window's thread (issue 13)."""
    import torch

    from engine import device

    monkeypatch.setattr(measure, "measure_structure", _not_here)
    monkeypatch.setattr(device, "probe_precision", _not_here)
    cpu = torch.device("cpu")
    assert not measure.is_remembered("efficientnet_lite0", cpu)
    assert measure.measure_in_background("efficientnet_lite0", cpu)
    assert not measure.measure_in_background("efficientnet_lite0", cpu)  # one at a time
    structure = measure.probe_structure("efficientnet_lite0")  # waits for the child
    assert structure.name == "efficientnet_lite0"
    assert len(structure.stage_ms) == len(structure.stage_names) > 3
    assert all(ms > 0 for ms in structure.stage_ms)
    assert device.remembered_precision(cpu) is not None
    assert measure.is_remembered("efficientnet_lite0", cpu)
    assert not measure.measure_in_background("efficientnet_lite0", cpu)  # nothing left to do


def test_a_failed_child_means_measuring_here(own_stores, monkeypatch, caplog):
    import sys

    import torch

    from engine.plan import BackboneStructure

    fake = BackboneStructure("efficientnet_lite0", ["head"], {}, 8, ["head"], [1.0])
    monkeypatch.setattr(measure, "measure_structure", lambda name: fake)
    monkeypatch.setattr(
        measure, "engine_command", lambda *a: [sys.executable, "-c", "import sys; sys.exit(3)"]
    )
    assert measure.measure_in_background("efficientnet_lite0", torch.device("cpu"))
    with caplog.at_level("WARNING", logger="engine.measure"):
        assert measure.probe_structure("efficientnet_lite0").stage_ms == [1.0]
    assert "failed (exit 3)" in caplog.text
    assert measure._child.proc is None
