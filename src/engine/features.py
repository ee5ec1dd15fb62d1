"""The feature cache on disk: what the frozen layers make of each photo, computed once.

Training with a frozen prefix runs that prefix once per photo (``training.prepare``); the
photo check (``engine.check``) needs the same numbers. Both read and fill this cache, so
whichever runs first pays for the features and the other gets them in milliseconds.

Keyed by the photo's *content* hash (the scan's digest), not its path: a photo moved to
another category (the check's "refile") keeps its features. The other half of the key says
which network made them: backbone, preprocessing, the stage the features come from, the
precision, and a fingerprint of the frozen weights (imported weights give other features).
One small ``.npy`` per photo, written to a temporary name and renamed, so a crash leaves
either the old entry or the new one; entries are a speed-up only, so they are not fsynced
and a damaged one is simply computed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

import numpy as np
import torch

from .paths import FEATURE_CACHE, cache_dir


def network_key(
    net: torch.nn.Module,
    upto: int,
    prep_dict: dict,
    precision: str,
    feature_dtype: torch.dtype = torch.float16,
) -> str:
    """A short name for "these frozen stages, with these weights, on these inputs, kept as
    this dtype" (the checking photos keep float32 features, the training views float16)."""
    h = hashlib.blake2b(digest_size=12)
    h.update(
        json.dumps(
            {
                "backbone": getattr(net, "backbone", type(net).__name__),
                "upto": upto,
                "prep": prep_dict,
                "precision": precision,
                "dtype": str(feature_dtype),
            },
            sort_keys=True,
        ).encode()
    )
    stages = getattr(net, "stages", None)
    modules = list(stages[:upto]) if stages is not None else [net]
    for m in modules:
        for name, t in m.state_dict().items():
            h.update(name.encode())
            h.update(t.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


class FeatureCache:
    """Features by (network key, photo digest) under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _file(self, key: str, digest: str) -> Path:
        return self.folder / key / digest[:2] / f"{digest}.npy"

    def get(self, key: str, digest: str) -> np.ndarray | None:
        if not digest:
            return None
        path = self._file(key, digest)
        try:
            arr = np.load(path, allow_pickle=False)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
            return None
        return arr if arr.dtype in (np.float16, np.float32) else None

    def put(self, key: str, digest: str, features: np.ndarray) -> None:
        if not digest:
            return
        path = self._file(key, digest)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                np.save(f, np.ascontiguousarray(features), allow_pickle=False)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)  # a full disk only costs the speed-up

    def clear(self) -> None:
        """Forget every cached feature."""
        shutil.rmtree(self.folder, ignore_errors=True)


def default_feature_cache() -> FeatureCache | None:
    """The app's feature cache under the user cache folder (None when disabled)."""
    if os.environ.get("FINETUNE_STUDIO_NO_FEATURE_CACHE"):
        return None
    return FeatureCache(cache_dir() / FEATURE_CACHE)
