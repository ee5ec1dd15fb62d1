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
    assert measure._remembered("efficientnet_lite0") == again
