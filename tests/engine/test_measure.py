"""The Model step's speed measurement is remembered per computer: the estimate is the
same from one start of the app to the next."""

from __future__ import annotations

import pytest

from engine import measure


@pytest.mark.slow
def test_the_measurement_is_remembered_from_one_start_to_the_next(monkeypatch):
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
