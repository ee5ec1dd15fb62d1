"""Can this photo folder be trained on? One plain answer, for the Photos step, the sidebar
and the command line.

One threshold and one wording for each problem, here only: the scan's warnings
(:func:`engine.dataset.describe_problems`) use the same sentences. Blocking problems make
the answer "Not yet, because ..."; problems that only hurt ("aim for at least 30 photos per
category", unequal categories) are named after "Ready to train, but ...".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import Messages
from .images import is_candidate

if TYPE_CHECKING:
    from .dataset import DatasetScan

#: The advised minimum of photos per category (all of them, before the checking share is
#: set aside). Every category below it is named, not only the smallest.
ADVISED_PHOTOS = 30
#: The largest category having this many times the photos of the smallest is worth saying.
IMBALANCE = 3.0


class Ready(Messages):
    """Messages of engine/readiness.py: can this folder be trained on?"""


def plural(n: int, singular: str, many: str | None = None) -> str:
    """``"1 category"``, ``"2 categories"``, ``"1,000 photos"``."""
    if many is None:
        many = singular[:-1] + "ies" if singular.endswith("y") else singular + "s"
    return f"{n:,} {singular if n == 1 else many}"


def small_categories(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Categories with some photos but fewer than :data:`ADVISED_PHOTOS`, smallest first."""
    small = [(n, c) for n, c in counts.items() if 0 < c < ADVISED_PHOTOS]
    return sorted(small, key=lambda nc: (nc[1], nc[0]))


def small_sentence(small: list[tuple[str, int]]) -> str:
    """The one wording for categories below the advised minimum."""
    names = ", ".join(f"{n} ({c})" for n, c in small)
    return Ready.tr(
        "Very few photos in {names}: the model will struggle to learn this category; "
        "aim for at least {advised} per category.",
        "",
        len(small),
    ).format(names=names, advised=ADVISED_PHOTOS)


def imbalance(counts: dict[str, int]) -> tuple[str, int, str, int] | None:
    """(largest, its count, smallest, its count) when they differ by :data:`IMBALANCE`
    times or more (empty categories aside), else None."""
    nonzero = {n: c for n, c in counts.items() if c > 0}
    if len(nonzero) < 2:
        return None
    big = max(nonzero, key=lambda n: nonzero[n])
    small = min(nonzero, key=lambda n: nonzero[n])
    if nonzero[big] / nonzero[small] < IMBALANCE:
        return None
    return big, nonzero[big], small, nonzero[small]


def imbalance_sentence(big: str, n_big: int, small: str, n_small: int) -> str:
    """The one wording for unequal categories."""
    return Ready.tr(
        "Categories are very unequal: {big} has {n_big} photos, {small} only {n_small}. "
        "The model may favour the large ones; class weighting is available under Advanced."
    ).format(big=big, n_big=n_big, small=small, n_small=n_small)


@dataclass(frozen=True)
class Readiness:
    """The answer: ``ready`` or not, the reasons that block training (``blocking``), and
    the ones that only hurt (``cautions``), each a short phrase."""

    ready: bool
    blocking: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)
    brief: str = ""  # the first blocking reason in a few words ("only one category")

    @property
    def headline(self) -> str:
        """A few words for the sidebar: "Ready to train", "Ready to train (2 cautions)" or
        "Not yet: only one category"."""
        if not self.ready:
            return (
                Ready.tr("Not yet: {reason}").format(reason=self.brief)
                if self.brief
                else Ready.tr("Not yet")
            )
        if self.cautions:
            return Ready.tr("Ready to train (%Ln caution(s))", "", len(self.cautions))
        return Ready.tr("Ready to train")

    @property
    def line(self) -> str:
        """The whole answer in one sentence, the same on every screen."""
        joined = Ready.tr("; and ").join(self.blocking if not self.ready else self.cautions)
        if not self.ready:
            return Ready.tr("Not yet, because {reasons}.").format(reasons=joined)
        if self.cautions:
            return Ready.tr("Ready to train, but {cautions}.").format(cautions=joined)
        return Ready.tr("Ready to train.")


def assess(scan: DatasetScan | None, *, checking_photos: int | None = None) -> Readiness:
    """Whether training can start on ``scan``, in plain words.

    ``checking_photos`` is how many photos will be set aside or found in the checking
    folder (None: not known yet, not judged).
    """
    if scan is None:
        return Readiness(
            False, [Ready.tr("no photo folder is chosen yet")], brief=Ready.tr("no folder")
        )
    counts = scan.counts()
    blocking: list[str] = []
    briefs: list[str] = []
    cautions: list[str] = []
    if not scan.classes:
        loose = _loose_photos(scan)
        if loose:
            blocking.append(
                Ready.tr(
                    "the %Ln photo(s) are loose in the folder, not in category "
                    "subfolders: make one subfolder per category (for example 'roses' and "
                    "'tulips') and move each photo into its category",
                    "",
                    loose,
                )
            )
            briefs.append(Ready.tr("photos not in category folders"))
        else:
            blocking.append(
                Ready.tr(
                    "this folder has no category subfolders: make one subfolder per category "
                    "and put the photos of each category in it"
                )
            )
            briefs.append(Ready.tr("no category folders"))
        return Readiness(False, blocking, brief=briefs[0])
    if len(scan.classes) == 1:
        blocking.append(
            Ready.tr(
                "there is only one category ({name}): a model learns to tell "
                "categories apart, so it needs at least 2 (one subfolder each)"
            ).format(name=scan.classes[0])
        )
        briefs.append(Ready.tr("only one category"))
    empty = [n for n, c in counts.items() if c == 0]
    if empty:
        blocking.append(
            Ready.tr(
                "there are no usable photos in {names}: add photos to this folder or remove it",
                "",
                len(empty),
            ).format(names=", ".join(empty))
        )
        briefs.append(Ready.tr("%Ln empty category(s)", "", len(empty)))
    if checking_photos == 0 and not blocking:
        blocking.append(
            Ready.tr(
                "no photos are left to check the model with: add photos, set aside a share, "
                "or choose a checking folder"
            )
        )
        briefs.append(Ready.tr("no photos to check with"))
    small = small_categories(counts)
    if small:
        names = ", ".join(f"{n} ({c})" for n, c in small)
        cautions.append(
            Ready.tr("{names} has fewer than the advised {advised} photos", "", len(small)).format(
                names=names, advised=ADVISED_PHOTOS
            )
        )
    uneven = imbalance(counts)
    if uneven:
        big, n_big, little, n_little = uneven
        cautions.append(
            Ready.tr("the categories are unequal ({big} {n_big} photos, {small} {n_small})").format(
                big=big, n_big=n_big, small=little, n_small=n_little
            )
        )
    return Readiness(not blocking, blocking, cautions, briefs[0] if briefs else "")


def _loose_photos(scan: DatasetScan) -> int:
    """Photos directly in the folder (the scan lists them as skipped)."""
    root = Path(scan.root)
    return sum(
        1 for s in scan.skipped if Path(s.path).parent == root and is_candidate(Path(s.path))
    )
