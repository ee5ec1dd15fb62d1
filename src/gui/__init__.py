"""Finetune Studio's window: PySide6 + pyqtgraph views over the headless engine.

The GUI only arranges and shows; the engine does the work, on worker threads
(:mod:`gui.workers`). Heavy engine modules (anything importing torch) are imported lazily
so that the window appears before torch has loaded.
"""
