"""The run's first optimizer imports torch._dynamo with the cyclic GC off (issue 13)."""

from __future__ import annotations

import gc
import sys

import pytest

from engine.training import _first_import_uncollected


@pytest.fixture
def gc_restored():
    # What a test froze stays frozen, as in the app: gc.unfreeze() would hand every object
    # torch made (frozen by earlier tests) back to the collector, and the full collections
    # that follow slowed the GUI tests after these.
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_during_a_first_import_and_what_it_made_is_frozen(gc_restored):
    gc.enable()
    frozen = gc.get_freeze_count()
    name = "finetune_studio_not_a_module_yet"
    assert name not in sys.modules
    with _first_import_uncollected(name):
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]  # tracked objects, as an import makes
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made)


def test_nothing_changes_once_the_module_is_imported(gc_restored):
    gc.enable()
    frozen = gc.get_freeze_count()
    with _first_import_uncollected("gc"):
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_failure_inside_turns_the_collector_back_on(gc_restored):
    gc.enable()
    with pytest.raises(RuntimeError), _first_import_uncollected("finetune_studio_nothing"):
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_the_runs_first_optimizer_imports_dynamo_inside_it():
    """Where the import really happens: AdamW's first add_param_group (torch's lazy
    _disable_dynamo). If torch stops doing that, this says so and the guard can go."""
    import subprocess

    code = (
        "import sys, torch\n"
        "assert 'torch._dynamo' not in sys.modules\n"
        "torch.optim.AdamW([torch.nn.Parameter(torch.zeros(2))], lr=1e-3)\n"
        "print('torch._dynamo' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    assert out.stdout.strip() == "True"


def test_a_pause_leaves_a_collector_that_was_off_off(gc_restored):
    """engine.gcpause.collector_paused, which the window's warm-up shares."""
    from engine.gcpause import collector_paused

    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
