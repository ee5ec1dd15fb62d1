"""Plain-word explanations of every term the window uses (tooltips and the help page)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# In English here (marked for pyside6-lupdate, context "Terms"); term() translates.

TERMS: dict[str, str] = {
    "category": QT_TRANSLATE_NOOP(
        "Terms",
        "A kind of thing you want recognised, such as 'rose' or 'tulip'. "
        "Each category is one subfolder of your photo folder.",
    ),
    "validation": QT_TRANSLATE_NOOP(
        "Terms",
        "Photos kept aside and never learned from. After each round of "
        "training the app checks the model on them, so the score shows how well it will "
        "do on photos it has never seen.",
    ),
    "val_split": QT_TRANSLATE_NOOP(
        "Terms",
        "The share of each category's photos set aside for checking. 20% is a "
        "good default; with very few photos, 10-15% leaves more to learn from.",
    ),
    "val_folder": QT_TRANSLATE_NOOP(
        "Terms",
        "A separate folder with the same category subfolders, used only for "
        "checking. Use it when you have photos taken on another day or with another camera.",
    ),
    "backbone": QT_TRANSLATE_NOOP(
        "Terms",
        "A network already trained on millions of everyday photos. It already "
        "sees shapes, colours and textures; training only teaches it your categories.",
    ),
    "imagenet": QT_TRANSLATE_NOOP(
        "Terms",
        "How often the backbone named the right one of 1000 everyday things "
        "(ImageNet) on its first guess. Higher is more capable, but usually slower.",
    ),
    "params": QT_TRANSLATE_NOOP(
        "Terms",
        "The number of adjustable numbers (weights) in the network. More means "
        "bigger files and slower training.",
    ),
    "gflops": QT_TRANSLATE_NOOP(
        "Terms",
        "Computation for one photo, in billions of operations. Roughly "
        "proportional to how long each photo takes.",
    ),
    "freeze": QT_TRANSLATE_NOOP(
        "Terms",
        "A ticked (frozen) layer group keeps what it learned from millions of "
        "photos and is not changed. Freezing more is faster and works well with few photos; "
        "training more layers can help when your photos look unlike everyday ones.",
    ),
    "head": QT_TRANSLATE_NOOP(
        "Terms",
        "The new last layer that names your categories. It always trains.",
    ),
    "epoch": QT_TRANSLATE_NOOP(
        "Terms",
        "One pass over all training photos. More epochs let the model learn more, "
        "but too many can make it memorise instead of learn.",
    ),
    "lr": QT_TRANSLATE_NOOP(
        "Terms",
        "How big a step the model takes each time it corrects itself. Automatic "
        "picks a good value for the layers you train.",
    ),
    "image_size": QT_TRANSLATE_NOOP(
        "Terms",
        "Photos are resized to this many pixels across before training. The "
        "backbone's own size is usually best; smaller is faster.",
    ),
    "augment": QT_TRANSLATE_NOOP(
        "Terms",
        "Shows slightly changed copies of your photos (cropped, mirrored, "
        "lighter or darker) so the model learns the thing rather than the exact picture. "
        "Automatic turns it on when more than the head trains.",
    ),
    "batch_size": QT_TRANSLATE_NOOP(
        "Terms",
        "How many photos the model looks at before each correction. 32 works "
        "well on most computers.",
    ),
    "weight_decay": QT_TRANSLATE_NOOP(
        "Terms",
        "A gentle pull of the weights towards zero that keeps the model "
        "from relying on a few details. 0.01 is a safe default.",
    ),
    "label_smoothing": QT_TRANSLATE_NOOP(
        "Terms",
        "Teaches the model not to be 100% sure, which makes its "
        "confidence more honest. 0.1 is a safe default.",
    ),
    "warmup": QT_TRANSLATE_NOOP(
        "Terms",
        "Starts with small steps for the first part of training, so the new head "
        "does not disturb the pretrained layers.",
    ),
    "schedule": QT_TRANSLATE_NOOP(
        "Terms",
        "How the step size shrinks during training. Cosine is smooth and "
        "reliable; one-cycle can be faster for short runs.",
    ),
    "class_weights": QT_TRANSLATE_NOOP(
        "Terms",
        "Counts photos of small categories more, so a category with few photos is not ignored.",
    ),
    "patience": QT_TRANSLATE_NOOP(
        "Terms",
        "Stops when the checking score has not improved for this many epochs "
        "and keeps the best epoch. 0 never stops early.",
    ),
    "seed": QT_TRANSLATE_NOOP(
        "Terms",
        "Fixes the randomness, so the same settings give the same result.",
    ),
    "precision": QT_TRANSLATE_NOOP(
        "Terms",
        "How exactly numbers are stored while computing. Automatic measures "
        "once which is fastest on this computer.",
    ),
    "device": QT_TRANSLATE_NOOP(
        "Terms",
        "Where the computation runs: the processor (CPU) or a graphics card "
        "(GPU) if one is available.",
    ),
    "loss": QT_TRANSLATE_NOOP(
        "Terms",
        "How wrong the model is on the photos, averaged: lower is better. The "
        "faint line is every step, the solid line is smoothed.",
    ),
    "accuracy": QT_TRANSLATE_NOOP(
        "Terms",
        "The share of photos the model names correctly: on the training photos "
        "and on the checking (validation) photos.",
    ),
}


def term(key: str) -> str:
    """The explanation of ``key`` in the window's language."""
    return QCoreApplication.translate("Terms", TERMS[key])


def tip(key: str) -> str:
    """The tooltip text for ``key`` (rich text, so Qt wraps long lines)."""
    return f"<p>{term(key)}</p>"
