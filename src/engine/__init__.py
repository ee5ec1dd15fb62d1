"""Finetune Studio's headless core: no Qt here, ever.

Data scanning and loading, backbones and freezing, training, evaluation, prediction, model
files, export, projects and the command line. Every long call takes ``on_progress`` and
``should_stop`` callables so that a GUI worker or a script can drive it the same way.
"""

__version__ = "0.1.0"
APP_NAME = "Finetune Studio"
