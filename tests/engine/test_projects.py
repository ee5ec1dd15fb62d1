"""Projects save and reopen; moved folders are reported, not fatal; hostile files refused."""

from __future__ import annotations

import json
import shutil

import pytest

from engine.config import TrainConfig
from engine.errors import ModelFileError
from engine.projects import Project, load_project, resolve_resume, save_project


def test_round_trip_with_relative_paths_survives_moving_the_whole_folder(tmp_path):
    root = tmp_path / "work"
    (root / "photos" / "a").mkdir(parents=True)
    cfg = TrainConfig(
        data_dir=str(root / "photos"), backbone="resnet18", train_layers="last", epochs=7, lr=0.01
    )
    project = Project(
        cfg,
        model_file=str(root / "model.ftmodel"),
        history=[{"epoch": 1, "val_accuracy": 0.5}],
        threshold=0.42,
        notes="ünïcode ✓",
    )
    path = save_project(project, root / "my project")
    assert path.name == "my project.ftproj"
    doc = json.loads(path.read_text())
    assert doc["config"]["data_dir"] == "photos"  # stored relative to the project
    moved = tmp_path / "elsewhere"
    shutil.move(str(root), moved)
    again = load_project(moved / "my project.ftproj")
    assert again.config.data_dir == str((moved / "photos").resolve())
    assert (
        again.config.backbone == "resnet18" and again.config.epochs == 7 and again.config.lr == 0.01
    )
    assert again.threshold == 0.42 and again.notes == "ünïcode ✓" and again.history[0]["epoch"] == 1
    assert again.missing_folders() == []


def test_a_moved_photo_folder_is_reported_not_fatal(tmp_path):
    photos = tmp_path / "outside" / "photos"
    photos.mkdir(parents=True)
    path = save_project(Project(TrainConfig(data_dir=str(photos))), tmp_path / "proj" / "p.ftproj")
    shutil.rmtree(tmp_path / "outside")
    assert load_project(path).missing_folders() == ["data_dir"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x80\x04\x95",  # a pickle
        b"{not json",
        json.dumps(
            {"format": "finetune-studio-project", "version": 1, "config": {"epochs": [1, 2]}}
        ).encode(),
        json.dumps({"format": "finetune-studio-project", "version": 1, "history": "x"}).encode(),
        json.dumps(
            {"format": "finetune-studio-project", "version": 1, "config": {"data_dir": "x" * 10000}}
        ).encode(),
        json.dumps({"format": "something-else"}).encode(),
        json.dumps([1, 2, 3]).encode(),
        json.dumps({"format": "finetune-studio-project", "version": 999}).encode(),
    ],
)
def test_damaged_or_hostile_projects_are_refused(tmp_path, content):
    p = tmp_path / "bad.ftproj"
    p.write_bytes(content)
    with pytest.raises(ModelFileError):
        load_project(p)


def test_resume_from_project_needs_an_unfinished_run(tmp_path):
    path = save_project(Project(TrainConfig(data_dir=str(tmp_path))), tmp_path / "p.ftproj")
    with pytest.raises(Exception, match="no unfinished training"):
        resolve_resume(path)
